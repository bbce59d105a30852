"""Watch Now: where the titles an article or a title page is about can be watched."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils import timezone

from marquee.catalog.codes import LANGUAGE_NAMES
from marquee.catalog.models import Availability, Credit, Person, Title
from marquee.discovery.regions import languages_first, region_name
from marquee.linking.models import EntityState
from marquee.newsroom.models import Article

ALSO_WATCH_PER_PERSON = 2
ALSO_WATCH_TOTAL = 4


@dataclass(frozen=True)
class WatchOffer:
    platform: str
    offer_type: str
    offer_label: str
    subtitles: list[tuple[str, str]]
    url: str


@dataclass
class WatchTitle:
    title: Title
    offers: list[WatchOffer]
    person: Person | None = None  # set for "other works of people mentioned"


@dataclass
class WatchNow:
    region: str
    region_name: str
    mentioned: list[WatchTitle] = field(default_factory=list)
    also: list[WatchTitle] = field(default_factory=list)
    elsewhere: list[tuple[Title, list[tuple[str, str]]]] = field(default_factory=list)

    @property
    def has_offers(self) -> bool:
        return bool(self.mentioned or self.also)


def campaign_url(url: str, *, content: str) -> str:
    """``url`` with Marquee's campaign parameters (existing parameters kept, ours replaced)."""
    parts = urlsplit(url)
    ours = {"utm_source": "marquee", "utm_medium": "watch_now", "utm_content": content}
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ours]
    return urlunsplit(parts._replace(query=urlencode([*query, *ours.items()])))


def _current(offer: Availability, today: datetime.date) -> bool:
    return offer.until is None or offer.until >= today


def _watch_offers(
    offers: Iterable[Availability], *, region: str, language: str, campaign: str
) -> list[WatchOffer]:
    found = []
    for offer in offers:
        if region not in offer.regions:
            continue
        url = offer.url or offer.platform.url
        found.append(
            WatchOffer(
                platform=offer.platform.name,
                offer_type=offer.offer_type,
                offer_label=offer.get_offer_type_display(),
                subtitles=[
                    (code, LANGUAGE_NAMES.get(code, code))
                    for code in languages_first(offer.subtitles, language)
                ],
                url=campaign_url(url, content=campaign) if url else "",
            )
        )
    return found


def _elsewhere(
    titles: Sequence[Title], offers: dict[int, list[Availability]]
) -> list[tuple[Title, list[tuple[str, str]]]]:
    result = []
    for title in titles:
        regions = sorted({region for offer in offers.get(title.pk, []) for region in offer.regions})
        if regions:
            result.append((title, [(code, region_name(code)) for code in regions]))
    return result


def watch_now_for_article(
    article: Article, *, region: str, language: str, today: datetime.date | None = None
) -> WatchNow | None:
    """Offers in ``region`` for the titles the article mentions and other works of the people it
    mentions; where they are available instead when nothing is in ``region``; None when
    nothing is available anywhere. Uses the article's prefetched entities plus two queries.
    """
    today = today or timezone.localdate()
    mentioned: list[Title] = []
    people: list[Person] = []
    for link in article.entities.all():
        if link.state == EntityState.REJECTED:
            continue
        title = link.title or (link.character.title if link.character else None)
        if title is not None and title not in mentioned:
            mentioned.append(title)
        if link.person is not None and link.person not in people:
            people.append(link.person)
    if not mentioned and not people:
        return None
    mentioned_ids = {title.pk for title in mentioned}
    other_works: dict[int, list[Title]] = defaultdict(list)
    if people:
        credits = (
            Credit.objects.filter(person__in=people)
            .exclude(title_id__in=mentioned_ids)
            .select_related("title__poster")
            .order_by("-title__year", "title__name", "order")
        )
        for credit in credits:
            if credit.title not in other_works[credit.person_id]:
                other_works[credit.person_id].append(credit.title)
    title_ids = mentioned_ids | {t.pk for works in other_works.values() for t in works}
    offers: dict[int, list[Availability]] = defaultdict(list)
    for offer in (
        Availability.objects.filter(title_id__in=title_ids)
        .select_related("platform")
        .order_by("title_id", "platform__name", "position")
    ):
        if _current(offer, today):
            offers[offer.title_id].append(offer)

    box = WatchNow(region=region, region_name=region_name(region))
    for title in mentioned:
        found = _watch_offers(
            offers.get(title.pk, []), region=region, language=language, campaign=article.slug
        )
        if found:
            box.mentioned.append(WatchTitle(title, found))
    shown = set(mentioned_ids)
    for person in people:
        added = 0
        for title in other_works.get(person.pk, []):
            if title.pk in shown or added == ALSO_WATCH_PER_PERSON:
                continue
            if len(box.also) == ALSO_WATCH_TOTAL:
                break
            found = _watch_offers(
                offers.get(title.pk, []), region=region, language=language, campaign=article.slug
            )
            if found:
                box.also.append(WatchTitle(title, found, person=person))
                shown.add(title.pk)
                added += 1
    if not box.has_offers:
        box.elsewhere = _elsewhere(mentioned, offers)
        if not box.elsewhere:
            return None
    return box


def watch_now_for_title(
    title: Title, *, region: str, language: str, today: datetime.date | None = None
) -> WatchNow | None:
    """The Watch Now box of a title page, from its prefetched ``availability``."""
    today = today or timezone.localdate()
    current = [offer for offer in title.availability.all() if _current(offer, today)]
    box = WatchNow(region=region, region_name=region_name(region))
    found = _watch_offers(current, region=region, language=language, campaign=title.slug)
    if found:
        box.mentioned.append(WatchTitle(title, found))
        return box
    box.elsewhere = _elsewhere([title], {title.pk: current})
    return box if box.elsewhere else None
