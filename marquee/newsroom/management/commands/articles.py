"""``marquee articles import FILE...``, ``marquee articles publish SLUG...`` and
``marquee articles unpublish SLUG...`` (see docs/cli.md)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from marquee.cli import read_input
from marquee.newsroom import services
from marquee.newsroom.article_format import ArticleFileError, decode_text, parse_article_file
from marquee.newsroom.models import Article


class Command(BaseCommand):
    help = "Import, publish and unpublish articles."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{import,publish,unpublish}"
        )
        importer: ArgumentParser = actions.add_parser("import", help="import article files")
        importer.add_argument("files", nargs="+", metavar="FILE", help="files, or - for stdin")
        importer.add_argument("--draft", action="store_true", help="import as drafts")
        publisher: ArgumentParser = actions.add_parser("publish", help="publish articles now")
        publisher.add_argument("slugs", nargs="+", metavar="SLUG")
        unpublisher: ArgumentParser = actions.add_parser(
            "unpublish", help="take articles down now (back to draft)"
        )
        unpublisher.add_argument("slugs", nargs="+", metavar="SLUG")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["files"], draft=options["draft"])
        else:
            self._set_public(options["slugs"], public=options["action"] == "publish")

    def _import(self, files: list[str], *, draft: bool) -> None:
        try:
            inputs = [
                parse_article_file(decode_text(read_input(path), path), path) for path in files
            ]
            articles = services.articles_import(article_inputs=inputs, draft=draft)
        except (ArticleFileError, ValueError) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                problems = [
                    f"field {field!r}: {message}"
                    for field, messages in error.message_dict.items()
                    for message in messages
                ]
            else:
                problems = error.messages
            raise CommandError(f"article refused: {'; '.join(problems)}") from None
        for article in articles:
            self.stdout.write(article.slug)

    def _set_public(self, slugs: list[str], *, public: bool) -> None:
        """All the named articles change, or none (an unknown slug is refused first)."""
        articles = {article.slug: article for article in Article.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in articles]
        if missing:
            raise CommandError(f"no article with slug {missing[0]!r}")
        with transaction.atomic():
            for slug in dict.fromkeys(slugs):
                if public:
                    services.article_publish(article=articles[slug])
                else:
                    services.article_unpublish(article=articles[slug])
        for slug in dict.fromkeys(slugs):
            self.stdout.write(f"{'published' if public else 'unpublished'} {slug}")
