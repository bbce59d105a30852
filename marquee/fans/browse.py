"""Where to watch (``/watch/``): the titles watchable now in a region, filtered, sorted, paged.

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
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import or_
from urllib.parse import urlencode

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
from django.http import QueryDict

from marquee.catalog.codes import LANGUAGE_CODES, LANGUAGE_NAMES
from marquee.catalog.models import Availability, OfferType, Platform, Title, TitleKind
from marquee.catalog.offer_links import offer_link
from marquee.community.models import Comment, CommentStatus
from marquee.discovery.regions import clean_region, region_name
from marquee.discovery.selectors.watch_now import WatchOffer, campaign_url
from marquee.linking.models import ArticleEntity
from marquee.newsroom.models import Article

# Novels, webtoons, songs and albums are read or heard: the browser offers the kinds one watches.
WATCHABLE_KINDS: tuple[str, ...] = (TitleKind.FILM, TitleKind.SERIES, TitleKind.SHOW)
KIND_CHOICES: list[tuple[str, str]] = [(kind, TitleKind(kind).label) for kind in WATCHABLE_KINDS]
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "": ("title", "titles"),
    TitleKind.FILM: ("film", "films"),
    TitleKind.SERIES: ("series", "series"),
    TitleKind.SHOW: ("show", "shows"),
}
OFFER_PHRASES: dict[str, str] = {
    OfferType.SUBSCRIPTION: "by subscription",
    OfferType.FREE: "for free",
    OfferType.ADS: "free with ads",
    OfferType.RENT: "to rent",
    OfferType.BUY: "to buy",
}
SORT_NEWEST = "newest"
SORT_DISCUSSED = "discussed"
SORTS: dict[str, str] = {SORT_NEWEST: "Newest first", SORT_DISCUSSED: "Most discussed"}
WATCH_PAGE_SIZE = 20
MAX_SUBTITLE_LANGUAGES = 10
CAMPAIGN = "watch"  # utm_content of every offer link on the page
_SHOWN_VALUE_LENGTH = 40
_PAGE_NUMBER = re.compile(r"^[0-9]{1,9}$")  # ASCII digits only; bounded before int()


class FilterError(Exception):
    """A query-string parameter the browser cannot use: the page answers 400 with ``message``,
    which names the parameter and the value given."""

    def __init__(self, parameter: str, value: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.value = value
        self.message = message


def _shown(value: str) -> str:
    """A reader's value as quoted back to them: cut short, never empty-looking."""
    value = value.strip()
    return value if len(value) <= _SHOWN_VALUE_LENGTH else value[:_SHOWN_VALUE_LENGTH] + "…"


def _choices_text(values: Sequence[str]) -> str:
    return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else "".join(values)


@dataclass(frozen=True)
class WatchFilters:
    """What the reader asked for, checked. ``saved_subtitles`` are the languages a reader's
    settings default to: when there are some, an empty ``subtitles`` is said explicitly in
    addresses (``subtitles=``) so that "any language" survives pagination."""

    region: str
    subtitles: tuple[str, ...] = ()
    kind: str = ""
    platform: str = ""  # a platform's slug
    offer_type: str = ""
    sort: str = SORT_NEWEST
    saved_subtitles: tuple[str, ...] = field(default=(), compare=False)

    @property
    def region_name(self) -> str:
        return region_name(self.region)

    def query(self, page: int = 1, **changes: object) -> str:
        """The query string of these filters (with ``changes``) at ``page``, parameters in a
        fixed order and defaults left out, so that equal pages have one address."""
        filters = replace(self, **changes) if changes else self  # type: ignore[arg-type]  # dataclass fields by name
        pairs: list[tuple[str, str]] = [("region", filters.region)]
        if filters.subtitles:
            pairs += [("subtitles", code) for code in filters.subtitles]
        elif filters.saved_subtitles:
            pairs.append(("subtitles", ""))
        for name, value in (
            ("kind", filters.kind),
            ("platform", filters.platform),
            ("type", filters.offer_type),
        ):
            if value:
                pairs.append((name, value))
        if filters.sort != SORT_NEWEST:
            pairs.append(("sort", filters.sort))
        if page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)

    def canonical_query(self, page: int = 1) -> str:
        """The address every reader shares for this page (no reader's saved languages)."""
        return self.query(page, saved_subtitles=())


def _one_of(params: QueryDict, name: str, allowed: Sequence[str], reason: str) -> str:
    """The parameter ``name`` in lower case, "" when absent or empty; :class:`FilterError`
    saying ``reason`` when it is none of ``allowed``."""
    given = (params.get(name) or "").strip()
    value = given.lower()
    if value and value not in allowed:
        raise FilterError(name, given, f"{name} “{_shown(given)}” {reason}.")
    return value


