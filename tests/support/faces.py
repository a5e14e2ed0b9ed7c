"""Both faces, driven as their hosts drive them over a fake API, with one set of verbs.

`DynamicFace` calls a dynamic provider as `pulumi.dynamic`'s host does: unpickled from the `__provider`
pickle the resource carries, configured from stack config, and handed that pickle in every property bag.
`NativeFace` sends the protocol's own messages to the plugin's servicer (`_Servicer`), so its one-line
errors, secret markers and schema spelling are part of what is driven.

Each keeps the resource's state as the engine would (what the face returned, as it returned it) and
gives back plain values keyed by Python names, nulls left out (to the engine a null property and a
missing one are the same), so that one table can say what both do. What only the engine would notice is
checked here, once: the spelling of every name, that the native face marks each declared secret, that
an error of the dynamic face carries no frame of the provider's internals.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
import re
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

import dill
import pytest
from pulumi.dynamic import ConfigureRequest, ResourceProvider
from pulumi.dynamic.config import Config
from pulumi.dynamic.dynamic import PROVIDER_KEY, serialize_provider
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime import proto

import pulumi_xobin
from pulumi_xobin._api import client as _client
from pulumi_xobin._api.connection import ConnectionSettings
from pulumi_xobin._core.errors import XobinError
from pulumi_xobin._core.operations import SettingsApi
from pulumi_xobin._core.secrets import SECRET_PATHS
from pulumi_xobin._plugin.adapter import XobinProvider
from pulumi_xobin._plugin.server import _Servicer
from pulumi_xobin.provider import InterviewWebhookSettingsProvider, WebhookSettingsProvider

__all__ = [
    "ACCOUNT_API_KEY",
    "GLOBAL",
    "INTERVIEW",
    "PLUGIN_VERSION",
    "Context",
    "DiffSeen",
    "DynamicFace",
    "Face",
    "Failed",
    "Kind",
    "NativeFace",
    "engine_values",
    "plain",
    "secret_paths",
]

Bag = dict[str, Any]
ACCOUNT_API_KEY = "acct-key-2c9e-faces"
PROJECT = "proj"
PLUGIN_VERSION = "0.2.0"
EXPLICIT_PROVIDER = f"urn:pulumi:dev::{PROJECT}::pulumi:providers:xobin::account"
_PACKAGE = Path(pulumi_xobin.__file__).parent


@dataclass(frozen=True)
class Kind:
    """One resource type: its dynamic provider and its token in the schema."""

    dynamic: Callable[[], ResourceProvider]
    token: str


GLOBAL = Kind(WebhookSettingsProvider, "xobin:index:WebhookSettings")
INTERVIEW = Kind(InterviewWebhookSettingsProvider, "xobin:index:InterviewWebhookSettings")


@dataclass(frozen=True)
class DiffSeen:
    """A diff as the engine sees it. `drift`: the paths the drift warning names. `paths`: every path the
    face reports a change of, where it reports them (None: the dynamic protocol has no per-property diff)."""

    changes: bool
    replaces: tuple[str, ...]
    drift: frozenset[str]
    paths: frozenset[str] | None
    warning: str | None


class Failed(Exception):
    """A verb failed; the message is what the user is shown."""


class Face(Protocol):
    # Whether `pulumi import` reaches this face.
    imports: ClassVar[bool]

    @property
    def id(self) -> str: ...

    @property
    def outputs(self) -> Bag: ...

    def create(self, inputs: Bag) -> Bag: ...

    def preview(self, inputs: Bag) -> DiffSeen: ...

    def up(self, inputs: Bag) -> tuple[DiffSeen, Bag]: ...

    def refresh(self) -> tuple[Bag, Bag]: ...

    def delete(self) -> None: ...


class DynamicFace:
    """A dynamic provider, called as `pulumi.dynamic`'s host (its `__main__`) calls it."""

    # The dynamic-provider protocol has no import: `pulumi import` needs a provider plugin.
    imports: ClassVar[bool] = False

    def __init__(self, kind: Kind, api: SettingsApi, monkeypatch: pytest.MonkeyPatch) -> None:
        def client_for(settings: ConnectionSettings) -> SettingsApi:
            assert settings.api_key == ACCOUNT_API_KEY
            return api

        # The provider imports `client_for` on its first request, so the patched one is what it gets.
        monkeypatch.setattr(_client, "client_for", client_for)
        self._pickle = serialize_provider(kind.dynamic())
        self._provider: ResourceProvider = dill.loads(base64.b64decode(self._pickle))  # noqa: S301 -- made above
        self._provider.configure(ConfigureRequest(Config({"xobin:apiKey": ACCOUNT_API_KEY}, PROJECT)))
        self._id = ""
        self._outs: Bag = {}
        self._inputs: Bag = {}

    @property
    def id(self) -> str:
        return self._id

    @property
    def outputs(self) -> Bag:
        return _python_named(self._outs)

    def create(self, inputs: Bag) -> Bag:
        news = self._check(inputs)
        result = self._call(self._provider.create, news)
        self._id, self._outs, self._inputs = result.id, self._hosted(result.outs), news
        return self.outputs

    def preview(self, inputs: Bag) -> DiffSeen:
        return self._diff(self._check(inputs))

    def up(self, inputs: Bag) -> tuple[DiffSeen, Bag]:
        news = self._check(inputs)
        diff = self._diff(news)
        assert not diff.replaces, "a replacement is only previewed here"
        if diff.changes:
            self._outs = self._hosted(self._call(self._provider.update, self._id, self._outs, news).outs)
        self._inputs = news
        return diff, self.outputs

    def refresh(self) -> tuple[Bag, Bag]:
        result = self._call(self._provider.read, self._id, self._outs)
        assert result.id == self._id
        self._outs = self._hosted(result.outs)
        if result.inputs is not None:  # else the engine keeps the inputs it has
            self._inputs = self._hosted(result.inputs)
        return self.outputs, _python_named(self._inputs)

    def delete(self) -> None:
        self._call(self._provider.delete, self._id, self._outs)
        self._id, self._outs, self._inputs = "", {}, {}

    def _check(self, inputs: Bag) -> Bag:
        result = self._provider.check(self._inputs, {**inputs, PROVIDER_KEY: self._pickle})
        assert result.failures == [], result.failures
        return self._hosted(result.inputs)

    def _hosted(self, bag: Mapping[str, Any] | None) -> Bag:
        """A bag as the host returns it to the engine: with the provider's pickle."""
        return {**(bag or {}), PROVIDER_KEY: self._pickle}

    def _diff(self, news: Bag) -> DiffSeen:
        shown = io.StringIO()
        with contextlib.redirect_stderr(shown):
            result = self._call(self._provider.diff, self._id, self._outs, news)
        assert isinstance(result.changes, bool)
        # The dynamic protocol carries no warning: the provider prints it, and the engine shows the line.
        printed = shown.getvalue()
        assert printed == "" or (printed.startswith("warning: ") and printed.endswith("\n")), printed
        report = printed.removeprefix("warning: ").removesuffix("\n") or None
        return DiffSeen(
            changes=result.changes,
            replaces=tuple(_python_name(name) for name in result.replaces or ()),
            drift=_drift(report, _python_name),
            paths=None,
            warning=report,
        )

    def _call(self, method: Callable[..., Any], *args: Any) -> Any:
        try:
            return method(*args)
        except XobinError as err:
            # Pulumi prints the traceback the host sends: the provider's own frames stay out of it.
            frames = [Path(frame.filename) for frame in traceback.extract_tb(err.__traceback__)]
            inner = [f for f in frames if f.is_relative_to(_PACKAGE) and f.name != "provider.py"]
            assert inner == [], inner
            raise Failed(str(err)) from None


