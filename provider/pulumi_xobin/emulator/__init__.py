"""A local Xobin AI-interview webhook settings API, for tests and demos; standard library only.

An independent reading of the Xobin API docs: it imports nothing from the rest of pulumi_xobin
(nor pydantic or httpx), so it checks the client rather than echoing it. It also sends Xobin's start
and submission events to the webhooks the settings name (`Emulator.send`; `_deliveries` says what of
that the docs show and what is this project's reading).
"""

from ._admin import EmulatorAdmin
from ._cli import main
from ._server import Emulator

__all__ = ["Emulator", "EmulatorAdmin", "main"]
