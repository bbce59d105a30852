"""Where to watch (``/watch/``): the titles watchable now in a region, filtered, sorted, paged
(the filters themselves are read in ``filters.py``).

Reads only; a fixed number of queries whatever the number of results (docs/where-to-watch.md):
``browse_choices`` two (platforms, subtitle languages in offers), ``watchable_titles`` three
(count, the page of titles, their matching offers), one when nothing matches.

Offers keep their regions and languages as JSON lists. They are matched with ``icontains`` on
the quoted code (``regions__icontains='"MX"'``), which works on SQLite and PostgreSQL alike
(``__contains`` on a JSON list does not work on SQLite); the codes are checked against the
ISO lists first, so the pattern never holds anything but letters.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import (
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from marquee.catalog.codes import LANGUAGE_NAMES
from marquee.catalog.models import Availability, Platform, Title
from marquee.catalog.offer_links import offer_link
from marquee.community.models import Comment, CommentStatus
from marquee.discovery.selectors.watch_now import WatchOffer, campaign_url
from marquee.fans.browse.filters import (
    CAMPAIGN,
    SORT_DISCUSSED,
    WATCH_PAGE_SIZE,
    WATCHABLE_KINDS,
    FilterError,
    WatchFilters,
    summary,
)
from marquee.linking.models import ArticleEntity
from marquee.newsroom.models import Article


@dataclass(frozen=True)
class BrowseChoices:
    """What the filter form offers: every platform, and the subtitle languages of current
    offers that have a name (``LANGUAGE_NAMES``), by name."""

    platforms: list[Platform]
    languages: list[tuple[str, str]]

    def languages_with(self, selected: Sequence[str]) -> list[tuple[str, str]]:
        """The form's languages plus any selected that no offer has (so they stay ticked)."""
        known = {code for code, _ in self.languages}
        extra = [(code, LANGUAGE_NAMES.get(code, code)) for code in selected if code not in known]
        return sorted([*self.languages, *extra], key=lambda item: item[1])

    def platform_named(self, slug: str) -> Platform | None:
        return next((platform for platform in self.platforms if platform.slug == slug), None)


def browse_choices(*, today: datetime.date) -> BrowseChoices:
    """The filter form's platforms and languages; two queries."""
    platforms = list(Platform.objects.order_by("name", "slug"))
    occurring: set[str] = set()
    lists = (
        Availability.objects.current(today)
        .order_by()
        .values_list("subtitles", flat=True)
        .distinct()
    )
    for codes in lists:
        occurring.update(code for code in codes or () if isinstance(code, str))
    languages = sorted(
        ((code, LANGUAGE_NAMES[code]) for code in occurring if code in LANGUAGE_NAMES),
        key=lambda item: item[1],
    )
    return BrowseChoices(platforms=platforms, languages=languages)


def matching_offers(filters: WatchFilters, *, today: datetime.date) -> QuerySet[Availability]:
    """Current offers in the region, with one of the subtitle languages (any language when
    none is asked for), on the platform and of the type asked for."""
    offers = Availability.objects.current(today).filter(regions__icontains=f'"{filters.region}"')
    if filters.subtitles:
        offers = offers.filter(
            reduce(or_, (Q(subtitles__icontains=f'"{code}"') for code in filters.subtitles))
        )
    if filters.platform:
        offers = offers.filter(platform__slug=filters.platform)
    if filters.offer_type:
        offers = offers.filter(offer_type=filters.offer_type)
    return offers


