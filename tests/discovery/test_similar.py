"""Similar Articles: computed after commit, stored, read by the page and the command."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from marquee.discovery import selectors, services
from marquee.discovery.models import ArticleProfile, SimilarArticle, TermStat
from marquee.discovery.search import backend as search_backend
from marquee.discovery.services import similar as similar_service
from marquee.newsroom.models import Article, ArticleStatus
from marquee.newsroom.services import article_unpublish
from tests.conftest import make_article
from tests.discovery.conftest import link, refresh

pytestmark = pytest.mark.django_db
START = datetime.datetime(2024, 9, 1, 9, tzinfo=datetime.UTC)


def day(n: int) -> datetime.datetime:
    return START + datetime.timedelta(days=n)


def similar_slugs(article: Article) -> list[str]:
    return [row.similar.slug for row in selectors.similar_articles(article)]


@pytest.fixture
def corpus(small_kb: dict[str, Any]) -> dict[str, Article]:
    """Two outlets on the same premiere; the same film later; a platform-only story; noise."""
    premiere_a = make_article(
        "tiff-premiere-outlet-a",
        title="Love in the Big City premieres at Toronto",
        body="Kim Go-eun and Noh Sang-hyun walked the red carpet at TIFF for the world "
        "premiere of E.oni's adaptation of Park Sang-young's novel. Standing ovation.",
        published_at=day(12),
        tags=("film", "festivals"),
    )
    premiere_b = make_article(
        "tiff-premiere-outlet-b",
        title="Toronto cheers Love in the Big City at its world premiere",
        body="At TIFF, the world premiere of Love in the Big City ended in a standing "
        "ovation for Kim Go Eun and Steve Noh; E.oni adapted the novel by Park Sang-young.",
        published_at=day(12) + datetime.timedelta(hours=5),
        tags=("film", "tiff"),
    )
    review = make_article(
        "review-love-in-the-big-city",
        title="Review: a friendship that carries a decade",
        body="Jae-hee and Heung-soo share a flat and a secret in this warm film.",
        published_at=day(40),
        tags=("film", "reviews"),
    )
    platform = make_article(
        "streaming-roundup",
        title="What is new on streaming this month",
        body="Netflix adds a dozen titles, from Goblin to true crime documentaries.",
        published_at=day(13),
        tags=("film",),
    )
    noise = [
        make_article(
            f"noise-{n}",
            title=f"Box office weekend {n}",
            body="Ticket sales and screens across multiplexes.",
            published_at=day(n),
            tags=("film",),
        )
        for n in range(3)
    ]
    for article in (premiere_a, premiere_b):
        link(article, title="love-in-the-big-city-film")
        link(article, person="kim-go-eun")
        link(article, person="noh-sang-hyun")
        link(article, person="lee-eon-hee")
    link(review, title="love-in-the-big-city-film")
    link(review, character="Goo Jae-hee")
    link(platform, title="goblin")
    for article in noise:
        link(article, person="kim-go-eun")  # a star in every story is not much of a link
    link(platform, person="kim-go-eun")
    articles = [premiere_a, premiere_b, review, platform, *noise]
    refresh(*articles)
    return {a.slug: a for a in articles}


def test_same_story_by_two_outlets_ranks_first_for_each_other(corpus: dict[str, Article]) -> None:
    a, b = corpus["tiff-premiere-outlet-a"], corpus["tiff-premiere-outlet-b"]
    assert similar_slugs(a)[0] == b.slug
    assert similar_slugs(b)[0] == a.slug


def test_same_film_beats_a_shared_common_entity(corpus: dict[str, Article]) -> None:
    slugs = similar_slugs(corpus["tiff-premiere-outlet-a"])
    assert slugs[1] == "review-love-in-the-big-city"
    assert len(slugs) == 4


def test_scores_are_stored_and_page_reads_four(
    client: Client, corpus: dict[str, Article], django_assert_num_queries: Any
) -> None:
    article = corpus["tiff-premiere-outlet-a"]
    # The streaming round-up shares only a ubiquitous star and the "film" tag: not similar.
    assert SimilarArticle.objects.filter(article=article).count() == 5
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h2 id="similar-heading" class="discovery__heading">Similar articles</h2>' in html
    assert html.count('class="similar__item"') == 4
    assert html.index("/articles/tiff-premiere-outlet-b/") < html.index(
        "/articles/review-love-in-the-big-city/"
    )


@pytest.mark.parametrize("full_recompute_up_to", [0, 200])
def test_new_article_enters_the_lists_of_the_affected_articles(
    corpus: dict[str, Article], monkeypatch: pytest.MonkeyPatch, full_recompute_up_to: int
) -> None:
    """Incrementally (large corpora) or by recomputing every list (small ones)."""
    monkeypatch.setattr(similar_service, "FULL_RECOMPUTE_UP_TO", full_recompute_up_to)
    follow_up = make_article(
        "tiff-premiere-outlet-c",
        title="Love in the Big City: the Toronto premiere in pictures",
        body="Kim Go-eun, Noh Sang-hyun and E.oni at the TIFF world premiere, standing ovation.",
        published_at=day(12) + datetime.timedelta(hours=9),
        tags=("film", "festivals"),
    )
    link(follow_up, title="love-in-the-big-city-film")
    link(follow_up, person="kim-go-eun")
    link(follow_up, person="noh-sang-hyun")
    link(follow_up, person="lee-eon-hee")
    refresh(follow_up)
    assert similar_slugs(follow_up)[:2] == ["tiff-premiere-outlet-a", "tiff-premiere-outlet-b"] or (
        similar_slugs(follow_up)[:2] == ["tiff-premiere-outlet-b", "tiff-premiere-outlet-a"]
    )
    assert "tiff-premiere-outlet-c" in similar_slugs(corpus["tiff-premiere-outlet-a"])[:2]
    assert "tiff-premiere-outlet-c" in similar_slugs(corpus["tiff-premiere-outlet-b"])[:2]


def test_unpublished_articles_leave_every_list(corpus: dict[str, Article]) -> None:
    b = corpus["tiff-premiere-outlet-b"]
    article_unpublish(article=b)
    assert b.slug not in similar_slugs(corpus["tiff-premiere-outlet-a"])  # read filter
    refresh(b)
    assert not SimilarArticle.objects.filter(similar=b).exists()
    assert ArticleProfile.objects.get(article=b).published_at is None


def test_term_statistics_follow_edits(corpus: dict[str, Article]) -> None:
    documents = TermStat.objects.get(term="#documents").documents
    assert documents == 7
    assert TermStat.objects.get(term="ovation").documents == 2
    article = corpus["tiff-premiere-outlet-b"]
    make_article(article.slug, title=article.title, body="Rewritten.", published_at=day(12))
    refresh(article)
    assert TermStat.objects.get(term="ovation").documents == 1
    assert TermStat.objects.get(term="#documents").documents == 7


def test_recomputed_after_commit_when_entities_are_stored(
    small_kb: object, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = make_article("exhuma-one", title="Exhuma shaman horror", body="Exhuma grave.")
        second = make_article("exhuma-two", title="Exhuma box office", body="Exhuma shaman.")
        make_article("weather", title="Rain in Seoul", body="Umbrellas everywhere.")
        make_article("baseball", title="Baseball final", body="A late home run.")
    # The linker ran after commit (article_saved), then discovery (article_linked).
    assert similar_slugs(first) == ["exhuma-two"]
    assert similar_slugs(second) == ["exhuma-one"]


def test_command_prints_contract_json(corpus: dict[str, Article]) -> None:
    out = StringIO()
    call_command("similar", "tiff-premiere-outlet-a", "--json", "-k", "2", stdout=out)
    data = json.loads(out.getvalue())
    assert data["article"] == "tiff-premiere-outlet-a"
    assert [item["slug"] for item in data["similar"]] == [
        "tiff-premiere-outlet-b",
        "review-love-in-the-big-city",
    ]
    assert set(data["similar"][0]) == {"slug", "title", "score"}
    assert data["similar"][0]["score"] >= data["similar"][1]["score"] > 0


def test_command_text_and_errors(corpus: dict[str, Article]) -> None:
    out = StringIO()
    call_command("similar", "tiff-premiere-outlet-a", stdout=out)
    assert (
        out.getvalue()
        .splitlines()[0]
        .endswith(
            "tiff-premiere-outlet-b  Toronto cheers Love in the Big City at its world premiere"
        )
    )
    with pytest.raises(CommandError, match="no published article with slug 'nope'"):
        call_command("similar", "nope")
    with pytest.raises(CommandError, match="-k must be between 1 and 8, got 0"):
        call_command("similar", "tiff-premiere-outlet-a", "-k", "0")
    draft = make_article("a-draft", status=ArticleStatus.DRAFT)
    with pytest.raises(CommandError, match="no published article"):
        call_command("similar", draft.slug)


def test_rebuild_recomputes_everything(corpus: dict[str, Article]) -> None:
    before = similar_slugs(corpus["tiff-premiere-outlet-a"])
    SimilarArticle.objects.all().delete()
    out = StringIO()
    call_command("similar", "--rebuild", stdout=out, stderr=StringIO())
    assert "of 7 articles" in out.getvalue()
    assert similar_slugs(corpus["tiff-premiere-outlet-a"])[:2] == before[:2]


def test_service_returns_scored_list(corpus: dict[str, Article]) -> None:
    scored = services.similar_refresh(article_id=corpus["tiff-premiere-outlet-b"].pk)
    assert scored[0].article_id == corpus["tiff-premiere-outlet-a"].pk
    assert scored == sorted(scored, key=lambda item: -item.score)


def test_cached_frequencies_expire_and_follow_writes_in_the_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = similar_service.cached_frequencies
    TermStat.objects.create(term="p:1", documents=3)
    clock = [1000.0]
    monkeypatch.setattr("time.monotonic", lambda: clock[0])  # the cache's clock
    assert cache.get(["p:1", "p:2"]) == {"p:1": 3, "p:2": 0}
    TermStat.objects.filter(term="p:1").update(documents=4)  # another process writes
    assert cache.get(["p:1"]) == {"p:1": 3}
    clock[0] += cache.TTL
    assert cache.get(["p:1"]) == {"p:1": 4}
    similar_service.adjust_frequencies(["p:1", "p:2"], [])  # this process writes
    assert cache.get(["p:1", "p:2"]) == {"p:1": 5, "p:2": 1}


def test_very_common_terms_do_not_query_text_candidates(
    corpus: dict[str, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = similar_service.profile_of(
        ArticleProfile.objects.get(article_id=corpus["tiff-premiere-outlet-a"].pk)
    )
    heaviest = max(profile.vector, key=lambda term: profile.vector[term])
    asked: list[list[str]] = []
    original = search_backend

    class Recording:
        def more_like(self, terms: list[str], **kwargs: Any) -> list[tuple[int, float]]:
            asked.append(terms)
            return original().more_like(terms, **kwargs)

    monkeypatch.setattr(similar_service, "backend", Recording)
    similar_service.similar_candidates(profile, now=timezone.now())
    assert heaviest in asked[0]
    TermStat.objects.filter(term=heaviest).update(documents=similar_service.TEXT_TERM_MIN_CAP + 1)
    similar_service.cached_frequencies.clear()
    similar_service.similar_candidates(profile, now=timezone.now())
    assert heaviest not in asked[1]
    assert len(asked[1]) == similar_service.TEXT_QUERY_TERMS
