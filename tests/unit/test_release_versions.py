"""Everything that names the version users install follows the distribution's version."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VERSION = importlib.metadata.version("pulumi-xobin")


def test_the_yaml_example_asks_for_this_version_of_the_plugin() -> None:
    example = REPO / "examples" / "yaml"
    (pinned,) = re.findall(r"(?m)^    version: (\S+)$", (example / "Pulumi.yaml").read_text())
    assert pinned == VERSION
    assert [p.name for p in (example / "sdks" / "xobin").iterdir()] == [f"xobin-{VERSION}.yaml"]


def test_the_changelog_has_a_section_for_this_version() -> None:
    assert re.search(rf"(?m)^## \[{re.escape(VERSION)}\] - ", (REPO / "CHANGELOG.md").read_text())
