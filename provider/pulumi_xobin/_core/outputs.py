"""The outputs a webhook-settings resource reports, and the inputs a refresh or an import hands back.

Outputs cover the parts the program manages, and walk the field declarations (`fields`). After a write
the server did not answer with what it stored, and during a preview, they are the checked inputs plus
what the server adds (each secret reported stored). From live settings, each field Xobin reports takes
its live value. Secrets keep the key they have in the inputs (`auth.password`, `auth.value`), which is
how the engine knows to keep them encrypted. They cannot be read back, so they are carried from the
program or the state while the API reports one stored (`Field.reported_by`), and become null when it
reports none (so the next `up` sets them again).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from .fields import Field, ObjectType, ResourceType
from .model import LiveSettings
from .unknown import UNKNOWN, is_unknown

__all__ = [
    "imported",
    "inputs_from_outputs",
    "outputs_from_desired",
    "outputs_from_live",
    "preview_outputs",
    "reported",
]

Bag = dict[str, Any]


def reported(live: LiveSettings) -> Bag:
    """What Xobin reports, keyed as the outputs are: each webhook, and auth without any secret."""
    return {**{name: asdict(hook) for name, hook in live.webhooks.items()}, "auth": asdict(live.auth)}


def outputs_from_live(resource: ResourceType, managed: Mapping[str, Any], live: LiveSettings) -> Bag:
    """Outputs for the parts present in `managed` (inputs, or the previous outputs) from live settings."""
    now = reported(live)
    return {f.name: _from_live(f, managed.get(f.name), now.get(f.name) or {}) for f in resource.fields}


def _from_live(field: Field, want: Any, now: Mapping[str, Any]) -> Any:
    type_ = field.output_type or field.type
    if want is None:
        return field.default
    if not isinstance(type_, ObjectType):
        return want
    # With no auth stored, the outputs take the first auth type's shape (as every release has).
    variant = type_.variant_of(now) or next((f.variant for f in type_.fields if f.variant), None)
    outs: Bag = {}
    for f in type_.variant_fields(variant):
        if f.reported_by is not None:
            stored = type_.variant_of(want) == variant and now.get(f.reported_by) is not False
            outs[f.name] = want.get(f.name) if stored else None
        else:
            outs[f.name] = now[f.name] if f.name in now else want.get(f.name)
    return outs


def outputs_from_desired(resource: ResourceType, props: Mapping[str, Any]) -> Bag:
    """Outputs when the server's answer does not say what it stored: the checked inputs, each secret
    reported stored."""
    return {f.name: _as_stored(f, props.get(f.name)) for f in resource.fields}


def _as_stored(field: Field, value: Any) -> Any:
    type_ = field.output_type or field.type
    if value is None:
        return field.default
    if not isinstance(type_, ObjectType):
        return value
    variant = type_.variant_of(value)
    return {f.name: True if f.output_only else value.get(f.name) for f in type_.variant_fields(variant)}


def preview_outputs(resource: ResourceType, props: Mapping[str, Any]) -> Bag:
    """The outputs an apply is expected to report, during a preview: a part not known yet (or auth of a
    type not known yet) stays unknown, and whether Xobin then reports a secret stored is known only
    after apply."""
    unknown = {f.name for f in resource.fields if _not_known_yet(f, props.get(f.name))}
    outs = outputs_from_desired(resource, {k: v for k, v in props.items() if k not in unknown})
    for f in resource.fields:
        value = outs[f.name]
        if f.name in unknown:
            outs[f.name] = UNKNOWN
        elif f.output_type is not None and value is not None:
            output_only = {o.name for o in f.output_type.fields if o.output_only}
            outs[f.name] = {k: UNKNOWN if k in output_only else v for k, v in value.items()}
    return outs


def _not_known_yet(field: Field, value: Any) -> bool:
    type_ = field.output_type or field.type
    return is_unknown(value) or (
        isinstance(type_, ObjectType) and isinstance(value, Mapping) and is_unknown(type_.variant_of(value))
    )


def inputs_from_outputs(resource: ResourceType, outs: Mapping[str, Any]) -> Bag:
    """The inputs that describe `outs`: after a refresh, the next diff compares the program with these."""
    inputs = {f.name: outs.get(f.name) for f in resource.inputs()}
    for f in resource.inputs():
        value = inputs[f.name]
        if f.output_type is not None and value is not None:
            output_only = {o.name for o in f.output_type.fields if o.output_only}
            inputs[f.name] = {k: v for k, v in value.items() if k not in output_only}
    return inputs


def imported(resource: ResourceType, id_: str, live: LiveSettings) -> tuple[Bag, Bag]:
    """Outputs and inputs that adopt the live settings, for `pulumi import`.

    Everything live becomes managed, but auth: its password or API-key value cannot be read, so the
    inputs leave auth out (a program that sets it shows only the secret as a change), while the outputs
    record what Xobin reports of it (nothing, when it reports no auth type).
    """
    everything: Bag = {f.name: {} for f in resource.fields if isinstance(f.type, ObjectType)}
    if resource.id_field is not None:
        everything[resource.id_field] = id_
    outs = outputs_from_live(resource, everything, live)
    reported_objects = [f for f in resource.fields if f.output_type is not None]
    for f in reported_objects:
        if f.output_type is not None and f.output_type.variant_of(outs[f.name]) is None:
            outs[f.name] = None
    inputs = inputs_from_outputs(resource, outs)
    inputs.update({f.name: None for f in reported_objects})
    return outs, inputs
