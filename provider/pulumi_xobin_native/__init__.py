"""`pulumi_xobin.native` under the name that Pulumi's code generation writes for this package
(`import pulumi_xobin_native as xobin`, from `pulumi import`): imported code runs as it is printed."""

from pulumi_xobin.native import *  # noqa: F403
from pulumi_xobin.native import __all__ as __all__
