"""SQLite FTS5 backend: an external-content FTS5 table over ``discovery_searchentry``."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection

from marquee.discovery.search import RECENT_WINDOW, Hit, SearchQuery
from marquee.discovery.search.highlight import highlight, snippet

TABLE = "discovery_search_fts"
# bm25() column weights: name, keys (name variants), body.
RANK = f"-bm25({TABLE}, 8.0, 4.0, 1.0)"
ENTITY_BOOST = 1.5
PREFIX_MIN_LENGTH = 4


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def match_expression(query: SearchQuery, *, match_all: bool) -> str:
    """An FTS5 MATCH string where every word is a quoted string: no syntax reaches FTS5."""
    parts = []
    for position, (word, others) in enumerate(zip(query.words, query.alternatives, strict=True)):
        prefix = position == len(query.words) - 1 and len(word) >= PREFIX_MIN_LENGTH
        forms = [_quote(word) + ("*" if prefix else ""), *(_quote(other) for other in others)]
        parts.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    return (" AND " if match_all else " OR ").join(parts)


class SqliteBackend:
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
        if query.is_empty or limit <= 0:
            return []
        params: dict[str, Any] = {
            "match": match_expression(query, match_all=match_all),
            "now": connection.ops.adapt_datetimefield_value(now),
            "window": RECENT_WINDOW,
            "limit": limit,
        }
        kind_filter = ""
        if kinds:
            names = [f"kind{position}" for position in range(len(kinds))]
            kind_filter = f" AND e.kind IN ({', '.join(f'%({name})s' for name in names)})"
            params.update(zip(names, kinds, strict=True))
        # FTS5 walks a match list in rowid order at no extra cost: the newest matches are the
        # last indexed ones (articles are indexed when published), ranked among themselves.
        matches = (
            f"SELECT rowid AS id, {RANK} AS rank FROM {TABLE} WHERE {TABLE} MATCH %(match)s"
            + (" ORDER BY rowid DESC LIMIT %(window)s" if newest_first else "")
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id, e.kind, e.object_id,"
                f" m.rank * (CASE e.kind WHEN 'article' THEN 1.0 ELSE {ENTITY_BOOST} END) AS score"
                f" FROM ({matches}) AS m JOIN discovery_searchentry e ON e.id = m.id"
                f" WHERE (e.kind <> 'article' OR e.published_at <= %(now)s){kind_filter}"
                f" ORDER BY score DESC, e.id LIMIT %(limit)s",
                params,
            )
            ranked = cursor.fetchall()
            if not ranked:
                return []
            # Snippets in Python: FTS5's snippet() would evaluate the whole match again.
            cursor.execute(
                "SELECT id, name, body FROM discovery_searchentry"
                f" WHERE id IN ({', '.join(['%s'] * len(ranked))})",
                [row[0] for row in ranked],
            )
            texts = {row[0]: (row[1], row[2]) for row in cursor.fetchall()}
        return [
            Hit(
                kind,
                object_id,
                float(score),
                highlight(texts[entry_id][0], query, prefix_length=PREFIX_MIN_LENGTH),
                snippet(texts[entry_id][1], query, prefix_length=PREFIX_MIN_LENGTH),
            )
            for entry_id, kind, object_id, score in ranked
            if entry_id in texts
        ]

    def more_like(
        self, terms: list[str], *, now: datetime.datetime, exclude: int, limit: int
    ) -> list[tuple[int, float]]:
        if not terms:
            return []
        expression = " OR ".join(_quote(term) for term in terms)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.object_id, {RANK} AS score"
                f" FROM {TABLE} JOIN discovery_searchentry e ON e.id = {TABLE}.rowid"
                f" WHERE {TABLE} MATCH %s AND e.kind = 'article' AND e.published_at <= %s"
                f" AND e.object_id <> %s ORDER BY score DESC LIMIT %s",
                [expression, connection.ops.adapt_datetimefield_value(now), exclude, limit],
            )
            return [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
