"""Given names alone read through the credits of the titles around them, and sequels or seasons
read from the sentence ("season two", "second outing", the sequel's year, "returns")."""

from __future__ import annotations

from typing import Any

import pytest

from marquee.linking.engine import Credit, KnowledgeBase, Linker, LinkResult, Person, Title
from tests.linking.engine_tools import linked

PEOPLE = [
    Person("han-so-hee", "Han So-hee", native_name="한소희"),
    Person("park-hyung-sik", "Park Hyung-sik", native_name="박형식"),
    Person("kim-so-hee", "Kim So-hee", native_name="김소희"),
    Person("jeon-yeo-been", "Jeon Yeo-been", native_name="전여빈"),
    Person("song-kang", "Song Kang", native_name="송강"),
    Person("lee-do-hyun", "Lee Do-hyun", native_name="이도현"),
    Person("go-min-si", "Go Min-si", native_name="고민시"),
]
TITLES = [
    Title("gyeongseong-creature", "Gyeongseong Creature", kind="series", year=2023),
    Title("soundtrack-1", "Soundtrack #1", kind="series", year=2022),
    Title("vincenzo", "Vincenzo", kind="series", year=2021),
    Title("happiness", "Happiness", kind="series", year=2021),
    Title("the-glory", "The Glory", kind="series", year=2022),
    Title("navillera", "Navillera", kind="series", year=2021),
    Title("navillera-2", "Navillera 2", kind="series", year=2024),
    Title("youth-of-may", "Youth of May", kind="series", year=2021),
    Title("youth-of-may-2", "Youth of May 2", kind="series", year=2023),
    Title("youth-of-may-3", "Youth of May 3", kind="series", year=2025),
]
CREDITS = [
    Credit("han-so-hee", "gyeongseong-creature", "actor"),
    Credit("park-hyung-sik", "happiness", "actor"),
    Credit("han-so-hee", "soundtrack-1", "actor"),
    Credit("kim-so-hee", "soundtrack-1", "actor"),
    Credit("jeon-yeo-been", "vincenzo", "actor"),
    Credit("song-kang", "navillera", "actor"),
    Credit("song-kang", "navillera-2", "actor"),
    Credit("lee-do-hyun", "youth-of-may", "actor"),
    Credit("go-min-si", "youth-of-may", "actor"),
]


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(KnowledgeBase.from_entities(PEOPLE, TITLES, CREDITS))


def evidence_of(result: LinkResult, entity_id: str) -> list[dict[str, Any]]:
    return next(list(e.evidence) for e in result.entities if e.id == entity_id)


# -- given names through credits --------------------------------------------------------------


def test_a_given_name_alone_is_the_one_person_credited_on_the_title_around_it(
    linker: Linker,
) -> None:
    text = "I just finished Gyeongseong Creature and So-hee was the best thing in it."
    result = linker.link(text)
    assert linked(result) == [
        ("gyeongseong-creature", "Gyeongseong Creature"),
        ("han-so-hee", "So-hee"),
    ]
    person = next(e for e in result.entities if e.id == "han-so-hee")
    assert person.confidence == 0.65
    assert person.mentions[0].how == "short"
    assert evidence_of(result, "han-so-hee") == [
        {"kind": "short", "written": "So-hee", "rule": "credited", "title": "gyeongseong-creature"}
    ]


def test_the_title_may_follow_the_given_name_in_the_paragraph(linker: Linker) -> None:
    text = "Yeo-been steals every scene of Vincenzo."
    assert linked(linker.link(text)) == [
        ("jeon-yeo-been", "Yeo-been"),
        ("vincenzo", "Vincenzo"),
    ]


def test_two_credited_people_with_the_given_name_link_neither(linker: Linker) -> None:
    text = "In Soundtrack #1, So-hee sings."
    assert linked(linker.link(text)) == [("soundtrack-1", "Soundtrack #1")]


def test_the_paragraph_titles_come_before_the_whole_article(linker: Linker) -> None:
    # Soundtrack #1 credits two So-hees, but this paragraph is about Gyeongseong Creature.
    text = "Soundtrack #1 was a hit.\n\nGyeongseong Creature is darker. So-hee is superb."
    assert linked(linker.link(text))[-1] == ("han-so-hee", "So-hee")


def test_no_title_no_guess(linker: Linker) -> None:
    assert linked(linker.link("So-hee and Hyung-sik were seen in Seoul.")) == []


def test_a_given_name_of_someone_not_credited_there_stays_unlinked(linker: Linker) -> None:
    # Park Hyung-sik is credited on Happiness, not on Vincenzo.
    assert linked(linker.link("Hyung-sik visited the set of Vincenzo.")) == [
        ("vincenzo", "Vincenzo")
    ]


