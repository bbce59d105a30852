"""``marquee articles import FILE...`` (CONTRACTS.md §2)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.cli import read_input
from marquee.newsroom.article_format import ArticleFileError, decode_text, parse_article_file
from marquee.newsroom.services import articles_import


class Command(BaseCommand):
    help = "Import articles from Markdown files with YAML front matter, or plain text."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{import}")
        importer: ArgumentParser = actions.add_parser("import", help="import article files")
        importer.add_argument("files", nargs="+", metavar="FILE", help="files, or - for stdin")
        importer.add_argument("--draft", action="store_true", help="import as drafts")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            inputs = [
                parse_article_file(decode_text(read_input(path), path), path)
                for path in options["files"]
            ]
            articles = articles_import(article_inputs=inputs, draft=options["draft"])
        except (ArticleFileError, ValueError) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(f"article refused: {'; '.join(error.messages)}") from None
        for article in articles:
            self.stdout.write(article.slug)
