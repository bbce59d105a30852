"""PostgreSQL backend: a generated ``tsvector`` column (``simple`` configuration) with a GIN
index on ``discovery_searchentry``; ranked with ``ts_rank``, highlighted by ``ts_headline``.

``ts_rank`` rather than ``ts_rank_cd``: the name-variant column is a bag of words, where cover
density (word proximity) means nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection

from marquee.discovery.search import HIGHLIGHT_END, HIGHLIGHT_START, Hit, SearchQuery

# ts_rank weights {D, C, B, A}: body (D), name variants (B), name (A); no length normalisation.
RANK = "ts_rank('{0.1, 0.2, 0.5, 1.0}', e.document, q.query, 0)"
ENTITY_BOOST = 3.0  # ts_rank sums weights: a name matched in its variants must beat prose
PREFIX_MIN_LENGTH = 4
HEADLINE_NAME = f"HighlightAll=true, StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}"
HEADLINE_BODY = (
    f'MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … ",'
    f" StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}"
)


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_text(query: SearchQuery, *, match_all: bool) -> str:
    """A ``to_tsquery`` string where every word is a quoted lexeme: no syntax gets through."""
    parts = []
    for position, (word, others) in enumerate(zip(query.words, query.alternatives, strict=True)):
        prefix = position == len(query.words) - 1 and len(word) >= PREFIX_MIN_LENGTH
        forms = [_lexeme(word) + (":*" if prefix else ""), *(_lexeme(other) for other in others)]
        parts.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
    return (" & " if match_all else " | ").join(parts)


class PostgresBackend:
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
        text = tsquery_text(query, match_all=match_all)
        kind_filter = " AND e.kind = ANY(%s)" if kinds else ""
        params: list[Any] = [text, now, *([list(kinds)] if kinds else []), limit]
        order = "e.id DESC" if newest_first else "score DESC, e.id"
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH q AS (SELECT to_tsquery('simple', %s) AS query),"
                f" ranked AS ("
                f"  SELECT e.id, e.kind, e.object_id, e.name, e.body, q.query,"
                f"  {RANK} * (CASE e.kind WHEN 'article' THEN 1.0 ELSE {ENTITY_BOOST} END) AS score"
                f"  FROM discovery_searchentry e, q"
                f"  WHERE e.document @@ q.query AND (e.kind <> 'article' OR e.published_at <= %s)"
                f"  {kind_filter} ORDER BY {order} LIMIT %s)"
                f" SELECT kind, object_id, score,"
                f" ts_headline('simple', name, query, %s), ts_headline('simple', body, query, %s)"
                f" FROM ranked ORDER BY {'id DESC' if newest_first else 'score DESC, id'}",
                [*params, HEADLINE_NAME, HEADLINE_BODY],
            )
            rows = cursor.fetchall()
        return [
            Hit(kind, int(object_id), float(score), name, body)
            for kind, object_id, score, name, body in rows
        ]

    def more_like(
        self, terms: list[str], *, now: datetime.datetime, exclude: int, limit: int
    ) -> list[tuple[int, float]]:
        if not terms:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH q AS (SELECT to_tsquery('simple', %s) AS query)"
                f" SELECT e.object_id, {RANK} AS score FROM discovery_searchentry e, q"
                f" WHERE e.document @@ q.query AND e.kind = 'article' AND e.published_at <= %s"
                f" AND e.object_id <> %s ORDER BY score DESC LIMIT %s",
                [" | ".join(_lexeme(term) for term in terms), now, exclude, limit],
            )
            return [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
