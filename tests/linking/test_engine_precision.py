"""Precision: English words are not names, exact names beat folded ones, unknown names stay
unlinked, and context (cues, broadcasters, possessives, years) picks among same-name titles."""

from __future__ import annotations

import pytest

from marquee.linking.engine import Credit, KnowledgeBase, Linker, Person, Title
from tests.linking.engine_tools import linked

PEOPLE = [
    Person("lee-eon-hee", "Lee Eon-hee", native_name="이언희"),
    Person("lee-eun-hee", "Lee Eun-hee", native_name="이은희"),
    Person("lee-ji-eun", "Lee Ji-eun", native_name="이지은", aliases=("IU",)),
    Person("park-seo-joon", "Park Seo-joon", native_name="박서준"),
    Person("kim-min-ha", "Kim Min-ha", native_name="김민하"),
    Person("doh-kyung-soo", "Doh Kyung-soo", native_name="도경수"),
    Person("jung-ho-yeon", "Jung Ho-yeon", native_name="정호연"),
    Person("youn-yuh-jung", "Youn Yuh-jung", native_name="윤여정"),
    Person("yoo-hai-jin", "Yoo Hai-jin", native_name="유해진"),
    Person("ma-dong-seok", "Ma Dong-seok", native_name="마동석"),
    Person("kim-hye-yoon", "Kim Hye-yoon", native_name="김혜윤"),
    Person("lee-min-ho", "Lee Min-ho", native_name="이민호"),
    Person("park-hae-il", "Park Hae-il", native_name="박해일"),
    Person("soon-kki", "Soonkki", native_name="순끼"),
    Person("jeong-ji-woo", "Jeong Ji-woo", native_name="정지우"),
    Person("kim-go-eun", "Kim Go-eun", native_name="김고은"),
]
TITLES = [
    Title("trap-webtoon", "Cheese in the Trap", kind="webtoon", year=2010),
    Title("trap-series", "Cheese in the Trap", kind="series", year=2016, based_on="trap-webtoon"),
    Title("trap-film", "Cheese in the Trap", kind="film", year=2018, based_on="trap-webtoon"),
    Title("lovely-runner", "Lovely Runner", kind="series", year=2024),
    Title("pachinko", "Pachinko", kind="series", year=2022),
    Title("decision", "Decision to Leave", kind="film", year=2022),
]
CREDITS = [
    Credit("soon-kki", "trap-webtoon", "author"),
    Credit("kim-go-eun", "trap-series", "actor", character="Hong Seol"),
    Credit("kim-go-eun", "trap-film", "actor", character="Hong Seol"),
    Credit("jeong-ji-woo", "trap-film", "director"),
    Credit(
        "kim-hye-yoon", "lovely-runner", "actor", character="Im Sol", character_aliases=("Sol",)
    ),
    Credit("lee-min-ho", "pachinko", "actor", character="Koh Hansu", character_aliases=("Hansu",)),
    Credit("park-hae-il", "decision", "actor", character="Jang Hae-jun"),
]


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(KnowledgeBase.from_entities(PEOPLE, TITLES, CREDITS))


def test_english_words_are_never_short_names_or_characters(linker: Linker) -> None:
    text = (
        "Lee Ji-eun and Kim Hye-yoon star in Lovely Runner. I loved it. He said so. "
        "You should go. Go see it in Seoul. Lee Min-ho is in Pachinko; Park Hae-il is in "
        "Decision to Leave. He is great."
    )
    assert linked(linker.link(text)) == [
        ("lee-ji-eun", "Lee Ji-eun"),
        ("kim-hye-yoon", "Kim Hye-yoon"),
        ("lovely-runner", "Lovely Runner"),
        ("lee-min-ho", "Lee Min-ho"),
        ("pachinko", "Pachinko"),
        ("park-hae-il", "Park Hae-il"),
        ("decision", "Decision to Leave"),
    ]


def test_one_syllable_references_must_be_spelt_exactly(linker: Linker) -> None:
    text = "Kim Hye-yoon plays Im Sol in Lovely Runner. Sol runs; Seoul sleeps. Kim smiles."
    assert linked(linker.link(text)) == [
        ("kim-hye-yoon", "Kim Hye-yoon"),
        ("Im Sol", "Im Sol"),
        ("lovely-runner", "Lovely Runner"),
        ("Im Sol", "Sol"),
        ("kim-hye-yoon", "Kim"),
    ]


