"""Writes of the discovery app (see each module); side effects run after commit."""

from marquee.discovery.services.follows import follow_create, follow_delete
from marquee.discovery.services.search_index import (
    search_entries_refresh_people,
    search_entries_refresh_titles,
    search_entry_refresh_article,
)
from marquee.discovery.services.similar import article_profile_refresh, similar_compute
from marquee.discovery.services.similar_lists import (
    article_discovery_forget,
    article_discovery_refresh,
    similar_refresh,
)
from marquee.discovery.services.trending import (
    article_view_record,
    article_views_flush,
    trending_refresh,
)

__all__ = [
    "article_discovery_forget",
    "article_discovery_refresh",
    "article_profile_refresh",
    "article_view_record",
    "article_views_flush",
    "follow_create",
    "follow_delete",
    "search_entries_refresh_people",
    "search_entries_refresh_titles",
    "search_entry_refresh_article",
    "similar_compute",
    "similar_refresh",
    "trending_refresh",
]
