"""The dynamic provider: `pulumi.dynamic`'s calling convention over the shared operations in
`_core.operations`, as `_plugin.adapter` is for the native plugin.

`SettingsAdapter` does the work; the classes Pulumi pickles into state only name which operations they
serve, and live in `pulumi_xobin.provider` (see there why they never move). An instance holds no
settings (see `__getstate__`): the API key and base URL are read in the provider process, from stack
config or the environment.
"""

from __future__ import annotations

import functools
import sys
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

from .._api.connection import ConnectionSettings
from .._core.diff import drift_report
from .._core.errors import ConfigurationError, XobinError
from .._core.operations import Operations, RecentReads

if TYPE_CHECKING:
    from .._api.client import XobinClient

__all__ = ["SettingsAdapter"]

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


class SettingsAdapter(ResourceProvider):
    """A dynamic provider for one resource: a subclass names its operations (`_settings`)."""

    # The pickle names a class and carries no data, so it need not be encrypted in state.
    serialize_as_secret_always = False
    _settings: Operations

    def __init__(self) -> None:
        super().__init__()
        self._reset()

    def _reset(self) -> None:
        self._config: Callable[[str], Any] = _no_config
        self._recent_reads = RecentReads()

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
        from .._api.client import client_for

        return client_for(ConnectionSettings.resolve(self._config))

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        checked, failures = self._settings.check(_plain(news))
        found = [CheckFailure(f.property, f.reason) for f in failures]
        try:
            ConnectionSettings.resolve(self._config)
        except ConfigurationError as err:
            found.append(CheckFailure("", str(err)))
        return CheckResult(checked, found)

    @_short_errors
    def diff(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        outcome = self._settings.diff(self._client(), id_, _plain(olds), _plain(news), self._recent_reads)
        if outcome.replaces:
            return DiffResult(changes=True, replaces=outcome.replaces, delete_before_replace=False)
        report = drift_report(id_, outcome.changes)
        if report:
            # The dynamic-provider protocol carries no per-property diff; this line is what users see.
            print(f"warning: {report}", file=sys.stderr)
        return DiffResult(changes=bool(outcome.changes), replaces=[], delete_before_replace=False)

    @_short_errors
    def create(self, props: dict[str, Any]) -> CreateResult:
        id_, outs = self._settings.create(self._client(), _plain(props))
        return CreateResult(id_, outs)

    @_short_errors
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(self._settings.apply(self._client(), id_, _plain(news), _plain(olds)))

    @_short_errors
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        props = _plain(props)
        refreshed = self._settings.refresh(self._client(), id_, props, self._recent_reads)
        if refreshed is None:
            return ReadResult(id_, props)
        outs, inputs = refreshed
        return ReadResult(id_, outs, {**props, **inputs})

    @_short_errors
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        self._settings.delete(self._client(), id_, _plain(props))
