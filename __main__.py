"""The root project's program: the quickstart example, run from here.

Not `main: examples/quickstart/` in Pulumi.yaml: the program folder must be the project root, because
Pulumi's dynamic-provider launcher resolves `virtualenv: .venv` against the program folder while the
language host resolves it against the project root.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).parent / "examples" / "quickstart" / "__main__.py"), run_name="__main__")
