"""The HTTP client for Xobin's webhook-settings endpoints, in the model's terms.

Callers hand it `DesiredSettings` and get `LiveSettings` back: which JSON each path takes (the API-key
auth is spelled differently on the two paths) is decided here and in `wire`, nowhere above.

One pooled `httpx.Client` per provider process and connection settings (`client_for`), safe to share
between the dynamic provider's worker threads. Every httpx exception is translated here, so nothing
above this module handles httpx types, and every message is redacted here, so nothing above can leak.

Retries: connection errors, timeouts, 429 and 5xx are retried with exponential backoff and full jitter,
honouring `Retry-After` (seconds or an HTTP date), bounded by `max_retries` and `MAX_ELAPSED_SECONDS`.
Reads are naturally safe to retry. The settings POST and the per-interview PUT are too: they set
absolute values, so applying the same body twice leaves the same settings as applying it once.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpx
from pydantic import ValidationError

from .._core.errors import redact
from .._core.model import DesiredSettings, LiveSettings
from .connection import ConnectionSettings
from .errors import ApiError, TransportError, UnexpectedResponseError
from .user_agent import user_agent
from .wire import ApiKeyWireStyle, SettingsResponse, live_from, request_for

__all__ = ["GLOBAL_SETTINGS_PATH", "XobinClient", "client_for", "interview_path"]

log = logging.getLogger("pulumi_xobin")

GLOBAL_SETTINGS_PATH = "/ai-interviews/settings/webhooks"
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_CAP_SECONDS = 8.0
RETRY_AFTER_CAP_SECONDS = 30.0
MAX_ELAPSED_SECONDS = 120.0
# A read with POST sends no webhook, no auth and no updateAll: by the documented rules it changes nothing.
EMPTY_UPDATE: dict[str, Any] = {"webhooks": {}}
# How each path spells API-key auth in requests (see the project's API notes): one constant per path.
GLOBAL_APIKEY_STYLE: ApiKeyWireStyle = "header/apikey"
INTERVIEW_APIKEY_STYLE: ApiKeyWireStyle = "key/value"

_HINTS = {
    401: "check the account API key (`xobin:apiKey` or XOBIN_API_KEY)",
    403: "the account may have reached a plan limit (`limit_exceed`) or lack access to AI interviews",
}


def interview_path(interview_id: str) -> str:
    return f"{GLOBAL_SETTINGS_PATH}/{interview_id}"


class XobinClient:
    def __init__(
        self,
        settings: ConnectionSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._settings = settings
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=settings.base_url,
            headers={"apiKey": settings.api_key, "Accept": "application/json", "User-Agent": user_agent()},
            timeout=httpx.Timeout(settings.timeout_seconds, connect=min(10.0, settings.timeout_seconds)),
            transport=transport,
        )
        # Learned once per process: whether the server answers GET on the settings paths (not documented).
        self._get_supported = True
        self._interview_get_supported = True

    def close(self) -> None:
        self._http.close()

    def read_settings(self, secrets: Iterable[str] = ()) -> LiveSettings:
        """The global settings. GET where the server has it, else the documented no-op POST.

        `secrets` (everywhere below) are values to keep out of every message, besides the API key.
        """
        secrets = tuple(secrets)
        path = GLOBAL_SETTINGS_PATH
        if self._get_supported:
            try:
                return live_from(self._call("GET", path, None, secrets))
            except ApiError as err:
                if err.status not in (404, 405):
                    raise
                log.debug("GET %s answered %s: reading with an empty POST from now on", path, err.status)
                self._get_supported = False
        return live_from(self._call("POST", path, EMPTY_UPDATE, secrets))

    def apply_settings(self, desired: DesiredSettings, secrets: Iterable[str] = ()) -> LiveSettings:
        """POST the global settings; Xobin answers with what it now holds."""
        request = request_for(desired, GLOBAL_APIKEY_STYLE, with_update_all=True)
        return live_from(self._call("POST", GLOBAL_SETTINGS_PATH, request.to_json(), secrets))

    def read_interview_settings(self, interview_id: str, secrets: Iterable[str] = ()) -> LiveSettings | None:
        """One interview's settings, or None when the server cannot be asked (no GET on that path).

        There is no read-by-POST for this path: a PUT is the only documented call, so a server without
        GET leaves the provider with the last applied settings.
        """
        if not self._interview_get_supported:
            return None
        try:
            return live_from(self._call("GET", interview_path(interview_id), None, secrets))
        except ApiError as err:
            if err.status != 405:
                raise
            log.debug("GET on an interview's settings answered 405: not reading them again")
            self._interview_get_supported = False
            return None

    def apply_interview_settings(
        self, interview_id: str, desired: DesiredSettings, secrets: Iterable[str] = ()
    ) -> LiveSettings | None:
        """PUT one interview's settings. The docs do not show this call's answer: any 2xx is success,
        and its body is used only when it is the settings object (None otherwise)."""
        request = request_for(desired, INTERVIEW_APIKEY_STYLE, with_update_all=False)
        try:
            return live_from(self._call("PUT", interview_path(interview_id), request.to_json(), secrets))
        except UnexpectedResponseError:
            log.debug("PUT %s answered 2xx without the settings object", interview_path(interview_id))
            return None

    def _call(
        self, method: str, path: str, body: dict[str, Any] | None = None, secrets: Iterable[str] = ()
    ) -> SettingsResponse:
        hidden = (self._settings.api_key, *secrets)
        response = self._send(method, path, body, hidden)
        try:
            payload = response.json()
        except ValueError:
            raise UnexpectedResponseError(
                redact(
                    f"Xobin answered {method} {path} with {response.status_code} and a body that is not JSON "
                    f"(Content-Type {response.headers.get('content-type', 'none')!r}); expected the webhook "
                    'settings object {"webhooks": {...}}',
                    hidden,
                ),
                method=method,
                path=path,
                status=response.status_code,
            ) from None
        try:
            return SettingsResponse.model_validate(payload)
        except ValidationError as err:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or '(body)'}: {e['msg']}" for e in err.errors()[:5]
            )
            raise UnexpectedResponseError(
                redact(
                    f"Xobin answered {method} {path} with {response.status_code} and JSON that is not the "
                    f'documented webhook settings object {{"webhooks": {{...}}}}: {problems}',
                    hidden,
                ),
                method=method,
                path=path,
                status=response.status_code,
            ) from None

    def _send(
        self, method: str, path: str, body: dict[str, Any] | None, hidden: tuple[str, ...]
    ) -> httpx.Response:
        started = time.monotonic()
        attempts = 0
        while True:
            attempts += 1
            wait: float | None
            try:
                response = self._http.request(
                    method,
                    path,
                    content=None if body is None else json.dumps(body),
                    headers=None if body is None else {"Content-Type": "application/json"},
                )
            except httpx.TransportError as err:
                problem = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
                # A request we could not even form (bad header or URL) will not form on a retry either.
                local = isinstance(err, (httpx.LocalProtocolError, httpx.UnsupportedProtocol))
                wait = None if local else self._backoff(attempts)
                log.debug("%s %s failed (%s), attempt %d", method, path, type(err).__name__, attempts)
                if wait is None or not self._may_retry(attempts, started, wait):
                    raise TransportError(
                        redact(
                            f"could not get an answer from Xobin for {method} {path} after {attempts} "
                            f"attempt(s): {problem}",
                            hidden,
                        ),
                        method=method,
                        path=path,
                        attempts=attempts,
                    ) from None
            else:
                log.debug("%s %s -> %d, attempt %d", method, path, response.status_code, attempts)
                if response.is_success:
                    return response
                wait = (
                    self._retry_after(response, attempts)
                    if response.status_code in RETRYABLE_STATUSES
                    else None
                )
                if wait is None or not self._may_retry(attempts, started, wait):
                    raise self._api_error(method, path, response, attempts, hidden)
            self._sleep(wait)

    def _may_retry(self, attempts: int, started: float, wait: float) -> bool:
        return (
            attempts <= self._settings.max_retries
            and time.monotonic() - started + wait <= MAX_ELAPSED_SECONDS
        )

    def _backoff(self, attempts: int) -> float:
        return random.uniform(0, min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (attempts - 1)))  # noqa: S311

    def _retry_after(self, response: httpx.Response, attempts: int) -> float:
        """Seconds to wait before retrying: the server's Retry-After when it gives one, else backoff."""
        value = response.headers.get("retry-after")
        if value is None:
            return self._backoff(attempts)
        value = value.strip()
        if value.isdigit():
            return min(float(value), RETRY_AFTER_CAP_SECONDS)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return self._backoff(attempts)
        return min(max(when.timestamp() - time.time(), 0.0), RETRY_AFTER_CAP_SECONDS)

    def _api_error(
        self, method: str, path: str, response: httpx.Response, attempts: int, hidden: tuple[str, ...]
    ) -> ApiError:
        server_message = _server_message(response, hidden)
        status = response.status_code
        hint = _HINTS.get(status)
        if status == 404 and path != GLOBAL_SETTINGS_PATH:
            hint = "no AI interview has this id in the account"
        text = f"Xobin answered {method} {path} with {status} {response.reason_phrase}".rstrip()
        if server_message:
            text += f": {server_message}"
        if hint:
            text += f" ({hint})"
        if attempts > 1:
            text += f" [after {attempts} attempts]"
        return ApiError(
            redact(text, hidden),
            method=method,
            path=path,
            status=status,
            server_message=server_message,
            attempts=attempts,
        )


def _server_message(response: httpx.Response, hidden: tuple[str, ...]) -> str | None:
    """The server's own `error`/`message` text, or a short excerpt of a body that is not JSON, redacted
    before it is cut (a secret across the cut would otherwise survive in part)."""
    try:
        payload = response.json()
    except ValueError:
        return redact(response.text.strip(), hidden)[:200] or None
    if isinstance(payload, dict):
        parts = [redact(str(payload[k]), hidden) for k in ("error", "message") if payload.get(k)]
        return " - ".join(dict.fromkeys(parts)) or None
    return None


_clients: dict[ConnectionSettings, XobinClient] = {}
_clients_lock = threading.Lock()


def client_for(settings: ConnectionSettings) -> XobinClient:
    """The process-wide client for these settings: resources and operations share its connection pool."""
    with _clients_lock:
        client = _clients.get(settings)
        if client is None:
            client = _clients[settings] = XobinClient(settings)
        return client
