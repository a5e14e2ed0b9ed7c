"""The README's demo: the quickstart program, through the real `pulumi` CLI, against a local Xobin emulator.

Runs hermetically: a temporary PULUMI_HOME and file:// state backend, a passphrase secrets provider, no
update checks and no plugin downloads. Scenes: up, a quiet preview, drift made out of band (the password
cleared and a URL edited, as someone might in the Xobin UI), the preview that finds it, the up that
repairs it, and destroy. Run it with `make demo`.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from pulumi_xobin.emulator import Emulator

ROOT = Path(__file__).resolve().parents[1]
STACK = "demo"


def scene(title: str) -> None:
    print(f"\n=== {title} ===", flush=True)


def pulumi(*args: str, env: dict[str, str], secret: str | None = None) -> None:
    shown = " ".join("********" if arg == secret else arg for arg in args)
    print(f"$ pulumi {shown}", flush=True)
    subprocess.run(["pulumi", *args], cwd=ROOT, env=env, check=True)


def masked(settings: dict[str, Any]) -> dict[str, Any]:
    """The emulator's stored settings with the secrets hidden: the demo must not print them either."""
    shown: dict[str, Any] = json.loads(json.dumps(settings))
    auth = shown["auth"]
    for part, key in (("basic", "password"), ("apikey", "apikey")):
        if auth[part][key] is not None:
            auth[part][key] = "******** (stored)"
    return shown


def show(emulator: Emulator) -> None:
    print("Xobin emulator now holds:")
    print(json.dumps(masked(emulator.admin.state()["global"]), indent=2), flush=True)


def main() -> int:
    api_key = f"demo-{secrets.token_hex(8)}"
    # Hex, not urlsafe: a value starting with "-" would be read as a flag by `pulumi config set`.
    password = secrets.token_hex(12)
    with tempfile.TemporaryDirectory(prefix="xobin-demo-") as tmp, Emulator(api_key=api_key) as emulator:
        env = {
            **os.environ,
            "PULUMI_HOME": str(Path(tmp) / "home"),
            "PULUMI_BACKEND_URL": Path(tmp).as_uri(),
            "PULUMI_CONFIG_PASSPHRASE": "demo-passphrase",
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        }
        print(f"Xobin emulator listening on {emulator.url} (as the published API: no GET)")
        try:
            scene("A stack for the quickstart program, pointed at the emulator")
            pulumi("stack", "init", STACK, env=env)
            pulumi("config", "set", "xobin:baseUrl", emulator.url, env=env)
            pulumi("config", "set", "--secret", "xobin:apiKey", api_key, env=env, secret=api_key)
            pulumi("config", "set", "--secret", "webhookPassword", password, env=env, secret=password)

            scene("pulumi up: create (adopt) the account's webhook settings")
            pulumi("up", "--yes", env=env)
            show(emulator)

            scene("pulumi preview: nothing changed, so nothing to do")
            pulumi("preview", env=env)

            scene("Drift: someone clears the password and edits a URL in the Xobin UI")
            emulator.admin.patch_global(
                {"auth": {"basic": {"password": None}}, "start": {"url": "https://ui-edit.example.com/start"}}
            )
            show(emulator)

            scene("pulumi preview: the drift is found without --refresh")
            pulumi("preview", env=env)

            scene("pulumi up: the program's settings are put back")
            pulumi("up", "--yes", env=env)
            show(emulator)

            scene("pulumi destroy: the webhooks are switched off (URLs and auth kept)")
            pulumi("destroy", "--yes", env=env)
            show(emulator)
        finally:
            subprocess.run(
                ["pulumi", "stack", "rm", "--yes", "--force", STACK], cwd=ROOT, env=env, capture_output=True
            )
            (ROOT / f"Pulumi.{STACK}.yaml").unlink(missing_ok=True)
    print("\nDemo finished: settings created, drift repaired, webhooks disabled.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
