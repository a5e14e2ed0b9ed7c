"""A pytest plugin for testing the receiving end of Xobin's webhooks against the settings a program
applies: registered through the `pytest11` entry point, so installing pulumi-xobin is all it takes.

    def test_receiver(xobin_emulator):
        ...  # apply the Pulumi program with xobin:baseUrl = xobin_emulator.url, xobin:apiKey = .api_key
        record = xobin_emulator.send("start", interview_id="ai-interview-1")
        assert record["status"] == 200

It imports only the emulator (standard library), never the provider's client or models.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from pulumi_xobin.emulator import Emulator

__all__ = ["xobin_emulator"]


@pytest.fixture
def xobin_emulator() -> Iterator[Emulator]:
    """A Xobin emulator on a free loopback port for this test: `.url` (the API base URL, for
    `xobin:baseUrl`), `.api_key` (for `xobin:apiKey`), `.send(event, interview_id)` (a delivery record)
    and `.admin` (its stored settings and delivery records)."""
    with Emulator(api_key=f"test-{secrets.token_hex(8)}") as emulator:
        yield emulator
