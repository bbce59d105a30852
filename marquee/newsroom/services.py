"""Writes to the newsroom: saving, importing and publishing articles."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from marquee.newsroom.article_format import ArticleInput
from marquee.newsroom.models import Article, ArticleStatus, Source, Tag
from marquee.newsroom.rendering import render_markdown
from marquee.newsroom.signals import article_saved


def tags_get_or_create(names: Sequence[str]) -> list[Tag]:
    """Tags by display name, created on first use; the slug is derived from the name."""
    tags = []
    for name in names:
        slug = slugify(name)
        display = name.replace("-", " ") if name == slug else name
        tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": display})
        tags.append(tag)
    return tags


def article_save(*, article: Article) -> Article:
    """Render and save an article edited elsewhere (the admin); follow-up work runs after commit."""
    with transaction.atomic():
        article.body_html = render_markdown(article.body)
        if article.status == ArticleStatus.PUBLISHED and article.published_at is None:
            article.published_at = timezone.now()
        article.save()
        _after_save(article)
    return article


def _after_save(article: Article) -> None:
    article_id = article.pk
    transaction.on_commit(lambda: article_saved.send(sender=Article, article_id=article_id))


def _matches(article: Article, article_input: ArticleInput, status: str) -> bool:
    """Whether saving ``article_input`` would leave the stored article exactly as it is."""
    sources = [(s.name, s.url) for s in article.sources.all()]
    return (
        article.title == article_input.title
        and article.dek == article_input.dek
        and article.body == article_input.body
        and article.author == article_input.author
        and article.trailer_url == article_input.trailer_url
        and article.status == status
        and (
            article_input.published_at is None or article.published_at == article_input.published_at
        )
        and sources == [(s.name, s.url) for s in article_input.sources]
        and sorted(t.slug for t in article.tags.all()) == sorted(map(slugify, article_input.tags))
    )


def article_upsert(
    *, article_input: ArticleInput, status: str, now: datetime.datetime | None = None
) -> Article:
    """Create or update the article with ``article_input.slug``; returns it saved.

    Published articles without a date are dated ``now``. Sources and tags are replaced by the
    input's. Saving an unchanged article writes nothing. Linking and other follow-up work run
    after the transaction commits.
    """
    now = now or timezone.now()
    with transaction.atomic():
        article = Article.objects.filter(slug=article_input.slug).first() or Article(
            slug=article_input.slug
        )
        if article.pk and _matches(article, article_input, status):
            return article
        article.title = article_input.title
        article.dek = article_input.dek
        article.body = article_input.body
        article.body_html = render_markdown(article_input.body)
        article.author = article_input.author
        article.trailer_url = article_input.trailer_url
        article.status = status
        article.published_at = article_input.published_at or (
            article.published_at or now if status == ArticleStatus.PUBLISHED else None
        )
        article.full_clean(exclude=["body_html", "tags"], validate_unique=False)
        article.save()
        article.sources.all().delete()
        Source.objects.bulk_create(
            Source(article=article, name=source.name, url=source.url, position=position)
            for position, source in enumerate(article_input.sources)
        )
        article.tags.set(tags_get_or_create(article_input.tags))
        _after_save(article)
    return article


def articles_import(
    *, article_inputs: Sequence[ArticleInput], draft: bool = False
) -> list[Article]:
    """Save several articles in one transaction: all are imported, or none."""
    slugs = [item.slug for item in article_inputs]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise ValueError(f"two files have the same slug {duplicates[0]!r}")
    status = ArticleStatus.DRAFT if draft else ArticleStatus.PUBLISHED
    with transaction.atomic():
        return [article_upsert(article_input=item, status=status) for item in article_inputs]


def article_publish(*, article: Article, at: datetime.datetime | None = None) -> Article:
    """Publish now, or schedule for ``at``."""
    article.status = ArticleStatus.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    _after_save(article)
    return article


def article_unpublish(*, article: Article) -> Article:
    article.status = ArticleStatus.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article
