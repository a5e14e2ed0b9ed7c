"""Errors raised by pulumi-xobin, and the redaction every message gets.

    XobinError                      anything this package raises on purpose
    ├── ConfigurationError          the provider's own settings are missing or malformed (API key, base URL)
    └── RequestError                a request to Xobin failed (`_api.errors`): its method and path
        ├── TransportError          Xobin could not be reached, or answered too slowly, after the retries
        ├── ApiError                Xobin answered with a status that is not a success
        └── UnexpectedResponseError Xobin answered 2xx with a body that is not what the docs describe

Every message is redacted before it is stored: no API key, webhook password or API-key value survives
into an exception, even when the server echoes one back.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["REDACTED", "ConfigurationError", "XobinError", "redact"]

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
