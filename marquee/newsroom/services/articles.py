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
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from marquee.discovery import services as discovery_services
from marquee.linking import services as linking_services
from marquee.media.errors import ImageRejected
from marquee.media.models import Image
from marquee.media.services import discard_files_on_error, image_add, image_update
from marquee.newsroom import tasks as newsroom_tasks
from marquee.newsroom.article_format import ArticleInput
from marquee.newsroom.article_images import LeadImageInput, library_image_ids
from marquee.newsroom.models import (
    GOING_LIVE,
    Article,
    ArticleRevision,
    ArticleStatus,
    EditorialAction,
    RevisionState,
    Source,
    Tag,
)
from marquee.newsroom.services.events import event_record
from marquee.newsroom.services.revisions import (
    article_content,
    revision_content,
    revision_input,
    revision_record,
)
from marquee.newsroom.services.roles import require_edit, require_publish
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
        and _same_image(article.image, article_input.image)
    )


def _same_image(image: Image | None, wanted: LeadImageInput | None) -> bool:
    return wanted is None or (
        image is not None
        and (image.sha256, image.alt, image.credit, image.caption)
        == (wanted.sha256, wanted.alt, wanted.credit, wanted.caption)
    )


def _lead_image(current: Image | None, wanted: LeadImageInput) -> Image:
    """The library image for an imported lead image: the article's own one when the file is
    the same (its details brought up to date), else a new one."""
    try:
        if current is not None and current.sha256 == wanted.sha256:
            return image_update(
                current, alt=wanted.alt, credit=wanted.credit, caption=wanted.caption
            )
        return image_add(
            data=wanted.data, alt=wanted.alt, credit=wanted.credit, caption=wanted.caption
        )
    except ImageRejected as error:
        raise ValueError(f"{wanted.where}: {error}") from None


