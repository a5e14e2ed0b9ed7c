"""The plugin `pulumi-resource-xobin` as Python source: Pulumi's Python language host runs this folder
(see PulumiPlugin.yaml beside it) in the plugin's own virtualenv."""

from pulumi_xobin._plugin.server import main

main()
