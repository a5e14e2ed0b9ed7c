"""The errors of a request to Xobin: each names the method and path it was about (the tree is in
`_core.errors`)."""

from __future__ import annotations

from .._core.errors import XobinError

__all__ = ["ApiError", "RequestError", "TransportError", "UnexpectedResponseError"]


class RequestError(XobinError):
    """A request that failed: `method` and `path` say which."""

    def __init__(self, message: str, *, method: str, path: str) -> None:
        super().__init__(message)
        self.method = method
        self.path = path


class TransportError(RequestError):
    """The request did not get an answer: connection refused or dropped, or a timeout, after retries."""

    def __init__(self, message: str, *, method: str, path: str, attempts: int) -> None:
        super().__init__(message, method=method, path=path)
        self.attempts = attempts


class ApiError(RequestError):
    """Xobin answered with a non-success status; carries the server's own words, redacted."""

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        status: int,
        server_message: str | None,
        attempts: int,
    ) -> None:
        super().__init__(message, method=method, path=path)
        self.status = status
        self.server_message = server_message
        self.attempts = attempts


class UnexpectedResponseError(RequestError):
    """A success status whose body is not JSON, or not the JSON shape the API documents."""

    def __init__(self, message: str, *, method: str, path: str, status: int) -> None:
        super().__init__(message, method=method, path=path)
        self.status = status
