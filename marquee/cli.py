"""The ``marquee`` console script: Django's management commands with Marquee's settings."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["marquee", *argv])
    args[0] = "marquee"
    execute_from_command_line(args)


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
