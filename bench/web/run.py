"""Marquee side by side with nginx and a vanilla Wagtail page, all started here.

    python -m bench.web [--quick] [--seconds 10] [--rounds 3] [--postgres URL] [--redis URL]
                        [--app-servers granian,gunicorn]

Starts, in a temporary folder: Marquee in production mode (``marquee serve``, 2 workers, demo
content on a scratch SQLite database, or a scratch database on the PostgreSQL server of
``--postgres``); nginx with deploy/nginx/marquee.conf (its page cache) in front of it, the
production deployment as shipped; nginx serving the HTML of the same Marquee article as a file;
a vanilla Wagtail site (pinned in wagtail-requirements.txt, virtualenv cached in
bench/web/.cache) whose article page has the same title and body; and Django's hello world.
Marquee, Wagtail and hello world run under each application server of ``--app-servers`` (the
first, granian by default, is what ``marquee serve`` runs; the others add rows named
``target@server``). Then measures each target with ``wrk -t2 -c16`` in interleaved rounds
(every target once per round, the order rotated), prints medians and ratios, checks that the
reaction counts shown equal the stored rows, and writes RESULTS.md and RESULTS.json beside this
file. Traffic goes to 127.0.0.1 only; every run is bounded by ``--seconds``; every server is
stopped at the end.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench.web import report, sites
from bench.web.client import Client, expect, log_in
from bench.web.processes import BenchError, Services, require_tools
from bench.web.wrk import (
    Load,
    Measurement,
    Reader,
    run_wrk,
    write_page_script,
    write_reactions_script,
)

READER_PASSWORD = "bench-reader-password-8f3k"  # scratch accounts on 127.0.0.1
REACTION_KINDS = ("love", "haha", "wow", "sad", "angry")
TARGET_NAMES = (
    "marquee-nginx",
    "marquee-anon",
    "marquee-reader",
    "marquee-react",
    "nginx",
    "wagtail",
    "hello",
)


def target_name(base: str, server: str, servers: Sequence[str]) -> str:
    """``base`` under the first (production) server, ``base@server`` under the others."""
    return base if server == servers[0] else f"{base}@{server}"


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    port: int
    path: str
    script: Path
    headers: tuple[str, ...] = ()


@dataclass
class Setup:
    """What the set-up made: the targets and what the checks afterwards need."""

    marquee: sites.Marquee  # under the first application server: what production runs
    reader: Client
    targets: list[Target] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    caching: dict[str, str] = field(default_factory=dict)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 s per target, 1 round")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per target run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (-t)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (-c)")
    parser.add_argument("--workers", type=int, default=2, help="workers for each site")
    parser.add_argument(
        "--app-threads", type=int, default=4, help="threads per worker (marquee serve's default)"
    )
    parser.add_argument(
        "--app-servers",
        default=sites.APP_SERVERS[0],
        help=f"comma-separated application servers to compare ({', '.join(sites.APP_SERVERS)}); "
        "the first is the production one, the others add rows target@server",
    )
    parser.add_argument("--readers", type=int, default=50, help="readers whose sessions react")
    parser.add_argument("--article", help="slug of the Marquee article (default: the newest)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server to use for Marquee "
        "(a scratch database is created there and dropped afterwards)",
    )
    parser.add_argument("--redis", metavar="URL", help="REDIS_URL for Marquee's cache")
    parser.add_argument(
        "--targets",
        default=",".join(TARGET_NAMES),
        help=f"comma-separated subset of {', '.join(TARGET_NAMES)}",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs)")
    parser.add_argument("--no-write", action="store_true", help="print only; keep RESULTS.*")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds = 2, 1
    args.targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = sorted(set(args.targets) - set(TARGET_NAMES))
    if unknown:
        parser.error(f"unknown targets: {', '.join(unknown)}")
    args.app_servers = [s.strip() for s in args.app_servers.split(",") if s.strip()]
    unknown_servers = sorted(set(args.app_servers) - set(sites.APP_SERVERS))
    if unknown_servers or not args.app_servers:
        parser.error(f"--app-servers: choose among {', '.join(sites.APP_SERVERS)}")
    if args.seconds < 1 or args.rounds < 1 or args.readers < 1:
        parser.error("--seconds, --rounds and --readers must be at least 1")
    return args


STARTED = time.monotonic()


def step(text: str) -> None:
    print(f"· {time.monotonic() - STARTED:5.0f} s  {text}", flush=True)


def reader_sessions(port: int, count: int) -> list[Client]:
    """Log ``count`` readers in through the form (two at a time: the password hash is slow)."""
    names = [f"bench-reader-{index}" for index in range(count)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda name: log_in(port, name, READER_PASSWORD), names))


def set_up_marquee(args: argparse.Namespace, services: Services, work: Path, url: str) -> Setup:
    step(f"Marquee: migrate, demo content ({'PostgreSQL' if args.postgres else 'SQLite'})")
    env = sites.marquee_env(work, url, args.redis)
    sites.prepare_marquee(env)
    marquees: dict[str, sites.Marquee] = {}
    for server in args.app_servers:
        step(f"Marquee: marquee serve --server {server}")
        marquees[server] = sites.start_marquee(
            services, work, env, args.article,
            workers=args.workers, threads=args.app_threads, server=server,
        )  # fmt: skip
    marquee = marquees[args.app_servers[0]]
    marquee.tool("readers", str(args.readers), READER_PASSWORD)
    step(f"readers: logging {args.readers} in through /accounts/login/")
    readers = reader_sessions(marquee.service.port, args.readers)
    setup = Setup(marquee, readers[0])
    setup.versions["database"] = str(marquee.tool("database")["database"])
    page = marquee.article.path
    page_script = write_page_script(work)
    react_path = f"{page}react/"
    check_reaction(readers[0], react_path)
    check_reader_page(setup)
    sessions = [Reader(client.cookie_header(), client.cookies["csrftoken"]) for client in readers]
    react_script = write_reactions_script(work, react_path, sessions, REACTION_KINDS, args.threads)
    cookie = (f"Cookie: {setup.reader.cookie_header()}",)
    for server, site in marquees.items():
        port, on = site.service.port, f" [{server}]"

        def name(base: str, server: str = server) -> str:
            return target_name(base, server, args.app_servers)

        setup.targets += [
            Target(name("marquee-anon"), "Marquee article, anonymous, Marquee's page cache" + on,
                   port, page, page_script),
            Target(name("marquee-reader"), "Marquee article, logged-in reader" + on,
                   port, page, page_script, cookie),
            Target(name("marquee-react"), f"Marquee reactions ({args.readers} readers, POST)" + on,
                   port, react_path, react_script),
        ]  # fmt: skip
    return setup


def check_reader_page(setup: Setup) -> None:
    path = setup.marquee.article.path
    response = expect(setup.reader.get(path), 200, f"logged-in GET {path}")
    if "bench-reader-0" not in response.text:
        print("  warning: the logged-in page does not name the reader (bench-reader-0)")


def check_reaction(reader: Client, path: str) -> None:
    response = reader.request(
        "POST",
        path,
        body=b'{"reaction": "love"}',
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-CSRFToken": reader.cookies.get("csrftoken", ""),
        },
    )
    expect(response, 200, f"POST {path} as a reader")


def caching_headers(port: int, path: str) -> dict[str, str]:
    """What the anonymous article page says about caching, and how a conditional GET fares."""
    first = Client(port).get(path)
    found = {name: first.header(name) or "-" for name in ("Cache-Control", "Vary", "ETag")}
    found["Last-Modified"] = first.header("Last-Modified") or "-"
    cookies = [
        value.split("=", 1)[0] for key, value in first.headers if key.lower() == "set-cookie"
    ]
    found["Set-Cookie"] = ", ".join(cookies) or "-"
    conditions = {
        "If-None-Match": first.header("ETag"),
        "If-Modified-Since": first.header("Last-Modified"),
    }
    sent = {key: value for key, value in conditions.items() if value}
    found["conditional GET"] = str(Client(port).get(path, headers=sent).status) if sent else "-"
    return found


def set_up_others(
    args: argparse.Namespace, services: Services, work: Path, tools: dict[str, str], setup: Setup
) -> None:
    article, script = setup.marquee.article, setup.targets[0].script
    html = sites.page_ok(setup.marquee.service.port, article.path, "Marquee", article.title)
    setup.caching = caching_headers(setup.marquee.service.port, article.path)
    servers = args.app_servers
    if "marquee-nginx" in args.targets:
        step("nginx: deploy/nginx/marquee.conf in front of Marquee")
        proxy = sites.start_nginx_proxy(services, tools["nginx"], work, setup.marquee)
        sites.page_ok(proxy.port, article.path, "nginx in front of Marquee", article.title)
        cached = Client(proxy.port).get(article.path)
        setup.caching["through nginx: X-Cache-Status"] = cached.header("X-Cache-Status") or "-"
        label = f"Marquee article, anonymous, through nginx (deploy/) [{servers[0]}]"
        setup.targets.append(Target("marquee-nginx", label, proxy.port, article.path, script))
    if "nginx" in args.targets:
        step("nginx: serving the saved Marquee page")
        nginx = sites.start_nginx(services, tools["nginx"], work, article.path, html)
        sites.page_ok(nginx.port, article.path, "nginx", article.title)
        setup.targets.append(
            Target("nginx", "nginx, the same HTML as a file", nginx.port, article.path, script)
        )
    if "wagtail" in args.targets:
        step("Wagtail: virtualenv, project, migrate, article page")
        venv = sites.wagtail_venv()
        setup.versions["wagtail"] = sites.wagtail_version(venv)
        body = sites.article_body(html.decode())
        path = sites.prepare_wagtail(venv, work, article.title, article.slug, body)
        for server in servers:
            wagtail = sites.start_wagtail(
                services, venv, work, workers=args.workers, threads=args.app_threads,
                server=server,
            )  # fmt: skip
            sites.page_ok(wagtail.port, path, "Wagtail", article.title)
            label = f"Wagtail {setup.versions['wagtail']} article page, same body [{server}]"
            name = target_name("wagtail", server, servers)
            setup.targets.append(Target(name, label, wagtail.port, path, script))
    if "hello" in args.targets:
        step("Django hello world")
        for server in servers:
            hello = sites.start_hello(
                services, work, workers=args.workers, threads=args.app_threads, server=server
            )
            sites.page_ok(hello.port, "/", "hello world", "Hello")
            name = target_name("hello", server, servers)
            label = f"Django hello world [{server}]"
            setup.targets.append(Target(name, label, hello.port, "/", script))


def measure(
    targets: list[Target], wrk: str, load: Load, rounds: int, after_round: Callable[[int], None]
) -> dict[str, list[Measurement]]:
    """Warm every target up (1 s), then ``rounds`` rounds, each target once, order rotated."""
    for target in targets:
        run_wrk(
            wrk,
            target.port,
            target.path,
            target.script,
            Load(load.threads, load.connections, 1),
            target.headers,
        )
    results: dict[str, list[Measurement]] = {t.name: [] for t in targets}
    for number in range(rounds):
        shift = number % len(targets)
        for target in targets[shift:] + targets[:shift]:
            figures = run_wrk(wrk, target.port, target.path, target.script, load, target.headers)
            results[target.name].append(figures)
            print(f"  round {number + 1} {target.name:15} {report.line(figures)}", flush=True)
        after_round(number)
    return results


def verify_reactions(setup: Setup, wait: float = 10) -> dict[str, object]:
    """The counts GET …/react/ shows against the rows stored, retried for up to ``wait`` s."""
    path = f"{setup.marquee.article.path}react/"
    deadline = time.monotonic() + wait
    while True:
        response = expect(
            Client(setup.marquee.service.port).get(path, headers={"Accept": "application/json"}),
            200,
            f"GET {path}",
        )
        shown = response.json()
        shown_counts = shown.get("counts", {}) if isinstance(shown, dict) else {}
        stored = setup.marquee.tool("reactions", setup.marquee.article.slug)["counts"]
        if not isinstance(stored, dict):
            raise BenchError(f"unexpected stored counts: {stored!r}")
        shown_nonzero = {k: v for k, v in shown_counts.items() if v}
        equal = shown_nonzero == stored
        if equal or time.monotonic() > deadline:
            return {
                "shown": dict(sorted(shown_nonzero.items())),
                "stored": dict(sorted(stored.items())),
                "equal": equal,
            }
        time.sleep(1)


def benchmark(args: argparse.Namespace, tools: dict[str, str], setup: Setup) -> int:
    """The rounds, the reaction checks after each, the summary; 1 if a check failed."""
    targets = [t for name in args.targets for t in setup.targets if t.name.split("@")[0] == name]
    checks: list[dict[str, object]] = []

    def after_round(number: int) -> None:
        if "marquee-react" in args.targets:  # every server's reactions land in one database
            checks.append(verify_reactions(setup))
            print(f"  reactions after round {number + 1}: {report.reaction_line(checks[-1])}")

    step(f"measuring: {len(targets)} targets × {args.rounds} rounds × {args.seconds} s")
    load = Load(args.threads, args.connections, args.seconds)
    results = measure(targets, tools["wrk"], load, args.rounds, after_round)
    summary = report.summarise({t.name: t.label for t in targets}, results)
    context = report.context(args, tools, setup.versions)
    context["anonymous_page_headers"] = setup.caching
    print(report.markdown(summary, checks, context))
    if not args.no_write:
        report.write(summary, results, checks, context)
    return 0 if all(check["equal"] for check in checks) else 1


def run(args: argparse.Namespace) -> int:
    needs_nginx = {"nginx", "marquee-nginx"} & set(args.targets)
    tools = require_tools(["nginx", "wrk"] if needs_nginx else ["wrk"])
    work = Path(tempfile.mkdtemp(prefix="marquee-bench-web-"))
    services = Services()
    scratch: tuple[str, str] | None = None
    try:
        url = f"sqlite:///{work / 'marquee.sqlite3'}"
        if args.postgres:
            scratch = sites.create_postgres_database(args.postgres)
            url = scratch[0]
        setup = set_up_marquee(args, services, work, url)
        set_up_others(args, services, work, tools, setup)
        return benchmark(args, tools, setup)
    finally:
        services.close()
        if scratch and args.postgres:
            sites.drop_postgres_database(args.postgres, scratch[1])
        if args.keep:
            print(f"kept {work} (server logs, configs, databases)")
        else:
            shutil.rmtree(work, ignore_errors=True)


def stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through run()'s finally: the servers are stopped


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        code = run(args)
    except BenchError as error:
        print(f"bench.web: {error}", file=sys.stderr)
        code = 2
    except KeyboardInterrupt:
        code = 130
    raise SystemExit(code)
