"""/api/v1/search: articles, people and titles, by any spelling or in Hangul, as plain text."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from marquee.discovery import services
from tests.api.conftest import error, get_json
from tests.conftest import make_article
from tests.discovery.conftest import link, refresh

pytestmark = pytest.mark.django_db

NOH = {
    "kind": "person",
    "id": "noh-sang-hyun",
    "name": "Noh Sang-hyun 노상현",
    "url": "/people/noh-sang-hyun/",
}


@pytest.fixture
def indexed(small_kb: dict[str, Any]) -> dict[str, Any]:
    services.search_entries_refresh_people()
    services.search_entries_refresh_titles()
    return small_kb


def search(client: Client, **params: str) -> Any:
    return get_json(client, "/api/v1/search", data=params)


@pytest.mark.parametrize("spelling", ["Noh Sang Hyun", "Steve Noh", "Roh Sang-hyeon", "노상현"])
def test_person_by_any_spelling_or_hangul(client: Client, indexed: object, spelling: str) -> None:
    answer = search(client, q=spelling)
    first = answer["results"][0]
    assert {key: first[key] for key in ("kind", "id", "url")} == {
        "kind": "person",
        "id": "noh-sang-hyun",
        "url": "/people/noh-sang-hyun/",
    }
    # Plain text: the backend's highlight markers are taken out.
    assert first["name"].startswith("Noh Sang-hyun")
    assert "\ue000" not in first["name"] + first["snippet"]
    assert (answer["page"], answer["has_next"], answer["notice"]) == (1, False, "")


def test_articles_found_through_the_person_they_name(client: Client, indexed: object) -> None:
    article = make_article(
        "heung-soo",
        title="The quiet roommate",
        dek="A role written for him.",
        body="Steve Sanghyun Noh plays Heung-soo.",
    )
    other = make_article("unrelated", title="Exhuma", body="A shaman film.")
    link(article, person="noh-sang-hyun")
    refresh(article, other)
    answer = search(client, q="노상현")
    assert answer["query"] == "노상현"
    kinds = [(result["kind"], result["id"]) for result in answer["results"]]
    assert kinds[0] == ("person", "noh-sang-hyun")
    assert ("article", "heung-soo") in kinds and ("article", "unrelated") not in kinds
    found = answer["results"][kinds.index(("article", "heung-soo"))]
    assert {key: value for key, value in found.items() if key != "snippet"} == {
        "kind": "article",
        "id": "heung-soo",
        "name": "The quiet roommate",
        "url": "/articles/heung-soo/",
    }
    # The backends cut snippets differently (FTS5 in Python, PostgreSQL's ts_headline).
    assert "A role written for him." in found["snippet"]


def test_article_matches_with_plain_snippets(client: Client, indexed: object) -> None:
    article = make_article(
        "tags-in-text", title="Why <script> tags show", body="Exhuma <b>bold</b> & more."
    )
    refresh(article)
    [result] = search(client, q="exhuma")["results"]
    assert (result["kind"], result["id"], result["name"]) == (
        "article",
        "tags-in-text",
        "Why <script> tags show",  # JSON, not HTML: text is not escaped
    )
    assert "Exhuma" in result["snippet"] and "\ue000" not in result["snippet"]


def test_titles_by_hangul(client: Client, indexed: object) -> None:
    ids = [result["id"] for result in search(client, q="대도시의 사랑법")["results"]]
    assert sorted(ids[:2]) == ["love-in-the-big-city-film", "love-in-the-big-city-novel"]


def test_pages_and_notice(client: Client, indexed: object) -> None:
    articles = [make_article(f"drama-{n}", title=f"Drama {n}") for n in range(25)]
    refresh(*articles)
    first = search(client, q="drama")
    assert (len(first["results"]), first["has_next"]) == (20, True)
    second = search(client, q="drama", page="2")
    assert (len(second["results"]), second["has_next"], second["page"]) == (5, False, 2)
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    some = search(client, q="drama zzzunknown")
    assert some["notice"] == "No result has every word; these have some of them."
    assert len(some["results"]) == 20


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', '"unbalanced', "AND", "OR NOT", "NEAR(", "*", "^kim", "col:kim",
     "a' OR 1=1 --", "(((", "\\", "!@#$%^&*()", "x" * 10_000, "노상현 " * 3000, "\x00\ue000",
     "-", ":*", "&|!"],
)  # fmt: skip
def test_empty_huge_or_malformed_queries_answer_200(
    client: Client, indexed: object, query: str
) -> None:
    answer = search(client, q=query)
    assert set(answer) == {"query", "page", "has_next", "notice", "results"}
    assert isinstance(answer["results"], list)


def test_no_query_finds_nothing(client: Client) -> None:
    assert get_json(client, "/api/v1/search") == {
        "query": "",
        "page": 1,
        "has_next": False,
        "notice": "",
        "results": [],
    }


@pytest.mark.parametrize(
    ("page", "message"),
    [("0", "page: Input should be greater than or equal to 1"),
     ("11", "page: Input should be less than or equal to 10"),
     ("two", "page: Input should be a valid integer, unable to parse string as an integer")],
)  # fmt: skip
def test_bad_page_is_422(client: Client, page: str, message: str) -> None:
    assert get_json(client, f"/api/v1/search?q=noh&page={page}", 422) == error(
        "invalid_request", message
    )


def test_search_queries_are_bounded(
    client: Client, indexed: object, django_assert_max_num_queries: Any
) -> None:
    articles = [make_article(f"noh-{n}", body="Noh Sang-hyun again.") for n in range(12)]
    for article in articles:
        link(article, person="noh-sang-hyun")
    refresh(*articles)
    # Word statistics, the full-text match, people, titles, up to 3 linked-article look-ups
    # and the articles: as the search page.
    with django_assert_max_num_queries(6):
        answer = search(client, q="Steve Noh")
    assert answer["results"][0] == {**NOH, "snippet": answer["results"][0]["snippet"]}
    assert len(answer["results"]) == 13
