"""``marquee worker``: run the queue's jobs (docs/tasks.md)."""

from __future__ import annotations

import logging
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand

from marquee.tasks.worker import Worker


def _interval(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1
    if not 0 < seconds < float("inf"):
        raise ArgumentTypeError(f"must be a number of seconds above 0, got {value!r}")
    return seconds


class Command(BaseCommand):
    help = (
        "Run queued jobs until stopped (SIGTERM or Ctrl+C finish the current job first). "
        "Start several, on one machine or many, for more throughput."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--queue",
            action="append",
            dest="queues",
            metavar="NAME",
            help="Run only this queue's jobs (repeat for several; default: every queue).",
        )
        parser.add_argument(
            "--burst",
            "--once",
            action="store_true",
            dest="burst",
            help="Run the jobs that are due, then exit (for cron and tests).",
        )
        parser.add_argument(
            "--interval",
            type=_interval,
            default=1.0,
            help="Seconds to wait before looking again when no job is due (default 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        task_logger = logging.getLogger("marquee.tasks")
        level = task_logger.level
        if options["verbosity"] >= 1 and task_logger.getEffectiveLevel() > logging.INFO:
            # One line per job (task, id, attempt, outcome, time) unless -v0.
            task_logger.setLevel(logging.INFO)
        worker = Worker(
            queues=options["queues"], interval=options["interval"], burst=options["burst"]
        )
        try:
            with worker.stopped_by_signals():
                worker.run()
        finally:
            task_logger.setLevel(level)
