"""The figures as markdown (BENCHMARKS.md from a full run, the tables of `--scale`) and as raw JSON."""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import platform
import re
import statistics
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from hermetic import PULUMI

from .measure import Spread, spread, table
from .plugins import PluginFigures
from .processes import ROLES
from .scenarios import FACES, LATENCY_MS, LIFE, QUICKSTART, SCALE, SCALE_SIZES, Figures, Footprint, Results

# The commands the goal is about, in bold: a no-op preview, and a plain `up` with and without a change.
HEADLINE = (QUICKSTART[1], QUICKSTART[3], QUICKSTART[5])
# Per-resource costs at scale are compared between this size and the largest one each face completed.
BASE_SIZE = 100
# BENCHMARKS.md, whole; the prose says what each table measures, and says it once.
DOCUMENT = """\
# Benchmarks

Time, connections and state size, written whole by `scripts/bench` (`make bench`; options `--runs N`,
`--json PATH`): every figure comes from the one run dated here, so they compare with each other, not
with another run's. The README and CONTRIBUTING.md link here instead of quoting figures. Three programs
do the same thing, one `WebhookSettings` (the quickstart): **dynamic** (`examples/quickstart`),
**native** (`scripts/bench_programs/native`: `pulumi_xobin.native` and the plugin), and **naive**
(`scripts/bench_programs/naive`: an inline dynamic provider, one `httpx.post` per create, update or
delete, no retries, no validation, no reads). HTTP counts are a test, not a figure:
`tests/e2e/test_http_budget.py` checks them on every CI run. Large stacks (N up to 2,000, both faces,
CPU time and memory by process) are `scripts/bench --scale`, a run of its own that prints its tables.

- Date: {date}; {runs} runs per figure; the whole run took {wall_s:.0f} s
- Machine: the 2-core development machine, shared with other work: {machine}
- {versions}; the Xobin API is the package's emulator on 127.0.0.1

## Goal

The native no-op preview costs no more than the dynamic one: {verdict}. Over {pairs} pairs of previews
(one stack per face, previewed in turns): native {native} s, dynamic {dynamic} s; native/dynamic per
pair {ratio}. Where a difference comes from: [Start-up and import cost](#start-up-and-import-cost).

## Wall time per command

Seconds of each CLI command on the quickstart, median (min-max). Ratios are per run (the programs ran
back to back, each first in turn): native/dynamic, goal <= 1.0 for the no-op preview; dynamic/naive,
what the package costs over the naive provider. Every command starts the program and a provider
process once per pass (a plain `up` twice: its preview, then the update).

{wall_time}

## Scale and connections

`scripts/bench_programs/per_interview`: N independent `InterviewWebhookSettings` (dynamic), wall
seconds against an emulator answering at once and one adding {latency} ms to every request. "Added" is
the difference of the medians, "sequential" what the requests would add one after another. The
provider shares one pooled `httpx.Client` per process and opens a connection only when every open one
is busy, so the TCP connections are the peak of requests in flight. Pulumi's dynamic-provider host
serves at most 4 calls at once, and the engine asks for diffs one at a time unless
`PULUMI_PARALLEL_DIFF=true`. A few tenths of a second, either sign, are noise here.

{scale}

## State footprint

Bytes. `__provider` is a dynamic resource's pickled provider as stored (in its inputs and its outputs;
the naive one is pickled by value and encrypted); a native resource stores no code. "Resource" is one
settings resource's entry as compact JSON (much of it Pulumi's `stackTrace`/`sourcePosition`);
"export" is the whole `pulumi stack export`.

{footprint}

## Start-up and import cost

Milliseconds, median (min-max), each in a fresh process: the cumulative `python -X importtime` of a
top-level import; a provider process's start to the port line the engine waits for; building an HTTP
client. The plugin imports its gRPC server and the package's core before it prints its port, httpx and
pydantic in the background after it; the dynamic-provider host prints its port first, imports the
package when it unpickles the first provider, and the HTTP client's modules at the first API call.

{startup}

## The plugin, self-contained and source

What users of the native provider install, from one build of `make release` here: this platform's
self-contained archive (the frozen plugin, which the engine runs as it runs a Go provider) beside the
source plugin (`-source.tar.gz`, for platforms without a build: the engine makes its virtualenv with
the machine's `python3` and pip, here with pip's cache warm). Median (min-max) of {runs} runs: the first
install into a fresh plugin cache (`pulumi plugin install --file`, so no download), the disk the cache
then holds, the start to the port line (of 10 starts, as the engine starts each: the executable, or the
virtualenv's Python on the plugin folder), and `pulumi preview` of a one-resource YAML program. Goals:
install at most 3 s, start no slower than the source plugin's, archive at most 30 MB.

{plugins}
"""
# What --scale's growth table shows, and why: the engine's behaviour, not something either face does.
WHY_IT_GROWS = """\
Without `PULUMI_SKIP_CHECKPOINTS` the engine writes the whole state after every step, so a create or
destroy of N resources writes N states of up to N resources; with it, the same create grows with N. A
preview, and the diffs of an `up`, read each resource one after the other unless
`PULUMI_PARALLEL_DIFF=true`, whichever the face; the providers' work per resource stays flat."""


