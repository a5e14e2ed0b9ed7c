"""The outputs a webhook-settings resource reports, and the inputs a refresh hands back to Pulumi.

Outputs cover the parts the program manages, with live values from the API's answer. Secrets keep the
key they have in the inputs (`auth.password`, `auth.value`), which is how the engine knows to keep them
encrypted. They cannot be read back, so they are carried from the program or the state while the API
reports one stored, and become null when it reports none (so the next `up` sets them again).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._model import WEBHOOKS, LiveAuth, LiveSettings

__all__ = ["inputs_from_outputs", "outputs_from_live"]


def outputs_from_live(managed: Mapping[str, Any], live: LiveSettings) -> dict[str, Any]:
    """Outputs for the parts present in `managed` (inputs, or the previous outputs) from live settings."""
    outs: dict[str, Any] = {"update_all": bool(managed.get("update_all"))}
    for name in WEBHOOKS:
        hook = live.webhook(name)
        outs[name] = None if managed.get(name) is None else {"url": hook.url, "enabled": hook.enabled}
    auth = managed.get("auth")
    outs["auth"] = None if auth is None else _auth_outputs(auth, live.auth)
    return outs


def _auth_outputs(want: Mapping[str, Any], live: LiveAuth) -> dict[str, Any]:
    if live.type == "apikey":
        value = want.get("value") if want.get("type") == "apikey" and live.has_value is not False else None
        return {"type": "apikey", "header": live.header, "value": value, "has_value": live.has_value}
    password = want.get("password") if want.get("type") == "basic" and live.has_password else None
    return {
        "type": live.type,
        "username": live.username,
        "password": password,
        "has_password": live.has_password,
    }


def inputs_from_outputs(outs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs that describe `outs`: after a refresh, the next diff compares the program with these."""
    inputs: dict[str, Any] = {name: outs.get(name) for name in (*WEBHOOKS, "update_all")}
    auth = outs.get("auth")
    inputs["auth"] = None if auth is None else {k: v for k, v in auth.items() if not k.startswith("has_")}
    return inputs
