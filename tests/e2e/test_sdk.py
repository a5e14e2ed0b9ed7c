"""The committed Node.js SDK is exactly what Pulumi's code generation makes of the plugin's schema."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
from pathlib import Path

import pytest

from hermetic import REPO
from pulumi_xobin._schema import PLUGIN_DOWNLOAD_URL

pytestmark = pytest.mark.e2e

SDK = REPO / "sdk" / "nodejs"
# Ours, not gen-sdk's: the package's lock file and npm settings; and what `make setup` builds there.
NOT_GENERATED = {"package-lock.json", ".npmrc", "node_modules", "bin"}


def files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_text()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] not in NOT_GENERATED
    }


def test_committed_sdk_is_not_stale(tmp_path: Path) -> None:
    subprocess.run([str(REPO / "scripts" / "gen-sdk"), str(tmp_path)], check=True, capture_output=True)
    generated, committed = files(tmp_path / "nodejs"), files(SDK)
    assert generated.keys() == committed.keys(), "run `make sdk`"
    stale = [name for name in generated if generated[name] != committed[name]]
    assert stale == [], f"stale against the schema, run `make sdk`: {stale}"


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
