"""``marquee link FILE [--json]``: recognise entities in a text (docs/cli.md)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marquee.cli import read_input
from marquee.linking.services import link_text
from marquee.newsroom.article_format import ArticleFileError, decode_text

# Beyond this the text is surely not an article; refusing beats minutes of work.
MAX_TEXT_CHARS = 10_000_000


class Command(BaseCommand):
    help = "Recognise and link the people, titles and characters mentioned in a text."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a UTF-8 text or Markdown file, or - for stdin")
        parser.add_argument("--json", action="store_true", help="print the JSON document")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        try:
            text = decode_text(read_input(path), path)
        except ArticleFileError as error:
            raise CommandError(str(error)) from None
        if len(text) > MAX_TEXT_CHARS:
            raise CommandError(f"{path}: the text has {len(text):,} characters; the limit is "
                               f"{MAX_TEXT_CHARS:,}")  # fmt: skip
        result = link_text(text=text)
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
            return
        if not text.strip():
            self.stderr.write(f"{path}: the text is empty; nothing to link")
        for entity in result.entities:
            spans = ", ".join(f"{m.text!r}@{m.start}" for m in entity.mentions)
            who = entity.id or f"{entity.name} ({entity.person} in {entity.title})"
            self.stdout.write(f"{entity.type:<9} {who:<40} {entity.confidence:.2f}  {spans}")
        for span in result.unlinked:
            self.stdout.write(f"{'unlinked':<9} {span.text:<40} {span.guess:<9} @{span.start}")
