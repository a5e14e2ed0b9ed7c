"""The native provider: Pulumi's resource-provider protocol over the shared operations in `_core.operations`.

Each method turns the engine's values into plain bags (`values`), calls the core (in a worker thread:
the client blocks, and every request of the plugin runs on one event loop), and turns the answer back.
Previews call Create and Update too (`supports_preview`): they answer from the inputs, with no request.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from pulumi.provider.experimental.provider import (
    CheckFailure,
    CheckRequest,
    CheckResponse,
    ConfigureRequest,
    ConfigureResponse,
    CreateRequest,
    CreateResponse,
    DeleteRequest,
    DiffRequest,
    DiffResponse,
    GetSchemaRequest,
    GetSchemaResponse,
    PropertyDiff,
    PropertyDiffKind,
    Provider,
    ReadRequest,
    ReadResponse,
    UpdateRequest,
    UpdateResponse,
)

from .._api.connection import API_KEY, ConnectionSettings
from .._core.diff import Change, drift_report
from .._core.errors import ConfigurationError, XobinError
from .._core.fields import PROVIDER_CONFIG, ResourceType, schema_name, schema_path, value_at
from .._core.operations import (
    INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS,
    WEBHOOK_SETTINGS_OPERATIONS,
    Operations,
    RecentReads,
    SettingsApi,
)
from .._core.secrets import SECRET_PATHS
from .._core.unknown import is_unknown
from .schema import package_schema
from .values import Incoming, outgoing

__all__ = ["XobinProvider"]

_OPERATIONS = {
    ops.resource.token: ops for ops in (WEBHOOK_SETTINGS_OPERATIONS, INTERVIEW_WEBHOOK_SETTINGS_OPERATIONS)
}
_SECRET_PATHS = frozenset(SECRET_PATHS)
_CONFIG_SECRETS = frozenset(f.name for f in PROVIDER_CONFIG if f.secret)
_CONFIG_BY_KEY = {f.config_key: f for f in PROVIDER_CONFIG}

ClientFactory = Callable[[ConnectionSettings], SettingsApi]
# Sends a warning to the engine, attached to the resource with this URN.
Warn = Callable[[str, str], Awaitable[None]]


def _is_default_provider(urn: str) -> bool:
    """Whether `urn` names the provider the engine makes from the stack config, as the engine tells it:
    by its name, `default` or `default_<version>` (names an explicit provider may not take)."""
    name = urn.rsplit("::", 1)[-1]
    return name == "default" or name.startswith("default_")


def _stack_settings(stack_config: Mapping[str, str]) -> dict[str, Any]:
    """The `xobin:` stack config that the engine hands every plugin process (PULUMI_CONFIG, keys without
    the `xobin:` prefix, secrets decrypted) as a bag keyed by field name."""
    return {
        f.name: stack_config[f.schema_name]
        for f in PROVIDER_CONFIG
        if stack_config.get(f.schema_name) is not None
    }


def _http_client(settings: ConnectionSettings) -> SettingsApi:
    from .._api.client import client_for

    return client_for(settings)


def load_http_client() -> None:
    """Import the HTTP client (httpx and pydantic: a few hundred ms), ahead of the first request."""
    from .._api import client  # noqa: F401


class XobinProvider(Provider):
    def __init__(
        self,
        version: str,
        *,
        warn: Warn,
        client_factory: ClientFactory = _http_client,
        stack_config: Mapping[str, str] | None = None,
    ) -> None:
        self._version = version
        self._warn = warn
        self._client_factory = client_factory
        self._stack_settings = _stack_settings(stack_config or {})
        self._urn = ""
        self._config: dict[str, Any] = {}
        self._recent_reads = RecentReads()

    async def get_schema(self, request: GetSchemaRequest) -> GetSchemaResponse:
        return GetSchemaResponse(json.dumps(package_schema(self._version)))

    async def check_config(self, request: CheckRequest) -> CheckResponse:
        incoming = Incoming(request.new_inputs, PROVIDER_CONFIG)
        config = incoming.bag
        failures = []
        if not any(is_unknown(v) for v in config.values()):
            try:
                ConnectionSettings.resolve(self._config_getter(config))
            except ConfigurationError as err:
                failures.append(CheckFailure("", str(err)))
        if _is_default_provider(request.urn):
            # What the engine records of a provider is what this returns. The default provider's settings
            # are the stack config, which every plugin process of every command is handed again, so the
            # account API key need not be recorded, and is not: state never holds it.
            config = {k: v for k, v in config.items() if k != API_KEY.name}
        return CheckResponse(outgoing(config, _CONFIG_SECRETS | incoming.secret_paths), failures)

    def configuring(self, urn: str) -> None:
        """The URN of the provider resource about to be configured (the SDK's ConfigureRequest lacks it)."""
        self._urn = urn

    async def configure(self, request: ConfigureRequest) -> ConfigureResponse:
        config = Incoming(request.args, PROVIDER_CONFIG).bag
        # The default provider reads the stack config again (the API key is not in its recorded inputs);
        # an explicit provider has only its own inputs, then the environment, as Pulumi's providers do.
        self._config = {**self._stack_settings, **config} if _is_default_provider(self._urn) else config
        return ConfigureResponse(accept_secrets=True, supports_preview=True)

    def _config_getter(self, config: Mapping[str, Any]) -> Callable[[str], Any]:
        """`xobin:<key>` lookups over the provider's inputs (the stack config, for the default provider)."""

        def get(key: str) -> Any:
            field = _CONFIG_BY_KEY.get(key)
            if field is None:
                return None
            value = config.get(field.name)
            # Numbers arrive as floats; `2.0` retries is 2.
            return int(value) if isinstance(value, float) and value.is_integer() else value

        return get

    def _config_unknown(self) -> bool:
        return any(is_unknown(v) for v in self._config.values())

    def _api(self) -> SettingsApi:
        return self._client_factory(ConnectionSettings.resolve(self._config_getter(self._config)))

    async def check(self, request: CheckRequest) -> CheckResponse:
        ops = _operations_for(request.type)
        incoming = Incoming(request.new_inputs, ops.resource.fields)
        checked, failures = ops.check(incoming.bag, schema_name)
        return CheckResponse(
            outgoing(checked, _secrets(incoming)), [CheckFailure(f.property, f.reason) for f in failures]
        )

    async def diff(self, request: DiffRequest) -> DiffResponse:
        ops = _operations_for(request.type)
        olds = Incoming(request.old_state, ops.resource.fields).bag
        news = Incoming(request.new_inputs, ops.resource.fields).bag
        # During a preview the provider's own settings may not be known yet: then diff against the state.
        api = None if self._config_unknown() else self._api()
        outcome = await asyncio.to_thread(ops.diff, api, request.resource_id, olds, news, self._recent_reads)
        report = drift_report(request.resource_id, outcome.changes, schema_path)
        if report:
            await self._warn(request.urn, report)
        detailed = {schema_path(c.path): _property_diff(c, olds, news) for c in outcome.changes}
        for name in outcome.replaces:
            detailed[schema_name(name)] = PropertyDiff(PropertyDiffKind.UPDATE_REPLACE, input_diff=True)
        return DiffResponse(
            changes=bool(detailed),
            replaces=[schema_name(name) for name in outcome.replaces],
            diffs=sorted({path.split(".")[0] for path in detailed}),
            detailed_diff=detailed,
            delete_before_replace=False,
        )

    async def create(self, request: CreateRequest) -> CreateResponse:
        ops = _operations_for(request.type)
        incoming = Incoming(request.properties, ops.resource.inputs())
        if request.preview:
            outs = ops.preview(incoming.bag)
            return CreateResponse(_preview_id(ops.resource, incoming.bag), outgoing(outs, _secrets(incoming)))
        id_, outs = await asyncio.to_thread(ops.create, self._api(), incoming.bag)
        return CreateResponse(id_, outgoing(outs, _secrets(incoming)))

    async def update(self, request: UpdateRequest) -> UpdateResponse:
        ops = _operations_for(request.type)
        incoming = Incoming(request.news, ops.resource.inputs())
        if request.preview:
            return UpdateResponse(outgoing(ops.preview(incoming.bag), _secrets(incoming)))
        olds = Incoming(request.olds, ops.resource.fields).bag
        outs = await asyncio.to_thread(ops.apply, self._api(), request.resource_id, incoming.bag, olds)
        return UpdateResponse(outgoing(outs, _secrets(incoming)))

    async def read(self, request: ReadRequest) -> ReadResponse:
        """Refresh, or, with no state at all, import."""
        ops = _operations_for(request.type)
        state = Incoming(request.properties, ops.resource.fields)
        if not request.properties and not request.inputs:
            outs, inputs = await asyncio.to_thread(ops.import_, self._api(), request.resource_id)
            return ReadResponse(
                request.resource_id, outgoing(outs, _SECRET_PATHS), outgoing(inputs, _SECRET_PATHS)
            )
        refreshed = await asyncio.to_thread(
            ops.refresh, self._api(), request.resource_id, state.bag, self._recent_reads
        )
        if refreshed is None:
            return ReadResponse(request.resource_id, request.properties, request.inputs)
        outs, inputs = refreshed
        secrets = _secrets(state)
        return ReadResponse(request.resource_id, outgoing(outs, secrets), outgoing(inputs, secrets))

    async def delete(self, request: DeleteRequest) -> None:
        ops = _operations_for(request.type)
        props = Incoming(request.properties, ops.resource.fields).bag
        await asyncio.to_thread(ops.delete, self._api(), request.resource_id, props)


def _operations_for(token: str) -> Operations:
    ops = _OPERATIONS.get(token)
    if ops is None:
        raise XobinError(
            f"unknown resource type {token!r}; this plugin serves {', '.join(sorted(_OPERATIONS))}"
        )
    return ops


def _secrets(incoming: Incoming) -> frozenset[str]:
    return _SECRET_PATHS | incoming.secret_paths


def _preview_id(resource: ResourceType, props: Mapping[str, Any]) -> str:
    """The ID a create will report, or "" while the interview id is not known yet."""
    if resource.id_field is not None and is_unknown(props.get(resource.id_field)):
        return ""
    return resource.id_for(props)


def _property_diff(change: Change, olds: Mapping[str, Any], news: Mapping[str, Any]) -> PropertyDiff:
    """Each difference is shown against the state (the outputs the diff compared with), not the last
    inputs: after an import the inputs leave auth out, while the state records what Xobin reports."""
    had, want = value_at(olds, change.path), value_at(news, change.path)
    kind = PropertyDiffKind.UPDATE
    if had is None and want is not None:
        kind = PropertyDiffKind.ADD
    elif want is None and had is not None:
        kind = PropertyDiffKind.DELETE
    return PropertyDiff(kind, input_diff=False)
