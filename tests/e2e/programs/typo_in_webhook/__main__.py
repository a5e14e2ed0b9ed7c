"""Malformed: a misspelt webhook field in a plain dict. `preview` must fail on submission.enabeld."""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()

xobin.WebhookSettings(
    "typo",
    submission={"url": "https://hooks.example.com/submission", "enabeld": False},
    auth=xobin.BasicAuthArgs(username="svc", password=config.require_secret("webhookPassword")),
)
