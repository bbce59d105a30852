"""Where to watch (``/watch/``): the query string read and checked (``parse_filters``), the
filters it names (``WatchFilters``), and the sentences built from them (the result line, what
to loosen). No query runs here (docs/where-to-watch.md)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import QueryDict

from marquee.catalog.codes import LANGUAGE_CODES, LANGUAGE_NAMES
from marquee.catalog.models import OfferType, Platform, TitleKind
from marquee.discovery.regions import clean_region, region_name

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
