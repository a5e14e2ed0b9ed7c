"""A Xobin account in memory: the `SettingsApi` that unit tests hand to the core and to both faces.

It keeps each set of settings as Xobin reports them (`LiveSettings`: never a password or API-key value,
only whether one is stored) and applies a write by the documented rules: a webhook sent replaces the
stored one, keeping its URL when none is sent; auth sent replaces the stored auth; what is not sent is
kept. Every call is recorded with the secrets its caller asked to keep out of errors. `edit` changes
settings out of band, as someone in the Xobin UI would; the constructor's options are the ways real
servers differ, and `fail_next` and `store_next_write_as` script a misbehaving one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pulumi_xobin._core.model import ApiKeyAuth, BasicAuth, DesiredSettings, LiveAuth, LiveSettings, Webhook

__all__ = ["Call", "FakeApi", "apply", "read"]

# The settings of an account (or interview) nobody has configured yet.
NEVER_CONFIGURED = LiveSettings(
    {"start": Webhook(None, False), "submission": Webhook(None, False)}, LiveAuth()
)


@dataclass(frozen=True)
class Call:
    """One call to the API: a read or an apply, of the account-wide settings (`interview_id` None) or of
    one interview's; `sent` is what an apply asked for. `secrets` are what the caller asked to keep out
    of any error, recorded but left out of comparisons."""

    verb: Literal["read", "apply"]
    interview_id: str | None = None
    sent: DesiredSettings | None = None
    secrets: tuple[str, ...] = field(default=(), compare=False)


def read(interview_id: str | None = None) -> Call:
    return Call("read", interview_id)


def apply(sent: DesiredSettings, interview_id: str | None = None) -> Call:
    return Call("apply", interview_id, sent)


class FakeApi:
    """`interview_reads`: the server answers GET on an interview's path (else reads of it give None).
    `interview_answers`: a PUT is answered with the settings (else with something else: None).
    `reports_has_value`: answers say whether an API-key value is stored, as they do for a password."""

    def __init__(
        self,
        *,
        interview_reads: bool = True,
        interview_answers: bool = True,
        reports_has_value: bool = False,
    ) -> None:
        self.interview_reads = interview_reads
        self.interview_answers = interview_answers
        self.reports_has_value = reports_has_value
        self.calls: list[Call] = []
        self._settings: dict[str | None, LiveSettings] = {}
        self._failures: dict[str, Exception] = {}
        self._next_write: LiveSettings | None = None

    def settings(self, interview_id: str | None = None) -> LiveSettings:
        return self._settings.get(interview_id, NEVER_CONFIGURED)

    def edit(
        self,
        interview_id: str | None = None,
        *,
        start: Webhook | None = None,
        submission: Webhook | None = None,
        auth: LiveAuth | None = None,
    ) -> None:
        """Change settings out of band: each part given replaces the stored one."""
        live = self.settings(interview_id)
        webhooks = {**live.webhooks}
        if start is not None:
            webhooks["start"] = start
        if submission is not None:
            webhooks["submission"] = submission
        self._settings[interview_id] = LiveSettings(webhooks, auth or live.auth)

    def fail_next(self, verb: Literal["read", "apply"], error: Exception) -> None:
        """The next call of `verb` raises `error` and changes nothing."""
        self._failures[verb] = error

    def store_next_write_as(self, live: LiveSettings) -> None:
        """The next write leaves `live` (and answers with it), whatever it asked for."""
        self._next_write = live

    # The SettingsApi.

    def read_settings(self, secrets: Iterable[str] = ()) -> LiveSettings:
        self._record(Call("read", None, secrets=tuple(secrets)))
        return self.settings()

    def apply_settings(self, desired: DesiredSettings, secrets: Iterable[str] = ()) -> LiveSettings:
        self._record(Call("apply", None, desired, tuple(secrets)))
        return self._write(None, desired)

    def read_interview_settings(self, interview_id: str, secrets: Iterable[str] = ()) -> LiveSettings | None:
        self._record(Call("read", interview_id, secrets=tuple(secrets)))
        return self.settings(interview_id) if self.interview_reads else None

    def apply_interview_settings(
        self, interview_id: str, desired: DesiredSettings, secrets: Iterable[str] = ()
    ) -> LiveSettings | None:
        self._record(Call("apply", interview_id, desired, tuple(secrets)))
        live = self._write(interview_id, desired)
        return live if self.interview_answers else None

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        failure = self._failures.pop(call.verb, None)
        if failure is not None:
            raise failure

    def _write(self, interview_id: str | None, desired: DesiredSettings) -> LiveSettings:
        live = self.settings(interview_id)
        webhooks = {**live.webhooks}
        for name, hook in desired.webhooks.items():
            webhooks[name] = Webhook(live.webhooks[name].url if hook.url is None else hook.url, hook.enabled)
        auth = live.auth if desired.auth is None else self._stored(desired.auth)
        stored, self._next_write = self._next_write or LiveSettings(webhooks, auth), None
        self._settings[interview_id] = stored
        return stored

    def _stored(self, auth: BasicAuth | ApiKeyAuth) -> LiveAuth:
        if isinstance(auth, BasicAuth):
            return LiveAuth(type="basic", username=auth.username, has_password=bool(auth.password))
        has_value = bool(auth.value) if self.reports_has_value else None
        return LiveAuth(type="apikey", header=auth.header, has_value=has_value)