def machine() -> dict[str, str]:
    def first(path: str, pattern: str) -> str:
        found = re.search(pattern, Path(path).read_text(), re.MULTILINE) if Path(path).exists() else None
        return found.group(1).strip() if found else "unknown"

    cpu = first("/proc/cpuinfo", r"^model name\s*:\s*(.+)$")
    mem_kb = first("/proc/meminfo", r"^MemTotal:\s*(\d+)")
    cli = subprocess.run([str(PULUMI), "version"], capture_output=True, text=True, check=True).stdout.strip()
    sdk, httpx = importlib.metadata.version("pulumi"), importlib.metadata.version("httpx")
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{len(os.sched_getaffinity(0))} CPUs ({cpu}), {int(mem_kb) / 1048576:.1f} GiB memory,"
        f" {platform.platform()}",
        "load": ", ".join(f"{load:.1f}" for load in os.getloadavg()),
        "versions": f"Python {platform.python_version()}, Pulumi CLI {cli}, pulumi SDK {sdk}, httpx {httpx}",
    }


def raw(results: Results) -> list[dict[str, Any]]:
    return [
        {"program": program, "resources": n, "latency_ms": latency, "step": asdict(step), **asdict(figures)}
        for (program, n, latency, step), figures in results.items()
    ]


def ratios(top: Figures, bottom: Figures) -> list[float]:
    """Wall time of `top` over `bottom`, per run: the two ran back to back, so machine drift cancels."""
    return [t / b for t, b in zip(top.walls(), bottom.walls(), strict=True)]


@dataclass(frozen=True)
class Full:
    """What a full run measured."""

    info: Mapping[str, str]
    runs: int
    wall_s: float
    results: Results
    goal: Mapping[str, Sequence[float]]
    footprints: Sequence[Footprint]
    probes: Mapping[str, Sequence[float]]
    plugins: Mapping[str, PluginFigures]

    def raw(self) -> dict[str, Any]:
        return {
            **vars(self),
            "results": raw(self.results),
            "footprints": list(map(asdict, self.footprints)),
            "plugins": {name: asdict(figures) for name, figures in self.plugins.items()},
        }

    def markdown(self) -> str:
        # A further measured section: its prose in DOCUMENT, its table from one more field here.
        native, dynamic = self.goal["native"], self.goal["dynamic"]
        ratio = Spread.of([n / d for n, d in zip(native, dynamic, strict=True)])
        verdict = "met" if ratio.median <= 1.0 else "**not met**"
        goal = {
            "verdict": verdict,
            "pairs": len(native),
            "native": spread(native),
            "dynamic": spread(dynamic),
        }
        tables = {
            "wall_time": self.wall_time(),
            "scale": self.scale(),
            "footprint": self.footprint(),
            "plugins": self.plugin_table(),
        }
        figures = {"runs": self.runs, "wall_s": self.wall_s, "ratio": ratio.text(), "latency": LATENCY_MS}
        return DOCUMENT.format(**self.info, **goal, **tables, **figures, startup=self.startup())

    def wall_time(self) -> str:
        rows = []
        for step in QUICKSTART:
            dynamic, native, naive = (self.results[(p, 1, 0, step)] for p in ("dynamic", "native", "naive"))
            walls = [spread(f.walls()) for f in (dynamic, native, naive)]
            label = f"**{step.label}**" if step in HEADLINE else step.label
            ratio = [spread(ratios(native, dynamic)), spread(ratios(dynamic, naive))]
            rows.append([label, "yes" if step.skips_preview else "no", *walls, *ratio])
        header = "Operation|--skip-preview|Dynamic (s)|Native (s)|Naive (s)|Native/dynamic|Dynamic/naive"
        return table(header, rows)

    def scale(self) -> str:
        rows = []
        for step in SCALE:
            for n in SCALE_SIZES:
                fast, slow = (self.results[("per-interview", n, lat, step)] for lat in (0, LATENCY_MS))
                added = Spread.of(slow.walls()).median - Spread.of(fast.walls()).median
                sequential = slow.most("requests") * LATENCY_MS / 1000
                walls = [spread(fast.walls()), spread(slow.walls()), f"{added:.2f}", f"{sequential:.2f}"]
                counts = [str(slow.most("connections")), str(slow.most("requests"))]
                rows.append([step.label, str(n), *walls, *counts])
        header = f"Command|N|0 ms (s)|{LATENCY_MS} ms (s)|Added (s)|Sequential (s)|TCP connections|Requests"
        return table(header, rows)

    def startup(self) -> str:
        return table("What|ms", [[label, spread(values, 0)] for label, values in self.probes.items()])

    def plugin_table(self) -> str:
        rows: list[tuple[str, Callable[[PluginFigures], str]]] = [
            ("archive (MB)", lambda f: f"{f.archive_bytes / 1e6:.1f}"),
            ("first install (s)", lambda f: spread(f.install_s, 1)),
            ("plugin cache (MB on disk)", lambda f: f"{f.disk_bytes / 1e6:.0f}"),
            ("start to port line (ms)", lambda f: spread(f.start_ms, 0)),
            ("`pulumi preview` (s)", lambda f: spread(f.preview_s)),
        ]
        header = "|".join(["What", *self.plugins])
        return table(header, [[label, *map(cell, self.plugins.values())] for label, cell in rows])

    def footprint(self) -> str:
        rows = []
        for f in self.footprints:
            sizes = [f"{f.resource_bytes:.0f}", str(f.export_bytes), f"{f.export_bytes / f.resources:.0f}"]
            rows.append([f.program, str(f.resources), str(f.provider_bytes or "none"), *sizes])
        return table("Stack|Settings resources|`__provider`|Resource (JSON)|Export|Export per resource", rows)


