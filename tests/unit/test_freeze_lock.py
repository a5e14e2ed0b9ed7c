"""scripts/freeze.lock, what the self-contained plugin's build installs, follows constraints.txt."""

from __future__ import annotations

import re

from freeze import LOCK, pins


def test_the_lock_pins_exactly_what_constraints_txt_pins_each_with_a_hash() -> None:
    entries = re.split(r"\n(?=\S)", LOCK.read_text().split("\n\n")[-1].strip())
    locked = {}
    for entry in entries:
        if entry.startswith("#"):
            continue
        pin, *hashes = (part.strip(" \\") for part in entry.splitlines())
        locked[pin] = hashes
        assert hashes, pin
        assert all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", h) for h in hashes), pin
    assert sorted(locked) == sorted(pins()), "run `.venv/bin/python scripts/freeze.py --lock`"
