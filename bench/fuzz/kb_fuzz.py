"""Fuzz ``marquee kb import`` with mutated knowledge-base files.

Run with ``python -m bench.fuzz.kb_fuzz [--seed N] [--cases N] [--seconds S]``: a scratch
SQLite database, then a scratch PostgreSQL database when ``MARQUEE_TEST_POSTGRES_URL`` (or a
PostgreSQL ``DATABASE_URL``) names a server. Each case mutates a valid file — hostile values in
its fields (NUL, lone surrogates, lengths around each column's, dates at the ends of time,
numbers of thousands of digits, nesting thousands deep), repeated keys, broken structure, flipped
bytes — and imports it. A refusal must be a ``CommandError`` naming the file that wrote
nothing; an accepted file must export to a file that is accepted again, with the search index
up to date. Prints cases run, clean refusals, accepted and tracebacks (which must be 0).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from bench.fuzz.harness import ACCEPTED, REFUSED, CaseFailed, Tally, fuzz_files
from bench.fuzz.harness import main as harness_main

BASE: dict[str, Any] = {
    "format": "marquee-kb/1",
    "people": [
        {"id": "kim-go-eun", "name": "Kim Go-eun", "native_name": "김고은", "born": "1991-07-02",
         "bio": "South Korean actress.", "aliases": ["Go-eun"]},
        {"id": "noh-sang-hyun", "name": "Noh Sang-hyun", "aliases": ["Steve Noh"]},
        {"id": "blackpink", "name": "Blackpink", "kind": "group"},
    ],
    "titles": [
        {"id": "novel", "name": "Love in the Big City", "kind": "novel", "year": 2019},
        {"id": "film", "name": "Love in the Big City", "native_name": "대도시의 사랑법",
         "kind": "film", "year": 2024, "based_on": "novel", "aliases": ["LBC"],
         "synopsis": "Two friends share a flat."},
    ],
    "credits": [
        {"person": "kim-go-eun", "title": "film", "role": "actor", "character": "Jae-hee",
         "character_aliases": ["Goo Jae-hee"], "order": 1},
        {"person": "noh-sang-hyun", "title": "film", "role": "actor", "order": 2},
    ],
    "platforms": [{"id": "viki", "name": "Viki", "url": "https://www.viki.com"}],
    "availability": [
        {"title": "film", "platform": "viki", "regions": ["US", "KR"], "type": "rent",
         "subtitles": ["en"], "audio": ["ko"], "url": "https://www.viki.com/film",
         "until": "2099-01-01"},
    ],
}  # fmt: skip
FIELDS = {
    "people": ["id", "name", "native_name", "kind", "aliases", "born", "bio"],
    "titles": ["id", "name", "native_name", "kind", "year", "aliases", "based_on", "synopsis"],
    "credits": ["person", "title", "role", "character", "character_aliases", "order"],
    "platforms": ["id", "name", "url"],
    "availability": ["title", "platform", "regions", "type", "subtitles", "audio", "url", "until"],
}
LENGTHS = (0, 1, 99, 100, 101, 199, 200, 201, 299, 300, 301, 499, 500, 501, 5000)
LETTERS = ("a", "가", "😀", "-", " ", "A", "\u0301", "ﬃ")
STRINGS = (
    "", " ", "\x00", "Kim\x00", "\ud800", "Kim\udfff", "\ud83d\ude00", "\x1b[31m", "\u202eabc",
    "kim-go-eun", "film", "novel", "viki", "KR", "en", "actor", "series", "free", "<script>",
    "1991-07-02", "1000-01-01", "2999-12-31", "0999-12-31", "3000-01-01", "0001-01-01",
    "9999-12-31", "2024-02-30", "2024-13-01", "1991-7-2", "https://example.com", "javascript:x",
    "ftp://example.com", "https://", "null", "NaN",
)  # fmt: skip
OTHER_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1999, 2024, 32767, 32768, 2**63, -(2**63), 1.5, float("inf"),
    float("nan"), [], {}, ["a", 1], [None], [["KR"]], ["KR", "KR"], ["US", "XX"], {"a": "b"},
    ["en", ""], [" "],
)  # fmt: skip
RAW_VALUES = (
    "[" * 50 + "]" * 50, "[" * 999 + "]" * 999, "[" * 1500 + "]" * 1500, "[" * 5000 + "]" * 5000,
    '{"a":' * 3000 + "1" + "}" * 3000, "9" * 4300, "9" * 4301, "-" + "9" * 10_000, "1e999",
    "-1e999", "1" + "0" * 400 + ".5", "0.0000001", "[" * 100_000,
)  # fmt: skip


def edge_value(rng: random.Random, name: str) -> Any:
    """A value the field accepts, at the ends of what it accepts (to exercise the writes)."""
    if name in {"born", "until"}:
        return rng.choice(("1000-01-01", "2999-12-31", "2024-02-29"))
    if name in {"year", "order"}:
        return rng.choice((1000, 2999) if name == "year" else (0, 32767))
    if name == "url":
        return "https://example.com/" + "a" * rng.choice((0, 180))
    if name in {"aliases", "character_aliases"}:
        return [edge_text(rng, 200) + str(number) for number in range(rng.randint(1, 3))]
    if name in {"name", "native_name", "bio", "synopsis", "character"}:
        return edge_text(rng, 200)
    return copy.deepcopy(BASE["people"][0].get(name, "kim-go-eun"))


def edge_text(rng: random.Random, longest: int) -> str:
    length = rng.choice((1, longest // 2, longest - 2))
    return "".join(rng.choice(LETTERS[:4]) for _ in range(length)).strip() or "x"


def hostile_value(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.35:
        length = rng.choice(LENGTHS)
        return (
            "".join(rng.choice(LETTERS) for _ in range(length))
            if rng.random() < 0.3
            else (rng.choice(("a", "x-", "가", "https://e.com/")) * length)[:length]
        )
    if roll < 0.7:
        return rng.choice(STRINGS)
    if roll < 0.9:
        return copy.deepcopy(rng.choice(OTHER_VALUES))
    return [rng.choice(STRINGS) for _ in range(rng.randint(0, 4))]


class Mutation:
    """A document being mutated, with text to splice into its JSON where placeholders stand."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.document = copy.deepcopy(BASE)
        self.splices: dict[str, str] = {}

    def placeholder(self, raw: str) -> str:
        token = f"\x01splice{len(self.splices)}\x01"
        self.splices[json.dumps(token)] = raw
        return token

    def entry(self) -> tuple[str, dict[str, Any]] | None:
        sections = [s for s in FIELDS if isinstance(self.document.get(s), list)]
        if not sections:
            return None
        section = self.rng.choice(sections)
        entries = [e for e in self.document[section] if isinstance(e, dict)]
        return (section, self.rng.choice(entries)) if entries else None

    def mutate(self) -> None:
        rng = self.rng
        picked = self.entry()
        roll = rng.random()
        if picked is None or roll < 0.05:
            self.document[rng.choice([*FIELDS, "format", "extra"])] = hostile_value(rng)
            return
        section, entry = picked
        name = rng.choice(FIELDS[section])
        if roll < 0.25:
            entry[name] = edge_value(rng, name)
        elif roll < 0.6:
            entry[name] = hostile_value(rng)
        elif roll < 0.7:
            entry[name] = self.placeholder(rng.choice(RAW_VALUES))
        elif roll < 0.75:
            entry.pop(name, None)
        elif roll < 0.8:
            entry[rng.choice(("nmae", "extra", "", "\ud800"))] = hostile_value(rng)
        elif roll < 0.88:  # the same key twice in one object
            duplicate = self.placeholder(json.dumps(name))
            entry[duplicate] = hostile_value(rng)
            self.splices[json.dumps(duplicate)] = json.dumps(name)
        elif roll < 0.94:
            self.document[section].append(copy.deepcopy(entry))
        else:
            entry[name] = [hostile_value(rng) for _ in range(rng.randint(1, 300))]

    def encoded(self) -> bytes:
        text = json.dumps(self.document, ensure_ascii=self.rng.random() < 0.5)
        for token, raw in self.splices.items():
            text = text.replace(token, raw)
        return text.encode("utf-8", "surrogatepass")


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        where = rng.randrange(len(buffer) + 1)
        roll = rng.random()
        if roll < 0.3 and where < len(buffer):
            buffer[where] = rng.randrange(256)
        elif roll < 0.6:
            buffer[where:where] = rng.choice((b"\x00", b"\xff", b"\xc3", b"{", b"]", b'"', b","))
        elif roll < 0.8:
            del buffer[where : where + rng.randint(1, 40)]
        else:
            buffer = buffer[:where]
    if rng.random() < 0.1:
        buffer[0:0] = b"\xef\xbb\xbf"
    return bytes(buffer)


