"""The outputs a webhook-settings resource reports, and the inputs a refresh hands back to Pulumi.

Outputs cover the parts the program manages, with live values from the API's answer. Secrets keep the
key they have in the inputs (`auth.password`, `auth.value`), which is how the engine knows to keep them
encrypted. They cannot be read back, so they are carried from the program or the state while the API
reports one stored, and become null when it reports none (so the next `up` sets them again).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._model import WEBHOOKS, LiveAuth, LiveSettings, Webhook

__all__ = ["inputs_from_outputs", "live_from_outputs", "outputs_from_desired", "outputs_from_live"]


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


def outputs_from_desired(props: Mapping[str, Any]) -> dict[str, Any]:
    """Outputs when the server's answer does not say what it stored: what was sent was stored."""
    auth = props.get("auth")
    live_auth = LiveAuth()
    if auth is not None and auth.get("type") == "apikey":
        live_auth = LiveAuth(type="apikey", header=auth.get("header"), has_value=True)
    elif auth is not None:
        live_auth = LiveAuth(type="basic", username=auth.get("username"), has_password=True)
    return outputs_from_live(
        props, LiveSettings(_sent(props, "start"), _sent(props, "submission"), live_auth)
    )


def _sent(props: Mapping[str, Any], name: str) -> Webhook:
    hook = props.get(name) or {}
    return Webhook(url=hook.get("url"), enabled=bool(hook.get("enabled")))


def live_from_outputs(outs: Mapping[str, Any]) -> LiveSettings:
    """The live settings as last applied, for a server that cannot be read: drift cannot be seen then."""
    auth = outs.get("auth") or {}
    return LiveSettings(
        start=_sent(outs, "start"),
        submission=_sent(outs, "submission"),
        auth=LiveAuth(
            type=auth.get("type"),
            username=auth.get("username"),
            has_password=bool(auth.get("has_password")),
            header=auth.get("header"),
            has_value=auth.get("has_value"),
        ),
    )
