"""Malformed: basic auth and API-key auth at once. `preview` must fail on auth."""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()
secret = config.require_secret("webhookPassword")

xobin.WebhookSettings(
    "both-auth-kinds",
    start=xobin.WebhookArgs(url="https://hooks.example.com/start"),
    auth={"username": "svc", "password": secret, "header": "X-Webhook-Key", "value": secret},
)
