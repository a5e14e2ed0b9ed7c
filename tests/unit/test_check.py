"""Checking is generic over the field declarations: types, choices, required values, defaults, unknown
names and each field's rule, with paths spelled the way the user wrote them (`spell`).

A small made-up resource declares every kind of field, so each generic rule is checked on its own; the
rules of the real resources are in test_inputs.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_xobin._core.check import Failure, check_inputs, python_spelling
from pulumi_xobin._core.fields import (
    INTERVIEW_WEBHOOK_SETTINGS,
    WEBHOOK_SETTINGS,
    Field,
    ObjectType,
    ResourceType,
    schema_name,
)

RULE_CALLS: list[str] = []


def no_x(value: str) -> str | None:
    """A field rule: records each value it is asked about, so a test can see when it runs."""
    RULE_CALLS.append(value)
    return "must not contain x" if "x" in value else None


INNER = ObjectType(
    "Inner",
    "doc",
    (
        Field("deep_value", "string", "doc", rule=no_x),
        Field("level", "integer", "doc", default=1),
    ),
)
THING = ResourceType(
    "Thing",
    "doc",
    "id doc",
    (
        Field("display_name", "string", "doc", required=True, rule=no_x),
        Field("ratio", "number", "doc"),
        Field("count", "integer", "doc", default=3),
        Field("speed_mode", "string", "doc", choices=("fast", "slow")),
        Field("tier", "string", "doc", choices=("gold", "silver", "bronze")),
        Field("flag", "boolean", "doc", default=False),
        Field("inner_part", INNER, "doc"),
        Field("computed_at", "string", "doc", output_only=True),
    ),
    fixed_id="thing",
)
GOOD: dict[str, Any] = {"display_name": "a"}


@pytest.fixture(autouse=True)
def fresh_rule_calls() -> None:
    RULE_CALLS.clear()


def failures_of(news: dict[str, Any], spell: Any = python_spelling) -> list[tuple[str, str]]:
    return [(f.property, f.reason) for f in check_inputs(THING, {**GOOD, **news}, spell)[1]]


def test_defaults_fill_what_is_left_out() -> None:
    checked, failures = check_inputs(THING, {"display_name": "a", "inner_part": {}, "count": None})
    assert failures == []
    assert checked == {
        "display_name": "a",
        "ratio": None,
        "count": 3,
        "speed_mode": None,
        "tier": None,
        "flag": False,
        "inner_part": {"deep_value": None, "level": 1},
    }


@pytest.mark.parametrize("value", [0, 7, -2, 1.5, 1e300, 3.0], ids=repr)
def test_a_number_is_an_int_or_a_float(value: float) -> None:
    assert failures_of({"ratio": value}) == []


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param(True, "must be a number, got a boolean", id="boolean"),
        pytest.param("1.5", "must be a number, got a string", id="string"),
        pytest.param([1], "must be a number, got a list", id="list"),
        pytest.param({"v": 1}, "must be a number, got an object", id="object"),
    ],
)
def test_a_number_is_not_anything_else(value: Any, reason: str) -> None:
    assert failures_of({"ratio": value}) == [("ratio", reason)]


@pytest.mark.parametrize("value", [0, 3, -4, 3.0, 2**70], ids=repr)
def test_an_integer_is_a_whole_number(value: float) -> None:
    assert failures_of({"count": value}) == []


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param(2.5, "must be a whole number, got a number", id="fraction"),
        pytest.param(False, "must be a whole number, got a boolean", id="boolean"),
        pytest.param("3", "must be a whole number, got a string", id="string"),
        pytest.param(("3",), "must be a whole number, got a tuple", id="tuple"),
    ],
)
def test_an_integer_is_not_a_fraction_or_anything_else(value: Any, reason: str) -> None:
    assert failures_of({"count": value}) == [("count", reason)]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param("yes", "must be a boolean, got a string", id="string"),
        pytest.param(1, "must be a boolean, got a number", id="number"),
    ],
)
def test_a_boolean_is_true_or_false(value: Any, reason: str) -> None:
    assert failures_of({"flag": value}) == [("flag", reason)]
    assert failures_of({"flag": True}) == []


def test_choices_list_every_allowed_value() -> None:
    assert failures_of({"speed_mode": "slow", "tier": "bronze"}) == []
    assert failures_of({"speed_mode": "medium", "tier": "tin"}) == [
        ("speed_mode", "must be 'fast' or 'slow'"),
        ("tier", "must be 'gold' or 'silver' or 'bronze'"),
    ]
    # The type is checked first: a wrong type is not also a wrong choice.
    assert failures_of({"speed_mode": 5}) == [("speed_mode", "must be a string, got a number")]


def test_a_required_field_left_out_or_null_is_reported() -> None:
    for news in ({}, {"display_name": None}):
        failures = check_inputs(THING, news)[1]
        assert failures == [Failure("display_name", "is required")]


def test_a_field_rule_runs_on_a_well_typed_known_value_only() -> None:
    assert failures_of({"display_name": "box"}) == [("display_name", "must not contain x")]
    assert RULE_CALLS == ["box"]
    RULE_CALLS.clear()
    assert failures_of({"display_name": 5}) == [("display_name", "must be a string, got a number")]
    assert failures_of({"display_name": UNKNOWN}) == []
    assert RULE_CALLS == []


def test_unknown_values_never_fail_and_are_kept() -> None:
    news = {"display_name": UNKNOWN, "ratio": UNKNOWN, "count": UNKNOWN, "speed_mode": UNKNOWN}
    checked, failures = check_inputs(THING, {**news, "flag": UNKNOWN, "inner_part": UNKNOWN})
    assert failures == []
    assert checked == {**news, "tier": None, "flag": UNKNOWN, "inner_part": UNKNOWN}


def test_nested_objects_are_checked_by_their_declaration() -> None:
    assert failures_of({"inner_part": ["x"]}) == [("inner_part", "must be an object, got a list")]
    assert failures_of({"inner_part": {"deep_value": "xyz", "level": 1.5, "extra": 1}}) == [
        ("inner_part.extra", "unknown property; expected one of: deep_value, level"),
        ("inner_part.deep_value", "must not contain x"),
        ("inner_part.level", "must be a whole number, got a number"),
    ]


def test_unknown_names_are_reported_as_written_with_the_expected_names_sorted() -> None:
    assert failures_of({"colour": "blue"}) == [
        (
            "colour",
            "unknown property; expected one of: "
            "count, display_name, flag, inner_part, ratio, speed_mode, tier",
        )
    ]


def test_an_output_only_field_is_not_an_input() -> None:
    [(path, reason)] = failures_of({"computed_at": "now"})
    assert path == "computed_at"
    assert reason.startswith("unknown property")
    assert "computed_at" not in reason


def test_engine_properties_are_not_the_user_s() -> None:
    assert failures_of({"__provider": "pickled", "__inputs": {}}) == []


def test_paths_and_names_use_the_face_s_spelling() -> None:
    news = {
        "display_name": None,
        "speed_mode": "medium",
        "inner_part": {"deep_value": "x", "level": "2", "bogus": 1},
        "colourScheme": "dark",
    }
    assert check_inputs(THING, news, schema_name)[1] == [
        Failure(
            "colourScheme",
            "unknown property; expected one of: count, displayName, flag, innerPart, ratio, speedMode, tier",
        ),
        Failure("displayName", "is required"),
        Failure("speedMode", "must be 'fast' or 'slow'"),
        Failure("innerPart.bogus", "unknown property; expected one of: deepValue, level"),
        Failure("innerPart.deepValue", "must not contain x"),
        Failure("innerPart.level", "must be a whole number, got a string"),
    ]


def test_the_real_resources_in_camel_case() -> None:
    _, failures = check_inputs(
        WEBHOOK_SETTINGS,
        {
            "colour": "blue",
            "update_all": "yes",
            "auth": {"username": "svc", "secret_version": 5},
            "start": {"enabled": True},
        },
        schema_name,
    )
    assert [(f.property, f.reason) for f in failures] == [
        ("colour", "unknown property; expected one of: auth, start, submission, updateAll"),
        ("start.url", "an enabled webhook needs a URL"),
        ("auth.secretVersion", "must be a string, got a number"),
        ("auth.password", "is required"),
        ("updateAll", "must be a boolean, got a string"),
    ]
    _, failures = check_inputs(INTERVIEW_WEBHOOK_SETTINGS, {"update_all": True}, schema_name)
    assert [(f.property, f.reason) for f in failures] == [
        ("update_all", "unknown property; expected one of: auth, interviewId, start, submission"),
        ("interviewId", "is required"),
    ]
