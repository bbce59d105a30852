"""Readers' reactions to articles.

A reaction write is the hottest path of the site (issue 10: 500+ a second), and Django's query
compiler costs ~0.5 ms per statement against ~0.03 ms for the statement itself, so the write is
SQL, each step a single indexed statement that needs no lock taken beforehand: removing the
reaction when it is the kind chosen again, else an upsert that inserts or switches. The
per-kind counters change in the same statement (``ReactionCount``'s triggers), so each
statement is atomic on its own and no transaction wraps them: one held SQLite's write lock
while the thread waited for the GIL between statements, and cost a fifth of the throughput
(bench/web, 2 workers × 4 threads: ~415 against ~515 writes/s).

On PostgreSQL every statement is a round trip to the server, so the ban check, the write and
the counts afterwards are one call of the function ``community_reaction_choose`` (migration
0005), the same steps in the same order.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from marquee.community import selectors
from marquee.community.errors import Refusal
from marquee.community.models import Reaction
from marquee.community.selectors import ReactionSummary
from marquee.community.services.checks import banned_refusal, rate_limit, refuse_banned
from marquee.newsroom.models import Article

_BANNED_ROW = -1  # community_reaction_choose's answer for a banned reader


def reaction_set(*, reader: User, article: Article, kind: str) -> ReactionSummary:
    """Choose ``kind`` for the reader: a new choice switches, the same again removes it.

    Refused: unknown kinds, readers over ``MARQUEE_REACTION_RATE_LIMITS``, banned readers (in
    that order). Returns the article's counts and the reader's reaction afterwards (``mine``
    None when removed). One row per reader and article (a unique constraint); counts stay
    equal to the rows (``ReactionCount``). Two identical choices of one reader at the same
    instant may both answer the choice (both found nothing to remove) rather than choose then
    remove; the row and counts agree.
    """
    keys = [option.key for option in selectors.reaction_options()]
    if kind not in keys:
        raise Refusal(
            "unknown_reaction", f"Choose one of these reactions: {', '.join(keys)}.", status=400
        )
    rate_limit("reaction", reader, settings.MARQUEE_REACTION_RATE_LIMITS)
    if connection.vendor == "postgresql":
        return _choose_in_one_call(reader=reader, article=article, kind=kind)
    refuse_banned(reader)
    if not _remove_if_chosen(reader_id=reader.pk, article_id=article.pk, kind=kind):
        _choose(reader_id=reader.pk, article_id=article.pk, kind=kind)
    return selectors.reaction_summary(article=article, user=reader)


def _choose_in_one_call(*, reader: User, article: Article, kind: str) -> ReactionSummary:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, count, own FROM community_reaction_choose(%s, %s, %s, %s)",
            [reader.pk, article.pk, kind, timezone.now()],
        )
        rows: list[tuple[str, int, int]] = cursor.fetchall()
    if rows and rows[0][2] == _BANNED_ROW:
        raise banned_refusal()
    return selectors.reaction_summary_from_rows(rows)


def _remove_if_chosen(*, reader_id: int, article_id: int, kind: str) -> bool:
    """Delete the reader's reaction when it is ``kind``; whether there was one to delete."""
    table, user, article, kind_column = _names("user_id", "article_id", "kind")
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {user} = %s AND {article} = %s AND {kind_column} = %s",
            [reader_id, article_id, kind],
        )
        return bool(cursor.rowcount)


def _choose(*, reader_id: int, article_id: int, kind: str) -> None:
    """Insert the reader's reaction, or switch their existing one to ``kind``."""
    table, user, article, kind_column, created, updated = _names(
        "user_id", "article_id", "kind", "created_at", "updated_at"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({user}, {article}, {kind_column}, {created}, {updated}) "
            f"VALUES (%s, %s, %s, %s, %s) ON CONFLICT ({user}, {article}) "
            f"DO UPDATE SET {kind_column} = excluded.{kind_column}, {updated} = excluded.{updated}",
            [reader_id, article_id, kind, now, now],
        )


def _names(*columns: str) -> list[str]:
    quote = connection.ops.quote_name
    return [quote(Reaction._meta.db_table), *(quote(column) for column in columns)]
