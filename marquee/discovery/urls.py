from django.contrib.sitemaps import views as sitemap_views
from django.urls import URLPattern, URLResolver, path

from marquee.discovery import feeds, sitemaps, views
from marquee.web.pagecache import page_seconds, shared_page

# Feeds and sitemaps are the same for every reader: shared caches may hold them.
shared = shared_page(page_seconds, same_for_everyone=True)

app_name = "discovery"
urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search, name="search"),
    path("watch-region/", views.region_set, name="region"),
    path("follow/", views.follow, name="follow"),
    path("feeds/latest.rss", shared(feeds.LatestRss()), name="feed-latest-rss"),
    path("feeds/latest.atom", shared(feeds.LatestAtom()), name="feed-latest-atom"),
    path("feeds/tags/<slug:slug>.rss", shared(feeds.TagRss()), name="feed-tag-rss"),
    path("feeds/tags/<slug:slug>.atom", shared(feeds.TagAtom()), name="feed-tag-atom"),
    path("feeds/people/<slug:slug>.rss", shared(feeds.PersonRss()), name="feed-person-rss"),
    path("feeds/people/<slug:slug>.atom", shared(feeds.PersonAtom()), name="feed-person-atom"),
    path("feeds/titles/<slug:slug>.rss", shared(feeds.TitleRss()), name="feed-title-rss"),
    path("feeds/titles/<slug:slug>.atom", shared(feeds.TitleAtom()), name="feed-title-atom"),
    path(
        "sitemap.xml",
        shared(sitemap_views.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "discovery:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        shared(sitemap_views.sitemap),
        {
            "sitemaps": {"news": sitemaps.NewsSitemap()},
            "section": "news",
            "template_name": "discovery/news_sitemap.xml",
        },
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        shared(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
]