def test_part_of_a_longer_name_or_an_unhyphenated_spelling_is_no_given_name(
    linker: Linker,
) -> None:
    text = "Gyeongseong Creature stars So-hee Park and, as everyone says, Sohee."
    assert linked(linker.link(text)) == [("gyeongseong-creature", "Gyeongseong Creature")]


# -- sequels and seasons ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Where can I stream Navillera season two?",
        "Navillera's second season is gentler.",
        "Navillera returns with Song Kang.",
        "Navillera came back on Friday.",
        "Navillera's second outing, in 2024, was shorter.",
        "Navillera, in 2024, was shorter.",
    ],
)
def test_the_sentence_picks_the_sequel(linker: Linker, text: str) -> None:
    result = linker.link(text)
    assert linked(result)[0] == ("navillera-2", "Navillera")
    context = [item for item in evidence_of(result, "navillera-2") if item["kind"] == "context"]
    assert len(context) == 1
    assert context[0]["over"] == ["navillera"]
    assert context[0]["cues"]


def test_the_sequel_evidence_names_its_cues(linker: Linker) -> None:
    result = linker.link("Where can I stream Navillera season two?")
    assert evidence_of(result, "navillera-2")[-1] == {
        "kind": "context",
        "cues": ["season two"],
        "over": ["navillera"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "Navillera (2021) was a quiet hit.",
        "The first season of Navillera was a quiet hit.",
        "Navillera season one, in 2021, was a quiet hit.",
        "Ahead of Navillera's return, Song Kang spoke.",
        "The second film of the year, Navillera was not.",
        "Navillera season 3 is rumoured.",  # no third season in the knowledge base
        "Vincenzo season two is rumoured.",  # no sequel at all
    ],
)
def test_no_cue_for_a_sequel_keeps_the_title(linker: Linker, text: str) -> None:
    ids = [row[0] for row in linked(linker.link(text))]
    assert "navillera-2" not in ids


def test_returns_needs_a_single_sequel(linker: Linker) -> None:
    # Youth of May has two sequels: "returns" cannot say which.
    assert linked(linker.link("Youth of May returns."))[0][0] == "youth-of-may"
    assert linked(linker.link("Youth of May season 3 begins."))[0][0] == "youth-of-may-3"


def test_the_sequel_written_in_full_is_untouched(linker: Linker) -> None:
    result = linker.link("Navillera 2 returns in the second season.")
    assert linked(result) == [("navillera-2", "Navillera 2")]
    assert all(item["kind"] != "context" for item in evidence_of(result, "navillera-2"))


# -- titles under a translated name -----------------------------------------------------------


def test_a_rendering_after_means_is_the_title_named_before(linker: Linker) -> None:
    text = (
        "Happiness is a pandemic thriller. Its Korean title, Haengbok, simply means "
        "Good Fortune at Home, and the cast is great."
    )
    result = linker.link(text)
    assert linked(result) == [
        ("happiness", "Happiness"),
        ("happiness", "Haengbok"),
        ("happiness", "Good Fortune at Home"),
    ]
    assert evidence_of(result, "happiness")[-1] == {
        "kind": "translation",
        "key": "Happiness",
        "written": "Good Fortune at Home",
        "cue": "means",
    }
    assert [m.how for m in result.entities[0].mentions] == ["exact", "translation", "translation"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("I loved Vincenzo. The title translates roughly as Mafia Lawyer.", "Mafia Lawyer"),
        ("Mafia Lawyer, as early fan subtitles called it, is now Vincenzo.", "Mafia Lawyer"),
        ("The Glory premiered. The series, known in Korea as Deonggeul Revenge, was a hit.",
         "Deonggeul Revenge"),
    ],
)  # fmt: skip
def test_other_cues_for_a_rendering(linker: Linker, text: str, written: str) -> None:
    rows = linked(linker.link(text))
    assert [row for row in rows if row[1] == written] == [
        ("vincenzo" if "Vincenzo" in text else "the-glory", written)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I loved Vincenzo, which means Mafia Lawyer Season is over.",  # no "title"
        "Vincenzo ended. The title means nothing to me.",  # no capitalised run
        "Its title means Mafia Lawyer.",  # no title named in the article
        "Vincenzo aired. The actor, known in Korea as Jo Min-soo, smiled.",  # not a kind word
    ],
)
def test_no_rendering_without_its_cues(linker: Linker, text: str) -> None:
    rows = linked(linker.link(text))
    assert all(row[1] in ("Vincenzo",) for row in rows)
