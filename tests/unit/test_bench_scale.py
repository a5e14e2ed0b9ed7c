"""The scale benchmark's pure parts: which process plays which role, and BENCHMARKS.md's section 7
rewritten by `--scale` and kept by the full run."""

from __future__ import annotations

import pytest

from benchmark.processes import role_of
from benchmark.scale_report import BEGIN, END, block_of, with_block

OLD = f"{BEGIN}\n## 7. old figures\n{END}"
NEW = f"{BEGIN}\n## 7. new figures\n{END}"


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


def test_the_scale_section_replaces_the_old_one_in_place() -> None:
    document = f"# Benchmarks\n\n## 6. probes\n\n{OLD}\n"
    assert with_block(document, NEW) == f"# Benchmarks\n\n## 6. probes\n\n{NEW}\n"


def test_the_scale_section_is_appended_where_there_is_none() -> None:
    assert with_block("# Benchmarks\n\n## 6. probes\n", NEW) == f"# Benchmarks\n\n## 6. probes\n\n{NEW}\n"


def test_a_full_run_keeps_the_scale_section_it_finds() -> None:
    kept = block_of(f"# Benchmarks (old run)\n\n{OLD}\n")
    assert kept == OLD
    assert with_block("# Benchmarks (new run)\n", kept) == f"# Benchmarks (new run)\n\n{OLD}\n"
    assert block_of("# Benchmarks, never run with --scale\n") == ""
