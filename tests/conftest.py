"""Fixtures shared by every test layer: a fresh emulator per test, with random credentials, and none of the
caller's own Pulumi or Xobin settings."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest

from hermetic import caller_settings
from pulumi_xobin.emulator import Emulator


@pytest.fixture(scope="session", autouse=True)
def _without_caller_settings() -> Iterator[None]:
    """The automation API passes this process's environment on to every CLI it starts, and the providers
    fall back to XOBIN_* variables: a PULUMI_* or XOBIN_* variable of the caller's shell would reach both."""
    with pytest.MonkeyPatch.context() as patch:
        for name in caller_settings(os.environ):
            patch.delenv(name)
        yield


@pytest.fixture
def api_key() -> str:
    return f"acct-key-{secrets.token_hex(8)}"


@pytest.fixture
def password() -> str:
    return f"pw-{secrets.token_hex(8)}"


@pytest.fixture
def emulator(api_key: str) -> Iterator[Emulator]:
    """Doc-faithful, as the published API: GET answers 405 (tests/integration serves GET)."""
    with Emulator(api_key=api_key) as emu:
        yield emu
