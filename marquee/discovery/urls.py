from django.contrib.sitemaps import views as sitemap_views
from django.urls import URLPattern, URLResolver, path

from marquee.discovery import feeds, sitemaps, views
from marquee.web.pagecache import page_seconds, shared_page

app_name = "discovery"
urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search, name="search"),
    path("watch-region/", views.region_set, name="region"),
    path("follow/", views.follow, name="follow"),
    path(
        "feeds/latest.rss",
        shared_page(page_seconds, same_for_everyone=True)(feeds.LatestRss()),
        name="feed-latest-rss",
    ),
    path(
        "feeds/latest.atom",
        shared_page(page_seconds, same_for_everyone=True)(feeds.LatestAtom()),
        name="feed-latest-atom",
    ),
    path(
        "feeds/tags/<slug:slug>.rss",
        shared_page(page_seconds, same_for_everyone=True)(feeds.TagRss()),
        name="feed-tag-rss",
    ),
    path(
        "feeds/tags/<slug:slug>.atom",
        shared_page(page_seconds, same_for_everyone=True)(feeds.TagAtom()),
        name="feed-tag-atom",
    ),
    path(
        "feeds/people/<slug:slug>.rss",
        shared_page(page_seconds, same_for_everyone=True)(feeds.PersonRss()),
        name="feed-person-rss",
    ),
    path(
        "feeds/people/<slug:slug>.atom",
        shared_page(page_seconds, same_for_everyone=True)(feeds.PersonAtom()),
        name="feed-person-atom",
    ),
    path(
        "feeds/titles/<slug:slug>.rss",
        shared_page(page_seconds, same_for_everyone=True)(feeds.TitleRss()),
        name="feed-title-rss",
    ),
    path(
        "feeds/titles/<slug:slug>.atom",
        shared_page(page_seconds, same_for_everyone=True)(feeds.TitleAtom()),
        name="feed-title-atom",
    ),
    path(
        "sitemap.xml",
        shared_page(page_seconds, same_for_everyone=True)(sitemap_views.index),
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "discovery:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        shared_page(page_seconds, same_for_everyone=True)(sitemap_views.sitemap),
        {
            "sitemaps": {"news": sitemaps.NewsSitemap()},
            "section": "news",
            "template_name": "discovery/news_sitemap.xml",
        },
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        shared_page(page_seconds, same_for_everyone=True)(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
]
