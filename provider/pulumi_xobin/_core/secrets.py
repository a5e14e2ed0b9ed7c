"""Which values are secrets: their paths, from the field declarations, and the values found there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fields import secret_paths, value_at
from .unknown import is_unknown

__all__ = ["SECRET_PATHS", "secrets_in"]

SECRET_PATHS = secret_paths()


def secrets_in(props: Mapping[str, Any]) -> tuple[str, ...]:
    """The secret values in a property bag (inputs or outputs), to keep them out of every message."""
    found = []
    for path in SECRET_PATHS:
        value = value_at(props, path)
        if isinstance(value, str) and value and not is_unknown(value):
            found.append(value)
    return tuple(found)
