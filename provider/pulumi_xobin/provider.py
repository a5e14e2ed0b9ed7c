"""The dynamic providers that Pulumi runs for this package's resources.

Pulumi pickles a provider instance *by reference* into the `__provider` property of every resource in
state, and every later refresh, update or destroy imports it back by module path and class name. So this
module's name (`pulumi_xobin.provider`) and its class names are public API that must never be renamed or
moved: tests/unit/test_pickling.py pins them. The instances hold no settings at all (see `__getstate__`):
the API key and base URL are read in the provider process, from stack config or the environment.

Each method is a few lines: plain values in, the logic of `_inputs`, `_diff` and `_outputs`, one client
call, plain values out.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)
from pulumi.runtime.rpc import unwrap_rpc_secret

from ._connection import ConnectionSettings
from ._diff import describe, diff_settings
from ._errors import ConfigurationError, XobinError
from ._inputs import Failure, check_inputs, interview_id_problem, parse_desired, secrets_in
from ._model import WEBHOOKS, DesiredSettings, LiveSettings, Webhook
from ._outputs import inputs_from_outputs, live_from_outputs, outputs_from_desired, outputs_from_live

if TYPE_CHECKING:
    from ._client import XobinClient

__all__ = ["GLOBAL_SETTINGS_ID", "InterviewWebhookSettingsProvider", "WebhookSettingsProvider"]

# The account has exactly one set of global settings; this ID names it.
GLOBAL_SETTINGS_ID = "xobin-ai-interview-webhooks"

_F = TypeVar("_F", bound=Callable[..., Any])


def _short_errors(method: _F) -> _F:
    """Raise our errors without the provider's internal frames: Pulumi prints the traceback it gets."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except XobinError as err:
            raise err.with_traceback(None) from None

    return wrapper  # type: ignore[return-value]


