"""Medians, ratios, the goals of issue 10, and RESULTS.md / RESULTS.json."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from bench.web.wrk import Measurement

HERE = Path(__file__).resolve().parent
RESULTS_MD = HERE / "RESULTS.md"
RESULTS_JSON = HERE / "RESULTS.json"
RATIOS = (
    ("Marquee anonymous through nginx (deploy/) / nginx static", "marquee-nginx", "nginx"),
    ("Marquee anonymous, Marquee's page cache / nginx static", "marquee-anon", "nginx"),
    ("Marquee logged-in / Wagtail (at its best)", "marquee-reader", "wagtail"),
    ("Marquee anonymous / Wagtail (at its best)", "marquee-anon", "wagtail"),
    # The machine's speed varies between runs (it is shared); a Django view that does nothing
    # measures it, so this ratio compares reaction throughput across runs.
    ("Marquee reactions / Django hello world", "marquee-react", "hello"),
)
# Wagtail is compared at its best: the faster of its rows when several app servers ran it, so
# that Marquee's choice of server cannot flatter the ratio.
AT_BEST = ("wagtail",)
# Application servers compared: the production one (first of --app-servers, unsuffixed rows)
# against each other one (rows ``name@server``).
COMPARED = ("hello", "marquee-anon", "marquee-reader", "marquee-react", "wagtail")


@dataclass(frozen=True)
class Row:
    name: str
    label: str
    runs: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass(frozen=True)
class Summary:
    rows: list[Row]
    ratios: dict[str, float]

    def row(self, name: str) -> Row | None:
        return next((row for row in self.rows if row.name == name), None)

    def fastest(self, base: str) -> Row | None:
        """The row of ``base`` with the most req/s, among every app server it ran under."""
        return fastest(self.rows, base)


def fastest(rows: list[Row], base: str) -> Row | None:
    return max(
        (row for row in rows if row.name.partition("@")[0] == base),
        key=lambda row: row.rps,
        default=None,
    )


def line(m: Measurement) -> str:
    errors = f"  errors {m.errors}" if m.errors else ""
    if m.statuses:
        errors += "  " + " ".join(f"{k}:{v}" for k, v in sorted(m.statuses.items()))
    return f"{m.rps:10,.0f} req/s  p50 {m.p50_ms:7.1f} ms  p99 {m.p99_ms:7.1f} ms{errors}"


def ratio(value: float) -> str:
    return f"{value:.2f}×" if value >= 0.1 or value == 0 else f"1/{1 / value:,.0f}"


def reaction_line(check: dict[str, object]) -> str:
    verdict = "equal" if check["equal"] else "DIFFERENT"
    return f"shown {check['shown']} / stored {check['stored']}: {verdict}"


def summarise(labels: dict[str, str], results: dict[str, list[Measurement]]) -> Summary:
    rows = [
        Row(
            name=name,
            label=labels[name],
            runs=len(runs),
            rps=round(statistics.median(m.rps for m in runs), 1),
            p50_ms=round(statistics.median(m.p50_ms for m in runs), 2),
            p99_ms=round(statistics.median(m.p99_ms for m in runs), 2),
            errors=sum(m.errors for m in runs),
        )
        for name, runs in results.items()
    ]
    by_name = {row.name: row for row in rows}
    at_best = dict(by_name)
    for base in AT_BEST:
        best = fastest(rows, base)
        if best is not None:
            at_best[base] = best
    pairs = [(title, top, bottom, at_best) for title, top, bottom in RATIOS]
    for row in rows:
        base, _, server = row.name.partition("@")
        if server and base in COMPARED:
            pairs.append((f"{base}: production server / {server}", base, row.name, by_name))
    ratios = {
        title: found[top].rps / found[bottom].rps
        for title, top, bottom, found in pairs
        if top in found and bottom in found and found[bottom].rps
    }
    return Summary(rows, ratios)


def goals(summary: Summary, checks: list[dict[str, object]]) -> list[tuple[str, bool]]:
    """The "Done when" figures of issue 10 that this run measured, each met or not."""
    # The anonymous figure is the production deployment's (nginx in front) when measured.
    anon = summary.row("marquee-nginx") or summary.row("marquee-anon")
    nginx = summary.row("nginx")
    reader, wagtail = summary.row("marquee-reader"), summary.fastest("wagtail")
    react = summary.row("marquee-react")
    met: list[tuple[str, bool]] = []
    how = " (through nginx)" if anon and anon.name == "marquee-nginx" else ""
    if anon and nginx:
        met.append(
            (f"anonymous article{how} ≥ 25 % of nginx's req/s", anon.rps >= 0.25 * nginx.rps)
        )
    if anon:
        met.append((f"anonymous article{how} p99 ≤ 20 ms", anon.p99_ms <= 20))
    if reader and wagtail:
        met.append(("logged-in article ≥ 2× Wagtail", reader.rps >= 2 * wagtail.rps))
    if react:
        met.append(("reactions ≥ 500/s", react.rps >= 500))
        met.append(("reaction counts shown = rows stored", all(c["equal"] for c in checks)))
    return met


def _output(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return "?"
    text = (done.stdout + done.stderr).strip()
    return text.splitlines()[0] if text else "?"


def _cpu_model() -> str:
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                return text.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _memory_gib() -> float:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def _package(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def context(
    args: argparse.Namespace, tools: dict[str, str], versions: dict[str, str]
) -> dict[str, object]:
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({_cpu_model()}), {_memory_gib():.0f} GiB",
        "mode": "quick smoke run (--quick)" if args.quick else "full run",
        "load": f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s, "
        f"{args.rounds} interleaved round(s) after a 1 s warm-up per target",
        "servers": ", ".join(f"{server} {_package(server)}" for server in args.app_servers)
        + f" (first: production's), {args.workers} workers × {args.app_threads} threads each, "
        "access log on",
        "database": versions.get("database", "?"),
        "cache": "Redis" if args.redis else "in-process (no REDIS_URL)",
        "versions": {
            "python": platform.python_version(),
            "django": _package("django"),
            "marquee": _package("marquee"),
            "wagtail": versions.get("wagtail", "-"),
            "nginx": _output([tools["nginx"], "-v"]).split("/")[-1] if "nginx" in tools else "-",
            "wrk": _output([tools["wrk"], "-v"]).split(" [")[0].removeprefix("wrk "),
        },
    }


def markdown(summary: Summary, checks: list[dict[str, object]], ctx: dict[str, object]) -> str:
    versions = ctx["versions"]
    assert isinstance(versions, dict)
    lines = [
        f"Run {ctx['date']}, {ctx['mode']}. Machine: {ctx['machine']}.",
        f"Load: {ctx['load']}. Servers: {ctx['servers']}. Marquee database: {ctx['database']}; "
        f"cache: {ctx['cache']}.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".",
        "",
        "| target | req/s | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in summary.rows:
        lines.append(
            f"| {row.label} | {row.rps:,.0f} | {row.p50_ms:.1f} | {row.p99_ms:.1f} | {row.errors} |"
        )
    lines.append("")
    lines += [f"- {title}: **{ratio(value)}**" for title, value in summary.ratios.items()]
    if checks:
        differed = "" if all(c["equal"] for c in checks) else " (a round DIFFERED)"
        lines.append(
            f"- Reaction counts after the last round: {reaction_line(checks[-1])}{differed}"
        )
    headers = ctx.get("anonymous_page_headers")
    if isinstance(headers, dict):
        shown = "; ".join(f"{name}: `{value}`" for name, value in headers.items())
        lines.append(f"- Anonymous article page: {shown}")
    lines.append("")
    lines.append("Goals of issue 10 measured here:")
    lines += [f"- [{'x' if ok else ' '}] {text}" for text, ok in goals(summary, checks)]
    return "\n".join(lines) + "\n"


HEADER = """# Web benchmark: Marquee beside nginx and a vanilla Wagtail page

`python -m bench.web` (see bench/README.md). Medians over the rounds; req/s counts every answer,
errors are socket errors, time-outs and answers other than 2xx/3xx (other than 2xx for the
reactions). The machine is shared:
other test suites may run beside the benchmark, so compare figures of one run (the ratios), not
runs of different days.

"""


def write(
    summary: Summary,
    results: dict[str, list[Measurement]],
    checks: list[dict[str, object]],
    ctx: dict[str, object],
) -> None:
    RESULTS_MD.write_text(HEADER + markdown(summary, checks, ctx))
    data = {
        **ctx,
        "summary": [asdict(row) for row in summary.rows],
        "ratios": {title: round(value, 5) for title, value in summary.ratios.items()},
        "goals": dict(goals(summary, checks)),
        "reaction_checks": checks,
        "runs": {
            name: [{**asdict(m), "rps": round(m.rps, 1)} for m in runs]
            for name, runs in results.items()
        },
    }
    RESULTS_JSON.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {RESULTS_MD.relative_to(HERE.parents[1])} and {RESULTS_JSON.name}")
