"""Search over articles, people and titles."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import P, QueryEx, Router

from marquee.api.schemas import ErrorOut, SearchOut
from marquee.discovery import selectors as discovery

router = Router(tags=["search"])


@router.get(
    "/search",
    response={200: SearchOut, 422: ErrorOut},
    operation_id="search",
    summary="Articles, people and titles matching a query",
)
def search(
    request: HttpRequest,
    q: QueryEx[str, P(description="Words, names in any spelling, or Hangul.")] = "",
    page: QueryEx[
        int, P(ge=1, le=discovery.SEARCH_MAX_PAGES, description="Result page, from 1.")
    ] = 1,
) -> SearchOut:
    """Best first, ranked together, as on the search page. Any text is accepted: an empty or
    unusable query just finds nothing."""
    return SearchOut.of(discovery.search(q, page=page))