def test_a_surname_that_is_no_english_word_is_a_short_reference(linker: Linker) -> None:
    text = "Ma Dong-seok returns. Fans adore Ma, who also produced the film."
    assert linked(linker.link(text)) == [("ma-dong-seok", "Ma Dong-seok"), ("ma-dong-seok", "Ma")]


def test_a_common_word_opening_a_sentence_is_no_name(linker: Linker) -> None:
    result = linker.link("Kim Go-eun starred in the series. Later, she moved to film.")
    assert [span.text for span in result.unlinked] == []
    assert linked(result) == [("kim-go-eun", "Kim Go-eun")]


@pytest.mark.parametrize(
    ("written", "entity_id"),
    [
        ("Lee Eun-hee", "lee-eun-hee"),
        ("Eun-hee Lee", "lee-eun-hee"),
        ("Lee Eon-hee", "lee-eon-hee"),
        ("Lee Eon Hee", "lee-eon-hee"),
        ("Yuh-Jung Youn", "youn-yuh-jung"),
        ("Yuh-jung Youn", "youn-yuh-jung"),
        ("Yoon Yeo-jeong", "youn-yuh-jung"),
        ("Yu Hae-jin", "yoo-hai-jin"),
    ],
)
def test_the_closest_spelling_wins(linker: Linker, written: str, entity_id: str) -> None:
    text = f"The producer {written} spoke first."
    result = linker.link(text)
    assert linked(result) == [(entity_id, written)]
    assert result.entities[0].confidence >= 0.9


def test_a_spelling_shared_by_two_people_gets_a_low_confidence(linker: Linker) -> None:
    (person,) = linker.link("The producer Lee Un-hee spoke first.").entities
    assert person.id in ("lee-eon-hee", "lee-eun-hee")
    assert person.confidence < 0.6


@pytest.mark.parametrize("written", ["Lee Ji-hoon", "Park Seo-yeon", "Kim Min-ji", "Seo-kyung"])
def test_names_not_in_the_knowledge_base_stay_unlinked(linker: Linker, written: str) -> None:
    text = f"The newcomer {written} was cast as the lead."
    result = linker.link(text)
    assert linked(result) == []
    assert [(span.text, span.guess) for span in result.unlinked] == [(written, "person")]


def test_a_typo_is_still_repaired(linker: Linker) -> None:
    result = linker.link("The director Jung Ho-yen spoke.")
    assert linked(result) == [("jung-ho-yeon", "Jung Ho-yen")]
    assert result.entities[0].confidence < 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cheese in the Trap was a webtoon long before the casting news.", "trap-webtoon"),
        ("The webtoon Cheese in the Trap ran for years on Naver.", "trap-webtoon"),
        ("Readers of Soonkki's Cheese in the Trap know the ending.", "trap-webtoon"),
        ("Viewers of tvN's Cheese in the Trap argued about the ending.", "trap-series"),
        ("Cheese in the Trap (2018) split the critics.", "trap-film"),
        ("Jeong Ji-woo said Cheese in the Trap was hard to shoot.", "trap-film"),
        (
            "The K-drama drew big ratings. Cheese in the Trap, adapted from the comic, "
            "made Kim Go-eun a star, and the film came later.",
            "trap-series",
        ),
    ],
)
def test_context_picks_among_same_name_titles(linker: Linker, text: str, expected: str) -> None:
    titles = [entity.id for entity in linker.link(text).entities if entity.type == "title"]
    assert titles == [expected]


def test_weak_context_gives_a_low_confidence(linker: Linker) -> None:
    result = linker.link("Everyone has an opinion about Cheese in the Trap.")
    (title,) = [entity for entity in result.entities if entity.type == "title"]
    assert title.confidence < 0.6


def test_a_short_reference_goes_to_the_person_the_article_is_about(linker: Linker) -> None:
    text = (
        "Lee Eon-hee directed the film. Born Lee Eon-hee, she signs her work differently. "
        "She is not Lee Eun-hee, the producer. Lee laughs about it."
    )
    rows = linked(linker.link(text))
    assert rows[-1] == ("lee-eon-hee", "Lee")
