"""The NinjaAPI behind ``/api/v1/``: its routers and error handlers (docs/api.md)."""

from __future__ import annotations

from ninja import NinjaAPI

from marquee.api.errors import install_error_handlers
from marquee.api.routers import articles, catalog, me, search

api = NinjaAPI(
    title="Marquee API",
    version="1",
    description=(
        "Read access to Marquee's published articles, knowledge graph (people and titles), "
        "Similar Articles, Watch Now offers and search, and a reader's own watchlist and "
        "notifications (`/me/…`: a personal token as `Authorization: Bearer mq_…`, or the "
        "browser's session with its CSRF token). Errors answer "
        '`{"error": {"code": "…", "message": "…"}}`.'
    ),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("", articles.router)
api.add_router("", catalog.router)
api.add_router("", search.router)
api.add_router("", me.router)
