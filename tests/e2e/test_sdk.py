"""The committed SDKs (Node.js, Go, Java) are exactly what Pulumi's code generation makes of the plugin's
schema, named and versioned as the README says."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hermetic import REPO
from pulumi_xobin._plugin.schema import PLUGIN_DOWNLOAD_URL

pytestmark = pytest.mark.e2e

SDK = REPO / "sdk" / "nodejs"
VERSION = importlib.metadata.version("pulumi-xobin")
# Ours, not gen-sdk's: the Node.js package's lock file and npm settings, the Java SDK's Maven build; and
# what `make setup` builds there.
NOT_GENERATED = {
    "nodejs": {"package-lock.json", ".npmrc", "node_modules", "bin"},
    "go": set(),
    "java": {"pom.xml", "target"},
}
POM = {"m": "http://maven.apache.org/POM/4.0.0"}


def files(root: Path, language: str) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_text()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] not in NOT_GENERATED[language]
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdk")
    subprocess.run([str(REPO / "scripts" / "gen-sdk"), str(out)], check=True, capture_output=True)
    return out


@pytest.mark.parametrize("language", sorted(NOT_GENERATED))
def test_committed_sdk_is_not_stale(generated: Path, language: str) -> None:
    fresh, committed = files(generated / language, language), files(REPO / "sdk" / language, language)
    assert fresh.keys() == committed.keys(), "run `make sdk`"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert stale == [], f"stale against the schema, run `make sdk`: {stale}"


def test_go_module_is_the_repositorys_sdk_go_folder() -> None:
    sdk = REPO / "sdk" / "go"
    assert re.match(r"module github\.com/pulumi-xobin/pulumi-xobin/sdk/go\n", (sdk / "go.mod").read_text())
    assert (sdk / "go.sum").read_text()
    assert "\npackage xobin\n" in (sdk / "xobin" / "doc.go").read_text()
    plugin = json.loads((sdk / "xobin" / "pulumi-plugin.json").read_text())
    assert (plugin["name"], plugin["version"]) == ("xobin", VERSION)


def pom(path: Path) -> tuple[list[str | None], dict[tuple[str | None, str | None], str | None]]:
    """A pom.xml's own coordinates, and its dependencies' versions by group and artifact."""
    root = ET.parse(path).getroot()  # noqa: S314 (this repository's own file)
    coordinates = [
        root.findtext(f"m:{name}", namespaces=POM) for name in ("groupId", "artifactId", "version")
    ]
    dependencies = {
        (d.findtext("m:groupId", namespaces=POM), d.findtext("m:artifactId", namespaces=POM)): d.findtext(
            "m:version", namespaces=POM
        )
        for d in root.iterfind("m:dependencies/m:dependency", POM)
    }
    return coordinates, dependencies


def test_java_sdk_has_its_own_coordinates_and_package() -> None:
    sdk = REPO / "sdk" / "java"
    coordinates, dependencies = pom(sdk / "pom.xml")
    assert coordinates == ["io.github.pulumi-xobin", "xobin", VERSION]
    assert ("com.pulumi", "pulumi") in dependencies
    package = Path("io", "github", "pulumixobin", "xobin")
    assert (sdk / "src" / "main" / "resources" / package / "version.txt").read_text() == VERSION
    sources = list((sdk / "src" / "main" / "java").rglob("*.java"))
    assert sources
    assert all(path.is_relative_to(sdk / "src" / "main" / "java" / package) for path in sources)


def test_java_example_depends_on_the_sdk_at_this_version() -> None:
    _, dependencies = pom(REPO / "examples" / "java" / "pom.xml")
    assert dependencies[("io.github.pulumi-xobin", "xobin")] == VERSION, (
        "examples/java/pom.xml: the SDK's version"
    )


def test_sdk_package_is_named_and_versioned_with_the_python_distribution() -> None:
    package = json.loads((SDK / "package.json").read_text())
    assert package["name"] == "@pulumi-xobin/xobin"
    assert package["version"] == importlib.metadata.version("pulumi-xobin")
    assert package["pulumi"] == {
        "resource": True,
        "name": "xobin",
        "version": package["version"],
        "server": PLUGIN_DOWNLOAD_URL,
    }
