"""``marquee similar SLUG [--json] [-k N]``: the similar articles of a published article.

``marquee similar --rebuild`` recomputes the search index and every list (after a bulk import
or an upgrade).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.discovery.selectors import similar_articles
from marquee.discovery.services.rebuild import discovery_rebuild
from marquee.newsroom.models import Article


class Command(BaseCommand):
    help = "Show the similar articles of a published article, or rebuild every list."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="slug of a published article")
        parser.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
        parser.add_argument(
            "-k", type=int, default=4, dest="k", help="how many to show (default 4, 1-8)"
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="reindex everything discovery derives"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            count = discovery_rebuild(progress=lambda line: self.stderr.write(line))
            self.stdout.write(f"rebuilt search index and similar articles of {count} articles")
            return
        slug = options["slug"]
        if not slug:
            raise CommandError("give the slug of a published article (or --rebuild)")
        k = options["k"]
        if not 1 <= k <= 8:
            raise CommandError(f"-k must be between 1 and 8, got {k}")
        article = Article.objects.published().filter(slug=slug).first()
        if article is None:
            raise CommandError(f"no published article with slug {slug!r}")
        similar = [
            {"slug": row.similar.slug, "title": row.similar.title, "score": round(row.score, 4)}
            for row in similar_articles(article, limit=k)
        ]
        if options["json"]:
            self.stdout.write(
                json.dumps({"article": article.slug, "similar": similar}, ensure_ascii=False)
            )
            return
        if not similar:
            self.stdout.write(f"{article.slug}: no similar articles yet")
        for item in similar:
            self.stdout.write(f"{item['score']:.3f}  {item['slug']}  {item['title']}")
