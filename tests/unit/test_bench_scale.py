"""The scale benchmark's pure part: which process plays which role (tests/unit/test_bench_kept.py has
section 7's place in BENCHMARKS.md)."""

from __future__ import annotations

import pytest

from benchmark.measure import Sample, Traffic
from benchmark.processes import ROLES, Usage, role_of
from benchmark.scale import LIFE, PROJECTS, LifeFigures, Measured
from benchmark.scale_report import Index, growth_rows


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


def figures_of(failed_at_base: str) -> list[LifeFigures]:
    """Both faces, one latency, sizes 100 and 1,000: every step ran, each resource costing the same
    at both sizes, except `failed_at_base`, which failed at 100."""
    traffic = Traffic(total=0, writes=0, connections=0, peak_in_flight=0)
    figures = []
    for face in PROJECTS:
        for size in (100, 1000):
            for step in LIFE:
                figure = LifeFigures(face, step, size, 0)
                if size == 1000 or step.key != failed_at_base:
                    usage = {role: Usage(processes=1, cpu_s=size / 100, peak_mib=50.0) for role in ROLES}
                    figure.runs.append(Measured(Sample(size / 10, traffic), usage))
                else:
                    figure.failure = "timed out"
                figures.append(figure)
    return figures


def test_growth_is_per_resource_and_skips_a_step_that_failed_at_the_base_size() -> None:
    rows = growth_rows(Index(figures_of(failed_at_base="preview")))
    assert {row[1] for row in rows} == {step.label for step in LIFE if step.key != "preview"}
    assert all(row[3:] == ["1.0"] * (1 + len(ROLES)) for row in rows)
