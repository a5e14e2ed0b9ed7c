"""XobinClient over `httpx.MockTransport`: what it sends, how it reads, retries and gives up, what its
errors say, and that no secret survives into one. Each test scripts Xobin's answers; no server, no socket.

The real HTTP path (a server, connections, timeouts, and the emulator's own reading of the API docs) is
tested in tests/integration: test_client.py and test_faults.py.
"""

from __future__ import annotations

import email.utils
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from pulumi_xobin._api import client as _client
from pulumi_xobin._api.client import GLOBAL_SETTINGS_PATH, XobinClient, interview_path
from pulumi_xobin._api.connection import ConnectionSettings
from pulumi_xobin._api.errors import ApiError, TransportError, UnexpectedResponseError
from pulumi_xobin._api.user_agent import user_agent
from pulumi_xobin._core.errors import XobinError
from pulumi_xobin._core.model import ApiKeyAuth, BasicAuth, DesiredSettings, LiveAuth, LiveSettings, Webhook
from support.errors import assert_no_pydantic, error_texts
from support.samples import API_KEY_VALUE, HEADER, PASSWORD, START

API_KEY = "acct-key-9e1d-client-unit"
BASE_URL = "https://xobin.example.com/api/v2"
INTERVIEW = "ai-interview-1"
NOW = 1_700_000_000.0
# An answer in the documented shape, and what it says.
SETTINGS = {
    "webhooks": {
        "start": {"status": True, "url": START},
        "submission": {"status": False, "url": None},
        "auth": {"type": "apikey", "apikey": {"header": HEADER, "apikey": None}},
    }
}
LIVE = LiveSettings(
    {"start": Webhook(START, True), "submission": Webhook(None, False)},
    LiveAuth(type="apikey", header=HEADER),
)
BASIC = DesiredSettings({"start": Webhook(START, True)}, BasicAuth("svc", PASSWORD))
APIKEY = DesiredSettings({"start": Webhook(START, True)}, ApiKeyAuth(HEADER, API_KEY_VALUE), update_all=True)
Answer = httpx.Response | httpx.TransportError


def answer(
    status: int = 200, body: Any = SETTINGS, *, text: str | None = None, **headers: str
) -> httpx.Response:
    """Xobin's answer: `body` as JSON, or `text` as it is."""
    if text is not None:
        return httpx.Response(status, text=text, headers=headers)
    return httpx.Response(status, json=body, headers=headers)


class Xobin:
    """A scripted server: each request gets the next answer (the last one again once they run out); an
    answer may be made when its request comes."""

    def __init__(self, *answers: Answer | Callable[[], Answer]) -> None:
        self.answers = answers
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if callable(reply):
            reply = reply()
        if isinstance(reply, httpx.TransportError):
            raise reply
        return reply

    def sent(self) -> list[tuple[str, str, Any]]:
        """Each request's method, path below the base URL and JSON body (None without one)."""
        return [
            (r.method, r.url.path.removeprefix("/api/v2"), json.loads(r.content) if r.content else None)
            for r in self.requests
        ]


class Clock:
    """Stands in for the client's `time` module and sleep: time passes only when the client sleeps."""

    def __init__(self) -> None:
        self.monotonic_now = 100.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self.monotonic_now

    def time(self) -> float:
        return NOW + self.monotonic_now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.monotonic_now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(_client, "time", clock)
    return clock


@pytest.fixture
def connect(clock: Clock) -> Iterator[Callable[..., XobinClient]]:
    """A client of `server` with `max_retries`, sleeping on the clock."""
    made: list[XobinClient] = []

    def connect(server: Xobin, max_retries: int = 2) -> XobinClient:
        settings = ConnectionSettings(BASE_URL, API_KEY, timeout_seconds=5.0, max_retries=max_retries)
        made.append(XobinClient(settings, sleep=clock.sleep, transport=httpx.MockTransport(server)))
        return made[-1]

    yield connect
    for client in made:
        client.close()


def http_date(seconds_from_now: float, clock: Clock) -> str:
    return email.utils.formatdate(clock.time() + seconds_from_now, usegmt=True)


# What is sent


def test_every_request_carries_the_account_key_and_says_who_is_calling(
    connect: Callable[..., XobinClient],
) -> None:
    server = Xobin(answer())
    xobin = connect(server)

    xobin.read_settings()
    xobin.apply_settings(BASIC, secrets=[PASSWORD])

    for request in server.requests:
        assert request.headers["apiKey"] == API_KEY
        assert request.headers["Accept"] == "application/json"
        assert request.headers["User-Agent"] == user_agent()
    assert "Content-Type" not in server.requests[0].headers
    assert server.requests[1].headers["Content-Type"] == "application/json"


