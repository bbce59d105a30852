"""The stored trending ranking of the home page."""

from __future__ import annotations

from marquee.discovery.models import TrendingArticle
from marquee.newsroom.models import Article

TRENDING_ON_HOME = 5


def trending_articles(*, limit: int = TRENDING_ON_HOME) -> list[Article]:
    """The stored trending ranking, public articles only; one query."""
    rows = (
        TrendingArticle.objects.filter(article__in=Article.objects.published())
        .select_related("article")
        .order_by("-score", "article_id")[:limit]
    )
    return [row.article for row in rows]
