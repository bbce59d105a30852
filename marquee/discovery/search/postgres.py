"""PostgreSQL backend: a generated ``tsvector`` column (``simple`` configuration) with a GIN
index on ``discovery_searchentry``; ranked with ``ts_rank``, highlighted by ``ts_headline``.

``ts_rank`` rather than ``ts_rank_cd``: the name-variant column is a bag of words, where cover
density (word proximity) means nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection

from marquee.discovery.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    RECENT_WINDOW,
    Hit,
    SearchQuery,
)

# ts_rank weights {D, C, B, A}: body (D), name variants (B), name (A); no length normalisation.
TSQUERY = "to_tsquery('simple', %(query)s)"
RANK = f"ts_rank('{{0.1, 0.2, 0.5, 1.0}}', e.document, {TSQUERY}, 0)"
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


# Ids of the latest published articles (named parameters ``now`` and ``window``), read in order
# from the partial index ``search_recent_articles``.
RECENT_ARTICLES = (
    "SELECT id FROM (SELECT id FROM discovery_searchentry"
    " WHERE kind = 'article' AND published_at <= %(now)s"
    " ORDER BY published_at DESC LIMIT %(window)s) AS recent_articles"
)


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
        params: dict[str, Any] = {
            "query": tsquery_text(query, match_all=match_all),
            "now": now,
            "window": RECENT_WINDOW,
            "kinds": list(kinds),
            "limit": limit,
            "headline_name": HEADLINE_NAME,
            "headline_body": HEADLINE_BODY,
        }
        entries = "discovery_searchentry"
        if newest_first:  # every person and title, and the latest articles
            entries = (
                "(SELECT * FROM discovery_searchentry WHERE kind <> 'article' UNION ALL"
                " SELECT s.* FROM discovery_searchentry s"
                f" JOIN ({RECENT_ARTICLES}) AS recent ON recent.id = s.id)"
            )
        kind_filter = " AND e.kind = ANY(%(kinds)s)" if kinds else ""
        # The tsquery is written into the condition (not joined from a CTE) so that the planner
        # sees how many rows it matches and picks the GIN index or an ordered scan accordingly.
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH ranked AS ("
                f"  SELECT e.id, e.kind, e.object_id, e.name, e.body,"
                f"  {RANK} * (CASE e.kind WHEN 'article' THEN 1.0 ELSE {ENTITY_BOOST} END) AS score"
                f"  FROM {entries} AS e WHERE e.document @@ {TSQUERY}"
                f"  AND (e.kind <> 'article' OR e.published_at <= %(now)s){kind_filter}"
                f"  ORDER BY score DESC, e.id LIMIT %(limit)s)"
                f" SELECT kind, object_id, score,"
                f" ts_headline('simple', name, {TSQUERY}, %(headline_name)s),"
                f" ts_headline('simple', body, {TSQUERY}, %(headline_body)s)"
                f" FROM ranked ORDER BY score DESC, id",
                params,
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
                f"SELECT e.object_id, {RANK} AS score FROM discovery_searchentry e"
                f" WHERE e.document @@ {TSQUERY} AND e.kind = 'article'"
                f" AND e.published_at <= %(now)s AND e.object_id <> %(exclude)s"
                f" ORDER BY score DESC LIMIT %(limit)s",
                {
                    "query": " | ".join(_lexeme(term) for term in terms),
                    "now": now,
                    "exclude": exclude,
                    "limit": limit,
                },
            )
            return [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
