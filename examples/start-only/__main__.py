"""Manage only the start webhook: the submission webhook and the auth stay as they are set in Xobin."""

import pulumi_xobin as xobin

xobin.WebhookSettings(
    "start-webhook",
    start=xobin.WebhookArgs(url="https://hooks.example.com/start"),
)
