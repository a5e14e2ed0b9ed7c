"""Fixtures shared by every test layer: a fresh emulator per test, with random credentials."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from pulumi_xobin.emulator import Emulator


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
