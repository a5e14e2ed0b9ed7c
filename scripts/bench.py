"""What the provider costs per operation, against what users would write instead (`scripts/bench`).

Everything runs through the real `pulumi` CLI as subprocesses (not the automation API), so a plain `up`
diffs twice (its preview, then the update) exactly as users see it, against local Xobin emulators,
hermetically: a temporary PULUMI_HOME, a file:// backend, a passphrase secrets provider, no update checks
and no plugin downloads. Every figure is measured `--runs` times in this one process, so figures compare;
they are reported as median (min-max). Sections:

1. HTTP economy per operation (emulator request counters) against the limit: 1 read per diff, 1 write
   per create/update/delete, 1 read per refresh, nothing else; against an emulator with GET and a
   doc-faithful one (GET answers 405), where each provider process also pays one 405;
2. TCP connections during an `up` of 50 per-interview resources;
3. wall time of the quickstart against the same program as a naive inline provider, as a ratio;
4. scale: 1 to 200 per-interview resources, with and without 50 ms of emulator latency;
5. state footprint; 6. import cost and dynamic-provider host start.

`--quick` runs section 1 only (the --skip-preview operations, once per server mode) and exits 1 when a
count exceeds its limit; the e2e suite runs it. A full run writes BENCHMARKS.md and prints it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import importlib.metadata
import json
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi_xobin.emulator import Emulator

REPO = Path(__file__).resolve().parents[1]
TOOLS_BIN = REPO / ".tools" / "bin"
PULUMI = TOOLS_BIN / "pulumi"
PROGRAMS = {
    "ours": REPO / "examples" / "quickstart",
    "naive": REPO / "scripts" / "bench_programs" / "naive",
    "per-interview": REPO / "scripts" / "bench_programs" / "per_interview",
}
DEFAULT_OUTPUT = REPO / "BENCHMARKS.md"
INTERVIEWS = 200
SCALE_SIZES = (1, 10, 50, 200)
SCALE_LATENCY_MS = 50
CONNECTIONS_SIZE = 50
# Any stack-config value works; a fresh random one per run keeps secrets out of every output.
API_KEY = f"bench-{secrets.token_hex(8)}"
PASSWORD = secrets.token_urlsafe(12)
# Pulumi's experimental switch that lets the engine ask providers for diffs concurrently (off by default).
PARALLEL_DIFF_ENV = {"PULUMI_PARALLEL_DIFF": "true"}
COMMAND_TIMEOUT_S = 300
# Section 1's server modes: the emulator serving GET, and doc-faithful (the published API has no read,
# so GET answers 405 and the client reads with the documented no-op POST). Sections 2-4 serve GET.
WITH_GET = "with-get"
DOC_FAITHFUL = "doc-faithful"


class BenchError(RuntimeError):
    """A command the benchmark depends on failed; the message carries its output."""


STARTED = time.perf_counter()


def progress(message: str) -> None:
    # On stderr, so stdout carries only the report; a full run takes minutes.
    print(f"[bench {time.perf_counter() - STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


# Statistics and formatting


@dataclass(frozen=True)
class Spread:
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


def spread(values: Sequence[float], digits: int = 2) -> str:
    return Spread.of(values).text(digits)


def count_text(values: Sequence[int]) -> str:
    """A count that should not vary between runs: one number, or its spread when it did vary."""
    return spread([float(v) for v in values], 0)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


# The emulator's counters


@dataclass(frozen=True)
class Traffic:
    """API requests seen by the emulator during one command: reads (GETs, or the no-op
    `POST {"webhooks": {}}` where GET is not served), writes (other POSTs and PUTs), answers 405."""

    reads: int
    writes: int
    rejected: int
    other: int
    connections: int

    @classmethod
    def from_report(cls, report: Mapping[str, Any]) -> Traffic:
        reads = writes = rejected = other = 0
        for entry in report["log"]:
            if entry["status"] == 405:
                rejected += 1
            elif entry["read"]:
                reads += 1
            elif entry["method"] in ("POST", "PUT"):
                writes += 1
            else:
                other += 1
        return cls(reads, writes, rejected, other, int(report["connections"]))

    @property
    def total(self) -> int:
        return self.reads + self.writes + self.rejected + self.other


@dataclass(frozen=True)
class Sample:
    wall_s: float
    traffic: Traffic


@dataclass(frozen=True)
class Limit:
    """The most reads, writes and 405s a command may make; any other request is over the limit."""

    reads: int
    writes: int
    rejected: int = 0

    def times(self, resources: int) -> Limit:
        return Limit(self.reads * resources, self.writes * resources, self.rejected)

    def allows(self, traffic: Traffic) -> bool:
        return (
            traffic.reads <= self.reads
            and traffic.writes <= self.writes
            and traffic.rejected <= self.rejected
            and traffic.other == 0
        )

    def to_json(self) -> dict[str, int]:
        return {"reads": self.reads, "writes": self.writes, "rejected": self.rejected, "other": 0}


# Hermetic Pulumi projects


@dataclass
class Workspace:
    """A temporary PULUMI_HOME and file:// backend shared by every project of one benchmark run."""

    root: Path

    def env(self) -> dict[str, str]:
        # Inherited PULUMI_* or XOBIN_* settings would make the figures depend on the caller's shell.
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "XOBIN_"))}
        return {
            **inherited,
            "PATH": f"{TOOLS_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "PULUMI_HOME": str(self.root / "pulumi-home"),
            "PULUMI_BACKEND_URL": (self.root / "state").as_uri(),
            "PULUMI_CONFIG_PASSPHRASE": "bench-passphrase",
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        }

    def project(self, program: str) -> Project:
        folder = self.root / program
        if not folder.exists():
            shutil.copytree(
                PROGRAMS[program], folder, ignore=shutil.ignore_patterns("Pulumi*.yaml", "__pycache__")
            )
            name = f"bench-{program}"
            (folder / "Pulumi.yaml").write_text(
                f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
            )
        return Project(folder, self.env())


