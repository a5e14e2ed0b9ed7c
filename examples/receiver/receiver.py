"""A webhook receiver for Xobin's AI-interview events, on Python's standard library.

It checks the basic-auth credentials Xobin sends with each event, answers 401 to any other, and keeps
every event it accepts (`events`: the path and the JSON body). A real receiver would hand each event on
to the team's systems where this one appends it to a list.
"""

from __future__ import annotations

import base64
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Receiver:
    """Serves on `host`:`port` (port 0: any free one) from a thread; use as a context manager."""

    def __init__(self, username: str, password: str, host: str = "127.0.0.1", port: int = 0) -> None:
        self.username = username
        self.password = password
        self.events: list[tuple[str, dict[str, Any]]] = []
        self._host = host
        self._server = _Server((host, port), self)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self._server.server_port}"

    def accepts(self, authorization: str | None) -> bool:
        expected = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        return hmac.compare_digest(authorization or "", f"Basic {expected}")

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], receiver: Receiver) -> None:
        self.receiver = receiver
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not receiver.accepts(self.headers.get("Authorization")):
            self._answer(401)
            return
        try:
            event = json.loads(body)
        except ValueError:
            self._answer(400)
            return
        receiver.events.append((self.path, event))
        self._answer(200)

    def _answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test reads `events`."""
