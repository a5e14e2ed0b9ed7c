"""`make release`: the files a GitHub release of pulumi-xobin publishes, written to dist/ (or `--out`).

    pulumi_xobin-<v>-py3-none-any.whl, pulumi_xobin-<v>.tar.gz   the Python distribution
    pulumi-resource-xobin-v<v>-<os>-<arch>.tar.gz                the plugin, as the engine installs it
    pulumi-xobin-xobin-<v>.tgz                                   the Node.js SDK (`npm pack`)
    schema.json, RELEASE_NOTES.md, SHA256SUMS

The plugin is Python source: each archive holds `PulumiPlugin.yaml` and `__main__.py` (from provider/,
the same files that make provider/ a plugin folder), the wheel, and a requirements.txt that installs the
wheel with every dependency pinned to constraints.txt, the versions CI tested. The engine makes the
plugin's virtualenv from it on the user's machine, so the six archives are the same bytes: only the
platform in the name differs, which the engine asks for.

Reproducible: built from the tracked files only, with SOURCE_DATE_EPOCH the commit's time, the build
backend pinned and run without isolation, and every archive rewritten with sorted members, that time,
and fixed owners and modes. Two builds of one commit give the same bytes, so SHA256SUMS can be checked.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from pulumi_xobin._plugin.schema import package_schema

REPO = Path(__file__).resolve().parents[1]
PLUGIN_FOLDER = REPO / "provider"
NODEJS_SDK_BUILD = REPO / "sdk" / "nodejs" / "bin"
PLATFORMS = tuple((os_, arch) for os_ in ("linux", "darwin", "windows") for arch in ("amd64", "arm64"))
# Zip cannot store a time before 1980.
_ZIP_EPOCH = 315532800


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"release: `{' '.join(args)}` failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def tracked_tree(dest: Path) -> None:
    """The tracked files as they are in the work tree: nothing untracked or ignored reaches a build."""
    names = run("git", "ls-files", "-z", cwd=REPO).split("\0")
    for name in filter(None, names):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def source_date_epoch() -> int:
    return int(run("git", "log", "-1", "--format=%ct", cwd=REPO).strip())


def _mode(executable: bool) -> int:
    return 0o755 if executable else 0o644


def write_tar_gz(path: Path, members: Iterable[tuple[str, bytes, bool]], epoch: int) -> None:
    """A gzip'd tar of (name, content, executable), sorted, with fixed times, owners and modes."""
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for name, content, executable in sorted(members):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(content), epoch, _mode(executable)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(content))


def normalize_sdist(path: Path, epoch: int) -> None:
    with tarfile.open(path) as tar:
        members = [
            (m.name, tar.extractfile(m).read(), bool(m.mode & 0o111))  # type: ignore[union-attr]
            for m in tar.getmembers()
            if m.isfile()
        ]
    write_tar_gz(path, members, epoch)


def normalize_wheel(path: Path, epoch: int) -> None:
    """Sorted, with fixed times and modes; the .dist-info last and RECORD at the very end, as pip expects.
    RECORD stays valid: it hashes contents, not times."""
    with zipfile.ZipFile(path) as wheel:
        entries = [(info.filename, wheel.read(info)) for info in wheel.infolist()]

    def order(entry: tuple[str, bytes]) -> tuple[bool, bool, str]:
        name = entry[0]
        return (".dist-info/" in name, name.endswith(".dist-info/RECORD"), name)

    stamp = time.gmtime(max(epoch, _ZIP_EPOCH))[:6]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, content in sorted(entries, key=order):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = (0o100000 | _mode(False)) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, content)


def python_distribution(source: Path, out: Path, epoch: int) -> tuple[Path, Path]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    built = source / "built"
    run(
        sys.executable,
        "-m",
        "build",
        "--no-isolation",
        "--sdist",
        "--wheel",
        "--outdir",
        str(built),
        ".",
        cwd=source,
        env=env,
    )
    (sdist,) = built.glob("pulumi_xobin-*.tar.gz")
    (wheel,) = built.glob("pulumi_xobin-*-py3-none-any.whl")
    normalize_sdist(sdist, epoch)
    normalize_wheel(wheel, epoch)
    return Path(shutil.copy2(sdist, out)), Path(shutil.copy2(wheel, out))


def runtime_constraints() -> bytes:
    """constraints.txt: the pins CI installs, the whole runtime dependency tree with pulumi among them."""
    return (REPO / "constraints.txt").read_bytes()


def plugin_archives(wheel: Path, version: str, out: Path, epoch: int) -> list[Path]:
    requirements = f"-c constraints.txt\n./{wheel.name}\n".encode()
    members = [
        ("PulumiPlugin.yaml", (PLUGIN_FOLDER / "PulumiPlugin.yaml").read_bytes(), False),
        ("__main__.py", (PLUGIN_FOLDER / "__main__.py").read_bytes(), False),
        ("requirements.txt", requirements, False),
        ("constraints.txt", runtime_constraints(), False),
        (wheel.name, wheel.read_bytes(), False),
    ]
    archives = []
    for os_, arch in PLATFORMS:
        archive = out / f"pulumi-resource-xobin-v{version}-{os_}-{arch}.tar.gz"
        write_tar_gz(archive, members, epoch)
        archives.append(archive)
    return archives


def nodejs_package(version: str, out: Path) -> Path:
    manifest = json.loads((NODEJS_SDK_BUILD / "package.json").read_text())
    if manifest["version"] != version:
        built = manifest["version"]
        raise SystemExit(
            f"release: the Node.js SDK is at {built}, the distribution at {version}: run `make sdk`"
        )
    name = run("npm", "pack", "--silent", "--pack-destination", str(out), cwd=NODEJS_SDK_BUILD).strip()
    return out / name.splitlines()[-1]


def release_notes(version: str) -> str:
    """The CHANGELOG section of `version`, without its heading."""
    changelog = (REPO / "CHANGELOG.md").read_text()
    match = re.search(rf"(?ms)^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## \[|\Z)", changelog)
    if match is None:
        raise SystemExit(f"release: CHANGELOG.md has no section `## [{version}]`")
    return f"# pulumi-xobin {version}\n\n{match.group(1).strip()}\n"


def checksums(files: Iterable[Path]) -> str:
    return "".join(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n" for f in sorted(files))


def build(out: Path) -> list[Path]:
    epoch = source_date_epoch()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="xobin-release-") as tmp:
        source = Path(tmp)
        tracked_tree(source)
        sdist, wheel = python_distribution(source, out, epoch)
    version = wheel.name.split("-")[1]
    files = [sdist, wheel, *plugin_archives(wheel, version, out, epoch), nodejs_package(version, out)]
    schema = out / "schema.json"
    schema.write_text(json.dumps(package_schema(version), indent=2) + "\n")
    notes = out / "RELEASE_NOTES.md"
    notes.write_text(release_notes(version))
    files += [schema, notes]
    (out / "SHA256SUMS").write_text(checksums(files))
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=REPO / "dist")
    args = parser.parse_args()
    for path in build(args.out.resolve()):
        print(f"{path.stat().st_size:>10}  {path.relative_to(args.out.resolve())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
