"""Reads of the newsroom: what the public may see, loaded in a bounded number of queries."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from marquee.catalog.models import Person, Title
from marquee.linking.models import ArticleEntity
from marquee.newsroom.models import Article, Correction, Tag


def article_list() -> QuerySet[Article]:
    """Public articles, newest first, with their tags."""
    return (
        Article.objects.published()
        .select_related("image")
        .prefetch_related("tags")
        .order_by("-published_at", "-pk")
    )


def article_published(slug: str) -> Article:
    """A public article with its lead image (one query); raises DoesNotExist otherwise."""
    return Article.objects.published().select_related("image").get(slug=slug)


def _shown_entities() -> Prefetch[Any]:
    """An article's ``entities`` as readers see them (chips, Watch Now), in the text's order."""
    entities = (
        ArticleEntity.objects.shown()
        .select_related("person", "title__poster", "character__title__poster")
        .order_by("first_offset", "pk")
    )
    return Prefetch("entities", queryset=entities)


def article_detail(slug: str) -> Article:
    """A public article with sources, tags, accepted entities and corrections; raises
    DoesNotExist otherwise."""
    article = (
        Article.objects.published()
        .select_related("image")
        .prefetch_related("sources", "tags", _shown_entities())
        .annotate(corrected=Exists(Correction.objects.filter(article=OuterRef("pk"))))
        .get(slug=slug)
    )
    # The corrections cost a query only when there are some (an empty queryset asks nothing).
    corrected = article.corrected  # type: ignore[attr-defined]  # annotated above
    corrections = Correction.objects.all() if corrected else Correction.objects.none()
    prefetch_related_objects([article], Prefetch("corrections", queryset=corrections))
    return article


def article_for_preview(article: Article) -> Article:
    """``article`` with the entities readers see on it (as linked at its last save)."""
    prefetch_related_objects([article], _shown_entities())
    return article


def articles_published(*, since: datetime.datetime | None = None) -> QuerySet[Article]:
    """Public articles (those published at or after ``since``, when given), newest first,
    nothing prefetched."""
    now = timezone.now()
    articles = Article.objects.published(now)
    if since is not None:
        articles = articles.filter(published_at__gte=since)
    return articles.order_by("-published_at", "-pk")


def articles_last_updated(articles: QuerySet[Article]) -> datetime.datetime | None:
    """When the latest of ``articles`` last changed, in one aggregate query."""
    latest: datetime.datetime | None = articles.aggregate(latest=Max("updated_at"))["latest"]
    return latest


def _public_tags() -> QuerySet[Tag]:
    """Tags carried by at least one public article: a tag used only by drafts or scheduled
    articles is not public, not even its name."""
    carried = Article.tags.through.objects.filter(article__in=Article.objects.published())
    return Tag.objects.filter(pk__in=carried.values("tag_id"))


def tags_by_slug() -> QuerySet[Tag]:
    """The public tags, in address order (the sitemap)."""
    return _public_tags().order_by("slug")


def public_tag(slug: str) -> Tag:
    """The tag page's and feeds' subject, in one query: a public tag; else, for one of the
    site's sections (``MARQUEE_SECTIONS``, linked from every page), an unsaved tag named as the
    section, which no article carries yet. Raises ``Tag.DoesNotExist`` for anything else."""
    try:
        return _public_tags().get(slug=slug)
    except Tag.DoesNotExist:
        sections: dict[str, str] = dict(settings.MARQUEE_SECTIONS)
        if slug not in sections:
            raise
        return Tag(slug=slug, name=sections[slug])


def articles_for_tag(tag: Tag) -> QuerySet[Article]:
    """Public articles with ``tag``, newest first, with their tags; none for an unsaved tag."""
    if tag.pk is None:
        return article_list().none()
    return article_list().filter(tags=tag)


def articles_about_person(person: Person) -> QuerySet[Article]:
    """Public articles linked to the person."""
    return article_list().filter(
        pk__in=ArticleEntity.objects.shown().filter(person=person).values("article_id")
    )


def articles_about_title(title: Title) -> QuerySet[Article]:
    """Public articles linked to the title or to one of its characters."""
    linked = ArticleEntity.objects.shown().filter(Q(title=title) | Q(character__title=title))
    return article_list().filter(pk__in=linked.values("article_id"))


def published_article(slug: str) -> Article:
    """A public article alone, nothing prefetched; raises DoesNotExist otherwise."""
    return Article.objects.published().get(slug=slug)


def articles_filtered(
    *, tag: Tag | None = None, person: Person | None = None, title: Title | None = None
) -> QuerySet[Article]:
    """Public articles, newest first, with their tags: those with ``tag``, about ``person`` and
    about ``title``, for each of them that is given."""
    articles = article_list()
    if tag is not None:
        articles &= articles_for_tag(tag)
    if person is not None:
        articles &= articles_about_person(person)
    if title is not None:
        articles &= articles_about_title(title)
    return articles


def headlines_about_person(person: Person, *, limit: int) -> list[Article]:
    """The newest public articles linked to the person, tags not loaded; one query."""
    return list(articles_about_person(person).prefetch_related(None)[:limit])


def headlines_about_title(title: Title, *, limit: int) -> list[Article]:
    """The newest public articles linked to the title or its characters, tags not loaded; one
    query."""
    return list(articles_about_title(title).prefetch_related(None)[:limit])
