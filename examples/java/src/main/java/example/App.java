// The native provider from Java: the account-wide settings and one interview's override.
//
//   pulumi config set --secret webhookPassword <password>
//   pulumi config set --secret xobin:apiKey <account API key>
package example;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.resources.CustomResourceOptions;
import io.github.pulumixobin.xobin.InterviewWebhookSettings;
import io.github.pulumixobin.xobin.InterviewWebhookSettingsArgs;
import io.github.pulumixobin.xobin.WebhookSettings;
import io.github.pulumixobin.xobin.WebhookSettingsArgs;
import io.github.pulumixobin.xobin.enums.WebhookAuthType;
import io.github.pulumixobin.xobin.inputs.WebhookArgs;
import io.github.pulumixobin.xobin.inputs.WebhookAuthArgs;
import io.github.pulumixobin.xobin.outputs.Webhook;
import io.github.pulumixobin.xobin.outputs.WebhookAuthStatus;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    private static void stack(Context ctx) {
        var config = ctx.config();
        var auth = WebhookAuthArgs.builder()
            .type(WebhookAuthType.Basic)
            .username("svc")
            .password(config.requireSecret("webhookPassword"))
            .build();

        var defaults = new WebhookSettings("ai-interview-webhooks", WebhookSettingsArgs.builder()
            .start(WebhookArgs.builder()
                .url(config.get("startUrl").orElse("https://hooks.example.com/start"))
                .build())
            .submission(WebhookArgs.builder().url("https://hooks.example.com/submission").build())
            .auth(auth)
            .build());

        new InterviewWebhookSettings(
            "interview-override",
            InterviewWebhookSettingsArgs.builder()
                .interviewId(config.get("interviewId").orElse("ai-interview-1"))
                .submission(WebhookArgs.builder().url("https://hooks.example.com/interview/submission").build())
                .auth(auth)
                .build(),
            // Apply the account-wide defaults first, so they cannot overwrite the override.
            CustomResourceOptions.builder().dependsOn(defaults).build());

        ctx.export("startUrl", defaults.start().applyValue(hook -> hook.flatMap(Webhook::url).orElse(null)));
        // The auth output holds the password, so Pulumi keeps the whole object secret; this flag is not.
        var hasPassword = defaults.auth()
            .applyValue(status -> status.flatMap(WebhookAuthStatus::hasPassword).orElse(false));
        ctx.export("hasPassword", hasPassword.asPlaintext());
    }
}
