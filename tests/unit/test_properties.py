"""Property tests over generated inputs: checking, the request JSON, the masked answer, and the diff.

(a) Valid inputs pass `check_inputs`, become request JSON that says exactly what they say (for both
    API-key spellings), and an emulator-style masked answer built from the same values parses back to
    the same URLs, flags, user name and header.
(b) Any input at all: `check_inputs` and the providers' `check` never raise, and no failure reason
    quotes the password, the API-key value or the account API key.
(c) Applying then diffing finds nothing: the emulator's own rules (its pure functions, an independent
    reading of the API docs) store the request, and `diff_settings` against the result is empty.
"""

from __future__ import annotations

import json
import string
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config
from pulumi.runtime.rpc import UNKNOWN

from pulumi_xobin._api.wire import ApiKeyWireStyle, SettingsResponse, live_from, request_for
from pulumi_xobin._core.check import check_inputs
from pulumi_xobin._core.diff import diff_settings
from pulumi_xobin._core.fields import INTERVIEW_WEBHOOK_SETTINGS, WEBHOOK_SETTINGS
from pulumi_xobin._core.model import DesiredSettings, LiveSettings, Webhook
from pulumi_xobin._core.outputs import outputs_from_live
from pulumi_xobin.emulator._settings import (
    GLOBAL_RULES,
    INTERVIEW_RULES,
    apply_update,
    initial_settings,
    mask,
    parse_update,
)
from pulumi_xobin.provider import InterviewWebhookSettingsProvider, WebhookSettingsProvider

# Modest and without an example database, so the file runs in seconds and writes nothing to the repo.
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
ACCOUNT_API_KEY = "acct-key-7f3e9b1c-property-tests"
STYLES: tuple[tuple[ApiKeyWireStyle, bool], ...] = (("header/apikey", True), ("key/value", False))

# --- valid inputs -----------------------------------------------------------------------------------

_label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?", fullmatch=True)
hosts = st.builds(
    lambda labels, tld: ".".join([*labels, tld]),
    st.lists(_label, min_size=1, max_size=3),
    st.from_regex(r"[a-z]{2,6}", fullmatch=True),
)
_segment = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%", max_size=12
)
urls = st.builds(
    lambda host, port, segments, query: (
        f"https://{host}{'' if port is None else f':{port}'}/{'/'.join(segments)}{query}"
    ),
    hosts,
    st.none() | st.integers(min_value=1, max_value=65535),
    st.lists(_segment, max_size=4),
    st.sampled_from(["", "?a=1", "?token=x&b=%20", "#frag"]),
)
# Printable text, spaces inside allowed, never blank: what a user name, password or key value may be.
printable = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\r\n\0"),
    min_size=1,
    max_size=40,
).filter(lambda s: bool(s.strip()))
header_names = st.from_regex(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,32}", fullmatch=True)


@st.composite
def valid_webhooks(draw: st.DrawFn) -> dict[str, Any] | None:
    kind = draw(st.sampled_from(["absent", "url-and-flag", "url-only", "disabled-without-url"]))
    if kind == "absent":
        return None
    if kind == "disabled-without-url":
        return {"url": None, "enabled": False}
    if kind == "url-only":
        return {"url": draw(urls)}
    return {"url": draw(urls), "enabled": draw(st.booleans())}


@st.composite
def valid_auths(draw: st.DrawFn) -> dict[str, Any] | None:
    kind = draw(st.sampled_from(["absent", "basic", "apikey"]))
    if kind == "absent":
        return None
    typed = draw(st.booleans())  # the type may be left out and inferred from the fields
    if kind == "basic":
        auth = {"username": draw(printable), "password": draw(printable)}
    else:
        auth = {"header": draw(header_names), "value": draw(printable)}
    if draw(st.booleans()):  # never sent: it only makes a change of it resend the secret
        auth["secret_version"] = draw(printable)
    return {"type": kind, **auth} if typed else auth


@st.composite
def valid_inputs(draw: st.DrawFn) -> dict[str, Any]:
    news: dict[str, Any] = {}
    for name, value in (
        ("start", draw(valid_webhooks())),
        ("submission", draw(valid_webhooks())),
        ("auth", draw(valid_auths())),
        ("update_all", draw(st.none() | st.booleans())),
    ):
        if value is not None or draw(st.booleans()):  # absent and explicit None mean the same
            news[name] = value
    return news


