"""Every code block in the README is exercised: by being an example the e2e suite runs, by a test here,
or by a command that CI or the demo runs."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path
from typing import Any

import pytest

from hermetic import dev_plugin
from pulumi_xobin._core.diff import Change, describe, diff_settings
from pulumi_xobin._core.fields import RESOURCES, WEBHOOK_SETTINGS
from pulumi_xobin._core.model import LiveAuth, LiveSettings, Webhook
from reference import tables, update

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text()
# The README and the contributors' guide beside it.
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README + (REPO / "CONTRIBUTING.md").read_text(), flags=re.DOTALL)

VERSION = importlib.metadata.version("pulumi-xobin")
RELEASES = "github://api.github.com/pulumi-xobin"
# Shell commands the README shows, and what runs each of them.
EXERCISED_COMMANDS = {
    "make demo": "tests/e2e/test_demo.py runs the demo script that `make demo` runs after set-up",
    "make test": ".ci/run runs it on every submission",
    "pulumi config set --secret xobin:apiKey <account API key>": "scripts/demo.py",
    "pulumi config set --secret webhookPassword <password>": "scripts/demo.py",
    "pulumi up": "scripts/demo.py",
    "xobin-emulator --port 8787 --api-key test-key": (
        "tests/integration/test_emulator.py::test_the_readme_s_emulator_command_prints_its_url"
    ),
    "pip install pulumi-xobin": (
        "tests/e2e/test_install.py::test_python_pip_install_then_up_fetches_the_plugin"
    ),
    "npm install @pulumi-xobin/xobin": (
        "tests/e2e/test_install.py::test_typescript_npm_install_then_up_fetches_the_plugin"
    ),
    f"pulumi package add xobin@{VERSION} --server {RELEASES}": (
        "tests/e2e/test_install.py::test_yaml_package_add_writes_what_the_example_commits"
    ),
    f"pulumi plugin install resource xobin {VERSION} --server {RELEASES}": (
        "tests/e2e/test_install.py::test_plugin_install_from_the_release"
    ),
    f"pulumi plugin install resource xobin {VERSION} --file pulumi-resource-xobin-v{VERSION}-source.tar.gz": (
        "tests/e2e/test_install.py::test_the_source_plugin_installs_offline_from_its_file"
    ),
    "pip download -d wheelhouse -r requirements.txt pip setuptools wheel": (
        "tests/e2e/test_install.py::test_the_source_plugin_installs_offline_from_its_file"
    ),
    "PIP_NO_INDEX=1 PIP_FIND_LINKS=$PWD/wheelhouse pulumi plugin install resource xobin "
    f"{VERSION} --file pulumi-resource-xobin-v{VERSION}-source.tar.gz": (
        "tests/e2e/test_install.py::test_the_source_plugin_installs_offline_from_its_file"
    ),
    "sha256sum --check --ignore-missing SHA256SUMS": (
        "tests/e2e/test_release.py::test_sha256sums_covers_every_file_and_checks"
    ),
    "go get github.com/pulumi-xobin/pulumi-xobin/sdk/go": (
        "examples/go requires this module (replaced by sdk/go), which make typecheck builds and vets"
    ),
    "pulumi import xobin:index:WebhookSettings ai-interview-webhooks xobin-ai-interview-webhooks": (
        "tests/e2e/test_native.py::test_import_adopts_the_live_settings_and_then_only_the_password_differs"
    ),
    "pulumi import xobin:index:InterviewWebhookSettings interview-override ai-interview-1": (
        "tests/e2e/test_native.py::test_import_adopts_the_live_settings_and_then_only_the_password_differs"
    ),
}


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCKS if lang == language]


def test_every_block_has_a_known_language() -> None:
    assert {lang for lang, _ in BLOCKS} <= {
        "python",
        "bash",
        "text",
        "yaml",
        "typescript",
        "go",
        "java",
        "xml",
    }
    assert len(BLOCKS) >= 6


@pytest.mark.parametrize("block", blocks("python"), ids=lambda b: b.splitlines()[0][:40])
def test_python_blocks_are_excerpts_of_examples_the_e2e_suite_runs(block: str) -> None:
    sources = [p.read_text() for p in (REPO / "examples").rglob("*.py")]
    assert any(block.strip() in source for source in sources)


# Each language's README blocks, and the example sources they are taken from.
SOURCES = {"typescript": "*/*.ts", "go": "*/*.go", "java": "*/src/**/*.java"}


@pytest.mark.parametrize(
    ("language", "block"),
    [(language, block) for language in SOURCES for block in blocks(language)],
    ids=lambda value: value.strip().splitlines()[0][:40],
)
def test_sdk_language_blocks_are_excerpts_of_examples_the_e2e_suite_runs(language: str, block: str) -> None:
    sources = [p.read_text() for p in (REPO / "examples").glob(SOURCES[language])]
    assert any(block.strip() in source for source in sources)


@pytest.mark.parametrize("block", blocks("xml"), ids=lambda b: b.splitlines()[0][:40])
def test_maven_blocks_are_excerpts_of_the_java_example(block: str) -> None:
    # Compared without indentation: the README's snippet stands alone.
    pom = (REPO / "examples" / "java" / "pom.xml").read_text()
    assert " ".join(block.split()) in " ".join(pom.split())


@pytest.mark.parametrize("block", blocks("yaml"), ids=lambda b: b.splitlines()[0][:40])
def test_yaml_blocks_are_excerpts_of_examples_or_the_tests_development_override(block: str) -> None:
    sources = [p.read_text() for p in (REPO / "examples").rglob("Pulumi.yaml")]
    # The tests' override, for a project beside the repository's .venv (README "Developing").
    sources.append(dev_plugin(Path(".venv")))
    assert any(block.strip() in source for source in sources)


def test_the_install_section_names_the_distributions_version() -> None:
    (section,) = re.findall(r"\n## Install\n(.*?)\n## ", README, flags=re.DOTALL)
    versions = set(re.findall(r"\b0\.\d+\.\d+\b", section))
    assert versions == {VERSION}


def test_shell_commands_are_all_exercised() -> None:
    for block in blocks("bash"):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if command:
                assert command in EXERCISED_COMMANDS, f"README command not exercised by any test: {command}"


def test_drift_warning_block_is_what_the_provider_prints() -> None:
    (shown,) = [b for b in blocks("text") if b.startswith("warning:")]
    desired: dict[str, Any] = {
        "start": {"url": "https://hooks.example.com/start", "enabled": True},
        "auth": {"type": "basic", "username": "svc", "password": "pw"},
        "update_all": False,
    }
    old = {**desired, "auth": {**desired["auth"], "has_password": True}}
    live = LiveSettings(
        {"start": Webhook("https://ui-edit.example.com/start", True), "submission": Webhook(None, False)},
        LiveAuth(type="basic", username="svc", has_password=False),
    )
    changes: list[Change] = diff_settings(WEBHOOK_SETTINGS, desired, old, live)
    header = "warning: Xobin webhook settings (xobin-ai-interview-webhooks) drifted from the program:"
    assert shown == f"{header}\n{describe(changes)}\n"


def test_layout_block_names_files_that_exist() -> None:
    """Lines at the left name paths from the repository's root, indented ones paths in the package."""
    (layout,) = [b for b in blocks("text") if b.startswith("provider/")]
    for line in layout.splitlines():
        name = line.split()[0]
        root = REPO if not line.startswith(" ") else REPO / "provider" / "pulumi_xobin"
        assert (root / name).exists(), name


