"""Settings kept on destroy: `retain_on_delete` tells Pulumi to leave them in Xobin."""

import pulumi

import pulumi_xobin as xobin

xobin.WebhookSettings(
    "kept-webhooks",
    start=xobin.WebhookArgs(url="https://hooks.example.com/start"),
    opts=pulumi.ResourceOptions(retain_on_delete=True),
)
