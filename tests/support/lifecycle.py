"""The vocabulary of the lifecycle table (tests/unit/test_lifecycle.py), and the walk that runs a row
through one face over a fresh `FakeApi`.

A row's steps act on the resource (create, preview, `up`, refresh, import, delete) or on the server (an
edit made out of band, a failure, an answer of its own), and each says what the user sees and which
calls reach the API. Where the faces differ, it is said here once: the native face alone reports each
changed property (`Diff.changed` is checked against it; only the drift warning and the changes flag
against the dynamic face), and only it imports (a row that imports is not a case of the dynamic face).
For every step of every row, besides what the step says (and what the faces check of every bag):

- after a create or an import, the face reports the resource's ID;
- a call that sends a secret is told to keep it out of errors, and so is every call while the state
  holds one;
- no warning or error shows a secret.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest

from pulumi_xobin._core.model import ApiKeyAuth, BasicAuth, LiveAuth, LiveSettings, Webhook
from support.faces import DiffSeen, DynamicFace, Face, Failed, Kind, NativeFace
from support.fake_api import Call, FakeApi
from support.samples import SETTINGS_ID

__all__ = [
    "NO_CHANGE",
    "Create",
    "Delete",
    "Diff",
    "Edit",
    "Import",
    "Preview",
    "Refresh",
    "Row",
    "ServerFails",
    "ServerStores",
    "Up",
    "cases",
    "walk",
]

Bag = dict[str, Any]
# The ID of the account-wide settings; an interview's settings go by its interview id.

# The steps. `calls`: the API calls a step makes, in order; `error`: the message a step that fails shows.


@dataclass(frozen=True)
class Edit:
    """Someone changes the resource's settings in the Xobin UI: each part given replaces the live one."""

    start: Webhook | None = None
    submission: Webhook | None = None
    auth: LiveAuth | None = None


@dataclass(frozen=True)
class ServerFails:
    """The server fails the next call of this verb."""

    verb: Literal["read", "apply"]
    failure: Exception


@dataclass(frozen=True)
class ServerStores:
    """The server stores (and answers) these settings on the next write, whatever it is asked."""

    live: LiveSettings


@dataclass(frozen=True)
class Diff:
    """A diff: each changed path and whether it is drift, and the inputs whose change replaces."""

    changed: Mapping[str, bool] = field(default_factory=dict)
    replaces: tuple[str, ...] = ()


NO_CHANGE = Diff()


@dataclass(frozen=True)
class Create:
    inputs: Bag
    outputs: Bag | None = None
    calls: tuple[Call, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class Preview:
    inputs: Bag
    diff: Diff
    calls: tuple[Call, ...]


@dataclass(frozen=True)
class Up:
    """`pulumi up` with these inputs: check, diff, and update when the diff has changes."""

    inputs: Bag
    diff: Diff | None
    outputs: Bag | None
    calls: tuple[Call, ...]
    error: str | None = None


@dataclass(frozen=True)
class Refresh:
    outputs: Bag
    inputs: Bag
    calls: tuple[Call, ...]


@dataclass(frozen=True)
class Import:
    id: str
    outputs: Bag | None = None
    inputs: Bag | None = None
    calls: tuple[Call, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class Delete:
    calls: tuple[Call, ...]


Step = Edit | ServerFails | ServerStores | Create | Preview | Up | Refresh | Import | Delete


@dataclass(frozen=True)
class Row:
    id: str
    kind: Kind
    steps: tuple[Step, ...]
    # Where the resource's settings live on the fake: the interview, or None for the account-wide ones.
    interview_id: str | None = None
    server: Mapping[str, bool] = field(default_factory=dict)  # FakeApi's options

    @property
    def resource_id(self) -> str:
        return self.interview_id or SETTINGS_ID


FACES: dict[str, type[DynamicFace] | type[NativeFace]] = {"dynamic": DynamicFace, "native": NativeFace}


def cases(rows: Iterable[Row]) -> list[Any]:
    """Each row with each face that can take all its steps."""
    return [
        pytest.param(row, face, id=f"{row.id}[{face}]")
        for row in rows
        for face, cls in FACES.items()
        if cls.imports or not any(isinstance(step, Import) for step in row.steps)
    ]


def walk(row: Row, face: str, monkeypatch: pytest.MonkeyPatch, secrets: Iterable[str]) -> None:
    """Every step of `row` through `face`, over a fresh fake; `secrets` are the row's, never shown."""
    api = FakeApi(**row.server)
    driver: Face = DynamicFace(row.kind, api, monkeypatch) if face == "dynamic" else NativeFace(row.kind, api)
    for number, step in enumerate(row.steps, start=1):
        where = f"step {number} ({type(step).__name__})"
        held = secrets_in(driver.outputs)
        made = len(api.calls)
        shown = run(step, driver, api, row)
        calls = api.calls[made:]
        assert tuple(calls) == getattr(step, "calls", ()), where
        for call in calls:
            told = set(call.secrets)
            assert set(secrets_sent(call)) <= told, f"{where}: a secret it sends is not kept out of errors"
            # A server may echo what it stores: the state's secrets too, on a read or on a write.
            assert set(held) <= told, f"{where}: a secret the state holds is not kept out of errors"
        for text in shown:
            assert not [s for s in secrets if s in text], f"{where} shows a secret: {text}"


def run(step: Step, face: Face, api: FakeApi, row: Row) -> list[str]:
    """Take one step and check what it shows the user; the texts shown (a drift warning, an error)."""
    error = getattr(step, "error", None)
    if error is None:
        return take(step, face, api, row)
    with pytest.raises(Failed) as failure:
        take(step, face, api, row)
    assert str(failure.value) == error
    return [error]


def take(step: Step, face: Face, api: FakeApi, row: Row) -> list[str]:
    if isinstance(step, Edit):
        api.edit(row.interview_id, start=step.start, submission=step.submission, auth=step.auth)
    elif isinstance(step, ServerFails):
        api.fail_next(step.verb, step.failure)
    elif isinstance(step, ServerStores):
        api.store_next_write_as(step.live)
    elif isinstance(step, Create):
        assert face.create(step.inputs) == step.outputs
        assert face.id == row.resource_id
    elif isinstance(step, Preview):
        return diff_shown(face.preview(step.inputs), step.diff)
    elif isinstance(step, Up):
        diff, outputs = face.up(step.inputs)
        assert step.diff is not None
        assert outputs == step.outputs
        return diff_shown(diff, step.diff)
    elif isinstance(step, Refresh):
        assert face.refresh() == (step.outputs, step.inputs)
    elif isinstance(step, Import):
        assert isinstance(face, NativeFace), "a row that imports runs on the native face only"
        assert face.import_(step.id) == (step.outputs, step.inputs)
        assert face.id == step.id
    else:
        face.delete()
    return []


def diff_shown(seen: DiffSeen, want: Diff) -> list[str]:
    assert seen.replaces == want.replaces
    assert seen.changes == bool(want.changed or want.replaces)
    assert seen.drift == {path for path, drift in want.changed.items() if drift}
    if seen.paths is not None:  # the native face reports each changed property
        assert seen.paths == {*want.changed, *want.replaces}
    return [seen.warning] if seen.warning else []


def secrets_in(bag: Mapping[str, Any]) -> list[str]:
    auth = bag.get("auth") or {}
    return [auth[name] for name in ("password", "value") if auth.get(name)]


def secrets_sent(call: Call) -> list[str]:
    auth = call.sent.auth if call.sent else None
    if isinstance(auth, BasicAuth):
        return [auth.password]
    return [auth.value] if isinstance(auth, ApiKeyAuth) else []