class NativeFace:
    """The native plugin, through its servicer, sent the messages the engine sends."""

    imports: ClassVar[bool] = True

    def __init__(
        self,
        kind: Kind,
        api: SettingsApi,
        *,
        provider: str = EXPLICIT_PROVIDER,
        config: Mapping[str, PropertyValue] | None = None,
        stack_config: Mapping[str, str] | None = None,
    ) -> None:
        """Configured as the engine configures `provider` (a URN) with `config` (schema names; by default
        an API key), the plugin process handed `stack_config`."""

        def client_factory(settings: ConnectionSettings) -> SettingsApi:
            self.api_keys.append(settings.api_key)
            return api

        self.urn = f"urn:pulumi:dev::{PROJECT}::{kind.token}::settings"
        self.warnings: list[tuple[str, str]] = []
        self.api_keys: list[str] = []  # the API key of each client the plugin made
        plugin = XobinProvider(
            PLUGIN_VERSION, warn=self._warn, client_factory=client_factory, stack_config=stack_config
        )
        self.servicer = _Servicer([], PLUGIN_VERSION, plugin, engine_address="")
        if config is None:
            config = {"apiKey": PropertyValue(ACCOUNT_API_KEY, is_secret=True)}
        args = PropertyValue.marshal_map(dict(config))
        self.call("Configure", proto.ConfigureRequest(urn=provider, args=args, acceptSecrets=True))
        self.last_diff: Any = None  # the last DiffResponse, as the engine got it
        self._id = ""
        self._outs: Any = engine_values({})
        self._inputs: Any = engine_values({})

    async def _warn(self, urn: str, message: str) -> None:
        self.warnings.append((urn, message))

    def call(self, method: str, request: Any) -> Any:
        """One RPC, as the engine makes it; a failure raises `Failed` with what the engine is told."""
        return asyncio.run(getattr(self.servicer, method)(request, Context()))

    @property
    def id(self) -> str:
        return self._id

    @property
    def outputs(self) -> Bag:
        return plain(self._outs)

    def create(self, inputs: Bag) -> Bag:
        news = self._check(inputs)
        response = self.call("Create", proto.CreateRequest(urn=self.urn, properties=news))
        self._id, self._outs, self._inputs = response.id, response.properties, news
        return self.outputs

    def preview(self, inputs: Bag) -> DiffSeen:
        return self._diff(self._check(inputs))

    def up(self, inputs: Bag) -> tuple[DiffSeen, Bag]:
        news = self._check(inputs)
        diff = self._diff(news)
        assert not diff.replaces, "a replacement is only previewed here"
        if diff.changes:
            request = proto.UpdateRequest(
                urn=self.urn, id=self._id, olds=self._outs, news=news, old_inputs=self._inputs
            )
            self._outs = self.call("Update", request).properties
        self._inputs = news
        return diff, self.outputs

    def refresh(self) -> tuple[Bag, Bag]:
        request = proto.ReadRequest(urn=self.urn, id=self._id, properties=self._outs, inputs=self._inputs)
        response = self.call("Read", request)
        assert response.id == self._id
        self._outs, self._inputs = response.properties, response.inputs
        return self.outputs, plain(self._inputs)

    def import_(self, id_: str) -> tuple[Bag, Bag]:
        """`pulumi import`: a Read with an ID and nothing else."""
        response = self.call("Read", proto.ReadRequest(urn=self.urn, id=id_))
        self._id, self._outs, self._inputs = response.id, response.properties, response.inputs
        return self.outputs, plain(self._inputs)

    def delete(self) -> None:
        self.call("Delete", proto.DeleteRequest(urn=self.urn, id=self._id, properties=self._outs))
        self._id, self._outs, self._inputs = "", engine_values({}), engine_values({})

    def _check(self, inputs: Bag) -> Any:
        response = self.call(
            "Check", proto.CheckRequest(urn=self.urn, olds=self._inputs, news=engine_values(inputs))
        )
        assert list(response.failures) == [], response.failures
        plain(response.inputs)  # its names and secret markers are checked
        return response.inputs

    def _diff(self, news: Any) -> DiffSeen:
        seen = len(self.warnings)
        request = proto.DiffRequest(
            urn=self.urn, id=self._id, olds=self._outs, news=news, old_inputs=self._inputs
        )
        response = self.last_diff = self.call("Diff", request)
        warnings = self.warnings[seen:]
        assert [urn for urn, _ in warnings] in ([], [self.urn]), warnings
        report = warnings[0][1] if warnings else None
        assert response.changes in (proto.DiffResponse.DIFF_SOME, proto.DiffResponse.DIFF_NONE)
        detailed = list(response.detailedDiff)
        assert sorted(response.diffs) == sorted({path.split(".")[0] for path in detailed})
        return DiffSeen(
            changes=response.changes == proto.DiffResponse.DIFF_SOME,
            replaces=tuple(_schema_name(name) for name in response.replaces),
            drift=_drift(report, _schema_name),
            paths=frozenset(_schema_name(path) for path in detailed),
            warning=report,
        )


