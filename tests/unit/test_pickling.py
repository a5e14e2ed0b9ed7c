"""Upgrade safety: what Pulumi pickles into state for each provider, and what importing the package does.

Every resource in state carries its provider as `__provider`, a base64 dill pickle made by
`pulumi.dynamic`'s `serialize_provider`. Later refreshes, updates and destroys -- possibly by a newer
release of this package -- load it back by module path and class name. So the pickle must name the
class by reference (no code, no data), must never capture a credential, and those names must not change.
"""

from __future__ import annotations

import base64
import os
import pickletools
import subprocess
import sys
from pathlib import Path
from typing import Any

import dill
import pytest
from pulumi.dynamic import ConfigureRequest, ResourceProvider
from pulumi.dynamic.config import Config
from pulumi.dynamic.dynamic import serialize_provider

from pulumi_xobin._api import client as _client
from pulumi_xobin.provider import InterviewWebhookSettingsProvider, WebhookSettingsProvider
from support.fake_api import FakeApi

# The names that existing stacks' state refers to. Renaming or moving either class, or the
# `pulumi_xobin.provider` module, breaks every stack created with an earlier release: its resources
# can no longer be refreshed, updated or destroyed. Never change this list; add aliases instead.
PICKLED_NAMES: list[tuple[str, str]] = [
    ("pulumi_xobin.provider", "WebhookSettingsProvider"),
    ("pulumi_xobin.provider", "InterviewWebhookSettingsProvider"),
]
PROVIDERS: dict[str, type[ResourceProvider]] = {
    "WebhookSettingsProvider": WebhookSettingsProvider,
    "InterviewWebhookSettingsProvider": InterviewWebhookSettingsProvider,
}
MAX_PICKLE_BYTES = 200
PROJECT = "proj"
BASE_URL = "https://xobin.example.com/api/v2"


def pickled(provider: ResourceProvider) -> bytes:
    return base64.b64decode(serialize_provider(provider))


def globals_named(data: bytes) -> list[tuple[str, str]]:
    """Every (module, name) the pickle imports, from its GLOBAL and STACK_GLOBAL opcodes."""
    found: list[tuple[str, str]] = []
    strings: list[str] = []
    for opcode, arg, _pos in pickletools.genops(data):
        if opcode.name in ("SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE"):
            strings.append(str(arg))
        elif opcode.name == "STACK_GLOBAL":
            found.append((strings[-2], strings[-1]))
        elif opcode.name in ("GLOBAL", "INST"):
            module, name = str(arg).split(" ", 1)
            found.append((module, name))
    return found


def configured(cls: type[ResourceProvider], config: dict[str, str]) -> ResourceProvider:
    provider = cls()
    provider.configure(ConfigureRequest(Config(config, PROJECT)))
    return provider


@pytest.mark.parametrize(("module", "name"), PICKLED_NAMES, ids=[name for _, name in PICKLED_NAMES])
def test_provider_is_pickled_by_reference_to_the_pinned_name(module: str, name: str) -> None:
    cls = PROVIDERS[name]
    assert (cls.__module__, cls.__qualname__) == (module, name)
    data = pickled(cls())
    assert len(data) < MAX_PICKLE_BYTES, len(data)
    assert globals_named(data) == [(module, name)], data
    loaded = dill.loads(data)  # noqa: S301 -- our own pickle, made just above
    assert type(loaded) is cls


@pytest.mark.parametrize(("module", "name"), PICKLED_NAMES, ids=[name for _, name in PICKLED_NAMES])
def test_a_configured_and_used_provider_pickles_to_the_same_bytes(
    module: str, name: str, api_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cls = PROVIDERS[name]
    api = FakeApi()
    monkeypatch.setattr(_client, "client_for", lambda _settings: api)
    fresh = pickled(cls())
    provider = configured(
        cls, {"xobin:apiKey": api_key, "xobin:baseUrl": BASE_URL, "xobin:timeoutSeconds": "5"}
    )
    assert pickled(provider) == fresh

    # Used, too: a check, and a read that leaves live settings behind in the provider for the next diff.
    news: dict[str, Any] = {"start": {"url": "https://hooks.example.com/start", "enabled": True}}
    resource_id = "xobin-ai-interview-webhooks"
    if cls is InterviewWebhookSettingsProvider:
        news, resource_id = {**news, "interview_id": "ai-interview-1"}, "ai-interview-1"
    assert provider.check({}, news).failures == []
    assert provider.read(resource_id, news).inputs is not None
    data = pickled(provider)
    assert data == fresh
    assert api_key.encode() not in data
    assert BASE_URL.encode() not in data


def test_an_unpickled_provider_holds_no_configuration(api_key: str) -> None:
    data = pickled(configured(WebhookSettingsProvider, {"xobin:apiKey": api_key}))
    loaded = dill.loads(data)  # noqa: S301 -- our own pickle, made just above
    # Unconfigured again: its check reports the missing key rather than using one from the pickle.
    reasons = [f.reason for f in loaded.check({}, {}).failures]
    assert any("xobin:apiKey" in reason for reason in reasons), reasons


# Importing must not touch the network: Pulumi's dynamic-provider host imports the package to unpickle
# the provider, and a program imports it before any config exists. The audit hook turns any socket use
# or subprocess into an error (and records it), and the proxies point nowhere.
_IMPORT_WITH_AUDIT = """
import sys

seen = []

def refuse(event, args):
    if event.startswith(("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn")):
        seen.append(event)  # kept even if the importing code swallows the error below
        raise RuntimeError(f"I/O at import: {event} {args!r}")

sys.addaudithook(refuse)
import pulumi_xobin
import pulumi_xobin.provider
assert pulumi_xobin.provider.WebhookSettingsProvider.__module__ == "pulumi_xobin.provider"
print("imported", seen)
"""


def test_import_in_an_empty_environment_does_no_io(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "ALL_PROXY": "http://127.0.0.1:9",
        "NO_PROXY": "",
    }
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_WITH_AUDIT],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported []"
