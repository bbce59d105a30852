"""Similar Articles as the page, the API and the command line read them."""

from __future__ import annotations

from marquee.discovery.models import SimilarArticle
from marquee.newsroom.models import Article

SIMILAR_ON_PAGE = 4


def similar_articles(article: Article, *, limit: int = SIMILAR_ON_PAGE) -> list[SimilarArticle]:
    """The stored Similar Articles of ``article`` that the public may read, best first."""
    return list(
        SimilarArticle.objects.filter(article=article, similar__in=Article.objects.published())
        .select_related("similar__image")
        .order_by("-score", "-similar__published_at", "similar_id")[:limit]
    )
