"""The quickstart as users write it without this package: an inline dynamic provider in `__main__`.

Deliberately naive, as the benchmark's baseline: one `httpx.post` per create, update and delete, no
retries, no validation, no drift detection (Pulumi's default diff of inputs) and no read on refresh.
The connection settings travel as resource inputs, the usual way to hand them to an inline provider.
"""

from typing import Any

import httpx
import pulumi
from pulumi.dynamic import CreateResult, Resource, ResourceProvider, UpdateResult

PATH = "/ai-interviews/settings/webhooks"


def _post(props: dict[str, Any], webhooks: dict[str, Any], update_all: bool) -> None:
    body: dict[str, Any] = {"webhooks": webhooks}
    if update_all:
        body["updateAll"] = True
    response = httpx.post(props["base_url"] + PATH, json=body, headers={"apiKey": props["api_key"]})
    response.raise_for_status()


def _webhooks(props: dict[str, Any]) -> dict[str, Any]:
    return {
        "start": {"url": props["start_url"], "status": True},
        "submission": {"url": props["submission_url"], "status": True},
        "auth": {"type": "basic", "basic": {"username": props["username"], "password": props["password"]}},
    }


class NaiveWebhooksProvider(ResourceProvider):
    def create(self, props: dict[str, Any]) -> CreateResult:
        _post(props, _webhooks(props), props["update_all"])
        return CreateResult("xobin-ai-interview-webhooks", props)

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        _post(news, _webhooks(news), news["update_all"])
        return UpdateResult(news)

    def delete(self, _id: str, props: dict[str, Any]) -> None:
        off = {name: {"url": props[f"{name}_url"], "status": False} for name in ("start", "submission")}
        _post(props, off, False)


class NaiveWebhooks(Resource):
    def __init__(self, name: str, props: dict[str, Any]) -> None:
        super().__init__(NaiveWebhooksProvider(), name, props)


config = pulumi.Config()
xobin = pulumi.Config("xobin")

NaiveWebhooks(
    "ai-interview-webhooks",
    {
        "base_url": xobin.require("baseUrl"),
        "api_key": xobin.require_secret("apiKey"),
        "start_url": config.get("startUrl") or "https://hooks.example.com/start",
        "submission_url": config.get("submissionUrl") or "https://hooks.example.com/submission",
        "username": "svc",
        "password": config.require_secret("webhookPassword"),
        "update_all": True,
    },
)
