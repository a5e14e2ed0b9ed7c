"""The benchmark's harness: its programs as hermetic Pulumi projects, and one CLI command's cost. Commands
run through the real `pulumi` CLI (not the automation API), so a plain `up` diffs twice (its preview, then
the update) as users see it, in one hermetic set-up (scripts/hermetic.py) shared by a whole run."""

from __future__ import annotations

import secrets
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hermetic import REPO, Hermetic, python_project
from pulumi_xobin.emulator import Emulator

from .processes import Usage, watching

BENCH_PROGRAMS = REPO / "scripts" / "bench_programs"
# Program name -> its folder, and whether its Pulumi.yaml points the engine at the native plugin.
PROGRAMS = {
    "dynamic": (REPO / "examples" / "quickstart", False),
    "native": (BENCH_PROGRAMS / "native", True),
    "naive": (BENCH_PROGRAMS / "naive", False),
    "per-interview": (BENCH_PROGRAMS / "per_interview", False),
    "per-interview-native": (BENCH_PROGRAMS / "per_interview", True),
}
# Any stack-config value works; a fresh random one per run keeps secrets out of every output.
API_KEY = f"bench-{secrets.token_hex(8)}"
PASSWORD = secrets.token_urlsafe(12)
COMMAND_TIMEOUT_S = 300
QUIET = ("--non-interactive", "--color", "never")
STARTED = time.perf_counter()


class BenchError(RuntimeError):
    """A command the benchmark depends on failed; the message carries its output."""


def progress(message: str) -> None:
    # On stderr, so stdout carries only the report.
    print(f"[bench {time.perf_counter() - STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Spread:
    """Several runs of one figure: their median, lowest and highest."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values))

    def text(self, digits: int = 2) -> str:
        low, high = f"{self.low:.{digits}f}", f"{self.high:.{digits}f}"
        return f"{self.median:.{digits}f}" + ("" if low == high else f" ({low}-{high})")


def spread(values: Sequence[float], digits: int = 2) -> str:
    return Spread.of(values).text(digits)


def table(header: str, rows: Sequence[Sequence[str]]) -> str:
    """A markdown table; `header` names its columns, separated by `|`."""
    lines = [f"| {' | '.join(header.split('|'))} |", "|" + "|".join("---" for _ in header.split("|")) + "|"]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


@dataclass(frozen=True)
class Sample:
    """One command: its wall time; what the emulator saw (API requests, the writes among them, the
    connections they came on, the most it answered at once); with a watch, its processes' work."""

    wall_s: float
    requests: int
    writes: int
    connections: int
    peak_in_flight: int
    usage: Mapping[str, Usage] = field(default_factory=dict)


def traffic(emulator: Emulator, wall_s: float = 0.0, usage: Mapping[str, Usage] | None = None) -> Sample:
    report = emulator.admin.requests()
    log = report["log"]
    writes = [e for e in log if e["status"] != 405 and not e["read"] and e["method"] in ("POST", "PUT")]
    connections, peak = int(report["connections"]), int(report["peak_in_flight"])
    return Sample(wall_s, len(log), len(writes), connections, peak, usage or {})


@dataclass(frozen=True)
class How:
    """How a command runs: its extra environment, its time limit, and whether its processes are watched."""

    env: Mapping[str, str] = field(default_factory=dict)
    timeout_s: float = COMMAND_TIMEOUT_S
    watch: bool = False


DEFAULT = How()


@dataclass(frozen=True)
class Project:
    folder: Path
    hermetic: Hermetic

    @classmethod
    def of(cls, hermetic: Hermetic, program: str) -> Project:
        """The program's hermetic copy, made on first use."""
        folder = hermetic.root / program
        if not folder.exists():
            source, plugin = PROGRAMS[program]
            shutil.copytree(source, folder, ignore=shutil.ignore_patterns("Pulumi*.yaml", "__pycache__"))
            project_file = python_project(f"bench-{program}", Path(sys.prefix), plugin=plugin)
            (folder / "Pulumi.yaml").write_text(project_file)
        return cls(folder, hermetic)

    def pulumi(
        self, *args: str, env: Mapping[str, str] | None = None, timeout_s: float = COMMAND_TIMEOUT_S
    ) -> str:
        """Run the CLI; its stdout, or BenchError with the end of its output."""
        command = " ".join(args)
        try:
            done = self.hermetic.pulumi(*args, *QUIET, cwd=self.folder, extra_env=env, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            raise BenchError(f"`pulumi {command}` took over {timeout_s:.0f} s") from None
        if done.returncode != 0:
            raise BenchError(
                f"`pulumi {command}` in {self.folder.name} exited {done.returncode}:\n"
                f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def new_stack(self, stack: str, base_url: str, config: Mapping[str, str]) -> None:
        self.pulumi("stack", "init", stack)
        values = [
            f"--plaintext={key}={value}" for key, value in {"xobin:baseUrl": base_url, **config}.items()
        ]
        values += [f"--secret=xobin:apiKey={API_KEY}", f"--secret=webhookPassword={PASSWORD}"]
        self.pulumi("config", "set-all", "--stack", stack, *values)

    def measure(self, emulator: Emulator, stack: str, args: Sequence[str], how: How = DEFAULT) -> Sample:
        """One CLI command's wall time and the API requests it made; with `how.watch`, its processes' work."""
        emulator.admin.clear_requests()
        with watching(self.hermetic.home if how.watch else None) as watched:
            started = time.perf_counter()
            self.pulumi(*args, "--stack", stack, env=how.env, timeout_s=how.timeout_s)
            wall = time.perf_counter() - started
        return traffic(emulator, wall, watched.usage() if how.watch else None)
