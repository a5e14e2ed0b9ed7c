"""The documented API: the apiKey check, the two settings paths and their methods."""

from __future__ import annotations

from urllib.parse import unquote

from ._messages import BadRequest, Request, Response, error_response, json_response, parse_json
from ._settings import GLOBAL_RULES, INTERVIEW_RULES, PathRules, parse_update
from ._state import EmulatorState

__all__ = ["API_PREFIX", "WEBHOOKS_PATH", "handle_api", "is_read"]

API_PREFIX = "/api/v2"
WEBHOOKS_PATH = API_PREFIX + "/ai-interviews/settings/webhooks"


def handle_api(state: EmulatorState, request: Request, *, api_key: str) -> Response:
    if request.api_key != api_key:
        return error_response(401, "Unauthorized: invalid or missing apiKey")
    if request.path == WEBHOOKS_PATH:
        return _settings_path(state, request, None, "POST", GLOBAL_RULES)
    interview_id = _interview_id(request.path)
    if interview_id is None:
        return error_response(404, "Not Found")
    if not state.has_interview(interview_id):
        return error_response(404, "AI interview not found")
    return _settings_path(state, request, interview_id, "PUT", INTERVIEW_RULES)


def is_read(request: Request) -> bool:
    """Whether a request asks for settings without changing any: a GET, or a write of
    `{"webhooks": {}}`, which by the documented rules keeps everything left out. The request log marks
    reads, so counts can tell a client's reads from its writes where GET is not served."""
    if request.method == "GET":
        return True
    try:
        return parse_json(request.body) == {"webhooks": {}}
    except BadRequest:
        return False


def _interview_id(path: str) -> str | None:
    rest = path.removeprefix(WEBHOOKS_PATH + "/")
    if rest == path or not rest or "/" in rest:
        return None
    return unquote(rest)


def _settings_path(
    state: EmulatorState, request: Request, interview_id: str | None, write_method: str, rules: PathRules
) -> Response:
    get_enabled = state.config.get_enabled
    if request.method == "GET" and get_enabled:
        return json_response(200, state.read(interview_id))
    if request.method == write_method:
        try:
            update = parse_update(parse_json(request.body), rules)
        except BadRequest as exc:
            return error_response(400, str(exc))
        return json_response(200, state.update(interview_id, update))
    allowed = f"GET, {write_method}" if get_enabled else write_method
    return error_response(405, "Method Not Allowed", {"Allow": allowed})
