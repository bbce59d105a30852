"""``marquee relink [SLUG...] [--all]``: link articles again, after the knowledge base grew."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.linking.services import article_link
from marquee.newsroom.models import Article


class Command(BaseCommand):
    help = "Link articles again against the current knowledge base (editors' verdicts are kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", metavar="SLUG")
        parser.add_argument("--all", action="store_true", help="every article")

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["slugs"]) == options["all"]:
            raise CommandError("name article slugs, or pass --all (not both)")
        articles = Article.objects.all()
        if options["slugs"]:
            articles = articles.filter(slug__in=options["slugs"])
            missing = set(options["slugs"]) - set(articles.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"no article with slug {sorted(missing)[0]!r}")
        count = 0
        for article_id in articles.values_list("pk", flat=True).iterator():
            article_link(article_id=article_id)
            count += 1
        self.stdout.write(f"linked {count} article(s)")
