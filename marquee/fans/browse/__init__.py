"""Where to watch (``/watch/``, docs/where-to-watch.md): ``filters`` reads the query string,
``watchable`` runs the reads."""

from marquee.fans.browse.filters import (
    KIND_CHOICES,
    SORTS,
    WATCH_PAGE_SIZE,
    FilterError,
    WatchFilters,
    loosened,
    parse_filters,
    summary,
)
from marquee.fans.browse.watchable import (
    BrowseChoices,
    WatchableTitle,
    WatchPage,
    browse_choices,
    matching_offers,
    offer_url,
    watchable_titles,
    with_discussion,
)

__all__ = [
    "KIND_CHOICES",
    "SORTS",
    "WATCH_PAGE_SIZE",
    "BrowseChoices",
    "FilterError",
    "WatchFilters",
    "WatchPage",
    "WatchableTitle",
    "browse_choices",
    "loosened",
    "matching_offers",
    "offer_url",
    "parse_filters",
    "summary",
    "watchable_titles",
    "with_discussion",
]