def expected_body(news: dict[str, Any], style: ApiKeyWireStyle, with_update_all: bool) -> dict[str, Any]:
    """The request body the API docs call for, written out from the inputs by hand."""
    webhooks: dict[str, Any] = {}
    for name in ("start", "submission"):
        hook = news.get(name)
        if hook is not None:
            webhooks[name] = {"status": hook.get("enabled", True)}
            if hook.get("url") is not None:
                webhooks[name]["url"] = hook["url"]
    auth = news.get("auth")
    if auth is not None and "username" in auth:
        webhooks["auth"] = {
            "type": "basic",
            "basic": {"username": auth["username"], "password": auth["password"]},
        }
    elif auth is not None:
        names = ("header", "apikey") if style == "header/apikey" else ("key", "value")
        webhooks["auth"] = {"type": "apikey", "apikey": {names[0]: auth["header"], names[1]: auth["value"]}}
    body: dict[str, Any] = {"webhooks": webhooks}
    if with_update_all and news.get("update_all"):
        body["updateAll"] = True
    return body


def masked_response(news: dict[str, Any], style: ApiKeyWireStyle) -> dict[str, Any]:
    """What the API answers after storing these inputs: the password and key value masked."""
    hooks: dict[str, Any] = {}
    for name in ("start", "submission"):
        hook = news.get(name)
        if hook is None:
            hooks[name] = {"status": True, "url": f"https://unmanaged.example.com/{name}"}
        else:
            url = hook.get("url") or f"https://kept-from-before.example.com/{name}"
            hooks[name] = {"status": hook.get("enabled", True), "url": url}
    auth = news.get("auth")
    no_basic = {"username": None, "password": None, "hasPassword": False}
    no_apikey = {"header": None, "apikey": None} if style == "header/apikey" else {"key": None, "value": None}
    if auth is None:
        hooks["auth"] = {"type": None, "basic": no_basic, "apikey": no_apikey}
    elif "username" in auth:
        basic = {"username": auth["username"], "password": None, "hasPassword": True}
        hooks["auth"] = {"type": "basic", "basic": basic, "apikey": no_apikey}
    else:
        apikey = (
            {"header": auth["header"], "apikey": None}
            if style == "header/apikey"
            else {"key": auth["header"], "value": None}
        )
        hooks["auth"] = {"type": "apikey", "basic": no_basic, "apikey": apikey}
    return {"webhooks": hooks}


@PROPERTY_SETTINGS
@given(valid_inputs())
def test_valid_inputs_pass_and_round_trip_through_the_wire(news: dict[str, Any]) -> None:
    checked, failures = check_inputs(WEBHOOK_SETTINGS, news)
    assert failures == []
    desired = DesiredSettings.from_inputs(checked)
    for style, with_update_all in (*STYLES, ("header/apikey", False), ("key/value", True)):
        body = request_for(desired, style, with_update_all=with_update_all).to_json()
        assert json.loads(json.dumps(body)) == body
        assert body == expected_body(news, style, with_update_all)

        live = live_from(SettingsResponse.model_validate(masked_response(news, style)))
        for name in ("start", "submission"):
            hook = news.get(name)
            if hook is None:
                continue
            assert live.webhook(name).enabled == hook.get("enabled", True)
            if hook.get("url") is not None:
                assert live.webhook(name) == Webhook(hook["url"], hook.get("enabled", True))
        auth = news.get("auth")
        if auth is not None and "username" in auth:
            assert (live.auth.type, live.auth.username, live.auth.has_password) == (
                "basic",
                auth["username"],
                True,
            )
        elif auth is not None:
            assert (live.auth.type, live.auth.header) == ("apikey", auth["header"])


# --- any input --------------------------------------------------------------------------------------

# Secrets are long enough that finding one inside a fixed message would be a real quote of it, and made
# of characters that `repr` and JSON leave as they are, so a quote in either form is found too.
secrets = st.builds(
    lambda body: f"s3cr3t-{body}",
    st.text(
        alphabet=string.ascii_letters + string.digits + "-_.!@#$%^&*()+=:;,?/|~", min_size=4, max_size=30
    ),
)
_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.just(UNKNOWN)
    | st.just("")
)
junk = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
url_like = (
    urls
    | st.text(max_size=40)
    | st.builds(
        lambda scheme, rest: f"{scheme}{rest}",
        st.sampled_from(["http://", "https://", "ftp://", "//"]),
        st.text(max_size=30),
    )
    | st.sampled_from(
        ["http://[::1", "https://h:99999999/", "https://u:p@h/", "http://localhost/x", "https://"]
    )
)
text_like = printable | st.text(max_size=10) | header_names | junk


