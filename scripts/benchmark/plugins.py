"""The plugin as users install it, self-contained beside the source plugin, from one `make release` build:
the archive's size, the first install into a fresh plugin cache (`pulumi plugin install --file`: extract,
and for the source plugin the virtualenv and pip), the disk it then takes, its start to the port line,
and a YAML program's `pulumi preview` on it.

Both plugins are measured in the same run, one after the other, so the figures compare.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from freeze import this_platform
from hermetic import Hermetic
from pulumi_xobin.emulator import Emulator
from release import build, plugin_archive_name

from .measure import BenchError

API_KEY = "bench-plugins-api-key"
# The installed plugin only, never a `pulumi-resource-xobin` that happens to be on PATH.
INSTALLED_ONLY = {"PULUMI_IGNORE_AMBIENT_PLUGINS": "true"}
PROGRAM = """name: xobin-bench-plugin
runtime: yaml
resources:
  hooks:
    type: xobin:index:WebhookSettings
    properties:
      start:
        url: https://hooks.example.com/start
"""


@dataclass
class PluginFigures:
    archive_bytes: int
    install_s: list[float]
    disk_bytes: int
    start_ms: list[float]
    preview_s: list[float]


def _disk(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def _pulumi(hermetic: Hermetic, *args: str, cwd: Path) -> None:
    done = hermetic.pulumi(*args, cwd=cwd, extra_env=INSTALLED_ONLY, timeout=900)
    if done.returncode != 0:
        raise BenchError(f"`pulumi {' '.join(args)}` failed:\n{done.stdout}{done.stderr}")


def _start_command(installed: Path) -> list[str]:
    """How the engine starts the installed plugin: its executable, or the Python host's way for source."""
    executable = installed / "pulumi-resource-xobin"
    if executable.exists():
        return [str(executable)]
    return [str(installed / "venv" / "bin" / "python"), str(installed)]


def _start_ms(installed: Path) -> float:
    start = time.perf_counter()
    plugin = subprocess.Popen([*_start_command(installed), "127.0.0.1:1"], stdout=subprocess.PIPE, text=True)
    try:
        assert plugin.stdout is not None
        int(plugin.stdout.readline())
        return (time.perf_counter() - start) * 1000
    finally:
        plugin.terminate()
        plugin.wait()


def measure(archive: Path, version: str, work: Path, runs: int, starts: int) -> PluginFigures:
    figures = PluginFigures(archive.stat().st_size, [], 0, [], [])
    install = ["plugin", "install", "resource", "xobin", version, "--file", str(archive)]
    for run in range(runs):
        # A fresh plugin cache each time: the first install, as on a new machine.
        hermetic = Hermetic(work / f"install-{run}")
        started = time.perf_counter()
        _pulumi(hermetic, *install, cwd=work)
        figures.install_s.append(time.perf_counter() - started)
    installed = hermetic.home / "plugins" / f"resource-xobin-v{version}"
    figures.disk_bytes = _disk(installed)
    figures.start_ms = [_start_ms(installed) for _ in range(starts)]
    program = work / "program"
    program.mkdir()
    (program / "Pulumi.yaml").write_text(PROGRAM)
    with Emulator(api_key=API_KEY) as emulator:
        _pulumi(hermetic, "stack", "init", "bench", cwd=program)
        _pulumi(hermetic, "config", "set", "xobin:baseUrl", emulator.url, cwd=program)
        _pulumi(hermetic, "config", "set", "--secret", "xobin:apiKey", API_KEY, cwd=program)
        for _ in range(runs):
            started = time.perf_counter()
            _pulumi(hermetic, "preview", "--non-interactive", cwd=program)
            figures.preview_s.append(time.perf_counter() - started)
    return figures


def plugin_runs(work: Path, runs: int, starts: int = 10) -> dict[str, PluginFigures]:
    """Both plugins of a release built here (scripts/release.py): this platform's and the source one."""
    dist = work / "dist"
    files = build(dist)
    (wheel,) = (f for f in files if f.suffix == ".whl")
    version = wheel.name.split("-")[1]
    archives = {
        "self-contained": dist / plugin_archive_name(version, this_platform()),
        "source": dist / plugin_archive_name(version, "source"),
    }
    return {name: measure(archive, version, work / name, runs, starts) for name, archive in archives.items()}
