"""The native provider plugin `pulumi-resource-xobin`: the package's core served to every Pulumi language.

The engine starts the executable (a console script of this distribution) and speaks Pulumi's
resource-provider protocol to it; `pulumi_xobin.native` holds the Python resources that use it.
"""

from ._server import main

__all__ = ["main"]
