"""The benchmark behind `scripts/bench` (entry point: scripts/bench.py).

- `measure`: hermetic projects of the benchmark's programs (scripts/hermetic.py), the wall time of one
  CLI command and the API requests the emulator saw during it, and the limits those requests must meet;
- `scenarios`: what is run (the operations on the quickstart of each face, per-interview resources at
  scale) and the figures collected;
- `probes`: start-up and import cost, each in a fresh process;
- `report`: BENCHMARKS.md and the raw figures as JSON.
"""
