"""What the package costs per operation, native and dynamic, against what users would write instead, in
time, connections, memory and state (`scripts/bench`, `make bench`). HTTP counts are not its job:
tests/e2e/test_http_budget.py checks them exactly on every CI run.

Everything runs through the real `pulumi` CLI against local Xobin emulators, in the hermetic set-up of
scripts/hermetic.py. Every figure is measured `--runs` times in this one process, so figures compare;
they are reported as median (min-max). The sections of BENCHMARKS.md (the modules of scripts/benchmark
say how):

1. a dated record of the HTTP counts of both faces, from a run before the counts became a test; no run
   writes it, every run keeps it;
2. TCP connections and requests during an `up` and previews of 50 per-interview resources;
3. wall time of the quickstart, native, dynamic and as a naive inline provider, with their ratios
   (and, for the goal that the native no-op preview costs no more than the dynamic one, more pairs);
4. scale: 1 to 200 per-interview resources, with and without 50 ms of emulator latency;
5. state footprint; 6. start-up and import cost of the plugin, the dynamic-provider host and the package;
7. large stacks (`--scale`).

A full run measures sections 2 to 6, writes BENCHMARKS.md with sections 1 and 7 as it found them, and
prints it.

`--scale` runs section 7 only: both faces through a whole stack's life at N = 1 to 2,000 (`--sizes`),
with the CPU time and memory of the engine, the program and the provider (an hour or more on the 2-core
machine). It rewrites that section of BENCHMARKS.md and leaves the rest as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from benchmark.kept import SCALE
from benchmark.measure import API_KEY, BenchError, Workspace, progress
from benchmark.probes import probe_runs
from benchmark.report import Results, machine
from benchmark.scale import LATENCIES_MS, SIZES, LifeFigures, scale_life_runs
from benchmark.scale import warm_up as warm_up_scale
from benchmark.scale_report import scale_block
from benchmark.scenarios import (
    FACES,
    GOAL_PAIRS,
    NAIVE,
    SCALE_LATENCY_MS,
    SCALE_PROGRAM,
    SCALE_SIZES,
    Footprint,
    goal_runs,
    quickstart_runs,
    scale_runs,
    warm_up,
)
from hermetic import PULUMI, REPO, Hermetic
from pulumi_xobin.emulator import Emulator

DEFAULT_OUTPUT = REPO / "BENCHMARKS.md"
INTERVIEWS = 200


def benchmark(workspace: Workspace, runs: int) -> Results:
    results = Results(runs)
    with ExitStack() as stack:
        fast = stack.enter_context(Emulator(api_key=API_KEY, interviews=INTERVIEWS, get_enabled=True))
        warm_up(workspace, fast, (*FACES, NAIVE, SCALE_PROGRAM))
        results.quickstart, exports = quickstart_runs(workspace, fast, runs)
        results.goal = goal_runs(workspace, fast, GOAL_PAIRS)
        slow = stack.enter_context(
            Emulator(api_key=API_KEY, interviews=INTERVIEWS, latency_ms=SCALE_LATENCY_MS, get_enabled=True)
        )
        results.scale, scale_export = scale_runs(workspace, {0: fast, SCALE_LATENCY_MS: slow}, runs)
    results.footprints = [
        *(Footprint.of(f"quickstart ({program})", exports[program]) for program in (*FACES, NAIVE)),
        Footprint.of(f"per-interview x {max(SCALE_SIZES)} (dynamic)", scale_export),
    ]
    progress("start-up and import cost")
    results.probes = probe_runs(max(runs, 5))
    return results


def scale_benchmark(workspace: Workspace, sizes: Sequence[int], runs: int) -> list[LifeFigures]:
    with ExitStack() as stack:
        emulators = {
            latency: stack.enter_context(
                Emulator(api_key=API_KEY, interviews=max(sizes), latency_ms=latency, get_enabled=True)
            )
            for latency in LATENCIES_MS
        }
        warm_up_scale(workspace, emulators[0])
        return scale_life_runs(workspace, emulators, sizes, runs)


def load_average() -> str:
    return ", ".join(f"{load:.1f}" for load in os.getloadavg())


def sizes_of(text: str) -> tuple[int, ...]:
    sizes = tuple(int(size) for size in text.split(","))
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, such as 1,10,100")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--scale", action="store_true", help="section 7 only: both faces at N = 1 to 2,000 resources"
    )
    parser.add_argument(
        "--sizes",
        type=sizes_of,
        default=SIZES,
        help=f"with --scale: the numbers of resources (default {','.join(map(str, SIZES))})",
    )
    parser.add_argument("--runs", type=int, help="runs per figure (default 3; --scale: 1)")
    parser.add_argument("--json", type=Path, help="also write the raw figures as JSON to this file")
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="the markdown report (BENCHMARKS.md): a full run writes sections 2 to 6, --scale section 7",
    )
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 1 if args.scale else 3
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not PULUMI.exists():
        print("scripts/bench: no Pulumi CLI in .tools/bin: run `make setup` first", file=sys.stderr)
        return 2
    previous = args.output.read_text() if args.output.exists() else ""
    try:
        document = (scale_run if args.scale else full_run)(args, previous)
    except BenchError as err:
        print(f"scripts/bench: {err}", file=sys.stderr)
        return 2
    args.output.write_text(document)
    return 0


def full_run(args: argparse.Namespace, previous: str) -> str:
    """Sections 2 to 6, printed; returns the report, with the parts it keeps as `previous` has them."""
    started = time.perf_counter()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="xobin-bench-") as tmp:
        results = benchmark(Workspace(Hermetic(Path(tmp))), args.runs)
    wall = time.perf_counter() - started
    if args.json:
        args.json.write_text(json.dumps(results.to_json(info, wall), indent=2) + "\n")
    report = results.markdown(info, wall, previous)
    print(report)
    return report


def scale_run(args: argparse.Namespace, previous: str) -> str:
    """Section 7, printed; returns `previous` with that section replaced."""
    started = time.perf_counter()
    info, load_before = machine(), load_average()
    with tempfile.TemporaryDirectory(prefix="xobin-bench-scale-") as tmp:
        figures = scale_benchmark(Workspace(Hermetic(Path(tmp))), args.sizes, args.runs)
    wall = time.perf_counter() - started
    # The raw figures first: an hour's run must not be lost to a fault in the report.
    if args.json:
        args.json.write_text(
            json.dumps({"machine": info, "scale": [f.to_json() for f in figures]}, indent=2) + "\n"
        )
    block = scale_block(
        figures, info, args.runs, wall, f"{load_before} at the start, {load_average()} at the end"
    )
    print(block)
    return SCALE.with_block(previous, block)


if __name__ == "__main__":
    sys.exit(main())
