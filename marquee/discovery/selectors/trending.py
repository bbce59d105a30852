"""The stored trending ranking of the home page, and what the home page shows before there is one.

The stored ranking (``trending_refresh``: decayed views, reactions and comments of the last 48
hours) needs engagement that a fresh site does not have, so the home page's box falls back, and
says so in its heading:

1. **Trending**: the stored ranking;
2. else **Most discussed this week**: the public articles with reactions or published comments
   in the last ``DISCUSSED_WINDOW`` (a reaction counts ``REACTION_POINTS``, a comment
   ``COMMENT_POINTS``, as in the ranking), most first;
3. else **Most connected**: of the ``CONNECTED_AMONG`` newest public articles, those linked
   to the most people, titles and characters readers see (``ArticleEntity.objects.shown()``),
   the newest first among equals;
4. else nothing (the box is not shown).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from marquee.community.models import Comment, CommentStatus, Reaction
from marquee.discovery.models import TrendingArticle
from marquee.linking.models import ArticleEntity
from marquee.newsroom.models import Article

TRENDING_ON_HOME = 5
DISCUSSED_WINDOW = datetime.timedelta(days=7)
CONNECTED_AMONG = 30
# The ranking's weights (discovery.services.trending), repeated: selectors import no services.
REACTION_POINTS = 5
COMMENT_POINTS = 10


def trending_articles(*, limit: int = TRENDING_ON_HOME) -> list[Article]:
    """The stored trending ranking, public articles only; one query."""
    rows = (
        TrendingArticle.objects.filter(article__in=Article.objects.published())
        .select_related("article")
        .order_by("-score", "article_id")[:limit]
    )
    return [row.article for row in rows]


@dataclass(frozen=True)
class HomeTrending:
    """The home page's trending box: which ranking filled it (``basis``: ``"trending"``,
    ``"discussed"`` or ``"connected"``), its heading, a line saying how it is ranked, and the
    articles, best first."""

    basis: str
    heading: str
    note: str
    articles: list[Article]


def _count(queryset: QuerySet[Reaction] | QuerySet[Comment] | QuerySet[ArticleEntity]) -> Coalesce:
    """``COUNT(*)`` of ``queryset``'s rows for the outer article, as a scalar subquery."""
    counted = (
        queryset.filter(article_id=OuterRef("pk"))
        .order_by()
        .values("article_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def most_discussed(*, now: datetime.datetime, limit: int = TRENDING_ON_HOME) -> list[Article]:
    """Public articles with reactions or published comments since ``now - DISCUSSED_WINDOW``,
    by ``REACTION_POINTS × reactions + COMMENT_POINTS × comments``; one query."""
    since = now - DISCUSSED_WINDOW
    reactions = _count(Reaction.objects.filter(created_at__gte=since))
    comments = _count(Comment.objects.filter(created_at__gte=since, status=CommentStatus.PUBLISHED))
    return list(
        Article.objects.published(now)
        .annotate(discussion=reactions * REACTION_POINTS + comments * COMMENT_POINTS)
        .filter(discussion__gt=0)
        .order_by("-discussion", "-published_at", "-pk")[:limit]
    )


def most_connected(*, now: datetime.datetime, limit: int = TRENDING_ON_HOME) -> list[Article]:
    """Of the ``CONNECTED_AMONG`` newest public articles, those linked to at least one shown
    person, title or character, the most linked first, then the newest; one query."""
    public = Article.objects.published(now)
    newest = public.order_by("-published_at", "-pk").values("pk")[:CONNECTED_AMONG]
    return list(
        public.filter(pk__in=newest)
        .annotate(connections=_count(ArticleEntity.objects.shown()))
        .filter(connections__gt=0)
        .order_by("-connections", "-published_at", "-pk")[:limit]
    )


def home_trending(
    *, now: datetime.datetime | None = None, limit: int = TRENDING_ON_HOME
) -> HomeTrending | None:
    """The first of the rankings in this module's docstring that has any article, or None;
    one query per ranking tried (at most three)."""
    now = now or timezone.now()
    if articles := trending_articles(limit=limit):
        return HomeTrending("trending", "Trending", "Most read and discussed now", articles)
    if articles := most_discussed(now=now, limit=limit):
        return HomeTrending(
            "discussed", "Most discussed this week", "By reactions and comments", articles
        )
    if articles := most_connected(now=now, limit=limit):
        return HomeTrending(
            "connected",
            "Most connected",
            "Recent stories linked to the most people and titles",
            articles,
        )
    return None