def test_each_path_spells_api_key_auth_its_own_way_and_only_the_global_one_takes_update_all(
    connect: Callable[..., XobinClient],
) -> None:
    server = Xobin(answer())
    xobin = connect(server)

    xobin.apply_settings(APIKEY, secrets=[API_KEY_VALUE])
    xobin.apply_interview_settings(INTERVIEW, APIKEY, secrets=[API_KEY_VALUE])

    start = {"status": True, "url": START}
    assert server.sent() == [
        (
            "POST",
            GLOBAL_SETTINGS_PATH,
            {
                "webhooks": {
                    "start": start,
                    "auth": {"type": "apikey", "apikey": {"header": HEADER, "apikey": API_KEY_VALUE}},
                },
                "updateAll": True,
            },
        ),
        (
            "PUT",
            interview_path(INTERVIEW),
            {
                "webhooks": {
                    "start": start,
                    "auth": {"type": "apikey", "apikey": {"key": HEADER, "value": API_KEY_VALUE}},
                }
            },
        ),
    ]


# Reading


def test_a_read_is_a_get_of_the_settings(connect: Callable[..., XobinClient]) -> None:
    server = Xobin(answer())

    assert connect(server).read_settings() == LIVE
    assert connect(server).read_interview_settings(INTERVIEW) == LIVE
    assert server.sent() == [("GET", GLOBAL_SETTINGS_PATH, None), ("GET", interview_path(INTERVIEW), None)]


@pytest.mark.parametrize("status", [404, 405])
def test_without_a_global_get_reads_are_empty_posts_from_then_on(
    status: int, connect: Callable[..., XobinClient]
) -> None:
    server = Xobin(answer(status, {"error": "no GET here"}), answer())
    xobin = connect(server)

    assert [xobin.read_settings(), xobin.read_settings()] == [LIVE, LIVE]
    assert server.sent() == [
        ("GET", GLOBAL_SETTINGS_PATH, None),
        ("POST", GLOBAL_SETTINGS_PATH, {"webhooks": {}}),
        ("POST", GLOBAL_SETTINGS_PATH, {"webhooks": {}}),
    ]


def test_without_an_interview_get_reads_are_none_and_not_asked_again(
    connect: Callable[..., XobinClient],
) -> None:
    server = Xobin(answer(405, {"error": "Method Not Allowed"}))
    xobin = connect(server)

    assert [xobin.read_interview_settings(INTERVIEW), xobin.read_interview_settings("ai-interview-2")] == [
        None,
        None,
    ]
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "reply",
    [
        pytest.param(answer(200, text=""), id="empty"),
        pytest.param(answer(200, {"ok": True}), id="other-json"),
        pytest.param(answer(204, text=""), id="no-content"),
    ],
)
def test_a_put_answered_without_the_settings_is_a_success_without_them(
    reply: httpx.Response, connect: Callable[..., XobinClient]
) -> None:
    assert connect(Xobin(reply)).apply_interview_settings(INTERVIEW, APIKEY) is None


# Answers that are not retried: the error users see, word for word


@dataclass(frozen=True)
class Refusal:
    id: str
    call: str  # read, apply, read_interview or apply_interview
    reply: httpx.Response
    error: type[XobinError]
    message: str  # the whole message, or its beginning where it ends with a validator's wording
    server_message: str | None = None

    def matches(self, message: str) -> bool:
        return message == self.message or (self.message.endswith(": ") and message.startswith(self.message))


