"""The benchmark's harness: its programs as hermetic Pulumi projects, and what one CLI command costs.

Commands run through the real `pulumi` CLI as subprocesses (not the automation API), so a plain `up`
diffs twice (its preview, then the update) exactly as users see it, in one hermetic set-up
(scripts/hermetic.py) shared by every project of a run.
"""

from __future__ import annotations

import secrets
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hermetic import REPO, Hermetic, python_project
from pulumi_xobin.emulator import Emulator

BENCH_PROGRAMS = REPO / "scripts" / "bench_programs"
# Program name -> its folder. Each face of the quickstart, and what users would write instead.
PROGRAMS = {
    "dynamic": REPO / "examples" / "quickstart",
    "native": BENCH_PROGRAMS / "native",
    "naive": BENCH_PROGRAMS / "naive",
    "per-interview": BENCH_PROGRAMS / "per_interview",
    "per-interview-native": BENCH_PROGRAMS / "per_interview",
}
# The programs whose Pulumi.yaml points the engine at the native plugin in the virtualenv.
NATIVE_PROGRAMS = {"native", "per-interview-native"}
# Any stack-config value works; a fresh random one per run keeps secrets out of every output.
API_KEY = f"bench-{secrets.token_hex(8)}"
PASSWORD = secrets.token_urlsafe(12)
COMMAND_TIMEOUT_S = 300
STARTED = time.perf_counter()


class BenchError(RuntimeError):
    """A command the benchmark depends on failed; the message carries its output."""


def progress(message: str) -> None:
    # On stderr, so stdout carries only the report; a full run takes minutes.
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
        median = f"{self.median:.{digits}f}"
        if f"{self.low:.{digits}f}" == f"{self.high:.{digits}f}":
            return median
        return f"{median} ({self.low:.{digits}f}-{self.high:.{digits}f})"


@dataclass(frozen=True)
class Traffic:
    """What the emulator saw during one command: the API requests, the writes among them (other POSTs
    and PUTs than the no-op read), and the connections they came on."""

    total: int
    writes: int
    connections: int
    peak_in_flight: int  # the most requests the emulator answered at once

    @classmethod
    def from_report(cls, report: Mapping[str, Any]) -> Traffic:
        log = report["log"]
        writes = [e for e in log if e["status"] != 405 and not e["read"] and e["method"] in ("POST", "PUT")]
        return cls(len(log), len(writes), int(report["connections"]), int(report["peak_in_flight"]))


@dataclass(frozen=True)
class Sample:
    wall_s: float
    traffic: Traffic


@dataclass(frozen=True)
class Workspace:
    """The hermetic set-up shared by every project of one benchmark run."""

    hermetic: Hermetic

    def project(self, program: str) -> Project:
        folder = self.hermetic.root / program
        if not folder.exists():
            shutil.copytree(
                PROGRAMS[program], folder, ignore=shutil.ignore_patterns("Pulumi*.yaml", "__pycache__")
            )
            project_file = python_project(
                f"bench-{program}", Path(sys.prefix), plugin=program in NATIVE_PROGRAMS
            )
            (folder / "Pulumi.yaml").write_text(project_file)
        return Project(folder, self.hermetic)


@dataclass(frozen=True)
class Project:
    folder: Path
    hermetic: Hermetic

    def pulumi(
        self, *args: str, extra_env: Mapping[str, str] | None = None, timeout_s: float = COMMAND_TIMEOUT_S
    ) -> str:
        """Run the CLI; its stdout, or BenchError with the end of its output."""
        command = " ".join(args)
        try:
            done = self.hermetic.pulumi(
                *args,
                "--non-interactive",
                "--color",
                "never",
                cwd=self.folder,
                extra_env=extra_env,
                timeout=timeout_s,
            )
        except subprocess.TimeoutExpired:
            raise BenchError(f"`pulumi {command}` took over {timeout_s:.0f} s") from None
        if done.returncode != 0:
            raise BenchError(
                f"`pulumi {command}` in {self.folder.name} exited {done.returncode}:\n"
                f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def new_stack(self, stack: str, base_url: str, plaintext: Mapping[str, str] | None = None) -> None:
        self.pulumi("stack", "init", stack)
        values = [f"--plaintext=xobin:baseUrl={base_url}"]
        values += [f"--plaintext={key}={value}" for key, value in (plaintext or {}).items()]
        values += [f"--secret=xobin:apiKey={API_KEY}", f"--secret=webhookPassword={PASSWORD}"]
        self.pulumi("config", "set-all", "--stack", stack, *values)

    def measure(
        self,
        emulator: Emulator,
        stack: str,
        args: Sequence[str],
        extra_env: Mapping[str, str] | None = None,
        timeout_s: float = COMMAND_TIMEOUT_S,
    ) -> Sample:
        """Wall time of one CLI command and the API requests it made."""
        admin = emulator.admin
        admin.clear_requests()
        started = time.perf_counter()
        self.pulumi(*args, "--stack", stack, extra_env=extra_env, timeout_s=timeout_s)
        wall = time.perf_counter() - started
        return Sample(wall, Traffic.from_report(admin.requests()))
