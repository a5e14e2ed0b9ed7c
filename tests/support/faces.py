"""Both faces, driven as their hosts drive them over a fake API, with one set of verbs.

`DynamicFace` calls a dynamic provider as `pulumi.dynamic`'s host does: unpickled from the `__provider`
pickle the resource carries, configured from stack config, and handed that pickle in every property bag.
`NativeFace` sends the protocol's own messages to the plugin's servicer (`_Servicer`), so its one-line
errors, secret markers and schema spelling are part of what is driven.

Each keeps the resource's state as the engine would (what the face returned, as it returned it) and
gives back plain values keyed by Python names (`support.bags`), so that one table can say what both do.
What only the engine would notice is checked on the way, once: the spelling of every name and the
secret markers (`support.bags`), and that an error of the dynamic face carries no frame of the
provider's internals.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
import traceback
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

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
from pulumi_xobin._plugin.adapter import XobinProvider
from pulumi_xobin._plugin.server import _Servicer
from pulumi_xobin.provider import InterviewWebhookSettingsProvider, WebhookSettingsProvider
from support.bags import engine_values, from_schema, plain, python_name, python_named

__all__ = [
    "ACCOUNT_API_KEY",
    "GLOBAL",
    "INTERVIEW",
    "PLUGIN_VERSION",
    "DiffSeen",
    "DynamicFace",
    "Face",
    "Failed",
    "Kind",
    "NativeFace",
]

Bag = dict[str, Any]
ACCOUNT_API_KEY = "acct-key-2c9e-faces"
PROJECT = "proj"
PLUGIN_VERSION = "0.2.0"
EXPLICIT_PROVIDER = f"urn:pulumi:dev::{PROJECT}::pulumi:providers:xobin::account"
_PACKAGE = Path(pulumi_xobin.__file__).parent
_ADAPTER = _PACKAGE / "_dynamic" / "adapter.py"


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


class Face(ABC):
    """The engine's side, the same for both faces: the resource's ID and state (its outputs and inputs,
    kept as the face returned them) and the calls each verb makes, in order. A face says how each call
    is made and how its values read."""

    # Whether `pulumi import` reaches this face.
    imports: ClassVar[bool]

    def __init__(self) -> None:
        self._id = ""
        self._outs, self._inputs = self._nothing(), self._nothing()

    @property
    def id(self) -> str:
        return self._id

    @property
    def outputs(self) -> Bag:
        return self._plain(self._outs)

    def create(self, inputs: Bag) -> Bag:
        news = self._check(inputs)
        self._id, self._outs = self._create(news)
        self._inputs = news
        return self.outputs

    def preview(self, inputs: Bag) -> DiffSeen:
        return self._diff(self._check(inputs))

    def up(self, inputs: Bag) -> tuple[DiffSeen, Bag]:
        news = self._check(inputs)
        diff = self._diff(news)
        assert not diff.replaces, "a replacement is only previewed here"
        if diff.changes:
            self._outs = self._update(news)
        self._inputs = news
        return diff, self.outputs

    def refresh(self) -> tuple[Bag, Bag]:
        self._outs, inputs = self._read()
        if inputs is not None:  # else the engine keeps the inputs it has
            self._inputs = inputs
        return self.outputs, self._plain(self._inputs)

    def delete(self) -> None:
        self._delete()
        self._id, self._outs, self._inputs = "", self._nothing(), self._nothing()

    @abstractmethod
    def _nothing(self) -> Any:
        """No properties at all, in the face's form."""

    @abstractmethod
    def _plain(self, values: Any) -> Bag:
        """The face's values as the table states them: plain, with Python names, without nulls."""

    @abstractmethod
    def _check(self, inputs: Bag) -> Any:
        """The checked inputs, after asserting that the check found nothing wrong."""

    @abstractmethod
    def _create(self, news: Any) -> tuple[str, Any]: ...

    @abstractmethod
    def _diff(self, news: Any) -> DiffSeen: ...

    @abstractmethod
    def _update(self, news: Any) -> Any: ...

    @abstractmethod
    def _read(self) -> tuple[Any, Any | None]:
        """The outputs, and the inputs (None: the engine keeps its own)."""

    @abstractmethod
    def _delete(self) -> None: ...


