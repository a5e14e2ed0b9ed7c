"""Checking a resource's inputs against its field declarations: every failure, by property path.

Checking works on the raw property bag Pulumi hands a provider, keyed by Python names, in which any
value may still be unknown during a preview (an output of another resource): unknown values are never a
failure. What the declarations say (types, allowed values, required, defaults, unknown names, each
field's rule, and each object type's rule that ties its fields together) is checked here generically.

Paths and names in failures are spelled the way the user wrote them: `spell` turns a Python name into
the face's spelling (itself for Python programs, camelCase for the schema).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .fields import Field, ObjectType, ResourceType
from .unknown import is_unknown

__all__ = ["Failure", "Spelling", "check_inputs", "python_spelling"]

Spelling = Callable[[str], str]


def python_spelling(name: str) -> str:
    return name


@dataclass(frozen=True)
class Failure:
    """One problem with one input: `property` is the dotted path the user wrote."""

    property: str
    reason: str


_EXPECTED = {"string": "a string", "boolean": "a boolean", "integer": "a whole number", "number": "a number"}


def check_inputs(
    resource: ResourceType, news: Mapping[str, Any], spell: Spelling = python_spelling
) -> tuple[dict[str, Any], list[Failure]]:
    """Validate and normalise a resource's inputs; every failure is reported, not just the first."""
    checker = _Checker(spell)
    return checker.fields(resource.inputs(), news, ""), checker.failures


class _Checker:
    def __init__(self, spell: Spelling) -> None:
        self.spell = spell
        self.failures: list[Failure] = []

    def fail(self, path: str, reason: str) -> None:
        self.failures.append(Failure(path, reason))

    def path(self, prefix: str, name: str) -> str:
        return f"{prefix}{self.spell(name)}"

    def fields(self, fields: tuple[Field, ...], bag: Mapping[str, Any], prefix: str) -> dict[str, Any]:
        names = {f.name for f in fields}
        for key in bag:
            # Engine-internal properties (`__provider` of a dynamic resource) are not the user's.
            if key not in names and not key.startswith("__"):
                expected = ", ".join(sorted(self.spell(n) for n in names))
                self.fail(f"{prefix}{key}", f"unknown property; expected one of: {expected}")
        return {f.name: self.value(f, bag.get(f.name), self.path(prefix, f.name)) for f in fields}

    def value(self, field: Field, value: Any, path: str) -> Any:
        if is_unknown(value):
            return value
        if value is None:
            if field.required:
                self.fail(path, "is required")
            return field.default
        if not self.typed(field, value, path):
            return value
        if field.choices and value not in field.choices:
            self.fail(path, "must be " + " or ".join(repr(c) for c in field.choices))
            return value
        if isinstance(field.type, ObjectType):
            return self.object(field.type, value, f"{path}.")
        if field.rule is not None:
            problem = field.rule(value)
            if problem:
                self.fail(path, problem)
        return value

    def typed(self, field: Field, value: Any, path: str) -> bool:
        type_ = field.type
        if isinstance(type_, ObjectType):
            ok, expected = isinstance(value, dict), "an object"
        elif type_ == "string":
            ok, expected = isinstance(value, str), _EXPECTED[type_]
        elif type_ == "boolean":
            ok, expected = isinstance(value, bool), _EXPECTED[type_]
        else:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            ok = ok and (type_ == "number" or float(value).is_integer())
            expected = _EXPECTED[type_]
        if not ok:
            self.fail(path, f"must be {expected}, got {_type_name(value)}")
        return ok

    def object(self, type_: ObjectType, value: Mapping[str, Any], prefix: str) -> Any:
        checked = self.fields(type_.inputs(), value, prefix)
        if type_.rule is None:
            return checked
        used, problems = type_.rule(checked, value)
        for name, reason in problems:
            self.fail(prefix.rstrip(".") if name is None else self.path(prefix, name), reason)
        return used


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    names: dict[type, str] = {str: "a string", dict: "an object", list: "a list"}
    return names.get(type(value), f"a {type(value).__name__}")
