"""Start-up and import cost, each probe in a fresh process of the benchmark's own interpreter: what every
program run, provider host and plugin process pays before it does any work.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .measure import COMMAND_TIMEOUT_S, BenchError

# The native plugin, as the engine starts it: the console script in the virtualenv's bin folder.
PLUGIN = Path(sys.prefix) / "bin" / "pulumi-resource-xobin"
# Times a client's construction in a fresh interpreter (a script, so its imports are type-checked).
CLIENT_TIMER = Path(__file__).with_name("client_timer.py")
# What the dynamic-provider host has imported before it unpickles the first provider.
HOST_PRELUDE = "import dill, grpc, pulumi.dynamic, pulumi.runtime; "


def import_ms(module: str, prelude: str = "") -> float:
    """Cumulative milliseconds of `import module` as a top-level import, after `prelude`, in a fresh
    `python -X importtime`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"{prelude}import {module}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=COMMAND_TIMEOUT_S,
    )
    found = 0
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s*(\d+)\s*\|\s*(\d+)\s*\|(\s*)(\S+)$", line)
        # The top-level line of the module: its name is not indented under another import.
        if match and match.group(4) == module and len(match.group(3)) == 1:
            found = int(match.group(2))
    if not found:
        raise BenchError(f"no import-time line for {module} after {prelude!r}")
    return found / 1000


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
    done = subprocess.run(
        [sys.executable, str(CLIENT_TIMER), kind],
        capture_output=True,
        text=True,
        check=True,
        timeout=COMMAND_TIMEOUT_S,
    )
    return float(done.stdout)


# The engine passes the plugin its own address; the plugin only dials it to send a warning.
NO_ENGINE = "127.0.0.1:1"
PROBES: tuple[tuple[str, Callable[[], float]], ...] = (
    ("`import pulumi` alone (the SDK both faces build on)", lambda: import_ms("pulumi")),
    (
        "`import pulumi_xobin` (a dynamic program; fresh interpreter)",
        lambda: import_ms("pulumi_xobin"),
    ),
    (
        "`import pulumi_xobin.native` (a native program; fresh interpreter)",
        lambda: import_ms("pulumi_xobin.native"),
    ),
    (
        "`import pulumi_xobin._plugin.server` (the native plugin; fresh interpreter)",
        lambda: import_ms("pulumi_xobin._plugin.server"),
    ),
    (
        "native plugin start (`pulumi-resource-xobin` to its port line)",
        lambda: until_port_ms([str(PLUGIN), NO_ENGINE]),
    ),
    (
        "dynamic-provider host start (`python -m pulumi.dynamic` to its port line)",
        lambda: until_port_ms([sys.executable, "-u", "-m", "pulumi.dynamic"]),
    ),
    (
        "then, in the dynamic-provider host: `import pulumi_xobin` (unpickling the provider)",
        lambda: import_ms("pulumi_xobin", HOST_PRELUDE),
    ),
    (
        "then, in the dynamic-provider host, naive: `import httpx`",
        lambda: import_ms("httpx", HOST_PRELUDE),
    ),
    ("first `XobinClient` in a process (`httpx.Client`: SSL context, CA bundle)", lambda: client_ms("xobin")),
    ("`httpx.Client()` (what every naive `httpx.post` builds)", lambda: client_ms("httpx")),
)


def probe_runs(runs: int) -> dict[str, list[float]]:
    """Every probe `runs` times, in milliseconds."""
    figures: dict[str, list[float]] = {label: [] for label, _ in PROBES}
    for _ in range(runs):
        for label, probe in PROBES:
            figures[label].append(probe())
    return figures
