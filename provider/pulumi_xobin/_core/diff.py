"""Deciding whether webhook settings need an update: desired inputs against state and live settings.

Pure functions over plain values, so every rule is a unit test. The rules (README, "Drift"):
- a managed webhook's URL or enabled flag, or the auth type, user name or header, that differs from the
  live settings or from the last applied outputs is a change;
- a password (or API-key value) is compared with the one in state, since the API never returns it; a
  live `hasPassword: false` while one is desired is drift (the only signal the API gives); a changed
  `auth.secret_version` sends it again (for a change made in the Xobin UI, which the API cannot show);
- parts the program leaves out are not compared;
- `update_all` turning on is a change (the settings get pushed to every interview); turning off is not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .fields import WEBHOOKS
from .model import LiveSettings
from .unknown import is_unknown

__all__ = ["Change", "describe", "diff_settings", "drift_report"]


@dataclass(frozen=True)
class Change:
    """One reason to update. `drift` is True when the live settings moved away from the program."""

    path: str
    reason: str
    drift: bool = False


def diff_settings(desired: Mapping[str, Any], old: Mapping[str, Any], live: LiveSettings) -> list[Change]:
    """Every difference that needs an update, from checked inputs, the old outputs and the live settings."""
    changes: list[Change] = []
    for name in WEBHOOKS:
        hook = desired.get(name)
        if hook is None:
            continue
        if is_unknown(hook):
            changes.append(Change(name, "known after apply"))
            continue
        old_hook = old.get(name) or {}
        live_hook = live.webhook(name)
        # A webhook without a URL (allowed while disabled) leaves the stored URL alone: the API keeps it.
        if hook.get("url") is not None:
            _compare(changes, f"{name}.url", hook["url"], old_hook.get("url"), live_hook.url)
        _compare(changes, f"{name}.enabled", hook.get("enabled"), old_hook.get("enabled"), live_hook.enabled)
    _diff_auth(changes, desired.get("auth"), old.get("auth") or {}, live)
    update_all, was_on = desired.get("update_all"), old.get("update_all") is True
    if is_unknown(update_all) and not was_on:
        changes.append(Change("update_all", "known after apply"))
    elif update_all is True and not was_on:
        changes.append(Change("update_all", "turned on: the settings will be copied onto every AI interview"))
    return changes


def _compare(changes: list[Change], path: str, want: Any, had: Any, live: Any) -> None:
    if is_unknown(want):
        changes.append(Change(path, "known after apply"))
    elif want != live and want == had:
        changes.append(Change(path, f"changed outside Pulumi: live {live!r}, program {want!r}", drift=True))
    elif want != had:
        changes.append(Change(path, f"changed in the program: {had!r} => {want!r}"))


def _diff_auth(changes: list[Change], want: Any, had: Mapping[str, Any], live: LiveSettings) -> None:
    if want is None:
        return
    if is_unknown(want):
        changes.append(Change("auth", "known after apply"))
        return
    auth_type = want.get("type")
    _compare(changes, "auth.type", auth_type, had.get("type"), live.auth.type)
    if auth_type == "basic":
        _compare(changes, "auth.username", want.get("username"), had.get("username"), live.auth.username)
        _compare_secret(
            changes, "auth.password", want.get("password"), had.get("password"), live.auth.has_password
        )
    elif auth_type == "apikey":
        _compare(changes, "auth.header", want.get("header"), had.get("header"), live.auth.header)
        _compare_secret(changes, "auth.value", want.get("value"), had.get("value"), live.auth.has_value)
    version, had_version = want.get("secret_version"), had.get("secret_version")
    if is_unknown(version):
        changes.append(Change("auth.secret_version", "known after apply"))
    elif version != had_version:
        secret = "password" if auth_type == "basic" else "API-key value"
        changes.append(
            Change("auth.secret_version", f"changed in the program: the {secret} will be sent again")
        )


def _compare_secret(changes: list[Change], path: str, want: Any, had: Any, live_has: bool | None) -> None:
    # Messages name the field and never the value.
    if is_unknown(want):
        changes.append(Change(path, "known after apply"))
    elif want != had:
        changes.append(Change(path, "changed in the program"))
    elif live_has is False:
        changes.append(
            Change(path, "not set in Xobin (the API reports none stored): will be set again", drift=True)
        )


def describe(changes: list[Change], spell: Callable[[str], str] = str) -> str:
    """One line per drifted field, its path spelled by `spell`, for the message shown during preview."""
    return "\n".join(f"  {spell(c.path)}: {c.reason}" for c in changes if c.drift)


def drift_report(resource_id: str, changes: list[Change], spell: Callable[[str], str] = str) -> str | None:
    """The warning a preview shows when the live settings moved away from the program, or None."""
    lines = describe(changes, spell)
    if not lines:
        return None
    return f"Xobin webhook settings ({resource_id}) drifted from the program:\n{lines}"
