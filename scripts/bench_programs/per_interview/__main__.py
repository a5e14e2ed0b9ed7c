"""`count` per-interview overrides (ai-interview-1 to ai-interview-<count>), for the scale benchmark.

Unlike examples/per-interview there is no account-wide resource to depend on: the resources are
independent, so Pulumi is free to run their operations in parallel, which is what the benchmark measures.
"""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()
count = config.require_int("count")
submission_url = config.get("submissionUrl") or "https://hooks.example.com/submission"
auth = xobin.BasicAuthArgs(username="svc", password=config.require_secret("webhookPassword"))

for n in range(1, count + 1):
    xobin.InterviewWebhookSettings(
        f"interview-{n}",
        interview_id=f"ai-interview-{n}",
        submission=xobin.WebhookArgs(url=submission_url),
        auth=auth,
    )

pulumi.export("count", count)
