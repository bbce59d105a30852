"""Availability alerts (docs/fans.md): "now watchable in your region with your subtitles" and
"leaving soon".

A change to offers is wrapped in :func:`watching_offers`, which notes what the watched titles
covered before the change — (title, platform, region) → subtitle languages — and, after it,
enqueues one job with what was *gained*. The job (run after commit by the task queue) turns each
gain into notifications for the readers it concerns. Every notification has a key naming reader,
kind, title, platform, region (and the date, for leaving soon), unique in the database: a job
that runs twice, two imports racing, or a re-import that changes nothing store nothing new.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from marquee.catalog.bulk import chunked
from marquee.catalog.models import Availability, Credit
from marquee.catalog.offer_links import offer_link
from marquee.discovery.models import Follow
from marquee.fans.models import (
    ALERTING_STATES,
    FanSettings,
    Notification,
    NotificationKind,
    WatchlistEntry,
)
from marquee.fans.selectors import forget_reader

LEAVING_SOON_DAYS = 7

Coverage = dict[tuple[int, int, str], set[str]]


@dataclass(frozen=True)
class Gain:
    """An offer of ``title`` on ``platform`` that reaches ``region`` (``new_region``) or adds
    subtitle ``languages`` there."""

    title: int
    platform: int
    region: str
    languages: frozenset[str]
    new_region: bool

    def as_json(self) -> list[object]:
        return [self.title, self.platform, self.region, sorted(self.languages), self.new_region]

    @classmethod
    def from_json(cls, value: list[object]) -> Gain:
        title, platform, region, languages, new_region = value
        assert isinstance(title, int) and isinstance(platform, int) and isinstance(languages, list)
        return cls(title, platform, str(region), frozenset(languages), bool(new_region))


def _link(offer: Availability) -> str:
    return offer_link(
        offer_url=offer.url, search_url=offer.platform.search_url, title_name=offer.title.name
    )


def watched_titles(title_ids: Collection[int]) -> set[int]:
    """Those of ``title_ids`` that some reader would hear about: on a watchlist in a state that
    alerts, or a work of a person someone follows."""
    watched: set[int] = set()
    for batch in chunked(title_ids):
        watched.update(
            WatchlistEntry.objects.filter(title_id__in=batch, state__in=ALERTING_STATES)
            .values_list("title_id", flat=True)
            .distinct()
        )
        watched.update(
            Credit.objects.filter(
                title_id__in=batch, person_id__in=Follow.objects.values("person_id")
            )
            .values_list("title_id", flat=True)
            .distinct()
        )
    return watched


def offer_coverage(title_ids: Collection[int], *, today: datetime.date | None = None) -> Coverage:
    """What the current offers of ``title_ids`` cover: (title, platform, region) → languages."""
    today = today or timezone.localdate()
    coverage: Coverage = defaultdict(set)
    for batch in chunked(title_ids):
        for title, platform, regions, subtitles in (
            Availability.objects.current(today)
            .filter(title_id__in=batch)
            .values_list("title_id", "platform_id", "regions", "subtitles")
        ):
            for region in regions or ():
                coverage[(title, platform, region)].update(subtitles or ())
    return coverage


def coverage_gains(before: Coverage, after: Coverage) -> list[Gain]:
    gains = []
    for key, languages in sorted(after.items()):
        previous = before.get(key)
        added = languages - (previous or set())
        if previous is None or added:
            gains.append(Gain(*key, languages=frozenset(added), new_region=previous is None))
    return gains


@contextmanager
def watching_offers(title_ids: Collection[int]) -> Iterator[None]:
    """Wrap a change to the offers of ``title_ids`` (inside its transaction): afterwards, what
    the change made newly watchable, and offers now leaving soon, are enqueued for alerts."""
    from marquee.fans import tasks as fans_tasks

    watched = watched_titles(title_ids)
    before = offer_coverage(watched)
    yield
    if not watched:
        return
    gains = coverage_gains(before, offer_coverage(watched))
    if gains or _leaving_soon(watched).exists():
        fans_tasks.offers_changed.enqueue([gain.as_json() for gain in gains], sorted(watched))


@dataclass(frozen=True)
class Audience:
    """Who hears about a title: readers with it on their watchlist, and readers following a
    person credited on it (with that person)."""

    watchers: frozenset[int]
    followers: dict[int, int]  # reader → the followed person

    @property
    def readers(self) -> set[int]:
        return set(self.watchers) | set(self.followers)


def _audiences(title_ids: Iterable[int]) -> dict[int, Audience]:
    title_ids = list(title_ids)
    watchers: dict[int, set[int]] = defaultdict(set)
    for title, user in WatchlistEntry.objects.filter(
        title_id__in=title_ids, state__in=ALERTING_STATES
    ).values_list("title_id", "user_id"):
        watchers[title].add(user)
    followers: dict[int, dict[int, int]] = defaultdict(dict)
    for title, user, person in (
        Follow.objects.filter(person__credits__title_id__in=title_ids)
        .order_by("person__credits__order", "pk")
        .values_list("person__credits__title_id", "user_id", "person_id")
    ):
        followers[title].setdefault(user, person)
    return {
        title: Audience(frozenset(watchers.get(title, ())), followers.get(title, {}))
        for title in title_ids
    }


def _settings_of(readers: Iterable[int]) -> dict[int, FanSettings]:
    return {
        row.user_id: row
        for row in FanSettings.objects.filter(user_id__in=set(readers)).exclude(region="")
    }


def _understands(preferred: list[str], languages: Iterable[str], *, new_region: bool) -> bool:
    """A reader without subtitle languages needs none: any offer in their region will do."""
    if not preferred:
        return new_region
    return bool(set(preferred) & set(languages))


def _store(notifications: list[Notification]) -> int:
    """Store those not stored before (the key decides); returns how many are new."""
    unique = {(n.user_id, n.key): n for n in reversed(notifications)}  # the first of each
    if not unique:
        return 0
    keys = set(unique)
    existing = set(
        Notification.objects.filter(
            user_id__in={user for user, _ in keys}, key__in={key for _, key in keys}
        ).values_list("user_id", "key")
    )
    fresh = [n for key, n in unique.items() if key not in existing]
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)
    forget_reader({n.user_id for n in fresh})
    return len(fresh)


def _offers_by_pair(
    pairs: Collection[tuple[int, int]], today: datetime.date
) -> dict[tuple[int, int], list[Availability]]:
    offers: dict[tuple[int, int], list[Availability]] = defaultdict(list)
    for offer in (
        Availability.objects.current(today)
        .filter(title_id__in={t for t, _ in pairs})
        .select_related("title", "platform")
        .order_by("position", "pk")
    ):
        offers[(offer.title_id, offer.platform_id)].append(offer)
    return offers


def notify_gains(gains: list[Gain], *, today: datetime.date | None = None) -> int:
    """Notifications for readers whose region and subtitle languages a gain matches; returns
    how many were new."""
    today = today or timezone.localdate()
    if not gains:
        return 0
    audiences = _audiences({gain.title for gain in gains})
    readers = _settings_of(reader for audience in audiences.values() for reader in audience.readers)
    offers = _offers_by_pair({(gain.title, gain.platform) for gain in gains}, today)
    notifications = []
    for gain in gains:
        matching = [
            o for o in offers.get((gain.title, gain.platform), []) if gain.region in o.regions
        ]
        if not matching:
            continue  # gone again before the job ran
        audience = audiences[gain.title]
        for reader in sorted(audience.readers):
            settings = readers.get(reader)
            if settings is None or settings.region != gain.region:
                continue
            if not _understands(settings.subtitles, gain.languages, new_region=gain.new_region):
                continue
            offer = _best_offer(matching, settings.subtitles)
            key = f"available:{gain.title}:{gain.platform}:{gain.region}"
            notifications.append(
                _notification(NotificationKind.AVAILABLE, key, offer, settings, audience)
            )
    return _store(notifications)


def _notification(
    kind: NotificationKind, key: str, offer: Availability, settings: FanSettings, audience: Audience
) -> Notification:
    """What ``settings``' reader is told about ``offer``, and why (a followed person, or None
    when the title is on their watchlist)."""
    reader = settings.user_id
    return Notification(
        user_id=reader,
        kind=kind,
        key=key,
        title_id=offer.title_id,
        platform_id=offer.platform_id,
        person_id=None if reader in audience.watchers else audience.followers[reader],
        region=settings.region,
        subtitles=_shown_languages(offer, settings.subtitles),
        url=_link(offer),
        until=offer.until,
    )


def _best_offer(offers: list[Availability], preferred: list[str]) -> Availability:
    """The first offer with one of the reader's languages (the first offer when they have none)."""
    for offer in offers:
        if not preferred or set(preferred) & set(offer.subtitles):
            return offer
    return offers[0]


