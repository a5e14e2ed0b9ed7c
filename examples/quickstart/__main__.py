"""The smallest real program: both webhooks, with basic auth whose password is a stack secret.

pulumi config set --secret webhookPassword <password>
pulumi config set --secret xobin:apiKey <account API key>
"""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()

webhooks = xobin.WebhookSettings(
    "ai-interview-webhooks",
    start=xobin.WebhookArgs(url=config.get("startUrl") or "https://hooks.example.com/start", enabled=True),
    submission={
        "url": config.get("submissionUrl") or "https://hooks.example.com/submission",
        "enabled": True,
    },
    auth=xobin.BasicAuthArgs(username="svc", password=config.require_secret("webhookPassword")),
    update_all=True,
)

pulumi.export("start_url", webhooks.start.apply(lambda hook: hook and hook["url"]))
# The auth output holds the password, so Pulumi keeps the whole object secret; this flag is not.
pulumi.export(
    "has_password",
    pulumi.Output.unsecret(webhooks.auth.apply(lambda auth: bool(auth and auth.get("has_password")))),
)
