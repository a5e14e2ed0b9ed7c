"""Everything the emulator remembers: settings, its configuration, pending faults, the request log."""

from __future__ import annotations

import copy
import dataclasses
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._messages import BadRequest, JsonObject
from ._settings import Update, apply_update, initial_settings, mask, patched

__all__ = ["Config", "EmulatorState", "Fault", "Route", "interview_ids", "parse_fault"]

_PARTS = ("start", "submission", "auth")


def interview_ids(count: int) -> tuple[str, ...]:
    """The ids of the AI interviews the emulator holds: ai-interview-1 to ai-interview-<count>."""
    return tuple(f"ai-interview-{n}" for n in range(1, count + 1))


@dataclass(frozen=True)
class Config:
    """Behaviour switches that tests flip at run time."""

    get_enabled: bool = False  # the published docs show no read: GET answers 405 unless enabled
    latency_ms: int = 0
    report_has_apikey: bool = False

    def changed(self, changes: JsonObject) -> Config:
        _reject_unknown(changes, {f.name for f in dataclasses.fields(self)})
        for key in ("get_enabled", "report_has_apikey"):
            _get(changes, key, False, _is_bool, "a boolean")
        _get(changes, "latency_ms", 0, _is_non_negative_int, "an integer >= 0")
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Fault:
    """What to do to one matching API request instead of (or, with only a delay, before) serving it."""

    status: int | None = None
    retry_after: str | None = None
    body: str | None = None
    delay_ms: int = 0
    drop: bool = False
    method: str | None = None
    path: str | None = None  # matched as a prefix

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method.upper() == method) and (
            self.path is None or path.startswith(self.path)
        )


def parse_fault(spec: JsonObject) -> tuple[Fault, int]:
    """A fault rule and how many requests it applies to, from the admin JSON."""
    _reject_unknown(spec, {"count"} | {f.name for f in dataclasses.fields(Fault)})
    count: int = _get(spec, "count", 1, _is_positive_int, "an integer >= 1")
    fault = Fault(
        status=_get(spec, "status", None, _is_status_or_none, "an HTTP status (200-599) or null"),
        retry_after=_get(spec, "retry_after", None, _is_str_or_none, "a string or null"),
        body=_get(spec, "body", None, _is_str_or_none, "a string or null"),
        delay_ms=_get(spec, "delay_ms", 0, _is_non_negative_int, "an integer >= 0"),
        drop=_get(spec, "drop", False, _is_bool, "a boolean"),
        method=_get(spec, "method", None, _is_str_or_none, "a string or null"),
        path=_get(spec, "path", None, _is_str_or_none, "a string or null"),
    )
    return fault, count


@dataclass(frozen=True)
class Route:
    """Where one interview's event goes: the effective webhook and auth (copies), and whose they are."""

    webhook: JsonObject
    auth: JsonObject
    source: str  # "the interview's own settings" or "the account's settings", for skip reasons


@dataclass
class _PendingFault:
    fault: Fault
    remaining: int


