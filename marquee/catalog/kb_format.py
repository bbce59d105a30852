"""Reading and checking a ``marquee-kb/1`` document (CONTRACTS.md §1), without the database.

``parse_document`` turns decoded JSON into typed records or raises ``KnowledgeBaseError`` listing
every problem found, each naming its entry and field. References to ids absent from the file are
returned for the caller to look up in the database.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from marquee.catalog.codes import LANGUAGE_CODES, REGION_CODES
from marquee.catalog.models import OfferType, PersonKind, Role, TitleKind

FORMAT = "marquee-kb/1"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_REPORTED_PROBLEMS = 20
SECTIONS = ("people", "titles", "credits", "platforms", "availability")
# Choices.values builds a new list on every call: read them once.
PERSONKIND_VALUES = tuple(PersonKind.values)
TITLEKIND_VALUES = tuple(TitleKind.values)
ROLE_VALUES = tuple(Role.values)
OFFERTYPE_VALUES = tuple(OfferType.values)


class KnowledgeBaseError(ValueError):
    """A knowledge-base file was refused; ``problems`` lists what is wrong, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
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
class Document:
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


def load_json(raw: bytes) -> Any:
    """Decode a file's bytes as UTF-8 JSON, naming the line and column of a syntax error."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise KnowledgeBaseError([f"the file is not UTF-8 text (byte {error.start})"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise KnowledgeBaseError(
            [f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"]
        ) from None


class _Checker:
    """Checks one entry's fields, recording problems under the entry's label."""

    def __init__(self, label: str, entry: dict[str, Any], problems: list[str]) -> None:
        self.label = label
        self.entry = entry
        self.problems = problems

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(f'{self.label}: field "{field_name}" {message}')

    def text(self, name: str, *, required: bool = False, max_length: int = 0) -> str:
        value = self.entry.get(name)
        if value is None:
            if required:
                self.fail(name, "is required")
            return ""
        if not isinstance(value, str):
            self.fail(name, f"must be a string, got {_json_type(value)}")
            return ""
        if required and not value.strip():
            self.fail(name, "must not be empty")
        if max_length and len(value) > max_length:
            self.fail(name, f"is longer than {max_length} characters")
        return value.strip()

    def slug(self, name: str, *, required: bool = True) -> str:
        value = self.text(name, required=required)
        if value and not SLUG_RE.match(value):
            self.fail(name, f"must be a lowercase slug like kim-go-eun, got {value!r}")
            return ""
        return value

    def choice(self, name: str, choices: Iterable[str], default: str) -> str:
        value = self.entry.get(name)
        if value is None:
            return default
        allowed = list(choices)
        if value not in allowed:
            self.fail(name, f"must be one of {', '.join(allowed)}; got {_show(value)}")
            return default
        return str(value)

    def strings(
        self, name: str, *, check: Callable[[str], bool] | None = None, what: str = ""
    ) -> tuple[str, ...]:
        value = self.entry.get(name)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(name, f"must be a list of strings, got {_show(value)}")
            return ()
        items = tuple(item.strip() for item in value)
        for item in items:
            if not item:
                self.fail(name, "must not contain empty strings")
            elif check and not check(item):
                self.fail(name, f"has {item!r}, which is not {what}")
        if len(set(items)) != len(items):
            self.fail(name, "lists the same value twice")
        return items

    def integer(self, name: str, *, low: int, high: int) -> int | None:
        value = self.entry.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"must be a whole number, got {_show(value)}")
            return None
        if not low <= value <= high:
            self.fail(name, f"must be between {low} and {high}, got {value}")
            return None
        return value

    def date(self, name: str) -> datetime.date | None:
        value = self.entry.get(name)
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(name, f"must be a date written YYYY-MM-DD, got {_show(value)}")
        return None

    def url(self, name: str) -> str:
        value = self.text(name, max_length=500)
        if value and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
            self.fail(name, f"must be an http(s) URL, got {value!r}")
            return ""
        return value

    def unknown_fields(self, known: Iterable[str]) -> None:
        for name in sorted(set(self.entry) - set(known)):
            self.fail(name, "is not a field of this entry (check the spelling)")


def _json_type(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), "null")


def _show(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def _entries(document: dict[str, Any], section: str, problems: list[str]) -> list[dict[str, Any]]:
    value = document.get(section, [])
    if not isinstance(value, list):
        problems.append(f'"{section}" must be a list, got {_json_type(value)}')
        return []
    entries = []
    for index, entry in enumerate(value):
        if isinstance(entry, dict):
            entries.append(entry)
        else:
            problems.append(f"{section}[{index}]: must be an object, got {_json_type(entry)}")
            entries.append({})
    return entries


def _label(section: str, index: int, entry: dict[str, Any], key: str = "id") -> str:
    ident = entry.get(key)
    return (
        f'{section}[{index}] "{ident}"'
        if isinstance(ident, str) and ident
        else f"{section}[{index}]"
    )


def parse_document(document: Any) -> Document:
    """Check a decoded ``marquee-kb/1`` document and return its records.

    Raises ``KnowledgeBaseError`` naming every bad entry and field; references that the file
    does not define are left in ``Document.external_*`` for the database to confirm.
    """
    if not isinstance(document, dict):
        raise KnowledgeBaseError(
            [f"the document must be a JSON object, got {_json_type(document)}"]
        )
    problems: list[str] = []
    if document.get("format") != FORMAT:
        problems.append(f'"format" must be "{FORMAT}", got {_show(document.get("format"))}')
    for key in sorted(set(document) - {"format", *SECTIONS}):
        problems.append(f'"{key}" is not a section of {FORMAT} (expected {", ".join(SECTIONS)})')

    result = Document()
    result.people = _parse_people(_entries(document, "people", problems), problems)
    result.titles = _parse_titles(_entries(document, "titles", problems), problems)
    result.platforms = _parse_platforms(_entries(document, "platforms", problems), problems)
    result.credits = _parse_credits(_entries(document, "credits", problems), problems)
    result.availability = _parse_availability(
        _entries(document, "availability", problems), problems
    )

    people = {record.id for record in result.people}
    titles = {record.id for record in result.titles}
    platforms = {record.id for record in result.platforms}
    result.external_people = {c.person for c in result.credits if c.person} - people
    result.external_titles = (
        {c.title for c in result.credits if c.title}
        | {a.title for a in result.availability if a.title}
        | {t.based_on for t in result.titles if t.based_on}
    ) - titles
    result.external_platforms = {a.platform for a in result.availability if a.platform} - platforms
    if problems:
        raise KnowledgeBaseError(problems)
    return result


def _check_duplicate(seen: dict[str, str], ident: str, label: str, problems: list[str]) -> None:
    if not ident:
        return
    if ident in seen:
        problems.append(f'{label}: field "id" duplicates {seen[ident]}')
    else:
        seen[ident] = label


PERSON_FIELDS = ("id", "name", "native_name", "kind", "aliases", "born", "bio")
TITLE_FIELDS = ("id", "name", "native_name", "kind", "year", "aliases", "based_on", "synopsis")
CREDIT_FIELDS = ("person", "title", "role", "character", "character_aliases", "order")
PLATFORM_FIELDS = ("id", "name", "url")
AVAILABILITY_FIELDS = (
    "title", "platform", "regions", "type", "subtitles", "audio", "url", "until"
)  # fmt: skip


def _parse_people(entries: list[dict[str, Any]], problems: list[str]) -> list[PersonRecord]:
    records, seen = [], {}  # type: ignore[var-annotated]
    for index, entry in enumerate(entries):
        label = _label("people", index, entry)
        check = _Checker(label, entry, problems)
        check.unknown_fields(PERSON_FIELDS)
        record = PersonRecord(
            id=check.slug("id"),
            name=check.text("name", required=True, max_length=200),
            native_name=check.text("native_name", max_length=200),
            kind=check.choice("kind", PERSONKIND_VALUES, PersonKind.PERSON),
            aliases=check.strings("aliases"),
            born=check.date("born"),
            bio=check.text("bio"),
        )
        _check_duplicate(seen, record.id, label, problems)
        records.append(record)
    return records


def _parse_titles(entries: list[dict[str, Any]], problems: list[str]) -> list[TitleRecord]:
    records, seen = [], {}  # type: ignore[var-annotated]
    for index, entry in enumerate(entries):
        label = _label("titles", index, entry)
        check = _Checker(label, entry, problems)
        check.unknown_fields(TITLE_FIELDS)
        record = TitleRecord(
            id=check.slug("id"),
            name=check.text("name", required=True, max_length=300),
            native_name=check.text("native_name", max_length=300),
            kind=check.choice("kind", TITLEKIND_VALUES, TitleKind.FILM),
            year=check.integer("year", low=1000, high=2999),
            aliases=check.strings("aliases"),
            based_on=check.slug("based_on", required=False) or None,
            synopsis=check.text("synopsis"),
        )
        if record.based_on and record.based_on == record.id:
            check.fail("based_on", "names the title itself")
        _check_duplicate(seen, record.id, label, problems)
        records.append(record)
    return records


def _parse_platforms(entries: list[dict[str, Any]], problems: list[str]) -> list[PlatformRecord]:
    records, seen = [], {}  # type: ignore[var-annotated]
    for index, entry in enumerate(entries):
        label = _label("platforms", index, entry)
        check = _Checker(label, entry, problems)
        check.unknown_fields(PLATFORM_FIELDS)
        record = PlatformRecord(
            id=check.slug("id"),
            name=check.text("name", required=True, max_length=200),
            url=check.url("url"),
        )
        _check_duplicate(seen, record.id, label, problems)
        records.append(record)
    return records


def _parse_credits(entries: list[dict[str, Any]], problems: list[str]) -> list[CreditRecord]:
    records: list[CreditRecord] = []
    seen: dict[tuple[str, str, str, str], str] = {}
    for index, entry in enumerate(entries):
        label = f"credits[{index}]"
        check = _Checker(label, entry, problems)
        check.unknown_fields(CREDIT_FIELDS)
        role = entry.get("role")
        if role is None:
            check.fail("role", "is required")
        record = CreditRecord(
            person=check.slug("person"),
            title=check.slug("title"),
            role=check.choice("role", ROLE_VALUES, Role.ACTOR),
            character=check.text("character", max_length=200),
            character_aliases=check.strings("character_aliases"),
            order=check.integer("order", low=0, high=32767),
        )
        if record.character_aliases and not record.character:
            check.fail("character_aliases", 'needs a "character"')
        key = (record.person, record.title, record.role, record.character)
        if all(key[:3]) and role is not None:
            if key in seen:
                problems.append(
                    f"{label}: duplicates {seen[key]} (same person, title, role and character)"
                )
            else:
                seen[key] = label
        records.append(record)
    return records


def _parse_availability(
    entries: list[dict[str, Any]], problems: list[str]
) -> list[AvailabilityRecord]:
    records = []
    for index, entry in enumerate(entries):
        label = f"availability[{index}]"
        check = _Checker(label, entry, problems)
        check.unknown_fields(AVAILABILITY_FIELDS)
        regions = check.strings(
            "regions", check=REGION_CODES.__contains__, what="an ISO 3166-1 alpha-2 region code"
        )
        if "regions" not in entry:
            check.fail("regions", "is required")
        elif not regions and isinstance(entry.get("regions"), list):
            check.fail("regions", "must name at least one region")
        is_language = LANGUAGE_CODES.__contains__
        records.append(
            AvailabilityRecord(
                title=check.slug("title"),
                platform=check.slug("platform"),
                regions=regions,
                type=check.choice("type", OFFERTYPE_VALUES, OfferType.SUBSCRIPTION),
                subtitles=check.strings("subtitles", check=is_language, what="an ISO 639-1 code"),
                audio=check.strings("audio", check=is_language, what="an ISO 639-1 code"),
                url=check.url("url"),
                until=check.date("until"),
            )
        )
    return records
