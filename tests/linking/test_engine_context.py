"""Disambiguation from context, robustness, and incremental updates."""

from __future__ import annotations

import time

import pytest

from marquee.linking.engine import Credit, KnowledgeBase, Linker, LinkResult, Person, Title
from tests.linking.engine_kb import DOCUMENT


@pytest.fixture
def linker() -> Linker:
    return Linker(KnowledgeBase.from_document(DOCUMENT))


def title_ids(result: LinkResult) -> list[str | None]:
    return [e.id for e in result.entities if e.type == "title"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The novel Love in the Big City was a hit.", "love-in-the-big-city-novel"),
        ("The Love in the Big City drama airs on TVING.", "love-in-the-big-city-series"),
        ("Love in the Big City (2019) was longlisted.", "love-in-the-big-city-novel"),
        ("The film Love in the Big City opened in October.", "love-in-the-big-city-film"),
        ("Kim Go-eun shines in Love in the Big City.", "love-in-the-big-city-film"),
        ("Nam Yoon-su leads Love in the Big City.", "love-in-the-big-city-series"),
        ("Park Sang-young's Love in the Big City", "love-in-the-big-city-novel"),
        ("Bong Joon-ho's Mother is a masterpiece.", "mother-2009"),
    ],
)
def test_same_name_titles_are_decided_by_context(linker: Linker, text: str, expected: str) -> None:
    assert title_ids(linker.link(text)) == [expected]


def test_weak_evidence_gives_a_low_confidence(linker: Linker) -> None:
    result = linker.link("Everybody talks about Love in the Big City.")
    (title,) = [e for e in result.entities if e.type == "title"]
    assert title.confidence < 0.6
    strong = linker.link("The film Love in the Big City (2024) stars Kim Go-eun.")
    assert strong.entity("love-in-the-big-city-film") is not None
    assert strong.entity("love-in-the-big-city-film").confidence > 0.8  # type: ignore[union-attr]


def test_same_name_people_are_decided_by_credits() -> None:
    kb = KnowledgeBase.from_entities(
        people=[
            Person("kim-ji-won-actress", "Kim Ji-won"),
            Person("kim-ji-won-singer", "Kim Ji-won"),
        ],
        titles=[Title("queen-of-tears", "Queen of Tears", kind="series", year=2024)],
        credits=[Credit("kim-ji-won-actress", "queen-of-tears", "actor")],
    )
    linker = Linker(kb)
    result = linker.link("Queen of Tears star Kim Ji-won returns.")
    assert [e.id for e in result.entities if e.type == "person"] == ["kim-ji-won-actress"]
    unsure = linker.link("Kim Ji-won returns.")
    (person,) = [e for e in unsure.entities if e.type == "person"]
    assert person.confidence < 0.55


def test_empty_and_degenerate_input(linker: Linker) -> None:
    for text in ("", "   ", "!!! ...", "\x00\x01", "''"):
        assert linker.link(text).to_json() == {"entities": [], "unlinked": []}


def test_five_megabyte_text_is_linked_in_bounded_time(linker: Linker) -> None:
    chunk = "Kim Go-eun and Steve Noh star in Exhuma; Jae-hee (Kim Go-eun) laughs. 大都市 ñ ß. "
    text = chunk * (5_000_000 // len(chunk))
    started = time.perf_counter()
    result = linker.link(text)
    elapsed = time.perf_counter() - started
    kim = result.entity("kim-go-eun")
    assert kim is not None and len(kim.mentions) == 2 * (5_000_000 // len(chunk))
    assert kim.mentions[-1].text == "Kim Go-eun"
    assert elapsed < 120  # generous: a guard against quadratic behaviour, not a benchmark


def test_upsert_adds_renames_and_removes_without_rebuilding(linker: Linker) -> None:
    base = linker.index._base
    linker.upsert_person(Person("han-so-hee", "Han So-hee", native_name="한소희"))
    text = "Han Sohee and Kim Go-eun."
    assert [e.id for e in linker.link(text).entities] == ["han-so-hee", "kim-go-eun"]
    linker.upsert_person(Person("kim-go-eun", "Kim Go-eun", aliases=("Goeun Kim Official",)))
    assert linker.link("Goeun Kim Official posted.").entity("kim-go-eun") is not None
    linker.upsert_title(Title("exhuma", "Pamyo", kind="film", year=2024))
    assert linker.link("Pamyo opened. Exhuma closed.").to_json()["entities"][0]["mentions"] == [
        {"start": 0, "end": 5, "text": "Pamyo", "how": "exact"}
    ]
    assert len(linker.link("Pamyo opened. Exhuma closed.").entities) == 1
    linker.remove("han-so-hee")
    assert linker.link(text).entity("han-so-hee") is None
    assert linker.index._base is base
    linker.compact()
    assert linker.index.overlay_size == 0
    assert [e.id for e in linker.link("Pamyo with Han Sohee").entities] == ["exhuma"]


def test_credits_can_be_added_incrementally(linker: Linker) -> None:
    linker.upsert_credit(Credit("noh-sang-hyun", "exhuma", "actor", character="Park Ji-yong"))
    text = "Exhuma stars Noh Sang-hyun. Ji-yong is the shaman's assistant."
    characters = [e for e in linker.link(text).entities if e.type == "character"]
    assert [(e.name, e.person, e.title) for e in characters] == [
        ("Park Ji-yong", "noh-sang-hyun", "exhuma")
    ]