class Context:
    """The servicer's context: `abort` is how an error reaches the engine."""

    async def abort(self, code: Any, details: str) -> None:
        raise Failed(details)


def engine_values(bag: Mapping[str, Any]) -> Any:
    """Plain values with Python names as the engine sends a program's: schema names, nothing secret."""
    return PropertyValue.marshal_map({_camel(k): _engine_value(v) for k, v in bag.items() if v is not None})


def _engine_value(value: Any) -> PropertyValue:
    if isinstance(value, Mapping):
        return PropertyValue({_camel(k): _engine_value(v) for k, v in value.items() if v is not None})
    return PropertyValue(value)


def plain(values: Any) -> Bag:
    """What the native face sent, as plain values with Python names, once every name is checked to be
    in schema spelling and every declared secret that holds a value to be marked secret."""
    bag, marked = _decoded(values)
    for path in SECRET_PATHS:
        if _at(bag, path) is not None:
            assert any(path == m or path.startswith(f"{m}.") for m in marked), f"{path} is not marked secret"
    return bag


def secret_paths(values: Any) -> set[str]:
    """The paths the native face marked secret, with Python names."""
    return _decoded(values)[1]


def _decoded(values: Any) -> tuple[Bag, set[str]]:
    marked: set[str] = set()

    def walk(value: PropertyValue, path: str) -> Any:
        if value.is_secret:
            marked.add(path)
        if not isinstance(value.value, Mapping):
            return value.value
        return _without_nulls({name: walk(v, f"{path}.{name}") for name, v in _python_names(value.value)})

    bag = _without_nulls(
        {name: walk(v, name) for name, v in _python_names(PropertyValue.unmarshal_map(values))}
    )
    return bag, marked


