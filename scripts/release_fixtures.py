"""Fixtures of the state a release writes, for tests/e2e/test_upgrade.py: `scripts/release-fixtures v0.1.0`.

Installs the release from its git tag into a throwaway virtualenv (with the release's own constraints),
starts the release's own emulator, and brings up its quickstart and per-interview examples through the
real `pulumi` CLI of .tools/bin (run `make setup` first), in the hermetic set-up of scripts/hermetic.py.
For each stack it keeps, under tests/fixtures/state/<version>/<stack>/:

  stack.json           `pulumi stack export`: the pickled provider references and the outputs as written
                       (less the engine's source positions, which hold this machine's paths)
  Pulumi.<stack>.yaml  the stack's config file: its encryption salt and the encrypted secrets
  emulator.json        the emulator's stored settings that the state describes, to seed a new emulator

Secrets are random test values, encrypted with the passphrase the upgrade test gives. A release's
fixtures are never rewritten or removed: its folder must not exist yet, and appears only when complete.
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from hermetic import PULUMI, REPO, Hermetic, python_project
from pulumi_xobin.emulator import EmulatorAdmin

FIXTURES = REPO / "tests" / "fixtures" / "state"
# tests/e2e/test_upgrade.py decrypts the fixtures with the same passphrase.
PASSPHRASE = "xobin-release-fixtures"  # noqa: S105 -- protects test values only
# Stack name -> the release's example folder and the project file that names its project.
STACKS = {
    "quickstart": ("examples/quickstart", "Pulumi.yaml"),
    "per-interview": ("examples/per-interview", "examples/per-interview/Pulumi.yaml"),
}
OVERRIDES = {
    "ai-interview-1": "https://hooks.example.com/team-a/submission",
    "ai-interview-2": "https://hooks.example.com/team-b/submission",
}


def succeeded(done: subprocess.CompletedProcess[str]) -> str:
    """The command's output, or the end of this script with its errors."""
    if done.returncode != 0:
        command = " ".join([Path(done.args[0]).name, *done.args[1:3]])
        raise SystemExit(f"release-fixtures: {command} failed:\n{done.stderr}")
    return done.stdout


def run(*args: str | Path) -> str:
    return succeeded(subprocess.run([str(arg) for arg in args], capture_output=True, text=True, check=False))


def install_release(tag: str, version: str, work: Path) -> tuple[Path, Path]:
    """The release's sources, and a virtualenv with the release installed."""
    archive = work / "release.tar"
    run("git", "-C", REPO, "archive", "--format=tar", f"--output={archive}", tag)
    source = work / "source"
    with tarfile.open(archive) as tar:
        tar.extractall(source, filter="data")
    venv = work / "venv"
    run(sys.executable, "-m", "venv", venv)
    run(venv / "bin" / "pip", "install", "--quiet", "-c", source / "constraints.txt", source)
    installed = run(
        venv / "bin" / "python", "-c", "import importlib.metadata as m; print(m.version('pulumi-xobin'))"
    ).strip()
    if installed != version:
        raise SystemExit(f"release-fixtures: the tag {tag} holds version {installed}")
    return source, venv


def project_name(project_file: Path) -> str:
    match = re.search(r"^name: *(\S+)", project_file.read_text(), flags=re.MULTILINE)
    if match is None:
        raise SystemExit(f"release-fixtures: no project name in {project_file}")
    return match[1]


def bring_up(
    stack: str, source: Path, venv: Path, hermetic: Hermetic, url: str, keys: tuple[str, str], work: Path
) -> Path:
    """A project running the release's example in its virtualenv, with the stack up; returns its folder."""
    example, project_file = STACKS[stack]
    project = work / "projects" / stack
    shutil.copytree(source / example, project, ignore=shutil.ignore_patterns("Pulumi*.yaml"))
    (project / "Pulumi.yaml").write_text(python_project(project_name(source / project_file), venv))
    # From the environment, as the API's own URL would be: no emulator address in the state.
    with_url = {"XOBIN_BASE_URL": url}

    def pulumi(*args: str) -> str:
        return succeeded(hermetic.pulumi(*args, "--stack", stack, cwd=project, extra_env=with_url))

    succeeded(hermetic.pulumi("stack", "init", stack, "--secrets-provider", "passphrase", cwd=project))
    api_key, password = keys
    pulumi("config", "set", "--secret", "xobin:apiKey", api_key)
    pulumi("config", "set", "--secret", "webhookPassword", password)
    if stack == "per-interview":
        for index, (interview_id, submission_url) in enumerate(OVERRIDES.items()):
            pulumi("config", "set", "--path", f"overrides[{index}].interviewId", interview_id)
            pulumi("config", "set", "--path", f"overrides[{index}].submissionUrl", submission_url)
    pulumi("up", "--yes", "--skip-preview")
    return project


def without_source_positions(export: str) -> str:
    """The export without where the program created each resource: the engine records it with this
    machine's paths, and nothing reads it back."""
    state = json.loads(export)
    for resource in state["deployment"]["resources"]:
        resource.pop("sourcePosition", None)
        resource.pop("stackTrace", None)
    return json.dumps(state, indent=4) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="release-fixtures", description=__doc__.splitlines()[0])
    parser.add_argument("tag", help="the release's git tag, e.g. v0.1.0")
    tag = parser.parse_args().tag
    if not PULUMI.exists():
        raise SystemExit("release-fixtures: no Pulumi CLI in .tools/bin: run `make setup` first")

    version = tag.removeprefix("v")
    target = FIXTURES / version
    if target.exists():
        raise SystemExit(
            f"release-fixtures: {target.relative_to(REPO)} exists: a release's fixtures never change"
        )
    with tempfile.TemporaryDirectory(prefix="xobin-release-fixtures-") as tmp:
        work = Path(tmp)
        source, venv = install_release(tag, version, work)
        hermetic = Hermetic(work, PASSPHRASE)
        for stack in STACKS:
            # Hex after a letter: a value starting with "-" would be read as a flag.
            api_key, password = f"acct{secrets.token_hex(12)}", f"pw{secrets.token_hex(12)}"
            # The release's own emulator, one per stack: each fixture seeds a new one on its own.
            emulator = subprocess.Popen(
                [venv / "bin" / "xobin-emulator", "--port", "0", "--api-key", api_key],
                stdout=subprocess.PIPE,
                text=True,
            )
            try:
                assert emulator.stdout is not None
                url = emulator.stdout.readline().split()[-1]
                project = bring_up(stack, source, venv, hermetic, url, (api_key, password), work)
                stored = EmulatorAdmin(url).state()
            finally:
                emulator.terminate()
                emulator.wait(timeout=30)
            export = succeeded(hermetic.pulumi("stack", "export", "--stack", stack, cwd=project))
            config = (project / f"Pulumi.{stack}.yaml").read_text()
            if any(secret in text for secret in (api_key, password) for text in (export, config)):
                raise SystemExit(f"release-fixtures: {tag} left a secret in plain text in the {stack} stack")
            folder = work / "fixtures" / stack
            folder.mkdir(parents=True)
            (folder / "stack.json").write_text(without_source_positions(export))
            (folder / f"Pulumi.{stack}.yaml").write_text(config)
            emulator_state = {"global": stored["global"], "interviews": stored["interviews"]}
            (folder / "emulator.json").write_text(json.dumps(emulator_state, indent=2) + "\n")
        shutil.copytree(work / "fixtures", target)
    print(f"release-fixtures: wrote {target.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
