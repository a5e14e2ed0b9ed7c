"""The inputs of the webhook-settings resources: declared once, then checked, normalised and parsed.

The declaration (`FIELDS`) names every input and says which are secrets. The rules themselves are the
check functions below; the README's input table gives types, defaults and what leaving one out means.
Checking works on the raw property bag Pulumi hands a provider, in which any value may still be
unknown during a preview (an output of another resource): unknown values are never a failure.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pulumi.runtime.rpc import UNKNOWN

from ._model import WEBHOOKS, ApiKeyAuth, Auth, BasicAuth, DesiredSettings, Webhook

__all__ = [
    "FIELDS",
    "Failure",
    "FieldSpec",
    "check_inputs",
    "interview_id_problem",
    "is_unknown",
    "parse_desired",
    "secret_paths",
    "secrets_in",
]

MAX_URL_LENGTH = 2048
MAX_NAME_LENGTH = 256
MAX_SECRET_LENGTH = 4096

# RFC 9110 token characters: what an HTTP header name may be made of.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


@dataclass(frozen=True)
class FieldSpec:
    path: str
    secret: bool = False


# Every input, by the dotted path users write. Secret wrapping (`_resources`), redaction (`secrets_in`)
# and the README's check that every input is documented (tests/unit/test_readme.py) follow from these.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("start"),
    FieldSpec("start.url"),
    FieldSpec("start.enabled"),
    FieldSpec("submission"),
    FieldSpec("submission.url"),
    FieldSpec("submission.enabled"),
    FieldSpec("auth"),
    FieldSpec("auth.type"),
    FieldSpec("auth.username"),
    FieldSpec("auth.password", secret=True),
    FieldSpec("auth.header"),
    FieldSpec("auth.value", secret=True),
    FieldSpec("update_all"),
)

INTERVIEW_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("interview_id"),
    *(f for f in FIELDS if f.path != "update_all"),
)

_INTERVIEW_ID = re.compile(r"[A-Za-z0-9._~-]+")
_BASIC_FIELDS = ("username", "password")
_APIKEY_FIELDS = ("header", "value")


def secret_paths() -> tuple[str, ...]:
    return tuple(f.path for f in FIELDS if f.secret)


def secrets_in(props: Mapping[str, Any]) -> tuple[str, ...]:
    """The secret values in a property bag (inputs or outputs), to keep them out of every message."""
    found = []
    for path in secret_paths():
        value: Any = props
        for key in path.split("."):
            value = value.get(key) if isinstance(value, Mapping) else None
        if isinstance(value, str) and value and not is_unknown(value):
            found.append(value)
    return tuple(found)


@dataclass(frozen=True)
class Failure:
    """One problem with one input: `property` is the dotted path the user wrote."""

    property: str
    reason: str


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value == UNKNOWN


def check_inputs(
    news: Mapping[str, Any], *, top_level: tuple[str, ...] = ()
) -> tuple[dict[str, Any], list[Failure]]:
    """Validate and normalise a property bag; every failure is reported, not just the first.

    `top_level` names extra top-level inputs a resource owns (and checks itself), such as an interview id.
    """
    failures: list[Failure] = []
    known = {"start", "submission", "auth", "update_all", *top_level}
    for key in news:
        if key not in known and not key.startswith("__"):
            failures.append(Failure(key, f"unknown property; expected one of: {', '.join(sorted(known))}"))
    checked: dict[str, Any] = {}
    for name in WEBHOOKS:
        checked[name] = _check_webhook(name, news.get(name), failures)
    checked["auth"] = _check_auth(news.get("auth"), failures)
    update_all = news.get("update_all")
    if update_all is None:
        checked["update_all"] = False
    else:
        checked["update_all"] = update_all
        _check_type("update_all", update_all, bool, failures)
    return checked, failures


def _check_type(path: str, value: Any, expected: type, failures: list[Failure]) -> bool:
    if is_unknown(value) or isinstance(value, expected):
        return True
    failures.append(Failure(path, f"must be {_type_name(expected)}, got {_type_name(type(value))}"))
    return False


def _type_name(t: type) -> str:
    names = {
        str: "a string",
        bool: "a boolean",
        dict: "an object",
        int: "a number",
        float: "a number",
        list: "a list",
    }
    return names.get(t, f"a {t.__name__}")


def _unexpected_keys(
    path: str, value: Mapping[str, Any], allowed: tuple[str, ...], failures: list[Failure]
) -> None:
    for key in value:
        if key not in allowed:
            failures.append(
                Failure(f"{path}.{key}", f"unknown property; expected one of: {', '.join(allowed)}")
            )


def _check_webhook(name: str, value: Any, failures: list[Failure]) -> Any:
    if value is None or is_unknown(value):
        return value
    if not _check_type(name, value, dict, failures):
        return value
    _unexpected_keys(name, value, ("url", "enabled"), failures)
    url = value.get("url")
    enabled = value.get("enabled")
    enabled = True if enabled is None else enabled
    if url is not None and _check_type(f"{name}.url", url, str, failures) and not is_unknown(url):
        problem = url_problem(url)
        if problem:
            failures.append(Failure(f"{name}.url", problem))
    _check_type(f"{name}.enabled", enabled, bool, failures)
    if enabled is True and url is None:
        failures.append(Failure(f"{name}.url", "an enabled webhook needs a URL"))
    return {"url": url, "enabled": enabled}


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


def interview_id_problem(value: Any) -> str | None:
    """Why `value` cannot be an AI interview id (it becomes a URL path segment), or None."""
    if is_unknown(value):
        return None
    if value is None:
        return "is required"
    if not isinstance(value, str):
        return f"must be a string, got {_type_name(type(value))}"
    if value in (".", ".."):
        return "must not be '.' or '..' (it would name another path)"
    if not _INTERVIEW_ID.fullmatch(value) or len(value) > MAX_NAME_LENGTH:
        return f"must be 1 to {MAX_NAME_LENGTH} letters, digits or . _ ~ - (it is a URL path segment)"
    return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_auth(value: Any, failures: list[Failure]) -> Any:
    if value is None or is_unknown(value):
        return value
    if not _check_type("auth", value, dict, failures):
        return value
    _unexpected_keys("auth", value, ("type", *_BASIC_FIELDS, *_APIKEY_FIELDS), failures)
    has_basic = any(value.get(k) is not None for k in _BASIC_FIELDS)
    has_apikey = any(value.get(k) is not None for k in _APIKEY_FIELDS)
    auth_type = value.get("type")
    if is_unknown(auth_type):
        return dict(value)
    if auth_type is None:
        auth_type = "apikey" if has_apikey and not has_basic else "basic"
    elif auth_type not in ("basic", "apikey"):
        failures.append(Failure("auth.type", "must be 'basic' or 'apikey'"))
        return dict(value)
    if has_basic and has_apikey:
        failures.append(
            Failure(
                "auth", "set either basic auth (username, password) or API-key auth (header, value), not both"
            )
        )
        return dict(value)
    if auth_type == "basic":
        username, password = value.get("username"), value.get("password")
        _check_text("auth.username", username, MAX_NAME_LENGTH, failures)
        _check_text("auth.password", password, MAX_SECRET_LENGTH, failures)
        return {"type": "basic", "username": username, "password": password}
    header, secret_value = value.get("header"), value.get("value")
    header_ok = _check_text("auth.header", header, MAX_NAME_LENGTH, failures)
    if header_ok and isinstance(header, str) and not _HEADER_NAME.fullmatch(header):
        failures.append(
            Failure("auth.header", "must be a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~)")
        )
    _check_text("auth.value", secret_value, MAX_SECRET_LENGTH, failures)
    return {"type": "apikey", "header": header, "value": secret_value}


def _check_text(path: str, value: Any, max_length: int, failures: list[Failure]) -> bool:
    """Required, non-empty, single-line text. No message quotes the value: it may be a secret."""
    if is_unknown(value):
        return True
    if value is None:
        failures.append(Failure(path, "is required"))
        return False
    if not _check_type(path, value, str, failures):
        return False
    if not value.strip():
        failures.append(Failure(path, "must not be empty"))
    elif len(value) > max_length:
        failures.append(Failure(path, f"must be at most {max_length} characters"))
    elif any(c in value for c in "\r\n\0"):
        failures.append(Failure(path, "must not contain line breaks or NUL characters"))
    else:
        return True
    return False


def parse_desired(props: Mapping[str, Any]) -> DesiredSettings:
    """Typed settings from checked, fully known inputs (as create and update receive them)."""
    return DesiredSettings(
        start=_parse_webhook(props.get("start")),
        submission=_parse_webhook(props.get("submission")),
        auth=_parse_auth(props.get("auth")),
        update_all=bool(props.get("update_all")),
    )


def _parse_webhook(value: Mapping[str, Any] | None) -> Webhook | None:
    if value is None:
        return None
    enabled = value.get("enabled")
    return Webhook(url=value.get("url"), enabled=True if enabled is None else bool(enabled))


def _parse_auth(value: Mapping[str, Any] | None) -> Auth | None:
    if value is None:
        return None
    if value.get("type") == "apikey":
        return ApiKeyAuth(header=str(value["header"]), value=str(value["value"]))
    return BasicAuth(username=str(value["username"]), password=str(value["password"]))
