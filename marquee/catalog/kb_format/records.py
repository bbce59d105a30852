"""The records of a ``marquee-kb/1`` file (docs/knowledge-base.md) and the error refusing one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from marquee.catalog.models import OfferType, PersonKind, TitleKind
from marquee.storable import printable

FORMAT = "marquee-kb/1"
SECTIONS = ("people", "titles", "credits", "platforms", "availability")
MAX_REPORTED_PROBLEMS = 20


class KnowledgeBaseError(ValueError):
    """A knowledge-base file was refused; ``problems`` lists what is wrong, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [printable(problem) for problem in problems]
        problems = self.problems
        shown = problems[:MAX_REPORTED_PROBLEMS]
        more = len(problems) - len(shown)
        text = "\n".join(f"  - {problem}" for problem in shown)
        if more:
            text += f"\n  … and {more} more problem{'s' if more > 1 else ''}"
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(
            f"knowledge base refused ({len(problems)} {noun}, nothing written):\n{text}"
        )


@dataclass(frozen=True)
class PersonRecord:
    id: str
    name: str
    native_name: str = ""
    kind: str = PersonKind.PERSON
    aliases: tuple[str, ...] = ()
    born: datetime.date | None = None
    bio: str = ""


@dataclass(frozen=True)
class TitleRecord:
    id: str
    name: str
    native_name: str = ""
    kind: str = TitleKind.FILM
    year: int | None = None
    episodes: int | None = None
    aliases: tuple[str, ...] = ()
    based_on: str | None = None
    synopsis: str = ""


@dataclass(frozen=True)
class CreditRecord:
    person: str
    title: str
    role: str
    character: str = ""
    character_aliases: tuple[str, ...] = ()
    order: int | None = None


@dataclass(frozen=True)
class PlatformRecord:
    id: str
    name: str
    url: str = ""
    search_url: str = ""


@dataclass(frozen=True)
class AvailabilityRecord:
    title: str
    platform: str
    regions: tuple[str, ...]
    type: str = OfferType.SUBSCRIPTION
    subtitles: tuple[str, ...] = ()
    audio: tuple[str, ...] = ()
    url: str = ""
    until: datetime.date | None = None


@dataclass
class KnowledgeBaseFile:
    """A checked knowledge-base file: its records, and the ids it names without defining."""

    people: list[PersonRecord] = field(default_factory=list)
    titles: list[TitleRecord] = field(default_factory=list)
    credits: list[CreditRecord] = field(default_factory=list)
    platforms: list[PlatformRecord] = field(default_factory=list)
    availability: list[AvailabilityRecord] = field(default_factory=list)
    # Ids referenced but not defined in the file: the database must hold them.
    external_people: set[str] = field(default_factory=set)
    external_titles: set[str] = field(default_factory=set)
    external_platforms: set[str] = field(default_factory=set)

    @property
    def entry_count(self) -> int:
        return sum(len(getattr(self, section)) for section in SECTIONS)