def mutated_file(rng: random.Random) -> bytes:
    """One hostile knowledge-base file."""
    mutation = Mutation(rng)
    for _ in range(rng.randint(1, 3)):
        mutation.mutate()
    data = mutation.encoded()
    return flip_bytes(rng, data) if rng.random() < 0.15 else data


def catalog_rows() -> list[int]:
    from marquee.catalog.models import (
        Availability,
        Character,
        Credit,
        Person,
        PersonAlias,
        Platform,
        Title,
        TitleAlias,
    )

    models = (Person, PersonAlias, Title, TitleAlias, Character, Credit, Platform, Availability)
    return [model._default_manager.count() for model in models]


def import_case(data: bytes, path: Path, around: Callable[[], AbstractContextManager[Any]]) -> str:
    """Import one file; its outcome, or ``CaseFailed`` when the contract is broken."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from marquee.catalog.kb_format import KnowledgeBaseError, load_json, parse_document
    from marquee.catalog.selectors import kb_export_document
    from marquee.discovery.services.search_index import search_index_behind

    path.write_bytes(data)
    before = catalog_rows()
    try:
        with around():
            call_command("kb", "import", str(path), "--quiet")
    except CommandError as error:
        message = str(error)
        if not message.startswith(f"{path}: "):
            raise CaseFailed(f"the refusal does not name the file: {message[:300]!r}") from None
        message.encode("utf-8")  # a lone surrogate here could not be printed
        if catalog_rows() != before:
            raise CaseFailed(f"refused but wrote rows: {message[:300]!r}") from None
        return REFUSED
    exported = json.dumps(kb_export_document(), ensure_ascii=False).encode()
    try:
        parse_document(load_json(exported))
    except KnowledgeBaseError as error:
        raise CaseFailed(f"accepted, but its export is refused: {error}") from None
    if search_index_behind():
        raise CaseFailed("accepted, but the search index is behind the knowledge base")
    return ACCEPTED


def fuzz(
    rng: random.Random,
    count: int,
    seconds: float,
    around: Callable[[], AbstractContextManager[Any]] = nullcontext,
) -> Tally:
    """Import ``count`` mutated files (at most ``seconds``); see ``harness.fuzz_files``."""
    return fuzz_files(
        rng,
        count,
        seconds,
        around,
        file_name="kb.json",
        mutated_file=mutated_file,
        import_case=import_case,
    )


if __name__ == "__main__":
    harness_main("bench.fuzz.kb_fuzz", "marquee_fuzz_kb", __doc__.splitlines()[0], 2000, fuzz)
