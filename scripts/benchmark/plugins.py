"""The plugin as users install it, self-contained beside the source plugin, from one `make release` build:
the archive's size, the first install into a fresh plugin cache (`pulumi plugin install --file`: extract,
and for the source plugin the virtualenv and pip), the disk it then takes, its start to the port line,
and a YAML program's `pulumi preview` on it.

Both plugins are measured in the same run, alternately, so the figures compare.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from freeze import this_platform
from hermetic import REPO, Hermetic
from pulumi_xobin.emulator import Emulator

API_KEY = "bench-plugins-api-key"
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


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _ok(done: subprocess.CompletedProcess[str]) -> None:
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(map(str, done.args))} failed:\n{done.stdout}{done.stderr}")


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
    for run in range(runs):
        hermetic = Hermetic(work / f"install-{run}")
        install = ["plugin", "install", "resource", "xobin", version, "--file", str(archive)]
        figures.install_s.append(_timed(lambda: _ok(hermetic.pulumi(*install, cwd=work, timeout=900))))
    installed = hermetic.home / "plugins" / f"resource-xobin-v{version}"
    figures.disk_bytes = _disk(installed)
    figures.start_ms = [_start_ms(installed) for _ in range(starts)]
    program = work / "program"
    program.mkdir()
    (program / "Pulumi.yaml").write_text(PROGRAM)
    with Emulator(api_key=API_KEY) as emulator:
        _ok(hermetic.pulumi("stack", "init", "bench", cwd=program))
        _ok(hermetic.pulumi("config", "set", "xobin:baseUrl", emulator.url, cwd=program))
        _ok(hermetic.pulumi("config", "set", "--secret", "xobin:apiKey", API_KEY, cwd=program))
        preview = ["preview", "--non-interactive"]
        figures.preview_s = [_timed(lambda: _ok(hermetic.pulumi(*preview, cwd=program))) for _ in range(runs)]
    return figures


def _spread(values: list[float], unit: str, digits: int) -> str:
    return (
        f"{statistics.median(values):.{digits}f} {unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"
    )


def section(dist: Path, version: str, runs: int = 3, starts: int = 10) -> str:
    """The Markdown of the plugins' section, measured from `dist` (what `make release` wrote)."""
    archives = {
        "self-contained": dist / f"pulumi-resource-xobin-v{version}-{this_platform()}.tar.gz",
        "source": dist / f"pulumi-resource-xobin-v{version}-source.tar.gz",
    }
    with tempfile.TemporaryDirectory(prefix="xobin-bench-plugins-") as tmp:
        figures = {
            name: measure(archive, version, Path(tmp) / name.replace(" ", "-"), runs, starts)
            for name, archive in archives.items()
        }
    rows = [
        ("archive", lambda f: f"{f.archive_bytes / 1e6:.1f} MB"),
        ("first install (`pulumi plugin install --file`)", lambda f: _spread(f.install_s, "s", 1)),
        ("disk in the plugin cache", lambda f: f"{f.disk_bytes / 1e6:.0f} MB"),
        (f"start to port line (median of {starts})", lambda f: _spread(f.start_ms, "ms", 0)),
        ("`pulumi preview` of a one-resource YAML program", lambda f: _spread(f.preview_s, "s", 2)),
    ]
    header = "| | " + " | ".join(figures) + " |\n| --- |" + " --- |" * len(figures) + "\n"
    body = "".join(
        f"| {label} | " + " | ".join(cell(f) for f in figures.values()) + " |\n" for label, cell in rows
    )
    return (
        f"Platform {this_platform()}, median (min-max) of {runs} runs unless said; the source plugin's\n"
        "install makes its virtualenv with pip's cache warm.\n\n" + header + body
    )
