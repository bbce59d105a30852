"""``marquee serve``: the development server, or the production application server (granian,
or gunicorn on request) when DEBUG is off. See docs/cli.md and docs/deployment.md."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import sys
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

SERVERS = ("granian", "gunicorn")
DEFAULT_SERVER = "granian"  # measured against gunicorn: docs/deployment.md#the-application-server
DEFAULT_THREADS = 4
WSGI_MODULE = "marquee.config.wsgi"
# Seconds a worker may take to finish its requests on reload or stop before it is killed.
GRACEFUL_TIMEOUT = 30


@dataclass(frozen=True)
class Bind:
    """Where the server listens: a unix socket when ``socket`` is set, else host and port."""

    host: str = "127.0.0.1"
    port: int = 8000
    socket: str = ""


def default_port() -> int:
    value = os.environ.get("PORT", "8000")
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise CommandError(f"PORT must be a number from 1 to 65535, got {value!r}")
    return int(value)


def default_workers() -> int:
    """``MARQUEE_WEB_WORKERS``, else one worker per core this process may run on."""
    value = os.environ.get("MARQUEE_WEB_WORKERS", "").strip()
    if not value:
        return len(os.sched_getaffinity(0))
    if not value.isdigit() or int(value) < 1:
        raise CommandError(f"MARQUEE_WEB_WORKERS must be a whole number, 1 or more, got {value!r}")
    return int(value)


def remove_stale_socket(path: str) -> None:
    """Remove ``path`` if it is a unix socket nobody listens on (left by a server that was
    killed), so the new server can bind it; refuse to start next to a live one."""
    try:
        if not stat.S_ISSOCK(os.stat(path).st_mode):
            raise CommandError(f"--socket {path}: exists and is not a socket")
    except FileNotFoundError:
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(path)
        except ConnectionRefusedError:
            os.unlink(path)
            return
    raise CommandError(f"--socket {path}: another server is listening on it")


def server_command(*, server: str, bind: Bind, workers: int, threads: int) -> list[str]:
    """The argument list that starts ``server`` on ``bind`` (program name first)."""
    # The one installed beside Marquee's Python (its virtualenv) first, else the one on PATH.
    beside = os.path.join(os.path.dirname(sys.executable), server)
    program = beside if os.access(beside, os.X_OK) else shutil.which(server) or beside
    if server == "granian":
        where = (
            ["--uds", bind.socket, "--uds-permissions", "0660"]
            if bind.socket
            else ["--host", bind.host, "--port", str(bind.port)]
        )
        return [
            program, "--interface", "wsgi", f"{WSGI_MODULE}:application", *where,
            "--workers", str(workers), "--blocking-threads", str(threads),
            "--respawn-failed-workers", "--workers-kill-timeout", str(GRACEFUL_TIMEOUT),
            "--no-ws", "--access-log",
        ]  # fmt: skip
    address = f"unix:{bind.socket}" if bind.socket else f"{bind.host}:{bind.port}"
    return [
        program, WSGI_MODULE, "--bind", address, "--workers", str(workers),
        "--threads", str(threads), "--graceful-timeout", str(GRACEFUL_TIMEOUT),
        "--access-logfile", "-",
    ]  # fmt: skip


class Command(BaseCommand):
    help = "Serve the site (runserver when MARQUEE_DEBUG is on, granian otherwise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, help="port to listen on (default: $PORT or 8000)")
        parser.add_argument("--host", help="address to bind (default 127.0.0.1)")
        parser.add_argument(
            "--socket",
            metavar="PATH",
            help="listen on this unix socket instead of a port (production only)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="worker processes (production; default: $MARQUEE_WEB_WORKERS, else one per core)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=DEFAULT_THREADS,
            help=f"threads per worker (production; default {DEFAULT_THREADS})",
        )
        parser.add_argument(
            "--server",
            choices=SERVERS,
            default=DEFAULT_SERVER,
            help=f"application server (production; default {DEFAULT_SERVER})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["socket"] and (options["port"] or options["host"]):
            raise CommandError("--socket listens on a unix socket: leave out --host and --port")
        port = options["port"] or (0 if options["socket"] else default_port())
        if not options["socket"] and not 0 < port < 65536:
            raise CommandError(f"--port must be from 1 to 65535, got {port}")
        bind = Bind(options["host"] or "127.0.0.1", port, options["socket"] or "")
        if settings.DEBUG:
            if bind.socket:
                raise CommandError("--socket needs production mode (MARQUEE_DEBUG=0)")
            call_command("runserver", f"{bind.host}:{bind.port}", use_reloader=False)
            return
        workers = options["workers"] if options["workers"] is not None else default_workers()
        if workers < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be 1 or more")
        command = server_command(
            server=options["server"], bind=bind, workers=workers, threads=options["threads"]
        )
        call_command("collectstatic", interactive=False, verbosity=0)
        if bind.socket:
            remove_stale_socket(bind.socket)
        os.execv(command[0], command)
