"""Every property of the package, declared once.

Each `Field` says, side by side, what the property is, its type, whether it is secret, its default, its
allowed values, and what leaving it out means. From these declarations follow:
- checking (`check`): types, allowed values, unknown names, required values and the per-field rule;
- the diff (`diff`) and the outputs (`outputs`), which walk the fields: of an auth type (`variant`), a
  secret and the flag through which Xobin reports it stored (`reported_by`), a field whose change sends
  the secret again (`resends`);
- secret marking and redaction in both faces (`secret_paths`);
- the Pulumi package schema the native plugin serves (`_plugin.schema`), and so every generated SDK;
- the README's reference tables (`scripts/reference.py`);
- the provider configuration (`_api.connection`): config key, environment variable and default.

Names are declared in Python spelling (`update_all`); the schema spelling is its camelCase form
(`updateAll`), derived by `schema_name`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from . import rules as _rules

__all__ = [
    "AUTH",
    "AUTH_STATUS",
    "INTERVIEW_WEBHOOK_SETTINGS",
    "PROVIDER_CONFIG",
    "RESOURCES",
    "WEBHOOK",
    "WEBHOOKS",
    "WEBHOOK_SETTINGS",
    "Field",
    "ObjectType",
    "ResourceType",
    "WebhookName",
    "schema_name",
    "schema_path",
    "secret_paths",
    "value_at",
]

Scalar = Literal["string", "boolean", "integer", "number"]
Rule = Callable[[str], "str | None"]
ObjectRule = Callable[[dict[str, Any], Mapping[str, Any]], "tuple[Any, list[_rules.Problem]]"]


def schema_name(name: str) -> str:
    """`update_all` -> `updateAll`: the spelling of the schema, YAML and TypeScript."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def schema_path(path: str) -> str:
    """`auth.secret_version` -> `auth.secretVersion`."""
    return ".".join(schema_name(part) for part in path.split("."))


