"""Prints `name==version` for the lowest version that pyproject.toml allows of each runtime dependency and
of the build backend, for `make test-floors` to install as constraints: a floor that is not tested is not
a floor. A requirement without a `>=` floor is an error, so a new dependency cannot go untested.

It needs tomllib (3.11+), imported where it is used so that its tests also run on the oldest Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def lowest(requirement: str) -> str:
    """`pulumi>=3.224,<4` -> `pulumi==3.224`."""
    try:
        parsed = Requirement(requirement)
    except InvalidRequirement as err:
        raise ValueError(f"cannot read the requirement {requirement!r}: {err}") from None
    floors = [spec.version for spec in parsed.specifier if spec.operator == ">="]
    if len(floors) != 1:
        raise ValueError(f"{requirement!r} needs exactly one '>=' floor")
    return f"{parsed.name}=={floors[0]}"


def main() -> int:
    import tomllib

    pyproject = tomllib.loads(PYPROJECT.read_text())
    requirements = [*pyproject["project"]["dependencies"], *pyproject["build-system"]["requires"]]
    try:
        lines = [lowest(requirement) for requirement in requirements]
    except ValueError as err:
        print(f"lowest_requirements: {err}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
