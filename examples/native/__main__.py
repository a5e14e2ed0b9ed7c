"""The native provider from Python: the account-wide settings and one interview's override.

The same arguments as the dynamic resources, with per-property diffs, `pulumi import` and plain error
messages. The engine fetches the plugin of the package's version on first use (the README's "Install").

pulumi config set --secret webhookPassword <password>
pulumi config set --secret xobin:apiKey <account API key>
"""

import pulumi

import pulumi_xobin.native as xobin

config = pulumi.Config()
auth = xobin.BasicAuthArgs(
    username="svc",
    password=config.require_secret("webhookPassword"),
    # Change it to send the password again, after someone changed it in the Xobin UI.
    secret_version=config.get("passwordVersion"),
)

defaults = xobin.WebhookSettings(
    "ai-interview-webhooks",
    start=xobin.WebhookArgs(url=config.get("startUrl") or "https://hooks.example.com/start"),
    submission=xobin.WebhookArgs(url="https://hooks.example.com/submission"),
    auth=auth,
)
override = xobin.InterviewWebhookSettings(
    "interview-override",
    interview_id=config.get("interviewId") or "ai-interview-1",
    submission=xobin.WebhookArgs(url="https://hooks.example.com/interview/submission"),
    auth=auth,
    # Apply the account-wide defaults first, so they cannot overwrite the override.
    opts=pulumi.ResourceOptions(depends_on=[defaults]),
)

pulumi.export("start_url", defaults.start.apply(lambda hook: hook and hook["url"]))
pulumi.export(
    "has_password",
    pulumi.Output.unsecret(defaults.auth.apply(lambda auth: bool(auth and auth.get("has_password")))),
)
