"""Sample values the tests share, and `with_`, the one way to vary a property bag.

Secrets are distinct strings that appear nowhere else, so a test can search any output for them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from pulumi_xobin._core.fields import WEBHOOK_SETTINGS

__all__ = [
    "APIKEY",
    "API_KEY_VALUE",
    "BASIC",
    "HEADER",
    "INTERVIEW_ID",
    "NEW_PASSWORD",
    "OTHER",
    "PASSWORD",
    "SETTINGS_ID",
    "START",
    "SUBMISSION",
    "with_",
]

# The ID of the account-wide settings: there is one set per account.
SETTINGS_ID = WEBHOOK_SETTINGS.id_for({})
INTERVIEW_ID = "ai-interview-4"

START = "https://hooks.example.com/start"
SUBMISSION = "https://hooks.example.com/submission"
OTHER = "https://elsewhere.example.com/hook"
HEADER = "X-Webhook-Key"

PASSWORD = "pw-5b80-do-not-print"
NEW_PASSWORD = "pw-new-0c17-do-not-print"
API_KEY_VALUE = "key-e3a2-do-not-print"

BASIC: dict[str, Any] = {"type": "basic", "username": "svc", "password": PASSWORD}
APIKEY: dict[str, Any] = {"type": "apikey", "header": HEADER, "value": API_KEY_VALUE}


def with_(base: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of `base` with dotted paths (written with `__`) set, e.g. `start__url=...`."""
    result = copy.deepcopy(dict(base))
    for dotted, value in changes.items():
        *parents, leaf = dotted.split("__")
        node = result
        for key in parents:
            node = node[key]
        node[leaf] = value
    return result
