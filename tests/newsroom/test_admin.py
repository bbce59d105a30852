"""The newsroom admin writes through the actions: the same follow-ups as every other screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from marquee.discovery.models import EntryKind, SearchEntry
from marquee.linking.models import ArticleEntity
from marquee.newsroom.models import Article, ArticleStatus, RevisionState
from tests.conftest import make_article

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]


def _form(**fields: Any) -> dict[str, Any]:
    data = {
        "title": "Kim Go-eun at Toronto",
        "slug": "kim-go-eun-at-toronto",
        "dek": "",
        "author": "Staff writer",
        "body": "Kim Go-eun arrived in Toronto.",
        "trailer_url": "",
        "sources-TOTAL_FORMS": "2",
        "sources-INITIAL_FORMS": "0",
        "sources-0-name": "TIFF",
        "sources-0-url": "tiff.net",
        "sources-0-position": "2",
        "sources-1-name": "Press kit",
        "sources-1-url": "",
        "sources-1-position": "1",
        "entities-TOTAL_FORMS": "0",
        "entities-INITIAL_FORMS": "0",
    }
    return {**data, **fields}


def test_adding_an_article_links_it_as_a_draft_and_publishing_indexes_it(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/newsroom/article/add/", _form())
    assert response.status_code == 302, response.content.decode()
    article = Article.objects.get(slug="kim-go-eun-at-toronto")
    assert (article.status, article.published_at) == (ArticleStatus.DRAFT, None)
    assert article.owner == User.objects.get(username="admin")
    assert [(s.name, s.url) for s in article.sources.all()] == [
        ("Press kit", ""),
        ("TIFF", "https://tiff.net"),
    ]
    assert ArticleEntity.objects.filter(article=article, person__slug="kim-go-eun").exists()
    assert 'href="/people/kim-go-eun/"' in article.body_html
    assert not SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=article.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/newsroom/article/",
            {"action": "publish", "_selected_action": [article.pk]},
            follow=True,
        )
    assert "Published 1 article(s)." in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=article.pk).exists()


def test_editing_a_draft_relinks_it(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(
            "kim-go-eun-at-toronto", body="Kim Go-eun arrived.", status=ArticleStatus.DRAFT
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/newsroom/article/{article.pk}/change/",
            _form(title="Arrivals", body="Steve Noh arrived.", **{"sources-TOTAL_FORMS": "0"}),
        )
    assert response.status_code == 302, response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.body) == ("Arrivals", "Steve Noh arrived.")
    assert article.pending_revision is None
    linked = ArticleEntity.objects.filter(article=article).values_list("person__slug", flat=True)
    assert list(linked) == ["noh-sang-hyun"]
    assert 'href="/people/noh-sang-hyun/"' in article.body_html


def test_editing_a_live_article_keeps_a_draft_revision_until_it_is_published(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("kim-go-eun-at-toronto", body="Kim Go-eun arrived.")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/newsroom/article/{article.pk}/change/",
            _form(
                title="Arrivals",
                body="Steve Noh arrived.",
                revision_message="New lead",
                **{"sources-TOTAL_FORMS": "0"},
            ),
            follow=True,
        )
    assert response.status_code == 200
    assert (
        "The article is live: your changes are kept as a draft revision, and readers see them "
        "once an editor publishes it."
    ) in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.body) == ("Kim go eun at toronto", "Kim Go-eun arrived.")
    pending = article.pending_revision
    assert pending is not None
    assert (pending.state, pending.title, pending.body, pending.message) == (
        RevisionState.DRAFT,
        "Arrivals",
        "Steve Noh arrived.",
        "New lead",
    )
    assert [link.person.slug for link in ArticleEntity.objects.filter(article=article)] == [
        "kim-go-eun"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/newsroom/article/", {"action": "publish", "_selected_action": [article.pk]}
        )
    article.refresh_from_db()
    assert (article.title, article.body, article.pending_revision) == (
        "Arrivals",
        "Steve Noh arrived.",
        None,
    )
    pending.refresh_from_db()
    assert pending.state == RevisionState.LIVE
    linked = ArticleEntity.objects.filter(article=article).values_list("person__slug", flat=True)
    assert list(linked) == ["noh-sang-hyun"]
    assert 'href="/people/noh-sang-hyun/"' in article.body_html


def test_a_refused_field_is_a_form_error_and_nothing_is_written(
    small_kb: Any, admin_client: Client
) -> None:
    response = admin_client.post("/admin/newsroom/article/add/", _form(slug="Not A Slug"))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Article.objects.exists()


def test_deleting_in_the_admin_forgets_the_article(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("to-delete", body="Kim Go-eun.")
    assert SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=article.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/newsroom/article/",
            {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
        )
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=article.pk).exists()


def test_unpublish_action_withdraws_from_search(
    small_kb: Any, admin_client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("taken-down", body="Kim Go-eun.")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/newsroom/article/",
            {"action": "unpublish", "_selected_action": [article.pk]},
            follow=True,
        )
    assert "Unpublished 1 article(s)." in response.content.decode()
    article.refresh_from_db()
    assert article.status == ArticleStatus.UNPUBLISHED
    assert not SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=article.pk).exists()
