"""The parts of BENCHMARKS.md that a run keeps as it finds them: section 7, which only `--scale`
rewrites, and section 1, the dated record of HTTP counts, which no run writes."""

from __future__ import annotations

from benchmark.kept import HTTP_RECORD, SCALE, Kept, assemble

OLD = f"{SCALE.begin}\n## 7. old figures\n{SCALE.end}"
NEW = f"{SCALE.begin}\n## 7. new figures\n{SCALE.end}"
RECORD = f"{HTTP_RECORD.begin}\n## 1. HTTP counts of a past run\n{HTTP_RECORD.end}"


def test_the_scale_section_replaces_the_old_one_in_place() -> None:
    document = f"# Benchmarks\n\n## 6. probes\n\n{OLD}\n"
    assert SCALE.with_block(document, NEW) == f"# Benchmarks\n\n## 6. probes\n\n{NEW}\n"


def test_the_scale_section_is_appended_where_there_is_none() -> None:
    expected = f"# Benchmarks\n\n## 6. probes\n\n{NEW}\n"
    assert SCALE.with_block("# Benchmarks\n\n## 6. probes\n", NEW) == expected


def test_each_part_is_found_by_its_own_markers() -> None:
    document = f"# Benchmarks\n\n{RECORD}\n\n## 6. probes\n\n{OLD}\n"
    assert HTTP_RECORD.block_of(document) == RECORD
    assert SCALE.block_of(document) == OLD
    assert SCALE.block_of("# Benchmarks, never run with --scale\n") == ""


def test_a_full_run_keeps_each_part_in_its_place() -> None:
    previous = f"# Benchmarks (old run)\n\n{RECORD}\n\n## 2. old figures\n\n{OLD}\n"
    parts: list[list[str] | Kept] = [
        ["# Benchmarks (new run)", ""],
        HTTP_RECORD,
        ["## 2. new figures", ""],
        SCALE,
    ]
    expected = f"# Benchmarks (new run)\n\n{RECORD}\n\n## 2. new figures\n\n{OLD}\n"
    assert assemble(parts, previous) == expected


def test_a_part_the_old_file_lacks_is_left_out() -> None:
    parts: list[list[str] | Kept] = [["# Benchmarks", ""], HTTP_RECORD, ["## 2. figures", ""], SCALE]
    assert assemble(parts, "") == "# Benchmarks\n\n## 2. figures\n"
