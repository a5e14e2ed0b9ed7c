"""Faults through the real engine: passing ones are ridden out, real ones leave the state as it was."""

from __future__ import annotations

import json

import pytest
from pulumi import automation as auto

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import E2EStack, StackFactory

pytestmark = pytest.mark.e2e

SETTINGS = "/api/v2/ai-interviews/settings/webhooks"


@pytest.fixture
def quickstart(make_stack: StackFactory, emulator: Emulator, api_key: str, password: str) -> E2EStack:
    return make_stack(emulator=emulator, api_key=api_key, secrets={"webhookPassword": password})


def settings_in_state(stack: E2EStack) -> list[dict[str, object]]:
    deployment = json.loads(stack.export_text())["deployment"]
    return [r for r in deployment.get("resources", []) if r["type"].endswith("xobin:WebhookSettings")]


def test_intermittent_503s_are_ridden_out_with_bounded_retries(
    make_stack: StackFactory, api_key: str, password: str
) -> None:
    with Emulator(api_key=api_key, interviews=6) as emulator:
        stack = make_stack(
            "per-interview",
            project="xobin-per-interview",
            emulator=emulator,
            api_key=api_key,
            secrets={"webhookPassword": password},
            config={"xobin:maxRetries": "6"},
        )
        ids = [f"ai-interview-{n}" for n in range(1, 7)]
        overrides = [{"interviewId": i, "submissionUrl": f"https://hooks.example.com/{i}"} for i in ids]
        stack.stack.set_config("overrides", auto.ConfigValue(json.dumps(overrides)))
        # The overrides are written in parallel: the 503s fall on any of them, in any order.
        emulator.admin.inject(count=6, status=503, retry_after="0", method="PUT")

        up = stack.up()

        assert up.summary.resource_changes == {"create": 8}
        live = emulator.admin.state()["interviews"]
        assert all(live[i]["submission"]["url"] == f"https://hooks.example.com/{i}" for i in ids)
        log = emulator.admin.requests()["log"]
        assert sum(1 for entry in log if entry["status"] == 503) == 6
        # 7 writes succeeded; every extra request is a retry of a 503, nothing more.
        assert len(log) == 7 + 6
        assert stack.preview().change_summary == {"same": 8}


def test_failed_create_leaves_no_resource_and_the_next_up_converges(
    quickstart: E2EStack, emulator: Emulator, password: str
) -> None:
    before = emulator.admin.state()["global"]
    emulator.admin.inject(count=1, status=400, body='{"error": "webhooks.start.url is invalid"}')

    with pytest.raises(auto.CommandError) as failure:
        quickstart.up()
    assert "400" in str(failure.value)
    assert "webhooks.start.url is invalid" in str(failure.value)
    assert settings_in_state(quickstart) == []
    assert emulator.admin.state()["global"] == before

    assert quickstart.up().summary.resource_changes == {"create": 1, "same": 1}
    assert emulator.admin.state()["global"]["auth"]["basic"]["password"] == password
    assert password not in quickstart.all_output()


def test_failed_update_keeps_the_old_state_and_the_next_up_converges(
    quickstart: E2EStack, emulator: Emulator
) -> None:
    emulator.admin.configure(get_enabled=True)  # reads are GETs, so the fault below hits the write
    quickstart.up()
    quickstart.set_config("startUrl", "https://hooks.example.com/v2/start")
    emulator.admin.inject(
        count=1, status=403, body='{"message": "Plan limit reached", "error": "limit_exceed"}', method="POST"
    )

    with pytest.raises(auto.CommandError) as failure:
        quickstart.up()
    assert "limit_exceed" in str(failure.value)
    (settings,) = settings_in_state(quickstart)
    assert settings["outputs"]["start"]["url"] == "https://hooks.example.com/start"  # type: ignore[index]
    assert emulator.admin.state()["global"]["start"]["url"] == "https://hooks.example.com/start"

    assert quickstart.up().summary.resource_changes == {"update": 1, "same": 1}
    assert emulator.admin.state()["global"]["start"]["url"] == "https://hooks.example.com/v2/start"
    assert quickstart.preview().change_summary == {"same": 2}
