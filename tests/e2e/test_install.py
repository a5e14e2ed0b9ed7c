"""Installing as users install: from a release's files only, with the engine fetching the plugin itself.

Every program here lives in a temporary folder outside the repository and gets nothing from it but the
release's files (`dist`, what `make release` writes) and, as its own source, an example's program. Each
stack has a fresh PULUMI_HOME with automatic plugin acquisition on; the project's release URL
(`github://api.github.com/pulumi-xobin`) leads to `ReleaseHost`, a stand-in for GitHub's downloads on
127.0.0.1 that counts what the engine fetched. No `plugins:` section anywhere.

The plugin a release serves by platform is self-contained: the TypeScript, Go and YAML programs run with
no Python on PATH at all, as on a machine that never had one. The source plugin, for other platforms, is
installed from its file, as the README says.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from freeze import this_platform
from hermetic import REPO, Hermetic
from pulumi_xobin._plugin.schema import PLUGIN_DOWNLOAD_URL
from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import EXAMPLES, PROGRAMS, E2EStack, assert_clean, copy_program, create_stack
from support.release_host import RELEASES_PATH, ReleaseHost

pytestmark = pytest.mark.e2e

OTHER_KEY = "acct-key-install-account-b-7d21"


def pinned(lines: Iterable[str]) -> set[tuple[str, str]]:
    """`name==version` lines as (normalized name, version)."""
    pins = (line.split("==", 1) for line in lines if "==" in line)
    return {(canonicalize_name(name), version.strip()) for name, version in pins}


def installed_names(venv: Path) -> set[str]:
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {canonicalize_name(dist["name"]) for dist in json.loads(done.stdout)}


def user_stack(
    work: Path,
    home: Path,
    host: ReleaseHost,
    emulator: Emulator,
    api_key: str,
    secrets: dict[str, str],
    *,
    python: bool = False,
) -> E2EStack:
    stack = create_stack(work, home, release_host=host.url, python=python)
    stack.set_config("xobin:baseUrl", emulator.url)
    stack.set_config("xobin:apiKey", api_key, secret=True)
    for key, value in secrets.items():
        stack.set_config(key, value, secret=True)
    return stack


def assert_lifecycle(stack: E2EStack, host: ReleaseHost, emulator: Emulator, resources: int) -> None:
    """up fetches the plugin once; a quiet preview and destroy use the installed one."""
    assert host.fetched(host.plugin_asset()) == 0
    up = stack.up()
    assert up.summary.resource_changes == {"create": resources}
    assert host.fetched(host.plugin_asset()) == 1
    assert emulator.admin.state()["global"]["start"]["url"] == "https://hooks.example.com/start"
    assert stack.preview(expect_no_changes=True).change_summary == {"same": resources}
    stack.destroy()
    assert emulator.admin.state()["global"]["start"]["status"] is False
    assert host.fetched(host.plugin_asset()) == 1
    assert sum(host.requests.values()) == 1, host.requests


def test_typescript_npm_install_then_up_fetches_the_plugin(
    tmp_path: Path, dist: Path, release_host: ReleaseHost, emulator: Emulator, api_key: str, password: str
) -> None:
    work = tmp_path / "program"
    work.mkdir()
    for name in ("index.ts", "tsconfig.json"):
        shutil.copy(EXAMPLES / "typescript" / name, work)
    (work / "Pulumi.yaml").write_text("name: ts-user\nruntime: nodejs\n")
    example = json.loads((EXAMPLES / "typescript" / "package.json").read_text())
    (package,) = dist.glob("pulumi-xobin-xobin-*.tgz")
    example["dependencies"]["@pulumi-xobin/xobin"] = f"file:{package}"
    (work / "package.json").write_text(json.dumps({**example, "name": "ts-user"}, indent=2))
    npm = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund"], cwd=work, capture_output=True, text=True, check=False
    )
    assert npm.returncode == 0, npm.stderr

    installed = json.loads((work / "node_modules" / "@pulumi-xobin" / "xobin" / "package.json").read_text())
    assert installed["pulumi"]["server"] == PLUGIN_DOWNLOAD_URL
    assert installed["pulumi"]["version"] == release_host.version
    stack = user_stack(work, tmp_path, release_host, emulator, api_key, {"webhookPassword": password})
    assert_lifecycle(stack, release_host, emulator, resources=3)
    assert_clean(stack, password, api_key)


def test_go_program_fetches_the_plugin(
    tmp_path: Path, release_host: ReleaseHost, emulator: Emulator, api_key: str, password: str
) -> None:
    # The module from sdk/go through the example's `replace`, as `go get` would give it.
    work = copy_program(EXAMPLES / "go", tmp_path / "program", "go-user")
    stack = user_stack(work, tmp_path, release_host, emulator, api_key, {"webhookPassword": password})
    assert_lifecycle(stack, release_host, emulator, resources=3)
    assert_clean(stack, password, api_key)


def test_python_pip_install_then_up_fetches_the_plugin(
    tmp_path: Path,
    wheel_venv: Path,
    release_host: ReleaseHost,
    emulator: Emulator,
    api_key: str,
    password: str,
) -> None:
    work = tmp_path / "program"
    work.mkdir()
    shutil.copy(EXAMPLES / "native" / "__main__.py", work)
    (work / "Pulumi.yaml").write_text(
        f"name: python-user\nruntime:\n  name: python\n  options:\n    virtualenv: {wheel_venv}\n"
    )
    secrets = {"webhookPassword": password}
    stack = user_stack(work, tmp_path, release_host, emulator, api_key, secrets, python=True)
    assert_lifecycle(stack, release_host, emulator, resources=3)
    assert_clean(stack, password, api_key)


def test_yaml_package_add_writes_what_the_example_commits(tmp_path: Path, release_host: ReleaseHost) -> None:
    work = tmp_path / "program"
    work.mkdir()
    (work / "Pulumi.yaml").write_text("name: xobin-yaml\nruntime: yaml\n")
    hermetic = Hermetic(tmp_path, release_host=release_host.url, python=False)
    done = hermetic.pulumi(
        "package", "add", f"xobin@{release_host.version}", "--server", PLUGIN_DOWNLOAD_URL, cwd=work
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert release_host.fetched(release_host.plugin_asset()) == 1

    example = EXAMPLES / "yaml"
    written = (work / "Pulumi.yaml").read_text().split("packages:", 1)[1]
    assert f"packages:{written}" in (example / "Pulumi.yaml").read_text()
    sdks = sorted(p.relative_to(work) for p in (work / "sdks").rglob("*") if p.is_file())
    assert sdks == sorted(p.relative_to(example) for p in (example / "sdks").rglob("*") if p.is_file())
    for sdk in sdks:
        assert (work / sdk).read_text() == (example / sdk).read_text()


def test_a_fresh_clone_of_the_yaml_example_runs_with_nothing_else(
    tmp_path: Path, release_host: ReleaseHost, api_key: str, password: str
) -> None:
    work = tmp_path / "clone"
    shutil.copytree(EXAMPLES / "yaml", work)
    with Emulator(api_key=api_key) as first, Emulator(api_key=OTHER_KEY) as second:
        stack = user_stack(
            work,
            tmp_path,
            release_host,
            first,
            api_key,
            {"webhookPassword": password, "accountBKey": OTHER_KEY},
        )
        stack.set_config("accountBUrl", second.url)
        assert_lifecycle(stack, release_host, first, resources=5)
        assert second.admin.state()["global"]["start"]["status"] is False
    assert_clean(stack, password, api_key, OTHER_KEY)


def test_plugin_install_from_the_release(tmp_path: Path, release_host: ReleaseHost) -> None:
    hermetic = Hermetic(tmp_path, release_host=release_host.url, python=False)
    version = release_host.version
    done = hermetic.pulumi(
        "plugin", "install", "resource", "xobin", version, "--server", PLUGIN_DOWNLOAD_URL, cwd=tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert release_host.fetched(release_host.plugin_asset()) == 1
    listed = hermetic.pulumi("plugin", "ls", "--json", cwd=tmp_path)
    plugins = json.loads(listed.stdout)
    assert [(p["name"], p["kind"], p["version"]) for p in plugins] == [("xobin", "resource", version)]
    # Self-contained: the archive's executable and what it bundles; no virtualenv, nothing from pip.
    installed = hermetic.home / "plugins" / f"resource-xobin-v{version}"
    assert (installed / "pulumi-resource-xobin").stat().st_mode & 0o111
    assert (installed / "_internal").is_dir()
    assert not (installed / "venv").exists()
    assert not (installed / "PulumiPlugin.yaml").exists()


def test_package_add_from_a_copy_of_the_repository_generates_a_working_python_sdk(
    tmp_path: Path, emulator: Emulator, api_key: str, password: str
) -> None:
    checkout = tmp_path / "pulumi-xobin"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (REPO / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, checkout / name)
    work = tmp_path / "program"
    work.mkdir()
    (work / "Pulumi.yaml").write_text(
        "name: source-user\nruntime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv\n"
    )
    pulumi_pin = next(
        line for line in (REPO / "constraints.txt").read_text().splitlines() if line.startswith("pulumi==")
    )
    (work / "requirements.txt").write_text(f"{pulumi_pin}\n")
    shutil.copy(PROGRAMS / "generated_python_sdk" / "__main__.py", work)
    hermetic = Hermetic(tmp_path)
    added = hermetic.pulumi("package", "add", str(checkout / "provider"), cwd=work, timeout=900)
    assert added.returncode == 0, added.stdout + added.stderr
    done = hermetic.pulumi("install", cwd=work, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    # The program imports the generated SDK: the distribution (which has a module of that name too) is not
    # in the project's virtualenv.
    assert (work / "sdks" / "xobin" / "pulumi_xobin_native" / "__init__.py").exists()
    distributions = installed_names(work / "venv")
    assert "pulumi-xobin-native" in distributions
    assert "pulumi-xobin" not in distributions

    stack = create_stack(work, tmp_path)
    stack.set_config("xobin:baseUrl", emulator.url)
    stack.set_config("xobin:apiKey", api_key, secret=True)
    stack.set_config("webhookPassword", password, secret=True)
    assert stack.up().summary.resource_changes == {"create": 2}
    assert emulator.admin.state()["global"]["auth"]["basic"]["password"] == password
    assert stack.preview(expect_no_changes=True).change_summary == {"same": 2}
    stack.destroy()
    assert_clean(stack, password, api_key)


def yaml_program(work: Path, version: str) -> Path:
    """A YAML program that asks for the plugin at `version` from the project's releases, as `pulumi
    package add` writes it (the YAML host reads the version from the declaration under sdks/)."""
    (work / "sdks" / "xobin").mkdir(parents=True)
    (work / "sdks" / "xobin" / f"xobin-{version}.yaml").write_text(
        f"packageDeclarationVersion: 1\nname: xobin\nversion: {version}\ndownloadUrl: {PLUGIN_DOWNLOAD_URL}\n"
    )
    (work / "Pulumi.yaml").write_text(
        "name: pinned\nruntime: yaml\n"
        f"packages:\n  xobin:\n    source: xobin\n    version: {version}\n"
        f"    pluginDownloadURL: {PLUGIN_DOWNLOAD_URL}\n"
        "resources:\n  hooks:\n    type: xobin:index:WebhookSettings\n"
        "    properties:\n      start:\n        url: https://hooks.example.com/start\n"
    )
    return work


def what_to_do(version: str) -> str:
    return (
        "Could not automatically download and install resource plugin 'pulumi-resource-xobin' at version "
        f"v{version}, install the plugin using `pulumi plugin install resource xobin v{version} --server "
        f"{PLUGIN_DOWNLOAD_URL}`"
    )


