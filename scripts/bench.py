"""What the package costs per operation, native and dynamic, against what users would write instead, in
time, connections, memory and state, and the plugin as users install it (`make bench`); HTTP counts are
a test (tests/e2e/test_http_budget.py).

Everything runs through the real `pulumi` CLI against local Xobin emulators, in the hermetic set-up of
scripts/hermetic.py; every figure is measured `--runs` times in this one process, as median (min-max).
A full run writes BENCHMARKS.md whole, under its date, and prints it. `--scale`, a run of its own (an
hour or more on the 2-core machine), takes both faces through a whole stack's life at N = 1 to 2,000
(`--sizes`), with the CPU time and memory of the engine, the program and the provider, and prints its
tables (or writes them to `--output`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from benchmark.measure import BenchError, progress
from benchmark.plugins import plugin_runs
from benchmark.probes import probe_runs
from benchmark.report import Full, Scale, machine
from benchmark.scenarios import (
    FACES,
    LIFE,
    QUICKSTART,
    QUICKSTART_PROGRAMS,
    SCALE,
    SCALE_SIZES,
    Figures,
    Footprint,
    Results,
    emulators,
    goal_runs,
    runs_of,
)
from hermetic import PULUMI, REPO, Hermetic

SIZES = (1, 10, 100, 1000, 2000)


def full_run(hermetic: Hermetic, runs: int) -> Full:
    started, info, results = time.perf_counter(), machine(), Results(Figures)
    with ExitStack() as stack:
        both = emulators(stack, max(SCALE_SIZES))
        exports = runs_of(hermetic, {0: both[0]}, QUICKSTART_PROGRAMS, QUICKSTART, (1,), runs, results)
        goal = goal_runs(hermetic, both[0])
        exports |= runs_of(
            hermetic, both, {"per-interview": "per-interview"}, SCALE, SCALE_SIZES, runs, results
        )
    footprints = [Footprint.of(f"quickstart ({p})", exports[p]) for p in QUICKSTART_PROGRAMS]
    footprints.append(Footprint.of(f"per-interview x {max(SCALE_SIZES)} (dynamic)", exports["per-interview"]))
    progress("start-up and import cost")
    probes = probe_runs(max(runs, 5))
    progress("the plugin, self-contained and source")
    plugins = plugin_runs(hermetic.root / "plugins", runs)
    return Full(info, runs, time.perf_counter() - started, results, goal, footprints, probes, plugins)


def scale_run(hermetic: Hermetic, sizes: Sequence[int], runs: int) -> Scale:
    results = Results(Figures)
    with ExitStack() as stack:
        runs_of(hermetic, emulators(stack, max(sizes)), FACES, LIFE, sizes, runs, results, scale=True)
    return Scale(machine(), results, sizes)


def sizes_of(text: str) -> tuple[int, ...]:
    sizes = tuple(int(size) for size in text.split(","))
    if min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive integers, such as 1,10,100")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--scale", action="store_true", help="large stacks: both faces at N = 1 to 2,000")
    parser.add_argument("--sizes", type=sizes_of, default=SIZES, help="with --scale: numbers of resources")
    parser.add_argument("--runs", type=int, help="runs per figure (default 3; --scale: 1)")
    parser.add_argument("--json", type=Path, help="also write the raw figures as JSON to this file")
    parser.add_argument(
        "--output", type=Path, help="the report (default: BENCHMARKS.md; --scale: stdout only)"
    )
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.scale else 3)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not PULUMI.exists():
        print("scripts/bench: no Pulumi CLI in .tools/bin: run `make setup` first", file=sys.stderr)
        return 2
    run: Full | Scale
    with tempfile.TemporaryDirectory(prefix="xobin-bench-") as tmp:
        hermetic = Hermetic(Path(tmp))
        try:
            run = scale_run(hermetic, args.sizes, args.runs) if args.scale else full_run(hermetic, args.runs)
        except BenchError as err:
            print(f"scripts/bench: {err}", file=sys.stderr)
            return 2
    # The raw figures first: an hour's run must not be lost to a fault in the report.
    if args.json:
        args.json.write_text(json.dumps(run.raw(), indent=2) + "\n")
    document = run.markdown()
    output = args.output or (None if args.scale else REPO / "BENCHMARKS.md")
    if output:
        output.write_text(document)
    print(document)
    return 0


if __name__ == "__main__":
    sys.exit(main())
