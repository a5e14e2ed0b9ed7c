"""Account-wide webhooks and two interviews' own parts, routed to one receiver (tests/e2e/test_receiver.py).

ai-interview-2 has its own start webhook and API-key auth; ai-interview-3 switches its submission off.
`updateAll` (config) copies the account's settings onto every interview when it turns on.
"""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()
receiver = config.require("receiverUrl")
defaults = xobin.WebhookSettings(
    "defaults",
    start=xobin.WebhookArgs(url=f"{receiver}/account/start"),
    submission=xobin.WebhookArgs(url=f"{receiver}/account/submission"),
    auth=xobin.BasicAuthArgs(username="svc", password=config.require_secret("webhookPassword")),
    update_all=config.get_bool("updateAll") or False,
)
xobin.InterviewWebhookSettings(
    "two",
    interview_id="ai-interview-2",
    start=xobin.WebhookArgs(url=f"{receiver}/two/start"),
    auth=xobin.ApiKeyAuthArgs(header="X-Two-Key", value=config.require_secret("twoKey")),
    opts=pulumi.ResourceOptions(depends_on=[defaults]),
)
xobin.InterviewWebhookSettings(
    "three",
    interview_id="ai-interview-3",
    submission=xobin.WebhookArgs(enabled=False),
    opts=pulumi.ResourceOptions(depends_on=[defaults]),
)
