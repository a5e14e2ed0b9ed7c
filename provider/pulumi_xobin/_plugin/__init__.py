"""The native face: the plugin `pulumi-resource-xobin`, the package's core served to every Pulumi language.

    server.py   the process the engine starts (the console script's `main`): gRPC, one-line errors
    adapter.py  Pulumi's provider interface over the core's operations
    values.py   the engine's property values to and from the core's plain bags
    schema.py   the package schema, from the field declarations

`pulumi_xobin.native` holds the Python resources that use it. Nothing is imported here, so the Python
resources can read the schema's names without loading the server.
"""