def test_reference_tables_are_rendered_from_the_field_declarations() -> None:
    for name in tables():
        assert f"<!-- reference:{name} -->" in README, name
    assert update(README) == README, "the reference tables are stale: run `make docs`"


@pytest.mark.parametrize("resource", [r.name for r in RESOURCES])
def test_reference_spellings_are_the_generated_sdks_own(resource: str) -> None:
    """Each property's Go name is a field in sdk/go, and its schema name a method in sdk/java."""
    go = "".join(p.read_text() for p in (REPO / "sdk" / "go").rglob("*.go"))
    java = "".join(p.read_text() for p in (REPO / "sdk" / "java").rglob("*.java"))
    rows = re.findall(r"^\| `([^`]+)`(?: / `([^`]+)`)? \| `([^`]+)` \|", tables()[resource], re.MULTILINE)
    assert len(rows) >= len(next(r for r in RESOURCES if r.name == resource).fields)
    for python, schema, go_name in rows:
        assert re.search(rf"^\t{go_name.split('.')[-1]} ", go, re.MULTILINE), go_name
        assert f" {(schema or python).split('.')[-1]}(" in java, schema or python


def test_supported_versions_are_the_ones_pyproject_allows_and_ci_tests() -> None:
    requirements = importlib.metadata.requires("pulumi-xobin") or []
    runtime = [r for r in requirements if "extra ==" not in r]
    assert len(runtime) == 3, runtime
    (section,) = re.findall(r"### Supported versions\n(.*?)\n#", README, flags=re.DOTALL)
    for requirement in runtime:
        match = re.fullmatch(r"([\w-]+)[^>]*>=([\d.]+).*", requirement)
        assert match, requirement
        assert f"`{match[1]}>={match[2]}`" in section, requirement
    makefile = (REPO / "Makefile").read_text()
    for variable in ("OLDEST_PYTHON", "NEWEST_PYTHON"):
        (version,) = re.findall(rf"^{variable} := (\S+)$", makefile, flags=re.MULTILINE)
        assert f"Python {version}" in section, variable
    assert importlib.metadata.metadata("pulumi-xobin")["Requires-Python"] == ">=3.10"
    assert "Python 3.10 or newer" in section
