"""Reads of the newsroom: what the public may see, loaded in a bounded number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from marquee.catalog.models import Person, Title
from marquee.newsroom.models import Article, ArticleEntity, Tag


def article_list() -> QuerySet[Article]:
    """Public articles, newest first, with their tags."""
    return Article.objects.published().prefetch_related("tags").order_by("-published_at", "-pk")


def article_detail(slug: str) -> Article:
    """A public article with sources, tags and accepted entities; raises DoesNotExist otherwise."""
    entities = (
        ArticleEntity.objects.shown()
        .select_related("person", "title", "character__title")
        .order_by("first_offset", "pk")
    )
    return (
        Article.objects.published()
        .prefetch_related("sources", "tags", Prefetch("entities", queryset=entities))
        .get(slug=slug)
    )


def articles_for_tag(tag: Tag) -> QuerySet[Article]:
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
