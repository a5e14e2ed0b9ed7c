"""The package's public names, imported when first used (provider/pulumi_xobin/__init__.py)."""

from __future__ import annotations

import subprocess
import sys

import pulumi_xobin


def test_every_public_name_resolves_from_the_module_that_defines_it() -> None:
    assert sorted(pulumi_xobin.__all__) == sorted(pulumi_xobin._MODULES)
    for name in pulumi_xobin.__all__:
        value = getattr(pulumi_xobin, name)
        assert value.__name__ == name
        assert value.__module__ == f"pulumi_xobin{pulumi_xobin._MODULES[name]}"


def test_the_pytest_plugin_costs_no_import_of_pulumi() -> None:
    """pytest loads pulumi_xobin.testing wherever the package is installed, for every test run."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, pulumi_xobin.testing; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "'pulumi'" not in loaded
    assert "'httpx'" not in loaded
    assert "'pulumi_xobin.emulator'" in loaded
