"""HTTP plumbing: the request handler (latency, faults, logging) and the `Emulator` that runs it."""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from ._admin import EmulatorAdmin
from ._admin_routes import ADMIN_PREFIX, handle_admin
from ._api_routes import API_PREFIX, handle_api, is_read
from ._deliveries import Deliverer
from ._messages import JsonObject, Request, Response
from ._state import Config, EmulatorState, Fault

__all__ = ["Emulator"]

_HOST = "127.0.0.1"
_INJECTED_BODY = json.dumps({"error": "injected fault"})
_POLL_INTERVAL_S = 0.01  # how long stop() may wait for the serving loop to notice; tests stop often


class Emulator:
    """A local Xobin API on 127.0.0.1, served from a daemon thread; use as a context manager.

    Faithful to the published docs by default: `GET` answers 405. `get_enabled=True` serves it too.
    `send` delivers events to the configured webhooks: to loopback addresses only, unless
    `deliver_anywhere=True`; each delivery waits at most `delivery_timeout_s` for the receiver.
    """

    def __init__(
        self,
        *,
        api_key: str = "test-api-key",
        port: int = 0,
        get_enabled: bool = False,
        report_has_apikey: bool = False,
        latency_ms: int = 0,
        interviews: int = 3,
        deliver_anywhere: bool = False,
        delivery_timeout_s: float = 5.0,
    ) -> None:
        self._api_key = api_key
        self._port = port
        self._deliverer = Deliverer(anywhere=deliver_anywhere, timeout_s=delivery_timeout_s)
        self._state = EmulatorState(
            Config(get_enabled=get_enabled, latency_ms=latency_ms, report_has_apikey=report_has_apikey),
            interviews,
        )
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Emulator:
        """Bind (port 0 picks a free one) and serve in the background."""
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        self._server = _Server(self._port, self._state, self._api_key, self._deliverer)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(_POLL_INTERVAL_S,), name="xobin-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and cut open connections; a no-op when not running."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._server = self._thread = None
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The API base URL, e.g. http://127.0.0.1:PORT/api/v2."""
        return self._root_url() + API_PREFIX

    @property
    def api_key(self) -> str:
        """The account API key the emulator accepts (the `apiKey` header; `xobin:apiKey` in a stack)."""
        return self._api_key

    @property
    def admin(self) -> EmulatorAdmin:
        return EmulatorAdmin(self._root_url())

    def send(self, event: str, interview_id: str) -> JsonObject:
        """Deliver `event` ("start" or "submission") of `interview_id` to its effective webhook, as
        `POST /_emulator/deliveries` does, and return the delivery record. Raises ValueError for an
        unknown event, LookupError for an unknown interview; a receiver's failure is in the record."""
        return self._deliverer.send(self._state, event, interview_id)

    def _root_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return f"http://{_HOST}:{self._server.server_port}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Clients may hold idle keep-alive connections; stop() must not wait for them.
    block_on_close = False

    def __init__(self, port: int, state: EmulatorState, api_key: str, deliverer: Deliverer) -> None:
        self.state = state
        self.api_key = api_key
        self.deliverer = deliverer
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__((_HOST, port), _Handler)

    def track(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.add(connection)

    def untrack(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self._connections.discard(connection)

    def close_connections(self) -> None:
        """Shut open client connections, so keep-alive clients see the server go instead of hanging."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients vanishing mid-answer is routine here (drops, stop()); anything else is a bug to show.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so pooled clients reuse connections
    # Headers and body go out in separate writes; with Nagle on, each answer waits for a delayed ACK.
    disable_nagle_algorithm = True
    server_version = "XobinEmulator"
    sys_version = ""
    server: _Server

    def setup(self) -> None:
        super().setup()
        self._counted = False
        self.server.track(self.connection)

    def finish(self) -> None:
        self.server.untrack(self.connection)
        super().finish()

    def _dispatch(self) -> None:
        request = Request(
            method=self.command,
            path=urlsplit(self.path).path,
            body=self._read_body(),
            api_key=self.headers.get("apiKey"),
        )
        if request.path.startswith(ADMIN_PREFIX):
            self._send(handle_admin(self.server.state, self.server.deliverer, request))
        else:
            self._serve_api(request)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _dispatch

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: requests are logged in the state, and the CLI prints one line only."""

    def _serve_api(self, request: Request) -> None:
        state = self.server.state
        if not self._counted:
            # Counted on a connection's first API request, so admin calls never inflate the count.
            self._counted = True
            state.count_connection()
        state.request_started()
        try:
            self._answer(request)
        finally:
            state.request_finished()

    def _answer(self, request: Request) -> None:
        state = self.server.state
        time.sleep(state.config.latency_ms / 1000)
        fault = state.take_fault(request.method, request.path)
        response = None
        if fault is not None:
            time.sleep(fault.delay_ms / 1000)
            if fault.drop:
                state.record(
                    request.method,
                    request.path,
                    0,
                    read=is_read(request),
                    user_agent=self.headers.get("User-Agent"),
                )
                self._drop()
                return
            response = _fault_response(fault)
        if response is None:
            response = handle_api(state, request, api_key=self.server.api_key)
        # Logged before sending, so a test that got its answer finds the request in the log.
        state.record(
            request.method,
            request.path,
            response.status,
            read=is_read(request),
            user_agent=self.headers.get("User-Agent"),
        )
        self._send(response)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":  # a HEAD answer announces its body's length but carries none
            self.wfile.write(response.body)

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _fault_response(fault: Fault) -> Response | None:
    """The injected answer, or None when the fault only delays the real one."""
    if fault.status is not None:
        headers = {} if fault.retry_after is None else {"Retry-After": fault.retry_after}
        body = _INJECTED_BODY if fault.body is None else fault.body
        return Response(fault.status, body.encode(), headers)
    if fault.body is not None:
        return Response(200, fault.body.encode())
    return None
