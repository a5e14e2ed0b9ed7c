"""The API economy, for every operation of both faces against both kinds of server, through the real CLI.

The budget of the quickstart (one `WebhookSettings`): one read per diff or refresh pass (a command that
previews first makes two passes), one write per create, update or delete, nothing else. The engine
starts a provider process per pass; against the doc-faithful server (no GET, as the published API),
each of them first pays one 405 to learn it, then reads with the documented no-op POST. The counts are
exact: fewer would mean a drift the provider cannot see, more a wasted request.

Each face and server has one stack, which the operations take through its life in this order, in one
process; an operation that needs the stack created (or empty) first makes it so, so any one can run on
its own.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from pulumi_xobin.emulator import Emulator
from support.pulumi_stack import E2EStack, assert_clean, copy_program, create_stack

pytestmark = pytest.mark.e2e

API_KEY = "acct-key-http-budget-3e5a"
PASSWORD = "pw-http-budget-91c0"
FACES = ("dynamic", "native")
SERVERS = ("with-get", "doc-faithful")
UP, SKIP = ("up", "--yes"), "--skip-preview"


@dataclass(frozen=True)
class Operation:
    key: str
    args: tuple[str, ...]
    passes: int  # diff or refresh passes, each a provider process of its own that reads once
    writes: int
    created: bool = True  # the state the operation starts from: the settings created, or no stack yet
    change: bool = False  # the program's startUrl changes just before it


OPERATIONS = (
    Operation("create-skip", (*UP, SKIP), passes=0, writes=1, created=False),
    Operation("preview", ("preview",), passes=1, writes=0),
    Operation("up-same-skip", (*UP, SKIP), passes=1, writes=0),
    Operation("up-same", UP, passes=2, writes=0),
    Operation("up-change-skip", (*UP, SKIP), passes=1, writes=1, change=True),
    Operation("up-change", UP, passes=2, writes=1, change=True),
    Operation("refresh-skip", ("refresh", "--yes", SKIP), passes=1, writes=0),
    Operation("refresh", ("refresh", "--yes"), passes=2, writes=0),
    Operation("destroy-skip", ("destroy", "--yes", SKIP), passes=0, writes=1),
    Operation("create", UP, passes=0, writes=1, created=False),
    Operation("destroy", ("destroy", "--yes"), passes=0, writes=1),
)


@dataclass
class Subject:
    """One face's quickstart stack against one server, whether the settings are created now, and how
    often the program's start URL changed."""

    stack: E2EStack
    emulator: Emulator
    doc_faithful: bool
    created: bool = False
    changes: int = 0

    def change(self) -> None:
        self.changes += 1
        self.stack.set_config("startUrl", f"https://hooks.example.com/v{self.changes}/start")

    def run(self, *args: str) -> None:
        done = self.stack.cli(*args)
        assert done.returncode == 0, done.stdout + done.stderr
        if args[0] in ("up", "destroy"):
            self.created = args[0] == "up"

    def make(self, created: bool) -> None:
        if created != self.created:
            self.run(*UP, SKIP) if created else self.run("destroy", "--yes", SKIP)


@pytest.fixture(
    scope="module",
    # One process runs a stack's operations (`make test` runs the tests in parallel): in order, on one stack.
    params=[
        pytest.param(pair, marks=pytest.mark.xdist_group("-".join(pair)))
        for pair in itertools.product(FACES, SERVERS)
    ],
    ids="-".join,
)
def subject(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Subject]:
    face, server = request.param
    root = tmp_path_factory.mktemp(f"{face}-{server}")
    work = copy_program("quickstart", root / "program", "xobin-budget", plugin=face == "native")
    if face == "native":
        # The same program on the native face, as the README's migration does it.
        program = work / "__main__.py"
        program.write_text(
            program.read_text().replace("import pulumi_xobin as xobin", "import pulumi_xobin.native as xobin")
        )
    with Emulator(api_key=API_KEY, get_enabled=server == "with-get") as emulator:
        stack = create_stack(work, root)
        stack.set_config("xobin:baseUrl", emulator.url)
        stack.set_config("xobin:apiKey", API_KEY, secret=True)
        stack.set_config("webhookPassword", PASSWORD, secret=True)
        subject = Subject(stack, emulator, doc_faithful=server == "doc-faithful")
        yield subject
        subject.make(created=False)
        assert_clean(stack, PASSWORD, API_KEY)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.key)
def test_an_operation_makes_exactly_its_budget_of_requests(subject: Subject, operation: Operation) -> None:
    subject.make(created=operation.created)
    if operation.change:
        subject.change()
    subject.emulator.admin.clear_requests()

    subject.run(*operation.args)

    log = subject.emulator.admin.requests()["log"]
    rejected = [e for e in log if e["status"] == 405]
    reads = [e for e in log if e["status"] != 405 and e["read"]]
    writes = [e for e in log if e["status"] != 405 and not e["read"] and e["method"] in ("POST", "PUT")]
    assert (len(reads), len(writes), len(rejected)) == (
        operation.passes,
        operation.writes,
        operation.passes if subject.doc_faithful else 0,
    ), log
    assert len(log) == len(reads) + len(writes) + len(rejected), log
