"""Discovery's queued work (docs/tasks.md)."""

from __future__ import annotations

from django_tasks import task

from marquee.discovery import services


@task()
def article_discovery_refresh(article_id: int) -> None:
    """Rebuild the article's search entry and Similar Articles from the database, or withdraw
    them when it is no longer public (idempotent)."""
    services.article_discovery_refresh(article_id=article_id)
