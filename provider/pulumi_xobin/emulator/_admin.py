"""`EmulatorAdmin`: a small urllib client for the emulator's /_emulator/ side-channel."""

from __future__ import annotations

import json
import urllib.request

from ._admin_routes import ADMIN_PREFIX
from ._api_routes import API_PREFIX
from ._messages import JsonObject

__all__ = ["EmulatorAdmin"]

_TIMEOUT_S = 10.0
# A delivery waits on its receiver too (each wait bounded by the emulator's delivery timeout, once per
# address tried), so a send may take longer than any other admin call.
_SEND_TIMEOUT_S = 60.0
# Loopback calls must not go through a proxy picked up from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class EmulatorAdmin:
    """Inspect, edit and break a running emulator from tests; errors raise `urllib.error.HTTPError`."""

    def __init__(self, root_url: str) -> None:
        """`root_url` is http://127.0.0.1:PORT; the API URL (with /api/v2) is accepted too."""
        self._root = root_url.rstrip("/").removesuffix(API_PREFIX)

    def state(self) -> JsonObject:
        """Stored settings, unmasked: {"global", "interviews": {id: ...}, "config"}."""
        return self._call("GET", "state")

    def patch_global(self, patch: JsonObject) -> JsonObject:
        """Apply a JSON merge patch (null clears) to the stored global settings; returns them."""
        return self._call("POST", "global", patch)

    def patch_interview(self, interview_id: str, patch: JsonObject) -> JsonObject:
        return self._call("POST", f"interviews/{interview_id}", patch)

    def requests(self) -> JsonObject:
        """{"counts": {"METHOD PATH": n}, "log": [{"method", "path", "status", "read", "user_agent"}],
        "total", "connections", "peak_in_flight"}; `read` marks a GET or a write of `{"webhooks": {}}` (it
        changes nothing); `peak_in_flight` is the most API requests answered at once."""
        return self._call("GET", "requests")

    def clear_requests(self) -> None:
        self._call("DELETE", "requests")

    def inject(
        self,
        *,
        count: int = 1,
        status: int | None = None,
        retry_after: str | None = None,
        body: str | None = None,
        delay_ms: int = 0,
        drop: bool = False,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """Apply a fault to the next `count` API requests matching `method` and `path` (a prefix).

        Sleeps `delay_ms`, then: `drop` closes the connection unanswered; `status` answers it
        (with `retry_after` and the raw `body`, if given); `body` alone answers 200 with it;
        otherwise the request is served normally.
        """
        fault = {
            "count": count,
            "status": status,
            "retry_after": retry_after,
            "body": body,
            "delay_ms": delay_ms,
            "drop": drop,
            "method": method,
            "path": path,
        }
        self._call("POST", "faults", fault)

    def clear_faults(self) -> None:
        self._call("DELETE", "faults")

    def configure(
        self,
        *,
        get_enabled: bool | None = None,
        latency_ms: int | None = None,
        report_has_apikey: bool | None = None,
    ) -> None:
        """Change the given switches; None leaves one as it is."""
        changes = {
            "get_enabled": get_enabled,
            "latency_ms": latency_ms,
            "report_has_apikey": report_has_apikey,
        }
        self._call("POST", "config", {key: value for key, value in changes.items() if value is not None})

    def send(self, event: str, interview_id: str) -> JsonObject:
        """Deliver `event` ("start" or "submission") of `interview_id` to its effective webhook; returns
        the delivery record (an unknown event is a 400, an unknown interview a 404)."""
        payload = {"event": event, "interviewId": interview_id}
        return self._call("POST", "deliveries", payload, timeout=_SEND_TIMEOUT_S)

    def deliveries(self) -> list[JsonObject]:
        """Every delivery record, oldest first."""
        records: list[JsonObject] = self._call("GET", "deliveries")["deliveries"]
        return records

    def reset(self) -> None:
        """Initial settings and configuration, no faults, no deliveries, an empty request log."""
        self._call("POST", "reset")

    def _call(
        self, method: str, path: str, payload: JsonObject | None = None, *, timeout: float = _TIMEOUT_S
    ) -> JsonObject:
        data = None if payload is None else json.dumps(payload).encode()
        # The URL is always http: the root given to __init__ plus a fixed path.
        request = urllib.request.Request(  # noqa: S310
            self._root + ADMIN_PREFIX + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with _OPENER.open(request, timeout=timeout) as response:
            answer: JsonObject = json.loads(response.read())
        return answer
