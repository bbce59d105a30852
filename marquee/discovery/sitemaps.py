"""Sitemaps: articles, tags, people, titles, and a Google News sitemap of the last 48 hours."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.utils import timezone

from marquee.catalog.models import Person, Title
from marquee.newsroom.models import Article, Tag

NEWS_WINDOW = datetime.timedelta(hours=48)


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> QuerySet[Article]:
        return Article.objects.published().order_by("-published_at", "-pk")

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.updated_at


class NewsSitemap(Sitemap):
    """Articles published in the last 48 hours, with ``news:`` elements (custom template)."""

    limit = 1000

    def items(self) -> QuerySet[Article]:
        now = timezone.now()
        return (
            Article.objects.published(now)
            .filter(published_at__gte=now - NEWS_WINDOW)
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.updated_at

    @property
    def publication_name(self) -> str:
        return str(settings.MARQUEE_SITE_NAME)


class TagSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.4

    def items(self) -> QuerySet[Tag]:
        return Tag.objects.order_by("slug")


class PersonSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Person]:
        return Person.objects.order_by("slug")


class TitleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Title]:
        return Title.objects.order_by("slug")


SITEMAPS: dict[str, Sitemap] = {
    "news": NewsSitemap(),
    "articles": ArticleSitemap(),
    "people": PersonSitemap(),
    "titles": TitleSitemap(),
    "tags": TagSitemap(),
}
