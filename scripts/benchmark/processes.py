"""Where one CLI command's work goes: the CPU seconds and the peak memory of its processes, by role.

The roles: the **engine** (the `pulumi` CLI and the language host it starts), the **program** (the Python
process that runs `__main__.py`) and the **provider** (the native plugin, or Pulumi's dynamic-provider
host; a plain `up` starts one per pass). A thread reads /proc while the command runs: the processes it
counts are those with the hermetic set-up's PULUMI_HOME in their environment, which the command and all
it starts inherit and nothing else has. For each it keeps the last CPU time (user and system) and the
peak resident memory (VmHWM, which the kernel tracks) it saw; a process that ends between two readings
loses at most one interval of CPU time, which the figures of short commands should be read with.
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
    """CPU seconds and peak resident memory (MiB) of one role's processes during one command; the
    memory is the largest of its processes' peaks (they run one after another, or are small)."""

    processes: int
    cpu_s: float
    peak_mib: float


def role_of(command: list[str]) -> str | None:
    """The role of a process started by the CLI, from its command line; None for helpers (such as the
    `pip list` the Python language host runs), which count with the engine."""
    # python <script> ..., or python -u -m pulumi.dynamic ... (Pulumi's launcher of the dynamic-provider host)
    words = [Path(word).name for word in command[:4]]
    if "pulumi-language-python-exec" in words:
        return "program"
    if "pulumi-resource-xobin" in words or "pulumi.dynamic" in words:
        return "provider"
    return None


@dataclass(frozen=True)
class Seen:
    """One process as last read: its command line, its role, its CPU seconds and peak MiB."""

    command: tuple[str, ...]
    role: str
    cpu_s: float
    peak_mib: float


@dataclass
class Watch:
    """The processes of one command, by pid."""

    marker: bytes
    seen: dict[int, Seen] = field(default_factory=dict)
    # The processes that ran before the command started, so cannot be its own.
    before: set[int] = field(default_factory=set)

    def start(self) -> None:
        self.before = {int(entry.name) for entry in PROC.iterdir() if entry.name.isdigit()}

    def read(self) -> None:
        for entry in PROC.iterdir():
            if not entry.name.isdigit() or int(entry.name) in self.before:
                continue
            pid = int(entry.name)
            try:
                # Read again until it matches: just after a fork, before its exec, a process of the
                # command's still has the environment of the process that started it.
                if pid not in self.seen and self.marker not in (entry / "environ").read_bytes().split(b"\0"):
                    continue
                command = tuple((entry / "cmdline").read_bytes().decode(errors="replace").split("\0"))
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                status = (entry / "status").read_text()
            except OSError:  # it ended, or is not ours to read
                continue
            if command == ("",):  # it ended, and waits for its parent: keep what was read last
                continue
            # Fields 14 and 15 of /proc/<pid>/stat (user and system ticks), counted after the name.
            cpu = (int(stat[11]) + int(stat[12])) / TICKS_PER_S
            peak = next(
                (int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")),
                0.0,
            )
            last = self.seen.get(pid)
            if last is not None and last.command == command:
                peak = max(peak, last.peak_mib)
            # A new command line is an exec: the memory figures start again, the CPU time goes on.
            self.seen[pid] = Seen(command, role_of(list(command)) or "engine", cpu, peak)

    def usage(self) -> dict[str, Usage]:
        by_role = {role: [p for p in self.seen.values() if p.role == role] for role in ROLES}
        return {
            role: Usage(len(seen), sum(p.cpu_s for p in seen), max((p.peak_mib for p in seen), default=0.0))
            for role, seen in by_role.items()
        }


@contextmanager
def watching(pulumi_home: Path) -> Iterator[Watch]:
    """Reads the command's processes every INTERVAL_S until the block ends; the figures are complete
    after it."""
    watch = Watch(f"PULUMI_HOME={pulumi_home}".encode())
    watch.start()
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