READ = f"Xobin answered GET {GLOBAL_SETTINGS_PATH} with "
APPLY = f"Xobin answered POST {GLOBAL_SETTINGS_PATH} with "
NOT_SETTINGS = 'JSON that is not the documented webhook settings object {"webhooks": {...}}'
NO_INTERVIEW = "(no AI interview has this id in the account)"
REFUSALS = [
    Refusal(
        "not-json",
        "read",
        answer(200, text="<html>oops</html>", **{"content-type": "text/html"}),
        UnexpectedResponseError,
        READ + "200 and a body that is not JSON (Content-Type 'text/html'); expected the webhook settings "
        'object {"webhooks": {...}}',
    ),
    Refusal(
        "wrong-json-shape",
        "read",
        answer(200, {"webhooks": {"start": {"status": "yes"}}}),
        UnexpectedResponseError,
        READ + "200 and " + NOT_SETTINGS + ": webhooks.start.status: ",
    ),
    Refusal(
        "json-without-webhooks",
        "read",
        answer(200, {"settings": {"start": True}}),
        UnexpectedResponseError,
        READ + "200 and " + NOT_SETTINGS + ": webhooks: Field required",
    ),
    Refusal(
        "json-not-an-object",
        "read",
        answer(200, [1, 2, 3]),
        UnexpectedResponseError,
        READ + "200 and " + NOT_SETTINGS + ": ",
    ),
    Refusal(
        "401",
        "read",
        answer(401, {"error": "Unauthorized"}),
        ApiError,
        READ + "401 Unauthorized: Unauthorized (check the account API key (`xobin:apiKey` or XOBIN_API_KEY))",
        "Unauthorized",
    ),
    Refusal(
        "403-limit-exceed",
        "apply",
        answer(403, {"message": "Plan limit reached", "error": "limit_exceed"}),
        ApiError,
        APPLY + "403 Forbidden: limit_exceed - Plan limit reached "
        "(the account may have reached a plan limit (`limit_exceed`) or lack access to AI interviews)",
        "limit_exceed - Plan limit reached",
    ),
    Refusal(
        "error-and-message-alike",
        "apply",
        answer(400, {"error": "bad url", "message": "bad url"}),
        ApiError,
        APPLY + "400 Bad Request: bad url",
        "bad url",
    ),
    Refusal(
        "404-global-post",
        "apply",
        answer(404, {"error": "Not Found"}),
        ApiError,
        APPLY + "404 Not Found: Not Found",
        "Not Found",
    ),
    Refusal(
        "404-interview-get",
        "read_interview",
        answer(404, text=""),
        ApiError,
        f"Xobin answered GET {interview_path(INTERVIEW)} with 404 Not Found {NO_INTERVIEW}",
    ),
    Refusal(
        "404-interview-put",
        "apply_interview",
        answer(404, {"error": "AI interview not found"}),
        ApiError,
        f"Xobin answered PUT {interview_path(INTERVIEW)} with 404 Not Found: AI interview not found "
        + NO_INTERVIEW,
        "AI interview not found",
    ),
    Refusal(
        "400-plain-text",
        "apply",
        answer(400, text="  bad request: webhooks.start.url  "),
        ApiError,
        APPLY + "400 Bad Request: bad request: webhooks.start.url",
        "bad request: webhooks.start.url",
    ),
    Refusal("422-empty-body", "apply", answer(422, text=""), ApiError, APPLY + "422 Unprocessable Entity"),
    Refusal("json-error-that-is-a-list", "apply", answer(400, ["bad"]), ApiError, APPLY + "400 Bad Request"),
]


def call(xobin: XobinClient, name: str) -> object:
    calls: dict[str, Callable[[], object]] = {
        "read": xobin.read_settings,
        "apply": lambda: xobin.apply_settings(BASIC, secrets=[PASSWORD]),
        "read_interview": lambda: xobin.read_interview_settings(INTERVIEW),
        "apply_interview": lambda: xobin.apply_interview_settings(INTERVIEW, APIKEY, secrets=[API_KEY_VALUE]),
    }
    return calls[name]()


@pytest.mark.parametrize("case", REFUSALS, ids=[c.id for c in REFUSALS])
def test_an_answer_that_is_not_retried_is_an_error_of_ours(
    case: Refusal, connect: Callable[..., XobinClient], clock: Clock
) -> None:
    server = Xobin(case.reply)

    with pytest.raises(case.error) as caught:
        call(connect(server), case.call)

    err = caught.value
    assert case.matches(str(err)), str(err)
    assert getattr(err, "status", None) == case.reply.status_code
    if isinstance(err, ApiError):
        assert err.server_message == case.server_message
        assert err.attempts == 1
    assert_no_pydantic(err)
    assert len(server.requests) == 1
    assert clock.waits == []


# Retries


def backoff(retry: int, wait: float) -> bool:
    """Full jitter: anywhere from nothing to the exponential step, capped."""
    return 0.0 <= wait <= min(8.0, 0.5 * 2.0 ** (retry - 1))


@dataclass(frozen=True)
class Retried:
    id: str
    fault: Callable[[Clock], Answer]
    wait_ok: Callable[[int, float], bool]  # is this the right wait before retry n (1-based)?
    final: str  # the error after 3 attempts (its beginning, for a transport error)


