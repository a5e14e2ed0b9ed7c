"""Removing secrets from text before it reaches an exception or a log."""

from __future__ import annotations

import pytest

from pulumi_xobin._core.errors import redact


@pytest.mark.parametrize(
    ("text", "secrets", "expected"),
    [
        pytest.param("bad key k-123", ["k-123"], "bad key [secret]", id="single"),
        pytest.param(
            "k-1 and k-1 again: k-1", ["k-1"], "[secret] and [secret] again: [secret]", id="every-occurrence"
        ),
        pytest.param("user pw1 key k2", ["pw1", "k2"], "user [secret] key [secret]", id="several-secrets"),
        pytest.param(
            "token abcdef", ["abc", "abcdef"], "token [secret]", id="longest-first-shorter-listed-first"
        ),
        pytest.param(
            "token abcdef", ["abcdef", "abc"], "token [secret]", id="longest-first-longer-listed-first"
        ),
        pytest.param("abc abcdef", ["abc", "abcdef"], "[secret] [secret]", id="overlapping-both-present"),
        pytest.param("xyzabc", ["xyz", "yzab"], "x[secret]c", id="overlapping-longest-wins"),
        pytest.param("nothing here", ["absent"], "nothing here", id="absent-secret"),
        pytest.param("keep me", [None, ""], "keep me", id="none-and-empty-ignored"),
        pytest.param("keep me", [], "keep me", id="no-secrets"),
        pytest.param("", ["k"], "", id="empty-text"),
        pytest.param("pw pw", (s for s in ["pw", None]), "[secret] [secret]", id="any-iterable"),
    ],
)
def test_redact(text: str, secrets: list[str | None], expected: str) -> None:
    assert redact(text, secrets) == expected
