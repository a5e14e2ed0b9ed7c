"""Two Xobin accounts in one program: the default provider and an explicit one."""

import pulumi

import pulumi_xobin.native as xobin

config = pulumi.Config()
auth = xobin.BasicAuthArgs(username="svc", password=config.require_secret("webhookPassword"))

xobin.WebhookSettings(
    "account-a", start=xobin.WebhookArgs(url="https://hooks.example.com/a/start"), auth=auth
)

account_b = xobin.Provider(
    "account-b", api_key=config.require_secret("accountBKey"), base_url=config.require("accountBUrl")
)
xobin.WebhookSettings(
    "account-b",
    start=xobin.WebhookArgs(url="https://hooks.example.com/b/start"),
    auth=auth,
    opts=pulumi.ResourceOptions(provider=account_b),
)
