"""The Pulumi program: Xobin's start and submission webhooks point at the receiver, with basic auth.

Stack config: `xobin:apiKey` (secret) and `xobin:baseUrl`, `receiverUrl`, `webhookPassword` (secret),
and `pilotInterview`, an AI interview whose submissions are not reported yet.
"""

from __future__ import annotations

import pulumi

import pulumi_xobin as xobin


def program() -> None:
    config = pulumi.Config()
    receiver = config.require("receiverUrl")
    defaults = xobin.WebhookSettings(
        "ai-interview-webhooks",
        start=xobin.WebhookArgs(url=f"{receiver}/xobin/start"),
        submission=xobin.WebhookArgs(url=f"{receiver}/xobin/submission"),
        auth=xobin.BasicAuthArgs(username="xobin", password=config.require_secret("webhookPassword")),
    )
    xobin.InterviewWebhookSettings(
        "pilot",
        interview_id=config.require("pilotInterview"),
        submission=xobin.WebhookArgs(enabled=False),
        opts=pulumi.ResourceOptions(depends_on=[defaults]),
    )
