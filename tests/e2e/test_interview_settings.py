"""InterviewWebhookSettings through the real CLI: per-interview overrides on top of the defaults."""

from __future__ import annotations

import json

import pytest
from pulumi import automation as auto

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import E2EStack, StackFactory, assert_no_secrets

pytestmark = pytest.mark.e2e

TEAM_A = "https://hooks.example.com/team-a/submission"
TEAM_B = "https://hooks.example.com/team-b/submission"


def overrides(*pairs: tuple[str, str]) -> str:
    return json.dumps([{"interviewId": i, "submissionUrl": url} for i, url in pairs])


@pytest.fixture
def per_interview(make_stack: StackFactory, emulator: Emulator, api_key: str, password: str) -> E2EStack:
    stack = make_stack(
        "per-interview",
        project="xobin-per-interview",
        emulator=emulator,
        api_key=api_key,
        secrets={"webhookPassword": password},
    )
    stack.stack.set_config(
        "overrides",
        auto.ConfigValue(overrides(("ai-interview-1", TEAM_A), ("ai-interview-2", TEAM_B))),
        path=False,
    )
    return stack


def test_overrides_apply_per_interview_and_destroy_disables_them(
    per_interview: E2EStack, emulator: Emulator, password: str, api_key: str
) -> None:
    up = per_interview.up()
    assert up.summary.resource_changes == {"create": 4}
    state = emulator.admin.state()
    assert state["interviews"]["ai-interview-1"]["submission"] == {"status": True, "url": TEAM_A}
    assert state["interviews"]["ai-interview-2"]["submission"] == {"status": True, "url": TEAM_B}
    assert state["interviews"]["ai-interview-1"]["auth"]["basic"] == {"username": "svc", "password": password}
    assert state["interviews"]["ai-interview-3"]["submission"]["url"] is None
    assert per_interview.preview().change_summary == {"same": 4}

    per_interview.destroy()
    after = emulator.admin.state()["interviews"]
    assert after["ai-interview-1"]["submission"] == {"status": False, "url": TEAM_A}
    assert after["ai-interview-2"]["submission"] == {"status": False, "url": TEAM_B}
    assert_no_secrets(per_interview, password, api_key)


def test_out_of_band_change_is_seen_where_the_server_answers_get(
    per_interview: E2EStack, emulator: Emulator
) -> None:
    emulator.admin.configure(get_enabled=True)  # the published API has no read of an interview's settings
    per_interview.up()
    emulator.admin.patch_interview("ai-interview-2", {"submission": {"url": "https://ui.example/b"}})
    preview = per_interview.preview()
    assert preview.change_summary == {"update": 1, "same": 3}
    assert "(ai-interview-2) drifted" in preview.stdout

    # Without GET the provider keeps the last applied settings: the same drift goes unseen.
    emulator.admin.configure(get_enabled=False)
    assert per_interview.preview().change_summary == {"same": 4}


def test_changing_the_interview_id_replaces_the_resource(per_interview: E2EStack, emulator: Emulator) -> None:
    per_interview.up()
    per_interview.stack.set_config(
        "overrides", auto.ConfigValue(overrides(("ai-interview-1", TEAM_A), ("ai-interview-3", TEAM_B)))
    )
    up = per_interview.up()
    assert up.summary.resource_changes == {"create": 1, "delete": 1, "same": 3}
    state = emulator.admin.state()["interviews"]
    assert state["ai-interview-3"]["submission"] == {"status": True, "url": TEAM_B}
    assert state["ai-interview-2"]["submission"] == {"status": False, "url": TEAM_B}


@pytest.mark.parametrize("count", [10])
def test_many_overrides_apply_in_parallel(
    make_stack: StackFactory, api_key: str, password: str, count: int
) -> None:
    with Emulator(api_key=api_key, interviews=count, latency_ms=50) as emulator:
        stack = make_stack(
            "per-interview",
            project="xobin-per-interview",
            emulator=emulator,
            api_key=api_key,
            secrets={"webhookPassword": password},
        )
        ids = [f"ai-interview-{n}" for n in range(1, count + 1)]
        stack.stack.set_config("overrides", auto.ConfigValue(overrides(*[(i, TEAM_A) for i in ids])))
        up = stack.up()
        assert up.summary.resource_changes == {"create": count + 2}
        assert all(emulator.admin.state()["interviews"][i]["submission"]["url"] == TEAM_A for i in ids)
        # A connection opens only when every open one is busy: more than one means requests overlapped,
        # fewer than one per request means the pool reused them.
        assert 1 < emulator.admin.requests()["connections"] < count
