"""Reads of the knowledge graph."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, QuerySet

from marquee.catalog.kb_format import FORMAT
from marquee.catalog.models import (
    Availability,
    Credit,
    Person,
    PersonAlias,
    Platform,
    Title,
    TitleAlias,
)


def _compact(entry: dict[str, Any]) -> dict[str, Any]:
    """Drop empty optional fields so an exported file reads like a hand-written one."""
    return {key: value for key, value in entry.items() if value not in ("", None, [], ())}


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def kb_export_document() -> dict[str, Any]:
    """The whole knowledge base as a ``marquee-kb/1`` document, in a stable order."""
    person_aliases: dict[int, list[str]] = defaultdict(list)
    for owner, name in PersonAlias.objects.order_by("person_id", "position", "pk").values_list(
        "person_id", "name"
    ):
        person_aliases[owner].append(name)
    title_aliases: dict[int, list[str]] = defaultdict(list)
    for owner, name in TitleAlias.objects.order_by("title_id", "position", "pk").values_list(
        "title_id", "name"
    ):
        title_aliases[owner].append(name)

    people = [
        _compact(
            {
                "id": p.slug,
                "name": p.name,
                "native_name": p.native_name,
                "kind": p.kind,
                "aliases": person_aliases[p.pk],
                "born": _date(p.born),
                "bio": p.bio,
            }
        )
        for p in Person.objects.order_by("slug")
    ]
    titles = [
        _compact(
            {
                "id": t.slug,
                "name": t.name,
                "native_name": t.native_name,
                "kind": t.kind,
                "year": t.year,
                "episodes": t.episodes,
                "aliases": title_aliases[t.pk],
                "based_on": t.based_on.slug if t.based_on else None,
                "synopsis": t.synopsis,
            }
        )
        for t in Title.objects.select_related("based_on").order_by("slug")
    ]
    credits = [
        _compact(
            {
                "person": c.person.slug,
                "title": c.title.slug,
                "role": c.role,
                "character": c.character.name if c.character else None,
                "character_aliases": c.character.aliases if c.character else None,
                "order": c.order,
            }
        )
        for c in Credit.objects.select_related("person", "title", "character").order_by(
            "title__slug", "role", "order", "person__slug", "character__name"
        )
    ]
    platforms = [
        _compact({"id": p.slug, "name": p.name, "url": p.url, "search_url": p.search_url})
        for p in Platform.objects.order_by("slug")
    ]
    availability = [
        _compact(
            {
                "title": a.title.slug,
                "platform": a.platform.slug,
                "regions": a.regions,
                "type": a.offer_type,
                "subtitles": a.subtitles,
                "audio": a.audio,
                "url": a.url,
                "until": _date(a.until),
            }
        )
        for a in Availability.objects.select_related("title", "platform").order_by(
            "title__slug", "platform__slug", "position"
        )
    ]
    return {
        "format": FORMAT,
        "people": people,
        "titles": titles,
        "credits": credits,
        "platforms": platforms,
        "availability": availability,
    }


def person_detail(slug: str) -> Person:
    """A person with aliases and credits (titles with their posters, and characters) loaded;
    raises DoesNotExist."""
    credits = Credit.objects.select_related("title__poster", "character").order_by(
        "-title__year", "title__name", "role", "order"
    )
    return (
        Person.objects.select_related("headshot")
        .prefetch_related("aliases", Prefetch("credits", queryset=credits))
        .get(slug=slug)
    )


def title_detail(slug: str) -> Title:
    """A title with aliases, credits, adaptations and offers loaded; raises DoesNotExist."""
    credits = Credit.objects.select_related("person", "character").order_by(
        "role", "order", "person__name"
    )
    offers = Availability.objects.select_related("platform").order_by("platform__name", "position")
    return (
        Title.objects.select_related("based_on", "poster")
        .prefetch_related(
            "aliases",
            Prefetch("credits", queryset=credits),
            Prefetch("adaptations", queryset=Title.objects.order_by("year", "name")),
            Prefetch("availability", queryset=offers),
        )
        .get(slug=slug)
    )


def offers_by_region(
    offers: QuerySet[Availability] | list[Availability], *, today: datetime.date
) -> list[tuple[str, list[Availability]]]:
    """Current offers grouped by region code (sorted), hiding offers past their ``until``."""
    grouped: dict[str, list[Availability]] = defaultdict(list)
    for offer in offers:
        if not offer.is_current(today):
            continue
        for region in offer.regions:
            grouped[region].append(offer)
    return sorted(grouped.items())


def people_by_slug() -> QuerySet[Person]:
    """Every person, in address order (the sitemap)."""
    return Person.objects.order_by("slug")


def titles_by_slug() -> QuerySet[Title]:
    """Every title, in address order (the sitemap)."""
    return Title.objects.order_by("slug")
