"""The scale benchmark's pure part: which process plays which role (tests/unit/test_bench_kept.py has
section 7's place in BENCHMARKS.md)."""

from __future__ import annotations

import pytest

from benchmark.processes import role_of


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
