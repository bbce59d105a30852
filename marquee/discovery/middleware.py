"""Counting article page views without writing to the database on each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from marquee.discovery.services import article_view_record

ARTICLE_VIEW = "newsroom:article"


class ArticleViewMiddleware:
    """Counts successful GETs of article pages in the cache (see ``services.trending``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = request.resolver_match
        if (
            request.method == "GET"
            and response.status_code == 200
            and match is not None
            and match.view_name == ARTICLE_VIEW
        ):
            article_view_record(slug=str(match.kwargs["slug"]))
        return response
