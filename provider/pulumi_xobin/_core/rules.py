"""The rules values must meet beyond their declared type: each says why a value cannot be used.

A field's rule takes its well-typed value and answers the reason, or None. An object's rule takes the
object's checked fields (and the fields as written) and answers the object as it is to be used, with its
problems: (the field it is about, or None for the object itself; the reason). They are attached to the
fields and object types they govern in `fields`. No reason quotes the value: it may be a secret.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from .unknown import is_unknown

__all__ = [
    "MAX_NAME_LENGTH",
    "MAX_SECRET_LENGTH",
    "MAX_URL_LENGTH",
    "Problem",
    "auth_as_used",
    "header_problem",
    "interview_id_problem",
    "name_problem",
    "secret_problem",
    "url_problem",
    "webhook_as_used",
]

MAX_URL_LENGTH = 2048
MAX_NAME_LENGTH = 256
MAX_SECRET_LENGTH = 4096

# RFC 9110 token characters: what an HTTP header name may be made of.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# Unreserved URL characters: an interview id becomes a path segment as it is.
_INTERVIEW_ID = re.compile(r"[A-Za-z0-9._~-]+")


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a webhook URL, or None when it can."""
    if not url.strip():
        return "must not be empty"
    if len(url) > MAX_URL_LENGTH:
        return f"must be at most {MAX_URL_LENGTH} characters"
    if not url.isascii() or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return "must be ASCII without spaces or control characters (percent-encode the rest)"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError as err:
        return f"is not a valid URL ({err})"
    if parts.scheme not in ("http", "https"):
        return "must be an absolute http or https URL"
    if not host:
        return "must name a host"
    if parts.username is not None or parts.password is not None:
        return "must not carry credentials; use `auth` instead"
    if parts.scheme == "http" and not _is_loopback(host):
        return "must use https (plain http is allowed only for loopback hosts)"
    return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _text_problem(value: str, max_length: int) -> str | None:
    """Non-empty, single-line text of bounded length."""
    if not value.strip():
        return "must not be empty"
    if len(value) > max_length:
        return f"must be at most {max_length} characters"
    if any(c in value for c in "\r\n\0"):
        return "must not contain line breaks or NUL characters"
    return None


def name_problem(value: str) -> str | None:
    return _text_problem(value, MAX_NAME_LENGTH)


def secret_problem(value: str) -> str | None:
    return _text_problem(value, MAX_SECRET_LENGTH)


def header_problem(value: str) -> str | None:
    problem = name_problem(value)
    if problem is None and not _HEADER_NAME.fullmatch(value):
        return "must be a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~)"
    return problem


def interview_id_problem(value: str) -> str | None:
    """Why `value` cannot be an AI interview id (it becomes a URL path segment), or None."""
    if value in (".", ".."):
        return "must not be '.' or '..' (it would name another path)"
    if not _INTERVIEW_ID.fullmatch(value) or len(value) > MAX_NAME_LENGTH:
        return f"must be 1 to {MAX_NAME_LENGTH} letters, digits or . _ ~ - (it is a URL path segment)"
    return None


# A problem an object rule finds: the field it is about (None: the object itself), and why.
Problem = tuple[str | None, str]


def webhook_as_used(checked: dict[str, Any], raw: Mapping[str, Any]) -> tuple[Any, list[Problem]]:
    if checked["enabled"] is True and checked["url"] is None:
        return checked, [("url", "an enabled webhook needs a URL")]
    return checked, []


def auth_as_used(
    variants: Mapping[str, tuple[str, ...]], checked: dict[str, Any], raw: Mapping[str, Any]
) -> tuple[Any, list[Problem]]:
    """Basic or API-key auth (`variants`: each type's own fields), inferred from the fields when `type` is
    left out, never both; the object keeps only its type's fields."""
    auth_type = checked["type"]
    if is_unknown(auth_type) or auth_type not in (None, *variants):
        return dict(raw), []
    present = {name for name, fields in variants.items() if any(raw.get(n) is not None for n in fields)}
    if len(present) > 1:
        both = "set either basic auth (username, password) or API-key auth (header, value), not both"
        return dict(raw), [(None, both)]
    if auth_type is None:
        # The type whose fields are set; with none set, the first (basic auth, whose fields it then misses).
        auth_type = next(iter(present), next(iter(variants)))
    missing: list[Problem] = [(name, "is required") for name in variants[auth_type] if checked[name] is None]
    others = {n for name, fields in variants.items() if name != auth_type for n in fields}
    return {**{k: v for k, v in checked.items() if k not in others}, "type": auth_type}, missing
