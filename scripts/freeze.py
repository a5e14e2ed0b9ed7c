"""The self-contained plugin: `pulumi-resource-xobin` frozen by PyInstaller into one folder that holds a
Python interpreter and every package the plugin imports, so the engine runs it as it runs a Go provider
(no `python3`, virtualenv or pip on the user's machine).

    freeze(wheel, work)   the folder: the executable `pulumi-resource-xobin` and `_internal/` beside it
    python scripts/freeze.py --lock
                          rewrites freeze.lock from constraints.txt (run it after moving a pin)

What goes in is pinned: `freeze.lock` (beside this file) has each package of constraints.txt and the
freezer itself at the pinned version, with the sha256 of the wheel each release platform installs. The
build makes a virtualenv of Python 3.11 from it in hash-checking mode, adds the plugin's own wheel, and
freezes that. The frozen interpreter is that Python, so its glibc (on Linux) is the plugin's floor.

Reproducible: PyInstaller writes the same bytes for the same inputs when the hash seed is fixed and
SOURCE_DATE_EPOCH is set; `--strip` makes the shared libraries smaller and no less so.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOCK = Path(__file__).with_name("freeze.lock")
CONSTRAINTS = REPO / "constraints.txt"
ENTRY_POINT = REPO / "provider" / "__main__.py"
NAME = "pulumi-resource-xobin"
PYTHON = "3.11"
# The release platforms (os-arch, as the engine names them) and the wheel tags their builds install.
# Linux builds run in manylinux_2_28 containers, so their wheels are manylinux_2_28 or older.
WHEEL_PLATFORMS = {
    "linux-amd64": ("manylinux_2_28_x86_64", "manylinux2014_x86_64"),
    "linux-arm64": ("manylinux_2_28_aarch64", "manylinux2014_aarch64"),
    "darwin-amd64": ("macosx_13_0_x86_64",),
    "darwin-arm64": ("macosx_14_0_arm64",),
    "windows-amd64": ("win_amd64",),
}
INSTALL_RECORDS = {"RECORD", "direct_url.json", "INSTALLER", "REQUESTED"}
_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}


def this_platform() -> str:
    """This machine as the engine names platforms: `linux-amd64`, `darwin-arm64`, `windows-amd64`..."""
    return f"{platform.system().lower()}-{_ARCH[platform.machine().lower()]}"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    done = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"freeze: `{' '.join(args)}` failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def find_python() -> str:
    """The Python 3.11 to freeze: `scripts/find-python` finds it (pyenv, or python3.11 on PATH)."""
    if sys.platform == "win32":  # The release workflow's Windows job puts it first on PATH.
        return "python"
    return run(str(REPO / "scripts" / "find-python"), PYTHON).strip()


def pins() -> list[str]:
    """`name==version` of constraints.txt: the runtime packages, the build backend and the freezer."""
    lines = (line.strip() for line in CONSTRAINTS.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def lock() -> str:
    """freeze.lock's text: each pin with the hashes of the wheels pip picks for each release platform."""
    hashes: dict[str, set[str]] = {pin: set() for pin in pins()}
    by_file: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="xobin-lock-") as tmp:
        for tags in WHEEL_PLATFORMS.values():
            folder = Path(tmp) / tags[0]
            platform_flags = [flag for tag in tags for flag in ("--platform", tag)]
            run(
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                *platform_flags,
                "--python-version",
                PYTHON,
                "--implementation",
                "cp",
                "-d",
                str(folder),
                *pins(),
            )
            for wheel in folder.iterdir():
                digest = run(sys.executable, "-m", "pip", "hash", "-a", "sha256", str(wheel))
                by_file[wheel.name] = digest.split("--hash=")[1].strip()
    for pin in hashes:
        name, version = pin.split("==")
        stem = re.sub(r"[-_.]+", "_", name).lower()
        for filename, digest in by_file.items():
            if filename.lower().startswith(f"{stem}-{version}-"):
                hashes[pin].add(digest)
        if not hashes[pin]:
            raise SystemExit(f"freeze: no wheel of {pin} was downloaded")
    header = (
        "# Written by `python scripts/freeze.py --lock` from constraints.txt: what the self-contained\n"
        "# plugin bundles, and the freezer, with the sha256 of each wheel a release platform installs.\n"
    )
    body = "".join(
        f"{pin} \\\n" + " \\\n".join(f"    --hash={digest}" for digest in sorted(hashes[pin])) + "\n"
        for pin in sorted(hashes)
    )
    return header + body


def build_environment(wheel: Path, work: Path) -> Path:
    """A virtualenv of Python 3.11 with freeze.lock (hash-checked) and the plugin's wheel; its python."""
    venv = work / "venv"
    run(find_python(), "-m", "venv", str(venv))
    scripts = "Scripts" if sys.platform == "win32" else "bin"
    python = str(venv / scripts / "python")
    pip = [python, "-m", "pip", "install", "--quiet", "--no-deps", "--only-binary=:all:"]
    run(*pip, "--require-hashes", "-r", str(LOCK))
    run(*pip, str(wheel))
    return Path(python)


def freeze(wheel: Path, work: Path, epoch: int) -> Path:
    """The frozen plugin's folder, built under `work` from the plugin's `wheel`."""
    python = build_environment(wheel, work)
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": str(epoch)}
    run(
        str(python),
        "-m",
        "PyInstaller",
        "--onedir",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        # The plugin reports its version from its distribution's metadata.
        "--copy-metadata=pulumi-xobin",
        # Modules as .pyc files beside the executable, not in an archive inside it: the standard importer
        # loads them faster than PyInstaller's archive reader, so the plugin starts sooner (BENCHMARKS.md).
        "--debug=noarchive",
        # setuptools comes along as a dependency of the freezer's environment, and PyInstaller's hook for
        # it imports it at every start; nothing the plugin runs needs it.
        *(
            f"--exclude-module={name}"
            for name in ("setuptools", "pkg_resources", "_distutils_hack", "distutils")
        ),
        *(["--strip"] if sys.platform == "linux" else []),
        f"--name={NAME}",
        f"--distpath={work / 'dist'}",
        f"--workpath={work / 'build'}",
        f"--specpath={work}",
        str(ENTRY_POINT),
        env=env,
        cwd=work,
    )
    frozen = work / "dist" / NAME
    # pip's records of the install name the build's temporary paths (the wheel's, the scripts' shebangs);
    # nothing at run time reads them.
    for record in frozen.glob("_internal/*.dist-info/*"):
        if record.name in INSTALL_RECORDS:
            record.unlink()
    return frozen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lock", action="store_true", help="rewrite freeze.lock from constraints.txt")
    args = parser.parse_args()
    if args.lock:
        LOCK.write_text(lock())
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
