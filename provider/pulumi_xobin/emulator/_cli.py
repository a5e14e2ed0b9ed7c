"""`xobin-emulator` / `python -m pulumi_xobin.emulator`: run the emulator until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from types import FrameType

from ._server import Emulator

__all__ = ["main"]

_DEFAULT_API_KEY = "test-api-key"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    stopping = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, request_stop)
    emulator = Emulator(
        api_key=args.api_key,
        port=args.port,
        get_enabled=args.with_get,
        report_has_apikey=args.report_has_apikey,
        latency_ms=args.latency_ms,
        interviews=args.interviews,
    )
    try:
        emulator.start()
    except OSError as exc:
        print(f"xobin-emulator: cannot listen on port {args.port}: {exc}", file=sys.stderr)
        return 1
    try:
        print(f"Xobin emulator listening on {emulator.url}", flush=True)
        stopping.wait()
    finally:
        emulator.stop()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xobin-emulator", description="Run a local Xobin API emulator.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free one)")
    parser.add_argument(
        "--api-key",
        default=os.environ.get("XOBIN_API_KEY") or _DEFAULT_API_KEY,
        help=f"accepted apiKey (default: $XOBIN_API_KEY, else {_DEFAULT_API_KEY!r})",
    )
    parser.add_argument(
        "--with-get", action="store_true", help="serve GET on the settings paths (the docs show no read)"
    )
    parser.add_argument("--report-has-apikey", action="store_true", help="add hasApikey to masked answers")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay before every API answer")
    parser.add_argument(
        "--interviews", type=int, default=3, help="AI interviews held: ai-interview-1 to ai-interview-N"
    )
    return parser
