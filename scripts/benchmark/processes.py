"""Where one CLI command's work goes: the CPU seconds and the peak memory of its processes, by role.

The roles: the **engine** (the `pulumi` CLI, its language host and helpers), the **program** (the Python
process that runs `__main__.py`) and the **provider** (the native plugin, or Pulumi's dynamic-provider
host; one per pass). A thread reads /proc every INTERVAL_S while the command runs, counting the processes
with the hermetic set-up's PULUMI_HOME in their environment (the command and all it starts inherit it,
nothing else has it); for each it keeps the last CPU time and the peak resident memory (VmHWM) it saw, so
a process that ends between two readings loses at most one interval of CPU time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
INTERVAL_S = 0.1
ROLES = ("engine", "program", "provider")
TICKS_PER_S = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Usage:
    """CPU seconds of one role's processes, and the largest peak resident memory (MiB) among them."""

    processes: int
    cpu_s: float
    peak_mib: float


def role_of(command: list[str]) -> str | None:
    """The role of a process from its command line; None (the engine's) for helpers such as `pip list`."""
    words = [Path(word).name for word in command[:4]]
    if "pulumi-language-python-exec" in words:
        return "program"
    if "pulumi-resource-xobin" in words or "pulumi.dynamic" in words:
        return "provider"
    return None


@dataclass
class Watch:
    """The processes of one command, by pid: (command line, CPU seconds, peak MiB) as last read."""

    marker: bytes
    before: set[int] = field(
        default_factory=lambda: {int(p.name) for p in PROC.iterdir() if p.name.isdigit()}
    )
    seen: dict[int, tuple[tuple[str, ...], float, float]] = field(default_factory=dict)

    def read(self) -> None:
        for entry in PROC.iterdir():
            if not entry.name.isdigit() or int(entry.name) in self.before:
                continue
            pid = int(entry.name)
            try:
                # Just after a fork, before its exec, a process still has its parent's environment.
                if pid not in self.seen and self.marker not in (entry / "environ").read_bytes().split(b"\0"):
                    continue
                command = tuple((entry / "cmdline").read_bytes().decode(errors="replace").split("\0"))
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                status = (entry / "status").read_text()
            except OSError:  # it ended, or is not ours to read
                continue
            if command == ("",):  # ended, waiting for its parent: keep what was read last
                continue
            # Fields 14 and 15 of /proc/<pid>/stat (user and system ticks), counted after the name.
            cpu = (int(stat[11]) + int(stat[12])) / TICKS_PER_S
            peak = next(
                (int(ln.split()[1]) / 1024 for ln in status.splitlines() if ln.startswith("VmHWM:")), 0.0
            )
            last = self.seen.get(pid)
            if last is not None and last[0] == command:  # a new command line is an exec: memory starts again
                peak = max(peak, last[2])
            self.seen[pid] = (command, cpu, peak)

    def usage(self) -> dict[str, Usage]:
        by_role: dict[str, list[tuple[float, float]]] = {role: [] for role in ROLES}
        for command, cpu, peak in self.seen.values():
            by_role[role_of(list(command)) or "engine"].append((cpu, peak))
        return {
            role: Usage(len(seen), sum(c for c, _ in seen), max((p for _, p in seen), default=0.0))
            for role, seen in by_role.items()
        }


@contextmanager
def watching(pulumi_home: Path | None) -> Iterator[Watch]:
    """Reads the command's processes until the block ends (with no home, reads nothing)."""
    if pulumi_home is None:
        yield Watch(b"", before=set())
        return
    watch = Watch(f"PULUMI_HOME={pulumi_home}".encode())
    done = threading.Event()

    def loop() -> None:
        while not done.wait(INTERVAL_S):
            watch.read()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield watch
    finally:
        done.set()
        thread.join()
