"""What the fuzzers share: a scratch database, outcome counting and the command line.

A case is refused cleanly when the command raises ``CommandError`` (exit status 1, one message)
and writes nothing; accepted when it returns and what it stored passes the fuzzer's check;
anything else — an exception escaping the command, an error logged by the after-commit work, a
refusal that wrote rows, an accepted file whose result breaks the contract — is a failure, shown
with its traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REFUSED = "refused"
ACCEPTED = "accepted"
FAILED = "failed"
SHOWN_FAILURES = 5


class CaseFailed(Exception):
    """An accepted or refused case broke the contract (not a crash of the command itself)."""


@dataclass
class Tally:
    """Cases run and their outcomes; ``failures`` keeps the first few tracebacks."""

    cases: int = 0
    refused: int = 0
    accepted: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, outcome: str, detail: str = "") -> None:
        self.cases += 1
        if outcome == REFUSED:
            self.refused += 1
        elif outcome == ACCEPTED:
            self.accepted += 1
        else:
            self.failed += 1
            if len(self.failures) < SHOWN_FAILURES:
                self.failures.append(detail)

    def summary(self) -> str:
        return (
            f"cases run: {self.cases}, clean refusals: {self.refused}, accepted: "
            f"{self.accepted}, tracebacks: {self.failed}"
        )


class ErrorLog(logging.Handler):
    """Collects errors logged while a case runs (after-commit work logs instead of raising)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take(self) -> list[str]:
        taken = [
            f"{record.getMessage()}\n{self.format(record)}"
            if record.exc_info is None
            else "".join(traceback.format_exception(*record.exc_info))
            for record in self.records
        ]
        self.records.clear()
        return taken


def run_case(attempt: Callable[[], str], errors: ErrorLog) -> tuple[str, str]:
    """Run one case; returns its outcome and, for a failure, what went wrong."""
    try:
        outcome = attempt()
    except CaseFailed as failure:
        return FAILED, f"contract broken: {failure}"
    except Exception:
        return FAILED, traceback.format_exc()
    logged = errors.take()
    if logged:
        return FAILED, "error logged after commit:\n" + logged[0]
    return outcome, ""


ImportCase = Callable[[bytes, Path, Callable[[], AbstractContextManager[Any]]], str]


def fuzz_files(
    rng: random.Random,
    count: int,
    seconds: float,
    around: Callable[[], AbstractContextManager[Any]],
    *,
    file_name: str,
    mutated_file: Callable[[random.Random], bytes],
    import_case: ImportCase,
) -> Tally:
    """Import ``count`` files made by ``mutated_file`` (at most ``seconds``), each written to
    ``file_name`` in a scratch folder and imported by ``import_case``; ``around`` wraps each
    import (a test runs the after-commit work inside its own transaction with it). Errors that
    the after-commit work logs count as failures."""
    errors = ErrorLog()
    logging.getLogger("marquee").addHandler(errors)
    tally = Tally()
    try:
        with tempfile.TemporaryDirectory(prefix="marquee-fuzz-") as folder:
            path = Path(folder) / file_name
            for _ in cases_until(count, seconds):
                data = mutated_file(rng)
                tally.add(*run_case(partial(import_case, data, path, around), errors))
    finally:
        logging.getLogger("marquee").removeHandler(errors)
    return tally


def cases_until(count: int, seconds: float) -> Iterator[int]:
    """Case numbers, stopping at ``count`` cases or after ``seconds``, whichever comes first."""
    deadline = time.monotonic() + seconds
    for number in range(count):
        if time.monotonic() > deadline:
            return
        yield number


def arguments(description: str, default_cases: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seed", type=int, default=14, help="random seed (default 14)")
    parser.add_argument("--cases", type=int, default=default_cases, help="at most this many")
    parser.add_argument("--seconds", type=float, default=600.0, help="and at most this long")
    return parser.parse_args()


def postgres_url() -> str:
    """The PostgreSQL server to fuzz against too: ``MARQUEE_TEST_POSTGRES_URL``, or a
    ``DATABASE_URL`` naming PostgreSQL; empty for SQLite only."""
    url = os.environ.get("MARQUEE_TEST_POSTGRES_URL", "")
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        return url or database_url
    return url


def scratch_database_urls(name: str) -> list[str]:
    """A fresh SQLite file, and a fresh PostgreSQL database ``<name>`` when a server is given."""
    work = Path(tempfile.mkdtemp(prefix=f"marquee-{name}-"))
    os.environ["MARQUEE_VAR_DIR"] = str(work)
    urls = [f"sqlite:///{work / 'fuzz.sqlite3'}"]
    server = postgres_url()
    if server:
        import psycopg

        parts = urlsplit(server)
        with psycopg.connect(server, dbname="postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        urls.append(urlunsplit(parts._replace(path=f"/{name}")))
    return urls


def main(
    module: str,
    name: str,
    description: str,
    default_cases: int,
    fuzz: Callable[[random.Random, int, float], Tally],
) -> None:
    """Fuzz on a scratch SQLite database, then on PostgreSQL when a server is given; exit 1 on
    any failure. Each database runs in its own process (Django configures one per process)."""
    args = arguments(description, default_cases)
    if "MARQUEE_FUZZ_DATABASE_URL" not in os.environ:
        failed = False
        for url in scratch_database_urls(name):
            import subprocess

            env = {**os.environ, "MARQUEE_FUZZ_DATABASE_URL": url}
            print(f"== {url.split(':', 1)[0]}", flush=True)
            command = [sys.executable, "-m", module, *sys.argv[1:]]
            failed |= subprocess.run(command, env=env).returncode != 0
        sys.exit(1 if failed else 0)

    os.environ["DATABASE_URL"] = os.environ["MARQUEE_FUZZ_DATABASE_URL"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    tally = fuzz(random.Random(args.seed), args.cases, args.seconds)
    print(f"seed {args.seed}, {time.monotonic() - started:.0f} s")
    print(tally.summary())
    for failure in tally.failures:
        print("-" * 72)
        print(failure)
    sys.exit(1 if tally.failed else 0)