class EmulatorState:
    """The emulator's memory; every method holds one lock, so handler threads can share it.

    `interview_id=None` means the global settings.
    """

    _config: Config
    _global: JsonObject
    _interviews: dict[str, JsonObject]
    _overrides: dict[str, set[str]]  # per interview, the parts (start, submission, auth) it set itself
    _deliveries: list[JsonObject]
    _faults: list[_PendingFault]
    _log: list[JsonObject]
    _counts: dict[str, int]
    _connections: int
    _in_flight: int  # API requests being answered now
    _peak_in_flight: int

    def __init__(self, config: Config, interviews: int = 3) -> None:
        self._lock = threading.Lock()
        self._in_flight = 0
        self._initial_config = config
        self._interview_ids = interview_ids(interviews)
        self.reset()

    def reset(self) -> None:
        """Back to the initial settings and configuration, with no faults, no deliveries and an empty log."""
        with self._lock:
            self._config = self._initial_config
            self._global = initial_settings()
            self._interviews = {interview_id: initial_settings() for interview_id in self._interview_ids}
            self._overrides = {interview_id: set() for interview_id in self._interview_ids}
            self._deliveries = []
            self._faults = []
            self._clear_requests()

    # Settings

    def has_interview(self, interview_id: str) -> bool:
        with self._lock:
            return interview_id in self._interviews

    def read(self, interview_id: str | None) -> JsonObject:
        """Masked settings, as the API answers them."""
        with self._lock:
            return self._masked(self._settings(interview_id))

    def update(self, interview_id: str | None, update: Update) -> JsonObject:
        """Store a validated change and answer the masked result."""
        with self._lock:
            settings = apply_update(self._settings(interview_id), update)
            self._store(interview_id, settings)
            if interview_id is not None:
                self._overrides[interview_id] |= set(update.webhooks) | ({"auth"} if update.auth else set())
            if update.update_all:
                # Copied onto every interview: each now holds the account's settings as its own.
                self._interviews = {key: copy.deepcopy(settings) for key in self._interviews}
                self._overrides = {key: set(_PARTS) for key in self._interviews}
            return self._masked(settings)

    def patch(self, interview_id: str | None, patch: JsonObject) -> JsonObject:
        """Edit stored settings out of band with a JSON merge patch; answers them unmasked."""
        with self._lock:
            settings = patched(self._settings(interview_id), patch)
            self._store(interview_id, settings)
            if interview_id is not None:
                # An edit in Xobin's UI sets the interview's own settings for the parts it touches.
                self._overrides[interview_id] |= set(patch) & set(_PARTS)
            return copy.deepcopy(settings)

    def snapshot(self) -> JsonObject:
        """The stored settings, unmasked, and the configuration."""
        with self._lock:
            return {
                "global": copy.deepcopy(self._global),
                "interviews": copy.deepcopy(self._interviews),
                "overrides": {key: sorted(parts) for key, parts in self._overrides.items()},
                "config": dataclasses.asdict(self._config),
            }

    def route(self, interview_id: str, event: str) -> Route:
        """The effective webhook of `event` for the interview: each part its own where it set one, else
        the account's."""
        with self._lock:
            own = self._overrides[interview_id]

            def part(name: str) -> JsonObject:
                source = self._interviews[interview_id] if name in own else self._global
                return copy.deepcopy(source[name])

            source = "the interview's own settings" if event in own else "the account's settings"
            return Route(part(event), part("auth"), source)

    def _settings(self, interview_id: str | None) -> JsonObject:
        return self._global if interview_id is None else self._interviews[interview_id]

    def _store(self, interview_id: str | None, settings: JsonObject) -> None:
        if interview_id is None:
            self._global = settings
        else:
            self._interviews[interview_id] = settings

    def _masked(self, settings: JsonObject) -> JsonObject:
        return mask(settings, report_has_apikey=self._config.report_has_apikey)

    # Configuration

    @property
    def config(self) -> Config:
        with self._lock:
            return self._config

    def configure(self, changes: JsonObject) -> JsonObject:
        with self._lock:
            self._config = self._config.changed(changes)
            return dataclasses.asdict(self._config)

    # Faults

    def add_fault(self, fault: Fault, count: int) -> list[JsonObject]:
        with self._lock:
            self._faults.append(_PendingFault(fault, count))
            return self._pending_faults()

    def clear_faults(self) -> list[JsonObject]:
        with self._lock:
            self._faults = []
            return self._pending_faults()

    def take_fault(self, method: str, path: str) -> Fault | None:
        """Use up one unit of the first rule matching this request, if any."""
        with self._lock:
            for pending in self._faults:
                if pending.fault.matches(method, path):
                    pending.remaining -= 1
                    if pending.remaining == 0:
                        self._faults.remove(pending)
                    return pending.fault
            return None

    def _pending_faults(self) -> list[JsonObject]:
        return [{"count": p.remaining, **dataclasses.asdict(p.fault)} for p in self._faults]

    # Deliveries

    def add_delivery(self, record: JsonObject) -> None:
        with self._lock:
            self._deliveries.append(record)

    def deliveries(self) -> list[JsonObject]:
        """Every delivery record, oldest first."""
        with self._lock:
            return copy.deepcopy(self._deliveries)

    # Request log

    def record(self, method: str, path: str, status: int, *, read: bool, user_agent: str | None) -> None:
        """Log one API request; `status` 0 means the connection was dropped, `read` that it asked
        for settings without changing any."""
        with self._lock:
            self._log.append(
                {"method": method, "path": path, "status": status, "read": read, "user_agent": user_agent}
            )
            key = f"{method} {path}"
            self._counts[key] = self._counts.get(key, 0) + 1

    def count_connection(self) -> None:
        with self._lock:
            self._connections += 1

    def request_started(self) -> None:
        with self._lock:
            self._in_flight += 1
            self._peak_in_flight = max(self._peak_in_flight, self._in_flight)

    def request_finished(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def requests(self) -> JsonObject:
        with self._lock:
            return {
                "counts": dict(self._counts),
                "log": copy.deepcopy(self._log),
                "total": len(self._log),
                "connections": self._connections,
                "peak_in_flight": self._peak_in_flight,
            }

    def clear_requests(self) -> None:
        with self._lock:
            self._clear_requests()

    def _clear_requests(self) -> None:
        self._log = []
        self._counts = {}
        self._connections = 0
        self._peak_in_flight = self._in_flight  # those still being answered count towards the next peak


def _reject_unknown(spec: JsonObject, known: set[str]) -> None:
    # Admin requests come from tests: a typo should fail loudly, not be ignored.
    unknown = sorted(set(spec) - known)
    if unknown:
        raise BadRequest(f"unknown keys: {', '.join(unknown)}")


def _get(spec: JsonObject, key: str, default: Any, accepts: Callable[[object], bool], expected: str) -> Any:
    value = spec.get(key, default)
    if not accepts(value):
        raise BadRequest(f"{key} must be {expected}")
    return value


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_str_or_none(value: object) -> bool:
    return value is None or isinstance(value, str)


def _int_between(low: int, high: float = math.inf) -> Callable[[object], bool]:
    def accepts(value: object) -> bool:
        # JSON true is not a number here, though Python's bool is an int.
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

    return accepts


_is_non_negative_int = _int_between(0)
_is_positive_int = _int_between(1)
_is_status = _int_between(200, 599)


def _is_status_or_none(value: object) -> bool:
    return value is None or _is_status(value)
