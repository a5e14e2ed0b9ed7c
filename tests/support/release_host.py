"""A stand-in for GitHub's release downloads, on 127.0.0.1: a `dist/` folder (what `make release` writes)
served as the assets of release `v<version>`, at the path GitHub gives them. Every request is counted,
so a test can tell that the engine fetched the plugin, and how often."""

from __future__ import annotations

import http.server
import threading
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any

# github.com/<owner>/<repository>/releases/download/<tag>/<asset>
RELEASES_PATH = "/pulumi-xobin/pulumi-xobin/releases/download"


class ReleaseHost:
    """`with ReleaseHost(dist, version) as host:` serves `dist/<asset>` at `<host.url>/v<version>/<asset>`."""

    def __init__(self, dist: Path, version: str) -> None:
        self.dist = dist
        self.version = version
        self.requests: Counter[str] = Counter()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The release host's URL for `Hermetic(release_host=...)`: tags and assets go below it."""
        return f"http://127.0.0.1:{self._server.server_address[1]}{RELEASES_PATH}"

    def fetched(self, asset: str) -> int:
        """How often `asset` of this release was asked for."""
        return self.requests[f"{RELEASES_PATH}/v{self.version}/{asset}"]

    def plugin_asset(self, os_: str = "linux", arch: str = "amd64") -> str:
        return f"pulumi-resource-xobin-v{self.version}-{os_}-{arch}.tar.gz"

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        host = self
        prefix = f"{RELEASES_PATH}/v{self.version}/"

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                host.requests[self.path] = host.requests[self.path] + 1
                asset = self.path.removeprefix(prefix)
                source = host.dist / asset
                if not self.path.startswith(prefix) or "/" in asset or not source.is_file():
                    self.send_error(404)
                    return
                body = source.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the counts are the record."""

        return Handler

    def __enter__(self) -> ReleaseHost:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
