"""``marquee flush_views``: write cached page-view counters and recompute trending (cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from marquee.discovery.services import article_views_flush, trending_refresh


class Command(BaseCommand):
    help = "Write the page-view counters of the last hours to the database; recompute trending."

    def handle(self, *args: Any, **options: Any) -> None:
        written = article_views_flush()
        trending = trending_refresh()
        self.stdout.write(f"view counters written: {written}; trending articles: {len(trending)}")
