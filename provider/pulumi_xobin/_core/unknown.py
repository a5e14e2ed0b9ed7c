"""Values not known until apply: during a preview, Pulumi hands providers a sentinel string in their place.

The sentinel is Pulumi's (`pulumi.runtime.rpc.UNKNOWN`), part of its wire protocol; it is written out
here so the core needs nothing of Pulumi. tests/unit/test_unknown.py checks it is still Pulumi's.
"""

from __future__ import annotations

from typing import Any

__all__ = ["UNKNOWN", "is_unknown"]

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value == UNKNOWN
