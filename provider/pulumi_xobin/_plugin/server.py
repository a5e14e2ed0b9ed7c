"""`pulumi-resource-xobin`: serve the native provider to the Pulumi engine.

It serves what `pulumi.provider.experimental.server.main` serves, with one difference users see: the
SDK's servicer appends a Python traceback to every error, and the engine prints it. Here each error
reaches the engine as its message alone, so a failed request reads as one clear line.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import os
import sys
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from typing import Any, TypeVar

import grpc
import grpc.aio
from pulumi.provider.experimental.server import ProviderServicer

# The SDK's own gRPC limits, as its provider server uses them; Pulumi has no public name for them.
from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS
from pulumi.runtime.proto import engine_pb2, engine_pb2_grpc, provider_pb2_grpc

from .._core.errors import XobinError
from .adapter import XobinProvider, load_http_client

__all__ = ["main"]

_T = TypeVar("_T")

# The engine sends up to `--parallel` calls at once (4 per CPU unless set), and each that reaches the API
# holds a worker thread while it waits (`_provider` runs the blocking client with asyncio.to_thread).
# asyncio's default pool has CPUs + 4 threads, fewer than that; this one starts its threads only when
# calls wait for them, so up to 64 calls (or 4 per CPU, if more) run at once.
API_THREADS = max(64, 4 * (os.cpu_count() or 1))


def use_api_threads(loop: asyncio.AbstractEventLoop) -> None:
    """Gives `loop` the pool that `asyncio.to_thread` runs the plugin's API calls on."""
    loop.set_default_executor(ThreadPoolExecutor(max_workers=API_THREADS, thread_name_prefix="xobin-api"))


def _message(err: BaseException) -> str:
    """The message to show for a failed request: ours as it is; anything else named as a fault of ours.

    The SDK wraps what a provider method raised in a new exception, inside its `except` block, so the
    original is the wrapper's `__context__`.
    """
    cause = err if isinstance(err, XobinError) else err.__context__ or err
    if isinstance(cause, XobinError):
        return str(cause)
    return f"internal error in pulumi-resource-xobin ({type(cause).__name__}: {cause}); please report it"


async def _clean(call: Awaitable[_T], context: grpc.aio.ServicerContext[Any, Any]) -> _T:
    try:
        return await call
    except NotImplementedError:
        raise
    except Exception as err:
        await context.abort(grpc.StatusCode.UNKNOWN, _message(err))
        raise  # abort() raised already; this satisfies the type checker


# The RPCs this provider serves; the SDK's servicer answers the others itself.
_SERVED = ("GetSchema", "CheckConfig", "Configure", "Check", "Diff", "Create", "Read", "Update", "Delete")


def _one_line_errors(cls: type[ProviderServicer]) -> type[ProviderServicer]:
    """`cls` with each RPC of `_SERVED` reporting a failure as its message alone (`_clean`)."""
    for name in _SERVED:
        served = getattr(cls, name)

        @functools.wraps(served)
        async def call(self: Any, request: Any, context: Any, served: Any = served) -> Any:
            return await _clean(served(self, request, context), context)

        setattr(cls, name, call)
    return cls


@_one_line_errors
class _Servicer(ProviderServicer):
    """The SDK's servicer, with errors as plain messages (see the module docstring)."""

    def __init__(self, args: list[str], version: str, provider: XobinProvider, engine_address: str) -> None:
        super().__init__(args, version, provider, engine_address=engine_address)
        self._xobin = provider

    async def Configure(self, request: Any, context: Any) -> Any:
        # The SDK hands the provider no URN here; the provider needs it to tell the default provider.
        self._xobin.configuring(request.urn)
        return await super().Configure(request, context)


def _engine_warner(engine_address: str) -> Callable[[str, str], Awaitable[None]]:
    """Warnings through the engine's log service, attached to a resource (not to the stack)."""
    stub: Any = None

    async def warn(urn: str, message: str) -> None:
        nonlocal stub
        if stub is None:
            channel = grpc.aio.insecure_channel(engine_address, options=_GRPC_CHANNEL_OPTIONS)
            stub = engine_pb2_grpc.EngineStub(channel)
        await stub.Log(engine_pb2.LogRequest(severity=engine_pb2.WARNING, message=message, urn=urn))

    return warn


async def _serve(args: list[str], provider: XobinProvider, engine_address: str, plugin_version: str) -> None:
    use_api_threads(asyncio.get_running_loop())
    server = grpc.aio.server(options=_GRPC_CHANNEL_OPTIONS)
    servicer = _Servicer(args, plugin_version, provider, engine_address=engine_address)
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    # The engine reads the port from the first line of output.
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    # The first Check, Diff or Read needs the HTTP client (httpx and pydantic: a few hundred ms of
    # imports); loading it now, while the engine handshakes, keeps that cost off the first answer.
    threading.Thread(target=load_http_client, daemon=True).start()
    await server.wait_for_termination()


def main() -> None:
    args = sys.argv[1:]
    # The engine passes its address as the one positional argument, among flags such as --logtostderr.
    positional = [a for a in args if not a.startswith("-")]
    if not positional:
        sys.exit("usage: pulumi-resource-xobin ENGINE_ADDRESS (the Pulumi engine starts this plugin)")
    engine_address = positional[0]
    plugin_version = version("pulumi-xobin")
    # The engine hands each plugin process the stack's `xobin:` config, decrypted, in PULUMI_CONFIG.
    stack_config = json.loads(os.environ.get("PULUMI_CONFIG") or "{}")
    provider = XobinProvider(plugin_version, warn=_engine_warner(engine_address), stack_config=stack_config)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args, provider, engine_address, plugin_version))
