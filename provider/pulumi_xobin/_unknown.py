"""Values not known until apply: during a preview, Pulumi hands providers a sentinel string in their place."""

from __future__ import annotations

from typing import Any

from pulumi.runtime.rpc import UNKNOWN

__all__ = ["UNKNOWN", "is_unknown"]


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value == UNKNOWN
