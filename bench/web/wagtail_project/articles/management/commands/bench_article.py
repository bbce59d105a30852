"""Publish the benchmark's article under the site's home page; print its URL path."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from wagtail.models import Site

from articles.models import ArticlePage


class Command(BaseCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--title", required=True)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--body-file", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        home = Site.objects.get(is_default_site=True).root_page
        body = Path(options["body_file"]).read_text(encoding="utf-8")
        page = ArticlePage.objects.filter(slug=options["slug"]).first()
        if page is None:
            page = ArticlePage(title=options["title"], slug=options["slug"], body=body)
            home.add_child(instance=page)
        page.body = body
        page.save_revision().publish()
        self.stdout.write(page.get_url())
