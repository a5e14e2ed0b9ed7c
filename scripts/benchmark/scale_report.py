"""The large-stack figures (`scale`) as section 7 of BENCHMARKS.md: a part that `--scale` writes and the
full run keeps (`kept.SCALE`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .kept import SCALE
from .measure import Spread
from .processes import ROLES
from .report import table
from .scale import LIFE, PROJECTS, LifeFigures, Measured

# Per-resource costs are compared between this size and the largest one each face completed.
BASE_SIZE = 100


def median(figures: LifeFigures, pick: Callable[[Measured], float]) -> float:
    return Spread.of([pick(m) for m in figures.runs]).median


def cell(figures: LifeFigures, pick: Callable[[Measured], float], digits: int = 1) -> str:
    if not figures.runs:
        return f"failed: {figures.failure}" if figures.failure else "not run"
    return Spread.of([pick(m) for m in figures.runs]).text(digits)


def wall(m: Measured) -> float:
    return m.sample.wall_s


def cpu(role: str) -> Callable[[Measured], float]:
    return lambda m: m.usage[role].cpu_s


def peak(role: str) -> Callable[[Measured], float]:
    return lambda m: m.usage[role].peak_mib


class Index:
    """The figures by face, latency, size and step."""

    def __init__(self, figures: Sequence[LifeFigures]) -> None:
        self.by_key = {(f.face, f.latency_ms, f.size, f.step.key): f for f in figures}
        self.sizes = sorted({f.size for f in figures})
        self.latencies = sorted({f.latency_ms for f in figures})

    def get(self, face: str, latency: int, size: int, step: str) -> LifeFigures:
        return self.by_key[(face, latency, size, step)]

    def largest_whole_life(self, face: str) -> int:
        """The largest size whose every step ran at every latency."""
        whole = [
            n
            for n in self.sizes
            if all(self.get(face, lat, n, s.key).runs for lat in self.latencies for s in LIFE)
        ]
        return max(whole, default=0)


def wall_rows(index: Index) -> list[list[str]]:
    fast, slow = index.latencies[0], index.latencies[-1]
    rows = []
    for face in PROJECTS:
        for step in LIFE:
            for n in index.sizes:
                quick, late = index.get(face, fast, n, step.key), index.get(face, slow, n, step.key)
                added = overlapped = requests = conns = ""
                if quick.runs and late.runs:
                    added = f"{median(late, wall) - median(quick, wall):.1f}"
                    total = max(m.sample.traffic.total for m in late.runs)
                    in_flight = max(m.sample.traffic.peak_in_flight for m in late.runs)
                    requests = str(total)
                    conns = str(in_flight)
                    overlapped = f"{total * slow / 1000 / max(in_flight, 1):.1f}"
                times = [cell(quick, wall), cell(late, wall), added]
                rows.append([face, step.label, str(n), *times, requests, conns, overlapped])
    return rows


def work_rows(index: Index) -> list[list[str]]:
    latency = index.latencies[0]
    rows = []
    for face in PROJECTS:
        for step in LIFE:
            for n in index.sizes:
                fig = index.get(face, latency, n, step.key)
                if not fig.runs:
                    rows.append([face, step.label, str(n), cell(fig, wall), *[""] * (2 * len(ROLES))])
                    continue
                ran = [role for role in ROLES if all(m.usage[role].processes for m in fig.runs)]
                cpus = [cell(fig, cpu(role)) if role in ran else "-" for role in ROLES]
                peaks = [cell(fig, peak(role), 0) if role in ran else "-" for role in ROLES]
                rows.append([face, step.label, str(n), cell(fig, wall), *cpus, *peaks])
    return rows


def growth_rows(index: Index) -> list[list[str]]:
    """Per-resource cost at the largest completed size over that at BASE_SIZE (1.0: linear in N)."""
    latency = index.latencies[0]
    rows = []
    picks = [wall, *(cpu(role) for role in ROLES)]
    for face in PROJECTS:
        largest = index.largest_whole_life(face)
        if largest <= BASE_SIZE or BASE_SIZE not in index.sizes:
            continue
        for step in LIFE:
            base = index.get(face, latency, BASE_SIZE, step.key)
            big = index.get(face, latency, largest, step.key)
            if not base.runs:
                continue  # the step failed at BASE_SIZE: nothing to compare with
            ratios = [
                f"{median(big, p) / largest / (median(base, p) / BASE_SIZE):.1f}" if median(base, p) else "-"
                for p in picks
            ]
            rows.append([face, step.label, f"{BASE_SIZE} to {largest}", *ratios])
    return rows


# What the tables show growing faster than N, and why: the engine's behaviour, read in Pulumi's docs and
# seen in the figures (the same create with and without checkpoints), not something either face does.
WHY_IT_GROWS = (
    "Why: without `PULUMI_SKIP_CHECKPOINTS` the engine writes the whole state after every step, so a",
    "create or destroy of N resources writes N states of up to N resources: the engine's CPU and memory",
    "grow faster than N, while the same create with the switch grows with N. A preview, and the diffs of",
    "an `up`, read each resource once, one after the other: the engine asks for diffs one at a time",
    "unless `PULUMI_PARALLEL_DIFF=true`, so at 50 ms a no-op preview of N resources needs N x 50 ms,",
    "whichever the face. Creates, refreshes and destroys overlap their requests (the engine runs 4",
    "steps per CPU at once). The providers' work per resource stays flat; the program's grows only with",
    "how long the engine keeps it waiting (compare the two creates).",
)


def scale_block(
    figures: Sequence[LifeFigures], info: Mapping[str, str], runs: int, wall_s: float, load: str
) -> str:
    index = Index(figures)
    fast, slow = index.latencies[0], index.latencies[-1]
    reached = ", ".join(f"{face} {index.largest_whole_life(face)}" for face in PROJECTS)
    lines = [
        SCALE.begin,
        "## 7. Large stacks: both faces, N = " + ", ".join(f"{n:,}" for n in index.sizes),
        "",
        "From `scripts/bench --scale` (a run of its own, dated here; `make bench` keeps this section as it",
        "is). `scripts/bench_programs/per_interview` with N independent `InterviewWebhookSettings`, as",
        "dynamic resources and as the native provider's, against the emulator with GET: a new stack per",
        "face, size and latency, taken through create (`up --skip-preview`), a no-op `preview`, an update",
        "of one resource (`up --skip-preview` after one interview's URL changed), `refresh` and `destroy`",
        "(both `--skip-preview`), then a create and a destroy on a second stack with",
        "`PULUMI_SKIP_CHECKPOINTS=true`, which stops the engine writing the whole state after every step.",
        "",
        f"- Date: {info['date']}; {runs} run(s) per figure; the whole run took {wall_s / 60:.0f} min",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory, shared with other work;"
        f" load average (1, 5, 15 min) {load}",
        f"- Python {info['python']}, Pulumi CLI {info['pulumi_cli']}, pulumi SDK {info['pulumi_sdk']};"
        " file (DIY) state backend, passphrase secrets",
        f"- The largest N whose whole life ran, at both latencies: {reached}",
        "",
        "### Wall time",
        "",
        f"Seconds, median (min-max) over the runs. Latency: the emulator adds {slow} ms to every request.",
        '"Requests" and "in flight" (the most the emulator answered at once) are of the',
        f'{slow} ms run; "overlapped" is what those requests need at {slow} ms each, that many at once.',
        "",
        *table(
            [
                "Face",
                "Command",
                "N",
                f"{fast} ms (s)",
                f"{slow} ms (s)",
                "Added by latency (s)",
                "Requests",
                "In flight",
                "Overlapped (s)",
            ],
            wall_rows(index),
        ),
        "",
        "### Where the work goes",
        "",
        f"The {fast} ms runs: CPU seconds (user and system) of each role's processes during the command,",
        "and the largest peak resident memory (MiB) among them. The engine is the `pulumi` CLI and its",
        "language host; the program is the Python process running `__main__.py`; the provider is the",
        "plugin (native) or Pulumi's dynamic-provider host (dynamic), one per pass. Read from /proc every",
        "0.1 s, so a process loses at most that much CPU time at its end; - where the command runs none.",
        "",
        *table(
            [
                "Face",
                "Command",
                "N",
                "Wall (s)",
                *(f"CPU {role} (s)" for role in ROLES),
                *(f"Peak {role} (MiB)" for role in ROLES),
            ],
            work_rows(index),
        ),
        "",
        "### What grows faster than N",
        "",
        "Cost per resource at the largest N whose whole life ran, over the cost per resource at",
        f"N = {BASE_SIZE} ({fast} ms runs): 1.0 is linear in N; 10 from {BASE_SIZE} to 1,000 is quadratic.",
        "",
        *table(
            ["Face", "Command", "N", "Wall", *(f"CPU {role}" for role in ROLES)],
            growth_rows(index),
        ),
        "",
        *WHY_IT_GROWS,
        SCALE.end,
    ]
    return "\n".join(lines)
