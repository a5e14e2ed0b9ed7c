"""Property bags as each face spells them, read back into the form the lifecycle table states them in:
plain values keyed by Python names, nulls left out (to the engine a null property and a missing one are
the same). Reading checks what the engine relies on: every name in the face's spelling, and, from the
native face, every declared secret that holds a value marked secret.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pulumi.dynamic.dynamic import PROVIDER_KEY
from pulumi.provider.experimental.property_value import PropertyValue

from pulumi_xobin._core.secrets import SECRET_PATHS

__all__ = ["engine_values", "from_schema", "plain", "python_name", "python_named", "secret_paths"]

Bag = dict[str, Any]


def engine_values(bag: Mapping[str, Any]) -> Any:
    """Plain values with Python names as the engine sends a program's: schema names, nothing secret."""
    return PropertyValue.marshal_map({_camel(k): _engine_value(v) for k, v in bag.items() if v is not None})


def plain(values: Any) -> Bag:
    """What the native face sent, as plain values with Python names, once every name is checked to be
    in schema spelling and every declared secret that holds a value to be marked secret."""
    bag, marked = _decoded(values)
    for path in SECRET_PATHS:
        if _at(bag, path) is not None:
            assert any(path == m or path.startswith(f"{m}.") for m in marked), f"{path} is not marked secret"
    return bag


def secret_paths(values: Any) -> set[str]:
    """The paths the native face marked secret, with Python names."""
    return _decoded(values)[1]


def python_named(bag: Mapping[str, Any]) -> Bag:
    """A dynamic provider's bag as the table states it: without the host's pickle and the nulls."""

    def walk(value: Any) -> Any:
        if isinstance(value, Mapping):
            return _without_nulls({python_name(k): walk(v) for k, v in value.items()})
        return value

    result: Bag = walk({k: v for k, v in bag.items() if k != PROVIDER_KEY})
    return result


def python_name(name: str) -> str:
    """A name or dotted path from the dynamic face, checked to be in Python's spelling."""
    assert name == name.lower(), f"{name!r} is not a Python name"
    return name


def from_schema(name: str) -> str:
    """A name or dotted path from the native face, checked to be in the schema's spelling, in Python's."""
    assert "_" not in name, f"{name!r} is not in schema spelling"
    return re.sub(r"[A-Z]", lambda upper: "_" + upper.group().lower(), name)


def _engine_value(value: Any) -> PropertyValue:
    if isinstance(value, Mapping):
        return PropertyValue({_camel(k): _engine_value(v) for k, v in value.items() if v is not None})
    return PropertyValue(value)


def _camel(name: str) -> str:
    return re.sub(r"_([a-z])", lambda lower: lower.group(1).upper(), name)


def _decoded(values: Any) -> tuple[Bag, set[str]]:
    marked: set[str] = set()

    def walk(value: PropertyValue, path: str) -> Any:
        if value.is_secret:
            marked.add(path)
        if not isinstance(value.value, Mapping):
            return value.value
        return _without_nulls(
            {from_schema(k): walk(v, f"{path}.{from_schema(k)}") for k, v in value.value.items()}
        )

    top = PropertyValue.unmarshal_map(values)
    return _without_nulls({from_schema(k): walk(v, from_schema(k)) for k, v in top.items()}), marked


def _without_nulls(bag: Mapping[str, Any]) -> Bag:
    return {k: v for k, v in bag.items() if v is not None}


def _at(bag: Mapping[str, Any], path: str) -> Any:
    value: Any = bag
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value
