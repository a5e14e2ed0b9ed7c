"""The User-Agent header of every request: who is calling, so Xobin can tell clients and versions apart."""

from __future__ import annotations

import functools
import importlib.metadata
import platform

__all__ = ["user_agent"]


@functools.cache
def user_agent() -> str:
    """`pulumi-xobin/<version> (python/<x.y.z>; pulumi/<SDK version>)`."""
    return (
        f"pulumi-xobin/{_version('pulumi-xobin')} "
        f"(python/{platform.python_version()}; pulumi/{_version('pulumi')})"
    )


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        # Sources put on sys.path without installing have no metadata; a header must not fail a request.
        return "unknown"
