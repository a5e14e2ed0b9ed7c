"""Apply Xobin webhook settings to several environments from Python, with Pulumi's Automation API.

Each environment is a stack of one inline program. For each, the script applies the settings, prints
the outputs and a drift report (a preview with refresh), and with --destroy cleans up afterwards.

    XOBIN_DEV_API_KEY=... XOBIN_PROD_API_KEY=... WEBHOOK_PASSWORD=... python examples/automation/main.py

The environments' base URLs default to Xobin's; set XOBIN_DEV_BASE_URL / XOBIN_PROD_BASE_URL to point
one elsewhere (the tests point them at two emulators). State goes where PULUMI_BACKEND_URL says.
"""

from __future__ import annotations

import argparse
import os
import sys

import pulumi
from pulumi import automation as auto

import pulumi_xobin as xobin

PROJECT = "xobin-automation"
ENVIRONMENTS = {
    "dev": "https://dev.hooks.example.com/xobin",
    "prod": "https://hooks.example.com/xobin",
}


def program() -> None:
    config = pulumi.Config()
    hooks = config.require("hooksBase")
    settings = xobin.WebhookSettings(
        "webhooks",
        start=xobin.WebhookArgs(url=f"{hooks}/start"),
        submission=xobin.WebhookArgs(url=f"{hooks}/submission"),
        auth=xobin.BasicAuthArgs(username="xobin", password=config.require_secret("webhookPassword")),
    )
    pulumi.export("start_url", settings.start.apply(lambda hook: hook and hook["url"]))


def stack_for(environment: str) -> auto.Stack:
    # The dynamic provider runs in a process of its own: have it use this interpreter, which has
    # pulumi_xobin installed (Pulumi's launcher for Python dynamic providers honours PULUMI_PYTHON_CMD).
    stack = auto.create_or_select_stack(
        stack_name=environment,
        project_name=PROJECT,
        program=program,
        opts=auto.LocalWorkspaceOptions(
            secrets_provider="passphrase", env_vars={"PULUMI_PYTHON_CMD": sys.executable}
        ),
    )
    prefix = f"XOBIN_{environment.upper()}_"
    stack.set_all_config(
        {
            "xobin:apiKey": auto.ConfigValue(os.environ[prefix + "API_KEY"], secret=True),
            "xobin:baseUrl": auto.ConfigValue(
                os.environ.get(prefix + "BASE_URL", "https://app.xobin.com/api/v2")
            ),
            "hooksBase": auto.ConfigValue(ENVIRONMENTS[environment]),
            "webhookPassword": auto.ConfigValue(os.environ["WEBHOOK_PASSWORD"], secret=True),
        }
    )
    return stack


def main() -> int:
    parser = argparse.ArgumentParser(description="Apply Xobin webhook settings to several environments.")
    parser.add_argument("--destroy", action="store_true", help="destroy and remove the stacks at the end")
    args = parser.parse_args()
    for environment in ENVIRONMENTS:
        stack = stack_for(environment)
        result = stack.up(on_output=lambda _line: None)
        print(f"[{environment}] applied: {result.summary.resource_changes}")
        for name, output in result.outputs.items():
            print(f"[{environment}]   {name} = {'[secret]' if output.secret else output.value}")
        drift = stack.preview(refresh=True, on_output=lambda _line: None).change_summary
        drifted = {kind: n for kind, n in drift.items() if kind != "same"}
        print(f"[{environment}] drift report: {drifted or 'no drift'}")
    if args.destroy:
        for environment in ENVIRONMENTS:
            stack = stack_for(environment)
            stack.destroy(on_output=lambda _line: None)
            stack.workspace.remove_stack(environment)
            print(f"[{environment}] destroyed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
