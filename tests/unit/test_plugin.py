"""What only the native plugin does, driven through its servicer as the engine drives it (`NativeFace`):
the schema it serves, `check` in schema spelling, each changed property's kind, previews that send
nothing, its own faults named without a traceback, and its provider's configuration.

The lifecycle it shares with the dynamic face is test_lifecycle.py's.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
from typing import Any

import pytest
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime import proto
from pulumi.runtime.rpc import UNKNOWN

from pulumi_xobin._plugin.schema import package_schema
from pulumi_xobin._plugin.server import use_api_threads
from support.bags import engine_values, plain, secret_paths
from support.faces import (
    ACCOUNT_API_KEY,
    GLOBAL,
    INTERVIEW,
    PLUGIN_VERSION,
    Failed,
    NativeFace,
)
from support.fake_api import FakeApi
from support.samples import BASIC, SETTINGS_ID, START, SUBMISSION

DEFAULT_PROVIDER = "urn:pulumi:dev::proj::pulumi:providers:xobin::default"
EXPLICIT_PROVIDER = "urn:pulumi:dev::proj::pulumi:providers:xobin::account-b"
INPUTS: dict[str, Any] = {
    "start": {"url": START, "enabled": True},
    "submission": {"url": SUBMISSION, "enabled": True},
    "auth": BASIC,
    "update_all": False,
}


@pytest.fixture
def api() -> FakeApi:
    return FakeApi()


@pytest.fixture
def plugin(api: FakeApi) -> NativeFace:
    return NativeFace(GLOBAL, api)


def check(plugin: NativeFace, news: Any) -> Any:
    return plugin.call("Check", proto.CheckRequest(urn=plugin.urn, news=news))


def test_the_schema_served_is_the_one_generated_for_the_plugin_s_version(plugin: NativeFace) -> None:
    response = plugin.call("GetSchema", proto.GetSchemaRequest(version=0))
    assert json.loads(response.schema) == package_schema(PLUGIN_VERSION)


def test_check_names_failures_by_schema_path_and_sends_nothing(plugin: NativeFace, api: FakeApi) -> None:
    news = engine_values({**INPUTS, "start": {"url": "ftp://x.example.com"}, "updat_all": True})

    found = {(f.property, f.reason) for f in check(plugin, news).failures}

    assert ("start.url", "must be an absolute http or https URL") in found
    (typo,) = [reason for prop, reason in found if prop == "updatAll"]
    assert "updateAll" in typo, "expected names are spelled as the program spells them"
    assert api.calls == []


def test_check_keeps_secret_what_the_program_made_secret(plugin: NativeFace) -> None:
    news = PropertyValue.unmarshal_map(engine_values(INPUTS))
    news["submission"] = PropertyValue(news["submission"].value, is_secret=True)

    response = check(plugin, PropertyValue.marshal_map(news))

    assert secret_paths(response.inputs) == {"auth.password", "submission"}
    assert plain(response.inputs) == INPUTS


def test_check_lets_unknown_values_through(plugin: NativeFace) -> None:
    response = check(plugin, engine_values({**INPUTS, "start": {"url": UNKNOWN}}))
    assert list(response.failures) == []
    assert plain(response.inputs)["start"]["url"] == UNKNOWN


def kinds(plugin: NativeFace) -> dict[str, tuple[int, bool]]:
    """Each changed property of the last diff: its kind, and whether an input's change is the cause."""
    return {path: (d.kind, d.inputDiff) for path, d in plugin.last_diff.detailedDiff.items()}


def test_each_changed_property_says_how_it_changes(plugin: NativeFace) -> None:
    plugin.create(INPUTS)
    versioned = {**INPUTS, "auth": {**BASIC, "secret_version": "2"}}

    plugin.preview({**versioned, "start": {"url": "https://hooks.example.com/v2/start"}})
    assert kinds(plugin) == {
        "start.url": (proto.PropertyDiff.UPDATE, False),
        "auth.secretVersion": (proto.PropertyDiff.ADD, False),
    }
    plugin.up(versioned)
    plugin.preview(INPUTS)
    assert kinds(plugin) == {"auth.secretVersion": (proto.PropertyDiff.DELETE, False)}


def test_a_new_interview_id_is_an_input_that_replaces(api: FakeApi) -> None:
    plugin = NativeFace(INTERVIEW, api)
    plugin.create({"interview_id": "ai-interview-1", "start": {"url": START}})
    plugin.preview({"interview_id": "ai-interview-2", "start": {"url": START}})

    assert kinds(plugin) == {"interviewId": (proto.PropertyDiff.UPDATE_REPLACE, True)}


