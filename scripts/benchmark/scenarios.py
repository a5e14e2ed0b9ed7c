"""What the benchmark runs. A stack's life is a sequence of steps, each one CLI command measured against an
emulator the caller started; the full run and `--scale` differ only in which programs, sizes and steps.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TypeVar

from hermetic import Hermetic
from pulumi_xobin.emulator import Emulator

from .measure import API_KEY, COMMAND_TIMEOUT_S, BenchError, How, Project, Sample, progress, traffic

UP = ("up", "--yes")
SKIP = "--skip-preview"
T = TypeVar("T")


@dataclass(frozen=True)
class Step:
    label: str
    args: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    new_stack: bool = False  # runs on a stack created just before it
    change: tuple[str, str] | None = None  # a config value set just before it, so it writes

    @property
    def skips_preview(self) -> bool:
        return SKIP in self.args


def change_start(n: int) -> tuple[str, str]:
    return ("startUrl", f"https://hooks.example.com/start/changed-{n}")


# Every operation on the quickstart (one `WebhookSettings`), of each face and of the naive program.
QUICKSTART = (
    Step("create (new stack)", (*UP, SKIP), new_stack=True),
    Step("preview, no changes", ("preview",)),
    Step("up, no changes", (*UP, SKIP)),
    Step("up, no changes", UP),
    Step("up, one change", (*UP, SKIP), change=change_start(1)),
    Step("up, one change", UP, change=change_start(2)),
    Step("refresh", ("refresh", "--yes", SKIP)),
    Step("refresh", ("refresh", "--yes")),
    Step("destroy", ("destroy", "--yes", SKIP)),
    Step("create (new stack)", UP, new_stack=True),
    Step("destroy", ("destroy", "--yes")),
)
QUICKSTART_PROGRAMS = {program: program for program in ("dynamic", "native", "naive")}
# Pulumi's experimental switch that lets the engine ask providers for diffs concurrently (off by default).
PARALLEL_DIFF = (("PULUMI_PARALLEL_DIFF", "true"),)
# The full run's per-interview resources (dynamic), with and without emulator latency.
SCALE = (
    Step("up (create), --skip-preview", (*UP, SKIP), new_stack=True),
    Step("preview, no changes", ("preview",)),
    Step("preview, no changes, PULUMI_PARALLEL_DIFF", ("preview",), PARALLEL_DIFF),
)
SCALE_SIZES = (1, 10, 50, 200)
LATENCY_MS = 50
# Without it, the engine writes the whole state after every step (Pulumi's own switch).
NO_CHECKPOINTS = (("PULUMI_SKIP_CHECKPOINTS", "true"),)
# `--scale`: a stack's whole life, then a create and destroy without checkpoints on a second stack.
LIFE = (
    Step("create", (*UP, SKIP), new_stack=True),
    Step("preview, no changes", ("preview",)),
    Step("update one", (*UP, SKIP), change=("changed", "1")),
    Step("refresh", ("refresh", "--yes", SKIP)),
    Step("destroy", ("destroy", "--yes", SKIP)),
    Step("create, PULUMI_SKIP_CHECKPOINTS", (*UP, SKIP), NO_CHECKPOINTS, new_stack=True),
    Step("destroy, PULUMI_SKIP_CHECKPOINTS", ("destroy", "--yes", SKIP), NO_CHECKPOINTS),
)
# Each face's per-interview project: the native one has the plugin in its Pulumi.yaml and `face: native`.
FACES = {"dynamic": "per-interview", "native": "per-interview-native"}
# A command of thousands of resources takes minutes on the 2-core machine; this only stops a hung one.
SCALE_TIMEOUT_S = 3600
# The goal's no-op previews of both faces, paired: more than the other figures get, since the difference
# sought is a few hundredths of a second.
GOAL_PAIRS = 10


@dataclass
class Figures:
    """Every run of one step of one program at one size and latency; `failure` is the first run's error."""

    samples: list[Sample] = field(default_factory=list)
    failure: str = ""

    def walls(self) -> list[float]:
        return [s.wall_s for s in self.samples]

    def most(self, what: str) -> int:
        return max(int(getattr(s, what)) for s in self.samples)


# (program, resources, latency in ms, step) -> figures
Key = tuple[str, int, int, Step]
Results = defaultdict[Key, Figures]


