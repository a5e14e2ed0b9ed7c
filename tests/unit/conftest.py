"""Unit tests open no socket: a test that needs a server or a connection belongs to tests/integration."""

from __future__ import annotations

import socket
from typing import Any

import pytest


def _refused(*_args: Any, **_kwargs: Any) -> None:
    raise AssertionError("a unit test opened a connection or a server: move it to tests/integration")


@pytest.fixture(autouse=True)
def _no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    # asyncio's own self-pipe (socketpair) stays allowed: it is no connection.
    for method in ("connect", "connect_ex", "bind"):
        monkeypatch.setattr(socket.socket, method, _refused)
