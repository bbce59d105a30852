"""Editors confirm and reject the linker's findings in the admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from marquee.linking.admin import evidence_text
from marquee.linking.models import ArticleEntity, EntityState, LinkCandidate
from marquee.newsroom.models import Article
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_article(
    small_kb: Any, django_capture_on_commit_callbacks: Callable[..., Any]
) -> Article:
    with django_capture_on_commit_callbacks(execute=True):
        return make_article("a", body="Kim Go-eun and Steve Noh met Lee Yoo-jin.")


def test_reject_action_goes_through_the_service(
    linked_article: Article, admin_client: Client
) -> None:
    row = ArticleEntity.objects.get(article=linked_article, person__slug="noh-sang-hyun")
    response = admin_client.post(
        "/admin/linking/articleentity/",
        {"action": "reject", "_selected_action": [row.pk]},
        follow=True,
    )
    assert "1 entit(ies) now rejected by an editor." in response.content.decode()
    row.refresh_from_db()
    assert row.state == EntityState.REJECTED
    linked_article.refresh_from_db()
    assert "/people/noh-sang-hyun/" not in linked_article.body_html


def test_confirm_action(linked_article: Article, admin_client: Client) -> None:
    row = ArticleEntity.objects.get(article=linked_article, person__slug="kim-go-eun")
    admin_client.post(
        "/admin/linking/articleentity/", {"action": "confirm", "_selected_action": [row.pk]}
    )
    row.refresh_from_db()
    assert row.state == EntityState.CONFIRMED


def test_candidates_page_offers_to_add_them(linked_article: Article, admin_client: Client) -> None:
    assert LinkCandidate.objects.filter(text="Lee Yoo-jin").exists()
    html = admin_client.get("/admin/linking/linkcandidate/").content.decode()
    assert '<a href="/admin/catalog/person/add/?name=Lee+Yoo-jin">Add as a person</a>' in html


def test_readers_cannot_reach_the_admin(linked_article: Article, client: Client) -> None:
    response = client.get("/admin/linking/articleentity/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_rejecting_in_the_change_form_removes_the_link_from_the_body(
    linked_article: Article, admin_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    row = ArticleEntity.objects.get(article=linked_article, person__slug="noh-sang-hyun")
    linked_article.refresh_from_db()
    assert "/people/noh-sang-hyun/" in linked_article.body_html
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/linking/articleentity/{row.pk}/change/", {"state": EntityState.REJECTED}
        )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.state == EntityState.REJECTED
    linked_article.refresh_from_db()
    assert "/people/noh-sang-hyun/" not in linked_article.body_html
    assert "/people/kim-go-eun/" in linked_article.body_html


def test_the_change_form_edits_only_the_verdict(
    linked_article: Article, admin_client: Client
) -> None:
    row = ArticleEntity.objects.get(article=linked_article, person__slug="kim-go-eun")
    html = admin_client.get(f"/admin/linking/articleentity/{row.pk}/change/").content.decode()
    assert 'name="state"' in html
    for field in ("article", "person", "title", "character", "confidence", "mentions"):
        assert f'name="{field}"' not in html
    assert "<mark>Kim Go-eun</mark>" in html
    assert admin_client.get("/admin/linking/articleentity/add/").status_code == 403
    assert admin_client.get(f"/admin/linking/articleentity/{row.pk}/delete/").status_code == 403


def test_the_article_page_shows_its_entities_read_only(
    linked_article: Article, admin_client: Client
) -> None:
    html = admin_client.get(f"/admin/newsroom/article/{linked_article.pk}/change/").content.decode()
    row = ArticleEntity.objects.get(article=linked_article, person__slug="kim-go-eun")
    assert (
        f'<a href="/admin/linking/articleentity/{row.pk}/change/">Kim Go-eun (person)</a>' in html
    )
    assert "entities-0-state" not in html


def test_evidence_reads_as_sentences() -> None:
    labels = {
        "love-in-the-big-city-film": "Love in the Big City (film)",
        "kim-go-eun": "Kim Go-eun",
    }
    cases = [
        ({"kind": "exact", "key": "Noh Sang-hyun", "field": "name"}, "exact name “Noh Sang-hyun”"),
        ({"kind": "exact", "key": "노상현", "field": "native_name"}, "exact Hangul name “노상현”"),
        ({"kind": "alias", "key": "Steve Noh", "alias_kind": "english_name"},
         "alias “Steve Noh” (English name)"),
        ({"kind": "variant", "key": "Noh Sang-hyun", "written": "Steve Sang-hyun Noh",
          "alias": "Steve Noh", "changes": ["english_name", "order"]},
         "variant “Steve Sang-hyun Noh” of Noh Sang-hyun with alias “Steve Noh” "
         "(English name, word order)"),
        ({"kind": "variant", "key": "Lee Eon-hee", "written": "Eon-hee Lee", "changes": ["order"],
          "over": ["lee-eun-hee"]},
         "variant “Eon-hee Lee” of Lee Eon-hee (word order) — over lee-eun-hee"),
        ({"kind": "fuzzy", "key": "Noh Sang-hyun", "written": "Noh Sang Hyn", "distance": 1},
         "typo “Noh Sang Hyn” for Noh Sang-hyun (1 edit)"),
        ({"kind": "fuzzy", "key": "Oldboy", "written": "Old Boy", "distance": 0},
         "another form “Old Boy” of Oldboy"),
        ({"kind": "partial", "key": "Kingdom: Ashin of the North", "written": "Ashin of the North",
          "support": "title"},
         "part “Ashin of the North” of Kingdom: Ashin of the North, named in full in the article"),
        ({"kind": "partial", "key": "Love in the Big City", "written": "Big City",
          "support": "credited", "credited": ["kim-go-eun"]},
         "part “Big City” of Love in the Big City, credited to Kim Go-eun, named in the article"),
        ({"kind": "short", "written": "Kim", "rule": "most_recent",
          "after": {"start": 0, "end": 10, "text": "Kim Hye-ja"}, "over": ["kim-go-eun"]},
         "short “Kim” after “Kim Hye-ja” (mentioned last) — over Kim Go-eun"),
        ({"kind": "short", "written": "Go-eun", "rule": "credited",
          "title": "love-in-the-big-city-film"},
         "short “Go-eun” (the one so named in the credits) of Love in the Big City (film)"),
        ({"kind": "translation", "key": "Love in the Big City", "written": "How to Love in a Big City",
          "cue": "means"},
         "translated title “How to Love in a Big City” of Love in the Big City (“means”)"),
        ({"kind": "character", "key": "Goo Jae-hee", "by": "cast",
          "mentioned": "person_and_title"},
         "character “Goo Jae-hee”, its actor and title mentioned"),
        ({"kind": "character", "key": "Goo Jae-hee", "by": "binding", "explicit": True,
          "credited": True},
         "character “Goo Jae-hee” bound to its actor by a phrase (“as”, “plays”)"),
        ({"kind": "character", "key": None, "by": "binding", "explicit": False,
          "credited": False, "written": "Han Da-in"},
         "character “Han Da-in” bound to its actor written next to it (not in the credits)"),
        ({"kind": "context", "cues": ["novel", "2019"], "credited": ["kim-go-eun"],
          "margin": 0.93, "over": ["love-in-the-big-city-film"]},
         "context: novel, 2019; credits mentioned: Kim Go-eun — over Love in the Big City (film)"),
        ({"kind": "context", "cues": [], "possessive": "kim-go-eun", "credited": [],
          "margin": 0.5, "over": ["love-in-the-big-city-film"]},
         "context: Kim Go-eun’s — over Love in the Big City (film)"),
    ]  # fmt: skip
    for item, text in cases:
        assert evidence_text(item, labels) == text


def test_the_change_form_says_why_with_names(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            "novel", body="Park Sang-young's novel Love in the Big City (2019) was a hit."
        )
    row = ArticleEntity.objects.get(article=article, title__slug="love-in-the-big-city-novel")
    assert row.evidence[1]["over"] == ["love-in-the-big-city-film"]
    html = admin_client.get(f"/admin/linking/articleentity/{row.pk}/change/").content.decode()
    assert (
        "exact name “Love in the Big City”<br>context: novel, 2019; credits mentioned: "
        "Park Sang-young — over Love in the Big City (film)"
    ) in html
    listing = admin_client.get("/admin/linking/articleentity/").content.decode()
    assert "— over love-in-the-big-city-film" in listing  # the list names no entity: no queries
    page = admin_client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert "exact name “Park Sang-young”" in page


def test_a_finding_linked_before_evidence_shows_a_dash(
    linked_article: Article, admin_client: Client
) -> None:
    row = ArticleEntity.objects.get(article=linked_article, person__slug="kim-go-eun")
    ArticleEntity.objects.filter(pk=row.pk).update(evidence=[])
    html = admin_client.get(f"/admin/linking/articleentity/{row.pk}/change/").content.decode()
    assert '<div class="readonly">—</div>' in html
