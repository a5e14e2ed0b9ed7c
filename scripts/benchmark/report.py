"""The benchmark's figures as BENCHMARKS.md and as JSON: sections 2 to 6 from the run's figures, and
the parts a full run keeps (`kept`): section 1, a dated record of HTTP counts, and section 7 (`--scale`)."""

from __future__ import annotations

import dataclasses
import datetime
import importlib.metadata
import os
import platform
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hermetic import PULUMI

from .kept import HTTP_RECORD, SCALE, assemble
from .measure import Spread
from .scenarios import (
    CONNECTIONS_SIZE,
    FACES,
    NAIVE,
    SCALE_LATENCY_MS,
    SCALE_OPS,
    SCALE_SIZES,
    Footprint,
    OperationFigures,
    ScaleFigures,
)

# The commands the goals are about: a no-op preview, and a plain `up` with and without a change.
HEADLINE = ("preview", "up-same", "up-change")


def spread(values: Sequence[float], digits: int = 2) -> str:
    return Spread.of(values).text(digits)


def count_text(values: Sequence[int]) -> str:
    """A count that should not vary between runs: one number, or its spread when it did vary."""
    return spread([float(v) for v in values], 0)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def ratios(top: OperationFigures, bottom: OperationFigures) -> list[float]:
    """Wall time of `top` over `bottom`, per run: the two ran back to back, so machine drift cancels."""
    return [t / b for t, b in zip(top.walls(), bottom.walls(), strict=True)]


@dataclass
class Results:
    runs: int
    quickstart: list[OperationFigures] = field(default_factory=list)
    scale: list[ScaleFigures] = field(default_factory=list)
    footprints: list[Footprint] = field(default_factory=list)
    probes: dict[str, list[float]] = field(default_factory=dict)
    goal: dict[str, list[float]] = field(default_factory=dict)

    def figures(self, program: str, key: str) -> OperationFigures:
        (found,) = (f for f in self.quickstart if (f.program, f.op.key) == (program, key))
        return found

    def markdown(self, info: Mapping[str, str], wall_s: float, previous: str) -> str:
        """The report; the parts it keeps are as `previous` (the file it replaces) has them."""
        return assemble(
            [
                header_section(info, self.runs, wall_s) + goals_section(self),
                HTTP_RECORD,
                connections_section(self.scale) + wall_time_section(self) + scale_section(self.scale),
                footprint_section(self.footprints) + probes_section(self.probes),
                SCALE,
            ],
            previous,
        )

    def to_json(self, info: Mapping[str, str], wall_s: float) -> dict[str, Any]:
        return {
            "machine": dict(info),
            "runs": self.runs,
            "wall_s": wall_s,
            "quickstart": [f.to_json() for f in self.quickstart],
            "scale": [f.to_json() for f in self.scale],
            "footprint": [dataclasses.asdict(f) for f in self.footprints],
            "probes_ms": self.probes,
            "goal_preview_s": self.goal,
        }


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


def header_section(info: Mapping[str, str], runs: int, wall_s: float) -> list[str]:
    return [
        "# Benchmarks",
        "",
        "Time, connections and state size, produced by `scripts/bench` (`make bench`; options `--runs N`,",
        "`--json PATH`). Every figure of sections 2 to 6 comes from the run dated below, so they compare",
        "with each other, not with figures from another run or machine. Section 1 is a dated record of",
        "HTTP counts that no run writes any more (`tests/e2e/test_http_budget.py` checks them on every CI",
        "run); section 7 comes from `scripts/bench --scale`, a run of its own. A run keeps both as it",
        "finds them. Three programs do the same thing, one `WebhookSettings` (the quickstart):",
        "**dynamic** (`examples/quickstart`, `pulumi_xobin`), **native** (`scripts/bench_programs/native`,",
        "`pulumi_xobin.native` and the plugin `pulumi-resource-xobin`, found through `plugins.providers` in",
        "`Pulumi.yaml`), and **naive** (`scripts/bench_programs/naive`: an inline dynamic provider in",
        "`__main__`, one `httpx.post` per create/update/delete, no retries, no validation, no reads).",
        "",
        f"- Date: {info['date']}; {runs} runs per figure; the whole run took {wall_s:.0f} s",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory, {info['os']}",
        f"- Python {info['python']}, Pulumi CLI {info['pulumi_cli']}, pulumi SDK {info['pulumi_sdk']},"
        f" httpx {info['httpx']}",
        "- The Xobin API is the package's emulator on 127.0.0.1 (`pulumi_xobin.emulator`)",
        "",
    ]


def goals_section(results: Results) -> list[str]:
    native, dynamic = results.goal["native"], results.goal["dynamic"]
    ratio = Spread.of([n / d for n, d in zip(native, dynamic, strict=True)])
    verdict = "met" if ratio.median <= 1.0 else "**not met**"
    return [
        "## Goals",
        "",
        f"- The native no-op preview costs no more than the dynamic one: {verdict}. Over {len(native)}",
        "  pairs of previews (one stack per face against the emulator with GET, the two previewed in",
        f"  turns): native {spread(native)} s, dynamic {spread(dynamic)} s; native/dynamic per pair",
        f"  {ratio.text()}. Where the difference comes from: section 6.",
        "",
    ]


