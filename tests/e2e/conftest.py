"""Fixtures for the end-to-end tests: the real Pulumi CLI against the emulator, hermetically."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hermetic import PULUMI, REPO
from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import E2EStack, StackFactory, copy_program, create_stack
from support.release_host import ReleaseHost


@pytest.fixture(scope="session", autouse=True)
def pulumi_cli() -> Path:
    if not PULUMI.exists():
        pytest.fail(
            "the Pulumi CLI is not installed in .tools/bin: run `make test` (or scripts/install-pulumi)"
        )
    return PULUMI


@pytest.fixture
def make_stack(tmp_path: Path) -> StackFactory:
    """Create stacks of an example program; they are destroyed-and-removed only by the tests themselves."""

    def factory(
        example: str | Path = "quickstart",
        *,
        stack_name: str = "dev",
        project: str = "xobin-quickstart",
        emulator: Emulator | None = None,
        api_key: str | None = None,
        config: dict[str, str] | None = None,
        secrets: dict[str, str] | None = None,
        folder: str | None = None,
        virtualenv: Path | None = None,
        plugin: bool = False,
    ) -> E2EStack:
        work = tmp_path / (folder or Path(example).name)
        if not work.exists():
            copy_program(example, work, project, virtualenv, plugin=plugin)
        stack = create_stack(work, tmp_path, stack_name)
        if emulator is not None:
            stack.set_config("xobin:baseUrl", emulator.url)
        if api_key is not None:
            stack.set_config("xobin:apiKey", api_key, secret=True)
        for key, value in (config or {}).items():
            stack.set_config(key, value)
        for key, value in (secrets or {}).items():
            stack.set_config(key, value, secret=True)
        return stack

    return factory


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every file of a release, as `make release` writes them (scripts/release.py); returns their folder."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "release.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def release_version(dist: Path) -> str:
    (wheel,) = dist.glob("pulumi_xobin-*.whl")
    return wheel.name.split("-")[1]


@pytest.fixture
def release_host(dist: Path, release_version: str) -> Iterator[ReleaseHost]:
    """The release's files, served as GitHub serves a release's assets (see `ReleaseHost`)."""
    with ReleaseHost(dist, release_version) as host:
        yield host


@pytest.fixture(scope="session")
def wheel_venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the package installed from its built wheel, as users `pip install` it."""
    (wheel,) = dist.glob("pulumi_xobin-*.whl")
    venv = tmp_path_factory.mktemp("wheel") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "-c", str(REPO / "constraints.txt"), str(wheel)],
        check=True,
        capture_output=True,
    )
    return venv
