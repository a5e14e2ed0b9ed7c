"""Parts of BENCHMARKS.md that a run leaves as it finds them, each between two HTML comments: the
large-stack section, which only `scripts/bench --scale` writes, and the dated record of HTTP counts,
which no run writes any more (tests/e2e/test_http_budget.py checks those counts instead)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Kept:
    """One kept part, known by its markers; `note` says, in the file, who writes it."""

    name: str
    note: str

    @property
    def begin(self) -> str:
        return f"<!-- {self.name}: {self.note} -->"

    @property
    def end(self) -> str:
        return f"<!-- /{self.name} -->"

    def block_of(self, document: str) -> str:
        """The part in `document`, markers included, or "" if it has none."""
        found = re.search(re.escape(self.begin) + ".*?" + re.escape(self.end), document, re.DOTALL)
        return found.group(0) if found else ""

    def with_block(self, document: str, block: str) -> str:
        """`document` with this part replaced by `block` in place, or `block` appended."""
        old = self.block_of(document)
        if old:
            return document.replace(old, block)
        return document.rstrip("\n") + "\n\n" + block + "\n"


SCALE = Kept("scale", "written by scripts/bench --scale")
HTTP_RECORD = Kept("http-record", "a dated record that no run writes")


def assemble(parts: Sequence[Sequence[str] | Kept], previous: str) -> str:
    """A report from its parts in order: lines as they are, and each kept part as `previous` (the file
    the report replaces) has it, or nothing where it has none."""
    lines: list[str] = []
    for part in parts:
        if isinstance(part, Kept):
            block = part.block_of(previous)
            lines += [block, ""] if block else []
        else:
            lines += part
    return "\n".join(lines)