def _count(queryset: QuerySet[Article] | QuerySet[Comment]) -> Coalesce:
    """``COUNT`` of the queryset's rows as a scalar subquery (an aggregate without GROUP BY:
    one row whatever matches)."""
    counted = queryset.order_by().values(
        total=Func(F("pk"), function="COUNT", output_field=IntegerField())
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _links_to_title_two_out() -> QuerySet[ArticleEntity]:
    """The article links readers see (``shown()``) to the title two queries out (the titles'
    query, around the counting subquery around this one): to it or to one of its characters."""
    title = OuterRef(OuterRef("pk"))
    return ArticleEntity.objects.shown().filter(Q(title_id=title) | Q(character__title_id=title))


def with_discussion(titles: QuerySet[Title], *, now: datetime.datetime) -> QuerySet[Title]:
    """``titles`` with ``discussion_articles`` (public articles linked to the title or one of
    its characters), ``discussion_comments`` (published comments on those articles) and
    ``discussion`` (their sum), computed in the titles' own query."""
    public = Article.objects.published(now)
    articles = public.filter(pk__in=_links_to_title_two_out().values("article_id"))
    comments = Comment.objects.filter(
        status=CommentStatus.PUBLISHED,
        article__in=public.values("pk"),
        article_id__in=_links_to_title_two_out().values("article_id"),
    )
    return titles.annotate(
        discussion_articles=_count(articles),
        discussion_comments=_count(comments),
    ).annotate(discussion=F("discussion_articles") + F("discussion_comments"))


@dataclass(frozen=True)
class WatchableTitle:
    title: Title
    offers: list[WatchOffer]
    discussion_articles: int | None = None  # set when sorted by discussion
    discussion_comments: int | None = None


@dataclass(frozen=True)
class WatchPage:
    """One page of the browser's results."""

    filters: WatchFilters
    count: int
    number: int
    page_size: int
    items: list[WatchableTitle]
    summary: str

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def start(self) -> int:
        """The position of the page's first title (an ``<ol start>``)."""
        return (self.number - 1) * self.page_size + 1

    @property
    def previous_query(self) -> str:
        return self.filters.query(self.number - 1)

    @property
    def next_query(self) -> str:
        return self.filters.query(self.number + 1)


def offer_url(offer: Availability, title: Title) -> str:
    """Where to watch ``title`` on the offer's platform, with Marquee's campaign: the offer's
    own address, else the platform's search for the title, else "" (never the platform's
    home page, which does not lead to the title)."""
    url = offer_link(
        offer_url=offer.url, search_url=offer.platform.search_url, title_name=title.name
    )
    return campaign_url(url, content=CAMPAIGN) if url else ""


def _subtitles_first(codes: Sequence[str], chosen: Sequence[str]) -> list[tuple[str, str]]:
    """Subtitle languages, those asked for first (in the order asked), then the others."""
    first = [code for code in chosen if code in codes]
    rest = [code for code in codes if code not in first]
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in [*first, *rest]]


def _ordered(titles: QuerySet[Title], *, sort: str, now: datetime.datetime) -> QuerySet[Title]:
    newest = (F("year").desc(nulls_last=True), "name", "pk")
    if sort == SORT_DISCUSSED:
        return with_discussion(titles, now=now).order_by("-discussion", *newest)
    return titles.order_by(*newest)


def watchable_titles(
    filters: WatchFilters,
    *,
    page: int = 1,
    platform: Platform | None = None,
    today: datetime.date,
    now: datetime.datetime,
    page_size: int = WATCH_PAGE_SIZE,
) -> WatchPage:
    """Page ``page`` of the titles watchable with ``filters``, each with its matching offers;
    three queries (count, titles, offers), one when nothing matches. ``platform`` is the
    filter's platform (for the summary line). Raises :class:`FilterError` for a page past
    the last."""
    offers = matching_offers(filters, today=today)
    kinds = [filters.kind] if filters.kind else list(WATCHABLE_KINDS)
    titles = Title.objects.filter(kind__in=kinds, pk__in=offers.values("title_id"))
    count = titles.count()
    num_pages = max(1, math.ceil(count / page_size))
    if page > num_pages:
        raise FilterError(
            "page",
            str(page),
            f"page “{page}” does not exist: the results fill {num_pages} "
            f"page{'s' if num_pages != 1 else ''}.",
        )
    items: list[WatchableTitle] = []
    if count:
        start = (page - 1) * page_size
        rows = list(
            _ordered(titles.select_related("poster"), sort=filters.sort, now=now)[
                start : start + page_size
            ]
        )
        titles_by_pk = {title.pk: title for title in rows}
        by_title: dict[int, list[WatchOffer]] = defaultdict(list)
        for offer in (
            offers.filter(title_id__in=list(titles_by_pk))
            .select_related("platform")
            .order_by("title_id", "platform__name", "position", "pk")
        ):
            by_title[offer.title_id].append(
                WatchOffer(
                    platform=offer.platform.name,
                    offer_type=offer.offer_type,
                    offer_label=offer.get_offer_type_display(),
                    subtitles=_subtitles_first(offer.subtitles or [], filters.subtitles),
                    url=offer_url(offer, titles_by_pk[offer.title_id]),
                )
            )
        items = [
            WatchableTitle(
                title=title,
                offers=by_title.get(title.pk, []),
                discussion_articles=getattr(title, "discussion_articles", None),
                discussion_comments=getattr(title, "discussion_comments", None),
            )
            for title in rows
        ]
    return WatchPage(
        filters=filters,
        count=count,
        number=page,
        page_size=page_size,
        items=items,
        summary=summary(count, filters, platform),
    )