class DynamicFace(Face):
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
        super().__init__()

    def _nothing(self) -> Bag:
        return {}

    def _plain(self, values: Any) -> Bag:
        return python_named(values)

    def _create(self, news: Bag) -> tuple[str, Bag]:
        result = self._call(self._provider.create, news)
        return result.id, self._hosted(result.outs)

    def _update(self, news: Bag) -> Bag:
        return self._hosted(self._call(self._provider.update, self._id, self._outs, news).outs)

    def _read(self) -> tuple[Bag, Bag | None]:
        result = self._call(self._provider.read, self._id, self._outs)
        assert result.id == self._id
        return self._hosted(result.outs), None if result.inputs is None else self._hosted(result.inputs)

    def _delete(self) -> None:
        self._call(self._provider.delete, self._id, self._outs)

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
            replaces=tuple(python_name(name) for name in result.replaces or ()),
            drift=_drift(report, python_name),
            paths=None,
            warning=report,
        )

    def _call(self, method: Callable[..., Any], *args: Any) -> Any:
        try:
            return method(*args)
        except XobinError as err:
            # Pulumi prints the traceback the host sends: the provider's own frames stay out of it (but the
            # adapter's frame that re-raises it).
            frames = [Path(frame.filename) for frame in traceback.extract_tb(err.__traceback__)]
            inner = [f for f in frames if f.is_relative_to(_PACKAGE) and f != _ADAPTER]
            assert inner == [], inner
            raise Failed(str(err)) from None


class NativeFace(Face):
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
        super().__init__()

    async def _warn(self, urn: str, message: str) -> None:
        self.warnings.append((urn, message))

    def call(self, method: str, request: Any) -> Any:
        """One RPC, as the engine makes it; a failure raises `Failed` with what the engine is told."""
        return asyncio.run(getattr(self.servicer, method)(request, _Context()))

    def _nothing(self) -> Any:
        return engine_values({})

    def _plain(self, values: Any) -> Bag:
        return plain(values)

    def _create(self, news: Any) -> tuple[str, Any]:
        response = self.call("Create", proto.CreateRequest(urn=self.urn, properties=news))
        return response.id, response.properties

    def _update(self, news: Any) -> Any:
        request = proto.UpdateRequest(
            urn=self.urn, id=self._id, olds=self._outs, news=news, old_inputs=self._inputs
        )
        return self.call("Update", request).properties

    def _read(self) -> tuple[Any, Any]:
        request = proto.ReadRequest(urn=self.urn, id=self._id, properties=self._outs, inputs=self._inputs)
        response = self.call("Read", request)
        assert response.id == self._id
        return response.properties, response.inputs

    def import_(self, id_: str) -> tuple[Bag, Bag]:
        """`pulumi import`: a Read with an ID and nothing else."""
        response = self.call("Read", proto.ReadRequest(urn=self.urn, id=id_))
        self._id, self._outs, self._inputs = response.id, response.properties, response.inputs
        return self.outputs, plain(self._inputs)

    def _delete(self) -> None:
        self.call("Delete", proto.DeleteRequest(urn=self.urn, id=self._id, properties=self._outs))

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
            replaces=tuple(from_schema(name) for name in response.replaces),
            drift=_drift(report, from_schema),
            paths=frozenset(from_schema(path) for path in detailed),
            warning=report,
        )


class _Context:
    """The servicer's context: `abort` is how an error reaches the engine."""

    async def abort(self, code: Any, details: str) -> None:
        raise Failed(details)


def _drift(report: str | None, spelling: Callable[[str], str]) -> frozenset[str]:
    """The paths a drift warning names: one line a path, `  <path>: <why>`, below its heading."""
    lines = report.splitlines()[1:] if report else []
    return frozenset(spelling(line.strip().split(": ", 1)[0]) for line in lines)
