"""Reactions as readers see them: the configured options, the counts and the reader's own."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count

from marquee.community.models import (
    Comment,
    CommentStatus,
    Reaction,
    ReactionCount,
)
from marquee.community.selectors.readers import Reader
from marquee.newsroom.models import Article


@dataclass(frozen=True)
class ReactionOption:
    key: str
    emoji: str
    label: str


def reaction_options() -> list[ReactionOption]:
    """The configured reactions, in display order (``settings.MARQUEE_REACTIONS``)."""
    return [
        ReactionOption(key=item["key"], emoji=item["emoji"], label=item["label"])
        for item in settings.MARQUEE_REACTIONS
    ]


@dataclass(frozen=True)
class ReactionSummary:
    counts: dict[str, int]
    mine: str | None

    def as_json(self) -> dict[str, object]:
        return {"counts": self.counts, "mine": self.mine}


def reaction_summary(*, article: Article, user: Reader) -> ReactionSummary:
    """Counts per configured reaction and the reader's own, in one query: counts from
    ``ReactionCount`` (triggers keep them equal to the rows); SQL as it follows every write."""
    sql = (  # an anonymous reader's id is None: "user_id = NULL" matches no row
        f"SELECT kind, count, 0 FROM {ReactionCount._meta.db_table} WHERE article_id = %s "
        f"UNION ALL SELECT kind, 0, 1 FROM {Reaction._meta.db_table} "
        "WHERE article_id = %s AND user_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [article.pk, article.pk, user.pk])
        return reaction_summary_from_rows(cursor.fetchall())


def reaction_summary_from_rows(rows: Iterable[tuple[str, int, int]]) -> ReactionSummary:
    """The summary from rows ``(kind, count, 0)`` per counter and ``(kind, 0, 1)`` for the
    reader's own reaction; kinds no longer configured are left out."""
    counts = dict.fromkeys((option.key for option in reaction_options()), 0)
    mine: str | None = None
    for kind, count, own in rows:
        if kind in counts and own:
            mine = kind
        elif kind in counts:
            counts[kind] = count
    return ReactionSummary(counts=counts, mine=mine)


def engagement_since(*, since: datetime.datetime) -> dict[int, tuple[int, int]]:
    """Article id → (reactions created since ``since``, published comments created since).

    Only articles with any of either are listed.
    """
    engagement: dict[int, tuple[int, int]] = {}
    reactions = (
        Reaction.objects.filter(created_at__gte=since)
        .values("article_id")
        .order_by("article_id")
        .annotate(total=Count("pk"))
    )
    for row in reactions:
        engagement[row["article_id"]] = (row["total"], 0)
    comments = (
        Comment.objects.filter(created_at__gte=since, status=CommentStatus.PUBLISHED)
        .values("article_id")
        .order_by("article_id")
        .annotate(total=Count("pk"))
    )
    for row in comments:
        reaction_count = engagement.get(row["article_id"], (0, 0))[0]
        engagement[row["article_id"]] = (reaction_count, row["total"])
    return engagement
