"""Deliveries: the emulator POSTs one event to the effective webhook of one interview, as Xobin would.

What Xobin's docs show (the "AI Interview Workflows" page): a start event when a candidate begins an AI
interview, a submission event when they complete it, and the sample bodies the payloads copy. What is
only this project's reading: the method (`POST`, a JSON body), how the configured credentials travel
(basic auth as `Authorization: Basic ...`, API-key auth as the configured header), and that an
interview's own settings, where set, replace the account's for that interview. No signature and no
retry: the docs describe neither.
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import json
import re
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ._messages import BadRequest, JsonObject, NotFound
from ._state import EmulatorState, Route

__all__ = ["EVENTS", "Deliverer", "auth_headers", "payload", "record_url"]

EVENTS = ("start", "submission")
_MAX_ANSWER_BYTES = 64 * 1024  # read (and drop) this much of the receiver's answer, no more
# RFC 9110 token characters: a configured header name outside them cannot be sent.
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_HEADER_VALUE = re.compile(r"[\x20-\x7e\x80-\xff]*")

# The sample bodies of Xobin's "AI Interview Workflows" page; `ai_interview_id` is the emulator's own id.
_START_SAMPLE: JsonObject = {
    "ai_interview_name": "Receptionist",
    "candidate_email": "candidate@example.com",
    "candidate_id": 7054,
    "candidate_name": "Jennifer Gross",
    "invite_status": "Started",
    "response_id": 6726,
}
_SUBMISSION_SAMPLE: JsonObject = {
    **_START_SAMPLE,
    "candidate_summary": "Jennifer Gross showed a sound grasp of the Receptionist role's duties.",
    "completed_date": "Jul 05, 2025, 4:42:45 AM",
    "integrity_score": 10,
    "interview_recording": {
        "1755695988585": "https://example.com/interview_recording/session-1.webm",
        "1755695988586": "https://example.com/interview_recording/session-2.webm",
    },
    "invite_status": "Completed",
    "recommendation": "Not recommended",
}


def payload(event: str, interview_id: str) -> JsonObject:
    """The event's body: the docs' sample, for this interview."""
    sample = _START_SAMPLE if event == "start" else _SUBMISSION_SAMPLE
    return {"ai_interview_id": interview_id, **sample}


def auth_headers(auth: JsonObject) -> tuple[str | None, dict[str, str]]:
    """The auth type sent and its header, from stored auth; incomplete credentials send none."""
    if auth["type"] == "basic":
        username, password = auth["basic"]["username"], auth["basic"]["password"]
        if username and password:
            token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
            return "basic", {"Authorization": f"Basic {token}"}
    elif auth["type"] == "apikey":
        header, value = auth["apikey"]["header"], auth["apikey"]["apikey"]
        if header and value:
            return "apikey", {header: value}
    return None, {}


def record_url(url: str) -> str:
    """The URL as a record shows it: without any user:password@ part."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


