"""A program with more dynamic resources than Python's recursion limit: it runs, each resource costs what
the first ones did, and the state is what it always was.

Pulumi's dynamic resources serialize their provider in their constructor, and pulumi.dynamic's
serialization used to leave one more wrapper around the pickler per resource (see
pulumi_xobin._dynamic.pickler_guard): the work per resource grew with their number, and the program died
near a thousand. The program (tests/support/many_resources.py) runs under Pulumi's mocks in a process of its
own, so it starts from a pristine pickler; the work is counted in Python calls, not timed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hermetic import REPO

# Past the recursion limit (1,000), near which the program used to die.
RESOURCES = 1200
INTERVIEW_TYPE = "pulumi-python:dynamic/xobin:InterviewWebhookSettings"
STATE_0_1_0 = REPO / "tests" / "fixtures" / "state" / "0.1.0" / "per-interview" / "stack.json"


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "support.many_resources", str(RESOURCES)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_every_resource_is_registered(report: dict[str, Any]) -> None:
    assert report["registered"] == {INTERVIEW_TYPE: RESOURCES}


def test_the_work_per_resource_stays_flat(report: dict[str, Any]) -> None:
    calls = report["calls"]
    assert calls[str(RESOURCES)] == calls["10"], calls


def test_the_state_holds_the_provider_reference_of_0_1_0(report: dict[str, Any]) -> None:
    resources = json.loads(STATE_0_1_0.read_text())["deployment"]["resources"]
    written = {r["inputs"]["__provider"] for r in resources if r["type"] == INTERVIEW_TYPE}
    assert len(written) == 1
    assert report["providers"] == {INTERVIEW_TYPE: sorted(written)}


def test_another_dynamic_providers_serialization_is_left_as_it_was(report: dict[str, Any]) -> None:
    assert report["others_kept"] is True
