"""`make release`: the files a GitHub release of pulumi-xobin publishes, written to dist/ (or `--out`).

    pulumi_xobin-<v>-py3-none-any.whl, pulumi_xobin-<v>.tar.gz   the Python distribution
    pulumi-resource-xobin-v<v>-<os>-<arch>.tar.gz                the plugin, self-contained, for this machine
    pulumi-resource-xobin-v<v>-source.tar.gz                     the plugin as Python source, for any other
    pulumi-xobin-xobin-<v>.tgz                                   the Node.js SDK (`npm pack`)
    schema.json, RELEASE_NOTES.md, SHA256SUMS

The self-contained archive is the folder scripts/freeze.py makes: the executable `pulumi-resource-xobin`
at its root with the interpreter and packages it bundles beside it, which the engine runs as it runs a Go
provider. `make release` builds the one of the machine it runs on; the release workflow builds the others
on their own runners (`--plugin WHEEL`) and writes one SHA256SUMS over them all. The source archive holds
`PulumiPlugin.yaml` and `__main__.py` (from provider/), the wheel, and a requirements.txt that installs the
wheel with every dependency pinned to constraints.txt: the engine makes a virtualenv from it with the
machine's `python3`, on a platform no self-contained archive is built for. Its name names no platform, so
the engine never picks it by itself: `pulumi plugin install resource xobin <v> --file` installs it.

Reproducible: built from the tracked files only, with SOURCE_DATE_EPOCH the commit's time, the build
backend and the freezer pinned, and every archive rewritten with sorted members, that time, and fixed
owners and modes. Two builds of one commit on one platform give the same bytes, so SHA256SUMS can be
checked.
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
from typing import Literal

from freeze import freeze, this_platform
from pulumi_xobin._plugin.schema import package_schema

REPO = Path(__file__).resolve().parents[1]
PLUGIN_FOLDER = REPO / "provider"
NODEJS_SDK_BUILD = REPO / "sdk" / "nodejs" / "bin"
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


# An archive member: its name, its content (a symlink's target, for a link) and what it is.
Member = tuple[str, bytes, Literal["file", "executable", "link"]]


def write_tar_gz(path: Path, members: Iterable[Member], epoch: int) -> None:
    """A gzip'd tar of `members`, sorted, with fixed times, owners and modes."""
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz,
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for name, content, kind in sorted(members):
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
            if kind == "link":
                info.type, info.linkname, info.mode = tarfile.SYMTYPE, content.decode(), 0o777
                tar.addfile(info)
                continue
            info.size, info.mode = len(content), 0o755 if kind == "executable" else 0o644
            tar.addfile(info, io.BytesIO(content))


def folder_members(folder: Path) -> list[Member]:
    """Every file and symlink under `folder`, named relative to it, executables as such."""
    members: list[Member] = []
    for path in folder.rglob("*"):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            members.append((name, os.readlink(path).encode(), "link"))
        elif path.is_file():
            executable = os.access(path, os.X_OK) or path.suffix == ".exe"
            members.append((name, path.read_bytes(), "executable" if executable else "file"))
    return members


def normalize_sdist(path: Path, epoch: int) -> None:
    members: list[Member] = []
    with tarfile.open(path) as tar:
        for member in tar.getmembers():
            content = tar.extractfile(member) if member.isfile() else None
            if content is not None:
                members.append((member.name, content.read(), "executable" if member.mode & 0o111 else "file"))
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
            info.external_attr = 0o100644 << 16
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


def plugin_archive_name(version: str, platform: str) -> str:
    return f"pulumi-resource-xobin-v{version}-{platform}.tar.gz"


def source_plugin_archive(wheel: Path, version: str, out: Path, epoch: int) -> Path:
    requirements = f"-c constraints.txt\n./{wheel.name}\n".encode()
    members: list[Member] = [
        ("PulumiPlugin.yaml", (PLUGIN_FOLDER / "PulumiPlugin.yaml").read_bytes(), "file"),
        ("__main__.py", (PLUGIN_FOLDER / "__main__.py").read_bytes(), "file"),
        ("requirements.txt", requirements, "file"),
        ("constraints.txt", (REPO / "constraints.txt").read_bytes(), "file"),
        (wheel.name, wheel.read_bytes(), "file"),
    ]
    archive = out / plugin_archive_name(version, "source")
    write_tar_gz(archive, members, epoch)
    return archive


def native_plugin_archive(wheel: Path, version: str, out: Path, epoch: int) -> Path:
    """This machine's self-contained plugin (scripts/freeze.py), the executable at the archive's root."""
    with tempfile.TemporaryDirectory(prefix="xobin-freeze-") as work:
        frozen = freeze(wheel, Path(work), epoch)
        archive = out / plugin_archive_name(version, this_platform())
        write_tar_gz(archive, folder_members(frozen), epoch)
    return archive


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


def fresh(out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    return out


def build(out: Path, *, plugin: bool = True) -> list[Path]:
    """Every file of the release into `out`; with `plugin=False`, all but this machine's plugin archive."""
    epoch = source_date_epoch()
    fresh(out)
    with tempfile.TemporaryDirectory(prefix="xobin-release-") as tmp:
        source = Path(tmp)
        tracked_tree(source)
        sdist, wheel = python_distribution(source, out, epoch)
    version = wheel.name.split("-")[1]
    files = [sdist, wheel, source_plugin_archive(wheel, version, out, epoch), nodejs_package(version, out)]
    if plugin:
        files.append(native_plugin_archive(wheel, version, out, epoch))
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
    what = parser.add_mutually_exclusive_group()
    what.add_argument(
        "--plugin", type=Path, metavar="WHEEL", help="only this machine's plugin archive, from WHEEL"
    )
    what.add_argument("--no-plugin", action="store_true", help="every file but this machine's plugin archive")
    args = parser.parse_args()
    out = args.out.resolve()
    if args.plugin:
        wheel = args.plugin.resolve()
        version = wheel.name.split("-")[1]
        files = [native_plugin_archive(wheel, version, fresh(out), source_date_epoch())]
    else:
        files = build(out, plugin=not args.no_plugin)
    for path in files:
        print(f"{path.stat().st_size:>10}  {path.relative_to(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
