// The native provider from TypeScript: the account-wide settings and one interview's override.
//
//   pulumi config set --secret webhookPassword <password>
//   pulumi config set --secret xobin:apiKey <account API key>
import * as pulumi from "@pulumi/pulumi";
import * as xobin from "@pulumi-xobin/xobin";

const config = new pulumi.Config();
const auth = {
    type: xobin.WebhookAuthType.Basic,
    username: "svc",
    password: config.requireSecret("webhookPassword"),
};

const defaults = new xobin.WebhookSettings("ai-interview-webhooks", {
    start: { url: config.get("startUrl") ?? "https://hooks.example.com/start" },
    submission: { url: "https://hooks.example.com/submission" },
    auth,
});

new xobin.InterviewWebhookSettings(
    "interview-override",
    {
        interviewId: config.get("interviewId") ?? "ai-interview-1",
        submission: { url: "https://hooks.example.com/interview/submission" },
        auth,
    },
    // Apply the account-wide defaults first, so they cannot overwrite the override.
    { dependsOn: [defaults] },
);

export const startUrl = defaults.start.apply((hook) => hook?.url);
// The auth output holds the password, so Pulumi keeps the whole object secret; this flag is not.
export const hasPassword = pulumi.unsecret(defaults.auth.apply((a) => a?.hasPassword ?? false));