RETRIED = [
    Retried(
        "429-retry-after-seconds",
        lambda _clock: answer(429, {"error": "slow down"}, **{"Retry-After": "1"}),
        lambda _n, wait: wait == 1.0,
        READ + "429 Too Many Requests: slow down [after 3 attempts]",
    ),
    Retried(
        "429-retry-after-http-date",
        lambda clock: answer(429, {"error": "slow down"}, **{"Retry-After": http_date(5, clock)}),
        lambda _n, wait: wait == 5.0,
        READ + "429 Too Many Requests: slow down [after 3 attempts]",
    ),
    Retried(
        "500",
        lambda _clock: answer(500, text=""),
        backoff,
        READ + "500 Internal Server Error [after 3 attempts]",
    ),
    Retried("502", lambda _clock: answer(502, text=""), backoff, READ + "502 Bad Gateway [after 3 attempts]"),
    Retried(
        "503-retry-after-zero",
        lambda _clock: answer(503, text="", **{"Retry-After": "0"}),
        lambda _n, wait: wait == 0.0,
        READ + "503 Service Unavailable [after 3 attempts]",
    ),
    Retried(
        "503-retry-after-unreadable",
        lambda _clock: answer(503, text="", **{"Retry-After": "soon"}),
        backoff,
        READ + "503 Service Unavailable [after 3 attempts]",
    ),
    Retried(
        "504", lambda _clock: answer(504, text=""), backoff, READ + "504 Gateway Timeout [after 3 attempts]"
    ),
    Retried(
        "connection-refused",
        lambda _clock: httpx.ConnectError("connection refused"),
        backoff,
        f"could not get an answer from Xobin for GET {GLOBAL_SETTINGS_PATH} after 3 attempt(s): "
        "ConnectError: connection refused",
    ),
    Retried(
        "read-timeout",
        lambda _clock: httpx.ReadTimeout(""),
        backoff,
        f"could not get an answer from Xobin for GET {GLOBAL_SETTINGS_PATH} after 3 attempt(s): ReadTimeout",
    ),
]


@pytest.mark.parametrize("case", RETRIED, ids=[c.id for c in RETRIED])
def test_a_retryable_fault_is_retried_to_success(
    case: Retried, connect: Callable[..., XobinClient], clock: Clock
) -> None:
    def fault() -> Answer:  # made when asked: a date to wait until is relative to that moment
        return case.fault(clock)

    server = Xobin(fault, fault, answer())

    assert connect(server, max_retries=2).read_settings() == LIVE
    assert len(server.requests) == 3
    assert len(clock.waits) == 2
    assert all(case.wait_ok(n, wait) for n, wait in enumerate(clock.waits, start=1)), clock.waits


@pytest.mark.parametrize("case", RETRIED, ids=[c.id for c in RETRIED])
def test_retries_are_bounded_and_the_error_says_how_many_attempts(
    case: Retried, connect: Callable[..., XobinClient], clock: Clock
) -> None:
    server = Xobin(lambda: case.fault(clock))

    with pytest.raises((ApiError, TransportError)) as caught:
        connect(server, max_retries=2).read_settings()

    err = caught.value
    assert isinstance(err, (ApiError, TransportError))
    assert str(err) == case.final
    assert err.attempts == 3
    assert len(server.requests) == 3
    assert len(clock.waits) == 2


def test_no_retries_is_one_attempt(connect: Callable[..., XobinClient], clock: Clock) -> None:
    server = Xobin(answer(503, text=""))

    with pytest.raises(ApiError) as caught:
        connect(server, max_retries=0).read_settings()

    assert str(caught.value) == READ + "503 Service Unavailable"
    assert len(server.requests) == 1
    assert clock.waits == []


@pytest.mark.parametrize(
    ("retry_after", "wait"),
    [
        pytest.param(lambda _clock: "3600", 30.0, id="capped"),
        pytest.param(lambda clock: http_date(-60, clock), 0.0, id="past-date-at-once"),
    ],
)
def test_the_wait_a_server_asks_for_is_bounded(
    retry_after: Callable[[Clock], str], wait: float, connect: Callable[..., XobinClient], clock: Clock
) -> None:
    server = Xobin(answer(429, text="", **{"Retry-After": retry_after(clock)}), answer())

    connect(server).read_settings()

    assert clock.waits == [wait]


def test_retries_stop_before_the_time_budget_runs_out(
    connect: Callable[..., XobinClient], clock: Clock
) -> None:
    server = Xobin(answer(429, text="", **{"Retry-After": "30"}))

    with pytest.raises(ApiError) as caught:
        connect(server, max_retries=10).read_settings()

    # Four waits of 30 s fill the 120 s budget: a fifth would overrun it.
    assert clock.waits == [30.0] * 4
    assert caught.value.attempts == 5


