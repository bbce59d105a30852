"""Linking in the product: articles linked after commit, editors' verdicts, incremental index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from marquee.catalog.kb_format import parse_document
from marquee.catalog.models import Person
from marquee.catalog.services import kb_import, person_delete, person_save
from marquee.linking import index
from marquee.linking.models import ArticleEntity, EntityState, LinkCandidate
from marquee.linking.services import article_entity_set_state, article_link
from marquee.newsroom.models import Article
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

BODY = (
    "Kim Go-eun stars opposite Steve Noh in the film. Later Kim Go-eun returns, and "
    "Jae-hee (Kim Go-eun) shines. The director, E.oni, also cast Lee Yoo-jin."
)


def linked(article: Article) -> dict[str, ArticleEntity]:
    return {str(row.target): row for row in ArticleEntity.objects.filter(article=article)}


@pytest.fixture
def review(small_kb: Any, django_capture_on_commit_callbacks: Callable[..., Any]) -> Article:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("review", title="Love in the Big City review", body=BODY)
    article.refresh_from_db()
    return article


def test_saving_an_article_links_it_after_commit(review: Article) -> None:
    rows = linked(review)
    assert {"Kim Go-eun", "Noh Sang-hyun", "Lee Eon-hee", "Goo Jae-hee"} <= set(rows)
    kim = rows["Kim Go-eun"]
    assert kim.state == EntityState.AUTO
    assert kim.confidence is not None and kim.confidence >= 0.9
    body_start = len("Love in the Big City review") + 4  # title, empty dek, separators
    assert kim.mentions[0] == {
        "start": body_start, "end": body_start + 10, "text": "Kim Go-eun", "how": "exact"
    }  # fmt: skip
    assert kim.evidence == [{"kind": "exact", "key": "Kim Go-eun", "field": "name"}]
    # Only the first mention in the body is linked.
    assert review.body_html.count('href="/people/kim-go-eun/"') == 1
    assert (
        '<a class="entity-link" href="/people/kim-go-eun/" title="Kim Go-eun">Kim Go-eun</a> stars'
        in review.body_html
    )
    assert 'href="/people/noh-sang-hyun/" title="Noh Sang-hyun">Steve Noh</a>' in review.body_html


def test_article_page_shows_chips_and_links(review: Article, client: Client) -> None:
    html = client.get("/articles/review/").content.decode()
    assert 'class="chip chip--person" href="/people/kim-go-eun/"' in html
    assert 'class="chip chip--title" href="/titles/love-in-the-big-city-film/"' in html
    assert 'href="/people/noh-sang-hyun/" title="Noh Sang-hyun">Steve Noh</a>' in html


def test_the_evidence_is_stored_with_each_finding(review: Article) -> None:
    rows = linked(review)
    assert rows["Noh Sang-hyun"].evidence == [
        {"kind": "alias", "key": "Steve Noh", "alias_kind": "english_name"}
    ]
    assert rows["Lee Eon-hee"].evidence == [
        {"kind": "alias", "key": "E.oni", "alias_kind": "other_name"}
    ]
    assert rows["Goo Jae-hee"].evidence == [
        {"kind": "character", "key": "Goo Jae-hee", "by": "binding", "explicit": False,
         "credited": True}
    ]  # fmt: skip


def test_relinking_replaces_the_evidence(
    review: Article, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    row = ArticleEntity.objects.get(article=review, person__slug="noh-sang-hyun")
    article_entity_set_state(article_entity=row, state=EntityState.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        make_article("review", title="Love in the Big City review", body="Sang-hyun Noh smiled.")
    row.refresh_from_db()
    assert row.state == EntityState.CONFIRMED
    assert row.evidence == [
        {"kind": "variant", "key": "Noh Sang-hyun", "written": "Sang-hyun Noh",
         "changes": ["order"]}
    ]  # fmt: skip


def test_unlinked_names_become_candidates(review: Article) -> None:
    candidate = LinkCandidate.objects.get(article=review, text="Lee Yoo-jin")
    assert (candidate.text, candidate.guess, candidate.occurrences) == ("Lee Yoo-jin", "person", 1)


def test_rejection_survives_relinking(review: Article, client: Client) -> None:
    row = ArticleEntity.objects.get(article=review, person__slug="noh-sang-hyun")
    article_entity_set_state(article_entity=row, state=EntityState.REJECTED)
    article_link(article_id=review.pk)
    row.refresh_from_db()
    assert row.state == EntityState.REJECTED
    review.refresh_from_db()
    assert "/people/noh-sang-hyun/" not in review.body_html
    assert "/people/noh-sang-hyun/" not in client.get("/articles/review/").content.decode()


def test_confirmed_entity_stays_when_its_mention_goes(
    review: Article, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    row = ArticleEntity.objects.get(article=review, person__slug="lee-eon-hee")
    article_entity_set_state(article_entity=row, state=EntityState.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        make_article("review", title="Love in the Big City review", body="Kim Go-eun only.")
    remaining = linked(Article.objects.get(slug="review"))
    assert remaining["Lee Eon-hee"].state == EntityState.CONFIRMED
    assert "Noh Sang-hyun" not in remaining  # automatic and no longer mentioned


def test_low_confidence_links_are_kept_for_editors_but_not_shown(
    review: Article, client: Client, settings: Any
) -> None:
    settings.MARQUEE_LINK_MIN_CONFIDENCE = 1.01
    article_link(article_id=review.pk)
    html = client.get("/articles/review/").content.decode()
    assert "chip--person" not in html
    assert ArticleEntity.objects.filter(article=review).count() >= 4


def test_one_new_person_is_added_without_a_rebuild(
    small_kb: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    linker = index.current_linker()
    with django_capture_on_commit_callbacks(execute=True):
        person_save(person=Person(slug="nam-yoon-su", name="Nam Yoon-su", native_name="남윤수"))
    assert index.current_linker() is linker  # the same index, updated in place
    assert linker.link("Nam Yoon Su was cast.").entity("nam-yoon-su") is not None


def test_renaming_a_person_updates_the_index_in_place(
    small_kb: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    linker = index.current_linker()
    with django_capture_on_commit_callbacks(execute=True):
        person = Person.objects.get(slug="park-sang-young")
        person.name = "Park Sang-yeong"
        person_save(person=person)
    assert index.current_linker() is linker
    found = linker.link("The novelist Park Sang-yeong spoke.").entity("park-sang-young")
    assert found is not None


def test_a_bulk_import_rebuilds_the_index(
    small_kb: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    linker = index.current_linker()
    with django_capture_on_commit_callbacks(execute=True):
        kb_import(
            document=parse_document(
                {"format": "marquee-kb/1", "people": [{"id": "iu", "name": "Lee Ji-eun",
                                                       "aliases": ["IU"]}]}
            )
        )  # fmt: skip
    rebuilt = index.current_linker()
    assert rebuilt is not linker
    assert rebuilt.link("IU sang.").entity("iu") is not None


def test_a_gap_in_the_change_log_rebuilds(small_kb: Any) -> None:
    from django.core.cache import cache

    linker = index.current_linker()
    index.record_changes(people=["kim-go-eun"])
    cache.delete(index.LOG_KEY)
    assert index.current_linker() is not linker


def test_a_linking_failure_does_not_fail_the_save(
    small_kb: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from marquee.linking import services

    def broken(*, article_id: int) -> None:
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(services, "article_link", broken)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("still-saved", body="Kim Go-eun.")
    assert Article.objects.filter(pk=article.pk).exists()
    assert f"linking article {article.pk} failed" in caplog.text


def test_a_deleted_person_leaves_the_index_in_place(
    small_kb: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    linker = index.current_linker()
    assert linker.link("Steve Noh smiled.").entity("noh-sang-hyun") is not None
    with django_capture_on_commit_callbacks(execute=True):
        person_delete(people=Person.objects.filter(slug="noh-sang-hyun"))
    assert index.current_linker() is linker
    assert linker.link("Steve Noh smiled.").entity("noh-sang-hyun") is None
    assert linker.credits_of_title("love-in-the-big-city-film")[0].person == "kim-go-eun"
