"""Large stacks (`scripts/bench --scale`): N per-interview resources of each face, N = 1 to 2,000, through
their whole life (create, a no-op preview, an update of one, refresh, destroy), against an emulator that
answers at once and one that adds latency to every request; for each command its wall time, its API
requests, and the CPU time and peak memory of the engine, the program and the provider (`processes`).

Each face, latency and size gets a new stack. A command that fails is recorded with its error, and the
rest of that stack's life is skipped: the figures say how far each face got.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pulumi_xobin.emulator import Emulator

from .measure import BenchError, Project, Sample, Traffic, Workspace, progress
from .processes import ROLES, Usage, watching
from .scenarios import ScaleOp

SIZES = (1, 10, 100, 1000, 2000)
LATENCIES_MS = (0, 50)
# Each face's project: the same program (scripts/bench_programs/per_interview), the native one with the
# plugin entry in its Pulumi.yaml and `face: native` in its stack config.
PROJECTS = {"dynamic": "per-interview", "native": "per-interview-native"}
# A command of thousands of resources takes minutes on the 2-core machine; this only stops a hung one.
TIMEOUT_S = 3600
# Without it, the engine writes the whole state after every step (Pulumi's own switch).
SKIP_CHECKPOINTS = {"PULUMI_SKIP_CHECKPOINTS": "true"}
UP = ("up", "--yes", "--skip-preview")
DESTROY = ("destroy", "--yes", "--skip-preview")


@dataclass(frozen=True)
class LifeStep(ScaleOp):
    new_stack: bool = False  # the first step of a stack's life
    change_one: bool = False  # the program changes one resource's settings first, so one write


LIFE = (
    LifeStep("create", "create", UP, new_stack=True),
    LifeStep("preview", "preview, no changes", ("preview",)),
    LifeStep("update-one", "update one", UP, change_one=True),
    LifeStep("refresh", "refresh", ("refresh", "--yes", "--skip-preview")),
    LifeStep("destroy", "destroy", DESTROY),
    # The same create and destroy without the engine's intermediate checkpoints, on a stack of their
    # own: the difference is what writing the state after every step costs.
    LifeStep("create-nockpt", "create, PULUMI_SKIP_CHECKPOINTS", UP, SKIP_CHECKPOINTS, new_stack=True),
    LifeStep("destroy-nockpt", "destroy, PULUMI_SKIP_CHECKPOINTS", DESTROY, SKIP_CHECKPOINTS),
)


@dataclass(frozen=True)
class Measured:
    """One command: its wall time and requests, and its processes' work by role."""

    sample: Sample
    usage: dict[str, Usage]


@dataclass
class LifeFigures:
    """One step of the life of `size` resources of one face at one latency, over the runs."""

    face: str
    step: LifeStep
    size: int
    latency_ms: int
    runs: list[Measured] = field(default_factory=list)
    failure: str = ""  # the error of the first run in which the step failed

    def to_json(self) -> dict[str, Any]:
        return {
            "face": self.face,
            "operation": self.step.key,
            "command": "pulumi " + " ".join(self.step.args),
            "env": dict(self.step.extra_env),
            "resources": self.size,
            "latency_ms": self.latency_ms,
            "wall_s": [m.sample.wall_s for m in self.runs],
            "requests": [m.sample.traffic.total for m in self.runs],
            "connections": [m.sample.traffic.connections for m in self.runs],
            "peak_in_flight": [m.sample.traffic.peak_in_flight for m in self.runs],
            "cpu_s": {role: [m.usage[role].cpu_s for m in self.runs] for role in ROLES},
            "peak_mib": {role: [m.usage[role].peak_mib for m in self.runs] for role in ROLES},
            "failure": self.failure,
        }


def failure_text(err: BenchError, traffic: Traffic) -> str:
    """What failed, as the report says it: the exception a program raised (else the CLI's last error
    line), and how many writes reached the API before."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    raised = [line for line in lines if re.match(r"\w+(Error|Exception)\b", line)]
    errors = [line for line in lines if line.startswith("error:")]
    what = (raised or errors or ["failed"])[-1][:160]
    return f"{what} (after {traffic.writes} writes)"


def stack_config(face: str, size: int) -> dict[str, str]:
    return {"count": str(size), **({"face": "native"} if face == "native" else {})}


def warm_up(workspace: Workspace, emulator: Emulator) -> None:
    """One untimed preview per face: the first command pays for cold caches (binaries, .pyc files)."""
    for face, program in PROJECTS.items():
        project = workspace.project(program)
        project.new_stack("warm-up", emulator.url, stack_config(face, 1))
        project.pulumi("preview", "--stack", "warm-up")


def life(
    workspace: Workspace,
    face: str,
    emulator: Emulator,
    size: int,
    tag: str,
    figures: Mapping[str, LifeFigures],
) -> None:
    """One stack's life, step by step, into `figures` (by step key)."""
    project: Project = workspace.project(PROJECTS[face])
    stack = ""
    for number, step in enumerate(LIFE):
        if step.new_stack:
            stack = f"{tag}-{number}"
        elif not stack:
            continue  # the stack's first step failed
        # A step's set-up fails like the step itself: recorded, and the rest of the run goes on.
        try:
            if step.new_stack:
                project.new_stack(stack, emulator.url, stack_config(face, size))
            if step.change_one:
                project.pulumi("config", "set", "--stack", stack, "changed", "1")
            with watching(workspace.hermetic.home) as watch:
                sample = project.measure(emulator, stack, step.args, step.extra_env, TIMEOUT_S)
        except BenchError as err:
            traffic = Traffic.from_report(emulator.admin.requests())
            figures[step.key].failure = figures[step.key].failure or failure_text(err, traffic)
            stack = ""
            continue
        figures[step.key].runs.append(Measured(sample, watch.usage()))


def scale_life_runs(
    workspace: Workspace, emulators: Mapping[int, Emulator], sizes: Sequence[int], runs: int
) -> list[LifeFigures]:
    figures = {
        (face, lat, n, step.key): LifeFigures(face, step, n, lat)
        for face in PROJECTS
        for lat in emulators
        for n in sizes
        for step in LIFE
    }
    for run in range(runs):
        # Which face and latency go first alternates, so drift on the machine spreads over both.
        faces = list(PROJECTS) if run % 2 == 0 else list(PROJECTS)[::-1]
        latencies = sorted(emulators, reverse=run % 2 == 1)
        for n in sizes:
            for face in faces:
                for lat in latencies:
                    progress(f"scale: {face}, {n} resources, {lat} ms, run {run + 1} of {runs}")
                    by_step = {step.key: figures[(face, lat, n, step.key)] for step in LIFE}
                    life(workspace, face, emulators[lat], n, f"{face}-n{n}-l{lat}-r{run}", by_step)
    return list(figures.values())
