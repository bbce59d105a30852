"""``marquee tasks``: the queue at a glance; ``marquee tasks retry`` requeues failed jobs."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from marquee.tasks.selectors import failed_jobs, job_counts
from marquee.tasks.services import jobs_retry


class Command(BaseCommand):
    help = (
        "Show how many jobs are ready, running, failed and successful, and the failed ones with "
        "their error. 'marquee tasks retry ID …' or 'marquee tasks retry --failed' requeues "
        "failed jobs."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", nargs="?", choices=["retry"], help="retry: requeue jobs")
        parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="failed jobs to retry")
        parser.add_argument(
            "--failed", action="store_true", help="with retry: requeue every failed job"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "retry":
            self._retry(options["ids"], all_failed=options["failed"])
        elif options["ids"] or options["failed"]:
            raise CommandError(
                "Job ids and --failed go with retry: marquee tasks retry ID|--failed"
            )
        else:
            self._show()

    def _retry(self, ids: list[int], *, all_failed: bool) -> None:
        if bool(ids) == all_failed:
            raise CommandError("Give the ids of failed jobs or --failed (not both).")
        try:
            count = jobs_retry(job_ids=ids or None, all_failed=all_failed)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"requeued {count} job{'s' if count != 1 else ''}")

    def _show(self) -> None:
        counts = job_counts()
        self.stdout.write(
            "  ".join(f"{status.lower()}: {count}" for status, count in counts.items())
        )
        for job in failed_jobs():
            finished = job.finished_at.isoformat(timespec="seconds") if job.finished_at else "-"
            self.stdout.write(
                f"failed #{job.pk} {job.task_path} after {job.attempts} attempts, {finished}: "
                f"{job.error_summary}"
            )