def _python_names(values: Mapping[str, PropertyValue]) -> list[tuple[str, PropertyValue]]:
    return [(_schema_name(k), v) for k, v in values.items()]


def _python_named(bag: Mapping[str, Any]) -> Bag:
    """A dynamic provider's bag as the table states it: without the host's pickle and the nulls."""

    def walk(value: Any) -> Any:
        if isinstance(value, Mapping):
            return _without_nulls({_python_name(k): walk(v) for k, v in value.items()})
        return value

    result: Bag = walk({k: v for k, v in bag.items() if k != PROVIDER_KEY})
    return result


def _without_nulls(bag: Mapping[str, Any]) -> Bag:
    return {k: v for k, v in bag.items() if v is not None}


def _at(bag: Mapping[str, Any], path: str) -> Any:
    value: Any = bag
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _python_name(name: str) -> str:
    assert name == name.lower(), f"{name!r} is not a Python name"
    return name


def _schema_name(name: str) -> str:
    """A name or dotted path of the schema, checked to be in its spelling, in the Python spelling."""
    assert "_" not in name, f"{name!r} is not in schema spelling"
    return re.sub(r"[A-Z]", lambda upper: "_" + upper.group().lower(), name)


def _camel(name: str) -> str:
    return re.sub(r"_([a-z])", lambda lower: lower.group(1).upper(), name)


def _drift(report: str | None, spelling: Callable[[str], str]) -> frozenset[str]:
    """The paths a drift warning names: one line a path, `  <path>: <why>`, below its heading."""
    lines = report.splitlines()[1:] if report else []
    return frozenset(spelling(line.strip().split(": ", 1)[0]) for line in lines)
