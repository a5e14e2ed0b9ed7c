"""`scripts/bench --quick`: every operation's HTTP requests stay within the limit, through the real CLI,
for both faces: the dynamic resources and the native plugin.

The limit (BENCHMARKS.md, section 1): 1 read per diff, 1 write per create, update or delete, 1 read per
refresh, nothing else; against the doc-faithful emulator (no GET), also one 405 per provider process
that reads. The counts are checked here from the raw figures, not from the script's verdict.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from hermetic import REPO

pytestmark = pytest.mark.e2e

FACES = ("dynamic", "native")
SERVERS = ("with-get", "doc-faithful")
QUICK_OPERATIONS = {
    "create-skip",
    "preview",
    "up-same-skip",
    "up-change-skip",
    "refresh-skip",
    "destroy-skip",
}


@pytest.fixture(scope="module")
def quick_bench(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    done = subprocess.run(
        [str(REPO / "scripts" / "bench"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def test_quick_bench_covers_every_quick_operation_of_both_faces_in_both_server_modes(
    quick_bench: dict[str, Any],
) -> None:
    assert quick_bench["quick"] is True
    rows = [(row["program"], row["operation"], row["server"]) for row in quick_bench["http"]]
    assert sorted(rows) == sorted(
        (face, op, server) for face in FACES for op in QUICK_OPERATIONS for server in SERVERS
    )


@pytest.mark.parametrize("kind", ["reads", "writes", "rejected", "other"])
def test_every_http_count_is_within_its_limit(quick_bench: dict[str, Any], kind: str) -> None:
    over = {
        (row["program"], row["operation"], row["server"]): (row[kind], row["limit"][kind])
        for row in quick_bench["http"]
        if max(row[kind]) > row["limit"][kind]
    }
    assert over == {}


def test_the_counts_are_real_measurements(quick_bench: dict[str, Any]) -> None:
    # A broken counter would pass every limit with zeros: each create, update and delete must write once.
    rows = {(row["program"], row["operation"], row["server"]): row for row in quick_bench["http"]}
    for face in FACES:
        for server in SERVERS:
            for operation in ("create-skip", "up-change-skip", "destroy-skip"):
                assert rows[(face, operation, server)]["writes"] == [1]
            assert rows[(face, "preview", server)]["reads"] == [1]
        # Without GET, the provider process of the preview learns it from one 405 and reads by POST.
        assert rows[(face, "preview", "doc-faithful")]["rejected"] == [1]
        assert rows[(face, "preview", "with-get")]["rejected"] == [0]
    assert quick_bench["within_limits"] is True
