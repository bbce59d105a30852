"""marquee link / relink, as docs/cli.md describes them."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.kb_format import parse_document
from marquee.catalog.services import kb_import
from marquee.linking.models import ArticleEntity
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

ACCEPTANCE_TEXT = (
    "Steve Sanghyun Noh and Sang Young Park met in Seoul. No Sang-hyun said the director, E.oni, "
    "shot 대도시의 사랑법 in a summer. Fans of the Love in the Big City drama were there too."
)


def link_json(path: Path) -> dict[str, Any]:
    out = StringIO()
    call_command("link", str(path), "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def with_series(small_kb: dict[str, Any]) -> None:
    kb_import(
        document=parse_document(
            {
                "format": "marquee-kb/1",
                "people": [{"id": "nam-yoon-su", "name": "Nam Yoon-su", "native_name": "남윤수"}],
                "titles": [
                    {"id": "love-in-the-big-city-series", "name": "Love in the Big City",
                     "native_name": "대도시의 사랑법", "kind": "series", "year": 2024,
                     "based_on": "love-in-the-big-city-novel"}
                ],
                "credits": [{"person": "nam-yoon-su", "title": "love-in-the-big-city-series",
                             "role": "actor", "character": "Go Young", "order": 1}],
            }
        )
    )  # fmt: skip


def test_link_json_links_every_spelling(with_series: None, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ACCEPTANCE_TEXT, encoding="utf-8")
    document = link_json(path)
    assert set(document) == {"entities", "unlinked"}
    by_surface = {
        mention["text"]: entity["id"]
        for entity in document["entities"]
        for mention in entity["mentions"]
    }
    assert by_surface["Steve Sanghyun Noh"] == "noh-sang-hyun"
    assert by_surface["No Sang-hyun"] == "noh-sang-hyun"
    assert by_surface["Sang Young Park"] == "park-sang-young"
    assert by_surface["E.oni"] == "lee-eon-hee"
    assert by_surface["대도시의 사랑법"].startswith("love-in-the-big-city-")
    drama = [t for t in by_surface if t.startswith("Love in the Big City")]
    assert drama and by_surface[drama[0]] == "love-in-the-big-city-series"
    for entity in document["entities"]:
        assert set(entity) >= {"id", "type", "name", "confidence", "mentions"}
        for mention in entity["mentions"]:
            assert ACCEPTANCE_TEXT[mention["start"] : mention["end"]] == mention["text"]
    noh = next(e for e in document["entities"] if e["id"] == "noh-sang-hyun")
    assert noh == {**noh, "type": "person", "name": "Noh Sang-hyun"}


def test_link_reads_stdin(small_kb: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Kim Go-eun.")))
    out = StringIO()
    call_command("link", "-", "--json", stdout=out)
    assert json.loads(out.getvalue())["entities"][0]["id"] == "kim-go-eun"


def test_link_plain_output(small_kb: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Kim Go-eun and Lee Yoo-jin.", encoding="utf-8")
    out = StringIO()
    call_command("link", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("person    kim-go-eun")
    assert "'Kim Go-eun'@0" in lines[0]
    assert lines[-1].split() == ["unlinked", "Lee", "Yoo-jin", "person", "@15"]


def test_link_empty_file(small_kb: Any, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    assert link_json(path) == {"entities": [], "unlinked": []}


def test_link_binary_file_refused(small_kb: Any, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    with pytest.raises(CommandError, match="photo.jpg: looks like a binary file, not text"):
        call_command("link", str(path))


def test_link_large_text_is_handled(small_kb: Any, tmp_path: Path) -> None:
    paragraph = "Kim Go-eun and Steve Noh were in Seoul again for the festival. " * 8 + "\n\n"
    text = paragraph * (5_000_000 // len(paragraph) + 1)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    document = link_json(path)
    kim = next(e for e in document["entities"] if e["id"] == "kim-go-eun")
    assert kim["mentions"][0] == {"start": 0, "end": 10, "text": "Kim Go-eun", "how": "exact"}


def test_link_missing_file(small_kb: Any) -> None:
    with pytest.raises(CommandError, match="/nowhere.txt: no such file"):
        call_command("link", "/nowhere.txt")


def test_relink(small_kb: Any) -> None:
    article = make_article("a", body="Kim Go-eun smiles.")
    assert not ArticleEntity.objects.filter(article=article).exists()  # no commit in this test
    out = StringIO()
    call_command("relink", "a", stdout=out)
    assert out.getvalue().strip() == "linked 1 article(s)"
    assert ArticleEntity.objects.filter(article=article, person__slug="kim-go-eun").exists()
    with pytest.raises(CommandError, match="no article with slug 'zzz'"):
        call_command("relink", "zzz")
    with pytest.raises(CommandError, match="name article slugs, or pass --all"):
        call_command("relink")


def test_link_json_says_why_each_entity_was_linked(with_series: None, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ACCEPTANCE_TEXT, encoding="utf-8")
    entities = {entity["id"]: entity for entity in link_json(path)["entities"]}
    noh = entities["noh-sang-hyun"]
    assert [mention["how"] for mention in noh["mentions"]] == ["variant", "variant"]
    assert noh["evidence"] == [
        {"kind": "variant", "key": "Noh Sang-hyun", "written": "Steve Sanghyun Noh",
         "alias": "Steve Noh", "changes": ["english_name", "order", "spacing"]},
        {"kind": "variant", "key": "Noh Sang-hyun", "written": "No Sang-hyun",
         "changes": ["romanization"]},
    ]  # fmt: skip
    assert entities["lee-eon-hee"]["evidence"] == [
        {"kind": "alias", "key": "E.oni", "alias_kind": "other_name"}
    ]
    series = entities["love-in-the-big-city-series"]["evidence"]
    assert series[0] == {"kind": "exact", "key": "Love in the Big City", "field": "name"}
    assert series[1]["kind"] == "context"
    assert series[1]["cues"] == ["drama"]
    assert series[1]["over"] == ["love-in-the-big-city-film", "love-in-the-big-city-novel"]
