"""The benchmark's pure parts: which process plays which role, and the reports it writes from figures."""

from __future__ import annotations

import pytest

from benchmark.measure import Sample
from benchmark.plugins import PluginFigures
from benchmark.processes import ROLES, Usage, role_of
from benchmark.report import Full, Scale
from benchmark.scenarios import (
    FACES,
    LATENCY_MS,
    LIFE,
    QUICKSTART,
    SCALE,
    SCALE_SIZES,
    Figures,
    Footprint,
    Results,
)

INFO = {"date": "2026-12-08 04:00 UTC", "machine": "2 CPUs", "load": "1.0, 1.0, 1.0", "versions": "Python 3"}


@pytest.mark.parametrize(
    ("command", "role"),
    [
        (["/venv/bin/python", "/tools/bin/pulumi-language-python-exec", "--monitor", "x", "/p"], "program"),
        (["/venv/bin/python", "/venv/bin/pulumi-resource-xobin", "127.0.0.1:1"], "provider"),
        (["/venv/bin/python", "-u", "-m", "pulumi.dynamic", "127.0.0.1:1"], "provider"),
        (["/tools/bin/pulumi", "up", "--yes"], None),
        (["/tools/bin/pulumi-language-python", "127.0.0.1:1"], None),
        (["/venv/bin/python", "-m", "pip", "list", "--format", "json"], None),
    ],
)
def test_each_process_has_its_role(command: list[str], role: str | None) -> None:
    assert role_of(command) == role


def sample(size: int) -> Sample:
    """A run in which each resource costs the same: time and CPU in proportion to `size`."""
    usage = {role: Usage(processes=1, cpu_s=size / 100, peak_mib=50.0) for role in ROLES}
    return Sample(size / 10, requests=size, writes=0, connections=1, peak_in_flight=1, usage=usage)


def test_growth_is_per_resource_and_skips_a_step_that_failed_at_the_base_size() -> None:
    results = Results(Figures)
    for face in FACES:
        for size in (100, 1000):
            for latency in (0, LATENCY_MS):
                for step in LIFE:
                    figures = results[(face, size, latency, step)]
                    if size == 100 and step is LIFE[1]:
                        figures.failure = "timed out"
                    else:
                        figures.samples.append(sample(size))
    rows = Scale(INFO, results, (100, 1000)).growth()
    assert {row[1] for row in rows} == {step.label for step in LIFE if step is not LIFE[1]}
    assert all(row[3:] == ["1.0"] * (1 + len(ROLES)) for row in rows)
    assert "failed: timed out" in Scale(INFO, results, (100, 1000)).markdown()


def test_a_full_run_writes_every_section_under_one_date() -> None:
    results = Results(Figures)
    for program in ("dynamic", "native", "naive"):
        for step in QUICKSTART:
            results[(program, 1, 0, step)].samples += [sample(10), sample(12)]
    for n in SCALE_SIZES:
        for latency in (0, LATENCY_MS):
            for step in SCALE:
                results[("per-interview", n, latency, step)].samples.append(sample(n))
    footprints = [Footprint("quickstart (native)", 1, 0, 2000.0, 8000)]
    goal = {"native": [1.0, 2.0], "dynamic": [2.0, 2.0]}
    plugins = {
        "self-contained": PluginFigures(25_000_000, [0.5, 0.6], 54_000_000, [220.0, 230.0], [1.0, 1.1]),
        "source": PluginFigures(90_000, [14.0, 15.0], 89_000_000, [215.0, 216.0], [0.9, 1.0]),
    }
    probes = {"`import pulumi`": [200.0]}
    document = Full(INFO, 2, 600.0, results, goal, footprints, probes, plugins).markdown()
    headings = [line for line in document.splitlines() if line.startswith("#")]
    assert headings == [
        "# Benchmarks",
        "## Goal",
        "## Wall time per command",
        "## Scale and connections",
        "## State footprint",
        "## Start-up and import cost",
        "## The plugin, self-contained and source",
    ]
    assert "| first install (s) | 0.6 (0.5-0.6) | 14.5 (14.0-15.0) |" in document
    assert document.count("2026-12-08") == 1
    assert "the 2-core development machine" in document
    assert "The native no-op preview costs no more than the dynamic one: met." in document
    assert "{" not in document
