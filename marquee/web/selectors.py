"""Reads of the home page: the latest stories with their images, and its sections by the kind
of title the stories are about. Each read is one query whatever the number of articles."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse

from marquee.catalog.models import TitleKind
from marquee.linking.models import ArticleEntity
from marquee.newsroom.models import Article
from marquee.newsroom.selectors import article_list

SECONDARY_ON_HOME = 3
SECTION_ON_HOME = 4
# The kinds of title each of the navigation's sections (MARQUEE_SECTIONS) is about.
SECTION_KINDS: dict[str, tuple[str, ...]] = {
    "film": (TitleKind.FILM,),
    "series": (TitleKind.SERIES, TitleKind.SHOW),
    "books": (TitleKind.NOVEL, TitleKind.WEBTOON),
}


def home_articles() -> QuerySet[Article]:
    """Public articles, newest first, with their tags and lead image (for cards)."""
    return article_list().select_related("image")


def articles_about(
    kinds: Collection[str], *, limit: int = SECTION_ON_HOME, exclude: Collection[int] = ()
) -> list[Article]:
    """The newest public articles about a title of one of ``kinds`` (linked to the title or to
    one of its characters, as readers see the links), leaving out the ids in ``exclude``, with
    their lead image; one query."""
    about = ArticleEntity.objects.shown().filter(
        Q(title__kind__in=kinds) | Q(character__title__kind__in=kinds)
    )
    return list(
        Article.objects.published()
        .filter(pk__in=about.values("article_id"))
        .exclude(pk__in=list(exclude))
        .select_related("image")
        .order_by("-published_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class HomeSection:
    """One of the navigation's sections on the home page: its slug and label (from
    ``MARQUEE_SECTIONS``), the address the navigation links to, and its newest articles."""

    slug: str
    label: str
    url: str
    articles: list[Article]


def home_sections(
    *, limit: int = SECTION_ON_HOME, exclude: Collection[int] = ()
) -> list[HomeSection]:
    """The sections of ``MARQUEE_SECTIONS`` that ``SECTION_KINDS`` maps to kinds of title, in
    the navigation's order, each with its newest articles not in ``exclude`` nor in an earlier
    section (a story about a film and its novel shows once, under Film); a section with none is
    left out. One query per section."""
    sections = []
    shown = set(exclude)
    for slug, label in settings.MARQUEE_SECTIONS:
        if slug not in SECTION_KINDS:
            continue
        articles = articles_about(SECTION_KINDS[slug], limit=limit, exclude=shown)
        if articles:
            url = reverse("newsroom:tag", args=[slug])
            sections.append(HomeSection(slug, label, url, articles))
            shown.update(article.pk for article in articles)
    return sections
