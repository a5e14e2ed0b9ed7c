"""What the benchmark runs: every operation on the quickstart of each face and of the naive program, and
per-interview resources at scale; each figure measured once per run, against emulators started by the
caller.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pulumi_xobin.emulator import Emulator

from .measure import BenchError, Project, Sample, Traffic, Workspace, progress

# The two faces of the package, each as the quickstart (one `WebhookSettings`), and the baseline.
FACES = ("dynamic", "native")
NAIVE = "naive"
SCALE_PROGRAM = "per-interview"
# The goal's comparison: no-op previews of both faces, paired and alternating, more of them than the
# other figures get, since the difference sought is a few hundredths of a second.
GOAL_PAIRS = 10
SCALE_SIZES = (1, 10, 50, 200)
SCALE_LATENCY_MS = 50
CONNECTIONS_SIZE = 50
# Pulumi's experimental switch that lets the engine ask providers for diffs concurrently (off by default).
PARALLEL_DIFF_ENV = {"PULUMI_PARALLEL_DIFF": "true"}
UP = ("up", "--yes")
SKIP = "--skip-preview"


@dataclass(frozen=True)
class Operation:
    key: str
    label: str
    args: tuple[str, ...]
    new_stack: bool = False  # runs on a stack created just before it
    change: bool = False  # the program's startUrl changes just before it

    @property
    def command(self) -> str:
        return "pulumi " + " ".join(self.args)

    @property
    def skips_preview(self) -> bool:
        return SKIP in self.args


OPERATIONS = (
    Operation("create-skip", "create (new stack)", (*UP, SKIP), new_stack=True),
    Operation("preview", "preview, no changes", ("preview",)),
    Operation("up-same-skip", "up, no changes", (*UP, SKIP)),
    Operation("up-same", "up, no changes", UP),
    Operation("up-change-skip", "up, one change", (*UP, SKIP), change=True),
    Operation("up-change", "up, one change", UP, change=True),
    Operation("refresh-skip", "refresh", ("refresh", "--yes", SKIP)),
    Operation("refresh", "refresh", ("refresh", "--yes")),
    Operation("destroy-skip", "destroy", ("destroy", "--yes", SKIP)),
    Operation("create", "create (new stack)", UP, new_stack=True),
    Operation("destroy", "destroy", ("destroy", "--yes")),
)


class Runs:
    """The samples of one command run several times: their wall times and what the emulator saw."""

    samples: list[Sample]

    def walls(self) -> list[float]:
        return [s.wall_s for s in self.samples]

    def counts(self, pick: Callable[[Traffic], int]) -> list[int]:
        return [pick(s.traffic) for s in self.samples]


@dataclass
class OperationFigures(Runs):
    """Every run of one operation of one program."""

    op: Operation
    program: str
    samples: list[Sample] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "operation": self.op.key,
            "label": self.op.label,
            "command": self.op.command,
            "program": self.program,
            "wall_s": self.walls(),
        }


def run_scenario(
    project: Project, emulator: Emulator, tag: str, export: bool
) -> tuple[dict[str, Sample], str | None]:
    """Every operation in order, on stacks named after `tag`; with `export`, also the state after the
    first one."""
    samples: dict[str, Sample] = {}
    exported: str | None = None
    stack = ""
    for op in OPERATIONS:
        if op.new_stack:
            stack = f"{tag}-{len(samples)}"
            project.new_stack(stack, emulator.url)
        if op.change:
            url = f"https://hooks.example.com/start/{stack}/{op.key}"
            project.pulumi("config", "set", "--stack", stack, "startUrl", url)
        samples[op.key] = project.measure(emulator, stack, op.args)
        if export and exported is None:
            exported = project.pulumi("stack", "export", "--stack", stack)
    return samples, exported


def quickstart_runs(
    workspace: Workspace, emulator: Emulator, runs: int
) -> tuple[list[OperationFigures], dict[str, str]]:
    """Every operation of each face and of the naive program; returns the figures and, per program, the
    state after its first create. The programs run back to back, each first in turn, so drift on the
    machine cancels out of the ratios of their wall times."""
    programs = (*FACES, NAIVE)
    figures = {(program, op.key): OperationFigures(op, program) for program in programs for op in OPERATIONS}
    exports: dict[str, str] = {}
    for run in range(runs):
        shift = run % len(programs)
        for program in programs[shift:] + programs[:shift]:
            progress(f"wall time: {program}, run {run + 1} of {runs}")
            samples, exported = run_scenario(workspace.project(program), emulator, f"r{run}", export=run == 0)
            for key, sample in samples.items():
                figures[(program, key)].samples.append(sample)
            if exported is not None:
                exports[program] = exported
    return list(figures.values()), exports


def goal_runs(workspace: Workspace, emulator: Emulator, pairs: int) -> dict[str, list[float]]:
    """Wall seconds of `pulumi preview` with no changes, per face: one stack each, previewed in turns
    (which face goes first alternates), so both see the same machine."""
    projects = {face: workspace.project(face) for face in FACES}
    for project in projects.values():
        project.new_stack("goal", emulator.url)
        project.pulumi("up", "--yes", SKIP, "--stack", "goal")
    walls: dict[str, list[float]] = {face: [] for face in FACES}
    for pair in range(pairs):
        progress(f"goal: no-op previews, native and dynamic, pair {pair + 1} of {pairs}")
        for face in FACES if pair % 2 == 0 else FACES[::-1]:
            walls[face].append(projects[face].measure(emulator, "goal", ("preview",)).wall_s)
    return walls


@dataclass(frozen=True)
class ScaleOp:
    key: str
    label: str
    args: tuple[str, ...]
    extra_env: Mapping[str, str] = field(default_factory=dict)


SCALE_OPS = (
    ScaleOp("up", "up (create), --skip-preview", (*UP, SKIP)),
    ScaleOp("preview", "preview, no changes", ("preview",)),
    ScaleOp(
        "preview-parallel-diff", "preview, no changes, PULUMI_PARALLEL_DIFF", ("preview",), PARALLEL_DIFF_ENV
    ),
)


@dataclass
class ScaleFigures(Runs):
    op: ScaleOp
    size: int
    latency_ms: int
    samples: list[Sample] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "operation": self.op.key,
            "label": self.op.label,
            "resources": self.size,
            "latency_ms": self.latency_ms,
            "wall_s": self.walls(),
            "requests": self.counts(lambda t: t.total),
            "connections": self.counts(lambda t: t.connections),
        }


def scale_runs(
    workspace: Workspace, emulators: Mapping[int, Emulator], runs: int
) -> tuple[list[ScaleFigures], str]:
    """A new stack per size, latency and run; returns the figures and one export of the largest size."""
    project = workspace.project(SCALE_PROGRAM)
    figures = {
        (op.key, n, lat): ScaleFigures(op, n, lat)
        for lat in emulators
        for n in SCALE_SIZES
        for op in SCALE_OPS
    }
    export = ""
    for run in range(runs):
        latencies = sorted(emulators) if run % 2 == 0 else sorted(emulators, reverse=True)
        for lat, n in ((lat, n) for lat in latencies for n in SCALE_SIZES):
            progress(f"scale: {n} resources, {lat} ms latency, run {run + 1} of {runs}")
            emulator, stack = emulators[lat], f"n{n}-l{lat}-r{run}"
            project.new_stack(stack, emulator.url, {"count": str(n)})
            for op in SCALE_OPS:
                sample = project.measure(emulator, stack, op.args, op.extra_env)
                figures[(op.key, n, lat)].samples.append(sample)
            if not export and n == max(SCALE_SIZES):
                export = project.pulumi("stack", "export", "--stack", stack)
    return list(figures.values()), export


def warm_up(workspace: Workspace, emulator: Emulator, programs: Sequence[str]) -> None:
    """One untimed preview per program: the first command pays for cold caches (binaries, .pyc files)."""
    for program in programs:
        project = workspace.project(program)
        project.new_stack("warm-up", emulator.url, {"count": "1"} if program == SCALE_PROGRAM else None)
        project.pulumi("preview", "--stack", "warm-up")


@dataclass(frozen=True)
class Footprint:
    """What a stack's state holds for the package's resources (or the naive program's)."""

    program: str
    resources: int
    provider_bytes: int  # the pickled provider of a dynamic resource; 0 for native ones (no code)
    resource_bytes: float
    export_bytes: int

    @classmethod
    def of(cls, program: str, export_text: str) -> Footprint:
        deployment = json.loads(export_text)["deployment"]
        managed = [
            r
            for r in deployment["resources"]
            if "__provider" in r.get("outputs", {}) or r["type"].startswith("xobin:index:")
        ]
        if not managed:
            raise BenchError(f"no Xobin settings resource in the {program} stack export")
        compact = [len(json.dumps(r, separators=(",", ":"))) for r in managed]
        pickled = managed[0].get("outputs", {}).get("__provider")
        provider = len(json.dumps(pickled, separators=(",", ":"))) if pickled is not None else 0
        return cls(program, len(managed), provider, statistics.mean(compact), len(export_text.encode()))
