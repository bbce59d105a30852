"""Search: one interface over SQLite FTS5 and PostgreSQL; people found by any spelling."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from marquee.discovery import search as search_module
from marquee.discovery import selectors, services
from marquee.discovery.models import DOCUMENTS_KEY, EntryKind, SearchEntry, TermStat
from marquee.discovery.search import backend, parse_query
from marquee.discovery.search import postgres as postgres_module
from marquee.discovery.search import sqlite as sqlite_module
from marquee.discovery.selectors.search_results import _only_common_words
from marquee.newsroom.models import ArticleStatus
from tests.conftest import make_article
from tests.discovery.conftest import link, refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(small_kb: dict[str, Any]) -> dict[str, Any]:
    services.search_entries_refresh_people()
    services.search_entries_refresh_titles()
    return small_kb


def kinds_and_names(text: str) -> list[tuple[str, str]]:
    return [(r.kind, str(r.obj)) for r in selectors.search(text).results]


@pytest.mark.parametrize(
    "spelling",
    ["Noh Sang-hyun", "Steve Noh", "노상현", "Noh Sang Hyun", "Sanghyun Noh", "Roh Sang-hyeon",
     "steve sanghyun noh", "NOH SANGHYUN"],
)  # fmt: skip
def test_person_found_by_any_spelling(indexed: object, spelling: str) -> None:
    results = selectors.search(spelling).results
    assert (results[0].kind, str(results[0].obj)) == ("person", "Noh Sang-hyun")


def test_person_articles_are_found_whatever_spelling_they_use(indexed: object) -> None:
    article = make_article(
        "heung-soo", title="The quiet roommate", body="Steve Sanghyun Noh plays Heung-soo."
    )
    other = make_article("unrelated", title="Exhuma", body="A shaman film.")
    link(article, person="noh-sang-hyun")
    refresh(article, other)
    for spelling in ("노상현", "Noh Sang Hyun", "Steve Noh"):
        found = kinds_and_names(spelling)
        assert found[0] == ("person", "Noh Sang-hyun"), spelling
        assert ("article", "The quiet roommate") in found, spelling
        assert ("article", "Exhuma") not in found


def test_titles_by_hangul_and_alias(indexed: object) -> None:
    assert kinds_and_names("대도시의 사랑법")[:2] == [
        ("title", "Love in the Big City (2019)"),
        ("title", "Love in the Big City (2024)"),
    ] or kinds_and_names("대도시의 사랑법")[:2] == [
        ("title", "Love in the Big City (2024)"),
        ("title", "Love in the Big City (2019)"),
    ]
    assert kinds_and_names("Goblin")[0] == ("title", "Guardian: The Lonely and Great God (2016)")


def test_articles_ranked_with_highlighted_snippets(indexed: object) -> None:
    strong = make_article(
        "exhuma-box-office", title="Exhuma passes ten million", body="Exhuma, the shaman film."
    )
    weak = make_article(
        "weekend", title="Weekend round-up", body="Long article. " * 40 + "Also: Exhuma."
    )
    refresh(strong, weak)
    page = selectors.search("exhuma")
    assert [r.obj.pk for r in page.results] == [strong.pk, weak.pk]
    first = page.results[0]
    assert "\ue000Exhuma\ue001" in first.name
    assert "\ue000Exhuma\ue001" in first.snippet


def test_search_page_marks_matches_and_escapes_text(client: Client, indexed: object) -> None:
    article = make_article(
        "tags-in-text", title="Why <script> tags show", body="Exhuma <b>bold</b> & more."
    )
    refresh(article)
    html = client.get("/search/", {"q": "exhuma"}).content.decode()
    assert "<mark>Exhuma</mark>" in html
    assert "&amp; more" in html  # PostgreSQL's ts_headline drops tags; FTS5 keeps them as text
    assert "<b>bold</b>" not in html and "<script> tags" not in html


def test_drafts_and_scheduled_articles_are_not_found(indexed: object) -> None:
    draft = make_article("draft", title="Secret Exhuma sequel", status=ArticleStatus.DRAFT)
    later = make_article(
        "later",
        title="Exhuma sequel announced",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    refresh(draft, later)
    assert not SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=draft.pk).exists()
    assert selectors.search("exhuma sequel").results == []


def test_every_word_must_match_else_any_word(indexed: object) -> None:
    article = make_article("goblin-essay", title="Why Goblin still matters")
    refresh(article)
    page = selectors.search("goblin zzzunknown")
    assert page.notice == "No result has every word; these have some of them."
    assert ("article", "Why Goblin still matters") in [(r.kind, str(r.obj)) for r in page.results]


@pytest.mark.parametrize(
    "query",
    ['"', '"unbalanced', "AND", "OR NOT", "NEAR(", "*", "kim*", "^kim", "col:kim", "a' OR 1=1 --",
     "(((", "\\", "!@#$%^&*()", "x" * 10_000, "노상현 " * 3000, "\x00\ue000", "-", ":*", "&|!"],
)  # fmt: skip
def test_malformed_queries_get_a_page(client: Client, indexed: object, query: str) -> None:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "Search" in response.content.decode()


def test_empty_query_page(client: Client) -> None:
    html = client.get("/search/").content.decode()
    assert '<label for="search-page-q">' in html
    assert "Names work in any common spelling" in html
    assert client.get("/search/?q=%20%20&page=x").status_code == 200


def test_search_pages(client: Client, indexed: object) -> None:
    articles = [make_article(f"drama-{i}", title=f"Drama {i}") for i in range(25)]
    refresh(*articles)
    first = client.get("/search/", {"q": "drama"}).content.decode()
    assert 'rel="next" href="?q=drama&amp;page=2"' in first
    second = client.get("/search/", {"q": "drama", "page": "2"}).content.decode()
    assert '<ol class="search-results" start="21">' in second
    assert second.count('class="search-result search-result--article"') == 5


def test_search_query_count_is_bounded(
    client: Client, indexed: object, django_assert_max_num_queries: Any
) -> None:
    articles = [make_article(f"noh-{i}", body="Noh Sang-hyun again.") for i in range(12)]
    for article in articles:
        link(article, person="noh-sang-hyun")
    refresh(*articles)
    with django_assert_max_num_queries(6):
        assert client.get("/search/", {"q": "Steve Noh"}).status_code == 200


def test_header_search_form_is_labelled(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<form class="site-search" role="search" action="/search/" method="get">' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html


def test_backend_matches_vendor() -> None:
    expected = "PostgresBackend" if connection.vendor == "postgresql" else "SqliteBackend"
    assert type(backend()).__name__ == expected


def test_index_follows_entity_edits(indexed: object) -> None:
    services.search_entries_refresh_people(slugs=["kim-go-eun"])
    assert SearchEntry.objects.filter(kind=EntryKind.PERSON).count() == 4
    hits = backend().search(parse_query("김고은"), now=timezone.now(), limit=5)
    assert [(h.kind, h.name) for h in hits] == [("person", "Kim Go-eun \ue000김고은\ue001")]


def test_newest_first_ranks_only_the_latest_articles(
    indexed: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Very common words: only the ``RECENT_WINDOW`` newest articles are ranked (bounded cost),
    the others are left out even when they match better; people and titles are still found."""
    monkeypatch.setattr(search_module, "RECENT_WINDOW", 3)
    monkeypatch.setattr(sqlite_module, "RECENT_WINDOW", 3)
    monkeypatch.setattr(postgres_module, "RECENT_WINDOW", 3)
    start = timezone.now() - datetime.timedelta(days=10)
    articles = [
        make_article(
            f"season-{day}",
            title=f"Season {day}" + (" season season" if day == 0 else ""),
            published_at=start + datetime.timedelta(days=day),
        )
        for day in range(5)
    ]
    refresh(*articles)
    query = parse_query("season")
    now = timezone.now()
    newest = backend().search(query, now=now, limit=10, newest_first=True)
    assert sorted(h.object_id for h in newest) == sorted(a.pk for a in articles[2:])
    everything = backend().search(query, now=now, limit=10)
    assert everything[0].object_id == articles[0].pk  # the best match, outside the window
    assert len(everything) == 5
    people = backend().search(parse_query("noh"), now=now, limit=10, newest_first=True)
    assert [h.kind for h in people] == ["person"]


def test_only_words_common_together_search_the_newest(
    indexed: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The share of articles expected to hold every word (the product of the words' shares)
    decides; below 1,000 articles relevance always decides."""
    stats = {DOCUMENTS_KEY: 10_000, "drama": 4_000, "series": 3_000, "noh": 200}
    TermStat.objects.bulk_create(TermStat(term=t, documents=n) for t, n in stats.items())
    assert _only_common_words(("drama",)) is True  # 40 %
    assert _only_common_words(("drama", "series")) is True  # 12 %
    assert _only_common_words(("drama", "noh")) is False  # 0.8 %
    assert _only_common_words(("unheard",)) is False
    TermStat.objects.filter(term=DOCUMENTS_KEY).update(documents=999)
    assert _only_common_words(("drama",)) is False