def test_a_version_the_release_host_lacks_fails_with_what_to_do(
    tmp_path: Path, release_host: ReleaseHost
) -> None:
    stack = create_stack(yaml_program(tmp_path / "program", "9.9.9"), tmp_path, release_host=release_host.url)
    done = stack.cli("preview")
    assert done.returncode != 0
    assert what_to_do("9.9.9") in done.stdout + done.stderr
    assert "404 HTTP error fetching plugin" in done.stdout + done.stderr
    asked = f"{RELEASES_PATH}/v9.9.9/pulumi-resource-xobin-v9.9.9-{this_platform()}.tar.gz"
    assert set(release_host.requests) == {asked}
    assert_clean(stack)


def test_an_unreachable_release_host_fails_with_what_to_do(tmp_path: Path, release_host: ReleaseHost) -> None:
    version = release_host.version
    closed = "http://127.0.0.1:9/pulumi-xobin/pulumi-xobin/releases/download"
    stack = create_stack(yaml_program(tmp_path / "program", version), tmp_path, release_host=closed)
    done = stack.cli("preview")
    assert done.returncode != 0
    assert what_to_do(version) in done.stdout + done.stderr
    assert "connection refused" in done.stdout + done.stderr
    assert release_host.requests == {}
    assert_clean(stack)


