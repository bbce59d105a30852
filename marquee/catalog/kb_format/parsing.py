"""Reading and checking a ``marquee-kb/1`` document (docs/knowledge-base.md), without the database.

``parse_document`` turns decoded JSON into typed records or raises ``KnowledgeBaseError`` listing
every problem found, each naming its entry and field. References to ids absent from the file are
returned for the caller to look up in the database.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from marquee.catalog.codes import LANGUAGE_CODES, REGION_CODES
from marquee.catalog.kb_format.fields import (
    EntryChecker,
    TooLongNumber,
    json_type,
    show,
)
from marquee.catalog.kb_format.records import (
    FORMAT,
    SECTIONS,
    AvailabilityRecord,
    CreditRecord,
    KnowledgeBaseError,
    KnowledgeBaseFile,
    PersonRecord,
    PlatformRecord,
    TitleRecord,
)
from marquee.catalog.models import (
    MAX_EPISODES,
    Availability,
    Character,
    OfferType,
    Person,
    PersonAlias,
    PersonKind,
    Platform,
    Role,
    Title,
    TitleAlias,
    TitleKind,
)
from marquee.storable import column_length

PERSON_ID = column_length(Person, "slug")
PERSON_NAME = column_length(Person, "name")
PERSON_NATIVE_NAME = column_length(Person, "native_name")
PERSON_ALIAS = column_length(PersonAlias, "name")
TITLE_ID = column_length(Title, "slug")
TITLE_NAME = column_length(Title, "name")
TITLE_NATIVE_NAME = column_length(Title, "native_name")
TITLE_ALIAS = column_length(TitleAlias, "name")
CHARACTER_NAME = column_length(Character, "name")
PLATFORM_ID = column_length(Platform, "slug")
PLATFORM_NAME = column_length(Platform, "name")
PLATFORM_URL = column_length(Platform, "url")
PLATFORM_SEARCH_URL = column_length(Platform, "search_url")
OFFER_URL = column_length(Availability, "url")

# Choices.values builds a new list on every call: read them once.
PERSONKIND_VALUES = tuple(PersonKind.values)
TITLEKIND_VALUES = tuple(TitleKind.values)
ROLE_VALUES = tuple(Role.values)
OFFERTYPE_VALUES = tuple(OfferType.values)


# A marquee-kb/1 file nests four levels (document, section, entry, list of strings). Nesting
# beyond Python's recursion limit is refused naming where it passes this depth.
MAX_DEPTH = 100


class JsonObject(dict[str, Any]):
    """A decoded JSON object that repeated some of its keys (the last value was kept)."""

    duplicate_keys: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    decoded = dict(pairs)
    if len(decoded) == len(pairs):
        return decoded
    counts = Counter(key for key, _ in pairs)
    flagged = JsonObject(decoded)
    flagged.duplicate_keys = tuple(key for key, count in counts.items() if count > 1)
    return flagged


def _integer(digits: str) -> int | TooLongNumber:
    if len(digits) > sys.get_int_max_str_digits() > 0:
        return TooLongNumber(len(digits.lstrip("-")))
    return int(digits)


def load_json(raw: bytes) -> Any:
    """Decode a file's bytes as UTF-8 JSON, naming the line and column of a syntax error.

    Repeated keys are marked on their object (``JsonObject``) for ``parse_document`` to name;
    integers too long to convert become ``TooLongNumber``.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise KnowledgeBaseError([f"the file is not UTF-8 text (byte {error.start})"]) from None
    try:
        return json.loads(text, object_pairs_hook=_object, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise KnowledgeBaseError(
            [f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"]
        ) from None
    except RecursionError:
        line, column = _too_deep(text) or (1, 1)
        raise KnowledgeBaseError(
            [
                f"invalid JSON at line {line}, column {column}: lists and objects nested more "
                f"than {MAX_DEPTH} levels deep"
            ]
        ) from None


def _too_deep(text: str) -> tuple[int, int] | None:
    """The line and column where nesting first passes ``MAX_DEPTH``, if it does.

    Counts brackets outside strings, character by character: only for a file the decoder
    could not read for its nesting.
    """
    depth = 0
    in_string = escaped = False
    for offset, character in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, offset) + 1
                return line, offset - text.rfind("\n", 0, offset)
        elif character in "]}":
            depth -= 1
    return None


def _entries(document: dict[str, Any], section: str, problems: list[str]) -> list[dict[str, Any]]:
    value = document.get(section, [])
    if not isinstance(value, list):
        problems.append(f'"{section}" must be a list, got {json_type(value)}')
        return []
    entries = []
    for index, entry in enumerate(value):
        if isinstance(entry, dict):
            entries.append(entry)
        else:
            problems.append(f"{section}[{index}]: must be an object, got {json_type(entry)}")
            entries.append({})
    return entries


def _label(section: str, index: int, entry: dict[str, Any], key: str = "id") -> str:
    ident = entry.get(key)
    if not isinstance(ident, str) or not ident:
        return f"{section}[{index}]"
    return f'{section}[{index}] "{ident if len(ident) <= 60 else ident[:57] + "…"}"'


def parse_document(document: Any) -> KnowledgeBaseFile:
    """Check a decoded ``marquee-kb/1`` document and return its records.

    Raises ``KnowledgeBaseError`` naming every bad entry and field; references that the file
    does not define are left in ``KnowledgeBaseFile.external_*`` for the database to confirm.
    """
    if not isinstance(document, dict):
        raise KnowledgeBaseError([f"the document must be a JSON object, got {json_type(document)}"])
    problems: list[str] = [
        f'"{key}" appears more than once in the document (keys must be unique)'
        for key in getattr(document, "duplicate_keys", ())
    ]
    if document.get("format") != FORMAT:
        problems.append(f'"format" must be "{FORMAT}", got {show(document.get("format"))}')
    for key in sorted(set(document) - {"format", *SECTIONS}):
        problems.append(f'"{key}" is not a section of {FORMAT} (expected {", ".join(SECTIONS)})')

    result = KnowledgeBaseFile()
    result.people = _parse_identified(
        "people", _entries(document, "people", problems), problems, PERSON_FIELDS, _person
    )
    result.titles = _parse_identified(
        "titles", _entries(document, "titles", problems), problems, TITLE_FIELDS, _title
    )
    result.platforms = _parse_identified(
        "platforms", _entries(document, "platforms", problems), problems, PLATFORM_FIELDS, _platform
    )
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
TITLE_FIELDS = (
    "id", "name", "native_name", "kind", "year", "episodes", "aliases", "based_on", "synopsis"
)  # fmt: skip
CREDIT_FIELDS = ("person", "title", "role", "character", "character_aliases", "order")
PLATFORM_FIELDS = ("id", "name", "url", "search_url")
AVAILABILITY_FIELDS = (
    "title", "platform", "regions", "type", "subtitles", "audio", "url", "until"
)  # fmt: skip


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


RecordT = TypeVar("RecordT", bound=_Identified)


def _parse_identified(
    section: str,
    entries: list[dict[str, Any]],
    problems: list[str],
    fields: tuple[str, ...],
    build: Callable[[EntryChecker], RecordT],
) -> list[RecordT]:
    """The records of a section whose entries have an ``id``, each built from its checked
    fields by ``build``; an id used twice is a problem named at its second entry."""
    records: list[RecordT] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(entries):
        label = _label(section, index, entry)
        check = EntryChecker(label, entry, problems)
        check.unknown_fields(fields)
        record = build(check)
        _check_duplicate(seen, record.id, label, problems)
        records.append(record)
    return records


def _person(check: EntryChecker) -> PersonRecord:
    return PersonRecord(
        id=check.slug("id", max_length=PERSON_ID),
        name=check.text("name", required=True, max_length=PERSON_NAME),
        native_name=check.text("native_name", max_length=PERSON_NATIVE_NAME),
        kind=check.choice("kind", PERSONKIND_VALUES, PersonKind.PERSON),
        aliases=check.strings("aliases", max_length=PERSON_ALIAS),
        born=check.date("born"),
        bio=check.text("bio"),
    )


def _title(check: EntryChecker) -> TitleRecord:
    record = TitleRecord(
        id=check.slug("id", max_length=TITLE_ID),
        name=check.text("name", required=True, max_length=TITLE_NAME),
        native_name=check.text("native_name", max_length=TITLE_NATIVE_NAME),
        kind=check.choice("kind", TITLEKIND_VALUES, TitleKind.FILM),
        year=check.integer("year", low=1000, high=2999),
        episodes=check.integer("episodes", low=1, high=MAX_EPISODES),
        aliases=check.strings("aliases", max_length=TITLE_ALIAS),
        based_on=check.slug("based_on", max_length=TITLE_ID, required=False) or None,
        synopsis=check.text("synopsis"),
    )
    if record.based_on and record.based_on == record.id:
        check.fail("based_on", "names the title itself")
    return record


def _platform(check: EntryChecker) -> PlatformRecord:
    return PlatformRecord(
        id=check.slug("id", max_length=PLATFORM_ID),
        name=check.text("name", required=True, max_length=PLATFORM_NAME),
        url=check.url("url", max_length=PLATFORM_URL),
        search_url=check.search_url("search_url", max_length=PLATFORM_SEARCH_URL),
    )


def _parse_credits(entries: list[dict[str, Any]], problems: list[str]) -> list[CreditRecord]:
    records: list[CreditRecord] = []
    seen: dict[tuple[str, str, str, str], str] = {}
    for index, entry in enumerate(entries):
        label = f"credits[{index}]"
        check = EntryChecker(label, entry, problems)
        check.unknown_fields(CREDIT_FIELDS)
        role = entry.get("role")
        if role is None:
            check.fail("role", "is required")
        record = CreditRecord(
            person=check.slug("person", max_length=PERSON_ID),
            title=check.slug("title", max_length=TITLE_ID),
            role=check.choice("role", ROLE_VALUES, Role.ACTOR),
            character=check.text("character", max_length=CHARACTER_NAME),
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
        check = EntryChecker(label, entry, problems)
        check.unknown_fields(AVAILABILITY_FIELDS)
        regions = check.strings(
            "regions", check=REGION_CODES.__contains__, what="an ISO 3166-1 alpha-2 region code"
        )
        if "regions" not in entry:
            check.fail("regions", "is required")
        elif entry["regions"] is None:
            check.fail("regions", "must name at least one region, got null")
        elif not regions and isinstance(entry["regions"], list):
            check.fail("regions", "must name at least one region")
        is_language = LANGUAGE_CODES.__contains__
        records.append(
            AvailabilityRecord(
                title=check.slug("title", max_length=TITLE_ID),
                platform=check.slug("platform", max_length=PLATFORM_ID),
                regions=regions,
                type=check.choice("type", OFFERTYPE_VALUES, OfferType.SUBSCRIPTION),
                subtitles=check.strings("subtitles", check=is_language, what="an ISO 639-1 code"),
                audio=check.strings("audio", check=is_language, what="an ISO 639-1 code"),
                url=check.url("url", max_length=OFFER_URL),
                until=check.date("until"),
            )
        )
    return records