def secret_slot(secret: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Where a secret goes, in every shape a broken program might give it."""
    return (
        secret
        | secret.map(lambda s: s + "\n")
        | secret.map(lambda s: s * 200)
        | secret.map(lambda s: [s])
        | secret.map(lambda s: {"value": s})
        | st.just(UNKNOWN)
        | st.none()
    )


@st.composite
def broken_auths(draw: st.DrawFn, password: str, key_value: str) -> Any:
    """Auth in every shape: junk, or basic / API-key / both / untyped fields, each maybe broken."""
    shape = draw(st.sampled_from(["junk", "basic", "apikey", "both", "untyped"]))
    if shape == "junk":
        return draw(junk)
    auth: dict[str, Any] = {}
    if shape != "apikey":
        auth["username"] = draw(text_like)
        auth["password"] = draw(secret_slot(st.just(password)))
    if shape in ("apikey", "both"):
        auth["header"] = draw(text_like)
        auth["value"] = draw(secret_slot(st.just(key_value)))
    if shape != "untyped":
        likely = "basic" if shape == "both" else shape
        auth["type"] = draw(st.sampled_from([likely, likely, "basic", "apikey", "oauth", "", UNKNOWN]) | junk)
    if draw(st.integers(0, 5)) == 0:
        auth["pasword"] = draw(secret_slot(st.just(password)))
    if draw(st.integers(0, 5)) == 0:  # a secret pasted where the version goes
        auth["secret_version"] = draw(secret_slot(st.just(password)) | text_like)
    return auth


@st.composite
def any_inputs(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[str, str]]:
    password, key_value = draw(secrets), draw(secrets)
    webhook = junk | st.fixed_dictionaries(
        {}, optional={"url": url_like | junk, "enabled": st.booleans() | junk, "enable": junk}
    )
    news = draw(
        st.fixed_dictionaries(
            {"auth": st.none() | broken_auths(password, key_value)},
            optional={
                "start": webhook,
                "submission": webhook,
                "update_all": st.booleans() | junk,
                "interview_id": text_like,
                "submision": junk,
            },
        )
    )
    return news, (password, key_value)


def assert_no_secret_in(reasons: list[str], secret_values: tuple[str, ...]) -> None:
    for reason in reasons:
        for secret in secret_values:
            assert secret not in reason


@PROPERTY_SETTINGS
@given(any_inputs())
def test_check_never_raises_and_never_quotes_a_secret(drawn: tuple[dict[str, Any], tuple[str, str]]) -> None:
    news, secret_values = drawn
    for resource in (WEBHOOK_SETTINGS, INTERVIEW_WEBHOOK_SETTINGS):
        _checked, failures = check_inputs(resource, news)
        assert_no_secret_in([f.reason for f in failures], secret_values)
    config = Config({"xobin:apiKey": ACCOUNT_API_KEY}, "proj")
    for provider in (WebhookSettingsProvider(), InterviewWebhookSettingsProvider()):
        provider.configure(ConfigureRequest(config))
        result = provider.check({}, dict(news))
        assert_no_secret_in([f.reason for f in result.failures], (*secret_values, ACCOUNT_API_KEY))


# --- apply, then diff -------------------------------------------------------------------------------


def live_after_apply(
    before: dict[str, Any], body: dict[str, Any], interview: bool, report_has_apikey: bool
) -> tuple[dict[str, Any], LiveSettings]:
    """Store `body` with the emulator's rules; the settings stored, and the masked answer parsed."""
    stored = apply_update(before, parse_update(body, INTERVIEW_RULES if interview else GLOBAL_RULES))
    answer = mask(stored, report_has_apikey=report_has_apikey)
    return stored, live_from(SettingsResponse.model_validate(answer))


def checked_for(news: dict[str, Any], interview: bool) -> dict[str, Any]:
    """`news` checked as the resource of that kind checks it; an interview has an id and no update_all."""
    if interview:
        news = {k: v for k, v in news.items() if k != "update_all"} | {"interview_id": "ai-interview-1"}
    checked, failures = check_inputs(INTERVIEW_WEBHOOK_SETTINGS if interview else WEBHOOK_SETTINGS, news)
    assert failures == []
    return checked


@PROPERTY_SETTINGS
@given(valid_inputs(), valid_inputs(), st.booleans(), st.booleans())
def test_applying_then_diffing_finds_nothing(
    earlier: dict[str, Any], news: dict[str, Any], interview: bool, report_has_apikey: bool
) -> None:
    style, with_update_all = STYLES[1] if interview else STYLES[0]
    # Whatever some earlier program stored is what the unmanaged parts keep.
    before, _ = live_after_apply(
        initial_settings(),
        request_for(
            DesiredSettings.from_inputs(checked_for(earlier, interview)),
            style,
            with_update_all=with_update_all,
        ).to_json(),
        interview,
        report_has_apikey,
    )
    checked = checked_for(news, interview)
    body = request_for(DesiredSettings.from_inputs(checked), style, with_update_all=with_update_all).to_json()
    _, live = live_after_apply(before, body, interview, report_has_apikey)
    resource = INTERVIEW_WEBHOOK_SETTINGS if interview else WEBHOOK_SETTINGS
    outputs = outputs_from_live(resource, checked, live)
    assert diff_settings(resource, checked, outputs, live) == []
