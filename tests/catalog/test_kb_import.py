"""marquee kb import / export: docs/knowledge-base.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.kb_format import KnowledgeBaseError, load_json, parse_document
from marquee.catalog.models import (
    AliasKind,
    Availability,
    Character,
    Credit,
    Person,
    PersonAlias,
    Platform,
    Title,
    TitleAlias,
)
from marquee.catalog.selectors import kb_export_document
from marquee.catalog.services import kb_import
from tests.conftest import run_marquee_on_scratch_database

pytestmark = pytest.mark.django_db

MODELS = [Person, PersonAlias, Title, TitleAlias, Character, Credit, Platform, Availability]


def database_state() -> list[list[tuple[Any, ...]]]:
    """Every row of every catalog table, to prove a refused import wrote nothing."""
    return [sorted(map(tuple, model.objects.values_list())) for model in MODELS]


def write(tmp_path: Path, document: Any, name: str = "kb.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def refused(tmp_path: Path, document: Any) -> str:
    """Import through the command, assert it was refused, return the message."""
    with pytest.raises(CommandError) as caught:
        call_command("kb", "import", str(write(tmp_path, document)))
    return str(caught.value)


def test_import_creates_the_graph(small_kb: dict[str, Any]) -> None:
    film = Title.objects.get(slug="love-in-the-big-city-film")
    assert film.based_on is not None and film.based_on.slug == "love-in-the-big-city-novel"
    assert film.native_name == "대도시의 사랑법"
    jae_hee = Character.objects.get(title=film, name="Goo Jae-hee")
    assert jae_hee.aliases == ["Jae-hee"]
    credit = Credit.objects.get(person__slug="kim-go-eun", title=film)
    assert (credit.role, credit.character, credit.order) == ("actor", jae_hee, 1)
    assert Credit.objects.count() == 5
    offer = Availability.objects.get(title=film, platform__slug="viki")
    assert offer.regions == ["US", "CA"]
    assert offer.subtitles == ["en", "es"]
    assert str(offer.until) == "2099-01-01"


def test_alias_kinds_are_inferred(small_kb: dict[str, Any]) -> None:
    assert PersonAlias.objects.get(name="Steve Noh").kind == AliasKind.ENGLISH_NAME
    assert PersonAlias.objects.get(name="E.oni").kind == AliasKind.STAGE_NAME
    assert TitleAlias.objects.get(name="Goblin").kind == AliasKind.OTHER_TITLE


def test_importing_twice_changes_nothing(small_kb: dict[str, Any]) -> None:
    before = database_state()
    report = kb_import(document=parse_document(small_kb))
    assert not report.changed
    assert report.counts["people"]["unchanged"] == 4
    assert database_state() == before


def test_import_updates_by_id_and_syncs_aliases(small_kb: dict[str, Any]) -> None:
    small_kb["people"][1]["aliases"] = ["Steve Sanghyun Noh"]
    small_kb["people"][1]["bio"] = "Actor."
    small_kb["titles"][1]["based_on"] = None
    report = kb_import(document=parse_document(small_kb))
    noh = Person.objects.get(slug="noh-sang-hyun")
    assert noh.bio == "Actor."
    assert [a.name for a in noh.aliases.all()] == ["Steve Sanghyun Noh"]
    assert Title.objects.get(slug="love-in-the-big-city-film").based_on is None
    assert report.counts["people"] == {"updated": 1, "unchanged": 3, "created": 0}
    assert report.counts["titles"]["updated"] == 1
    assert report.counts["aliases"]["removed"] == 1


def test_availability_of_a_pair_is_replaced(small_kb: dict[str, Any]) -> None:
    small_kb["availability"] = [
        {"title": "love-in-the-big-city-film", "platform": "viki", "regions": ["FR"]}
    ]
    kb_import(document=parse_document(small_kb))
    film_offers = Availability.objects.filter(title__slug="love-in-the-big-city-film")
    assert sorted((o.platform.slug, tuple(o.regions)) for o in film_offers) == [
        ("netflix", ("GB",)),
        ("viki", ("FR",)),
    ]


def test_references_may_point_at_the_database(small_kb: dict[str, Any]) -> None:
    addition = {
        "format": "marquee-kb/1",
        "titles": [{"id": "exhuma", "name": "Exhuma", "year": 2024}],
        "credits": [{"person": "kim-go-eun", "title": "exhuma", "role": "actor", "order": 2}],
    }
    kb_import(document=parse_document(addition))
    assert Credit.objects.filter(person__slug="kim-go-eun", title__slug="exhuma").exists()


def episodes_and_search(kb: dict[str, Any]) -> dict[str, Any]:
    kb["titles"][2]["episodes"] = 16
    kb["platforms"][1]["search_url"] = "https://www.netflix.com/search?q={title}"
    return kb


def test_episodes_and_search_url_are_imported_once(kb_document: dict[str, Any]) -> None:
    first = kb_import(document=parse_document(episodes_and_search(kb_document)))
    assert first.counts["titles"]["created"] == 3
    assert Title.objects.get(slug="goblin").episodes == 16
    assert Title.objects.get(slug="love-in-the-big-city-film").episodes is None
    netflix = Platform.objects.get(slug="netflix")
    assert netflix.search_url == "https://www.netflix.com/search?q={title}"
    assert Platform.objects.get(slug="viki").search_url == ""
    again = kb_import(document=parse_document(kb_document))
    assert not again.changed
    assert (again.counts["titles"]["unchanged"], again.counts["titles"]["updated"]) == (3, 0)
    assert (again.counts["platforms"]["unchanged"], again.counts["platforms"]["updated"]) == (2, 0)


def test_a_changed_episode_count_or_search_url_is_an_update(small_kb: dict[str, Any]) -> None:
    report = kb_import(document=parse_document(episodes_and_search(small_kb)))
    assert report.counts["titles"] == {"created": 0, "updated": 1, "unchanged": 2}
    assert report.counts["platforms"] == {"created": 0, "updated": 1, "unchanged": 1}
    # Absent means unknown: the stored values go, as for any other optional field.
    del small_kb["titles"][2]["episodes"]
    small_kb["platforms"][1]["search_url"] = None
    report = kb_import(document=parse_document(small_kb))
    assert (report.counts["titles"]["updated"], report.counts["platforms"]["updated"]) == (1, 1)
    assert Title.objects.get(slug="goblin").episodes is None
    assert Platform.objects.get(slug="netflix").search_url == ""


def test_export_carries_episodes_and_search_url(
    kb_document: dict[str, Any], tmp_path: Path
) -> None:
    kb_import(document=parse_document(episodes_and_search(kb_document)))
    first = tmp_path / "first.json"
    call_command("kb", "export", str(first))
    exported = json.loads(first.read_text())
    assert exported["titles"][0] == {
        "id": "goblin",
        "name": "Guardian: The Lonely and Great God",
        "kind": "series",
        "year": 2016,
        "episodes": 16,
        "aliases": ["Goblin"],
    }
    assert exported["platforms"] == [
        {"id": "netflix", "name": "Netflix", "url": "https://www.netflix.com",
         "search_url": "https://www.netflix.com/search?q={title}"},
        {"id": "viki", "name": "Viki", "url": "https://www.viki.com"},
    ]  # fmt: skip
    for model in reversed(MODELS):
        model._default_manager.all().delete()
    call_command("kb", "import", str(first), "--quiet")
    second = tmp_path / "second.json"
    call_command("kb", "export", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_the_demo_knowledge_base_has_episodes_and_search_urls() -> None:
    from marquee.catalog.kb_format import load_json

    demo = Path(__file__).parents[2] / "marquee" / "demo_content" / "kb.json"
    document = parse_document(load_json(demo.read_bytes()))
    searches = {p.id: p.search_url for p in document.platforms if p.search_url}
    assert searches == {
        "viki": "https://www.viki.com/search?q={title}",
        "netflix": "https://www.netflix.com/search?q={title}",
    }
    episodes = {t.id: t.episodes for t in document.titles if t.episodes}
    assert (episodes["goblin"], episodes["reply-1988"], episodes["move-to-heaven"]) == (16, 20, 10)
    assert all(t.kind == "series" for t in document.titles if t.episodes)
    # Offers send readers to the title, never to a platform's home page.
    homes = {p.id: p.url for p in document.platforms}
    assert not [a for a in document.availability if a.url and a.url == homes[a.platform]]


def test_export_import_round_trip_is_identical(small_kb: dict[str, Any], tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    call_command("kb", "export", str(first))
    for model in reversed(MODELS):
        model.objects.all().delete()
    call_command("kb", "import", str(first), "--quiet")
    second = tmp_path / "second.json"
    call_command("kb", "export", str(second))
    assert first.read_bytes() == second.read_bytes()
    exported = json.loads(first.read_text())
    assert exported["format"] == "marquee-kb/1"
    assert exported["people"][2] == {
        "id": "noh-sang-hyun",
        "name": "Noh Sang-hyun",
        "native_name": "노상현",
        "kind": "person",
        "aliases": ["Steve Noh"],
        "born": "1990-03-12",
    }
    # The export holds everything that was imported.
    assert len(exported["credits"]) == 5
    assert len(exported["availability"]) == 3


def test_export_to_stdout_is_the_document(small_kb: dict[str, Any], capsys: Any) -> None:
    call_command("kb", "export")
    assert json.loads(capsys.readouterr().out) == kb_export_document()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda kb: kb["people"][0].update(name=42),
            'people[0] "kim-go-eun": field "name" must be a string, got a number',
        ),
        (
            lambda kb: kb["titles"][0].update(year="2019"),
            'titles[0] "love-in-the-big-city-novel": field "year" must be a whole number, '
            'got "2019"',
        ),
        (
            lambda kb: kb["people"].append({"id": "kim-go-eun", "name": "Kim Go-eun"}),
            'people[4] "kim-go-eun": field "id" duplicates people[0] "kim-go-eun"',
        ),
        (
            lambda kb: kb["credits"].append(
                {"person": "nobody-at-all", "title": "goblin", "role": "actor"}
            ),
            'credits[5]: field "person" refers to person "nobody-at-all", which is neither in '
            "the file nor in the knowledge base",
        ),
        (
            lambda kb: kb["titles"][1].update(based_on="no-such-novel"),
            'titles[1] "love-in-the-big-city-film": field "based_on" refers to title '
            '"no-such-novel", which is neither in the file nor in the knowledge base',
        ),
        (
            lambda kb: kb["titles"][2].update(kind="opera"),
            'titles[2] "goblin": field "kind" must be one of film, series, novel, webtoon, song, '
            'album, show; got "opera"',
        ),
        (
            lambda kb: kb["credits"][0].update(role="stuntman"),
            'credits[0]: field "role" must be one of actor, director, writer, author, singer, '
            'host, translator, producer; got "stuntman"',
        ),
        (
            lambda kb: kb["availability"][0].update(regions=["US", "XX"]),
            "availability[0]: field \"regions\" has 'XX', which is not an ISO 3166-1 alpha-2 "
            "region code",
        ),
        (
            lambda kb: kb["availability"][0].update(subtitles=["english"]),
            "availability[0]: field \"subtitles\" has 'english', which is not an ISO 639-1 code",
        ),
        (
            lambda kb: kb["availability"][0].update(type="stream"),
            'availability[0]: field "type" must be one of subscription, free, ads, rent, buy; '
            'got "stream"',
        ),
        (
            lambda kb: kb["people"][1].update(born="1990-02-30"),
            'people[1] "noh-sang-hyun": field "born" must be a date written YYYY-MM-DD, '
            'got "1990-02-30"',
        ),
        (
            lambda kb: kb["people"][1].update(aliasses=["Steve"]),
            'people[1] "noh-sang-hyun": field "aliasses" is not a field of this entry',
        ),
        (
            lambda kb: kb["credits"].append(dict(kb["credits"][0])),
            "credits[5]: duplicates credits[0] (same person, title, role and character)",
        ),
        (
            lambda kb: kb["platforms"][0].update(id="Viki TV"),
            'platforms[0] "Viki TV": field "id" must be a lowercase slug like kim-go-eun, '
            "got 'Viki TV'",
        ),
        (
            lambda kb: kb.update(format="marquee-kb/9"),
            '"format" must be "marquee-kb/1", got "marquee-kb/9"',
        ),
        (
            lambda kb: kb["titles"][2].update(episodes=True),
            'titles[2] "goblin": field "episodes" must be a whole number, got true',
        ),
        (
            lambda kb: kb["titles"][2].update(episodes=16.0),
            'titles[2] "goblin": field "episodes" must be a whole number, got 16.0',
        ),
        (
            lambda kb: kb["titles"][2].update(episodes="16"),
            'titles[2] "goblin": field "episodes" must be a whole number, got "16"',
        ),
        (
            lambda kb: kb["titles"][2].update(episodes=0),
            'titles[2] "goblin": field "episodes" must be between 1 and 10000, got 0',
        ),
        (
            lambda kb: kb["titles"][2].update(episodes=10001),
            'titles[2] "goblin": field "episodes" must be between 1 and 10000, got 10001',
        ),
        (
            lambda kb: kb["platforms"][0].update(search_url="https://www.viki.com/search"),
            'platforms[0] "viki": field "search_url" must contain {title}, where the title\'s '
            "name goes, got 'https://www.viki.com/search'",
        ),
        (
            lambda kb: kb["platforms"][0].update(search_url="ftp://viki.com/?q={title}"),
            'platforms[0] "viki": field "search_url" must be an http(s) URL, '
            "got 'ftp://viki.com/?q={title}'",
        ),
        (
            lambda kb: kb["platforms"][0].update(search_url="https://viki.com/?q={title}&p={page}"),
            'platforms[0] "viki": field "search_url" may hold no placeholder but {title}, '
            "got 'https://viki.com/?q={title}&p={page}'",
        ),
        (
            lambda kb: kb["platforms"][0].update(search_url="https://{title}.viki.com/"),
            'platforms[0] "viki": field "search_url" must have {title} after the host name, '
            "got 'https://{title}.viki.com/'",
        ),
        (
            lambda kb: kb["platforms"][0].update(search_url=["https://viki.com/?q={title}"]),
            'platforms[0] "viki": field "search_url" must be a string, got a list',
        ),
        (
            lambda kb: kb["platforms"][0].update(
                search_url="https://www.viki.com/search?q={title}&x=" + "a" * 461
            ),
            'platforms[0] "viki": field "search_url" is longer than 500 characters',
        ),
    ],
)
def test_bad_file_is_refused_whole(
    small_kb: dict[str, Any], tmp_path: Path, change: Any, message: str
) -> None:
    # A valid new entry rides along, to show that nothing at all is written.
    small_kb["platforms"].append({"id": "tving", "name": "TVING"})
    before = database_state()
    change(small_kb)
    assert message in refused(tmp_path, small_kb)
    assert database_state() == before
    assert not Platform.objects.filter(slug="tving").exists()


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "marquee-kb/1",\n "people": [}', encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("kb", "import", str(path))
    assert "invalid JSON at line 2, column 13" in str(caught.value)
    assert Person.objects.count() == 0


def test_not_utf8_is_refused() -> None:
    with pytest.raises(KnowledgeBaseError, match="the file is not UTF-8 text"):
        load_json(b'{"format": "\xff"}')


def test_missing_file_is_named() -> None:
    with pytest.raises(CommandError, match="/no/such/kb.json: no such file"):
        call_command("kb", "import", "/no/such/kb.json")


def test_many_problems_are_listed_with_a_count(tmp_path: Path) -> None:
    people = [{"id": f"p{i}", "name": ""} for i in range(30)]
    message = refused(tmp_path, {"format": "marquee-kb/1", "people": people})
    assert message.count('field "name" must not be empty') == 20
    assert "… and 10 more problems" in message
    assert "30 problems, nothing written" in message


def test_refusal_exits_1_without_traceback(tmp_path: Path) -> None:
    """The console script, as a user runs it: exit status 1 and a one-message stderr."""
    path = write(tmp_path, {"format": "marquee-kb/1", "people": [{"id": "a"}]})
    completed = run_marquee_on_scratch_database(tmp_path, "kb", "import", str(path))
    assert completed.returncode == 1
    assert 'people[0] "a": field "name" is required' in completed.stderr
    assert "Traceback" not in completed.stderr


def test_large_imports_scan_the_table_instead_of_chunks(
    kb_document: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole-table lookup used for big files finds the same rows as chunked IN queries."""
    from marquee.catalog import bulk

    monkeypatch.setattr(bulk, "WHOLE_TABLE_THRESHOLD", 1)
    kb_import(document=parse_document(kb_document))
    before = database_state()
    kb_document["people"][0]["bio"] = "Changed."
    report = kb_import(document=parse_document(kb_document))
    assert report.counts["people"] == {"created": 0, "updated": 1, "unchanged": 3}
    assert Person.objects.get(slug="kim-go-eun").bio == "Changed."
    assert len(database_state()[0]) == len(before[0])
