"""`count` per-interview overrides (ai-interview-1 to ai-interview-<count>), for the scale benchmark.

Unlike examples/per-interview there is no account-wide resource to depend on: the resources are
independent, so Pulumi is free to run their operations in parallel, which is what the benchmark measures.
Config `face: native` makes them the native provider's resources (the benchmark's project for it tells the
engine where the plugin is); `changed: <n>` gives interview n another submission URL, an update of one.
"""

from collections.abc import Callable

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()
count = config.require_int("count")
changed = config.get_int("changed")
submission_url = config.get("submissionUrl") or "https://hooks.example.com/submission"
auth = xobin.BasicAuthArgs(username="svc", password=config.require_secret("webhookPassword"))

settings: Callable[..., pulumi.CustomResource] = xobin.InterviewWebhookSettings
if config.get("face") == "native":
    import pulumi_xobin.native

    settings = pulumi_xobin.native.InterviewWebhookSettings

for n in range(1, count + 1):
    settings(
        f"interview-{n}",
        interview_id=f"ai-interview-{n}",
        submission=xobin.WebhookArgs(url=f"{submission_url}/changed" if n == changed else submission_url),
        auth=auth,
    )

pulumi.export("count", count)
