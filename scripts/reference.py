"""The README's reference tables, rendered from the field declarations.

The README and the Pulumi Registry pages in docs/ hold each table between `<!-- reference:NAME -->` and
`<!-- /reference -->`; `make docs` rewrites them (`scripts/reference.py FILE...`) and a unit test fails
when they are stale. A build-time tool: the package never ships it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from pulumi_xobin._core.fields import PROVIDER_CONFIG, RESOURCES, Field, ObjectType, schema_path

__all__ = ["tables", "update"]

_BLOCK = re.compile(r"(<!-- reference:(\w+) -->\n).*?(<!-- /reference -->)", re.DOTALL)


def tables() -> dict[str, str]:
    """Every table by name: one per resource, and `config`."""
    found = {r.name: _resource_table(r.fields) for r in RESOURCES}
    found["config"] = _config_table()
    return found


def update(text: str) -> str:
    """`text` with every reference block rendered afresh."""
    rendered = tables()
    return _BLOCK.sub(lambda m: f"{m[1]}{rendered[m[2]]}{m[3]}", text)


def _names(path: str) -> str:
    schema = schema_path(path)
    return f"`{path}`" if schema == path else f"`{path}` / `{schema}`"


def _go_path(path: str) -> str:
    """`auth.secret_version` -> `Auth.SecretVersion`: Go's code generation capitalises each schema name."""
    return ".".join(part[:1].upper() + part[1:] for part in schema_path(path).split("."))


def _rows(fields: tuple[Field, ...], prefix: str = "") -> Iterator[str]:
    for f in fields:
        path = f"{prefix}{f.name}"
        type_ = f.output_type or f.type
        type_name = f"object (`{f.type.name}`)" if isinstance(f.type, ObjectType) else f.type
        if f.choices:
            type_name = " / ".join(f'`"{c}"`' for c in f.choices)
        secret = "**always**" if f.secret else "no"
        left_out = "output only" if f.output_only else f.left_out_doc
        yield f"| {_names(path)} | `{_go_path(path)}` | {type_name} | {secret} | {f.doc} | {left_out} |"
        if isinstance(type_, ObjectType):
            yield from _rows(type_.fields, f"{path}.")


def _resource_table(fields: tuple[Field, ...]) -> str:
    header = [
        "| property (Python / schema, TypeScript and Java) | Go | type | secret | what it is | left out |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    return "\n".join([*header, *_rows(fields)]) + "\n"


def _config_table() -> str:
    rows = [
        "| stack config | environment | secret | what it is | left out |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in PROVIDER_CONFIG:
        secret = "**yes**" if f.secret else "no"
        rows.append(f"| `{f.config_key}` | `{f.env}` | {secret} | {f.doc} | {f.left_out_doc} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    for name in sys.argv[1:]:
        path = Path(name)
        path.write_text(update(path.read_text()))
