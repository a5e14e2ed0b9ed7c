"""The native plugin's adapter, driven through its gRPC servicer as the engine drives it, over a fake API.

No server and no engine: requests are the protocol's own messages, the Xobin API is a fake that records
its calls, and the servicer's context records what an error would send to the engine.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
from collections.abc import Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pytest
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime import proto
from pulumi.runtime.rpc import UNKNOWN

from pulumi_xobin._connection import ConnectionSettings
from pulumi_xobin._errors import ApiError
from pulumi_xobin._model import DesiredSettings, LiveAuth, LiveSettings, Webhook
from pulumi_xobin.plugin._provider import XobinProvider
from pulumi_xobin.plugin._server import _Servicer, api_executor

GLOBAL_URN = "urn:pulumi:dev::proj::xobin:index:WebhookSettings::hooks"
INTERVIEW_URN = "urn:pulumi:dev::proj::xobin:index:InterviewWebhookSettings::override"
DEFAULT_PROVIDER = "urn:pulumi:dev::proj::pulumi:providers:xobin::default"
EXPLICIT_PROVIDER = "urn:pulumi:dev::proj::pulumi:providers:xobin::account-b"
PASSWORD = "pw-plugin-unit-4c1e"
START = "https://hooks.example.com/start"
SUBMISSION = "https://hooks.example.com/submission"
_T = TypeVar("_T")


@dataclass
class FakeApi:
    """The four calls the resources make, answering with `live` and recording every call."""

    live: LiveSettings
    calls: list[str] = field(default_factory=list)
    failure: Exception | None = None

    def _answer(self, call: str) -> LiveSettings:
        self.calls.append(call)
        if self.failure is not None:
            raise self.failure
        return self.live

    def read_settings(self, secrets: Iterable[str] = ()) -> LiveSettings:
        return self._answer("read")

    def apply_settings(self, desired: DesiredSettings, secrets: Iterable[str] = ()) -> LiveSettings:
        return self._answer("apply")

    def read_interview_settings(self, interview_id: str, secrets: Iterable[str] = ()) -> LiveSettings | None:
        return self._answer(f"read {interview_id}")

    def apply_interview_settings(
        self, interview_id: str, desired: DesiredSettings, secrets: Iterable[str] = ()
    ) -> LiveSettings | None:
        return self._answer(f"apply {interview_id}")


class Aborted(Exception):
    pass


class Context:
    """The servicer context: `abort` is how an error reaches the engine."""

    def __init__(self) -> None:
        self.details: str | None = None

    async def abort(self, code: Any, details: str) -> None:
        self.details = details
        raise Aborted(details)


LIVE = LiveSettings(
    start=Webhook(START, True),
    submission=Webhook(SUBMISSION, True),
    auth=LiveAuth(type="basic", username="svc", has_password=True),
)


@dataclass
class Plugin:
    servicer: Any
    api: FakeApi
    warnings: list[tuple[str, str]]

    def call(self, method: str, request: Any) -> Any:
        return run(getattr(self.servicer, method)(request, Context()))

    def fails(self, method: str, request: Any) -> str:
        context = Context()
        with pytest.raises(Aborted):
            run(getattr(self.servicer, method)(request, context))
        assert context.details is not None
        return context.details


def run(coroutine: Coroutine[Any, Any, _T]) -> _T:
    return asyncio.run(coroutine)


@pytest.fixture
def plugin() -> Plugin:
    api = FakeApi(LIVE)
    warnings: list[tuple[str, str]] = []

    async def warn(urn: str, message: str) -> None:
        warnings.append((urn, message))

    def client_factory(settings: ConnectionSettings) -> FakeApi:
        assert settings.api_key == "acct-key-plugin-unit"
        return api

    provider = XobinProvider("0.2.0", warn=warn, client_factory=client_factory)
    servicer = _Servicer([], "0.2.0", provider, engine_address="127.0.0.1:1")
    configured = Plugin(servicer, api, warnings)
    configured.call(
        "Configure",
        proto.ConfigureRequest(
            args=struct({"apiKey": PropertyValue("acct-key-plugin-unit", is_secret=True)}),
            acceptSecrets=True,
        ),
    )
    return configured


def struct(values: dict[str, PropertyValue]) -> Any:
    return PropertyValue.marshal_map(values)


def pv(value: Any, *, secret: bool = False) -> PropertyValue:
    """A PropertyValue from plain Python (dicts and lists nested)."""
    if isinstance(value, dict):
        return PropertyValue({k: pv(v) for k, v in value.items()}, is_secret=secret)
    return PropertyValue(value, is_secret=secret)


def plain(values: Any) -> dict[str, Any]:
    """A protocol struct as plain Python values (secret markers dropped; see `secret_paths`)."""
    return {k: _plain(v) for k, v in PropertyValue.unmarshal_map(values).items()}


def _plain(value: PropertyValue) -> Any:
    inner = value.value
    if isinstance(inner, Mapping):
        return {k: _plain(v) for k, v in inner.items()}
    return inner


def secret_paths(values: Any) -> set[str]:
    """The dotted paths of a protocol struct that are marked secret."""
    found: set[str] = set()

    def walk(value: PropertyValue, path: str) -> None:
        if value.is_secret:
            found.add(path)
        if isinstance(value.value, Mapping):
            for k, v in value.value.items():
                walk(v, f"{path}.{k}")

    for key, value in PropertyValue.unmarshal_map(values).items():
        walk(value, key)
    return found


def good_inputs(**changes: Any) -> dict[str, PropertyValue]:
    inputs = {
        "start": pv({"url": START, "enabled": True}),
        "submission": pv({"url": SUBMISSION, "enabled": True}),
        "auth": pv({"type": "basic", "username": "svc", "password": PASSWORD}),
        "updateAll": pv(False),
    }
    inputs.update(changes)
    return inputs


def checked(plugin: Plugin, inputs: dict[str, PropertyValue], urn: str = GLOBAL_URN) -> Any:
    response = plugin.call("Check", proto.CheckRequest(urn=urn, news=struct(inputs)))
    assert list(response.failures) == []
    return response.inputs


def test_schema_is_generated_from_the_declarations(plugin: Plugin) -> None:
    schema = json.loads(plugin.call("GetSchema", proto.GetSchemaRequest(version=0)).schema)
    assert schema["name"] == "xobin"
    assert schema["version"] == "0.2.0"
    settings = schema["resources"]["xobin:index:WebhookSettings"]
    assert set(settings["inputProperties"]) == {"start", "submission", "auth", "updateAll"}
    assert settings["properties"]["auth"]["$ref"] == "#/types/xobin:index:WebhookAuthStatus"
    auth = schema["types"]["xobin:index:WebhookAuth"]["properties"]
    assert auth["password"]["secret"] is True
    assert auth["value"]["secret"] is True
    assert auth["type"]["$ref"] == "#/types/xobin:index:WebhookAuthType"
    interview = schema["resources"]["xobin:index:InterviewWebhookSettings"]
    assert interview["requiredInputs"] == ["interviewId"]
    assert interview["inputProperties"]["interviewId"]["willReplaceOnChanges"] is True
    assert schema["config"]["variables"]["apiKey"]["secret"] is True
    assert plugin.api.calls == []


def test_check_names_failures_by_schema_path_and_sends_nothing(plugin: Plugin) -> None:
    response = plugin.call(
        "Check",
        proto.CheckRequest(
            urn=GLOBAL_URN,
            news=struct(good_inputs(start=pv({"url": "ftp://x.example.com"}), updatAll=pv(True))),
        ),
    )
    found = {(f.property, f.reason) for f in response.failures}
    assert ("start.url", "must be an absolute http or https URL") in found
    (typo,) = [reason for prop, reason in found if prop == "updatAll"]
    assert "updateAll" in typo, "expected names are spelled as the program spells them"
    assert plugin.api.calls == []


def test_check_marks_secrets_even_when_the_program_passed_plain_text(plugin: Plugin) -> None:
    response = checked(plugin, good_inputs(submission=pv({"url": SUBMISSION}, secret=True)))
    assert secret_paths(response) == {"auth.password", "submission"}, "what the program made secret stays so"
    inputs = plain(response)
    assert inputs["updateAll"] is False
    assert inputs["start"]["enabled"] is True


def test_check_lets_unknown_values_through(plugin: Plugin) -> None:
    inputs = plain(checked(plugin, good_inputs(start=pv({"url": UNKNOWN}))))
    assert inputs["start"]["url"] == UNKNOWN


def test_diff_reads_once_and_keys_drift_by_property_path(plugin: Plugin) -> None:
    news = checked(plugin, good_inputs())
    # The state holds the program's URL, Xobin another: drift.
    olds = struct(good_inputs())
    plugin.api.live = LiveSettings(Webhook("https://ui.example.com/start", True), LIVE.submission, LIVE.auth)

    response = plugin.call(
        "Diff", proto.DiffRequest(urn=GLOBAL_URN, id="xobin-ai-interview-webhooks", olds=olds, news=news)
    )

    assert response.changes == proto.DiffResponse.DIFF_SOME
    assert dict(response.detailedDiff).keys() == {"start.url"}
    assert response.detailedDiff["start.url"].kind == proto.PropertyDiff.UPDATE
    assert list(response.diffs) == ["start"]
    assert plugin.api.calls == ["read"]
    ((urn, message),) = plugin.warnings
    assert urn == GLOBAL_URN
    assert "start.url: changed outside Pulumi: live 'https://ui.example.com/start'" in message


def test_diff_without_changes_is_quiet(plugin: Plugin) -> None:
    news = checked(plugin, good_inputs())
    response = plugin.call(
        "Diff",
        proto.DiffRequest(
            urn=GLOBAL_URN, id="xobin-ai-interview-webhooks", olds=struct(good_inputs()), news=news
        ),
    )
    assert response.changes == proto.DiffResponse.DIFF_NONE
    assert dict(response.detailedDiff) == {}
    assert plugin.warnings == []


def test_diff_keys_secret_version_in_schema_spelling(plugin: Plugin) -> None:
    auth = {"type": "basic", "username": "svc", "password": PASSWORD, "secretVersion": "2"}
    news = checked(plugin, good_inputs(auth=pv(auth)))
    response = plugin.call(
        "Diff",
        proto.DiffRequest(
            urn=GLOBAL_URN, id="xobin-ai-interview-webhooks", olds=struct(good_inputs()), news=news
        ),
    )
    assert dict(response.detailedDiff).keys() == {"auth.secretVersion"}
    assert response.detailedDiff["auth.secretVersion"].kind == proto.PropertyDiff.ADD
    assert list(response.diffs) == ["auth"]


def test_changed_interview_id_replaces_without_reading(plugin: Plugin) -> None:
    interview = {k: v for k, v in good_inputs().items() if k != "updateAll"}
    olds = struct({**interview, "interviewId": pv("ai-interview-1")})
    news = checked(plugin, {**interview, "interviewId": pv("ai-interview-2")}, INTERVIEW_URN)
    response = plugin.call(
        "Diff", proto.DiffRequest(urn=INTERVIEW_URN, id="ai-interview-1", olds=olds, news=news)
    )
    assert list(response.replaces) == ["interviewId"]
    assert response.detailedDiff["interviewId"].kind == proto.PropertyDiff.UPDATE_REPLACE
    assert plugin.api.calls == []


def test_create_during_a_preview_calls_no_api(plugin: Plugin) -> None:
    inputs = checked(plugin, good_inputs())
    response = plugin.call("Create", proto.CreateRequest(urn=GLOBAL_URN, properties=inputs, preview=True))
    assert response.id == "xobin-ai-interview-webhooks"
    outputs = plain(response.properties)
    assert outputs["auth"]["hasPassword"] == UNKNOWN
    assert outputs["start"]["url"] == START
    assert plugin.api.calls == []


def test_create_applies_and_reports_secrets_as_secret(plugin: Plugin) -> None:
    inputs = checked(plugin, good_inputs())
    response = plugin.call("Create", proto.CreateRequest(urn=GLOBAL_URN, properties=inputs))
    assert plugin.api.calls == ["apply"]
    assert secret_paths(response.properties) == {"auth.password"}
    auth = plain(response.properties)["auth"]
    assert auth["password"] == PASSWORD
    assert auth["hasPassword"] is True
    assert "secretVersion" not in auth, "nulls are left out"


def test_import_adopts_live_settings_without_auth_inputs(plugin: Plugin) -> None:
    response = plugin.call("Read", proto.ReadRequest(urn=GLOBAL_URN, id="xobin-ai-interview-webhooks"))
    outputs, inputs = plain(response.properties), plain(response.inputs)
    assert outputs["start"]["url"] == START
    assert outputs["auth"]["hasPassword"] is True
    assert "auth" not in inputs
    assert inputs["updateAll"] is False


def test_import_of_a_wrong_id_fails_with_one_line(plugin: Plugin) -> None:
    message = plugin.fails("Read", proto.ReadRequest(urn=GLOBAL_URN, id="webhooks"))
    assert message == (
        "cannot import WebhookSettings 'webhooks': its ID is always 'xobin-ai-interview-webhooks'"
    )
    assert plugin.api.calls == []


def test_api_errors_reach_the_engine_as_their_message_alone(plugin: Plugin) -> None:
    plugin.api.failure = ApiError(
        "Xobin answered POST /ai-interviews/settings/webhooks with 500 Internal Server Error",
        method="POST",
        path="/ai-interviews/settings/webhooks",
        status=500,
        server_message=None,
        attempts=1,
    )
    inputs = checked(plugin, good_inputs())
    message = plugin.fails("Create", proto.CreateRequest(urn=GLOBAL_URN, properties=inputs))
    assert message == "Xobin answered POST /ai-interviews/settings/webhooks with 500 Internal Server Error"


def test_unexpected_failures_are_named_without_a_traceback(plugin: Plugin) -> None:
    plugin.api.failure = ValueError("boom")
    inputs = checked(plugin, good_inputs())
    message = plugin.fails("Create", proto.CreateRequest(urn=GLOBAL_URN, properties=inputs))
    assert message == "internal error in pulumi-resource-xobin (ValueError: boom); please report it"
    assert "File " not in message


def test_check_config_names_the_missing_api_key(plugin: Plugin, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XOBIN_API_KEY", raising=False)
    response = plugin.call(
        "CheckConfig",
        proto.CheckRequest(urn=DEFAULT_PROVIDER, news=struct({})),
    )
    (failure,) = response.failures
    assert "xobin:apiKey" in failure.reason


def test_check_config_of_an_explicit_provider_keeps_its_api_key_secret(plugin: Plugin) -> None:
    # Given by the program, the key is recorded (encrypted): destroy and refresh run without the program.
    response = plugin.call(
        "CheckConfig",
        proto.CheckRequest(
            urn=EXPLICIT_PROVIDER,
            news=struct(
                {"apiKey": pv("acct-key-plugin-unit"), "baseUrl": pv("https://xobin.example.com/api")}
            ),
        ),
    )
    assert list(response.failures) == []
    assert plain(response.inputs) == {
        "apiKey": "acct-key-plugin-unit",
        "baseUrl": "https://xobin.example.com/api",
    }
    assert secret_paths(response.inputs) == {"apiKey"}


@pytest.mark.parametrize("name", ["default", "default_0_2_0"])
def test_check_config_of_the_default_provider_leaves_the_api_key_out_of_its_inputs(
    plugin: Plugin, name: str
) -> None:
    # What CheckConfig returns is what the engine records in state.
    response = plugin.call(
        "CheckConfig",
        proto.CheckRequest(
            urn=f"urn:pulumi:dev::proj::pulumi:providers:xobin::{name}",
            news=struct({"apiKey": pv("acct-key-plugin-unit", secret=True), "maxRetries": pv("2")}),
        ),
    )
    assert list(response.failures) == []
    assert plain(response.inputs) == {"maxRetries": "2"}


def configured_api_key(urn: str, args: dict[str, PropertyValue], stack_config: dict[str, str]) -> str:
    """The API key the plugin's client gets, configured as the engine configures the provider `urn`."""
    keys: list[str] = []

    def client_factory(settings: ConnectionSettings) -> FakeApi:
        keys.append(settings.api_key)
        return FakeApi(LIVE)

    async def warn(urn: str, message: str) -> None:
        pass

    provider = XobinProvider("0.2.0", warn=warn, client_factory=client_factory, stack_config=stack_config)
    servicer = _Servicer([], "0.2.0", provider, engine_address="127.0.0.1:1")
    run(servicer.Configure(proto.ConfigureRequest(urn=urn, args=struct(args), acceptSecrets=True), Context()))
    run(servicer.Read(proto.ReadRequest(id="xobin-ai-interview-webhooks", urn=GLOBAL_URN), Context()))
    (key,) = keys
    return key