def test_the_source_plugin_installs_offline_from_its_file(
    tmp_path: Path, dist: Path, release_version: str
) -> None:
    """The fallback for a platform without a self-contained build, as the README gives it: the source
    archive by `--file`, its wheels from a folder filled beforehand."""
    archive = dist / f"pulumi-resource-xobin-v{release_version}-source.tar.gz"
    unpacked = tmp_path / "archive"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    # While online (pip's own cache makes it quick): the wheels, as the README says.
    wheelhouse = tmp_path / "wheelhouse"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "-d",
            str(wheelhouse),
            "-r",
            "requirements.txt",
            "pip",
            "setuptools",
            "wheel",
        ],
        cwd=unpacked,
        check=True,
        capture_output=True,
    )
    # Then with no index and no release host: downloads are off (Hermetic's default).
    hermetic = Hermetic(tmp_path)
    offline = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse)}
    done = hermetic.pulumi(
        "plugin",
        "install",
        "resource",
        "xobin",
        release_version,
        "--file",
        str(archive),
        cwd=tmp_path,
        extra_env=offline,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    listed = json.loads(hermetic.pulumi("plugin", "ls", "--json", cwd=tmp_path).stdout)
    assert [(p["name"], p["version"]) for p in listed] == [("xobin", release_version)]
    # A Python source plugin: its own virtualenv, made by the engine from the archive's pins.
    venv = hermetic.home / "plugins" / f"resource-xobin-v{release_version}" / "venv"
    freeze = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "freeze"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert any(line.startswith(f"pulumi-xobin @ file://{venv.parent}/pulumi_xobin-") for line in freeze)
    assert pinned(line for line in freeze if "==" in line) <= pinned(
        (REPO / "constraints.txt").read_text().splitlines()
    )
    # A program that asks for that version runs on it.
    stack = create_stack(yaml_program(tmp_path / "program", release_version), tmp_path)
    stack.set_config("xobin:apiKey", "acct-key-offline", secret=True)
    assert stack.preview().change_summary == {"create": 2}
