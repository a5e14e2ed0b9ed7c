"""Malformed: a webhook over plain http to a public host. `preview` must fail on start.url."""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()

xobin.WebhookSettings(
    "plain-http",
    start=xobin.WebhookArgs(url="http://hooks.example.com/start"),
    auth=xobin.BasicAuthArgs(username="svc", password=config.require_secret("webhookPassword")),
)