def value_at(bag: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path (`auth.password`) of a property bag, or None where any part is missing."""
    value: Any = bag
    for key in path.split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


class _HasFields:
    """What an object type and a resource type share: their fields, some of them inputs."""

    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def inputs(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.output_only)


@dataclass(frozen=True)
class ObjectType(_HasFields):
    """A nested object type: `xobin:index:<name>` in the schema. `rule` ties its fields together."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    rule: ObjectRule | None = None
    # The field whose value says which variant the object is (auth: `type`), for fields of one variant.
    variant_by: str | None = None

    def variant_of(self, value: Mapping[str, Any]) -> str | None:
        return None if self.variant_by is None else value.get(self.variant_by)

    def variant_fields(self, variant: str | None) -> tuple[Field, ...]:
        """The fields an object of `variant` has: those of every variant, and its own."""
        return tuple(f for f in self.fields if f.variant in (None, variant))

    def variants(self) -> dict[str, tuple[str, ...]]:
        """Each variant, first declared first, with the names of its own input fields."""
        found: dict[str, tuple[str, ...]] = {}
        for f in self.inputs():
            if f.variant is not None:
                found[f.variant] = (*found.get(f.variant, ()), f.name)
        return found


@dataclass(frozen=True)
class Field:
    """One property. `default` applies when it is left out; None means "not managed" or "none"."""

    name: str
    type: Scalar | ObjectType
    doc: str
    # What leaving the property out means, in words: the README's and the Registry pages' reference tables.
    left_out_doc: str = ""
    secret: bool = False
    default: bool | int | float | str | None = None
    choices: tuple[str, ...] = ()
    required: bool = False
    # A change replaces the resource instead of updating it.
    replaces: bool = False
    output_only: bool = False
    # Any further rule for a well-typed, known value: why it cannot be used, or None.
    rule: Rule | None = None
    # Provider configuration only: the environment variable read when the config key is not set.
    env: str | None = None
    # The output's type when it differs from the input's (an object with output-only fields).
    output_type: ObjectType | None = None
    # Only in objects of this variant (the value of the object's `variant_by` field); required there.
    variant: str | None = None
    # A secret the API never returns: the output-only field through which it reports one stored.
    reported_by: str | None = None
    # What messages call the value, where its name is not enough (`API-key value`).
    noun: str = ""
    # A change sends the object's secret again, though the secret itself did not change.
    resends: bool = False

    @property
    def schema_name(self) -> str:
        return schema_name(self.name)

    @property
    def config_key(self) -> str:
        return f"xobin:{self.schema_name}"


@dataclass(frozen=True)
class ResourceType(_HasFields):
    """A resource: `xobin:index:<name>` in the schema, `<name>` in Python."""

    name: str
    doc: str
    id_doc: str
    fields: tuple[Field, ...]
    # The ID: the value of this input, or else this fixed string.
    id_field: str | None = None
    fixed_id: str | None = None

    def id_for(self, inputs: Mapping[str, Any]) -> str:
        if self.id_field is not None:
            return str(inputs[self.id_field])
        assert self.fixed_id is not None
        return self.fixed_id

    @property
    def token(self) -> str:
        return f"xobin:index:{self.name}"


WEBHOOK = ObjectType(
    "Webhook",
    "One webhook: where Xobin sends the event, and whether it does.",
    (
        Field(
            "url",
            "string",
            "Where Xobin sends the event: an absolute `https` URL (`http` only for loopback hosts), "
            "with no credentials in it.",
            left_out_doc="needed while the webhook is enabled; left out of a disabled webhook, the stored "
            "URL is kept",
            rule=_rules.url_problem,
        ),
        Field("enabled", "boolean", "Whether Xobin sends the event.", left_out_doc="`true`", default=True),
    ),
    rule=_rules.webhook_as_used,
)

_RESEND_DOC = (
    "Any string you choose. Changing it sends the password (or API-key value) again, even though the "
    "program's value did not change: use it when the secret was changed in the Xobin UI, which the API "
    "cannot show (it only reports whether one is stored)."
)

AUTH: ObjectType = ObjectType(
    "WebhookAuth",
    "How Xobin authenticates to your webhooks: HTTP basic auth, or an API-key header.",
    (
        Field(
            "type",
            "string",
            "`basic` or `apikey`.",
            left_out_doc="inferred from the fields that are set",
            choices=("basic", "apikey"),
        ),
        Field(
            "username",
            "string",
            "Basic auth: the user name.",
            left_out_doc="required for basic auth",
            rule=_rules.name_problem,
            variant="basic",
        ),
        Field(
            "password",
            "string",
            "Basic auth: the password. Always a secret; the API never returns it.",
            left_out_doc="required for basic auth",
            secret=True,
            rule=_rules.secret_problem,
            variant="basic",
            reported_by="has_password",
            noun="password",
        ),
        Field(
            "header",
            "string",
            "API-key auth: the name of the HTTP header Xobin sends.",
            left_out_doc="required for API-key auth",
            rule=_rules.header_problem,
            variant="apikey",
        ),
        Field(
            "value",
            "string",
            "API-key auth: the header's value. Always a secret; the API never returns it.",
            left_out_doc="required for API-key auth",
            secret=True,
            rule=_rules.secret_problem,
            variant="apikey",
            reported_by="has_value",
            noun="API-key value",
        ),
        Field(
            "secret_version",
            "string",
            _RESEND_DOC,
            left_out_doc="the secret is sent only when it changes in the program or Xobin reports none "
            "stored",
            rule=_rules.name_problem,
            resends=True,
        ),
    ),
    rule=lambda checked, raw: _rules.auth_as_used(AUTH.variants(), checked, raw),
    variant_by="type",
)

# The auth as the resource reports it: what the program set, and what Xobin says is stored.
AUTH_STATUS = ObjectType(
    "WebhookAuthStatus",
    "The webhook auth as Xobin reports it: the program's fields, and whether a secret is stored.",
    (
        *AUTH.fields,
        Field(
            "has_password",
            "boolean",
            "Basic auth: whether Xobin reports a password stored. The only signal the API gives about it.",
            output_only=True,
            variant="basic",
        ),
        Field(
            "has_value",
            "boolean",
            "API-key auth: whether Xobin reports a value stored; null when the API does not say.",
            output_only=True,
            variant="apikey",
        ),
    ),
    variant_by="type",
)

# The webhooks, by name, and what a candidate does for Xobin to call each: one field per webhook on both
# resources, and one object of the wire format. A third webhook is one more name here (and in the
# emulator, which reads the API docs on its own).
WebhookName = Literal["start", "submission"]
_WEBHOOK_EVENTS: dict[WebhookName, str] = {"start": "starts", "submission": "submits"}
WEBHOOKS: tuple[WebhookName, ...] = tuple(_WEBHOOK_EVENTS)
_WEBHOOK_FIELDS = tuple(
    Field(
        name,
        WEBHOOK,
        f"The webhook Xobin calls when a candidate {event} an AI interview.",
        left_out_doc="not managed: left as it is in Xobin",
    )
    for name, event in _WEBHOOK_EVENTS.items()
)
_AUTH = Field(
    "auth",
    AUTH,
    "How Xobin authenticates to your webhooks.",
    left_out_doc="not managed: left as it is in Xobin",
    output_type=AUTH_STATUS,
)

WEBHOOK_SETTINGS = ResourceType(
    "WebhookSettings",
    "The account-wide AI-interview webhook settings of a Xobin account "
    "(`POST /ai-interviews/settings/webhooks`). There is one set per account: creating this resource "
    "adopts it, and destroying it switches off the webhooks it manages. Every property left out is not "
    "managed, and its live value is left alone.",
    "Always `xobin-ai-interview-webhooks`: the account has one set of settings.",
    (
        *_WEBHOOK_FIELDS,
        _AUTH,
        Field(
            "update_all",
            "boolean",
            "Whether every apply also copies these settings onto every existing AI interview.",
            left_out_doc="`false`",
            default=False,
        ),
    ),
    fixed_id="xobin-ai-interview-webhooks",
)

INTERVIEW_WEBHOOK_SETTINGS = ResourceType(
    "InterviewWebhookSettings",
    "One AI interview's webhook settings, overriding the account-wide ones for that interview "
    "(`PUT /ai-interviews/settings/webhooks/<ai_interview_id>`). Destroying it switches off the webhooks "
    "it manages. Drift is seen only where the server answers GET on the interview's settings.",
    "The interview id.",
    (
        Field(
            "interview_id",
            "string",
            "The AI interview's id; changing it replaces the resource.",
            left_out_doc="required",
            required=True,
            replaces=True,
            rule=_rules.interview_id_problem,
        ),
        *_WEBHOOK_FIELDS,
        _AUTH,
    ),
    id_field="interview_id",
)

RESOURCES = (WEBHOOK_SETTINGS, INTERVIEW_WEBHOOK_SETTINGS)

# The provider's own settings: stack config `xobin:<schema name>`, else the environment variable.
PROVIDER_CONFIG: tuple[Field, ...] = (
    Field(
        "api_key",
        "string",
        "The Xobin account API key, sent as the `apiKey` header. Read at run time, never stored in state "
        "(an explicit provider's own `apiKey` argument excepted: it is recorded encrypted).",
        left_out_doc="required (from config or the environment)",
        secret=True,
        env="XOBIN_API_KEY",
    ),
    Field(
        "base_url",
        "string",
        "The API's base URL (point it at the emulator in tests).",
        left_out_doc="`https://app.xobin.com/api/v2`",
        default="https://app.xobin.com/api/v2",
        env="XOBIN_BASE_URL",
    ),
    Field(
        "timeout_seconds",
        "number",
        "The connect and read timeout of one request, in seconds.",
        left_out_doc="`30`",
        default=30.0,
        env="XOBIN_TIMEOUT_SECONDS",
    ),
    Field(
        "max_retries",
        "integer",
        "Retries after a request's first attempt, where the failure is worth retrying (0 turns them off).",
        left_out_doc="`4`",
        default=4,
        env="XOBIN_MAX_RETRIES",
    ),
)


def _walk(fields: tuple[Field, ...], prefix: str = "") -> Iterator[tuple[str, Field]]:
    for f in fields:
        path = f"{prefix}{f.name}"
        yield path, f
        type_ = f.output_type or f.type
        if isinstance(type_, ObjectType):
            yield from _walk(type_.fields, f"{path}.")


def secret_paths() -> tuple[str, ...]:
    """Dotted Python paths of every secret property of the resources: `auth.password`, `auth.value`."""
    found = dict.fromkeys(path for r in RESOURCES for path, f in _walk(r.fields) if f.secret)
    return tuple(found)
