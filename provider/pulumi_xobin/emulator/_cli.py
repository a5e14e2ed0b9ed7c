"""`xobin-emulator` / `python -m pulumi_xobin.emulator`: run the emulator until SIGINT or SIGTERM;
`xobin-emulator send EVENT --interview ID --emulator URL` asks a running one to deliver an event."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import urllib.error
from types import FrameType

from ._admin import EmulatorAdmin
from ._deliveries import EVENTS
from ._server import Emulator

__all__ = ["main"]

_DEFAULT_API_KEY = "test-api-key"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["send"]:
        return _send(_send_parser().parse_args(argv[1:]))
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
        deliver_anywhere=args.deliver_anywhere,
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
    parser = argparse.ArgumentParser(
        prog="xobin-emulator",
        description="Run a local Xobin API emulator.",
        epilog="xobin-emulator send --help: deliver an event from a running emulator",
    )
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
    parser.add_argument(
        "--deliver-anywhere",
        action="store_true",
        help="deliver events to any address, not only to loopback ones",
    )
    return parser


def _send(args: argparse.Namespace) -> int:
    """Print the delivery record; 0 only when the receiver answered 2xx."""
    try:
        record = EmulatorAdmin(args.emulator).send(args.event, args.interview)
    except urllib.error.HTTPError as exc:
        print(f"xobin-emulator send: {exc.code}: {_error_text(exc)}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"xobin-emulator send: cannot reach the emulator at {args.emulator}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(record, indent=2))
    status = record["status"]
    return 0 if isinstance(status, int) and 200 <= status < 300 else 1


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read())["error"])
    except (ValueError, KeyError, TypeError):
        return str(exc.reason)


def _send_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xobin-emulator send",
        description="Deliver one event of an interview from a running emulator to the webhook its settings "
        "name, and print the delivery record as JSON. Exit status: 0 when the receiver answered 2xx, "
        "1 when it did not (or nothing was sent), 2 on an unknown event or interview.",
    )
    parser.add_argument("event", choices=EVENTS, help="the event to send")
    parser.add_argument("--interview", required=True, help="the AI interview's id, e.g. ai-interview-2")
    parser.add_argument(
        "--emulator", required=True, help="the URL the emulator printed, e.g. http://127.0.0.1:8787/api/v2"
    )
    return parser
