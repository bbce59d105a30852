"""Keeping links current: these receivers run after the changes they react to were committed."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from marquee.linking import index, services

logger = logging.getLogger(__name__)


def on_article_saved(sender: Any, *, article_id: int, **kwargs: Any) -> None:
    """Link the saved article. The save itself has committed: a linking failure is logged for
    the operators (``marquee relink`` repeats it) instead of failing the editor's request."""
    try:
        services.article_link(article_id=article_id)
    except Exception:
        logger.exception("linking article %s failed", article_id)


def on_knowledge_base_changed(
    sender: Any,
    *,
    people: Iterable[str] | None = None,
    titles: Iterable[str] | None = None,
    **kwargs: Any,
) -> None:
    """Named entities are updated in place; a change without names rebuilds the index."""
    if people is None and titles is None:
        index.record_changes(everything=True)
    else:
        index.record_changes(people=people or (), titles=titles or ())
