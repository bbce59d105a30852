"""The newsroom's queued work (docs/tasks.md): what follows a change to an article's text."""

from __future__ import annotations

from django_tasks import task

from marquee.newsroom import services


@task()
def article_text_changed(article_id: int) -> None:
    """Link the article again from its text; discovery follows (idempotent)."""
    services.after_text_change(article_id)


@task()
def articles_publish_due() -> None:
    """Record the scheduled publications and unpublishings whose time has come (idempotent)."""
    services.articles_publish_due()


@task()
def editorial_event_mail(event_id: int) -> None:
    """Mail the owner (or the editors) about an editorial event."""
    services.editorial_event_mail(event_id)
