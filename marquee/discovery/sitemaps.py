"""Sitemaps: articles, tags, people, titles, and a Google News sitemap of the last 48 hours."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.utils import timezone

from marquee.catalog import selectors as catalog
from marquee.catalog.models import Person, Title
from marquee.newsroom import selectors as newsroom
from marquee.newsroom.models import Article, Tag

NEWS_WINDOW = datetime.timedelta(hours=48)


class ArticleSitemap(Sitemap[Article]):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> QuerySet[Article]:
        return newsroom.articles_published()

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # For the sitemap index: one aggregate, where Django's default loads every article.
        return newsroom.articles_last_updated(self.items())


class NewsSitemap(Sitemap[Article]):
    """Articles published in the last 48 hours, with ``news:`` elements (custom template)."""

    limit = 1000

    def items(self) -> QuerySet[Article]:
        return newsroom.articles_published(since=timezone.now() - NEWS_WINDOW)

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> datetime.datetime | None:
        # For the sitemap index: one aggregate, where Django's default loads every article.
        return newsroom.articles_last_updated(self.items())

    @property
    def publication_name(self) -> str:
        return str(settings.MARQUEE_SITE_NAME)


class TagSitemap(Sitemap[Tag]):
    changefreq = "daily"
    priority = 0.4

    def items(self) -> QuerySet[Tag]:
        return newsroom.tags_by_slug()


class PersonSitemap(Sitemap[Person]):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Person]:
        return catalog.people_by_slug()


class TitleSitemap(Sitemap[Title]):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Title]:
        return catalog.titles_by_slug()


SITEMAPS: dict[str, Sitemap[Any]] = {
    "news": NewsSitemap(),
    "articles": ArticleSitemap(),
    "people": PersonSitemap(),
    "titles": TitleSitemap(),
    "tags": TagSitemap(),
}
