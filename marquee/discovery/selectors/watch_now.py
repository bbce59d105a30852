"""Watch Now: where the titles an article, a title page or a person page is about can be watched."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus, urlencode, urlsplit, urlunsplit

from django.db.models import QuerySet
from django.utils import timezone

from marquee.catalog.codes import LANGUAGE_NAMES
from marquee.catalog.models import Availability, Credit, Person, Role, Title
from marquee.discovery.regions import languages_first, region_name
from marquee.linking.models import EntityState
from marquee.newsroom.models import Article

ALSO_WATCH_PER_PERSON = 2
ALSO_WATCH_TOTAL = 4
# A person page's box lists this many works; the filmography beside it lists them all.
PERSON_WATCH_LIMIT = 6

# Roles in which a person is seen or heard in a work ("You can also watch … in …"), in the
# order one is chosen when a person holds several credits on a work; then the roles that
# introduce a work by who made it ("Written by …: …").
PERFORMING_ROLES = (Role.ACTOR, Role.HOST, Role.SINGER)
MAKING_ROLES = (Role.DIRECTOR, Role.WRITER, Role.AUTHOR, Role.PRODUCER, Role.TRANSLATOR)
CREDITED_AS = {
    Role.DIRECTOR: "Directed by",
    Role.WRITER: "Written by",
    Role.AUTHOR: "Written by",
    Role.PRODUCER: "Produced by",
    Role.TRANSLATOR: "Translated by",
}


@dataclass(frozen=True)
class WatchOffer:
    platform: str
    offer_type: str
    offer_label: str
    subtitles: list[tuple[str, str]]
    url: str  # the offer's page, else the platform's search for the title; "" for neither


@dataclass
class WatchTitle:
    title: Title
    offers: list[WatchOffer]  # in the box's region; empty when offered only elsewhere
    person: Person | None = None  # set for "other works of people mentioned"
    role: str = ""  # the person's role in the work (other works; a person page's works)
    character: str = ""  # the character the person plays in it, if any
    elsewhere: list[tuple[str, str]] = field(default_factory=list)  # (code, name) when no offers

    @property
    def performs(self) -> bool:
        """Whether the person is seen or heard in the work (actor, host, singer)."""
        return self.role in PERFORMING_ROLES

    @property
    def credited_as(self) -> str:
        """How a work is introduced by its maker: "Written by", "Directed by"…; "" for
        performers."""
        return CREDITED_AS.get(Role(self.role), "") if self.role else ""

    @property
    def role_label(self) -> str:
        """The person's part in the work as a person page shows it: "as Ji Eun-tak", "Director"."""
        if self.character:
            return f"as {self.character}"
        return Role(self.role).label if self.role else ""


@dataclass
class WatchNow:
    region: str
    region_name: str
    mentioned: list[WatchTitle] = field(default_factory=list)
    also: list[WatchTitle] = field(default_factory=list)
    more: int = 0  # works offered beyond those listed (person pages)

    @property
    def has_offers(self) -> bool:
        """Whether anything is offered in the region."""
        return any(item.offers for item in self.mentioned) or bool(self.also)

    @property
    def elsewhere(self) -> list[tuple[Title, list[tuple[str, str]]]]:
        """The listed titles not offered in the region, with the regions where they are."""
        return [(item.title, item.elsewhere) for item in self.mentioned if not item.offers]


def campaign_url(url: str, *, content: str) -> str:
    """``url`` with Marquee's campaign parameters: the address's own parameters are kept as
    written (a search link's ``%20`` stays), ours replace any of the same name."""
    parts = urlsplit(url)
    ours = {"utm_source": "marquee", "utm_medium": "watch_now", "utm_content": content}
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and unquote_plus(pair.partition("=")[0]) not in ours
    ]
    return urlunsplit(parts._replace(query="&".join([*kept, urlencode(ours)])))


def _watch_offers(
    title: Title, offers: Iterable[Availability], *, region: str, language: str, campaign: str
) -> list[WatchOffer]:
    """The offers in ``region``; each links to the offer's page, else to its platform's search
    for ``title`` (never to the platform's home page), with the campaign parameters."""
    found = []
    for offer in offers:
        if region not in offer.regions:
            continue
        url = offer.url or offer.platform.search_link(title.name)
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


def _regions(offers: Sequence[Availability]) -> list[tuple[str, str]]:
    codes = sorted({region for offer in offers for region in offer.regions})
    return [(code, region_name(code)) for code in codes]


def _watch_title(
    title: Title, offers: Sequence[Availability], *, region: str, language: str, campaign: str
) -> WatchTitle | None:
    """The title with its offers in ``region``, else with the regions where it is offered;
    None when it is offered nowhere."""
    found = _watch_offers(title, offers, region=region, language=language, campaign=campaign)
    if found:
        return WatchTitle(title, found)
    if offers:
        return WatchTitle(title, [], elsewhere=_regions(offers))
    return None