@dataclass(frozen=True)
class Deliverer:
    """Sends events for one emulator: to loopback addresses only unless `anywhere`, each attempt bounded
    by `timeout_s`. A receiver's failure is a record, never an exception."""

    anywhere: bool = False
    timeout_s: float = 5.0

    def send(self, state: EmulatorState, event: object, interview_id: object) -> JsonObject:
        """Deliver and record one event; raises `BadRequest` (a ValueError) for an unknown event,
        `NotFound` (a LookupError) for an unknown interview, and records nothing then."""
        if not isinstance(event, str) or event not in EVENTS:
            raise BadRequest("event must be 'start' or 'submission'")
        if not isinstance(interview_id, str):
            raise BadRequest("interviewId must be a string")
        if not state.has_interview(interview_id):
            raise NotFound("AI interview not found")
        started = time.monotonic()
        route = state.route(interview_id, event)
        record = {"event": event, "interviewId": interview_id, **self._deliver(route, event, interview_id)}
        record["ms"] = round((time.monotonic() - started) * 1000, 1)
        state.add_delivery(record)
        return record

    def _deliver(self, route: Route, event: str, interview_id: str) -> JsonObject:
        nothing: JsonObject = {"url": None, "authType": None, "status": None, "error": None, "skipped": None}
        where = f"the {event} webhook of {interview_id} ({route.source})"
        url = route.webhook["url"]
        if not route.webhook["status"]:
            return {**nothing, "skipped": f"{where} is disabled"}
        if not url:
            return {**nothing, "skipped": f"{where} has no URL"}
        parts, port = urlsplit(url), _port(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or port is None:
            return {**nothing, "skipped": f"{where} is not an http or https URL"}
        auth_type, headers = auth_headers(route.auth)
        if not all(_HEADER_NAME.fullmatch(k) and _HEADER_VALUE.fullmatch(v) for k, v in headers.items()):
            return {**nothing, "skipped": f"{where}: its API-key header is not a valid HTTP header"}
        attempt = {**nothing, "url": record_url(url), "authType": auth_type}
        secrets = [*headers.values(), *_plain_secrets(route.auth)]
        try:
            addresses = _resolve(parts.hostname, port)
        except (OSError, UnicodeError) as exc:
            return {**attempt, "error": _describe(exc, secrets)}
        if not self.anywhere and not all(_is_loopback(address[0]) for address in addresses):
            reason = (
                f"{where} points to {parts.hostname}, not a loopback address "
                "(start the emulator with --deliver-anywhere to deliver there)"
            )
            return {**nothing, "skipped": reason}
        body = json.dumps(payload(event, interview_id), sort_keys=True).encode()
        try:
            status = self._post(parts.scheme, parts.hostname, port, addresses, _target(url), body, headers)
        # ValueError: a URL http.client cannot send (a character outside ASCII, say).
        except (OSError, ValueError, http.client.HTTPException) as exc:
            return {**attempt, "error": _describe(exc, secrets)}
        return {**attempt, "status": status}

    def _post(
        self,
        scheme: str,
        host: str,
        port: int,
        addresses: tuple[tuple[Any, ...], ...],
        target: str,
        body: bytes,
        headers: dict[str, str],
    ) -> int:
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(host, port, timeout=self.timeout_s)
        connection.pinned = addresses
        try:
            connection.request("POST", target, body, {**headers, "Content-Type": "application/json"})
            response = connection.getresponse()
            response.read(_MAX_ANSWER_BYTES)
            return response.status
        finally:
            connection.close()


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the addresses resolved (and checked) before, not to a second lookup of the host."""

    pinned: tuple[tuple[Any, ...], ...] = ()

    def connect(self) -> None:
        error = OSError("no address")
        for address in self.pinned:
            try:
                self.sock = socket.create_connection(address[:2], self.timeout)
                return
            except OSError as exc:
                error = exc
        raise error


class _PinnedHTTPSConnection(http.client.HTTPSConnection, _PinnedHTTPConnection):
    """TLS over the pinned connection: HTTPSConnection.connect wraps what _PinnedHTTPConnection opens,
    checking the certificate against the URL's host name."""


def _resolve(host: str, port: int) -> tuple[tuple[Any, ...], ...]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return tuple(info[4] for info in infos)


def _port(url: str) -> int | None:
    """The URL's port, its scheme's default if none; None when it is not a port at all."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    return port or (443 if parts.scheme == "https" else 80)


def _is_loopback(address: str) -> bool:
    return ipaddress.ip_address(address.split("%")[0]).is_loopback


def _target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _plain_secrets(auth: JsonObject) -> list[str]:
    return [s for s in (auth["basic"]["password"], auth["apikey"]["apikey"]) if isinstance(s, str)]


def _describe(exc: BaseException, secrets: list[str]) -> str:
    """The transport error for a record; a timeout says so, and no secret survives into the text."""
    text = "timed out" if isinstance(exc, TimeoutError) else str(exc) or type(exc).__name__
    for secret in secrets:
        text = text.replace(secret, "[secret]")
    return f"{type(exc).__name__}: {text}"
