"""Prints the milliseconds one HTTP client takes to build in this fresh interpreter, its imports done
first: `python client_timer.py xobin` (the provider's `XobinClient`) or `httpx` (a plain `httpx.Client`).
Run by the benchmark's probes; a script of its own so that it starts with nothing else loaded.
"""

from __future__ import annotations

import sys
import time

import httpx

from pulumi_xobin._api.client import XobinClient
from pulumi_xobin._api.connection import ConnectionSettings


def build(kind: str) -> object:
    if kind == "xobin":
        return XobinClient(ConnectionSettings("http://127.0.0.1:9", "k"))
    if kind == "httpx":
        return httpx.Client()
    raise SystemExit(f"client_timer: unknown client {kind!r}")


if __name__ == "__main__":
    started = time.perf_counter()
    build(sys.argv[1])
    print((time.perf_counter() - started) * 1000)
