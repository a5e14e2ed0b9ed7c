"""The outputs a webhook-settings resource reports, and the inputs a refresh or an import hands back.

Outputs cover the parts the program manages, with live values from the API's answer. Secrets keep the
key they have in the inputs (`auth.password`, `auth.value`), which is how the engine knows to keep them
encrypted. They cannot be read back, so they are carried from the program or the state while the API
reports one stored, and become null when it reports none (so the next `up` sets them again).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fields import AUTH, AUTH_STATUS, WEBHOOKS, ResourceType, WebhookName
from .model import LiveAuth, LiveSettings, Webhook
from .unknown import UNKNOWN, is_unknown

__all__ = [
    "imported",
    "inputs_from_outputs",
    "live_from_outputs",
    "outputs_from_desired",
    "outputs_from_live",
    "preview_outputs",
]

_OUTPUT_ONLY = tuple(f.name for f in AUTH_STATUS.fields if f.output_only)


def outputs_from_live(
    resource: ResourceType, managed: Mapping[str, Any], live: LiveSettings
) -> dict[str, Any]:
    """Outputs for the parts present in `managed` (inputs, or the previous outputs) from live settings."""
    hooks: dict[str, Webhook] = {name: hook for name, hook in live.webhooks.items()}
    outs: dict[str, Any] = {}
    for field in resource.fields:
        want = managed.get(field.name)
        if field.name in hooks:
            hook = hooks[field.name]
            outs[field.name] = None if want is None else {"url": hook.url, "enabled": hook.enabled}
        elif field.type is AUTH:
            outs[field.name] = None if want is None else _auth_outputs(want, live.auth)
        else:
            outs[field.name] = field.default if want is None else want
    return outs


def _auth_outputs(want: Mapping[str, Any], live: LiveAuth) -> dict[str, Any]:
    version = want.get("secret_version")
    if live.type == "apikey":
        value = want.get("value") if want.get("type") == "apikey" and live.has_value is not False else None
        return {
            "type": "apikey",
            "header": live.header,
            "value": value,
            "secret_version": version,
            "has_value": live.has_value,
        }
    password = want.get("password") if want.get("type") == "basic" and live.has_password else None
    return {
        "type": live.type,
        "username": live.username,
        "password": password,
        "secret_version": version,
        "has_password": live.has_password,
    }


def inputs_from_outputs(resource: ResourceType, outs: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs that describe `outs`: after a refresh, the next diff compares the program with these."""
    inputs = {f.name: outs.get(f.name) for f in resource.inputs()}
    auth = inputs.get("auth")
    if auth is not None:
        inputs["auth"] = {k: v for k, v in auth.items() if k not in _OUTPUT_ONLY}
    return inputs


def imported(resource: ResourceType, id_: str, live: LiveSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    """Outputs and inputs that adopt the live settings, for `pulumi import`.

    Everything live becomes managed, but auth: its password or API-key value cannot be read, so the
    inputs leave auth out (a program that sets it shows only the secret as a change), while the outputs
    record what Xobin reports of it.
    """
    everything: dict[str, Any] = {name: {} for name in (*WEBHOOKS, "auth")}
    if resource.id_field is not None:
        everything[resource.id_field] = id_
    outs = outputs_from_live(resource, everything, live)
    if live.auth.type is None:
        outs["auth"] = None
    inputs = inputs_from_outputs(resource, outs)
    inputs["auth"] = None
    return outs, inputs


def outputs_from_desired(resource: ResourceType, props: Mapping[str, Any]) -> dict[str, Any]:
    """Outputs when the server's answer does not say what it stored: what was sent was stored."""
    return outputs_from_live(resource, props, _as_sent(props))


def preview_outputs(resource: ResourceType, props: Mapping[str, Any]) -> dict[str, Any]:
    """The outputs an apply is expected to report, during a preview: a part not known yet (or auth of a
    kind not known yet) stays unknown, and whether Xobin then reports a secret stored is known only
    after apply."""
    unknown = {name for name, value in props.items() if _not_known_yet(value)}
    known = {name: None if name in unknown else value for name, value in props.items()}
    outs = outputs_from_live(resource, known, _as_sent(known))
    auth = outs.get("auth")
    if auth is not None:
        outs["auth"] = {k: UNKNOWN if k in _OUTPUT_ONLY else v for k, v in auth.items()}
    return {name: UNKNOWN if name in unknown else value for name, value in outs.items()}


def _not_known_yet(value: Any) -> bool:
    return is_unknown(value) or (isinstance(value, Mapping) and is_unknown(value.get("type")))


def _as_sent(props: Mapping[str, Any]) -> LiveSettings:
    auth = props.get("auth")
    live_auth = LiveAuth()
    if auth is not None and auth.get("type") == "apikey":
        live_auth = LiveAuth(type="apikey", header=auth.get("header"), has_value=True)
    elif auth is not None:
        live_auth = LiveAuth(type="basic", username=auth.get("username"), has_password=True)
    return LiveSettings(_sent(props), live_auth)


def _sent(props: Mapping[str, Any]) -> dict[WebhookName, Webhook]:
    """Every webhook as `props` has it (inputs, or outputs last applied): disabled and empty where not."""
    hooks = {name: props.get(name) or {} for name in WEBHOOKS}
    return {
        name: Webhook(url=hook.get("url"), enabled=bool(hook.get("enabled"))) for name, hook in hooks.items()
    }


def live_from_outputs(outs: Mapping[str, Any]) -> LiveSettings:
    """The live settings as last applied, for a server that cannot be read: drift cannot be seen then."""
    auth = outs.get("auth") or {}
    return LiveSettings(
        _sent(outs),
        LiveAuth(
            type=auth.get("type"),
            username=auth.get("username"),
            has_password=bool(auth.get("has_password")),
            header=auth.get("header"),
            has_value=auth.get("has_value"),
        ),
    )