def _plain(value: Any) -> Any:
    """Drop secret markers: the engine normally strips them (the provider does not accept secrets)."""
    value = unwrap_rpc_secret(value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _no_config(_key: str) -> Any:
    return None


class _RecentReads:
    """Live settings just read by `read`, for the `diff` the engine asks right after it in a refresh.

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


class _SettingsProvider(ResourceProvider):
    """What both resources share: checking, diffing, applying and reading one set of webhook settings.

    A subclass says where its settings live (`_read_live`, `_write`), how its ID is made, and which
    extra inputs it owns.
    """

    # The pickle names a class and carries no data, so it need not be encrypted in state.
    serialize_as_secret_always = False
    _extra_inputs: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._reset()

    def _reset(self) -> None:
        self._config: Callable[[str], Any] = _no_config
        self._recent_reads = _RecentReads()

    def __getstate__(self) -> dict[str, Any]:
        # Nothing is pickled: whatever configure() stored stays in the provider process.
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._reset()

    def configure(self, req: ConfigureRequest) -> None:
        self._config = req.config.get

    def _client(self) -> XobinClient:
        # Imported on first use, in the provider process: the program process imports this module only
        # to pickle the provider by reference, and need not load httpx and pydantic for that.
        from ._client import client_for

        return client_for(ConnectionSettings.resolve(self._config))

    # Where the settings live; None from _read_live when the server offers no way to read them.
    def _read_live(self, id_: str, secrets: tuple[str, ...]) -> LiveSettings | None:
        raise NotImplementedError

    def _write(self, id_: str, desired: DesiredSettings, secrets: tuple[str, ...]) -> LiveSettings | None:
        raise NotImplementedError

    def _id_for(self, props: Mapping[str, Any]) -> str:
        raise NotImplementedError

    def _check_extra(self, news: Mapping[str, Any], failures: list[Failure]) -> dict[str, Any]:
        return {}

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        news = _plain(news)
        checked, failures = check_inputs(news, top_level=self._extra_inputs)
        checked.update(self._check_extra(news, failures))
        found = [CheckFailure(f.property, f.reason) for f in failures]
        try:
            ConnectionSettings.resolve(self._config)
        except ConfigurationError as err:
            found.append(CheckFailure("", str(err)))
        return CheckResult(checked, found)

    @_short_errors
    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        olds, news = _plain(olds), _plain(news)
        replaces = [k for k in self._extra_inputs if news.get(k) != olds.get(k)]
        if replaces:
            return DiffResult(changes=True, replaces=replaces, delete_before_replace=False)
        secrets = secrets_in(olds) + secrets_in(news)
        live = self._recent_reads.take(id_) or self._read_live(id_, secrets) or live_from_outputs(olds)
        changes = diff_settings(news, olds, live)
        drift = describe(changes)
        if drift:
            # The dynamic-provider protocol carries no per-property diff; this line is what users see.
            print(
                f"warning: Xobin webhook settings ({id_}) drifted from the program:\n{drift}", file=sys.stderr
            )
        return DiffResult(changes=bool(changes), replaces=[], delete_before_replace=False)

    @_short_errors
    def create(self, props: dict[str, Any]) -> CreateResult:
        props = _plain(props)
        id_ = self._id_for(props)
        return CreateResult(id_, self._apply(id_, props))

    @_short_errors
    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(self._apply(id_, _plain(news)))

    @_short_errors
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        props = _plain(props)
        live = self._read_live(id_, secrets_in(props))
        if live is None:
            return ReadResult(id_, props)
        self._recent_reads.put(id_, live)
        outs = {**props, **outputs_from_live(props, live)}
        return ReadResult(id_, outs, {**props, **inputs_from_outputs(outs)})

    @_short_errors
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        props = _plain(props)
        # No delete in the API: switch off the webhooks this resource manages, keep their URLs and auth.
        off = {
            name: None if props.get(name) is None else Webhook(props[name].get("url"), False)
            for name in WEBHOOKS
        }
        if any(off.values()):
            desired = DesiredSettings(start=off["start"], submission=off["submission"])
            self._write(id_, desired, secrets_in(props))

    def _apply(self, id_: str, props: dict[str, Any]) -> dict[str, Any]:
        desired = parse_desired(props)
        live = self._write(id_, desired, secrets_in(props))
        extra = {k: props.get(k) for k in self._extra_inputs}
        if live is None:
            return {**extra, **outputs_from_desired(props)}
        return {**extra, **outputs_from_live(props, live)}


class WebhookSettingsProvider(_SettingsProvider):
    """The account-wide AI-interview webhook settings (`POST /ai-interviews/settings/webhooks`)."""

    def _id_for(self, props: Mapping[str, Any]) -> str:
        return GLOBAL_SETTINGS_ID

    def _read_live(self, id_: str, secrets: tuple[str, ...]) -> LiveSettings:
        return LiveSettings.from_response(self._client().read_settings(secrets))

    def _write(self, id_: str, desired: DesiredSettings, secrets: tuple[str, ...]) -> LiveSettings:
        request = desired.to_request("header/apikey", with_update_all=True)
        return LiveSettings.from_response(self._client().apply_settings(request, secrets))


class InterviewWebhookSettingsProvider(_SettingsProvider):
    """One AI interview's webhook settings (`PUT /ai-interviews/settings/webhooks/<ai_interview_id>`)."""

    _extra_inputs = ("interview_id",)

    def _id_for(self, props: Mapping[str, Any]) -> str:
        return str(props["interview_id"])

    def _check_extra(self, news: Mapping[str, Any], failures: list[Failure]) -> dict[str, Any]:
        if news.get("update_all") is not None:
            failures.append(Failure("update_all", "applies to the account-wide WebhookSettings only"))
        interview_id = news.get("interview_id")
        problem = interview_id_problem(interview_id)
        if problem:
            failures.append(Failure("interview_id", problem))
        return {"interview_id": interview_id, "update_all": None}

    def _read_live(self, id_: str, secrets: tuple[str, ...]) -> LiveSettings | None:
        response = self._client().read_interview_settings(id_, secrets)
        return None if response is None else LiveSettings.from_response(response)

    def _write(self, id_: str, desired: DesiredSettings, secrets: tuple[str, ...]) -> LiveSettings | None:
        request = desired.to_request("key/value", with_update_all=False)
        response = self._client().apply_interview_settings(id_, request, secrets)
        return None if response is None else LiveSettings.from_response(response)
