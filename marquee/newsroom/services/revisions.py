"""Revisions: every save of an article is kept (author, time, message, content).

An article's own fields are what readers see. A change to an article that is not live is
applied at once and recorded as a draft revision; a newsroom member's change to a live article
is only recorded, as a draft revision the article points to (``pending_revision``), and goes
live when an editor publishes it (``workflow.article_publish``).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from marquee.newsroom.article_format import ArticleInput, SourceInput
from marquee.newsroom.models import Article, ArticleRevision, RevisionState


def revision_content(article_input: ArticleInput, image_id: int | None) -> dict[str, Any]:
    return {
        "title": article_input.title,
        "slug": article_input.slug,
        "dek": article_input.dek,
        "body": article_input.body,
        "byline": article_input.author,
        "trailer_url": article_input.trailer_url,
        "tags": list(article_input.tags),
        "sources": [{"name": s.name, "url": s.url} for s in article_input.sources],
        "image_id": image_id,
    }


def article_content(article: Article) -> dict[str, Any]:
    """The content an article holds now, as a revision stores it."""
    return {
        "title": article.title,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "byline": article.author,
        "trailer_url": article.trailer_url,
        "tags": [tag.name for tag in article.tags.all()],
        "sources": [{"name": s.name, "url": s.url} for s in article.sources.all()],
        "image_id": article.image_id,
    }


def revision_input(revision: ArticleRevision) -> ArticleInput:
    """A revision's content as the input of a save (restoring it, publishing it)."""
    return ArticleInput(
        title=revision.title,
        slug=revision.slug,
        body=revision.body,
        dek=revision.dek,
        author=revision.byline,
        trailer_url=revision.trailer_url,
        tags=tuple(revision.tags),
        sources=tuple(SourceInput(name=s["name"], url=s.get("url", "")) for s in revision.sources),
    )


def revision_record(
    article: Article, content: dict[str, Any], *, by: Any, message: str, state: str
) -> ArticleRevision:
    """Store a revision; a live one supersedes the article's previous live revision."""
    if state == RevisionState.LIVE:
        article.revisions.filter(state=RevisionState.LIVE).update(state=RevisionState.SUPERSEDED)
    return ArticleRevision.objects.create(
        article=article,
        created_at=timezone.now(),
        created_by=by if getattr(by, "pk", None) else None,
        message=message[:300],
        state=state,
        **content,
    )


def revision_went_live(revision: ArticleRevision) -> None:
    """Mark a draft revision live (it has just been published)."""
    revision.article.revisions.filter(state=RevisionState.LIVE).exclude(pk=revision.pk).update(
        state=RevisionState.SUPERSEDED
    )
    revision.state = RevisionState.LIVE
    revision.save(update_fields=["state"])
