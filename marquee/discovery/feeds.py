"""RSS 2.0 and Atom feeds: the whole site, a tag, a person, a title."""

from __future__ import annotations

import datetime
from typing import TypeVar

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

from marquee.catalog.models import Person, Title
from marquee.newsroom.models import Article, Tag
from marquee.newsroom.selectors import (
    article_list,
    articles_about_person,
    articles_about_title,
    articles_for_tag,
    public_tag,
)

ITEMS_PER_FEED = 30
_Subject = TypeVar("_Subject", None, Tag, Person, Title)


class _ArticleFeed(Feed[Article, _Subject]):
    """A feed of public articles; ``_Subject`` is what the feed is about (None: everything)."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    language = "en"
    # An item's guid is its absolute address (Django's default for a guid is the item's link,
    # made absolute), marked isPermaLink="true"; Atom uses the same address as the entry's id.
    item_guid_is_permalink = True

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        """The standfirst, escaped: feed descriptions are HTML."""
        return escape(item.dek or item.title)

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str | None:
        return item.author or None

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class LatestRss(_ArticleFeed[None]):
    description = "The latest from Marquee: Korean film, TV and books."

    def title(self) -> str:
        return f"{settings.MARQUEE_SITE_NAME}: latest"

    def link(self) -> str:
        return reverse("home")

    def items(self) -> QuerySet[Article]:
        return article_list()[:ITEMS_PER_FEED]


class LatestAtom(LatestRss):
    feed_type = Atom1Feed
    subtitle = LatestRss.description


class TagRss(_ArticleFeed[Tag]):
    def get_object(self, request: HttpRequest, slug: str) -> Tag:
        """A public tag or a section; a tag only drafts carry is a 404 that does not name it."""
        try:
            return public_tag(slug)
        except Tag.DoesNotExist:
            raise Http404("No tag with this address.") from None

    def title(self, obj: Tag) -> str:
        return f"{settings.MARQUEE_SITE_NAME}: {obj.name}"

    def description(self, obj: Tag) -> str:
        return f"Articles tagged “{obj.name}”."

    def link(self, obj: Tag) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Tag) -> QuerySet[Article]:
        return articles_for_tag(obj)[:ITEMS_PER_FEED]


class TagAtom(TagRss):
    feed_type = Atom1Feed

    def subtitle(self, obj: Tag) -> str:
        return self.description(obj)


class PersonRss(_ArticleFeed[Person]):
    def get_object(self, request: HttpRequest, slug: str) -> Person:
        return get_object_or_404(Person, slug=slug)

    def title(self, obj: Person) -> str:
        return f"{settings.MARQUEE_SITE_NAME}: {obj.name}"

    def description(self, obj: Person) -> str:
        return f"News about {obj.name}."

    def link(self, obj: Person) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Person) -> QuerySet[Article]:
        return articles_about_person(obj)[:ITEMS_PER_FEED]


class PersonAtom(PersonRss):
    feed_type = Atom1Feed

    def subtitle(self, obj: Person) -> str:
        return self.description(obj)


class TitleRss(_ArticleFeed[Title]):
    def get_object(self, request: HttpRequest, slug: str) -> Title:
        return get_object_or_404(Title, slug=slug)

    def title(self, obj: Title) -> str:
        return f"{settings.MARQUEE_SITE_NAME}: {obj}"

    def description(self, obj: Title) -> str:
        return f"News about {obj}."

    def link(self, obj: Title) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Title) -> QuerySet[Article]:
        return articles_about_title(obj)[:ITEMS_PER_FEED]


class TitleAtom(TitleRss):
    feed_type = Atom1Feed

    def subtitle(self, obj: Title) -> str:
        return self.description(obj)
