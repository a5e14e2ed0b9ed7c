"""A program on the SDK that `pulumi package add <checkout>/provider` generates for a Python project."""

import pulumi

import pulumi_xobin_native as xobin

config = pulumi.Config()
xobin.WebhookSettings(
    "hooks",
    start=xobin.WebhookArgs(url="https://hooks.example.com/start"),
    auth={"type": "basic", "username": "svc", "password": config.require_secret("webhookPassword")},
)
