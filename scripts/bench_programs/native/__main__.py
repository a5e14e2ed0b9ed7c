"""The quickstart through the native provider, for the benchmark: the same one `WebhookSettings` with the
same settings and exports as examples/quickstart, from `pulumi_xobin.native`. The Pulumi.yaml the
benchmark writes tells the engine where the plugin is, as the README tells users.
"""

import pulumi

import pulumi_xobin.native as xobin

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
pulumi.export(
    "has_password",
    pulumi.Output.unsecret(webhooks.auth.apply(lambda auth: bool(auth and auth.get("has_password")))),
)
