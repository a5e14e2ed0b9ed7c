"""The benchmark behind `scripts/bench` (entry point: scripts/bench.py).

- `measure`: hermetic projects of the benchmark's programs (scripts/hermetic.py), and the wall time of
  one CLI command with the requests and connections the emulator saw during it;
- `scenarios`: what a full run runs (the operations on the quickstart of each program, per-interview
  resources at scale) and the figures collected;
- `probes` (with `client_timer`): start-up and import cost, each in a fresh process;
- `report`: BENCHMARKS.md and the raw figures as JSON;
- `kept`: the parts of BENCHMARKS.md a run leaves as it finds them;
- `scale`, `processes`, `scale_report`: large stacks (`--scale`), the CPU time and memory of their
  processes, and their section of BENCHMARKS.md.
"""
