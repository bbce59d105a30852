"""Search results, as plain text."""

from __future__ import annotations

from typing import Literal

from ninja import Schema

from marquee.catalog.models import Person
from marquee.discovery import selectors as discovery
from marquee.discovery.search import HIGHLIGHT_END, HIGHLIGHT_START
from marquee.newsroom.models import Article


def plain(text: str) -> str:
    """A search backend's highlighted text without its highlight markers."""
    return text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


class SearchResultOut(Schema):
    kind: Literal["article", "person", "title"]
    id: str  # the article's slug, the person's or title's knowledge-base id
    name: str
    url: str
    snippet: str

    @classmethod
    def of(cls, result: discovery.SearchResult) -> SearchResultOut:
        kind: Literal["article", "person", "title"]
        if isinstance(result.obj, Article):
            kind = "article"
        elif isinstance(result.obj, Person):
            kind = "person"
        else:
            kind = "title"
        return cls(
            kind=kind,
            id=result.obj.slug,
            name=plain(result.name),
            url=result.url,
            snippet=plain(result.snippet),
        )


class SearchOut(Schema):
    query: str
    page: int
    has_next: bool
    notice: str  # set when no result has every word and results with some are shown
    results: list[SearchResultOut]

    @classmethod
    def of(cls, page: discovery.SearchPage) -> SearchOut:
        return cls(
            query=page.query,
            page=page.page,
            has_next=page.has_next,
            notice=page.notice,
            results=[SearchResultOut.of(result) for result in page.results],
        )
