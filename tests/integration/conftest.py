"""The integration layer's emulator serves GET: most of these tests check the client's GET reads and
count requests accordingly. The tests of the doc-faithful mode (the POST read, no per-interview read)
switch GET off themselves with `admin.configure(get_enabled=False)`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pulumi_xobin.emulator import Emulator


@pytest.fixture
def emulator(api_key: str) -> Iterator[Emulator]:
    with Emulator(api_key=api_key, get_enabled=True) as emu:
        yield emu
