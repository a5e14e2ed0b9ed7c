"""The benchmark behind `scripts/bench` (entry point: scripts/bench.py): `measure` runs one CLI command,
`processes` watches its processes, `scenarios` says what runs, `probes` the start-up costs, `report`
writes it all down."""
