"""One program, one stack per environment: each stack's config says where its webhooks go.

pulumi stack select dev     # or prod
pulumi config set --secret xobin:apiKey <that account's API key>
pulumi config set --secret webhookApiKey <the value Xobin sends in the auth header>
pulumi up
"""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()

settings = xobin.WebhookSettings(
    "webhooks",
    start=xobin.WebhookArgs(url=config.require("startUrl")),
    submission=xobin.WebhookArgs(url=config.require("submissionUrl")),
    auth=xobin.ApiKeyAuthArgs(
        header=config.get("authHeader") or "X-Webhook-Key",
        value=config.require_secret("webhookApiKey"),
    ),
    update_all=config.get_bool("updateAll") or False,
)

pulumi.export("environment", pulumi.get_stack())
pulumi.export("submission_url", settings.submission.apply(lambda hook: hook and hook["url"]))
