"""Malformed: an interview id that is not one URL path segment. `preview` must fail on interview_id."""

import pulumi

import pulumi_xobin as xobin

config = pulumi.Config()

xobin.InterviewWebhookSettings(
    "interview-with-slash",
    interview_id="ai-interview-1/../ai-interview-2",
    submission=xobin.WebhookArgs(url="https://hooks.example.com/team-a/submission"),
    auth=xobin.BasicAuthArgs(username="svc", password=config.require_secret("webhookPassword")),
)
