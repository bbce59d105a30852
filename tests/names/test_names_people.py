"""Person variant keys: every spelling class seen in published articles."""

from __future__ import annotations

import pytest

from marquee.names import (
    MAX_PERSON_KEYS,
    fold_key,
    looks_korean,
    person_keys,
    person_short_keys,
    person_words,
    split_korean_name,
)

NOH = {"name": "Noh Sang-hyun", "aliases": ["Steve Noh"], "native_name": "노상현"}


def noh_keys() -> set[str]:
    return person_keys("Noh Sang-hyun", aliases=["Steve Noh"], native_name="노상현")


@pytest.mark.parametrize(
    "written",
    [
        "Kim Go-eun",
        "Kim Go Eun",
        "Kim Goeun",
        "Go-eun Kim",
        "Goeun Kim",
        "Gim Go-eun",
        "김고은",
    ],
)
def test_hyphen_space_joined_order_and_hangul(written: str) -> None:
    from marquee.names import normalize

    assert normalize(written) in person_keys("Kim Go-eun", native_name="김고은")


@pytest.mark.parametrize(
    "written",
    ["Park Sang-young", "Sang Young Park", "Sang-young Park", "Pak Sang-young", "Bak Sangyoung"],
)
def test_western_order_and_surname_systems(written: str) -> None:
    from marquee.names import normalize

    assert normalize(written) in person_keys("Park Sang-young", native_name="박상영")


@pytest.mark.parametrize(
    "written",
    [
        "steve noh",
        "steve sanghyun noh",
        "steve sang hyun noh",
        "steve noh sang hyun",
        "no sang hyun",
        "roh sang hyun",
        "noh sang hyeon",
        "sanghyun noh",
        "노상현",
        "노 상현",
    ],
)
def test_english_given_name_combinations_and_surname_spellings(written: str) -> None:
    assert written in noh_keys()


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Lee Eon-hee", "yi eon hee"),
        ("Lee Eon-hee", "rhee eon hee"),
        ("Lee Eon-hee", "lee un hee"),  # eo / u
        ("Lee Eon-hee", "lee eon hui"),  # RR of 희
        ("Choi Woo-shik", "choe woo shik"),
        ("Jung Hae-in", "jeong hae in"),
        ("Jung Hae-in", "chung hae in"),
        ("Byun Yo-han", "byeon yo han"),
        ("Nam Yoon-su", "nam yoon soo"),  # oo / u
        ("Nam Yoon-su", "nam yun su"),
        ("Kim Soo-hyun", "kim su hyeon"),  # Hyun / Hyeon
        ("Ma Dong-seok", "ma dong suk"),  # Seok / Suk
        ("Shin Hye-sun", "sin hye sun"),
    ],
)
def test_syllable_and_surname_spellings(name: str, written: str) -> None:
    assert written in person_keys(name)


def test_stage_names_and_korean_aliases() -> None:
    keys = person_keys("IU", aliases=["Lee Ji-eun"], native_name="아이유")
    assert {"iu", "아이유", "lee ji eun", "lee jieun", "ji eun lee", "yi ji eun"} <= keys
    assert "e oni" in person_keys("Lee Eon-hee", aliases=["E.oni"], native_name="이언희")


def test_keys_are_bounded() -> None:
    for name, aliases in [("Lee Eon-hee", ["E.oni"]), ("Noh Sang-hyun", ["Steve Noh"])]:
        keys = person_keys(name, aliases=aliases)
        assert 1 < len(keys) <= MAX_PERSON_KEYS
    assert len(noh_keys()) == 89


def test_short_keys() -> None:
    short = person_short_keys("Noh Sang-hyun", aliases=["Steve Noh"], native_name="노상현")
    assert {"noh", "roh", "sang hyun", "sanghyun", "sang hyeon", "steve"} <= short
    assert "no" not in short  # an English word at a sentence start
    assert person_short_keys("Anton Hur") == {"hur"}
    assert person_short_keys("IU") == set()


def test_split_korean_name() -> None:
    parsed = split_korean_name("Sang Young Park")
    assert parsed is not None
    assert (parsed.surname, parsed.given, parsed.western_order) == ("park", ("sang", "young"), True)
    parsed = split_korean_name("Kim Goeun")
    assert parsed is not None and parsed.given == ("go", "eun")
    parsed = split_korean_name("노상현")
    assert parsed is not None
    assert (parsed.surname_hangul, parsed.given_hangul) == ("노", "상현")
    assert looks_korean("Lee Aeon Hee")
    assert not looks_korean("Anton Hur")
    assert not looks_korean("Steve Noh")
    assert not looks_korean("Love in the Big City")


def test_fold_collapses_spellings_of_one_person() -> None:
    folded = {fold_key(key) for key in noh_keys()}
    assert fold_key("noh sang hyun") == fold_key("no sang hyeon") == fold_key("roh sang hyun")
    assert fold_key("lee eon hee") == fold_key("yi un hui") == fold_key("rhee eon hee")
    assert fold_key("park sang young") == fold_key("bak sang yeong")
    assert fold_key("김고은은") == fold_key("김고은")
    assert len(folded) < len(noh_keys()) / 3


def test_a_romanization_the_tables_miss_is_read_through_its_hangul() -> None:
    keys = person_keys("Youn Yuh-jung", native_name="윤여정")
    assert {"yuh jung youn", "yuhjung youn", "yoon yeo jeong"} <= keys
    assert {"hae jin yoo", "yu hae jin"} <= person_keys("Yoo Hai-jin", native_name="유해진")


def test_an_unparsed_name_also_gets_the_other_word_order() -> None:
    assert person_keys("Anton Hur") == {"anton hur", "hur anton"}


def _demo_people() -> list[dict[str, object]]:
    import json
    from pathlib import Path

    import marquee.demo_content

    kb = Path(marquee.demo_content.__file__).with_name("kb.json")
    return json.loads(kb.read_text(encoding="utf-8"))["people"]


def test_person_words_cover_every_word_of_every_key() -> None:
    """Search indexes words instead of keys: no spelling the keys accept may be missing."""
    people = _demo_people()
    assert len(people) > 100
    for person in people:
        arguments = {
            "aliases": person.get("aliases", []),
            "native_name": person.get("native_name"),
        }
        words = person_words(str(person["name"]), **arguments)  # type: ignore[arg-type]
        keys = person_keys(str(person["name"]), **arguments)  # type: ignore[arg-type]
        missing = {word for key in keys for word in key.split(" ")} - words
        assert not missing, (person["name"], missing)


def test_person_words_of_noh() -> None:
    words = person_words(**NOH)  # type: ignore[arg-type]
    assert {"noh", "roh", "no", "sang", "hyun", "sanghyun", "steve", "노상현"} <= words
    assert "" not in words
