"""A Pulumi program of many dynamic resources, run under Pulumi's mocks (no engine, no socket), in one
process of its own: `python -m support.many_resources N`.

It creates one resource of another dynamic provider, then N `InterviewWebhookSettings`, and prints as
JSON what tests/unit/test_many_resources.py checks: the Python calls made while constructing the 10th and
the last of ours (Pulumi serializes each one's provider in its constructor), the `__provider` values that
reached the engine, and whether the other provider's change to the pickler was left in place.
"""

from __future__ import annotations

import functools
import json
import pickle
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pulumi
import pulumi.dynamic

import pulumi_xobin as xobin

MEASURED = 10  # an early resource, past any first-use work
XOBIN_TYPES = "pulumi-python:dynamic/xobin:"


class OtherProvider(pulumi.dynamic.ResourceProvider):
    """Another package's dynamic provider, in the same program."""


class OtherResource(pulumi.dynamic.Resource, module="other", name="Thing"):
    def __init__(self, name: str) -> None:
        super().__init__(OtherProvider(), name, {})


class Recorder(pulumi.runtime.Mocks):
    """Answers the engine's calls, and records the `__provider` of each of our resources, by type."""

    def __init__(self) -> None:
        self.providers: dict[str, list[str]] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        if args.typ.startswith(XOBIN_TYPES):
            self.providers.setdefault(args.typ, []).append(args.inputs["__provider"])
        return f"{args.name}-id", args.inputs

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
        return {}, None


def python_calls(action: Callable[[], object]) -> int:
    """How many Python functions `action` calls, itself included (a count, not a time)."""
    calls = 0

    def count(_frame: FrameType, event: str, _arg: object) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


def interview(n: int) -> xobin.InterviewWebhookSettings:
    return xobin.InterviewWebhookSettings(
        f"interview-{n}",
        interview_id=f"ai-interview-{n}",
        submission=xobin.WebhookArgs(url="https://hooks.example.com/submission"),
    )


def run(count: int) -> dict[str, Any]:
    recorder = Recorder()
    pulumi.runtime.set_mocks(recorder, preview=False)
    calls: dict[int, int] = {}
    others_kept = False

    # Runs the program, then waits for every registration to reach the mocks (it has no annotations).
    @pulumi.runtime.test  # type: ignore[untyped-decorator]
    def program() -> None:
        nonlocal others_kept
        OtherResource("other")
        others = vars(pickle._Pickler)["_batch_setitems"]
        for n in range(1, count + 1):
            if n in (MEASURED, count):
                calls[n] = python_calls(functools.partial(interview, n))
            else:
                interview(n)
        others_kept = vars(pickle._Pickler)["_batch_setitems"] is others

    program()
    return {
        "calls": {str(n): c for n, c in calls.items()},
        "providers": {typ: sorted(set(values)) for typ, values in recorder.providers.items()},
        "registered": {typ: len(values) for typ, values in recorder.providers.items()},
        "others_kept": others_kept,
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]))))
