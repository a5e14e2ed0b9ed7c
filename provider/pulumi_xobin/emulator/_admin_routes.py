"""The test side-channel under /_emulator/: inspect and edit state, inject faults, configure, reset, and
send events to the configured webhooks (deliveries).

No apiKey, never logged, never faulted.
"""

from __future__ import annotations

from urllib.parse import unquote

from ._deliveries import Deliverer
from ._messages import (
    BadRequest,
    JsonObject,
    NotFound,
    Request,
    Response,
    error_response,
    json_response,
    parse_json,
)
from ._state import EmulatorState, parse_fault

__all__ = ["ADMIN_PREFIX", "handle_admin"]

ADMIN_PREFIX = "/_emulator/"
_INTERVIEWS = "interviews/"


def handle_admin(state: EmulatorState, deliverer: Deliverer, request: Request) -> Response:
    try:
        return _route(state, deliverer, request)
    except BadRequest as exc:
        return error_response(400, str(exc))
    except NotFound as exc:
        return error_response(404, str(exc))


def _route(state: EmulatorState, deliverer: Deliverer, request: Request) -> Response:
    match request.method, request.path.removeprefix(ADMIN_PREFIX):
        case "GET", "state":
            return json_response(200, state.snapshot())
        case "POST", "global":
            return json_response(200, state.patch(None, _object(request)))
        case "POST", path if path.startswith(_INTERVIEWS):
            interview_id = unquote(path.removeprefix(_INTERVIEWS))
            if not state.has_interview(interview_id):
                return error_response(404, "AI interview not found")
            return json_response(200, state.patch(interview_id, _object(request)))
        case "GET", "requests":
            return json_response(200, state.requests())
        case "DELETE", "requests":
            state.clear_requests()
            return json_response(200, state.requests())
        case "POST", "faults":
            return json_response(200, {"faults": state.add_fault(*parse_fault(_object(request)))})
        case "DELETE", "faults":
            return json_response(200, {"faults": state.clear_faults()})
        case "POST", "config":
            return json_response(200, state.configure(_object(request)))
        case "POST", "deliveries":
            body = _object(request)
            unknown = sorted(set(body) - {"event", "interviewId"})
            if unknown:
                raise BadRequest(f"unknown keys: {', '.join(unknown)}")
            return json_response(200, deliverer.send(state, body.get("event"), body.get("interviewId")))
        case "GET", "deliveries":
            return json_response(200, {"deliveries": state.deliveries()})
        case "POST", "reset":
            state.reset()
            return json_response(200, state.snapshot())
    return error_response(404, "Not Found")


def _object(request: Request) -> JsonObject:
    body = parse_json(request.body)
    if not isinstance(body, dict):
        raise BadRequest("request body must be a JSON object")
    return body
