"""The Pulumi Registry's pages of the package (docs/): in the Registry's format, with the reference
tables rendered from the field declarations and code that the examples run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reference import update

REPO = Path(__file__).resolve().parents[2]
PAGES = sorted((REPO / "docs").glob("*.md"))
EXAMPLE_SOURCES = {
    "typescript": "*/*.ts",
    "python": "*/*.py",
    "yaml": "*/Pulumi.yaml",
}


def test_the_registry_reads_both_pages() -> None:
    assert [p.name for p in PAGES] == ["_index.md", "installation-configuration.md"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_each_page_has_the_registrys_front_matter(page: Path) -> None:
    front = re.match(r"---\n(.*?)\n---\n", page.read_text(), flags=re.DOTALL)
    assert front is not None
    keys = dict(line.split(": ", 1) for line in front[1].splitlines())
    assert keys.keys() == {"title", "meta_desc", "layout"}
    assert keys["layout"] == "package"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_reference_tables_are_rendered_from_the_field_declarations(page: Path) -> None:
    text = page.read_text()
    assert update(text) == text, "stale: run `make docs`"


@pytest.mark.parametrize(
    ("language", "block"),
    [
        (lang, block)
        for page in PAGES
        for lang, block in re.findall(r"```(\w+)\n(.*?)```", page.read_text(), flags=re.DOTALL)
        if lang in EXAMPLE_SOURCES
    ],
    ids=lambda value: str(value).splitlines()[0][:40],
)
def test_code_is_an_excerpt_of_an_example_the_e2e_suite_runs(language: str, block: str) -> None:
    sources = [p.read_text() for p in (REPO / "examples").glob(EXAMPLE_SOURCES[language])]
    assert any(block.strip() in source for source in sources)
