"""One lifecycle table, run through both faces: what a resource does from create to delete.

Each row walks one resource through its steps over a fake Xobin account (`support.fake_api`), and says
for each what the user sees (outputs, inputs, the diff and which of its changes are drift, the error)
and which calls reach the API. Every row runs through the dynamic provider and through the native
plugin's servicer (`support.faces`) with the same verbs; how a step is taken and checked, and where the
faces differ, is `support.lifecycle`'s.

What the core's pure functions decide (each diff rule, each output) is test_diff.py's and
test_outputs.py's business; this table checks that both faces carry it to the engine alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from pulumi_xobin._api.client import GLOBAL_SETTINGS_PATH
from pulumi_xobin._api.errors import ApiError
from pulumi_xobin._core.fields import WebhookName
from pulumi_xobin._core.model import ApiKeyAuth, BasicAuth, DesiredSettings, LiveAuth, LiveSettings, Webhook
from support.faces import ACCOUNT_API_KEY, GLOBAL, INTERVIEW, Kind
from support.fake_api import apply, read
from support.lifecycle import (
    NO_CHANGE,
    Create,
    Delete,
    Diff,
    Edit,
    Import,
    Preview,
    Refresh,
    Row,
    ServerFails,
    ServerStores,
    Up,
    cases,
    walk,
)
from support.samples import (
    API_KEY_VALUE,
    APIKEY,
    BASIC,
    HEADER,
    INTERVIEW_ID,
    NEW_PASSWORD,
    OTHER,
    PASSWORD,
    SETTINGS_ID,
    START,
    SUBMISSION,
    with_,
)

Bag = dict[str, Any]
SECRETS = (PASSWORD, NEW_PASSWORD, API_KEY_VALUE, ACCOUNT_API_KEY)
DRIFT, PROGRAM = True, False  # what moved a changed path: the live settings, or the program

HOOKS: Bag = {"start": {"url": START, "enabled": True}, "submission": {"url": SUBMISSION, "enabled": True}}
GLOBAL_INPUTS: Bag = {**HOOKS, "auth": BASIC, "update_all": False}
GLOBAL_OUTPUTS: Bag = {**GLOBAL_INPUTS, "auth": {**BASIC, "has_password": True}}
INTERVIEW_INPUTS: Bag = {"interview_id": INTERVIEW_ID, **HOOKS, "auth": APIKEY}
# Whether an API-key value is stored, Xobin does not say (unless `reports_has_value`): no `has_value`.
INTERVIEW_OUTPUTS: Bag = INTERVIEW_INPUTS
BOTH_ON: dict[WebhookName, Webhook] = {"start": Webhook(START, True), "submission": Webhook(SUBMISSION, True)}
BOTH_OFF: dict[WebhookName, Webhook] = {
    "start": Webhook(START, False),
    "submission": Webhook(SUBMISSION, False),
}
SENT_BASIC = DesiredSettings(BOTH_ON, BasicAuth("svc", PASSWORD))
SENT_APIKEY = DesiredSettings(BOTH_ON, ApiKeyAuth(HEADER, API_KEY_VALUE))


def refused(status: int, phrase: str) -> ApiError:
    """The error the client raises when Xobin refuses the account-wide POST."""
    message = f"Xobin answered POST {GLOBAL_SETTINGS_PATH} with {status} {phrase}"
    return ApiError(
        message, method="POST", path=GLOBAL_SETTINGS_PATH, status=status, server_message=None, attempts=1
    )


@dataclass(frozen=True)
class Resource:
    """A resource and the program that manages all of it, for the rows both kinds share."""

    name: str
    kind: Kind
    interview_id: str | None
    inputs: Bag
    outputs: Bag
    sent: DesiredSettings


SHARED = (
    Resource("global", GLOBAL, None, GLOBAL_INPUTS, GLOBAL_OUTPUTS, SENT_BASIC),
    Resource("interview", INTERVIEW, INTERVIEW_ID, INTERVIEW_INPUTS, INTERVIEW_OUTPUTS, SENT_APIKEY),
)


def drift_repaired(r: Resource) -> Row:
    at = r.interview_id
    return Row(
        f"{r.name}-drift-repaired-refreshed-deleted",
        r.kind,
        (
            Create(r.inputs, r.outputs, (apply(r.sent, at),)),
            Preview(r.inputs, NO_CHANGE, (read(at),)),
            Edit(submission=Webhook(OTHER, True)),
            Preview(r.inputs, Diff({"submission.url": DRIFT}), (read(at),)),
            Up(r.inputs, Diff({"submission.url": DRIFT}), r.outputs, (read(at), apply(r.sent, at))),
            Refresh(r.outputs, r.inputs, (read(at),)),
            # No delete in the API: the webhooks are switched off, their URLs and the auth kept.
            Delete((apply(DesiredSettings(BOTH_OFF), at),)),
        ),
        interview_id=at,
    )


def refresh_serves_the_next_diff(r: Resource) -> Row:
    at = r.interview_id
    moved = with_(r.outputs, start={"url": OTHER, "enabled": False})
    change = Diff({"start.url": PROGRAM, "start.enabled": PROGRAM})
    return Row(
        f"{r.name}-refresh-read-serves-the-next-diff-once",
        r.kind,
        (
            Create(r.inputs, r.outputs, (apply(r.sent, at),)),
            Edit(start=Webhook(OTHER, False)),
            Refresh(moved, with_(r.inputs, start=moved["start"]), (read(at),)),
            # The engine diffs right after a refresh: the refresh's read serves, once. The state holds the
            # live value now, so the program's value is a change of the program, not drift.
            Preview(r.inputs, change, ()),
            Preview(r.inputs, change, (read(at),)),
        ),
        interview_id=at,
    )


ROWS: tuple[Row, ...] = (
    *(drift_repaired(r) for r in SHARED),
    *(refresh_serves_the_next_diff(r) for r in SHARED),
    Row(
        "global-password-removed-out-of-band",
        GLOBAL,
        (
            Create(GLOBAL_INPUTS, GLOBAL_OUTPUTS, (apply(SENT_BASIC),)),
            Edit(auth=LiveAuth(type="basic", username="svc", has_password=False)),
            Preview(GLOBAL_INPUTS, Diff({"auth.password": DRIFT}), (read(),)),
            Refresh(
                with_(GLOBAL_OUTPUTS, auth={"type": "basic", "username": "svc", "has_password": False}),
                with_(GLOBAL_INPUTS, auth={"type": "basic", "username": "svc"}),
                (read(),),
            ),
            # The refresh's read serves this diff; the state says none is stored, so the program's password
            # is a change to make, not drift.
            Up(GLOBAL_INPUTS, Diff({"auth.password": PROGRAM}), GLOBAL_OUTPUTS, (apply(SENT_BASIC),)),
        ),
    ),
    Row(
        "interview-api-key-value-removed-where-the-server-says",
        INTERVIEW,
        (
            Create(
                INTERVIEW_INPUTS,
                with_(INTERVIEW_INPUTS, auth={**APIKEY, "has_value": True}),
                (apply(SENT_APIKEY, INTERVIEW_ID),),
            ),
            Edit(auth=LiveAuth(type="apikey", header=HEADER, has_value=False)),
            Preview(INTERVIEW_INPUTS, Diff({"auth.value": DRIFT}), (read(INTERVIEW_ID),)),
        ),
        interview_id=INTERVIEW_ID,
        server={"reports_has_value": True},
    ),
    Row(
        "global-secret-changed-in-the-ui-sent-again-by-a-new-secret-version",
        GLOBAL,
        (
            Create(GLOBAL_INPUTS, GLOBAL_OUTPUTS, (apply(SENT_BASIC),)),
            # Another password in the UI: the API says only that one is stored, so no diff can see it.
            Edit(auth=LiveAuth(type="basic", username="svc", has_password=True)),
            Preview(GLOBAL_INPUTS, NO_CHANGE, (read(),)),
            Up(
                with_(GLOBAL_INPUTS, auth={**BASIC, "secret_version": "2"}),
                Diff({"auth.secret_version": PROGRAM}),
                with_(GLOBAL_OUTPUTS, auth={**GLOBAL_OUTPUTS["auth"], "secret_version": "2"}),
                (read(), apply(SENT_BASIC)),
            ),
            Preview(with_(GLOBAL_INPUTS, auth={**BASIC, "secret_version": "2"}), NO_CHANGE, (read(),)),
        ),
    ),
    Row(
        "global-program-changes-password-then-api-key-auth-then-update-all",
        GLOBAL,
        (
            Create(GLOBAL_INPUTS, GLOBAL_OUTPUTS, (apply(SENT_BASIC),)),
            Up(
                with_(GLOBAL_INPUTS, auth={**BASIC, "password": NEW_PASSWORD}),
                Diff({"auth.password": PROGRAM}),
                with_(GLOBAL_OUTPUTS, auth={**GLOBAL_OUTPUTS["auth"], "password": NEW_PASSWORD}),
                (read(), apply(DesiredSettings(BOTH_ON, BasicAuth("svc", NEW_PASSWORD)))),
            ),
            Up(
                with_(GLOBAL_INPUTS, auth=APIKEY),
                Diff({"auth.type": PROGRAM, "auth.header": PROGRAM, "auth.value": PROGRAM}),
                with_(GLOBAL_OUTPUTS, auth=APIKEY),
                (read(), apply(SENT_APIKEY)),
            ),
            Up(
                with_(GLOBAL_INPUTS, auth=APIKEY, update_all=True),
                Diff({"update_all": PROGRAM}),
                with_(GLOBAL_OUTPUTS, auth=APIKEY, update_all=True),
                (read(), apply(DesiredSettings(BOTH_ON, ApiKeyAuth(HEADER, API_KEY_VALUE), update_all=True))),
            ),
            Preview(with_(GLOBAL_INPUTS, auth=APIKEY, update_all=True), NO_CHANGE, (read(),)),
        ),
    ),
    Row(
        "global-only-the-parts-the-program-manages",
        GLOBAL,
        (
            Edit(submission=Webhook(OTHER, True), auth=LiveAuth(type="apikey", header="X-Other")),
            Create(
                {"start": {"url": START}},
                {"start": {"url": START, "enabled": True}, "update_all": False},
                (apply(DesiredSettings({"start": Webhook(START, True)})),),
            ),
            Edit(submission=Webhook(None, False), auth=LiveAuth()),
            Preview({"start": {"url": START}}, NO_CHANGE, (read(),)),
            Delete((apply(DesiredSettings({"start": Webhook(START, False)})),)),
        ),
    ),
    Row(
        "interview-managing-only-auth-deletes-by-sending-nothing",
        INTERVIEW,
        (
            Create(
                {"interview_id": INTERVIEW_ID, "auth": APIKEY},
                {"interview_id": INTERVIEW_ID, "auth": APIKEY},
                (apply(DesiredSettings(auth=ApiKeyAuth(HEADER, API_KEY_VALUE)), INTERVIEW_ID),),
            ),
            Delete(()),
        ),
        interview_id=INTERVIEW_ID,
    ),
    Row(
        "interview-new-interview-id-replaces-without-a-read",
        INTERVIEW,
        (
            Create(INTERVIEW_INPUTS, INTERVIEW_OUTPUTS, (apply(SENT_APIKEY, INTERVIEW_ID),)),
            Preview(
                with_(INTERVIEW_INPUTS, interview_id="ai-interview-5", start={"url": OTHER}),
                Diff(replaces=("interview_id",)),
                (),
            ),
        ),
        interview_id=INTERVIEW_ID,
    ),
    Row(
        "interview-on-a-server-without-reads-or-answers",
        INTERVIEW,
        (
            # The PUT's answer is not the settings: the outputs are what was sent, as stored.
            Create(
                INTERVIEW_INPUTS,
                with_(INTERVIEW_INPUTS, auth={**APIKEY, "has_value": True}),
                (apply(SENT_APIKEY, INTERVIEW_ID),),
            ),
            # Nothing can see this: the diff compares with the last outputs.
            Edit(start=Webhook(OTHER, True)),
            Preview(INTERVIEW_INPUTS, NO_CHANGE, (read(INTERVIEW_ID),)),
            Refresh(
                with_(INTERVIEW_INPUTS, auth={**APIKEY, "has_value": True}),
                INTERVIEW_INPUTS,
                (read(INTERVIEW_ID),),
            ),
            Up(
                with_(INTERVIEW_INPUTS, start={"url": OTHER, "enabled": True}),
                Diff({"start.url": PROGRAM}),
                with_(
                    INTERVIEW_INPUTS,
                    start={"url": OTHER, "enabled": True},
                    auth={**APIKEY, "has_value": True},
                ),
                (
                    read(INTERVIEW_ID),
                    apply(
                        DesiredSettings(
                            {**BOTH_ON, "start": Webhook(OTHER, True)}, ApiKeyAuth(HEADER, API_KEY_VALUE)
                        ),
                        INTERVIEW_ID,
                    ),
                ),
            ),
        ),
        interview_id=INTERVIEW_ID,
        server={"interview_reads": False, "interview_answers": False},
    ),
    Row(
        "global-outputs-are-what-the-server-stored",
        GLOBAL,
        (
            ServerStores(
                LiveSettings(
                    {"start": Webhook(OTHER, True), "submission": Webhook(SUBMISSION, False)},
                    LiveAuth(type="basic", username="svc-server", has_password=False),
                )
            ),
            Create(
                GLOBAL_INPUTS,
                {
                    "start": {"url": OTHER, "enabled": True},
                    "submission": {"url": SUBMISSION, "enabled": False},
                    "auth": {"type": "basic", "username": "svc-server", "has_password": False},
                    "update_all": False,
                },
                (apply(SENT_BASIC),),
            ),
            # The state holds what Xobin holds, so the program's values are changes the next update makes.
            Preview(
                GLOBAL_INPUTS,
                Diff(
                    {
                        "start.url": PROGRAM,
                        "submission.enabled": PROGRAM,
                        "auth.username": PROGRAM,
                        "auth.password": PROGRAM,
                    }
                ),
                (read(),),
            ),
        ),
    ),
    Row(
        "global-failed-writes-leave-the-state-as-it-was",
        GLOBAL,
        (
            ServerFails("apply", refused(500, "Internal Server Error")),
            Create(
                GLOBAL_INPUTS, calls=(apply(SENT_BASIC),), error=str(refused(500, "Internal Server Error"))
            ),
            Create(GLOBAL_INPUTS, GLOBAL_OUTPUTS, (apply(SENT_BASIC),)),
            ServerFails("apply", refused(403, "Forbidden")),
            Up(
                with_(GLOBAL_INPUTS, auth={**BASIC, "password": NEW_PASSWORD}),
                None,
                None,
                (read(), apply(DesiredSettings(BOTH_ON, BasicAuth("svc", NEW_PASSWORD)))),
                error=str(refused(403, "Forbidden")),
            ),
            Preview(
                with_(GLOBAL_INPUTS, auth={**BASIC, "password": NEW_PASSWORD}),
                Diff({"auth.password": PROGRAM}),
                (read(),),
            ),
        ),
    ),
    # Import: the native face only.
    Row(
        "global-import-adopts-the-live-settings-then-the-program-takes-over",
        GLOBAL,
        (
            Edit(
                start=Webhook(START, True),
                submission=Webhook(SUBMISSION, False),
                auth=LiveAuth(type="basic", username="svc", has_password=True),
            ),
            # The password cannot be read: the inputs leave auth out, the outputs say one is stored.
            Import(
                SETTINGS_ID,
                with_(
                    GLOBAL_OUTPUTS,
                    submission={"url": SUBMISSION, "enabled": False},
                    auth={"type": "basic", "username": "svc", "has_password": True},
                ),
                {**HOOKS, "submission": {"url": SUBMISSION, "enabled": False}, "update_all": False},
                (read(),),
            ),
            Preview(
                GLOBAL_INPUTS, Diff({"submission.enabled": PROGRAM, "auth.password": PROGRAM}), (read(),)
            ),
            Up(
                GLOBAL_INPUTS,
                Diff({"submission.enabled": PROGRAM, "auth.password": PROGRAM}),
                GLOBAL_OUTPUTS,
                (read(), apply(SENT_BASIC)),
            ),
        ),
    ),
    Row(
        "global-import-under-another-id-is-refused",
        GLOBAL,
        (
            Import(
                "webhooks",
                error=f"cannot import WebhookSettings 'webhooks': its ID is always {SETTINGS_ID!r}",
            ),
        ),
    ),
    Row(
        "interview-import-adopts-the-live-settings",
        INTERVIEW,
        (
            Edit(start=Webhook(START, True), auth=LiveAuth(type="apikey", header=HEADER, has_value=True)),
            Import(
                INTERVIEW_ID,
                {
                    "interview_id": INTERVIEW_ID,
                    "start": {"url": START, "enabled": True},
                    "submission": {"enabled": False},
                    "auth": {"type": "apikey", "header": HEADER, "has_value": True},
                },
                {
                    "interview_id": INTERVIEW_ID,
                    "start": {"url": START, "enabled": True},
                    "submission": {"enabled": False},
                },
                (read(INTERVIEW_ID),),
            ),
        ),
        interview_id=INTERVIEW_ID,
        server={"reports_has_value": True},
    ),
    Row(
        "interview-import-where-the-server-answers-no-read-is-refused",
        INTERVIEW,
        (
            Import(
                INTERVIEW_ID,
                calls=(read(INTERVIEW_ID),),
                error=(
                    f"cannot import InterviewWebhookSettings {INTERVIEW_ID!r}: the server answers no read on "
                    "that path (GET answered 405), so its settings cannot be known"
                ),
            ),
        ),
        interview_id=INTERVIEW_ID,
        server={"interview_reads": False},
    ),
)


@pytest.mark.parametrize(("row", "face"), cases(ROWS))
def test_lifecycle(row: Row, face: str, monkeypatch: pytest.MonkeyPatch) -> None:
    walk(row, face, monkeypatch, SECRETS)
