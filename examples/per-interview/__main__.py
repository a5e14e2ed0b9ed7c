"""Account-wide defaults plus per-interview overrides for a list of interviews read from stack config.

pulumi config set --secret webhookPassword <password>
pulumi config set --path 'overrides[0].interviewId' ai-interview-1
pulumi config set --path 'overrides[0].submissionUrl' https://hooks.example.com/team-a/submission
"""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()
auth = xobin.BasicAuthArgs(username="svc", password=config.require_secret("webhookPassword"))

defaults = xobin.WebhookSettings(
    "defaults",
    start=xobin.WebhookArgs(url="https://hooks.example.com/start"),
    submission=xobin.WebhookArgs(url="https://hooks.example.com/submission"),
    auth=auth,
)

overrides = config.get_object("overrides") or []
for override in overrides:
    interview_id = override["interviewId"]
    xobin.InterviewWebhookSettings(
        f"interview-{interview_id}",
        interview_id=interview_id,
        submission=xobin.WebhookArgs(url=override["submissionUrl"]),
        auth=auth,
        # Apply the account-wide defaults first, so they cannot overwrite an override.
        opts=pulumi.ResourceOptions(depends_on=[defaults]),
    )

pulumi.export("overridden", [o["interviewId"] for o in overrides])
