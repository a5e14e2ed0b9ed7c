"""The README's demo: the quickstart program, through the real `pulumi` CLI, against a local Xobin emulator.

Runs in the hermetic set-up of scripts/hermetic.py (the repo's own CLI, a temporary PULUMI_HOME and
file:// state backend, none of the caller's PULUMI_* or XOBIN_* variables). Scenes: up, a quiet
preview, drift made out of band (the password cleared and a URL edited, as someone might in the Xobin
UI), the preview that finds it, the up that repairs it, and destroy. Run it with `make demo`.
"""

from __future__ import annotations

import json
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

from hermetic import PULUMI, REPO, Hermetic
from pulumi_xobin.emulator import Emulator

STACK = "demo"


def scene(title: str) -> None:
    print(f"\n=== {title} ===", flush=True)


def pulumi(hermetic: Hermetic, *args: str, secret: str | None = None) -> None:
    shown = " ".join("********" if arg == secret else arg for arg in args)
    print(f"$ pulumi {shown}", flush=True)
    done = hermetic.pulumi(*args, cwd=REPO, capture=False)
    if done.returncode != 0:
        raise SystemExit(f"demo: `pulumi {shown}` exited {done.returncode}")


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
    if not PULUMI.exists():
        print("demo: no Pulumi CLI in .tools/bin: run `make demo`, which installs it", file=sys.stderr)
        return 2
    api_key = f"demo-{secrets.token_hex(8)}"
    # Hex, not urlsafe: a value starting with "-" would be read as a flag by `pulumi config set`.
    password = secrets.token_hex(12)
    with tempfile.TemporaryDirectory(prefix="xobin-demo-") as tmp, Emulator(api_key=api_key) as emulator:
        hermetic = Hermetic(Path(tmp))
        print(f"Xobin emulator listening on {emulator.url} (as the published API: no GET)")
        try:
            scene("A stack for the quickstart program, pointed at the emulator")
            pulumi(hermetic, "stack", "init", STACK)
            pulumi(hermetic, "config", "set", "xobin:baseUrl", emulator.url)
            pulumi(hermetic, "config", "set", "--secret", "xobin:apiKey", api_key, secret=api_key)
            pulumi(hermetic, "config", "set", "--secret", "webhookPassword", password, secret=password)

            scene("pulumi up: create (adopt) the account's webhook settings")
            pulumi(hermetic, "up", "--yes")
            show(emulator)

            scene("pulumi preview: nothing changed, so nothing to do")
            pulumi(hermetic, "preview")

            scene("Drift: someone clears the password and edits a URL in the Xobin UI")
            emulator.admin.patch_global(
                {"auth": {"basic": {"password": None}}, "start": {"url": "https://ui-edit.example.com/start"}}
            )
            show(emulator)

            scene("pulumi preview: the drift is found without --refresh")
            pulumi(hermetic, "preview")

            scene("pulumi up: the program's settings are put back")
            pulumi(hermetic, "up", "--yes")
            show(emulator)

            scene("pulumi destroy: the webhooks are switched off (URLs and auth kept)")
            pulumi(hermetic, "destroy", "--yes")
            show(emulator)
        finally:
            hermetic.pulumi("stack", "rm", "--yes", "--force", STACK, cwd=REPO)
            (REPO / f"Pulumi.{STACK}.yaml").unlink(missing_ok=True)
    print("\nDemo finished: settings created, drift repaired, webhooks disabled.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
