"""People and titles of the knowledge graph, with the fields of the KB format."""

from __future__ import annotations

import datetime

from ninja import Schema

from marquee.api.schemas.common import PersonRef, TitleRef
from marquee.catalog.models import (
    AliasKind,
    Availability,
    Character,
    Credit,
    OfferType,
    Person,
    PersonAlias,
    PersonKind,
    Role,
    Title,
    TitleAlias,
    TitleKind,
)
from marquee.discovery.regions import region_name


class AliasOut(Schema):
    name: str
    kind: AliasKind

    @classmethod
    def of(cls, alias: PersonAlias | TitleAlias) -> AliasOut:
        return cls(name=alias.name, kind=AliasKind(alias.kind))


class CharacterOut(Schema):
    name: str
    aliases: list[str]

    @classmethod
    def of(cls, character: Character | None) -> CharacterOut | None:
        if character is None:
            return None
        return cls(name=character.name, aliases=list(character.aliases))


class FilmographyCredit(Schema):
    title: TitleRef
    role: Role
    character: CharacterOut | None
    order: int | None

    @classmethod
    def of(cls, credit: Credit) -> FilmographyCredit:
        return cls(
            title=TitleRef.of(credit.title),
            role=Role(credit.role),
            character=CharacterOut.of(credit.character),
            order=credit.order,
        )


class PersonOut(Schema):
    id: str
    name: str
    native_name: str  # Hangul
    kind: PersonKind
    born: datetime.date | None
    bio: str
    url: str
    aliases: list[AliasOut]
    credits: list[FilmographyCredit]

    @classmethod
    def of(cls, person: Person) -> PersonOut:
        """From ``catalog.selectors.person_detail`` (aliases and credits loaded)."""
        return cls(
            id=person.slug,
            name=person.name,
            native_name=person.native_name,
            kind=PersonKind(person.kind),
            born=person.born,
            bio=person.bio,
            url=person.get_absolute_url(),
            aliases=[AliasOut.of(alias) for alias in person.aliases.all()],
            credits=[FilmographyCredit.of(credit) for credit in person.credits.all()],
        )


class CastCredit(Schema):
    person: PersonRef
    role: Role
    character: CharacterOut | None
    order: int | None

    @classmethod
    def of(cls, credit: Credit) -> CastCredit:
        return cls(
            person=PersonRef.of(credit.person),
            role=Role(credit.role),
            character=CharacterOut.of(credit.character),
            order=credit.order,
        )


class PlatformOut(Schema):
    id: str
    name: str
    url: str  # the home page
    search_url: str  # its search, with {title} where the title's name goes; "" when unknown


class OfferOut(Schema):
    platform: PlatformOut
    type: OfferType
    subtitles: list[str]
    audio: list[str]
    url: str
    until: datetime.date | None

    @classmethod
    def of(cls, offer: Availability) -> OfferOut:
        platform = offer.platform
        return cls(
            platform=PlatformOut(
                id=platform.slug,
                name=platform.name,
                url=platform.url,
                search_url=platform.search_url,
            ),
            type=OfferType(offer.offer_type),
            subtitles=list(offer.subtitles),
            audio=list(offer.audio),
            url=offer.url,
            until=offer.until,
        )


class RegionOffersOut(Schema):
    region: str
    region_name: str
    offers: list[OfferOut]


class TitleOut(Schema):
    id: str
    name: str
    native_name: str  # Hangul
    kind: TitleKind
    year: int | None
    episodes: int | None  # series and shows, when known
    synopsis: str
    url: str
    aliases: list[AliasOut]
    based_on: TitleRef | None
    adaptations: list[TitleRef]
    credits: list[CastCredit]
    availability: list[RegionOffersOut]  # current offers, by region code

    @classmethod
    def of(
        cls, title: Title, *, offers_by_region: list[tuple[str, list[Availability]]]
    ) -> TitleOut:
        """From ``catalog.selectors.title_detail`` and ``offers_by_region`` of its offers."""
        return cls(
            id=title.slug,
            name=title.name,
            native_name=title.native_name,
            kind=TitleKind(title.kind),
            year=title.year,
            episodes=title.episodes,
            synopsis=title.synopsis,
            url=title.get_absolute_url(),
            aliases=[AliasOut.of(alias) for alias in title.aliases.all()],
            based_on=TitleRef.of(title.based_on) if title.based_on else None,
            adaptations=[TitleRef.of(adaptation) for adaptation in title.adaptations.all()],
            credits=[CastCredit.of(credit) for credit in title.credits.all()],
            availability=[
                RegionOffersOut(
                    region=region,
                    region_name=region_name(region),
                    offers=[OfferOut.of(offer) for offer in offers],
                )
                for region, offers in offers_by_region
            ],
        )
