"""The Pulumi package schema of the `xobin` plugin, generated from the field declarations.

The engine reads it for YAML programs and `pulumi import`, and `pulumi package gen-sdk` turns it into the
SDKs of other languages, so every description, default, secret flag and allowed value here comes from
`_core.fields`, never from a second copy.
"""

from __future__ import annotations

from typing import Any

from .._core.fields import PROVIDER_CONFIG, RESOURCES, Field, ObjectType, ResourceType

__all__ = ["NODEJS_PACKAGE", "PACKAGE", "PLUGIN_DOWNLOAD_URL", "PYTHON_PACKAGE", "package_schema"]

PACKAGE = "xobin"
NODEJS_PACKAGE = "@pulumi-xobin/xobin"
# The module `pulumi import` writes Python code for, and the package `pulumi package add` generates for a
# Python project: no dot allowed (the generated folder must import). The distribution ships it too, as
# another name of `pulumi_xobin.native`, so imported code runs with the PyPI package.
PYTHON_PACKAGE = "pulumi_xobin_native"
# The project's GitHub releases (tag v<version>), where the engine fetches
# pulumi-resource-xobin-v<version>-<os>-<arch>.tar.gz. Every generated SDK carries it.
PLUGIN_DOWNLOAD_URL = "github://api.github.com/pulumi-xobin"
_TYPE_PREFIX = f"{PACKAGE}:index:"


_NODEJS_README = """\
# @pulumi-xobin/xobin

Xobin's AI-interview webhook settings as code, for Pulumi programs in TypeScript and JavaScript:
`WebhookSettings` (the account-wide settings), `InterviewWebhookSettings` (one interview's override) and
`Provider` (another Xobin account).

```bash
npm install @pulumi-xobin/xobin
```

The resources are served by the plugin `pulumi-resource-xobin` of the same version, which the Pulumi
engine downloads from the project's GitHub releases the first time a program needs it (it is Python
source: the engine makes its virtualenv with the machine's Python 3.10 or newer).

```typescript
import * as pulumi from "@pulumi/pulumi";
import * as xobin from "@pulumi-xobin/xobin";

const config = new pulumi.Config();
new xobin.WebhookSettings("ai-interview-webhooks", {
    start: { url: "https://hooks.example.com/start" },
    auth: { type: "basic", username: "svc", password: config.requireSecret("webhookPassword") },
});
```

The account API key is the stack config `xobin:apiKey` (or `XOBIN_API_KEY`). See the pulumi-xobin README
for every property, drift, import and failure behaviour.
"""

# The repository's sdk/go folder is a Go module of its own; its one package is named after the Pulumi package.
_GO_MODULE = "github.com/pulumi-xobin/pulumi-xobin/sdk/go"
# The project's own namespace, never Pulumi's `com.pulumi`: the generator appends the Pulumi package's name
# (io.github.pulumixobin.xobin).
_JAVA_BASE_PACKAGE = "io.github.pulumixobin"


def package_schema(version: str) -> dict[str, Any]:
    types: dict[str, Any] = {}
    config = {f.schema_name: _property(f, types) for f in PROVIDER_CONFIG}
    schema: dict[str, Any] = {
        "name": PACKAGE,
        "displayName": "Xobin",
        "version": version,
        "description": "Manage Xobin's AI-interview webhook settings as code.",
        "keywords": ["pulumi", "xobin", "webhooks", "kind/native"],
        "license": "Apache-2.0",
        "homepage": "https://github.com/pulumi-xobin/pulumi-xobin",
        "repository": "https://github.com/pulumi-xobin/pulumi-xobin",
        "publisher": "pulumi-xobin",
        "pluginDownloadURL": PLUGIN_DOWNLOAD_URL,
        "config": {"variables": config},
        "provider": {
            "description": "The Xobin provider: the account to manage, and how to reach its API.",
            "inputProperties": config,
        },
        "resources": {r.token: _resource(r, types) for r in RESOURCES},
        "types": types,
        "language": {
            "python": {"packageName": PYTHON_PACKAGE, "respectSchemaVersion": True},
            "nodejs": {
                # The @pulumi scope is Pulumi's own; the project's scope matches its Python distribution.
                "packageName": NODEJS_PACKAGE,
                "packageDescription": "Xobin's AI-interview webhook settings as code (pulumi-xobin, native).",
                "readme": _NODEJS_README,
                # The npm package's version is the schema's, which is the Python distribution's.
                "respectSchemaVersion": True,
            },
            "go": {
                "importBasePath": f"{_GO_MODULE}/{PACKAGE}",
                # The Array and Map types of each resource, as Pulumi's own Go SDKs have them.
                "generateResourceContainerTypes": True,
                # The plugin version each resource asks for is the schema's, as for npm.
                "respectSchemaVersion": True,
            },
            # No build files: sdk/java/pom.xml is the project's own (the generator writes only Gradle's).
            "java": {"basePackage": _JAVA_BASE_PACKAGE, "buildFiles": "none"},
        },
        # The Go SDK gets its own go.mod, at the module path of `importBasePath` less the package.
        "meta": {"supportPack": True},
    }
    return schema


def _resource(resource: ResourceType, types: dict[str, Any]) -> dict[str, Any]:
    inputs = resource.inputs()
    return {
        "description": f"{resource.doc}\n\nID: {resource.id_doc}",
        "inputProperties": {f.schema_name: _property(f, types) for f in inputs},
        "requiredInputs": [f.schema_name for f in inputs if f.required],
        "properties": {f.schema_name: _property(f, types, output=True) for f in resource.fields},
        "required": [f.schema_name for f in resource.fields if f.required or f.default is not None],
    }


def _property(
    field: Field, types: dict[str, Any], *, output: bool = False, owner: str = ""
) -> dict[str, Any]:
    spec: dict[str, Any] = {"description": field.doc}
    type_ = (field.output_type or field.type) if output else field.type
    if isinstance(type_, ObjectType):
        spec["$ref"] = f"#/types/{_object(type_, types)}"
    elif field.choices:
        spec["$ref"] = f"#/types/{_enum(field, owner, types)}"
    else:
        spec["type"] = type_
    if field.default is not None:
        spec["default"] = field.default
    if field.env is not None:
        spec["defaultInfo"] = {"environment": [field.env]}
    if field.secret:
        spec["secret"] = True
    if field.replaces:
        spec["willReplaceOnChanges"] = True
    return spec


def _object(type_: ObjectType, types: dict[str, Any]) -> str:
    token = _TYPE_PREFIX + type_.name
    types[token] = {
        "type": "object",
        "description": type_.doc,
        "properties": {f.schema_name: _property(f, types, owner=type_.name) for f in type_.fields},
    }
    return token


def _enum(field: Field, owner: str, types: dict[str, Any]) -> str:
    """A string enum named after its owner and field: `auth.type` is `WebhookAuthType`."""
    token = _TYPE_PREFIX + owner + field.name.title()
    types[token] = {
        "type": "string",
        "description": field.doc,
        "enum": [{"name": choice.title(), "value": choice} for choice in field.choices],
    }
    return token
