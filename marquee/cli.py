"""The ``marquee`` console script: Django's management commands with Marquee's settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.config.settings")
    from django.core.management import execute_from_command_line

    load_settings_or_exit()
    args = list(sys.argv if argv is None else ["marquee", *argv])
    args[0] = "marquee"
    execute_from_command_line(args)


def load_settings_or_exit() -> None:
    """Read the settings before any command runs: a setting the environment gets wrong (no
    ``MARQUEE_SECRET_KEY`` in production, a malformed ``DATABASE_URL``) ends the command with
    its one-line explanation on stderr and exit status 1, not a traceback."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 (touching a setting is what loads them)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"marquee: {error}\n")
        raise SystemExit(1) from None


def read_input(path: str) -> bytes:
    """Read a named file, or stdin for ``-``; I/O failures become a CommandError naming the file."""
    from django.core.management.base import CommandError

    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot read ({error.strerror})") from None


if __name__ == "__main__":
    main()
