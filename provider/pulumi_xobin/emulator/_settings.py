"""Webhook settings: the stored shape, request validation, masking and admin merge patches.

Pure functions over plain JSON-like dicts; locking is `_state`'s business.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ._messages import BadRequest, JsonObject

__all__ = [
    "GLOBAL_RULES",
    "INTERVIEW_RULES",
    "PathRules",
    "Update",
    "apply_update",
    "initial_settings",
    "mask",
    "parse_update",
    "patched",
]

_WEBHOOK_NAMES = ("start", "submission")


def initial_settings() -> JsonObject:
    """Settings of an account that never configured webhooks; also the complete stored shape."""
    return {
        "start": {"status": False, "url": None},
        "submission": {"status": False, "url": None},
        "auth": {
            "type": None,
            "basic": {"username": None, "password": None},
            "apikey": {"header": None, "apikey": None},
        },
    }


@dataclass(frozen=True)
class PathRules:
    """What differs between the global and the per-interview settings paths."""

    apikey_fields: tuple[str, str]  # how API-key auth spells (header name, key value)
    takes_update_all: bool


GLOBAL_RULES = PathRules(apikey_fields=("header", "apikey"), takes_update_all=True)
INTERVIEW_RULES = PathRules(apikey_fields=("key", "value"), takes_update_all=False)


@dataclass(frozen=True)
class Update:
    """A validated change: the webhook fields given, and the auth that replaces the stored one."""

    webhooks: dict[str, JsonObject]
    auth: JsonObject | None
    update_all: bool


def parse_update(body: object, rules: PathRules) -> Update:
    """Validate a whole request body before anything is stored, so a 400 changes nothing."""
    if not isinstance(body, dict):
        raise BadRequest("request body must be a JSON object")
    webhooks = body.get("webhooks")
    if not isinstance(webhooks, dict):
        raise BadRequest("webhooks must be an object")
    changes = {
        name: _parse_webhook(webhooks[name], f"webhooks.{name}")
        for name in _WEBHOOK_NAMES
        if name in webhooks
    }
    auth = _parse_auth(webhooks["auth"], rules.apikey_fields) if "auth" in webhooks else None
    # On a path without updateAll the key is just another unknown one, ignored.
    update_all = body.get("updateAll", False) if rules.takes_update_all else False
    if not isinstance(update_all, bool):
        raise BadRequest("updateAll must be a boolean")
    return Update(changes, auth, update_all)


def _parse_webhook(value: object, where: str) -> JsonObject:
    if not isinstance(value, dict):
        raise BadRequest(f"{where} must be an object")
    fields: JsonObject = {}
    if "status" in value:
        if not isinstance(value["status"], bool):
            raise BadRequest(f"{where}.status must be a boolean")
        fields["status"] = value["status"]
    if "url" in value:
        if value["url"] is not None and not isinstance(value["url"], str):
            raise BadRequest(f"{where}.url must be a string or null")
        fields["url"] = value["url"]
    return fields


def _parse_auth(value: object, apikey_fields: tuple[str, str]) -> JsonObject:
    if not isinstance(value, dict):
        raise BadRequest("webhooks.auth must be an object")
    auth: JsonObject = initial_settings()["auth"]
    kind = value.get("type")
    if kind == "basic":
        username, password = _credentials(value.get("basic"), "webhooks.auth.basic", ("username", "password"))
        auth["basic"] = {"username": username, "password": password}
    elif kind == "apikey":
        header, key = _credentials(value.get("apikey"), "webhooks.auth.apikey", apikey_fields)
        auth["apikey"] = {"header": header, "apikey": key}
    else:
        raise BadRequest("webhooks.auth.type must be 'basic' or 'apikey'")
    auth["type"] = kind
    return auth


def _credentials(value: object, where: str, names: tuple[str, str]) -> tuple[str, str]:
    if not isinstance(value, dict):
        raise BadRequest(f"{where} must be an object")
    for name in names:
        if not isinstance(value.get(name), str) or not value[name]:
            raise BadRequest(f"{where}.{name} must be a non-empty string")
    return value[names[0]], value[names[1]]


def apply_update(settings: JsonObject, update: Update) -> JsonObject:
    """The settings after `update`: given webhook fields replace stored ones; auth is replaced whole."""
    result = copy.deepcopy(settings)
    for name, fields in update.webhooks.items():
        result[name].update(fields)
    if update.auth is not None:
        result["auth"] = copy.deepcopy(update.auth)
    return result


def mask(settings: JsonObject, *, report_has_apikey: bool) -> JsonObject:
    """The settings as the API shows them: secrets replaced by null, with has-flags beside them."""
    auth = settings["auth"]
    apikey: JsonObject = {"header": auth["apikey"]["header"], "apikey": None}
    if report_has_apikey:
        apikey["hasApikey"] = _is_set(auth["apikey"]["apikey"])
    return {
        "webhooks": {
            "start": copy.deepcopy(settings["start"]),
            "submission": copy.deepcopy(settings["submission"]),
            "auth": {
                "type": auth["type"],
                "basic": {
                    "username": auth["basic"]["username"],
                    "password": None,
                    "hasPassword": _is_set(auth["basic"]["password"]),
                },
                "apikey": apikey,
            },
        }
    }


def _is_set(secret: object) -> bool:
    return isinstance(secret, str) and secret != ""


def patched(settings: JsonObject, patch: JsonObject) -> JsonObject:
    """Apply an RFC 7396 merge patch, then restore the stored shape (a removed key reads as null)."""
    return _conform(_merge_patch(settings, patch), initial_settings())


def _merge_patch(target: object, patch: object) -> object:
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = _merge_patch(result.get(key), value)
    return result


def _conform(value: object, shape: JsonObject) -> JsonObject:
    source = value if isinstance(value, dict) else {}
    return {
        key: _conform(source.get(key), sub_shape) if isinstance(sub_shape, dict) else source.get(key)
        for key, sub_shape in shape.items()
    }
