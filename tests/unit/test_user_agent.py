"""The User-Agent when the package runs from sources that were never installed (no metadata)."""

from __future__ import annotations

import importlib.metadata
import platform
from collections.abc import Iterator

import pytest

from pulumi_xobin._api.user_agent import user_agent


@pytest.fixture
def uncached() -> Iterator[None]:
    user_agent.cache_clear()
    yield
    user_agent.cache_clear()


@pytest.mark.usefixtures("uncached")
def test_without_metadata_the_versions_read_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(distribution: str) -> str:
        raise importlib.metadata.PackageNotFoundError(distribution)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)

    assert user_agent() == f"pulumi-xobin/unknown (python/{platform.python_version()}; pulumi/unknown)"
