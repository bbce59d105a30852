"""Linking's queued work (docs/tasks.md)."""

from __future__ import annotations

from django_tasks import task

from marquee.linking import services


@task()
def article_link(article_id: int) -> None:
    """Link the article again from its current text (idempotent)."""
    services.article_link(article_id=article_id)
