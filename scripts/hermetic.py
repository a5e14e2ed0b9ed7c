"""The one hermetic Pulumi set-up, in which the demo, the benchmark, the release fixtures and the tests
run the CLI.

Hermetic means: always the repo's own CLI (.tools/bin/pulumi, from scripts/install-pulumi) with .tools/bin
first on PATH, so the engine finds the language hosts installed beside it; a PULUMI_HOME and a file://
state backend in a folder of the caller's choosing (a temporary one); a passphrase secrets provider; no
update checks and no plugin downloads; and none of the caller's own PULUMI_* or XOBIN_* variables, which
would point the CLI at their backend or the provider at their Xobin account.

With `release_host`, plugin downloads are on, as users have them, and the project's release URL leads
to that stand-in for GitHub's release downloads instead; no `pulumi-resource-xobin` on PATH can stand
in for the download either. With `python=False`, no `python` or `python3` (nor any other `python*`) is on
PATH: how a TypeScript, Go or YAML team's machine may be.

It lives in scripts/ because the scripts run as `.venv/bin/python scripts/<name>.py`, which puts this
folder on sys.path by itself; the tests reach it through pytest's `pythonpath` and mypy through
`mypy_path` (pyproject.toml), and the wheel never ships it.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pulumi_xobin._plugin.schema import PLUGIN_DOWNLOAD_URL

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / ".tools"
TOOLS_BIN = TOOLS / "bin"
PULUMI = TOOLS_BIN / "pulumi"
# Protects throwaway test values only; the release fixtures' own passphrase is part of their contract.
PASSPHRASE = "hermetic-passphrase"  # noqa: S105
CALLER_SETTINGS = ("PULUMI_", "XOBIN_")


def caller_settings(environ: Mapping[str, str]) -> list[str]:
    """The names of the variables in `environ` that a hermetic run must not inherit."""
    return [name for name in environ if name.startswith(CALLER_SETTINGS)]


def dev_plugin(virtualenv: Path) -> str:
    """The `plugins:` section of a Pulumi.yaml that points the engine at the native plugin of
    `virtualenv` (its console script), ahead of any installed or downloadable release: how this
    repository runs its native programs against the working tree. Users never write it."""
    return f"plugins:\n  providers:\n    - name: xobin\n      path: {virtualenv / 'bin'}\n"


def python_project(name: str, virtualenv: Path, *, plugin: bool = False) -> str:
    """A Pulumi.yaml for a Python program run in `virtualenv`; with `plugin`, also `dev_plugin`."""
    text = f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {virtualenv}\n"
    return text + dev_plugin(virtualenv) if plugin else text


@dataclass(frozen=True)
class Hermetic:
    """The hermetic environment of one run; its PULUMI_HOME and state live under `root`."""

    root: Path
    passphrase: str = PASSPHRASE
    # Where `v<version>/<asset>` of the project's GitHub releases is served instead (http://127.0.0.1:...).
    release_host: str | None = None
    python: bool = True

    def __post_init__(self) -> None:
        # The file:// backend needs its folder; the CLI creates PULUMI_HOME itself.
        self.state.mkdir(parents=True, exist_ok=True)

    def _without_python(self, path: list[str]) -> list[str]:
        """`path` with each folder that holds a `python*` replaced by a copy of it (of symlinks) without."""
        mirrors = self.root / "path-without-python"
        kept = []
        for index, folder in enumerate(map(Path, path)):
            if not any(folder.glob("python*")):
                kept.append(str(folder))
                continue
            mirror = mirrors / str(index)
            if not mirror.exists():
                mirror.mkdir(parents=True)
                for entry in folder.iterdir():
                    if not entry.name.startswith("python"):
                        (mirror / entry.name).symlink_to(entry)
            kept.append(str(mirror))
        return kept

    @property
    def home(self) -> Path:
        return self.root / "pulumi-home"

    @property
    def state(self) -> Path:
        return self.root / "state"

    def settings(self) -> dict[str, str]:
        """What the hermetic run sets, on top of the caller's environment less its CALLER_SETTINGS."""
        path = os.environ.get("PATH", os.defpath).split(os.pathsep)
        settings = {
            "PULUMI_HOME": str(self.home),
            "PULUMI_BACKEND_URL": self.state.as_uri(),
            "PULUMI_CONFIG_PASSPHRASE": self.passphrase,
            "PULUMI_SKIP_UPDATE_CHECK": "true",
        }
        if self.release_host is None:
            settings["PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"] = "true"
        else:
            # The engine would run a plugin found on PATH (an activated virtualenv's) without a download.
            path = [d for d in path if not (Path(d) / "pulumi-resource-xobin").exists()]
            release = f"{self.release_host}/v${{VERSION}}"
            settings["PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES"] = f"^{re.escape(PLUGIN_DOWNLOAD_URL)}={release}"
        if not self.python:
            path = self._without_python(path)
        return {"PATH": os.pathsep.join([str(TOOLS_BIN), *path]), **settings}

    def env(self) -> dict[str, str]:
        """The whole environment for the CLI and anything that starts it."""
        caller = {k: v for k, v in os.environ.items() if not k.startswith(CALLER_SETTINGS)}
        return {**caller, **self.settings()}

    def pulumi(
        self,
        *args: str,
        cwd: Path,
        extra_env: Mapping[str, str] | None = None,
        capture: bool = True,
        timeout: float | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """`pulumi ARGS` in `cwd` with the repo's CLI; the caller judges its exit code. Without `capture`
        its output goes to this process's terminal."""
        return subprocess.run(
            [str(PULUMI), *args],
            cwd=cwd,
            env={**self.env(), **(extra_env or {})},
            capture_output=capture,
            text=True,
            timeout=timeout,
            check=False,
        )
