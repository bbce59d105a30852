"""Full-text search behind one interface: SQLite FTS5 or PostgreSQL full-text search.

``backend()`` picks the implementation for the default connection's vendor. Both rank by
relevance (SQLite: FTS5 ``bm25()``; PostgreSQL: weighted ``ts_rank``), weight the name above the
name variants above the body, and return highlighted snippets with ``HIGHLIGHT_START`` and
``HIGHLIGHT_END`` markers that ``snippet_html`` turns into ``<mark>``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from marquee.discovery.search.query import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SearchQuery,
    parse_query,
)

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "RECENT_WINDOW",
    "Hit",
    "SearchBackend",
    "SearchQuery",
    "backend",
    "parse_query",
    "snippet_html",
]


RECENT_WINDOW = 1000


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    score: float
    name: str
    snippet: str


class SearchBackend(Protocol):
    def search(
        self,
        query: SearchQuery,
        *,
        now: datetime.datetime,
        limit: int,
        match_all: bool = True,
        kinds: tuple[str, ...] = (),
        newest_first: bool = False,
    ) -> list[Hit]:
        """Best entries first (higher score is better), name and snippet highlighted.

        ``match_all`` needs every word, otherwise any; ``kinds`` restricts the entry kinds;
        articles count only once published (``published_at <= now``). ``newest_first`` is for
        queries of very common words, which match much of the corpus: only recent entries are
        ranked, so the cost stays bounded whatever the number of articles (PostgreSQL: the
        ``RECENT_WINDOW`` latest published articles, and every person and title; SQLite: the
        ``RECENT_WINDOW`` matches indexed last).
        """
        ...

    def more_like(
        self, terms: list[str], *, now: datetime.datetime, exclude: int, limit: int
    ) -> list[tuple[int, float]]:
        """Published articles (ids) matching any of ``terms``, most relevant first."""
        ...


def backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from marquee.discovery.search.postgres import PostgresBackend

        return PostgresBackend()
    from marquee.discovery.search.sqlite import SqliteBackend

    return SqliteBackend()


def snippet_html(text: str) -> SafeString:
    """Escape a backend snippet and turn its highlight markers into ``<mark>``."""
    escaped = str(escape(text))
    return mark_safe(escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_END, "</mark>"))
