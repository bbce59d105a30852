"""``marquee search --rebuild``: rebuild the search index of people, titles and published
articles (see docs/discovery.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.discovery.services.search_index import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of people, titles and published articles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="reindex every person, title and published article (one transaction)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["rebuild"]:
            raise CommandError("nothing to do: use marquee search --rebuild")
        counts = search_index_rebuild()
        self.stdout.write(
            f"search index rebuilt: {counts.people} people, {counts.titles} titles, "
            f"{counts.articles} published articles"
        )