def _check_library_images(article_input: ArticleInput) -> None:
    wanted = library_image_ids(article_input.body)
    found = set(Image.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        where = article_input.origin or article_input.slug
        raise ValueError(
            f"{where}: the body shows image:{missing[0]}, which is not in the media library "
            "(add it with marquee images add)"
        )


def resolved_status(
    status: str, published_at: datetime.datetime | None, now: datetime.datetime
) -> str:
    """A published article dated later is scheduled."""
    if status == ArticleStatus.PUBLISHED and published_at is not None and published_at > now:
        return ArticleStatus.SCHEDULED
    return status


def _write(
    article: Article,
    article_input: ArticleInput,
    status: str,
    now: datetime.datetime,
    *,
    image_id: int | None = None,
) -> Article:
    """Store ``article_input`` into ``article`` with its sources, tags and rendered body; the
    text-change follow-up runs after commit. Caller holds a transaction."""
    article.title = article_input.title
    article.dek = article_input.dek
    article.body = article_input.body
    article.author = article_input.author
    article.trailer_url = article_input.trailer_url
    _check_library_images(article_input)
    if article_input.image is not None:
        article.image = _lead_image(article.image, article_input.image)
    elif image_id is not None:
        article.image_id = image_id
    article.published_at = article_input.published_at or (
        article.published_at or now if status in GOING_LIVE else None
    )
    article.status = resolved_status(status, article.published_at, now)
    article.full_clean(exclude=["body_html", "tags", "owner", "pending_revision"],
                       validate_unique=False)  # fmt: skip
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


def apply_revision(article: Article, revision: ArticleRevision, *, by: Any) -> Article:
    """Make a revision's content the article's own (publishing a draft revision of a live
    article). Caller holds a transaction and publishes."""
    return _write(
        article,
        revision_input(revision),
        article.status,
        timezone.now(),
        image_id=revision.image_id,
    )


def _check_status_change(article: Article, status: str, by: Any) -> None:
    """Only editors move an article into or out of the public."""
    going_live = status in GOING_LIVE and article.status not in GOING_LIVE
    leaving = article.pk is not None and article.status in GOING_LIVE and status not in GOING_LIVE
    if going_live or leaving:
        require_publish(
            by, article, EditorialAction.PUBLISH if going_live else EditorialAction.UNPUBLISH
        )


def article_create(
    *,
    article_input: ArticleInput,
    status: str = ArticleStatus.DRAFT,
    now: datetime.datetime | None = None,
    by: Any = None,
    message: str = "",
) -> Article:
    """Create an article, owned by ``by``; a published one without a date is dated ``now``,
    one dated later is scheduled. Only editors create it published or scheduled."""
    article = Article(slug=article_input.slug, owner=by if getattr(by, "pk", None) else None)
    require_edit(by, article, EditorialAction.CREATE)
    _check_status_change(article, status, by)
    with transaction.atomic():
        article = _write(article, article_input, status, now or timezone.now())
        live = article.status in GOING_LIVE
        revision_record(
            article,
            article_content(article),
            by=by,
            message=message or "Created",
            state=RevisionState.LIVE if live else RevisionState.DRAFT,
        )
        event_record(article, by, EditorialAction.CREATE, to_state=article.status)
        return article


def article_update(
    *,
    article: Article,
    article_input: ArticleInput,
    status: str,
    now: datetime.datetime | None = None,
    by: Any = None,
    message: str = "",
    image_id: int | None = None,
    action: str = EditorialAction.EDIT,
) -> Article:
    """Replace an article's fields, sources and tags by the input's (its slug may change),
    storing a revision. A newsroom member's change to a live article is only stored, as a draft
    revision that goes live when an editor publishes it. Saving an unchanged article writes
    nothing and sets nothing off."""
    require_edit(by, article, action)
    _check_status_change(article, status, by)
    now = now or timezone.now()
    with transaction.atomic():
        if (
            image_id is None
            and _matches(
                article,
                article_input,
                resolved_status(status, article_input.published_at or article.published_at, now),
            )
            and article.slug == article_input.slug
            and article.pending_revision_id is None
        ):
            # A tag's new display name ("K-pop" for "k pop") renames the tag, not the article.
            tags_get_or_create(article_input.tags)
            return article
        if by is not None and article.status in GOING_LIVE and status == article.status:
            return _draft_revision(article, article_input, by=by, message=message,
                                   image_id=image_id, action=action)  # fmt: skip
        from_state = article.status
        article.slug = article_input.slug
        article.pending_revision = None
        article = _write(article, article_input, status, now, image_id=image_id)
        live = article.status in GOING_LIVE
        revision_record(
            article,
            article_content(article),
            by=by,
            message=message,
            state=RevisionState.LIVE if live else RevisionState.DRAFT,
        )
        event_record(article, by, action, from_state=from_state, to_state=article.status,
                     note=message)  # fmt: skip
        return article


def _draft_revision(
    article: Article,
    article_input: ArticleInput,
    *,
    by: Any,
    message: str,
    image_id: int | None,
    action: str,
) -> Article:
    """Keep a change to a live article as its pending draft revision (checked as a save
    would check it); readers keep seeing the article as it is."""
    _check_library_images(article_input)
    candidate = Article(
        pk=article.pk, slug=article_input.slug, title=article_input.title, dek=article_input.dek,
        body=article_input.body, author=article_input.author,
        trailer_url=article_input.trailer_url, status=article.status,
        published_at=article.published_at,
    )  # fmt: skip
    candidate.full_clean(exclude=["body_html", "tags", "owner", "pending_revision", "image"],
                         validate_unique=False)  # fmt: skip
    taken = Article.objects.filter(slug=article_input.slug).exclude(pk=article.pk)
    if taken.exists():
        raise ValueError(f"another article has the slug {article_input.slug!r}")
    revision = revision_record(
        article,
        revision_content(article_input, image_id if image_id is not None else article.image_id),
        by=by,
        message=message,
        state=RevisionState.DRAFT,
    )
    article.pending_revision = revision
    article.save(update_fields=["pending_revision"])
    note = message or "A draft revision of the live article, for an editor to publish"
    event_record(article, by, action, from_state=article.status, to_state=article.status,
                 note=note)  # fmt: skip
    return article


def article_upsert(
    *,
    article_input: ArticleInput,
    status: str,
    now: datetime.datetime | None = None,
    by: Any = None,
) -> Article:
    """Create or update the article with ``article_input.slug``; returns it saved."""
    article = Article.objects.filter(slug=article_input.slug).select_related("image").first()
    if article is None:
        return article_create(article_input=article_input, status=status, now=now, by=by)
    return article_update(
        article=article, article_input=article_input, status=status, now=now, by=by
    )


def articles_import(
    *,
    article_inputs: Sequence[ArticleInput],
    draft: bool = False,
    publish_at: datetime.datetime | None = None,
    by: Any = None,
) -> list[Article]:
    """Save several articles in one transaction: all are imported, or none. ``publish_at``
    schedules them all (a past time publishes them, dated then)."""
    slugs = [item.slug for item in article_inputs]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise ValueError(f"two files have the same slug {duplicates[0]!r}")
    status = ArticleStatus.DRAFT if draft else ArticleStatus.PUBLISHED
    # Permissions first, outside the transaction, so that a refusal's audit record is kept.
    existing = {a.slug: a for a in Article.objects.filter(slug__in=slugs)}
    for item in article_inputs:
        article = existing.get(item.slug) or Article(slug=item.slug, title=item.title)
        require_edit(by, article, EditorialAction.EDIT if article.pk else EditorialAction.CREATE)
        _check_status_change(article, status, by)
    if publish_at is not None:
        article_inputs = [replace(item, published_at=publish_at) for item in article_inputs]
    # A failed import leaves no image file behind either.
    with discard_files_on_error(), transaction.atomic():
        articles = [
            article_upsert(article_input=item, status=status, by=by) for item in article_inputs
        ]
        for article in articles:
            if article.status == ArticleStatus.SCHEDULED and article.published_at:
                newsroom_tasks.articles_publish_due.using(run_after=article.published_at).enqueue()
        return articles


def article_image_set(article: Article, image: Image | None) -> Article:
    """Show ``image`` as the article's lead image (None removes it)."""
    with transaction.atomic():
        article.image = image
        article.save(update_fields=["image", "updated_at"])
        pages_changed()
    return article


def article_delete(*, article: Article) -> None:
    """Delete an article with its sources, entities, comments and reactions; discovery forgets
    it first, in the same transaction."""
    with transaction.atomic():
        discovery_services.article_discovery_forget(article_id=article.pk)
        article.delete()
        pages_changed()