def test_the_default_provider_reads_its_api_key_from_the_stack_config_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XOBIN_API_KEY", "key-from-the-environment")
    stack_config = {"apiKey": "key-from-the-stack-config"}
    assert configured_api_key(DEFAULT_PROVIDER, {}, stack_config) == "key-from-the-stack-config"


def test_an_explicit_provider_never_takes_the_stack_configs_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # The stack config is the default provider's; another account's provider must not fall back to it.
    monkeypatch.setenv("XOBIN_API_KEY", "key-from-the-environment")
    stack_config = {"apiKey": "key-from-the-stack-config"}
    assert configured_api_key(EXPLICIT_PROVIDER, {}, stack_config) == "key-from-the-environment"
    own = {"apiKey": PropertyValue("key-of-account-b", is_secret=True)}
    assert configured_api_key(EXPLICIT_PROVIDER, own, stack_config) == "key-of-account-b"


def test_diff_with_provider_settings_not_known_yet_compares_with_the_state(plugin: Plugin) -> None:
    # An explicit provider whose API key is another resource's output, during a preview.
    plugin.call("Configure", proto.ConfigureRequest(args=struct({"apiKey": PropertyValue(UNKNOWN)})))
    news = checked(plugin, good_inputs(start=pv({"url": "https://hooks.example.com/v2/start"})))
    state = good_inputs(
        auth=pv({"type": "basic", "username": "svc", "password": PASSWORD, "hasPassword": True})
    )
    response = plugin.call(
        "Diff",
        proto.DiffRequest(urn=GLOBAL_URN, id="xobin-ai-interview-webhooks", olds=struct(state), news=news),
    )
    assert dict(response.detailedDiff).keys() == {"start.url"}
    assert plugin.api.calls == [], "no request with settings that are not known"


def test_the_plugin_runs_as_many_api_calls_at_once_as_the_engine_sends_by_default() -> None:
    # The engine's default parallelism is 4 calls per CPU; each blocks a worker thread while it waits for
    # the API. Every call here waits until all have started: a smaller pool would break the barrier.
    parallel = 4 * (os.cpu_count() or 1)
    all_started = threading.Barrier(parallel, timeout=30)
    with api_executor() as pool:
        waits = [pool.submit(all_started.wait) for _ in range(parallel)]
        assert sorted(wait.result() for wait in waits) == list(range(parallel))