@pytest.mark.parametrize(
    "fault", [httpx.LocalProtocolError("Illegal header value"), httpx.UnsupportedProtocol("ftp")]
)
def test_a_request_that_cannot_be_formed_is_not_retried(
    fault: httpx.TransportError, connect: Callable[..., XobinClient], clock: Clock
) -> None:
    server = Xobin(fault)

    with pytest.raises(TransportError) as caught:
        connect(server).read_settings()

    assert caught.value.attempts == 1
    assert clock.waits == []


def test_writes_are_retried_with_the_same_body(connect: Callable[..., XobinClient]) -> None:
    server = Xobin(answer(503, text=""), answer())

    assert connect(server).apply_settings(BASIC, secrets=[PASSWORD]) == LIVE
    first, second = server.sent()
    assert first == second


# No secret in any error, even when the server echoes it back


def echo(*secrets: str) -> dict[str, Any]:
    return {
        "error": f"rejected credentials {secrets[0]}",
        "message": "echo: " + ", ".join(secrets),
        "detail": {"secrets": list(secrets)},
    }


@pytest.mark.parametrize("status", [400, 401, 403, 404, 429, 500, 503])
@pytest.mark.parametrize("name", ["apply", "apply_interview"])
def test_secrets_a_refusal_echoes_are_redacted(
    status: int, name: str, connect: Callable[..., XobinClient]
) -> None:
    secret = PASSWORD if name == "apply" else API_KEY_VALUE
    server = Xobin(answer(status, echo(secret, API_KEY), **{"Retry-After": "0"}))

    with pytest.raises(ApiError) as caught:
        call(connect(server), name)

    text = error_texts(caught.value)
    assert secret not in text
    assert API_KEY not in text
    assert caught.value.server_message == "rejected credentials [secret] - echo: [secret], [secret]"


def test_a_read_keeps_the_account_key_out_of_its_errors(connect: Callable[..., XobinClient]) -> None:
    # A read is given no webhook secret: the account key is the one it knows.
    server = Xobin(answer(400, echo(API_KEY)))

    with pytest.raises(ApiError) as caught:
        connect(server).read_settings()

    assert API_KEY not in error_texts(caught.value)
    assert "[secret]" in str(caught.value)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("<html>{secret} rejected; key {key}</html>", id="short-text"),
        pytest.param("<html>" + "x" * 170 + "{secret}</html>", id="secret-straddling-the-excerpt-end"),
        pytest.param("x" * 185 + "{key} and more", id="key-straddling-the-excerpt-end"),
    ],
)
def test_secrets_in_a_refusal_that_is_not_json_are_redacted_before_it_is_cut(
    body: str, connect: Callable[..., XobinClient]
) -> None:
    server = Xobin(answer(400, text=body.format(secret=PASSWORD, key=API_KEY)))

    with pytest.raises(ApiError) as caught:
        connect(server).apply_settings(BASIC, secrets=[PASSWORD])

    text = error_texts(caught.value)
    for secret in (PASSWORD, API_KEY):
        # Nor a piece of one cut off by the excerpt's length limit.
        assert secret[:12] not in text, text


@pytest.mark.parametrize(
    "reply",
    [
        pytest.param(answer(200, text=f"<p>stored {PASSWORD} for {API_KEY}</p>"), id="not-json"),
        pytest.param(
            answer(200, {"webhooks": {"start": {"status": PASSWORD, "url": API_KEY}}}), id="wrong-shape"
        ),
    ],
)
def test_a_secret_echoed_in_a_success_that_is_not_settings_does_not_leak(
    reply: httpx.Response, connect: Callable[..., XobinClient]
) -> None:
    with pytest.raises(UnexpectedResponseError) as caught:
        connect(Xobin(reply)).apply_settings(BASIC, secrets=[PASSWORD])

    text = error_texts(caught.value)
    assert PASSWORD not in text
    assert API_KEY not in text


def test_a_transport_error_that_quotes_the_key_is_redacted(connect: Callable[..., XobinClient]) -> None:
    server = Xobin(httpx.ConnectError(f"proxy refused apiKey={API_KEY}"))

    with pytest.raises(TransportError) as caught:
        connect(server, max_retries=0).read_settings()

    assert API_KEY not in error_texts(caught.value)
    assert str(caught.value).endswith("ConnectError: proxy refused apiKey=[secret]")
