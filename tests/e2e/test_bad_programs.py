"""A malformed program through the real Pulumi CLI: `preview` fails naming the field, and sends nothing.

The program is a misspelt field in a plain dict, the mistake no type checker catches; it lives in
tests/e2e/programs/typo_in_webhook. What each field's rule says is tests/unit/test_inputs.py's, and
tests/unit/test_bad_inputs.py runs the malformed inputs through the provider as the engine drives it;
here the engine words the failure and the CLI prints it. Neither the webhook password nor the account API
key may show in anything the CLI printed, and the emulator must not have seen a single request.
"""

from __future__ import annotations

import re

import pytest
from pulumi import automation as auto

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import PROGRAMS, StackFactory

pytestmark = pytest.mark.e2e


def test_a_misspelt_field_fails_preview_naming_it(
    make_stack: StackFactory, emulator: Emulator, api_key: str, password: str
) -> None:
    stack = make_stack(
        PROGRAMS / "typo_in_webhook",
        project="xobin-typo-in-webhook",
        emulator=emulator,
        api_key=api_key,
        secrets={"webhookPassword": password},
    )
    with pytest.raises(auto.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    # The engine words it "property <field> value {...} has a problem: <reason>".
    assert re.search(
        r"property submission\.enabeld value .* has a problem: [^\n]*unknown property", message
    ), message
    assert emulator.admin.requests()["total"] == 0
    printed = stack.all_output() + stack.export_text()
    assert password not in printed
    assert api_key not in printed
