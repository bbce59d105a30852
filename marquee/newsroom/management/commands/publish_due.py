"""``marquee publish_due``: publish and unpublish what is due, for cron where no worker runs
(see docs/cli.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from marquee.newsroom import services


class Command(BaseCommand):
    help = (
        "Publish the scheduled articles whose time has come and unpublish those past their "
        "scheduled unpublishing. Idempotent: a second run finds nothing due; a late run does at "
        "once everything that fell due."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = services.articles_publish_due()
        lines = [
            *(f"published {slug}" for slug in report.published),
            *(f"unpublished {slug}" for slug in report.unpublished),
        ]
        for line in lines or ["nothing due"]:
            self.stdout.write(line)
