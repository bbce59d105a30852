"""Reads of the discovery app, each in a small, fixed number of queries (one module each)."""

from marquee.discovery.selectors.follows import (
    FOLLOWED_ON_HOME,
    followed_articles,
    is_following,
)
from marquee.discovery.selectors.locale import ReaderLocale, reader_locale
from marquee.discovery.selectors.pages import (
    ArticleDiscovery,
    PersonDiscovery,
    TitleDiscovery,
    article_discovery,
    person_discovery,
    title_discovery,
)
from marquee.discovery.selectors.search_results import (
    SEARCH_MAX_PAGES,
    SEARCH_PAGE_SIZE,
    SearchPage,
    SearchResult,
    search,
)
from marquee.discovery.selectors.similar import SIMILAR_ON_PAGE, similar_articles
from marquee.discovery.selectors.trending import TRENDING_ON_HOME, trending_articles
from marquee.discovery.selectors.watch_now import (
    ALSO_WATCH_PER_PERSON,
    ALSO_WATCH_TOTAL,
    WatchNow,
    WatchOffer,
    WatchTitle,
    campaign_url,
    watch_now_for_article,
    watch_now_for_person,
    watch_now_for_title,
)

__all__ = [
    "ALSO_WATCH_PER_PERSON",
    "ALSO_WATCH_TOTAL",
    "FOLLOWED_ON_HOME",
    "SEARCH_MAX_PAGES",
    "SEARCH_PAGE_SIZE",
    "SIMILAR_ON_PAGE",
    "TRENDING_ON_HOME",
    "ArticleDiscovery",
    "PersonDiscovery",
    "ReaderLocale",
    "SearchPage",
    "SearchResult",
    "TitleDiscovery",
    "WatchNow",
    "WatchOffer",
    "WatchTitle",
    "article_discovery",
    "campaign_url",
    "followed_articles",
    "is_following",
    "person_discovery",
    "reader_locale",
    "search",
    "similar_articles",
    "title_discovery",
    "trending_articles",
    "watch_now_for_article",
    "watch_now_for_person",
    "watch_now_for_title",
]
