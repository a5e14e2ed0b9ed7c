"""The package's import rules, so the layout keeps saying what it is (README, "How the code is laid out").

- `_core`: the standard library only;
- `_api`: the core, httpx and pydantic; nothing of Pulumi;
- the faces: the core, the API and Pulumi; neither face imports the other;
- `emulator`: the standard library only, nothing of the package outside itself;
- `testing` (the pytest plugin): the emulator and pytest, never the client's models.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "provider"
PYTHON_FACES = ("pulumi_xobin._args",)
DYNAMIC = ("pulumi_xobin.provider", "pulumi_xobin._dynamic")
NATIVE = ("pulumi_xobin.native", "pulumi_xobin._plugin", "pulumi_xobin_native")
CORE = ("pulumi_xobin._core",)
API = ("pulumi_xobin._api",)
EMULATOR = ("pulumi_xobin.emulator",)
TESTING = ("pulumi_xobin.testing",)

# Each layer: (its modules, the package's modules it may import, the third-party packages it may import).
LAYERS = {
    "core": (CORE, CORE, ()),
    "api": (API, CORE + API, ("httpx", "pydantic")),
    "python arguments": (PYTHON_FACES, CORE, ("pulumi",)),
    "dynamic face": (DYNAMIC, DYNAMIC + CORE + API + PYTHON_FACES, ("pulumi",)),
    "native face": (NATIVE, NATIVE + CORE + API + PYTHON_FACES, ("pulumi", "grpc")),
    "emulator": (EMULATOR, EMULATOR, ()),
    "testing": (TESTING, EMULATOR, ("pytest",)),
}


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    """The layer whose prefix names `module` most closely; the package's own `__init__` is the dynamic
    face's public surface."""
    if module == "pulumi_xobin":
        return "dynamic face"
    matches = [(len(p), name) for name, (own, _, _) in LAYERS.items() for p in own if within(module, (p,))]
    assert matches, f"{module} belongs to no layer: add it to tests/unit/test_layout.py"
    return max(matches)[1]


def imports(path: Path) -> Iterator[str]:
    """Every module `path` imports, absolute (relative imports resolved)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                assert node.module is not None
                yield node.module
                continue
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            target = ".".join([*base, node.module] if node.module else base)
            # `from . import rules` imports the submodule.
            yield from (f"{target}.{alias.name}" for alias in node.names) if not node.module else (target,)


MODULES = sorted(p for p in PACKAGE_ROOT.rglob("*.py") if p.parent != PACKAGE_ROOT)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE_ROOT)))
def test_each_module_imports_only_what_its_layer_may(path: Path) -> None:
    layer = layer_of(module_name(path))
    _, internal, third_party = LAYERS[layer]
    for imported in imports(path):
        top = imported.split(".")[0]
        if top == "__future__" or top in sys.stdlib_module_names:
            continue
        if top in ("pulumi_xobin", "pulumi_xobin_native"):
            assert within(imported, internal), f"{layer} {module_name(path)} imports {imported}"
        else:
            assert top in third_party, f"{layer} {module_name(path)} imports {imported}"


@pytest.mark.parametrize(
    ("modules", "absent"),
    [
        ("pulumi_xobin._core.operations, pulumi_xobin._core.check", ("httpx", "pydantic", "grpc", "pulumi")),
        ("pulumi_xobin._api.client", ("pulumi", "grpc")),
    ],
)
def test_importing_a_layer_loads_nothing_it_must_not(modules: str, absent: tuple[str, ...]) -> None:
    """What the source says holds at run time too, through every transitive import. The package's own
    `__init__` (the dynamic face, which loads Pulumi) is left out, as a layer never needs it."""
    probe = (
        "import sys, types; package = types.ModuleType('pulumi_xobin'); "
        f"package.__path__ = [{str(PACKAGE_ROOT / 'pulumi_xobin')!r}]; "
        "sys.modules['pulumi_xobin'] = package; "
        f"import {modules}; print(sorted(m for m in {absent!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
