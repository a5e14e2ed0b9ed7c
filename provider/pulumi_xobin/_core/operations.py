"""What a webhook-settings resource does, whichever face serves it: check, diff, apply, read, delete.

Plain values in and out (property bags keyed by Python names), over a `SettingsApi`: the HTTP client in
production, anything with the same four methods in tests. The dynamic face (`_dynamic.adapter`) and the
native plugin (`_plugin.adapter`) are thin adapters over the `Operations` of each resource.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .check import Failure, Spelling, check_inputs, python_spelling
from .diff import Change, diff_settings
from .errors import XobinError
from .fields import INTERVIEW_WEBHOOK_SETTINGS, WEBHOOK_SETTINGS, WEBHOOKS, ResourceType
from .model import DesiredSettings, LiveSettings, Webhook
from .outputs import (
    imported,
    inputs_from_outputs,
    outputs_from_desired,
    outputs_from_live,
    preview_outputs,
)
from .secrets import secrets_in

__all__ = [
    "INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS",
    "WEBHOOK_SETTINGS_OPERATIONS",
    "DiffOutcome",
    "Operations",
    "RecentReads",
    "SettingsApi",
]

Bag = dict[str, Any]


class SettingsApi(Protocol):
    """The Xobin API as the resources need it (`_api.client.XobinClient`); `secrets` are kept out of
    errors."""

    def read_settings(self, secrets: Iterable[str] = ...) -> LiveSettings: ...

    def apply_settings(self, desired: DesiredSettings, secrets: Iterable[str] = ...) -> LiveSettings: ...

    def read_interview_settings(
        self, interview_id: str, secrets: Iterable[str] = ...
    ) -> LiveSettings | None: ...

    def apply_interview_settings(
        self, interview_id: str, desired: DesiredSettings, secrets: Iterable[str] = ...
    ) -> LiveSettings | None: ...


# Where one resource's settings live. None from a reader: the server offers no way to read them.
Reader = Callable[[SettingsApi, str, tuple[str, ...]], "LiveSettings | None"]
Writer = Callable[[SettingsApi, str, DesiredSettings, tuple[str, ...]], "LiveSettings | None"]


class RecentReads:
    """Live settings just read by a refresh, for the diff the engine asks right after it.

    A refresh calls Read and then Diff on the same resource within moments; reading the API a second
    time would only repeat the first answer. Each entry is used once and only while fresh, so a plain
    preview or update always diffs against a read of its own.
    """

    MAX_AGE_SECONDS = 10.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reads: dict[str, tuple[float, LiveSettings]] = {}

    def put(self, resource_id: str, live: LiveSettings) -> None:
        with self._lock:
            self._reads[resource_id] = (time.monotonic(), live)

    def take(self, resource_id: str) -> LiveSettings | None:
        with self._lock:
            entry = self._reads.pop(resource_id, None)
        if entry is None or time.monotonic() - entry[0] > self.MAX_AGE_SECONDS:
            return None
        return entry[1]


@dataclass(frozen=True)
class DiffOutcome:
    """Why the resource must change: `replaces` names inputs whose change replaces it; `changes` the rest."""

    changes: list[Change]
    replaces: list[str]


@dataclass(frozen=True)
class Operations:
    """What one resource does (`resource`), and where its settings live: how to read and write them."""

    resource: ResourceType
    read_live: Reader
    write: Writer

    def check(self, news: Mapping[str, Any], spell: Spelling = python_spelling) -> tuple[Bag, list[Failure]]:
        return check_inputs(self.resource, news, spell)

    def diff(
        self,
        api: SettingsApi | None,
        id_: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        recent: RecentReads,
    ) -> DiffOutcome:
        """One read of the live settings (none when an input that replaces changed). Without `api` (its
        settings are not known yet during a preview) the state stands in for the live settings."""
        replaces = [
            f.name for f in self.resource.inputs() if f.replaces and news.get(f.name) != olds.get(f.name)
        ]
        if replaces:
            return DiffOutcome([], replaces)
        secrets = secrets_in(olds) + secrets_in(news)
        live = recent.take(id_) or (api and self.read_live(api, id_, secrets)) or None
        return DiffOutcome(diff_settings(self.resource, news, olds, live), [])

    def create(self, api: SettingsApi, props: Mapping[str, Any]) -> tuple[str, Bag]:
        """There is no create in the API: the settings exist, and applying the inputs adopts them."""
        id_ = self.resource.id_for(props)
        return id_, self.apply(api, id_, props)

    def apply(
        self, api: SettingsApi, id_: str, props: Mapping[str, Any], olds: Mapping[str, Any] | None = None
    ) -> Bag:
        """Write `props`; on an update, `olds` is the state they replace, whose secrets Xobin may still
        hold and echo, so they are kept out of errors too."""
        secrets = secrets_in(props) + secrets_in(olds or {})
        live = self.write(api, id_, DesiredSettings.from_inputs(props), secrets)
        if live is None:
            return outputs_from_desired(self.resource, props)
        return outputs_from_live(self.resource, props, live)

    def preview(self, props: Mapping[str, Any]) -> Bag:
        """What an apply is expected to report, without calling the API."""
        return preview_outputs(self.resource, props)

    def refresh(
        self, api: SettingsApi, id_: str, outs: Mapping[str, Any], recent: RecentReads
    ) -> tuple[Bag, Bag] | None:
        """Outputs and inputs from the live settings, or None when they cannot be read."""
        live = self.read_live(api, id_, secrets_in(outs))
        if live is None:
            return None
        recent.put(id_, live)
        new_outs = {**outs, **outputs_from_live(self.resource, outs, live)}
        return new_outs, inputs_from_outputs(self.resource, new_outs)

    def import_(self, api: SettingsApi, id_: str) -> tuple[Bag, Bag]:
        """Outputs and inputs that adopt the live settings under `id_`."""
        problem = self._import_id_problem(id_)
        if problem:
            raise XobinError(f"cannot import {self.resource.name} {id_!r}: {problem}")
        live = self.read_live(api, id_, ())
        if live is None:
            raise XobinError(
                f"cannot import {self.resource.name} {id_!r}: the server answers no read on that path "
                "(GET answered 405), so its settings cannot be known"
            )
        return imported(self.resource, id_, live)

    def _import_id_problem(self, id_: str) -> str | None:
        if self.resource.fixed_id is not None:
            return None if id_ == self.resource.fixed_id else f"its ID is always {self.resource.fixed_id!r}"
        id_field = self.resource.field(str(self.resource.id_field))
        problem = id_field.rule(id_) if id_field.rule else None
        return None if problem is None else f"the ID {problem}"

    def delete(self, api: SettingsApi, id_: str, props: Mapping[str, Any]) -> None:
        """No delete in the API: switch off the webhooks this resource manages, keep their URLs and auth."""
        off = {
            name: Webhook(props[name].get("url"), False) for name in WEBHOOKS if props.get(name) is not None
        }
        if off:
            self.write(api, id_, DesiredSettings(webhooks=off), secrets_in(props))


WEBHOOK_SETTINGS_OPERATIONS = Operations(
    WEBHOOK_SETTINGS,
    read_live=lambda api, _id, secrets: api.read_settings(secrets),
    write=lambda api, _id, desired, secrets: api.apply_settings(desired, secrets),
)
INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS = Operations(
    INTERVIEW_WEBHOOK_SETTINGS,
    read_live=lambda api, id_, secrets: api.read_interview_settings(id_, secrets),
    write=lambda api, id_, desired, secrets: api.apply_interview_settings(id_, desired, secrets),
)