Pick = Callable[[Figures], list[float]]
median = statistics.median


def pick(what: str, role: str = "") -> Pick:
    """The wall times, or one role's CPU seconds or peak MiB, of each run."""
    if what == "wall":
        return lambda f: f.walls()
    return lambda f: [getattr(s.usage[role], what) for s in f.samples]


def cell(figures: Figures, values: Pick, digits: int = 1) -> str:
    if figures.samples:
        return Spread.of(values(figures)).text(digits)
    return f"failed: {figures.failure}" if figures.failure else "not run"


@dataclass(frozen=True)
class Scale:
    """What `--scale` measured: LIFE of each face at each size and latency."""

    info: Mapping[str, str]
    results: Results
    sizes: Sequence[int]

    def raw(self) -> dict[str, Any]:
        return {"info": self.info, "results": raw(self.results)}

    def whole_life(self, face: str) -> int:
        """The largest size whose every step ran at every latency."""
        whole = [
            n
            for n in self.sizes
            if all(self.results[(face, n, t, s)].samples for t in (0, LATENCY_MS) for s in LIFE)
        ]
        return max(whole, default=0)

    def growth(self) -> list[list[str]]:
        """Per-resource cost at the largest completed size over that at BASE_SIZE (1.0: linear in N)."""
        rows, picks = [], [pick("wall"), *(pick("cpu_s", role) for role in ROLES)]
        for face in FACES:
            largest = self.whole_life(face)
            for step in LIFE if largest > BASE_SIZE and BASE_SIZE in self.sizes else ():
                base, big = self.results[(face, BASE_SIZE, 0, step)], self.results[(face, largest, 0, step)]
                if base.samples:  # else the step failed at BASE_SIZE: nothing to compare with
                    per = [(median(p(big)) / largest, median(p(base)) / BASE_SIZE) for p in picks]
                    cells = [f"{b / a:.1f}" if a else "-" for b, a in per]
                    rows.append([face, step.label, f"{BASE_SIZE} to {largest}", *cells])
        return rows

    def markdown(self) -> str:
        times, work, wall = [], [], pick("wall")
        for face, step, n in ((f, s, n) for f in FACES for s in LIFE for n in self.sizes):
            fast, slow = self.results[(face, n, 0, step)], self.results[(face, n, LATENCY_MS, step)]
            counts = ["", "", ""]
            if fast.samples and slow.samples:
                total, in_flight = slow.most("requests"), max(slow.most("peak_in_flight"), 1)
                added = median(wall(slow)) - median(wall(fast))
                counts = [f"{added:.1f}", str(total), f"{total * LATENCY_MS / 1000 / in_flight:.1f}"]
            times.append([face, step.label, str(n), cell(fast, wall), cell(slow, wall), *counts])
            ran = [r for r in ROLES if fast.samples and all(s.usage[r].processes for s in fast.samples)]
            cpus = [cell(fast, pick("cpu_s", r)) if r in ran else "-" for r in ROLES]
            peaks = [cell(fast, pick("peak_mib", r), 0) if r in ran else "-" for r in ROLES]
            work.append([face, step.label, str(n), cell(fast, wall), *cpus, *peaks])
        roles = "|".join(f"CPU {r} (s)" for r in ROLES) + "|" + "|".join(f"Peak {r} (MiB)" for r in ROLES)
        reached = ", ".join(f"{face} {self.whole_life(face)}" for face in FACES)
        return "\n\n".join([
            f"Large stacks, {self.info['date']}: {self.info['machine']}; load average at the end"
            f" {self.info['load']}\n{self.info['versions']}; the largest N whose whole life ran: {reached}",
            f"Wall seconds at 0 and {LATENCY_MS} ms per request; the requests of the {LATENCY_MS} ms run, and"
            " what they need overlapped as many at once as the emulator saw in flight:",
            table(f"Face|Command|N|0 ms (s)|{LATENCY_MS} ms (s)|Added (s)|Requests|Overlapped (s)", times),
            "CPU seconds and peak resident MiB by role, 0 ms runs (- where the command runs none):",
            table(f"Face|Command|N|Wall (s)|{roles}", work),
            f"Cost per resource at the largest N over that at N = {BASE_SIZE} (1.0 is linear in N):",
            table("Face|Command|N|Wall|" + "|".join(f"CPU {r}" for r in ROLES), self.growth()),
            WHY_IT_GROWS,
        ])  # fmt: skip
