"""What a user could see of an error, for the tests that a secret or a library's wording never shows."""

from __future__ import annotations

import traceback

__all__ = ["assert_no_pydantic", "error_texts"]


def error_texts(err: BaseException) -> str:
    """Everything a user could see of an error: message, repr, attributes and the printed traceback."""
    parts = [str(err), repr(err), *map(str, err.args)]
    parts.extend(str(getattr(err, name, "")) for name in ("server_message", "method", "path"))
    parts.append("".join(traceback.format_exception(type(err), err, err.__traceback__)))
    return "\n".join(parts)


def assert_no_pydantic(err: BaseException) -> None:
    """The error is ours: no word of pydantic's, and no pydantic error chained as its cause."""
    text = error_texts(err)
    for word in ("validation error", "pydantic", "ValidationError", "errors.pydantic.dev"):
        assert word not in text
    assert err.__cause__ is None
