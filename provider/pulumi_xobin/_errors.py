"""Errors raised by pulumi-xobin.

    XobinError                  anything this package raises on purpose
    ├── ConfigurationError      the provider's own settings are missing or malformed (API key, base URL)
    ├── TransportError          Xobin could not be reached, or answered too slowly, after the retries
    ├── ApiError                Xobin answered with a status that is not a success
    └── UnexpectedResponseError Xobin answered 2xx with a body that is not what the docs describe

Every message is redacted before it is stored: no API key, webhook password or API-key value survives
into an exception, even when the server echoes one back.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "ApiError",
    "ConfigurationError",
    "TransportError",
    "UnexpectedResponseError",
    "XobinError",
    "redact",
]

REDACTED = "[secret]"


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """Return `text` with every occurrence of each non-empty secret replaced by `[secret]`.

    Escaped spellings count too (`\\n` for a line break, `\\xe9` for a byte): lower layers quote
    values they reject that way.
    """
    forms = {form for s in secrets if s for form in (s, _escaped(s), repr(s.encode())[2:-1]) if form}
    # Longest first, so a secret that contains another is replaced whole.
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form, REDACTED)
    return text


def _escaped(secret: str) -> str:
    return secret.encode("unicode_escape").decode("ascii")


class XobinError(Exception):
    """Base class of the errors this package raises."""


class ConfigurationError(XobinError):
    """The provider's connection settings (API key, base URL, timeouts) are missing or invalid."""


class TransportError(XobinError):
    """The request did not get an answer: connection refused or dropped, or a timeout, after retries."""

    def __init__(self, message: str, *, method: str, path: str, attempts: int) -> None:
        super().__init__(message)
        self.method = method
        self.path = path
        self.attempts = attempts


class ApiError(XobinError):
    """Xobin answered with a non-success status; carries the server's own words, redacted."""

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        status: int,
        server_message: str | None,
        attempts: int,
    ) -> None:
        super().__init__(message)
        self.method = method
        self.path = path
        self.status = status
        self.server_message = server_message
        self.attempts = attempts


class UnexpectedResponseError(XobinError):
    """A success status whose body is not JSON, or not the JSON shape the API documents."""

    def __init__(self, message: str, *, method: str, path: str, status: int) -> None:
        super().__init__(message)
        self.method = method
        self.path = path
        self.status = status
