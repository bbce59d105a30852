"""The editors' admin over the knowledge graph and the newsroom."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from marquee.catalog.models import Person, Platform
from marquee.linking import index
from marquee.newsroom.models import Article, ArticleStatus
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/catalog/person/?q=Steve+Noh", "Noh Sang-hyun"),
        ("/admin/catalog/person/?q=%EA%B9%80%EA%B3%A0%EC%9D%80", "Kim Go-eun"),
        ("/admin/catalog/title/?q=Goblin", "Guardian: The Lonely and Great God"),
        ("/admin/catalog/title/?kind__exact=novel", "love-in-the-big-city-novel"),
        ("/admin/catalog/credit/?q=Jae-hee", "Goo Jae-hee"),
    ],
)
def test_admin_search_and_filters(
    small_kb: Any, admin_client: Client, url: str, expected: str
) -> None:
    response = admin_client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_availability_filtered_by_platform(small_kb: Any, admin_client: Client) -> None:
    viki = Platform.objects.get(slug="viki")
    html = admin_client.get(f"/admin/catalog/availability/?platform__id__exact={viki.pk}").content
    assert "Love in the Big City" in html.decode()
    assert "Guardian" not in html.decode()  # Goblin is only on Netflix


def test_admin_change_pages_render(small_kb: Any, admin_client: Client) -> None:
    noh = Person.objects.get(slug="noh-sang-hyun")
    assert admin_client.get(f"/admin/catalog/person/{noh.pk}/change/").status_code == 200
    assert admin_client.get("/admin/catalog/title/add/").status_code == 200


def test_editing_a_person_in_the_admin_updates_the_linker(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    linker = index.current_linker()
    noh = Person.objects.get(slug="noh-sang-hyun")
    form = {
        "slug": noh.slug, "name": noh.name, "native_name": noh.native_name, "kind": "person",
        "born": "1990-03-12", "bio": "",
        "aliases-TOTAL_FORMS": "2", "aliases-INITIAL_FORMS": "1", "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
        "aliases-0-id": str(noh.aliases.get().pk), "aliases-0-person": str(noh.pk),
        "aliases-0-name": "Steve Noh", "aliases-0-kind": "english_name", "aliases-0-position": "0",
        "aliases-1-person": str(noh.pk), "aliases-1-name": "Sanghyun the Great",
        "aliases-1-kind": "stage_name", "aliases-1-position": "1",
        "credits-TOTAL_FORMS": "0", "credits-INITIAL_FORMS": "0", "credits-MIN_NUM_FORMS": "0",
        "credits-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/catalog/person/{noh.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert index.current_linker() is linker
    assert linker.link("Sanghyun the Great arrived.").entity("noh-sang-hyun") is not None


def test_publish_action(admin_client: Client) -> None:
    draft = make_article("draft", status=ArticleStatus.DRAFT)
    admin_client.post(
        "/admin/newsroom/article/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED and draft.published_at is not None
    assert Article.objects.published().filter(slug="draft").exists()


def test_article_admin_save_renders_markdown(admin_client: Client) -> None:
    response = admin_client.post(
        "/admin/newsroom/article/add/",
        {
            "title": "Hello", "slug": "hello", "dek": "", "author": "Ed", "body": "*Hi* <b>x</b>",
            "status": "published", "published_at_0": "2024-10-01", "published_at_1": "09:00:00",
            "trailer_url": "",
            "sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0",
            "sources-MIN_NUM_FORMS": "0", "sources-MAX_NUM_FORMS": "1000",
            "entities-TOTAL_FORMS": "0", "entities-INITIAL_FORMS": "0",
            "entities-MIN_NUM_FORMS": "0", "entities-MAX_NUM_FORMS": "1000",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (
        Article.objects.get(slug="hello").body_html == "<p><em>Hi</em> &lt;b&gt;x&lt;/b&gt;</p>\n"
    )
