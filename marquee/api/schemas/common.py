"""Shapes shared by every area: the error body and references to other entities."""

from __future__ import annotations

from ninja import Schema

from marquee.catalog.models import Person, Title, TitleKind
from marquee.newsroom.models import Tag


class ErrorDetail(Schema):
    code: str
    message: str


class ErrorOut(Schema):
    error: ErrorDetail


class PersonRef(Schema):
    id: str
    name: str
    url: str

    @classmethod
    def of(cls, person: Person) -> PersonRef:
        return cls(id=person.slug, name=person.name, url=person.get_absolute_url())


class TitleRef(Schema):
    id: str
    name: str
    kind: TitleKind
    year: int | None
    url: str

    @classmethod
    def of(cls, title: Title) -> TitleRef:
        return cls(
            id=title.slug,
            name=title.name,
            kind=TitleKind(title.kind),
            year=title.year,
            url=title.get_absolute_url(),
        )


class TagOut(Schema):
    slug: str
    name: str
    url: str

    @classmethod
    def of(cls, tag: Tag) -> TagOut:
        return cls(slug=tag.slug, name=tag.name, url=tag.get_absolute_url())