def failure_text(err: BenchError, writes: int) -> str:
    """The exception a program raised, else the CLI's last error line, and the writes before it."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    raised = [line for line in lines if re.match(r"\w+(Error|Exception)\b", line)]
    errors = [line for line in lines if line.startswith("error:")]
    return f"{(raised or errors or ['failed'])[-1][:160]} (after {writes} writes)"


def life(
    project: Project,
    emulator: Emulator,
    steps: Sequence[Step],
    tag: str,
    config: Mapping[str, str],
    into: Sequence[Figures],
    *,
    export: bool,
    scale: bool,
) -> str:
    """A stack's life, step by step, into `into` (one per step); with `export`, returns the state after
    the first step. With `scale` (--scale) it watches the processes, and a failed step is recorded and
    the rest of its stack skipped, so the figures say how far each program got."""
    stack, exported = "", ""
    for number, (step, figures) in enumerate(zip(steps, into, strict=True)):
        stack = f"{tag}-{number}" if step.new_stack else stack
        if not stack:
            continue  # the stack's first step failed
        try:
            if step.new_stack:
                project.new_stack(stack, emulator.url, config)
            if step.change:
                project.pulumi("config", "set", "--stack", stack, *step.change)
            options = How(dict(step.env), SCALE_TIMEOUT_S if scale else COMMAND_TIMEOUT_S, scale)
            figures.samples.append(project.measure(emulator, stack, step.args, options))
        except BenchError as err:
            if not scale:
                raise
            figures.failure = figures.failure or failure_text(err, traffic(emulator).writes)
            stack = ""
            continue
        if export and not exported:
            exported = project.pulumi("stack", "export", "--stack", stack)
    return exported


def in_turn(items: Sequence[T], run: int) -> list[T]:
    """`items`, each first in turn from run to run, so drift on the machine spreads over all of them."""
    shift = run % len(items)
    return [*items[shift:], *items[:shift]]


def config_of(program: str, n: int) -> dict[str, str]:
    """The stack config for `n` resources (the quickstart programs ignore it)."""
    return {"count": str(n), **({"face": "native"} if program.endswith("native") else {})}


def runs_of(
    hermetic: Hermetic,
    emulators: Mapping[int, Emulator],
    programs: Mapping[str, str],
    steps: Sequence[Step],
    sizes: Sequence[int],
    runs: int,
    results: Results,
    scale: bool = False,
) -> dict[str, str]:
    """`steps` of each program (its name -> its project) at each size and latency, a new stack each, the
    programs back to back so drift cancels out of their ratios; returns each program's state after its
    first step at the largest size."""
    for name in programs.values():  # one untimed preview each: the first pays for cold caches
        warm = Project.of(hermetic, name)
        warm.new_stack("warm-up", emulators[0].url, config_of(name, 1))
        warm.pulumi("preview", "--stack", "warm-up")
    exports: dict[str, str] = {}
    for run, n in ((run, n) for run in range(runs) for n in sizes):
        for program in in_turn(list(programs), run):
            for latency in in_turn(sorted(emulators), run):
                progress(f"{program}: {n} resources, {latency} ms, run {run + 1} of {runs}")
                project, tag = Project.of(hermetic, programs[program]), f"{program}-n{n}-l{latency}-r{run}"
                into = [results[(program, n, latency, step)] for step in steps]
                first = n == max(sizes) and program not in exports
                config = config_of(programs[program], n)
                args = project, emulators[latency], steps, tag, config, into
                exported = life(*args, export=first, scale=scale)
                exports.update({program: exported} if first else {})
    return exports


def goal_runs(hermetic: Hermetic, emulator: Emulator) -> dict[str, list[float]]:
    """Wall seconds of a no-op `pulumi preview` per face: one stack each, previewed in turns."""
    projects = {face: Project.of(hermetic, face) for face in ("native", "dynamic")}
    for project in projects.values():
        project.new_stack("goal", emulator.url, {})
        project.pulumi(*UP, SKIP, "--stack", "goal")
    walls: dict[str, list[float]] = {face: [] for face in projects}
    for pair in range(GOAL_PAIRS):
        progress(f"goal: no-op previews, native and dynamic, pair {pair + 1} of {GOAL_PAIRS}")
        for face in in_turn(list(projects), pair):
            walls[face].append(projects[face].measure(emulator, "goal", ("preview",)).wall_s)
    return walls


def emulators(stack: ExitStack, interviews: int) -> dict[int, Emulator]:
    """Emulators answering GET, one at once and one adding LATENCY_MS to every request."""

    def one(latency: int) -> Emulator:
        return Emulator(api_key=API_KEY, interviews=interviews, latency_ms=latency, get_enabled=True)

    return {latency: stack.enter_context(one(latency)) for latency in (0, LATENCY_MS)}


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
