"""What the API answers: pydantic schemas, each built from the objects the selectors return.

The ``of`` constructors read only what the selectors have loaded (related objects come from
``select_related``/``prefetch_related``), so building a response runs no query of its own.
"""

from marquee.api.schemas.articles import (
    ArticleOut,
    ArticlePage,
    ArticleSummary,
    SimilarItem,
    SimilarOut,
    WatchNowOut,
)
from marquee.api.schemas.catalog import PersonOut, TitleOut
from marquee.api.schemas.common import ErrorOut
from marquee.api.schemas.search import SearchOut

__all__ = [
    "ArticleOut",
    "ArticlePage",
    "ArticleSummary",
    "ErrorOut",
    "PersonOut",
    "SearchOut",
    "SimilarItem",
    "SimilarOut",
    "TitleOut",
    "WatchNowOut",
]