def _shown_languages(offer: Availability, preferred: list[str]) -> list[str]:
    """The reader's languages the offer has, in the reader's order (all of them when the reader
    chose none)."""
    if not preferred:
        return list(offer.subtitles)
    return [code for code in preferred if code in offer.subtitles]


def _leaving_soon(
    title_ids: Collection[int] | None, *, today: datetime.date | None = None
) -> QuerySet[Availability]:
    today = today or timezone.localdate()
    offers = Availability.objects.filter(
        until__gte=today, until__lte=today + datetime.timedelta(days=LEAVING_SOON_DAYS)
    )
    return offers if title_ids is None else offers.filter(title_id__in=list(title_ids))


def notify_leaving_soon(
    *, title_ids: Collection[int] | None = None, today: datetime.date | None = None
) -> int:
    """ "Leaving soon" for offers whose ``until`` is within a week, to the readers they concern
    (once per reader, offer, region and date); ``title_ids`` limits the scan. Returns how many
    notifications were new."""
    offers = list(
        _leaving_soon(title_ids, today=today)
        .select_related("title", "platform")
        .order_by("until", "pk")
    )
    if not offers:
        return 0
    audiences = _audiences({offer.title_id for offer in offers})
    readers = _settings_of(reader for audience in audiences.values() for reader in audience.readers)
    notifications = []
    for offer in offers:
        audience = audiences[offer.title_id]
        until = offer.until
        assert until is not None  # the query selected offers ending soon
        for reader in sorted(audience.readers):
            settings = readers.get(reader)
            if settings is None or settings.region not in offer.regions:
                continue
            if not _understands(settings.subtitles, offer.subtitles, new_region=True):
                continue
            key = (
                f"leaving_soon:{offer.title_id}:{offer.platform_id}:"
                f"{settings.region}:{until.isoformat()}"
            )
            notifications.append(
                _notification(NotificationKind.LEAVING_SOON, key, offer, settings, audience)
            )
    return _store(notifications)
