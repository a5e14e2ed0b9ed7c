"""The plugin `pulumi-resource-xobin`: the entry point of its self-contained build (scripts/freeze.py), and
of its Python source, which Pulumi's Python language host runs (see PulumiPlugin.yaml beside it) in the
plugin's own virtualenv."""

import sys

try:
    from pulumi_xobin._plugin.server import main
except Exception as err:
    # A broken install (a module missing from the build, say): one line that says so, not a traceback.
    sys.exit(f"pulumi-resource-xobin: cannot start, its install is broken ({type(err).__name__}: {err})")

main()
