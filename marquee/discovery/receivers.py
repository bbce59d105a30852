"""Keeping discovery current. These receivers run after the change they react to committed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marquee.discovery import services


def on_article_saved(sender: Any, *, article_id: int, **kwargs: Any) -> None:
    """Text changes are searchable at once; entities follow with ``article_linked``."""
    services.search_entry_refresh_article(article_id=article_id)


def on_article_linked(sender: Any, *, article_id: int, **kwargs: Any) -> None:
    services.article_discovery_refresh(article_id=article_id)


def on_knowledge_base_changed(
    sender: Any,
    *,
    people: Iterable[str] | None = None,
    titles: Iterable[str] | None = None,
    **kwargs: Any,
) -> None:
    """Reindex the named people and titles, or all of them when the change names none."""
    if people is None and titles is None:
        services.search_entries_refresh_people()
        services.search_entries_refresh_titles()
        return
    if people:
        services.search_entries_refresh_people(slugs=people)
    if titles:
        services.search_entries_refresh_titles(slugs=titles)
