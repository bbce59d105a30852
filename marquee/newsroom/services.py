"""Actions of the newsroom: creating, updating, importing, publishing, unpublishing and deleting
articles.

Each action writes in one transaction, then names what follows after commit:

* a change of text (create, update, import) → ``linking.services.article_link``, which links
  the article, re-renders its body and then has discovery refresh its search entry and Similar
  Articles;
* a change of state (publish, unpublish) → ``discovery.services.article_discovery_refresh``,
  which indexes a public article, or withdraws one that left the public from search and from
  every Similar Articles list;
* deleting → discovery forgets the article inside the same transaction, before its rows go.

Pages, feeds, sitemaps and the API read the database on every request (``Article.objects
.published()``), so once these commit no process can keep serving an unpublished article.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from marquee.discovery import services as discovery_services
from marquee.discovery import tasks as discovery_tasks
from marquee.linking import services as linking_services
from marquee.newsroom import tasks as newsroom_tasks
from marquee.newsroom.article_format import ArticleInput
from marquee.newsroom.models import Article, ArticleStatus, Source, Tag
from marquee.web.pagecache import pages_changed

logger = logging.getLogger(__name__)


def tags_get_or_create(names: Sequence[str]) -> list[Tag]:
    """Tags by the names an editor gives, created on first use; the slug is derived from the
    name. A name written as the editor wants it shown ("K-pop", "miss A") is the tag's display
    name, kept as written, and an existing tag takes it; a bare slug ("k-pop") names the tag
    only when it is created ("k pop") and leaves an existing tag's name alone."""
    tags = []
    for name in names:
        slug = slugify(name)
        is_bare_slug = name == slug
        display = name.replace("-", " ") if is_bare_slug else name
        tag, created = Tag.objects.get_or_create(slug=slug, defaults={"name": display})
        if not created and not is_bare_slug and tag.name != display:
            tag.name = display
            tag.save(update_fields=["name"])
        tags.append(tag)
    return tags


def after_text_change(article_id: int) -> None:
    """Queued by a change of text: link the article (which then refreshes discovery). The
    change itself has committed, so a linking failure is logged for the operators (``marquee
    relink`` repeats it) and discovery is still refreshed from the new text."""
    try:
        linking_services.article_link(article_id=article_id)
    except Exception:
        logger.exception("linking article %s failed", article_id)
        discovery_services.article_discovery_refresh(article_id=article_id)


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


def _write(
    article: Article, article_input: ArticleInput, status: str, now: datetime.datetime
) -> Article:
    """Store ``article_input`` into ``article`` with its sources, tags and rendered body; the
    text-change follow-up runs after commit. Caller holds a transaction."""
    article.title = article_input.title
    article.dek = article_input.dek
    article.body = article_input.body
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
    linking_services.article_body_render(article=article)
    pages_changed()
    newsroom_tasks.article_text_changed.enqueue(article.pk)
    return article


def article_create(
    *,
    article_input: ArticleInput,
    status: str = ArticleStatus.DRAFT,
    now: datetime.datetime | None = None,
) -> Article:
    """Create an article; a published one without a date is dated ``now``."""
    with transaction.atomic():
        return _write(
            Article(slug=article_input.slug), article_input, status, now or timezone.now()
        )


def article_update(
    *,
    article: Article,
    article_input: ArticleInput,
    status: str,
    now: datetime.datetime | None = None,
) -> Article:
    """Replace an article's fields, sources and tags by the input's (its slug may change).
    Saving an unchanged article writes nothing and sets nothing off."""
    with transaction.atomic():
        if _matches(article, article_input, status) and article.slug == article_input.slug:
            # A tag's new display name ("K-pop" for "k pop") renames the tag, not the article.
            tags_get_or_create(article_input.tags)
            return article
        article.slug = article_input.slug
        return _write(article, article_input, status, now or timezone.now())


def article_upsert(
    *, article_input: ArticleInput, status: str, now: datetime.datetime | None = None
) -> Article:
    """Create or update the article with ``article_input.slug``; returns it saved."""
    article = Article.objects.filter(slug=article_input.slug).first()
    if article is None:
        return article_create(article_input=article_input, status=status, now=now)
    return article_update(article=article, article_input=article_input, status=status, now=now)


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
    """Publish now, or schedule for ``at``. An article dated in the past keeps its date (it comes
    back as it was); one without a date, or scheduled for later, is dated now."""
    now = timezone.now()
    with transaction.atomic():
        article.status = ArticleStatus.PUBLISHED
        kept = (
            article.published_at if article.published_at and article.published_at <= now else None
        )
        article.published_at = at or kept or now
        article.save(update_fields=["status", "published_at", "updated_at"])
        pages_changed()
        # Discovery indexes the article, or withdraws it from everywhere it shows.
        discovery_tasks.article_discovery_refresh.enqueue(article.pk)
    return article


def article_unpublish(*, article: Article) -> Article:
    """Take an article down at once: back to draft, withdrawn from every page, list, feed and
    index after commit. Its date is kept, so publishing it again restores it as it was."""
    with transaction.atomic():
        article.status = ArticleStatus.DRAFT
        article.save(update_fields=["status", "updated_at"])
        pages_changed()
        discovery_tasks.article_discovery_refresh.enqueue(article.pk)
    return article


def article_delete(*, article: Article) -> None:
    """Delete an article with its sources, entities, comments and reactions; discovery forgets
    it first, in the same transaction."""
    with transaction.atomic():
        discovery_services.article_discovery_forget(article_id=article.pk)
        article.delete()
        pages_changed()