def wall_time_section(results: Results) -> list[str]:
    rows = []
    for op in dict.fromkeys(f.op for f in results.quickstart):
        dynamic, native, naive = (results.figures(p, op.key) for p in (*FACES, NAIVE))
        label = f"**{op.label}**" if op.key in HEADLINE else op.label
        rows.append(
            [
                label,
                "yes" if op.skips_preview else "no",
                spread(dynamic.walls()),
                spread(native.walls()),
                spread(naive.walls()),
                spread(ratios(native, dynamic)),
                spread(ratios(dynamic, naive)),
            ]
        )
    return [
        "## 3. Wall time per command: native, dynamic and naive",
        "",
        "Seconds of each CLI command on the quickstart against the emulator with GET, median (min-max).",
        "Ratios are per run (the three programs ran back to back, each first in turn), median (min-max):",
        "native/dynamic, goal <= 1.0 for the no-op preview; dynamic/naive, what the package costs over",
        "the naive provider. Every command starts the program and a provider process once per pass (a",
        "plain `up` twice: its preview, then the update): the dynamic-provider host for the dynamic and",
        "naive programs, which then imports what the provider needs; the plugin for the native one",
        "(section 6).",
        "",
        *table(
            [
                "Operation",
                "--skip-preview",
                "Dynamic (s)",
                "Native (s)",
                "Naive (s)",
                "Native/dynamic",
                "Dynamic/naive",
            ],
            rows,
        ),
        "",
    ]


def connections_section(figures: Sequence[ScaleFigures]) -> list[str]:
    rows = []
    for fig in (f for f in figures if f.size == CONNECTIONS_SIZE):
        requests = fig.counts(lambda t: t.total)
        conns = fig.counts(lambda t: t.connections)
        rows.append([fig.op.label, f"{fig.latency_ms} ms", count_text(requests), count_text(conns)])
    return [
        f"## 2. Connections ({CONNECTIONS_SIZE} per-interview resources, dynamic)",
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
            requests = slow.counts(lambda t: t.total)
            sequential = max(requests) * SCALE_LATENCY_MS / 1000
            rows.append(
                [
                    op.label,
                    str(n),
                    spread(fast.walls()),
                    spread(slow.walls()),
                    f"{added:.2f}",
                    f"{sequential:.2f}",
                    count_text(slow.counts(lambda t: t.connections)),
                    count_text(requests),
                ]
            )
    return [
        "## 4. Scale (per-interview resources, dynamic)",
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


def footprint_section(footprints: Sequence[Footprint]) -> list[str]:
    rows = [
        [
            f.program,
            str(f.resources),
            str(f.provider_bytes) if f.provider_bytes else "none",
            f"{f.resource_bytes:.0f}",
            str(f.export_bytes),
            f"{f.export_bytes / f.resources:.0f}",
        ]
        for f in footprints
    ]
    return [
        "## 5. State footprint",
        "",
        "Bytes. `__provider` is the pickled provider of a dynamic resource as stored (it appears in both",
        "the inputs and the outputs of every resource; the naive one is pickled by value and, by Pulumi's",
        'default, encrypted); a native resource stores no code. "Resource" is one settings resource\'s',
        'entry as compact JSON (much of it Pulumi\'s own `stackTrace`/`sourcePosition`); "export" is the',
        "whole `pulumi stack export` output, provider resources included.",
        "",
        *table(
            [
                "Stack",
                "Settings resources",
                "`__provider`",
                "Resource (JSON)",
                "Export",
                "Export per resource",
            ],
            rows,
        ),
        "",
    ]


def probes_section(figures: Mapping[str, Sequence[float]]) -> list[str]:
    rows = [[label, spread(values, 0)] for label, values in figures.items()]
    return [
        "## 6. Start-up and import cost",
        "",
        "Milliseconds, median (min-max), each in a fresh process: `python -X importtime` cumulative time",
        "of the top-level import; the wall time from starting a provider process to the port line the",
        "engine waits for; the time to build an HTTP client. The native plugin imports its gRPC server",
        "and the package's core before it prints its port, and the HTTP client's modules (httpx,",
        "pydantic) in the background after it; the dynamic-provider host prints its port first, imports",
        "the package when it unpickles the first provider (after dill, grpc and the Pulumi runtime, which",
        "it has loaded already), and the HTTP client's modules at the first call that reaches the API.",
        "So a provider process costs the plugin's start for the native face, and the host's start plus",
        "those imports for the dynamic one; both build their first client at the first call that reaches",
        "the API. Every command pays one provider process per pass: one for `preview`, `refresh` or",
        "`destroy`, two for a plain `up` (its preview, then the update).",
        "",
        *table(["What", "ms"], rows),
        "",
    ]