def _main_role(roles: Iterable[str]) -> str:
    """The role a work is shown under when a person holds several credits on it."""
    held = set(roles)
    return next((role for role in (*PERFORMING_ROLES, *MAKING_ROLES) if role in held), "")


def _current_offers(
    title_ids: Collection[int] | QuerySet[Credit, Any], today: datetime.date
) -> dict[int, list[Availability]]:
    """Current offers of the titles ``title_ids`` selects (ids or a subquery), by title."""
    offers: dict[int, list[Availability]] = defaultdict(list)
    for offer in (
        Availability.objects.current(today)
        .filter(title_id__in=title_ids)
        .select_related("platform")
        .order_by("title_id", "platform__name", "position")
    ):
        offers[offer.title_id].append(offer)
    return offers


def watch_now_for_article(
    article: Article, *, region: str, language: str, today: datetime.date | None = None
) -> WatchNow | None:
    """Every title the article mentions that is offered somewhere (with its offers in
    ``region``, else the regions where it is), then other works of the people it mentions that
    are offered in ``region``; None when there is nothing to show. Uses the article's
    prefetched entities plus two queries.
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
    roles: dict[tuple[int, int], list[str]] = defaultdict(list)
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
            roles[(credit.person_id, credit.title_id)].append(credit.role)
    title_ids = mentioned_ids | {t.pk for works in other_works.values() for t in works}
    offers = _current_offers(title_ids, today)

    box = WatchNow(region=region, region_name=region_name(region))
    listed = [
        _watch_title(
            title, offers.get(title.pk, []), region=region, language=language, campaign=article.slug
        )
        for title in mentioned
    ]
    # Titles offered in the region first, then those offered only elsewhere, each in the
    # article's order; titles offered nowhere are left out.
    box.mentioned = [item for item in listed if item and item.offers] + [
        item for item in listed if item and not item.offers
    ]
    shown = set(mentioned_ids)
    for person in people:
        added = 0
        for title in other_works.get(person.pk, []):
            if title.pk in shown or added == ALSO_WATCH_PER_PERSON:
                continue
            if len(box.also) == ALSO_WATCH_TOTAL:
                break
            found = _watch_offers(
                title,
                offers.get(title.pk, []),
                region=region,
                language=language,
                campaign=article.slug,
            )
            if found:
                role = _main_role(roles[(person.pk, title.pk)])
                box.also.append(WatchTitle(title, found, person=person, role=role))
                shown.add(title.pk)
                added += 1
    if not box.mentioned and not box.also:
        return None
    return box


def watch_now_for_title(
    title: Title, *, region: str, language: str, today: datetime.date | None = None
) -> WatchNow | None:
    """The Watch Now box of a title page, from its prefetched ``availability``."""
    today = today or timezone.localdate()
    current = [offer for offer in title.availability.all() if offer.is_current(today)]
    item = _watch_title(title, current, region=region, language=language, campaign=title.slug)
    if item is None:
        return None
    return WatchNow(region=region, region_name=region_name(region), mentioned=[item])


def watch_now_for_person(
    person: Person, *, region: str, language: str, today: datetime.date | None = None
) -> WatchNow | None:
    """The Watch Now box of a person page: their works offered in ``region``, newest first,
    each with the person's role, at most ``PERSON_WATCH_LIMIT`` (``more`` counts the rest);
    when none is offered there, the works offered elsewhere with their regions. None when no
    work is offered anywhere. From the person's prefetched ``credits`` (with titles and their
    posters) plus one query for the offers.
    """
    today = today or timezone.localdate()
    works: dict[int, Title] = {}
    roles: dict[int, list[str]] = defaultdict(list)
    characters: dict[int, str] = {}
    for credit in person.credits.all():
        works.setdefault(credit.title_id, credit.title)
        roles[credit.title_id].append(credit.role)
        if credit.role == Role.ACTOR and credit.character is not None:
            characters.setdefault(credit.title_id, credit.character.name)
    if not works:
        return None
    offers = _current_offers(Credit.objects.filter(person_id=person.pk).values("title_id"), today)
    # Newest first whatever the database does with unknown years (they come last).
    ordered = sorted(works.values(), key=lambda t: (t.year is None, -(t.year or 0), t.name))
    items: list[WatchTitle] = []
    for title in ordered:
        item = _watch_title(
            title, offers.get(title.pk, []), region=region, language=language, campaign=person.slug
        )
        if item is not None:
            item.role = _main_role(roles[title.pk])
            if item.role == Role.ACTOR:
                item.character = characters.get(title.pk, "")
            items.append(item)
    if not items:
        return None
    in_region = [item for item in items if item.offers]
    shown = in_region or items
    box = WatchNow(region=region, region_name=region_name(region))
    box.mentioned = shown[:PERSON_WATCH_LIMIT]
    box.more = len(shown) - len(box.mentioned)
    return box