def test_previews_of_create_and_update_send_nothing(plugin: NativeFace, api: FakeApi) -> None:
    inputs = check(plugin, engine_values(INPUTS)).inputs

    created = plugin.call("Create", proto.CreateRequest(urn=plugin.urn, properties=inputs, preview=True))
    updated = plugin.call(
        "Update",
        proto.UpdateRequest(urn=plugin.urn, id=SETTINGS_ID, olds=inputs, news=inputs, preview=True),
    )

    assert created.id == SETTINGS_ID
    expected = {**INPUTS, "auth": {**BASIC, "has_password": UNKNOWN}}
    assert plain(created.properties) == plain(updated.properties) == expected
    assert api.calls == []


def test_a_fault_of_its_own_is_named_without_a_traceback(plugin: NativeFace, api: FakeApi) -> None:
    api.fail_next("apply", ValueError("boom"))

    with pytest.raises(Failed) as failed:
        plugin.create(INPUTS)

    assert str(failed.value) == "internal error in pulumi-resource-xobin (ValueError: boom); please report it"


def test_diff_with_provider_settings_not_known_yet_compares_with_the_state(
    plugin: NativeFace, api: FakeApi
) -> None:
    plugin.create(INPUTS)
    made = len(api.calls)
    # An explicit provider whose API key is another resource's output, during a preview.
    args = PropertyValue.marshal_map({"apiKey": PropertyValue(UNKNOWN)})
    plugin.call("Configure", proto.ConfigureRequest(urn=EXPLICIT_PROVIDER, args=args))

    diff = plugin.preview({**INPUTS, "start": {"url": "https://hooks.example.com/v2/start"}})

    assert diff.paths == frozenset({"start.url"})
    assert api.calls[made:] == [], "no request with settings that are not known"


# The provider's configuration.


def test_check_config_names_the_missing_api_key(plugin: NativeFace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XOBIN_API_KEY", raising=False)
    response = plugin.call("CheckConfig", proto.CheckRequest(urn=DEFAULT_PROVIDER, news=engine_values({})))
    (failure,) = response.failures
    assert "xobin:apiKey" in failure.reason


def test_check_config_of_an_explicit_provider_keeps_its_api_key_secret(plugin: NativeFace) -> None:
    # Given by the program, the key is recorded (encrypted): destroy and refresh run without the program.
    config = {"api_key": ACCOUNT_API_KEY, "base_url": "https://xobin.example.com/api"}
    response = plugin.call(
        "CheckConfig", proto.CheckRequest(urn=EXPLICIT_PROVIDER, news=engine_values(config))
    )
    assert list(response.failures) == []
    assert plain(response.inputs) == config
    assert secret_paths(response.inputs) == {"api_key"}


@pytest.mark.parametrize("name", ["default", "default_0_2_0"])
def test_check_config_of_the_default_provider_leaves_the_api_key_out_of_its_inputs(
    plugin: NativeFace, name: str
) -> None:
    # What CheckConfig returns is what the engine records in state.
    response = plugin.call(
        "CheckConfig",
        proto.CheckRequest(
            urn=f"urn:pulumi:dev::proj::pulumi:providers:xobin::{name}",
            news=engine_values({"api_key": ACCOUNT_API_KEY, "max_retries": "2"}),
        ),
    )
    assert list(response.failures) == []
    assert plain(response.inputs) == {"max_retries": "2"}


def configured_api_key(provider: str, config: dict[str, PropertyValue], stack_config: dict[str, str]) -> str:
    """The API key the plugin's client gets, configured as the engine configures `provider` (a URN)."""
    plugin = NativeFace(GLOBAL, FakeApi(), provider=provider, config=config, stack_config=stack_config)
    plugin.import_(SETTINGS_ID)
    (key,) = plugin.api_keys
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


def test_the_plugin_runs_the_engines_default_parallelism_of_api_calls_at_once() -> None:
    # The engine's default parallelism is 4 calls per CPU; each blocks a worker thread while it waits for
    # the API. Every call here waits until all have started: a smaller pool would break the barrier.
    parallel = 4 * (os.cpu_count() or 1)
    all_started = threading.Barrier(parallel, timeout=30)

    async def calls() -> list[int]:
        use_api_threads(asyncio.get_running_loop())
        return await asyncio.gather(*(asyncio.to_thread(all_started.wait) for _ in range(parallel)))

    assert sorted(asyncio.run(calls())) == list(range(parallel))
