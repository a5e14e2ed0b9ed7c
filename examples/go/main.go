// The native provider from Go: the account-wide settings and one interview's override.
//
//	pulumi config set --secret webhookPassword <password>
//	pulumi config set --secret xobin:apiKey <account API key>
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/pulumi-xobin/pulumi-xobin/sdk/go/xobin"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		auth := &xobin.WebhookAuthArgs{
			Type:     xobin.WebhookAuthTypeBasic,
			Username: pulumi.String("svc"),
			Password: cfg.RequireSecret("webhookPassword"),
		}

		defaults, err := xobin.NewWebhookSettings(ctx, "ai-interview-webhooks", &xobin.WebhookSettingsArgs{
			Start:      &xobin.WebhookArgs{Url: pulumi.String(orDefault(cfg.Get("startUrl"), "https://hooks.example.com/start"))},
			Submission: &xobin.WebhookArgs{Url: pulumi.String("https://hooks.example.com/submission")},
			Auth:       auth,
		})
		if err != nil {
			return err
		}

		_, err = xobin.NewInterviewWebhookSettings(ctx, "interview-override", &xobin.InterviewWebhookSettingsArgs{
			InterviewId: pulumi.String(orDefault(cfg.Get("interviewId"), "ai-interview-1")),
			Submission:  &xobin.WebhookArgs{Url: pulumi.String("https://hooks.example.com/interview/submission")},
			Auth:        auth,
		},
			// Apply the account-wide defaults first, so they cannot overwrite the override.
			pulumi.DependsOn([]pulumi.Resource{defaults}),
		)
		if err != nil {
			return err
		}

		ctx.Export("startUrl", defaults.Start.Url())
		// The auth output holds the password, so Pulumi keeps the whole object secret; this flag is not.
		hasPassword := defaults.Auth.HasPassword().ApplyT(func(has *bool) bool { return has != nil && *has })
		ctx.Export("hasPassword", pulumi.Unsecret(hasPassword))
		return nil
	})
}

// orDefault is value, or fallback when the config key is not set.
func orDefault(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}
