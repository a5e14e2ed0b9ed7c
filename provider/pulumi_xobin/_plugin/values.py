"""Property values between the engine's form and the core's plain Python bags.

The engine sends `PropertyValue`s keyed by schema names (`updateAll`), some marked secret, some unknown
during a preview; the core works on plain values keyed by Python names (`update_all`). Going out, every
path the declarations call secret is marked secret, and so is every path that came in secret: the
provider accepts secrets, so the engine keeps only what the provider marks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pulumi.provider.experimental.property_value import Computed, PropertyValue

from .._core.fields import Field, ObjectType, schema_name
from .._core.unknown import UNKNOWN

__all__ = ["Incoming", "outgoing"]

Fields = tuple[Field, ...]


class Incoming:
    """A property bag from the engine as plain values with Python names, and the paths that were secret.

    Names the declarations do not know are kept as the user wrote them, so a failure can name them.
    """

    def __init__(self, values: Mapping[str, PropertyValue], fields: Fields) -> None:
        self.secret_paths: set[str] = set()
        self.bag: dict[str, Any] = self._object(values, fields, "")

    def _object(self, values: Mapping[str, PropertyValue], fields: Fields, prefix: str) -> dict[str, Any]:
        by_schema_name = {f.schema_name: f for f in fields}
        bag: dict[str, Any] = {}
        for key, value in values.items():
            field = by_schema_name.get(key)
            name = key if field is None else field.name
            bag[name] = self._value(value, field, f"{prefix}{name}")
        return bag

    def _value(self, value: PropertyValue, field: Field | None, path: str) -> Any:
        if value.is_secret:
            self.secret_paths.add(path)
        inner = value.value
        if isinstance(inner, Computed):
            return UNKNOWN
        if isinstance(inner, Mapping):
            type_ = field.output_type or field.type if field is not None else None
            nested = type_.fields if isinstance(type_, ObjectType) else ()
            return self._object(inner, nested, f"{path}.")
        if isinstance(inner, Sequence) and not isinstance(inner, str):
            return [self._value(item, None, path) for item in inner]
        return inner


def outgoing(bag: Mapping[str, Any], secret_paths: set[str] | frozenset[str]) -> dict[str, PropertyValue]:
    """Plain values with Python names as engine values with schema names, secrets marked by path.

    Nulls are left out: to the engine a missing property and a null one are the same.
    """
    return _object(bag, "", secret_paths)


def _object(
    bag: Mapping[str, Any], prefix: str, secret_paths: set[str] | frozenset[str]
) -> dict[str, PropertyValue]:
    return {
        schema_name(k): _property(v, f"{prefix}{k}", secret_paths) for k, v in bag.items() if v is not None
    }


def _property(value: Any, path: str, secret_paths: set[str] | frozenset[str]) -> PropertyValue:
    secret = path in secret_paths
    if isinstance(value, Mapping):
        return PropertyValue(_object(value, f"{path}.", secret_paths), is_secret=secret)
    if isinstance(value, list):
        return PropertyValue([_property(v, path, secret_paths) for v in value], is_secret=secret)
    if isinstance(value, int) and not isinstance(value, bool):
        value = float(value)  # the engine's numbers are floats; PropertyValue refuses an int
    return PropertyValue(value, is_secret=secret)
