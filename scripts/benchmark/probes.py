"""Start-up and import cost, each probe in a fresh process of the benchmark's own interpreter: what every
program run, provider host and plugin process pays before it does any work."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .measure import COMMAND_TIMEOUT_S, BenchError

# The native plugin as the engine starts it, with an engine address it only dials to send a warning.
PLUGIN = [str(Path(sys.prefix) / "bin" / "pulumi-resource-xobin"), "127.0.0.1:1"]
HOST = [sys.executable, "-u", "-m", "pulumi.dynamic"]
# What the dynamic-provider host has imported before it unpickles the first provider.
HOST_PRELUDE = "import dill, grpc, pulumi.dynamic, pulumi.runtime; "


def python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=True, timeout=COMMAND_TIMEOUT_S
    )


def import_ms(module: str, prelude: str = "") -> float:
    """Cumulative milliseconds of `import module` at the top level, after `prelude` (`-X importtime`)."""
    for line in python("-X", "importtime", "-c", f"{prelude}import {module}").stderr.splitlines():
        # The module's own line: its name not indented under another import.
        found = re.fullmatch(r"import time:\s*\d+\s*\|\s*(\d+)\s*\| (\S+)", line)
        if found and found.group(2) == module:
            return int(found.group(1)) / 1000
    raise BenchError(f"no import-time line for {module} after {prelude!r}")


def until_port_ms(command: list[str]) -> float:
    """From starting `command` until it prints a port: what the engine waits for before its first call."""
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        try:
            line = process.stdout.readline() if process.stdout else b""
            elapsed = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=10)
    if not line.strip().isdigit():
        raise BenchError(f"{' '.join(command)} printed {line!r}, not a port")
    return elapsed * 1000


def client_ms(kind: str) -> float:
    return float(python(str(Path(__file__).with_name("client_timer.py")), kind).stdout)


PROBES: dict[str, Callable[[], float]] = {
    "`import pulumi` alone (the SDK both faces build on)": lambda: import_ms("pulumi"),
    "`import pulumi_xobin` (a dynamic program)": lambda: import_ms("pulumi_xobin"),
    "`import pulumi_xobin.native` (a native program)": lambda: import_ms("pulumi_xobin.native"),
    "`import pulumi_xobin._plugin.server` (the native plugin)": lambda: import_ms(
        "pulumi_xobin._plugin.server"
    ),
    "native plugin start (`pulumi-resource-xobin` to its port line)": lambda: until_port_ms(PLUGIN),
    "dynamic-provider host start (`python -m pulumi.dynamic` to its port line)": lambda: until_port_ms(HOST),
    "then, in that host: `import pulumi_xobin` (unpickling the provider)": lambda: import_ms(
        "pulumi_xobin", HOST_PRELUDE
    ),
    "then, in that host, naive: `import httpx`": lambda: import_ms("httpx", HOST_PRELUDE),
    "first `XobinClient` in a process (`httpx.Client`: SSL context, CA bundle)": lambda: client_ms("xobin"),
    "`httpx.Client()` (what every naive `httpx.post` builds)": lambda: client_ms("httpx"),
}


def probe_runs(runs: int) -> dict[str, list[float]]:
    """Every probe `runs` times, in turns, in milliseconds."""
    figures: dict[str, list[float]] = {label: [] for label in PROBES}
    for _ in range(runs):
        for label, probe in PROBES.items():
            figures[label].append(probe())
    return figures
