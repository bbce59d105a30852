"""``marquee serve [--port N]``: the development server, or gunicorn when DEBUG is off."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def default_port() -> int:
    value = os.environ.get("PORT", "8000")
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise CommandError(f"PORT must be a number from 1 to 65535, got {value!r}")
    return int(value)


class Command(BaseCommand):
    help = "Serve the site (runserver when MARQUEE_DEBUG is on, gunicorn otherwise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, help="port to listen on (default: $PORT or 8000)")
        parser.add_argument(
            "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)"
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (production)")

    def handle(self, *args: Any, **options: Any) -> None:
        port = options["port"] or default_port()
        if not 0 < port < 65536:
            raise CommandError(f"--port must be from 1 to 65535, got {port}")
        address = f"{options['host']}:{port}"
        if settings.DEBUG:
            call_command("runserver", address, use_reloader=False)
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn") or os.path.join(
            os.path.dirname(sys.executable), "gunicorn"
        )
        os.execv(
            gunicorn,
            [gunicorn, "marquee.config.wsgi", "--bind", address, "--workers",
             str(options["workers"]), "--access-logfile", "-"],
        )  # fmt: skip
