"""Where the library's images are shown: as an article's lead image, in an article's text (live
or in a draft waiting to go live), as a person's headshot or a title's poster.

Deleting an image turns a lead image, headshot or poster into the placeholder, which an editor
may accept; an image in an article's text would vanish from it silently, and the article could
not be saved again until its text no longer named the image. So ``uses_in_text`` is what
``services.image_delete`` refuses on, and ``image_uses`` is what the admin shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet

from marquee.catalog.models import Person, Title
from marquee.newsroom.article_images import library_image_ids
from marquee.newsroom.models import Article


@dataclass(frozen=True)
class ImageUse:
    how: str  # "lead image of", "in the text of", "in the draft of", "headshot of", "poster of"
    name: str  # the article's headline, the person's or title's name
    url: str  # the public page

    @property
    def in_text(self) -> bool:
        return self.how in {"in the text of", "in the draft of"}

    def __str__(self) -> str:
        return f"{self.how} “{self.name}”"


def image_uses(image_ids: Collection[int]) -> dict[int, list[ImageUse]]:
    """Every use of each image, by image id (images shown nowhere are left out); four queries."""
    uses = uses_in_text(image_ids)
    ids = list(image_ids)
    pictured: list[tuple[QuerySet[Any], str, str, str]] = [  # which rows, field, how, name
        (Article.objects.filter(image_id__in=ids), "image_id", "lead image of", "title"),
        (Person.objects.filter(headshot_id__in=ids), "headshot_id", "headshot of", "name"),
        (Title.objects.filter(poster_id__in=ids), "poster_id", "poster of", "name"),
    ]
    for rows, field, how, name in pictured:
        for row in rows.only("slug", name, field).order_by(name, "pk"):
            use = ImageUse(how, getattr(row, name), row.get_absolute_url())
            uses[getattr(row, field)].append(use)
    return dict(uses)


def uses_in_text(image_ids: Collection[int]) -> defaultdict[int, list[ImageUse]]:
    """The articles whose text shows each image: their own text, or the draft waiting to
    replace it (``pending_revision``); one query."""
    uses: defaultdict[int, list[ImageUse]] = defaultdict(list)
    wanted = set(image_ids)
    if not wanted:
        return uses

    def mentioning(field: str) -> Q:  # a cheap filter; the exact syntax is checked below
        return reduce(or_, (Q(**{f"{field}__contains": f"image:{pk}"}) for pk in wanted))

    articles = (
        Article.objects.filter(mentioning("body") | mentioning("pending_revision__body"))
        .select_related("pending_revision")
        .only("slug", "title", "body", "pending_revision__body")
        .order_by("title", "pk")
    )
    for article in articles:
        url = article.get_absolute_url()
        shown = wanted.intersection(library_image_ids(article.body))
        for pk in sorted(shown):
            uses[pk].append(ImageUse("in the text of", article.title, url))
        draft = article.pending_revision
        for pk in sorted(wanted.intersection(library_image_ids(draft.body) if draft else ())):
            if pk not in shown:
                uses[pk].append(ImageUse("in the draft of", article.title, url))
    return uses
