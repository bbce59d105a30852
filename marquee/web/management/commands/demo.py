"""``marquee demo``: load the demo knowledge base and articles, and give each demo article,
person and title its generated artwork (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from marquee.catalog.kb_format import load_json, parse_document
from marquee.catalog.services import kb_import
from marquee.newsroom.article_format import decode_text, parse_article_file
from marquee.newsroom.services import articles_import
from marquee.web.demo_images import demo_images_add

DEMO_DIR = Path(__file__).resolve().parents[3] / "demo_content"


class Command(BaseCommand):
    help = "Load the demo knowledge base and demo articles; running it again changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already holds articles",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from marquee.newsroom.models import Article

        if options["if_empty"] and Article.objects.exists():
            self.stdout.write("The database already has articles; demo content not loaded.")
            return
        kb_path = DEMO_DIR / "kb.json"
        article_paths = sorted((DEMO_DIR / "articles").glob("*.md"))
        document = parse_document(load_json(kb_path.read_bytes()))
        inputs = [
            parse_article_file(decode_text(path.read_bytes(), path.name), path.name)
            for path in article_paths
        ]
        with transaction.atomic():
            report = kb_import(document=document)
            articles = articles_import(article_inputs=inputs)
        self.stdout.write(report.summary())
        self.stdout.write(f"articles: {len(articles)} loaded")
        self.stdout.write(f"images: {demo_images_add()} added")
