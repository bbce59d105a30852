"""The knowledge-base data the recogniser needs: people, titles, credits (pure data)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Person:
    """A person or group; ``aliases`` are genuinely different names (stage, English names)."""

    id: str
    name: str
    native_name: str | None = None
    kind: str = "person"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Title:
    """A work; ``kind`` is film | series | novel | webtoon | song | album | show."""

    id: str
    name: str
    native_name: str | None = None
    kind: str = "film"
    year: int | None = None
    aliases: tuple[str, ...] = ()
    based_on: str | None = None


@dataclass(frozen=True)
class Credit:
    """Who did what on a title; actors' credits may name the character played."""

    person: str
    title: str
    role: str
    character: str | None = None
    character_aliases: tuple[str, ...] = ()
    order: int | None = None


def _strings(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(str(item) for item in value if isinstance(item, str) and item.strip())


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


@dataclass
class KnowledgeBase:
    """People and titles by id, and their credits. Ids are unique within people and titles."""

    people: dict[str, Person] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)
    credits: list[Credit] = field(default_factory=list)

    @classmethod
    def from_entities(
        cls,
        people: Iterable[Person] = (),
        titles: Iterable[Title] = (),
        credits: Iterable[Credit] = (),
    ) -> KnowledgeBase:
        """A knowledge base from lists of dataclasses (later duplicates replace earlier ones)."""
        return cls(
            people={person.id: person for person in people},
            titles={title.id: title for title in titles},
            credits=list(credits),
        )

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> KnowledgeBase:
        """A knowledge base from a parsed ``marquee-kb/1`` document (docs/knowledge-base.md).

        The document is assumed valid (the importer validates it); unknown fields are ignored and
        entries without an id or name are skipped.
        """
        people = [
            Person(
                id=str(entry["id"]),
                name=str(entry["name"]),
                native_name=_optional_str(entry.get("native_name")),
                kind=str(entry.get("kind") or "person"),
                aliases=_strings(entry.get("aliases")),
            )
            for entry in document.get("people") or ()
            if entry.get("id") and entry.get("name")
        ]
        titles = [
            Title(
                id=str(entry["id"]),
                name=str(entry["name"]),
                native_name=_optional_str(entry.get("native_name")),
                kind=str(entry.get("kind") or "film"),
                year=entry.get("year") if isinstance(entry.get("year"), int) else None,
                aliases=_strings(entry.get("aliases")),
                based_on=_optional_str(entry.get("based_on")),
            )
            for entry in document.get("titles") or ()
            if entry.get("id") and entry.get("name")
        ]
        credits = [
            Credit(
                person=str(entry["person"]),
                title=str(entry["title"]),
                role=str(entry.get("role") or "actor"),
                character=_optional_str(entry.get("character")),
                character_aliases=_strings(entry.get("character_aliases")),
                order=entry.get("order") if isinstance(entry.get("order"), int) else None,
            )
            for entry in document.get("credits") or ()
            if entry.get("person") and entry.get("title")
        ]
        return cls.from_entities(people, titles, credits)
