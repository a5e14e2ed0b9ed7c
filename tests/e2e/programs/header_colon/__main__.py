"""Malformed: an API-key header name with a colon in it. `preview` must fail on auth.header."""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()

xobin.WebhookSettings(
    "header-with-colon",
    submission=xobin.WebhookArgs(url="https://hooks.example.com/submission"),
    auth=xobin.ApiKeyAuthArgs(header="X-Webhook-Key:", value=config.require_secret("webhookPassword")),
)