def parse_filters(
    params: QueryDict,
    *,
    default_region: str,
    saved_subtitles: Sequence[str] = (),
    platforms: Sequence[Platform],
) -> tuple[WatchFilters, int]:
    """The filters and page number of a query string; raises :class:`FilterError` for the
    first parameter it cannot use. An absent or empty parameter means "any" (region: the
    reader's; subtitles: their saved languages when the parameter is absent altogether)."""
    region_value = (params.get("region") or "").strip()
    region = clean_region(region_value) if region_value else default_region
    if region is None:
        raise FilterError(
            "region",
            region_value,
            f"region “{_shown(region_value)}” is unknown: use an ISO 3166-1 alpha-2 code "
            "such as MX or KR.",
        )

    subtitles: list[str] = []
    for raw in params.getlist("subtitles"):
        code = raw.strip().lower()
        if not code:
            continue
        if code not in LANGUAGE_CODES:
            raise FilterError(
                "subtitles",
                raw,
                f"subtitles “{_shown(raw)}” is unknown: use ISO 639-1 language codes such as "
                "es or en.",
            )
        if code not in subtitles:
            subtitles.append(code)
    if len(subtitles) > MAX_SUBTITLE_LANGUAGES:
        raise FilterError(
            "subtitles",
            ",".join(subtitles),
            f"subtitles: choose at most {MAX_SUBTITLE_LANGUAGES} languages at once.",
        )
    saved = tuple(code for code in saved_subtitles if code in LANGUAGE_CODES)
    if "subtitles" not in params:
        subtitles = list(saved)

    kind = _one_of(
        params,
        "kind",
        WATCHABLE_KINDS,
        f"is not a kind of title you can watch: choose {_choices_text(WATCHABLE_KINDS)}",
    )
    platform = _one_of(
        params,
        "platform",
        [p.slug for p in platforms],
        "is unknown: choose one of the platforms listed",
    )
    offer_type = _one_of(
        params, "type", OfferType.values, f"is unknown: choose {_choices_text(OfferType.values)}"
    )
    sort = (
        _one_of(params, "sort", list(SORTS), f"is unknown: choose {_choices_text(list(SORTS))}")
        or SORT_NEWEST
    )
    page_value = (params.get("page") or "").strip() or "1"
    if not _PAGE_NUMBER.match(page_value) or int(page_value) < 1:
        raise FilterError(
            "page", page_value, f"page “{_shown(page_value)}” is not a page number (1, 2, 3…)."
        )
    filters = WatchFilters(
        region=region,
        subtitles=tuple(subtitles),
        kind=kind,
        platform=platform,
        offer_type=offer_type,
        sort=sort,
        saved_subtitles=saved,
    )
    return filters, int(page_value)


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


def _current(today: datetime.date) -> Q:
    return Q(until__isnull=True) | Q(until__gte=today)


def browse_choices(*, today: datetime.date) -> BrowseChoices:
    """The filter form's platforms and languages; two queries."""
    platforms = list(Platform.objects.order_by("name", "slug"))
    occurring: set[str] = set()
    lists = (
        Availability.objects.filter(_current(today))
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
    offers = Availability.objects.filter(_current(today), regions__icontains=f'"{filters.region}"')
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


def summary(count: int, filters: WatchFilters, platform: Platform | None) -> str:
    """The result line: "12 titles watchable in Mexico with Spanish subtitles"."""
    singular, plural = KIND_NOUNS.get(filters.kind, KIND_NOUNS[""])
    head = f"No {plural}" if count == 0 else f"{count} {singular if count == 1 else plural}"
    parts = [f"{head} watchable in {filters.region_name}"]
    if platform is not None:
        parts.append(f"on {platform.name}")
    if filters.offer_type:
        parts.append(OFFER_PHRASES[filters.offer_type])
    if filters.subtitles:
        names = [LANGUAGE_NAMES.get(code, code) for code in filters.subtitles]
        parts.append(f"with {_choices_text(names)} subtitles")
    return " ".join(parts)


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


def loosened(filters: WatchFilters) -> list[tuple[str, str]]:
    """(label, query string) of the same search without each filter that narrows it, for an
    empty result: what the reader could loosen."""
    options: list[tuple[str, str]] = []
    if filters.subtitles:
        options.append(("subtitles in any language", filters.query(subtitles=())))
    if filters.kind:
        options.append(("films, series and shows", filters.query(kind="")))
    if filters.platform:
        options.append(("every platform", filters.query(platform="")))
    if filters.offer_type:
        options.append(("every kind of offer", filters.query(offer_type="")))
    return options
