"""The dynamic resource with `secret_version`: changing it sends the password again."""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()

xobin.WebhookSettings(
    "ai-interview-webhooks",
    start=xobin.WebhookArgs(url="https://hooks.example.com/start"),
    auth=xobin.BasicAuthArgs(
        username="svc",
        password=config.require_secret("webhookPassword"),
        secret_version=config.get("passwordVersion"),
    ),
)
