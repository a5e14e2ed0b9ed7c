"""Prints the milliseconds one HTTP client takes to build in this fresh interpreter, its imports done first:
`python client_timer.py xobin` (the provider's `XobinClient`) or `httpx` (a plain `httpx.Client`). A script
of its own (run by `probes`), so that it starts with nothing else loaded and its imports are type-checked."""

import sys
import time

import httpx

from pulumi_xobin._api.client import XobinClient
from pulumi_xobin._api.connection import ConnectionSettings

if __name__ == "__main__":
    started = time.perf_counter()
    XobinClient(ConnectionSettings("http://127.0.0.1:9", "k")) if sys.argv[1] == "xobin" else httpx.Client()
    print((time.perf_counter() - started) * 1000)
