"""The request and answer types shared by the API routes, the admin routes and the server."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "BadRequest",
    "JsonObject",
    "NotFound",
    "Request",
    "Response",
    "error_response",
    "json_response",
    "parse_json",
]

JsonObject = dict[str, Any]


class BadRequest(ValueError):
    """A client error, answered with 400; its message names fields, never their values."""


class NotFound(LookupError):
    """Something asked for that the emulator does not hold, answered with 404."""


@dataclass(frozen=True)
class Request:
    """What the routes need of an HTTP request; `path` has no query string."""

    method: str
    path: str
    body: bytes
    api_key: str | None


@dataclass(frozen=True)
class Response:
    """An answer; always sent as `Content-Type: application/json`, even when `body` is not JSON."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def json_response(status: int, payload: JsonObject, headers: dict[str, str] | None = None) -> Response:
    return Response(status, json.dumps(payload).encode(), headers or {})


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return json_response(status, {"error": message}, headers)


def parse_json(body: bytes) -> object:
    try:
        result: object = json.loads(body)
    except ValueError:
        raise BadRequest("request body must be valid JSON") from None
    return result
