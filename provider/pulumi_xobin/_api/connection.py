"""Where the provider finds its connection settings: stack config first, then the environment.

The keys, environment variables and defaults are declared once, in `_core.fields.PROVIDER_CONFIG`.
Resolved in the provider process at run time, never at import and never pickled into state.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .._core.errors import ConfigurationError
from .._core.fields import PROVIDER_CONFIG, Field

__all__ = ["API_KEY", "DEFAULT_BASE_URL", "ConnectionSettings"]

_SETTINGS = {f.name: f for f in PROVIDER_CONFIG}
API_KEY, BASE_URL, TIMEOUT, MAX_RETRIES = (
    _SETTINGS[name] for name in ("api_key", "base_url", "timeout_seconds", "max_retries")
)
DEFAULT_BASE_URL = str(BASE_URL.default)
DEFAULT_TIMEOUT_SECONDS = float(TIMEOUT.default or 0)
DEFAULT_MAX_RETRIES = int(MAX_RETRIES.default or 0)


@dataclass(frozen=True)
class ConnectionSettings:
    base_url: str
    api_key: str = field(repr=False)
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    max_retries: int = DEFAULT_MAX_RETRIES

    @classmethod
    def resolve(
        cls, config: Callable[[str], Any], environ: Mapping[str, str] = os.environ
    ) -> ConnectionSettings:
        """Read the settings from `config` (a getter of `xobin:` stack-config keys), then `environ`; raise
        on bad values."""

        def lookup(setting: Field) -> str | None:
            value = config(setting.config_key)
            if value is None or value == "":
                value = environ.get(str(setting.env)) or None
            return None if value is None else str(value)

        api_key = lookup(API_KEY)
        if not api_key:
            raise ConfigurationError(
                f"no Xobin API key: set it with `pulumi config set --secret {API_KEY.config_key} <key>` "
                f"or the {API_KEY.env} environment variable"
            )
        if not _sendable(api_key):
            raise ConfigurationError(
                f"{API_KEY.config_key} (or {API_KEY.env}) must be printable ASCII without spaces or line "
                "breaks; check for a stray newline when it was pasted"
            )
        base_url = (lookup(BASE_URL) or DEFAULT_BASE_URL).rstrip("/")
        try:
            parts = urlsplit(base_url)
            host = parts.hostname
            parts.port  # noqa: B018 -- raises ValueError on a malformed or out-of-range port
        except ValueError:
            host = None
        if host is None or parts.scheme not in ("http", "https") or not _sendable(base_url):
            raise ConfigurationError(
                f"{BASE_URL.config_key} must be an absolute http or https URL such as {DEFAULT_BASE_URL}, "
                f"got {base_url!r}"
            )
        return cls(
            base_url=base_url,
            api_key=api_key,
            timeout_seconds=_number(lookup(TIMEOUT), TIMEOUT.config_key, DEFAULT_TIMEOUT_SECONDS, float),
            max_retries=int(_number(lookup(MAX_RETRIES), MAX_RETRIES.config_key, DEFAULT_MAX_RETRIES, int)),
        )


def _sendable(value: str) -> bool:
    """Whether `value` can travel in a request line or header as it is."""
    return value.isascii() and value.isprintable() and " " not in value


def _number(raw: str | None, key: str, default: float, number_type: type[float] | type[int]) -> float:
    if raw is None:
        return default
    noun, least = (
        ("a number of seconds", "greater than zero")
        if number_type is float
        else ("a whole number", "zero or more")
    )
    try:
        value = number_type(raw)
    except ValueError:
        raise ConfigurationError(f"{key} must be {noun}, got {raw!r}") from None
    if not math.isfinite(value) or value < 0 or (number_type is float and value == 0):
        raise ConfigurationError(f"{key} must be {noun} {least}, got {raw!r}")
    return value
