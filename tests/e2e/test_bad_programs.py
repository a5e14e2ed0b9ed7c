"""Malformed programs through the real Pulumi CLI: `preview` fails naming the field, and sends nothing.

The programs live in tests/e2e/programs/<name>/ (they are not examples). Each is run as its own project
in a temporary folder through the `make_stack` fixture, against a fresh
emulator, with the webhook password and the account API key as stack secrets. Neither secret may show
in anything the CLI printed, and the emulator must not have seen a single request.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from pulumi import automation as auto

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import PROGRAMS, E2EStack, StackFactory

pytestmark = pytest.mark.e2e

ProgramStackFactory = Callable[[str], E2EStack]


@pytest.fixture
def program_stack(
    make_stack: StackFactory, emulator: Emulator, api_key: str, password: str
) -> ProgramStackFactory:
    """A stack of one program from tests/e2e/programs, configured for the emulator."""

    def factory(name: str) -> E2EStack:
        project = "xobin-" + name.replace("_", "-")
        return make_stack(
            PROGRAMS / name,
            project=project,
            emulator=emulator,
            api_key=api_key,
            secrets={"webhookPassword": password},
        )

    return factory


@pytest.mark.parametrize(
    ("program", "field", "phrase"),
    [
        pytest.param("auth_oauth", "auth.type", "must be 'basic' or 'apikey'", id="unknown-auth-type"),
        pytest.param("auth_both_kinds", "auth", "not both", id="both-auth-kinds"),
        pytest.param("header_colon", "auth.header", "valid HTTP header name", id="header-with-colon"),
        pytest.param("interview_id_slash", "interview_id", "URL path segment", id="interview-id-with-slash"),
        pytest.param("http_public_host", "start.url", "must use https", id="http-to-a-public-host"),
        pytest.param("typo_in_webhook", "submission.enabeld", "unknown property", id="misspelt-field"),
    ],
)
def test_malformed_program_fails_preview_naming_the_field(
    program: str,
    field: str,
    phrase: str,
    program_stack: ProgramStackFactory,
    emulator: Emulator,
    api_key: str,
    password: str,
) -> None:
    stack = program_stack(program)
    with pytest.raises(auto.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    # The engine words it "property <field> value {...} has a problem: <reason>".
    assert re.search(
        rf"property {re.escape(field)} value .* has a problem: [^\n]*{re.escape(phrase)}", message
    ), message
    assert emulator.admin.requests()["total"] == 0
    printed = stack.all_output() + stack.export_text()
    assert password not in printed
    assert api_key not in printed
