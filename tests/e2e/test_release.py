"""What `make release` writes (scripts/release.py): the files, their checksums, their reproducibility, the
self-contained plugin of this machine, and the source plugin that installs wherever its wheels do."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from freeze import this_platform
from hermetic import REPO, TOOLS_BIN, Hermetic
from pulumi_xobin._plugin.schema import NODEJS_PACKAGE, PLUGIN_DOWNLOAD_URL, package_schema

pytestmark = pytest.mark.e2e

# A platform tag pip knows for each platform, for Python 3.10 and 3.13 (the oldest and newest that CI
# runs): where the source plugin installs from wheels alone. windows-arm64 is left out: grpcio, which
# pulumi needs, publishes no wheel for it (README).
WHEEL_PLATFORMS = {
    "linux-amd64": "manylinux2014_x86_64",
    "linux-arm64": "manylinux2014_aarch64",
    "darwin-amd64": "macosx_11_0_x86_64",
    "darwin-arm64": "macosx_11_0_arm64",
    "windows-amd64": "win_amd64",
}


def plugin_archive(dist: Path, version: str, platform: str = this_platform()) -> Path:
    return dist / f"pulumi-resource-xobin-v{version}-{platform}.tar.gz"


def test_the_release_has_exactly_the_files_it_publishes(dist: Path, release_version: str) -> None:
    v = release_version
    assert sorted(p.name for p in dist.iterdir()) == sorted(
        [
            f"pulumi_xobin-{v}-py3-none-any.whl",
            f"pulumi_xobin-{v}.tar.gz",
            plugin_archive(dist, v).name,
            plugin_archive(dist, v, "source").name,
            f"pulumi-xobin-xobin-{v}.tgz",
            "schema.json",
            "RELEASE_NOTES.md",
            "SHA256SUMS",
        ]
    )


def test_sha256sums_covers_every_file_and_checks(dist: Path) -> None:
    listed = [line.split("  ", 1)[1] for line in (dist / "SHA256SUMS").read_text().splitlines()]
    assert sorted(listed) == sorted(p.name for p in dist.iterdir() if p.name != "SHA256SUMS")
    # As users check them.
    done = subprocess.run(["sha256sum", "--check", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_second_build_of_the_same_commit_is_byte_identical(dist: Path, tmp_path: Path) -> None:
    again = tmp_path / "dist"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "release.py"), "--out", str(again)],
        check=True,
        capture_output=True,
    )

    def digests(folder: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}

    assert digests(again) == digests(dist)


def test_the_plugin_archive_is_an_executable_at_its_root_with_what_it_bundles(
    dist: Path, release_version: str
) -> None:
    with tarfile.open(plugin_archive(dist, release_version)) as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names == sorted(names)
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
    assert {m.name.split("/")[0] for m in members} == {"pulumi-resource-xobin", "_internal"}
    (executable,) = (m for m in members if m.name == "pulumi-resource-xobin")
    assert executable.isfile()
    assert executable.mode == 0o755
    # Run as a Go provider is: no Python host, virtualenv or requirements.
    assert not {"PulumiPlugin.yaml", "requirements.txt", "__main__.py"} & set(names)
    # pip's records of the build (temporary paths) are left out; the metadata the plugin reads is in.
    assert not [n for n in names if re.search(r"\.dist-info/(RECORD|direct_url\.json)$", n)]
    assert f"_internal/pulumi_xobin-{release_version}.dist-info/METADATA" in names


def test_the_plugin_starts_and_says_its_port_on_one_line(
    dist: Path, release_version: str, tmp_path: Path
) -> None:
    with tarfile.open(plugin_archive(dist, release_version)) as tar:
        tar.extractall(tmp_path, filter="data")
    plugin = subprocess.Popen(
        [str(tmp_path / "pulumi-resource-xobin"), "127.0.0.1:1"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert plugin.stdout is not None
        assert int(plugin.stdout.readline()) > 0
    finally:
        plugin.terminate()
    # One process (PyInstaller's one-folder build has no bootloader parent): the signal ends the plugin.
    assert plugin.wait(timeout=10) == -signal.SIGTERM


def test_a_plugin_that_cannot_start_says_so_in_one_line(
    dist: Path, release_version: str, tmp_path: Path
) -> None:
    with tarfile.open(plugin_archive(dist, release_version)) as tar:
        tar.extractall(tmp_path, filter="data")
    usage = subprocess.run([str(tmp_path / "pulumi-resource-xobin")], capture_output=True, text=True)
    assert (usage.returncode, usage.stdout) == (1, "")
    assert usage.stderr.splitlines() == [
        "usage: pulumi-resource-xobin ENGINE_ADDRESS (the Pulumi engine starts this plugin)"
    ]
    # A build that lacks a module it bundles (gRPC's compiled core, here).
    shutil.rmtree(tmp_path / "_internal" / "grpc")
    broken = subprocess.run(
        [str(tmp_path / "pulumi-resource-xobin"), "127.0.0.1:1"], capture_output=True, text=True
    )
    assert (broken.returncode, broken.stdout) == (1, "")
    (line,) = broken.stderr.splitlines()
    assert line.startswith("pulumi-resource-xobin: cannot start, its install is broken (")


def test_the_source_plugin_archive_is_the_plugin_folder_the_wheel_and_the_pins(
    dist: Path, release_version: str
) -> None:
    wheel = f"pulumi_xobin-{release_version}-py3-none-any.whl"
    with tarfile.open(plugin_archive(dist, release_version, "source")) as tar:
        members = tar.getmembers()
        assert [m.name for m in members] == sorted(
            ["PulumiPlugin.yaml", "__main__.py", "constraints.txt", "requirements.txt", wheel]
        )
        assert {(m.uid, m.gid, m.uname, m.gname, m.mode) for m in members} == {(0, 0, "", "", 0o644)}

        def read(name: str) -> bytes:
            member = tar.extractfile(name)
            assert member is not None
            return member.read()

        assert read("PulumiPlugin.yaml") == (REPO / "provider" / "PulumiPlugin.yaml").read_bytes()
        assert read("__main__.py") == (REPO / "provider" / "__main__.py").read_bytes()
        assert read("constraints.txt") == (REPO / "constraints.txt").read_bytes()
        assert read("requirements.txt").decode().splitlines() == ["-c constraints.txt", f"./{wheel}"]
        assert read(wheel) == (dist / wheel).read_bytes()


@pytest.mark.parametrize("python", ["3.10", "3.13"])
@pytest.mark.parametrize("platform", sorted(WHEEL_PLATFORMS))
def test_the_source_plugin_installs_from_wheels_only(
    dist: Path, release_version: str, tmp_path: Path, platform: str, python: str
) -> None:
    with tarfile.open(plugin_archive(dist, release_version, "source")) as tar:
        tar.extractall(tmp_path, filter="data")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--quiet",
            "--ignore-installed",
            "--only-binary=:all:",
            "--platform",
            WHEEL_PLATFORMS[platform],
            "--python-version",
            python,
            "-r",
            "requirements.txt",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_npm_package_asks_for_its_own_plugin_version_from_the_releases(
    dist: Path, release_version: str
) -> None:
    with tarfile.open(dist / f"pulumi-xobin-xobin-{release_version}.tgz") as tar:
        member = tar.extractfile("package/package.json")
        assert member is not None
        manifest = json.load(member)
        names = tar.getnames()
    assert manifest["name"] == NODEJS_PACKAGE
    assert manifest["version"] == release_version
    assert manifest["pulumi"] == {
        "resource": True,
        "name": "xobin",
        "version": release_version,
        "server": PLUGIN_DOWNLOAD_URL,
    }
    # Built: the compiled JavaScript and its type declarations, as npm users get them.
    assert {"package/index.js", "package/index.d.ts", "package/webhookSettings.js"} <= set(names)


def test_schema_json_is_the_plugins_schema(dist: Path, release_version: str) -> None:
    assert json.loads((dist / "schema.json").read_text()) == package_schema(release_version)


def test_the_release_notes_are_the_versions_changelog_section(dist: Path, release_version: str) -> None:
    notes = (dist / "RELEASE_NOTES.md").read_text()
    changelog = (REPO / "CHANGELOG.md").read_text()
    heading, body = notes.split("\n\n", 1)
    assert heading == f"# pulumi-xobin {release_version}"
    section = changelog.split(f"## [{release_version}]", 1)[1].split("\n", 1)[1].split("\n## [", 1)[0]
    assert body.strip() == section.strip()


def test_the_release_workflows_smoke_test_passes_on_this_platforms_plugin(
    dist: Path, release_version: str, tmp_path: Path
) -> None:
    """scripts/smoke-plugin, which the release workflow runs on every platform's runner before publishing."""
    hermetic = Hermetic(tmp_path)
    env = {
        **hermetic.env(),
        "PATH": os.pathsep.join([str(TOOLS_BIN), str(Path(sys.executable).parent), os.defpath]),
    }
    done = subprocess.run(
        [str(REPO / "scripts" / "smoke-plugin"), str(plugin_archive(dist, release_version)), release_version],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == (
        f"smoke-plugin: {plugin_archive(dist, release_version).name} ran up, a quiet preview and destroy"
    )
    assert "smoke-password" not in done.stdout + done.stderr
