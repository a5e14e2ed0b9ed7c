"""Deciding whether webhook settings need an update: desired inputs against state and live settings.

Pure functions over plain values, so every rule is a unit test. The diff walks the field declarations
(`fields`); the rules (README, "Drift"):
- a managed field (a webhook's URL or enabled flag, the auth type, user name or header) that differs from
  the live settings or from the last applied outputs is a change; auth fields of the other auth type are
  not compared;
- a secret (password, API-key value) is compared with the one in state, since the API never returns it;
  its output-only flag (`Field.reported_by`: `hasPassword`) reporting none stored while one is desired is
  drift (the only signal the API gives); a changed `auth.secret_version` (`Field.resends`) sends it again
  (for a change made in the Xobin UI, which the API cannot show);
- parts the program leaves out are not compared;
- `update_all` turning on is a change (the settings get pushed to every interview); turning off is not:
  the one rule written here by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .fields import Field, ObjectType, ResourceType
from .model import LiveSettings
from .outputs import reported
from .unknown import is_unknown

__all__ = ["Change", "describe", "diff_settings", "drift_report"]

Bag = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    """One reason to update. `drift` is True when the live settings moved away from the program."""

    path: str
    reason: str
    drift: bool = False


def diff_settings(resource: ResourceType, desired: Bag, old: Bag, live: LiveSettings | None) -> list[Change]:
    """Every difference that needs an update, from checked inputs, the old outputs and the live settings.

    Without `live` (the server cannot be read) the old outputs stand in for it, and drift cannot be seen.
    """
    now = old if live is None else reported(live)
    changes: list[Change] = []
    for field in resource.inputs():
        want = desired.get(field.name)
        if field.name == "update_all":
            _diff_update_all(changes, want, old.get(field.name) is True)
        elif isinstance(field.type, ObjectType) and want is not None:
            if is_unknown(want):
                changes.append(Change(field.name, "known after apply"))
                continue
            _diff_object(changes, field, want, old.get(field.name) or {}, now.get(field.name) or {})
    return changes


def _diff_update_all(changes: list[Change], want: Any, was_on: bool) -> None:
    if is_unknown(want) and not was_on:
        changes.append(Change("update_all", "known after apply"))
    elif want is True and not was_on:
        changes.append(Change("update_all", "turned on: the settings will be copied onto every AI interview"))


def _diff_object(changes: list[Change], field: Field, want: Bag, had: Bag, now: Bag) -> None:
    type_ = field.type
    assert isinstance(type_, ObjectType)
    variant = type_.variant_of(want)
    for f in type_.variant_fields(variant):
        path, value, was = f"{field.name}.{f.name}", want.get(f.name), had.get(f.name)
        if f.resends:
            _compare_resend(changes, path, value, was, _noun(type_, variant))
        elif f.reported_by is not None:
            _compare_secret(changes, path, value, was, now.get(f.reported_by))
        elif value is not None or f.name == type_.variant_by:
            # A webhook without a URL (allowed while disabled) leaves the stored URL alone: the API keeps it.
            _compare(changes, path, value, was, now.get(f.name))


def _compare(changes: list[Change], path: str, want: Any, had: Any, live: Any) -> None:
    if is_unknown(want):
        changes.append(Change(path, "known after apply"))
    elif want != live and want == had:
        changes.append(Change(path, f"changed outside Pulumi: live {live!r}, program {want!r}", drift=True))
    elif want != had:
        changes.append(Change(path, f"changed in the program: {had!r} => {want!r}"))


def _compare_secret(changes: list[Change], path: str, want: Any, had: Any, live_has: Any) -> None:
    # Messages name the field and never the value.
    if is_unknown(want):
        changes.append(Change(path, "known after apply"))
    elif want != had:
        changes.append(Change(path, "changed in the program"))
    elif live_has is False:
        changes.append(
            Change(path, "not set in Xobin (the API reports none stored): will be set again", drift=True)
        )


def _compare_resend(changes: list[Change], path: str, want: Any, had: Any, noun: str) -> None:
    if is_unknown(want):
        changes.append(Change(path, "known after apply"))
    elif want != had:
        changes.append(Change(path, f"changed in the program: the {noun} will be sent again"))


def _noun(type_: ObjectType, variant: str | None) -> str:
    """What messages call the secret of `variant` (of the last variant, when it is not known)."""
    secrets = [f for f in type_.fields if f.reported_by is not None]
    secret = next((f for f in secrets if f.variant == variant), secrets[-1])
    return secret.noun or secret.name


def describe(changes: list[Change], spell: Callable[[str], str] = str) -> str:
    """One line per drifted field, its path spelled by `spell`, for the message shown during preview."""
    return "\n".join(f"  {spell(c.path)}: {c.reason}" for c in changes if c.drift)


def drift_report(resource_id: str, changes: list[Change], spell: Callable[[str], str] = str) -> str | None:
    """The warning a preview shows when the live settings moved away from the program, or None."""
    lines = describe(changes, spell)
    if not lines:
        return None
    return f"Xobin webhook settings ({resource_id}) drifted from the program:\n{lines}"
