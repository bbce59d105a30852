"""What the discovery blocks of the article, title and person pages show, in one call per page."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from marquee.catalog.models import Person, Title
from marquee.discovery.models import SimilarArticle
from marquee.discovery.regions import picker_regions
from marquee.discovery.selectors.follows import is_following
from marquee.discovery.selectors.locale import ReaderLocale
from marquee.discovery.selectors.similar import similar_articles
from marquee.discovery.selectors.watch_now import (
    WatchNow,
    watch_now_for_article,
    watch_now_for_person,
    watch_now_for_title,
)
from marquee.newsroom.models import Article


@dataclass(frozen=True)
class ArticleDiscovery:
    """Watch Now (with the region picker's choices) and Similar Articles of an article page."""

    locale: ReaderLocale
    regions: list[tuple[str, str]]
    watch: WatchNow | None
    similar: list[SimilarArticle]


def article_discovery(article: Article, *, locale: ReaderLocale) -> ArticleDiscovery:
    """Three queries: Similar Articles, the mentioned people's other works, their offers (the
    last two only when the article's prefetched ``entities`` name any person or title)."""
    return ArticleDiscovery(
        locale=locale,
        regions=picker_regions([locale.region]),
        watch=watch_now_for_article(article, region=locale.region, language=locale.language),
        similar=similar_articles(article),
    )


@dataclass(frozen=True)
class TitleDiscovery:
    """Watch Now and the reader's follow state of a title page."""

    locale: ReaderLocale
    regions: list[tuple[str, str]]
    watch: WatchNow | None
    following: bool


def title_discovery(
    title: Title, *, user: AbstractBaseUser | AnonymousUser, locale: ReaderLocale
) -> TitleDiscovery:
    """From the title's prefetched ``availability``; one query for a logged-in reader."""
    return TitleDiscovery(
        locale=locale,
        regions=picker_regions([locale.region]),
        watch=watch_now_for_title(title, region=locale.region, language=locale.language),
        following=is_following(user, title=title),
    )


@dataclass(frozen=True)
class PersonDiscovery:
    """Watch Now (the person's works) and the reader's follow state of a person page."""

    locale: ReaderLocale
    regions: list[tuple[str, str]]
    watch: WatchNow | None
    following: bool


def person_discovery(
    person: Person, *, user: AbstractBaseUser | AnonymousUser, locale: ReaderLocale
) -> PersonDiscovery:
    """From the person's prefetched ``credits``: one query for their works' offers (none without
    credits), one more for a logged-in reader."""
    return PersonDiscovery(
        locale=locale,
        regions=picker_regions([locale.region]),
        watch=watch_now_for_person(person, region=locale.region, language=locale.language),
        following=is_following(user, person=person),
    )
