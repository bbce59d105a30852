"""Editors confirm and reject the linker's findings in the admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

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
