"""``marquee images add FILE --alt TEXT --credit TEXT [--caption TEXT] [--for KIND:ID]`` and
``marquee images list`` (see docs/cli.md)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from marquee.catalog import services as catalog_services
from marquee.catalog.models import Person, Title
from marquee.cli import read_input
from marquee.media.errors import ImageRejected
from marquee.media.models import Image
from marquee.media.services import image_add
from marquee.newsroom import services as newsroom_services
from marquee.newsroom.models import Article

TARGETS = {"article": "lead image", "person": "headshot", "title": "poster"}


def focal_point(value: str) -> tuple[float, float]:
    try:
        x, y = (float(part) for part in value.split(","))
    except ValueError:
        raise CommandError(f"--focal {value!r}: give X,Y between 0 and 1, e.g. 0.5,0.3") from None
    return x, y


class Command(BaseCommand):
    help = "Add images to the media library, or list them."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{add,list}")
        adder: ArgumentParser = actions.add_parser("add", help="add an image and print its id")
        adder.add_argument("file", metavar="FILE", help="a JPEG, PNG, WebP or GIF file, or -")
        adder.add_argument("--alt", required=True, help="what the image shows (required)")
        adder.add_argument("--credit", required=True, help="who made it (required)")
        adder.add_argument("--caption", default="")
        adder.add_argument("--source-url", default="", help="where the image comes from")
        adder.add_argument("--licence", default="", help="e.g. CC BY 4.0, or 'all rights reserved'")
        adder.add_argument("--focal", help="X,Y: the point crops keep, 0..1 (default 0.5,0.5)")
        adder.add_argument(
            "--for",
            dest="target",
            metavar="KIND:ID",
            help="article:SLUG (lead image), person:ID (headshot) or title:ID (poster)",
        )
        actions.add_parser("list", help="list the library: id, size, alt text, credit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for image in Image.objects.order_by("pk"):
                self.stdout.write(
                    f"{image.pk}\t{image.width}×{image.height}\t{image.alt}\t{image.credit}"
                )
            return
        path = options["file"]
        target = self._target(options["target"]) if options["target"] else None
        data = read_input(path)
        focal = focal_point(options["focal"]) if options["focal"] else None
        try:
            with transaction.atomic():
                image = image_add(
                    data=data,
                    alt=options["alt"],
                    credit=options["credit"],
                    caption=options["caption"],
                    source_url=options["source_url"],
                    licence=options["licence"],
                    focal=focal,
                )
                if isinstance(target, Article):
                    newsroom_services.article_image_set(target, image)
                elif isinstance(target, Person):
                    catalog_services.person_headshot_set(target, image)
                elif isinstance(target, Title):
                    catalog_services.title_poster_set(target, image)
        except ImageRejected as error:
            raise CommandError(f"{path}: {error}; nothing was stored") from None
        self.stdout.write(str(image.pk))

    def _target(self, value: str) -> Article | Person | Title:
        kind, _, key = value.partition(":")
        models: dict[str, type[Article] | type[Person] | type[Title]] = {
            "article": Article,
            "person": Person,
            "title": Title,
        }
        model = models.get(kind)
        if model is None or not key:
            raise CommandError(f"--for {value!r}: give article:SLUG, person:ID or title:ID")
        found = model.objects.filter(slug=key).first()
        if found is None:
            raise CommandError(f"--for {value!r}: no {kind} with id {key!r}")
        return found
