"""The examples that are more than one stack: each runs against emulators, as users would run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hermetic import Hermetic
from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import EXAMPLES, StackFactory, assert_no_secrets

pytestmark = pytest.mark.e2e


def test_stack_per_environment_gives_each_stack_its_own_settings(
    make_stack: StackFactory, api_key: str, password: str
) -> None:
    with Emulator(api_key=f"dev-{api_key}") as dev, Emulator(api_key=f"prod-{api_key}") as prod:
        stacks = {}
        for name, emulator in (("dev", dev), ("prod", prod)):
            stacks[name] = make_stack(
                "stack-per-environment",
                stack_name=name,
                project="xobin-environments",
                emulator=emulator,
                api_key=f"{name}-{api_key}",
                secrets={"webhookApiKey": f"{name}-{password}"},
            )
            stacks[name].up()

        dev_live, prod_live = dev.admin.state(), prod.admin.state()
        assert dev_live["global"]["start"]["url"] == "https://dev.hooks.example.com/xobin/start"
        assert prod_live["global"]["start"]["url"] == "https://hooks.example.com/xobin/start"
        assert dev_live["global"]["auth"]["apikey"] == {
            "header": "X-Dev-Webhook-Key",
            "apikey": f"dev-{password}",
        }
        assert prod_live["global"]["auth"]["apikey"] == {
            "header": "X-Webhook-Key",
            "apikey": f"prod-{password}",
        }
        # Only prod sets updateAll, so only prod's interviews got the settings.
        assert all(i["start"]["url"] is None for i in dev_live["interviews"].values())
        assert all(i["start"]["url"] is not None for i in prod_live["interviews"].values())

        for stack in stacks.values():
            assert stack.preview().change_summary == {"same": 2}
            stack.destroy()
            assert_no_secrets(stack, password, api_key)
        assert dev.admin.state()["global"]["start"]["status"] is False
        assert prod.admin.state()["global"]["start"]["status"] is False


def test_automation_example_applies_reports_drift_and_cleans_up(
    tmp_path: Path, api_key: str, password: str
) -> None:
    with Emulator(api_key=f"dev-{api_key}") as dev, Emulator(api_key=f"prod-{api_key}") as prod:
        env = {
            **Hermetic(tmp_path).env(),
            "XOBIN_DEV_API_KEY": f"dev-{api_key}",
            "XOBIN_DEV_BASE_URL": dev.url,
            "XOBIN_PROD_API_KEY": f"prod-{api_key}",
            "XOBIN_PROD_BASE_URL": prod.url,
            "WEBHOOK_PASSWORD": password,
        }
        done = subprocess.run(
            [sys.executable, str(EXAMPLES / "automation" / "main.py"), "--destroy"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, output
        assert "[dev] applied: {'create': 2}" in output
        assert "[prod]   start_url = https://hooks.example.com/xobin/start" in output
        assert "[dev] drift report: no drift" in output
        assert "[prod] destroyed" in output
        assert password not in output
        assert api_key not in output
        assert dev.admin.state()["global"]["start"] == {
            "status": False,
            "url": "https://dev.hooks.example.com/xobin/start",
        }
        assert prod.admin.requests()["counts"]
