"""The catalogue's queued work (docs/tasks.md): what follows a knowledge-base change."""

from __future__ import annotations

from django_tasks import task

from marquee.catalog import services


@task()
def knowledge_base_changed(
    people: list[str] | None, titles: list[str] | None, articles: list[int]
) -> None:
    """The linker's change log, the search index and the articles to link again (idempotent:
    each step recomputes from the database)."""
    services.after_knowledge_base_change(people=people, titles=titles, articles=articles)
