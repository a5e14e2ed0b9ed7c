"""Malformed: an auth type the API does not have. `preview` must fail on auth.type."""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()

xobin.WebhookSettings(
    "bad-auth-type",
    start=xobin.WebhookArgs(url="https://hooks.example.com/start"),
    auth={"type": "oauth", "username": "svc", "password": config.require_secret("webhookPassword")},
)
