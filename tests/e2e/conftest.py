"""Fixtures for the end-to-end tests: the real Pulumi CLI against the emulator, hermetically.

`make test` runs these tests in parallel (pytest-xdist, one process per core): each test has its own
temporary folder, so its own PULUMI_HOME, state and emulator. What a whole run only reads (the release's
files, a virtualenv with the wheel installed) is made once, by whichever process needs it first.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
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


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `make` once per test run, however many processes run the tests: the
    first to ask makes it under a lock while the others wait, then all of them only read it. When `make`
    fails, every test that asks fails with its message, and none makes it again."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's own folder, which holds each worker's
    folder, done, failed = root / name, root / f"{name}.done", root / f"{name}.failed"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists() and not failed.exists():
            folder.mkdir()
            try:
                make(folder)
            except Exception as err:
                failed.write_text(f"making {name} failed: {err}")
                raise
            done.touch()
    if failed.exists():
        pytest.fail(failed.read_text())
    return folder


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every file of a release, as `make release` writes them (scripts/release.py); returns their folder."""

    def release(out: Path) -> None:
        done = subprocess.run(
            [sys.executable, str(REPO / "scripts" / "release.py"), "--out", str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr

    return made_once(tmp_path_factory, "dist", release)


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

    def install(venv: Path) -> None:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "pip"), "install", "--quiet"]
        subprocess.run(
            [*pip, "-c", str(REPO / "constraints.txt"), str(wheel)], check=True, capture_output=True
        )

    return made_once(tmp_path_factory, "wheel-venv", install)