@dataclass
class Project:
    folder: Path
    env: dict[str, str]

    def pulumi(self, *args: str, extra_env: Mapping[str, str] | None = None) -> str:
        """Run the CLI; its stdout, or BenchError with the end of its output."""
        command = [str(PULUMI), *args, "--non-interactive", "--color", "never"]
        try:
            done = subprocess.run(
                command,
                cwd=self.folder,
                env={**self.env, **(extra_env or {})},
                capture_output=True,
                text=True,
                timeout=COMMAND_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise BenchError(f"`pulumi {' '.join(args)}` took over {COMMAND_TIMEOUT_S} s") from None
        if done.returncode != 0:
            raise BenchError(
                f"`pulumi {' '.join(args)}` in {self.folder.name} exited {done.returncode}:\n"
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
        self, emulator: Emulator, stack: str, args: Sequence[str], extra_env: Mapping[str, str] | None = None
    ) -> Sample:
        """Wall time of one CLI command and the API requests it made."""
        admin = emulator.admin
        admin.clear_requests()
        started = time.perf_counter()
        self.pulumi(*args, "--stack", stack, extra_env=extra_env)
        wall = time.perf_counter() - started
        return Sample(wall, Traffic.from_report(admin.requests()))


# 1 and 3: every operation on the quickstart, ours and naive


@dataclass(frozen=True)
class Operation:
    key: str
    label: str
    args: tuple[str, ...]
    # For the quickstart's one resource: 1 read per diff (a plain `up` diffs twice) and per refresh pass,
    # 1 write per create, update or delete.
    limit: Limit
    quick: bool = False  # part of --quick
    new_stack: bool = False  # runs on a stack created just before it
    change: bool = False  # the program's startUrl changes just before it

    @property
    def command(self) -> str:
        return "pulumi " + " ".join(self.args)


UP = ("up", "--yes")
SKIP = "--skip-preview"
OPERATIONS = (
    Operation("create-skip", "create (new stack)", (*UP, SKIP), Limit(0, 1), quick=True, new_stack=True),
    Operation("preview", "preview, no changes", ("preview",), Limit(1, 0), quick=True),
    Operation("up-same-skip", "up, no changes", (*UP, SKIP), Limit(1, 0), quick=True),
    Operation("up-same", "up, no changes", UP, Limit(2, 0)),
    Operation("up-change-skip", "up, one change", (*UP, SKIP), Limit(1, 1), quick=True, change=True),
    Operation("up-change", "up, one change", UP, Limit(2, 1), change=True),
    Operation("refresh-skip", "refresh", ("refresh", "--yes", SKIP), Limit(1, 0), quick=True),
    Operation("refresh", "refresh", ("refresh", "--yes"), Limit(2, 0)),
    Operation("destroy-skip", "destroy", ("destroy", "--yes", SKIP), Limit(0, 1), quick=True),
    Operation("create", "create (new stack)", UP, Limit(0, 1), new_stack=True),
    Operation("destroy", "destroy", ("destroy", "--yes"), Limit(0, 1)),
)


@dataclass
class ScenarioResult:
    samples: dict[str, Sample] = field(default_factory=dict)
    export: str | None = None


def run_scenario(
    project: Project, emulator: Emulator, tag: str, operations: Sequence[Operation], export: bool
) -> ScenarioResult:
    """The operations in order, on stacks named after `tag`; `export` keeps the state after the first one."""
    result = ScenarioResult()
    stack = ""
    for op in operations:
        if op.new_stack:
            stack = f"{tag}-{len(result.samples)}"
            project.new_stack(stack, emulator.url)
        if op.change:
            url = f"https://hooks.example.com/start/{stack}/{op.key}"
            project.pulumi("config", "set", "--stack", stack, "startUrl", url)
        result.samples[op.key] = project.measure(emulator, stack, op.args)
        if export and result.export is None:
            result.export = project.pulumi("stack", "export", "--stack", stack)
    return result


@dataclass
class OperationFigures:
    """Every run of one operation, for one program and server mode."""

    op: Operation
    program: str
    server: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def limit(self) -> Limit:
        if self.server == WITH_GET:
            return self.op.limit
        # Each provider process that reads first learns, from one 405, that GET is missing; in these
        # one-resource commands every read is made by a process of its own.
        return dataclasses.replace(self.op.limit, rejected=self.op.limit.reads)

    def values(self, pick: Callable[[Sample], float]) -> list[float]:
        return [pick(s) for s in self.samples]

    def counts(self, pick: Callable[[Traffic], int]) -> list[int]:
        return [pick(s.traffic) for s in self.samples]

    @property
    def ok(self) -> bool:
        return all(self.limit.allows(s.traffic) for s in self.samples)

    def to_json(self) -> dict[str, Any]:
        return {
            "operation": self.op.key,
            "label": self.op.label,
            "command": self.op.command,
            "program": self.program,
            "server": self.server,
            "resources": 1,
            "limit": self.limit.to_json(),  # for the whole command, like every count
            "reads": self.counts(lambda t: t.reads),
            "writes": self.counts(lambda t: t.writes),
            "rejected": self.counts(lambda t: t.rejected),
            "other": self.counts(lambda t: t.other),
            "connections": self.counts(lambda t: t.connections),
            "wall_s": self.values(lambda s: s.wall_s),
            "within_limit": self.ok,
        }


def economy_runs(
    workspace: Workspace, emulators: Mapping[str, Emulator], runs: int, quick: bool
) -> tuple[list[OperationFigures], dict[str, str]]:
    """Sections 1 and 3: ours in both server modes, naive with GET. Ours and naive (both with GET)
    run back to back, alternating which goes first, so drift on the machine cancels out."""
    operations = [op for op in OPERATIONS if op.quick or not quick]
    pair = [("ours", WITH_GET)] if quick else [("ours", WITH_GET), ("naive", WITH_GET)]
    cells = [("ours", DOC_FAITHFUL), *pair]
    figures = {(p, m, op.key): OperationFigures(op, p, m) for p, m in cells for op in operations}
    exports: dict[str, str] = {}
    for run in range(runs):
        order = pair if run % 2 == 0 else pair[::-1]
        for program, server in [("ours", DOC_FAITHFUL), *order]:
            progress(f"HTTP economy and overhead: {program}, {server}, run {run + 1} of {runs}")
            export = run == 0 and not quick and server == WITH_GET
            result = run_scenario(
                workspace.project(program), emulators[server], f"{server}-r{run}", operations, export
            )
            for key, sample in result.samples.items():
                figures[(program, server, key)].samples.append(sample)
            if result.export is not None:
                exports[program] = result.export
    return list(figures.values()), exports


def skip_flag(op: Operation) -> str:
    return "yes" if SKIP in op.args else "no"


def economy_section(figures: Sequence[OperationFigures]) -> list[str]:
    naive = {f.op.key: f for f in figures if f.program == "naive"}
    ours = {(f.op.key, f.server): f for f in figures if f.program == "ours"}
    rows = []
    for op in dict.fromkeys(f.op for f in figures):
        for server in (WITH_GET, DOC_FAITHFUL):
            fig, limit = ours[(op.key, server)], ours[(op.key, server)].limit
            row = [
                op.label,
                skip_flag(op),
                server,
                f"{limit.reads} / {limit.writes} / {limit.rejected}",
                count_text(fig.counts(lambda t: t.reads)),
                count_text(fig.counts(lambda t: t.writes)),
                count_text(fig.counts(lambda t: t.rejected)),
                count_text(fig.counts(lambda t: t.other)),
                count_text(fig.counts(lambda t: t.connections)),
                "yes" if fig.ok else "**NO**",
            ]
            if naive:
                other = naive[op.key]
                reads, writes = other.counts(lambda t: t.reads), other.counts(lambda t: t.writes)
                row.append(f"{count_text(reads)} / {count_text(writes)}" if server == WITH_GET else "")
            rows.append(row)
    header = [
        "Operation",
        "--skip-preview",
        "Server",
        "Limit reads / writes / 405s",
        "Reads",
        "Writes",
        "405s",
        "Other",
        "TCP conns",
        "Within limit",
    ]
    if naive:
        header.append("Naive reads / writes")
    return [
        "## 1. HTTP economy (quickstart: one `WebhookSettings`)",
        "",
        "API requests per CLI command, from the emulator's counters (no latency). The limit: 1 read per",
        "diff (a plain `up` diffs twice: its preview, then the update), 1 read per refresh pass (a refresh",
        "without `--skip-preview` refreshes twice), 1 write per create, update or delete, nothing else.",
        "A create diffs nothing: there is no old state to compare. Two servers: `with-get` answers `GET`,",
        "so reads are GETs; `doc-faithful` (the emulator's default) answers `GET` with 405, as the",
        'published API has no read, so reads are the documented no-op `POST {"webhooks": {}}` and each',
        "provider process first pays one 405 to learn it (the engine starts one per diff or refresh",
        "pass, so here one per read). Writes are the other POSTs. The naive provider never reads, so it",
        "cannot see drift; it runs against the server with GET only (it never sends one).",
        "",
        *table(header, rows),
        "",
    ]


def overhead_section(figures: Sequence[OperationFigures]) -> list[str]:
    naive = {f.op.key: f for f in figures if f.program == "naive"}
    rows = []
    for fig in (f for f in figures if f.program == "ours" and f.server == WITH_GET):
        other = naive[fig.op.key]
        ours_wall, naive_wall = fig.values(lambda s: s.wall_s), other.values(lambda s: s.wall_s)
        # Paired by run: both were measured back to back, so the per-run ratio cancels machine drift.
        ratios = [o / n for o, n in zip(ours_wall, naive_wall, strict=True)]
        label = f"**{fig.op.label}**" if fig.op.key in ("preview", "up-same", "up-change") else fig.op.label
        rows.append([label, skip_flag(fig.op), spread(ours_wall), spread(naive_wall), spread(ratios)])
    return [
        "## 3. Provider overhead (quickstart against a naive inline provider)",
        "",
        "Wall seconds of each CLI command against the emulator with GET, median (min-max). The naive program",
        "(`scripts/bench_programs/naive`) is the quickstart as an inline dynamic provider in `__main__`: one",
        "`httpx.post` per create/update/delete, no retries, no validation, no reads. Ratio = ours / naive,",
        "per run (the two ran back to back, alternating which went first), median (min-max); goal <= 1.0.",
        "Both start the same processes; each program run and each provider host also pays the imports and",
        "the first HTTP client of section 6 (a plain `up` runs the program and a provider host twice).",
        "",
        *table(["Operation", "--skip-preview", "Ours (s)", "Naive (s)", "Ratio ours/naive"], rows),
        "",
    ]


# 2 and 4: per-interview resources at scale


@dataclass(frozen=True)
class ScaleOp:
    key: str
    label: str
    args: tuple[str, ...]
    limit: Limit  # per resource
    extra_env: Mapping[str, str] = field(default_factory=dict)


SCALE_OPS = (
    ScaleOp("up", "up (create), --skip-preview", (*UP, SKIP), Limit(0, 1)),
    ScaleOp("preview", "preview, no changes", ("preview",), Limit(1, 0)),
    ScaleOp(
        "preview-parallel-diff",
        "preview, no changes, PULUMI_PARALLEL_DIFF",
        ("preview",),
        Limit(1, 0),
        PARALLEL_DIFF_ENV,
    ),
)


@dataclass
class ScaleFigures:
    op: ScaleOp
    size: int
    latency_ms: int
    samples: list[Sample] = field(default_factory=list)

    @property
    def limit(self) -> Limit:
        return self.op.limit.times(self.size)

    @property
    def ok(self) -> bool:
        return all(self.limit.allows(s.traffic) for s in self.samples)

    def walls(self) -> list[float]:
        return [s.wall_s for s in self.samples]

    def to_json(self) -> dict[str, Any]:
        return {
            "operation": self.op.key,
            "label": self.op.label,
            "resources": self.size,
            "latency_ms": self.latency_ms,
            "limit": self.limit.to_json(),
            "reads": [s.traffic.reads for s in self.samples],
            "writes": [s.traffic.writes for s in self.samples],
            "rejected": [s.traffic.rejected for s in self.samples],
            "other": [s.traffic.other for s in self.samples],
            "connections": [s.traffic.connections for s in self.samples],
            "wall_s": self.walls(),
            "within_limit": self.ok,
        }


def scale_runs(
    workspace: Workspace, emulators: Mapping[int, Emulator], runs: int
) -> tuple[list[ScaleFigures], str]:
    """Sections 2 and 4: a new stack per size, latency and run; returns the figures and one export."""
    project = workspace.project("per-interview")
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


def connections_section(figures: Sequence[ScaleFigures]) -> list[str]:
    rows = []
    for fig in (f for f in figures if f.size == CONNECTIONS_SIZE):
        requests = [s.traffic.total for s in fig.samples]
        conns = [s.traffic.connections for s in fig.samples]
        rows.append([fig.op.label, f"{fig.latency_ms} ms", count_text(requests), count_text(conns)])
    return [
        f"## 2. Connections ({CONNECTIONS_SIZE} per-interview resources)",
        "",
        "TCP connections that made API requests during one command (the emulator counts them). The",
        "provider shares one pooled `httpx.Client` per process, so a connection is opened only when every",
        "open one is busy: the count is the peak number of requests in flight. Pulumi's dynamic-provider",
        "host serves at most 4 calls at once (`ThreadPoolExecutor(max_workers=4)` in",
        "`pulumi/dynamic/__main__.py`), and the engine asks for diffs one at a time unless",
        "`PULUMI_PARALLEL_DIFF=true`.",
        "",
        *table(["Command", "Emulator latency", "Requests", "TCP connections"], rows),
        "",
    ]


def scale_section(figures: Sequence[ScaleFigures]) -> list[str]:
    by_key = {(f.op.key, f.size, f.latency_ms): f for f in figures}
    rows = []
    for op in SCALE_OPS:
        for n in SCALE_SIZES:
            fast, slow = by_key[(op.key, n, 0)], by_key[(op.key, n, SCALE_LATENCY_MS)]
            added = Spread.of(slow.walls()).median - Spread.of(fast.walls()).median
            requests = [s.traffic.total for s in slow.samples]
            sequential = max(requests) * SCALE_LATENCY_MS / 1000
            rows.append(
                [
                    op.label,
                    str(n),
                    spread(fast.walls()),
                    spread(slow.walls()),
                    f"{added:.2f}",
                    f"{sequential:.2f}",
                    count_text([s.traffic.connections for s in slow.samples]),
                    count_text(requests) + ("" if slow.ok and fast.ok else " **over limit**"),
                ]
            )
    return [
        "## 4. Scale (per-interview resources)",
        "",
        "`scripts/bench_programs/per_interview`: N independent `InterviewWebhookSettings`, wall seconds,",
        f"median (min-max), against an emulator answering at once and one adding {SCALE_LATENCY_MS} ms to",
        'every request. "Added by latency" is the difference of the medians; "Sequential" is what the',
        f"requests would add one after another (requests x {SCALE_LATENCY_MS} ms). Added well below",
        'sequential means requests overlapped; "Peak in flight" is the TCP connection count (section 2).',
        "Differences of a few tenths of a second, either sign, are within this machine's noise.",
        "",
        *table(
            [
                "Command",
                "N",
                "0 ms (s)",
                f"{SCALE_LATENCY_MS} ms (s)",
                "Added by latency (s)",
                "Sequential (s)",
                "Peak in flight",
                "Requests",
            ],
            rows,
        ),
        "",
    ]


# 5: state footprint


@dataclass(frozen=True)
class Footprint:
    program: str
    resources: int
    provider_bytes: int
    resource_bytes: float
    export_bytes: int

    @classmethod
    def of(cls, program: str, export_text: str) -> Footprint:
        deployment = json.loads(export_text)["deployment"]
        dynamic = [r for r in deployment["resources"] if "__provider" in r.get("outputs", {})]
        if not dynamic:
            raise BenchError(f"no dynamic resource in the {program} stack export")
        compact = [len(json.dumps(r, separators=(",", ":"))) for r in dynamic]
        provider = json.dumps(dynamic[0]["outputs"]["__provider"], separators=(",", ":"))
        return cls(program, len(dynamic), len(provider), statistics.mean(compact), len(export_text.encode()))


def footprint_section(footprints: Sequence[Footprint]) -> list[str]:
    rows = [
        [
            f.program,
            str(f.resources),
            str(f.provider_bytes),
            f"{f.resource_bytes:.0f}",
            str(f.export_bytes),
            f"{f.export_bytes / f.resources:.0f}",
        ]
        for f in footprints
    ]
    return [
        "## 5. State footprint",
        "",
        "Bytes. `__provider` is the pickled provider as stored (it appears in both the inputs and the",
        "outputs of every resource; the naive one is pickled by value and, by Pulumi's default, encrypted).",
        "\"Resource\" is one dynamic resource's entry as compact JSON (about half of ours is Pulumi's own",
        '`stackTrace`/`sourcePosition`); "export" is the whole `pulumi stack export` output.',
        "",
        *table(
            [
                "Stack",
                "Dynamic resources",
                "`__provider`",
                "Resource (JSON)",
                "Export",
                "Export per resource",
            ],
            rows,
        ),
        "",
    ]


# 6: import cost and provider host start


def import_time_us(statement: str, module: str) -> int:
    """Cumulative µs of `module` as a top-level import in `python -X importtime -c statement`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
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
        raise BenchError(f"no import-time line for {module} from {statement!r}")
    return found


def host_start_ms() -> float:
    """Until `python -m pulumi.dynamic` prints its port: what the engine waits for, once per command."""
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-u", "-m", "pulumi.dynamic"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as host:
        try:
            line = host.stdout.readline() if host.stdout else b""
            elapsed = time.perf_counter() - started
        finally:
            host.terminate()
            host.wait(timeout=10)
    if not line.strip().isdigit():
        raise BenchError(f"python -m pulumi.dynamic printed {line!r}, not a port")
    return elapsed * 1000


def timed_ms(setup: str, statement: str) -> float:
    """Milliseconds of `statement` in a fresh interpreter, after `setup` (both single-line Python)."""
    code = f"{setup}; import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=COMMAND_TIMEOUT_S
    )
    return float(done.stdout.strip()) * 1000


# What the dynamic-provider host has imported before it unpickles the first provider.
HOST_PRELUDE = "import dill, grpc, pulumi.dynamic, pulumi.runtime; "
CLIENT_SETUP = (
    "from pulumi_xobin._client import XobinClient; from pulumi_xobin._connection import ConnectionSettings"
)
PROBES: tuple[tuple[str, Callable[[], float]], ...] = (
    (
        "`import pulumi_xobin` (fresh interpreter)",
        lambda: import_time_us("import pulumi_xobin", "pulumi_xobin") / 1000,
    ),
    (
        "`import pulumi` alone (the SDK it builds on)",
        lambda: import_time_us("import pulumi", "pulumi") / 1000,
    ),
    (
        "first use in the provider host: `import pulumi_xobin`",
        lambda: import_time_us(HOST_PRELUDE + "import pulumi_xobin", "pulumi_xobin") / 1000,
    ),
    (
        "first use in the provider host, naive: `import httpx`",
        lambda: import_time_us(HOST_PRELUDE + "import httpx", "httpx") / 1000,
    ),
    ("dynamic-provider host start (`python -m pulumi.dynamic` to its port)", host_start_ms),
    (
        "first `XobinClient` in a process (`httpx.Client`: SSL context, CA bundle)",
        lambda: timed_ms(CLIENT_SETUP, "XobinClient(ConnectionSettings('http://127.0.0.1:9', 'k'))"),
    ),
    (
        "`httpx.Client()` (what every naive `httpx.post` builds)",
        lambda: timed_ms("import httpx", "httpx.Client()"),
    ),
)


def import_runs(runs: int) -> dict[str, list[float]]:
    """Section 6, in milliseconds."""
    figures: dict[str, list[float]] = {label: [] for label, _ in PROBES}
    for _ in range(runs):
        for label, probe in PROBES:
            figures[label].append(probe())
    return figures


def import_section(figures: Mapping[str, Sequence[float]]) -> list[str]:
    rows = [[label, spread(values, 0)] for label, values in figures.items()]
    return [
        "## 6. Import cost",
        "",
        "Milliseconds, median (min-max): `python -X importtime` cumulative time of the top-level import,",
        "the wall time from starting the dynamic-provider host to its port line, and the time to build",
        'an HTTP client. "First use in the provider host" imports after what the host has already loaded',
        "(dill, grpc, the Pulumi runtime): it is what unpickling the first provider costs. Every provider",
        "host pays it and the first client once: one host per `preview`, `refresh` or `destroy`, two per",
        "plain `up` (its preview, then the update).",
        "",
        *table(["What", "ms"], rows),
        "",
    ]


# The report


def machine() -> dict[str, str]:
    def first(path: str, pattern: str) -> str:
        try:
            text = Path(path).read_text()
        except OSError:
            return "unknown"
        match = re.search(pattern, text, re.MULTILINE)
        return match.group(1).strip() if match else "unknown"

    mem_kb = first("/proc/meminfo", r"^MemTotal:\s*(\d+)")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()),
        "cpu": first("/proc/cpuinfo", r"^model name\s*:\s*(.+)$"),
        "memory": f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb.isdigit() else "unknown",
        "os": platform.platform(),
        "python": platform.python_version(),
        "pulumi_cli": subprocess.run(
            [str(PULUMI), "version"], capture_output=True, text=True, check=True
        ).stdout.strip(),
        "pulumi_sdk": importlib.metadata.version("pulumi"),
        "httpx": importlib.metadata.version("httpx"),
    }


def header_section(info: Mapping[str, str], runs: int, wall_s: float, quick: bool) -> list[str]:
    kind = "quick run (`scripts/bench --quick`)" if quick else f"full run, {runs} runs per figure"
    return [
        "# Benchmarks",
        "",
        "Produced by `scripts/bench` (`--runs N`, `--quick`, `--json PATH`); every figure below comes from",
        "the same run, so they compare with each other, not with figures from another run or machine.",
        "",
        f"- Date: {info['date']}; {kind}; the whole run took {wall_s:.0f} s",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory, {info['os']}",
        f"- Python {info['python']}, Pulumi CLI {info['pulumi_cli']}, pulumi SDK {info['pulumi_sdk']},"
        f" httpx {info['httpx']}",
        "- The Xobin API is the package's emulator on 127.0.0.1 (`pulumi_xobin.emulator`)",
        "",
    ]


@dataclass
class Results:
    quick: bool
    runs: int
    economy: list[OperationFigures] = field(default_factory=list)
    scale: list[ScaleFigures] = field(default_factory=list)
    footprints: list[Footprint] = field(default_factory=list)
    imports: dict[str, list[float]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.economy if f.program == "ours") and all(f.ok for f in self.scale)

    def markdown(self, info: Mapping[str, str], wall_s: float) -> str:
        lines = header_section(info, self.runs, wall_s, self.quick) + economy_section(self.economy)
        if not self.quick:
            lines += connections_section(self.scale) + overhead_section(self.economy)
            lines += scale_section(self.scale) + footprint_section(self.footprints)
            lines += import_section(self.imports)
        return "\n".join(lines)

    def to_json(self, info: Mapping[str, str], wall_s: float) -> dict[str, Any]:
        return {
            "machine": dict(info),
            "quick": self.quick,
            "runs": self.runs,
            "wall_s": wall_s,
            "within_limits": self.ok,
            "http": [f.to_json() for f in self.economy],
            "scale": [f.to_json() for f in self.scale],
            "footprint": [dataclasses.asdict(f) for f in self.footprints],
            "imports_ms": self.imports,
        }


def warm_up(workspace: Workspace, emulator: Emulator, programs: Sequence[str]) -> None:
    """One untimed preview per program: the first command pays for cold caches (binaries, .pyc files)."""
    for program in programs:
        project = workspace.project(program)
        project.new_stack("warm-up", emulator.url, {"count": "1"} if program == "per-interview" else None)
        project.pulumi("preview", "--stack", "warm-up")


def benchmark(workspace: Workspace, runs: int, quick: bool) -> Results:
    results = Results(quick, runs)
    with ExitStack() as stack:
        fast = stack.enter_context(Emulator(api_key=API_KEY, interviews=INTERVIEWS, get_enabled=True))
        faithful = stack.enter_context(Emulator(api_key=API_KEY, interviews=INTERVIEWS))
        if not quick:  # --quick reports no times, so it need not pay for a warm-up
            warm_up(workspace, fast, ("ours", "naive", "per-interview"))
        emulators = {WITH_GET: fast, DOC_FAITHFUL: faithful}
        results.economy, exports = economy_runs(workspace, emulators, runs, quick)
        if quick:
            return results
        slow = stack.enter_context(
            Emulator(api_key=API_KEY, interviews=INTERVIEWS, latency_ms=SCALE_LATENCY_MS, get_enabled=True)
        )
        results.scale, scale_export = scale_runs(workspace, {0: fast, SCALE_LATENCY_MS: slow}, runs)
    results.footprints = [
        Footprint.of("quickstart (ours)", exports["ours"]),
        Footprint.of("quickstart (naive)", exports["naive"]),
        Footprint.of(f"per-interview x {max(SCALE_SIZES)} (ours)", scale_export),
    ]
    progress("import cost and provider host start")
    results.imports = import_runs(max(runs, 5))
    return results


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="HTTP counts of the --skip-preview operations, once"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (default 3; --quick: 1)")
    parser.add_argument("--json", type=Path, help="also write the raw figures as JSON to this file")
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="the markdown report of a full run (BENCHMARKS.md)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.quick:
        args.runs = 1
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not PULUMI.exists():
        print("scripts/bench: no Pulumi CLI in .tools/bin: run `make setup` first", file=sys.stderr)
        return 2
    started = time.perf_counter()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="xobin-bench-") as tmp:
        (Path(tmp) / "state").mkdir()
        try:
            results = benchmark(Workspace(Path(tmp)), args.runs, args.quick)
        except BenchError as err:
            print(f"scripts/bench: {err}", file=sys.stderr)
            return 2
    wall = time.perf_counter() - started
    report = results.markdown(info, wall)
    print(report)
    if not args.quick:
        args.output.write_text(report)
    if args.json:
        args.json.write_text(json.dumps(results.to_json(info, wall), indent=2) + "\n")
    if not results.ok:
        print("scripts/bench: some HTTP counts exceed their limits (see the tables)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
