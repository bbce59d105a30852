"""The newsroom's actions: what each writes, and what it sets off after commit."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from marquee.discovery.models import (
    ArticleProfile,
    EntryKind,
    SearchEntry,
    SimilarArticle,
    TermStat,
)
from marquee.discovery.services.similar import STORED_SIMILAR
from marquee.linking import services as linking_services
from marquee.linking.models import ArticleEntity
from marquee.newsroom import services
from marquee.newsroom.article_format import ArticleInput
from marquee.newsroom.models import Article, ArticleStatus
from tests.conftest import make_article

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
START = datetime.datetime(2024, 9, 1, 9, tzinfo=datetime.UTC)


def _searchable(article: Article) -> bool:
    return SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=article.pk).exists()


def _similar_ids(article: Article) -> list[int]:
    return list(
        SimilarArticle.objects.filter(article=article)
        .order_by("-score", "similar_id")
        .values_list("similar_id", flat=True)
    )


@pytest.fixture
def crowd(small_kb: Any, django_capture_on_commit_callbacks: Capture) -> list[Article]:
    """More articles about the same film than a stored list holds."""
    with django_capture_on_commit_callbacks(execute=True):
        return [
            make_article(
                f"love-story-{n}",
                title=f"Love in the Big City, part {n}",
                body=f"Kim Go-eun in Love in the Big City, note {n}.",
                published_at=START + datetime.timedelta(hours=n),
            )
            for n in range(STORED_SIMILAR + 3)
        ]


def test_create_links_the_article_and_indexes_it_after_commit(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article = services.article_create(
            article_input=ArticleInput(
                title="Premiere", slug="premiere", body="Kim Go-eun smiled."
            ),
            status=ArticleStatus.PUBLISHED,
        )
        assert not _searchable(article)  # nothing follows before commit
    assert len(callbacks) >= 1
    assert ArticleEntity.objects.filter(article=article, person__slug="kim-go-eun").exists()
    article.refresh_from_db()
    assert 'href="/people/kim-go-eun/" title="Kim Go-eun">Kim Go-eun</a>' in article.body_html
    assert _searchable(article)


def test_an_unchanged_update_writes_nothing_and_sets_nothing_off(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("same", body="Kim Go-eun.", published_at=START)
    updated_at = article.updated_at
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_article("same", body="Kim Go-eun.", published_at=START)
    assert callbacks == []
    article.refresh_from_db()
    assert article.updated_at == updated_at


def test_unpublish_withdraws_the_article_and_refills_the_lists_it_was_in(
    crowd: list[Article], django_capture_on_commit_callbacks: Capture
) -> None:
    first = crowd[0]
    gone = Article.objects.get(pk=_similar_ids(first)[0])
    assert len(_similar_ids(first)) == STORED_SIMILAR
    documents = TermStat.objects.get(term="#documents").documents

    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=gone)

    assert not _searchable(gone)
    assert not SimilarArticle.objects.filter(similar=gone).exists()
    assert not SimilarArticle.objects.filter(article=gone).exists()
    assert len(_similar_ids(first)) == STORED_SIMILAR  # refilled from the other articles
    assert TermStat.objects.get(term="#documents").documents == documents - 1
    assert ArticleProfile.objects.get(article=gone).published_at is None


def test_publishing_again_restores_the_article_with_its_date(
    crowd: list[Article], django_capture_on_commit_callbacks: Capture
) -> None:
    article = crowd[-1]
    published_at = article.published_at
    with django_capture_on_commit_callbacks(execute=True):
        services.article_unpublish(article=article)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == published_at
    assert _searchable(article)
    assert SimilarArticle.objects.filter(similar=article).exists()


def test_publishing_a_scheduled_article_dates_it_now(small_kb: Any) -> None:
    later = timezone.now() + datetime.timedelta(days=3)
    article = make_article("embargoed", status=ArticleStatus.PUBLISHED, published_at=later)
    assert article.status == ArticleStatus.SCHEDULED
    assert not article.is_public
    before = timezone.now()
    article = services.article_publish(article=article)
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at is not None and before <= article.published_at <= timezone.now()
    assert article.is_public


def test_delete_forgets_the_article_everywhere(
    crowd: list[Article], django_capture_on_commit_callbacks: Capture
) -> None:
    first = crowd[0]
    gone = Article.objects.get(pk=_similar_ids(first)[0])
    documents = TermStat.objects.get(term="#documents").documents
    with django_capture_on_commit_callbacks(execute=True):
        services.article_delete(article=gone)
    assert not Article.objects.filter(pk=gone.pk).exists()
    assert not SearchEntry.objects.filter(kind=EntryKind.ARTICLE, object_id=gone.pk).exists()
    assert TermStat.objects.get(term="#documents").documents == documents - 1
    assert len(_similar_ids(first)) == STORED_SIMILAR


def test_a_linking_failure_is_logged_and_discovery_still_follows(
    small_kb: Any,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(*, article_id: int) -> None:
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(linking_services, "article_link", broken)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("still-saved", body="Kim Go-eun.")
    assert Article.objects.filter(pk=article.pk).exists()
    assert f"linking article {article.pk} failed" in caplog.text
    assert _searchable(article)


def test_a_new_display_name_renames_the_tag_not_the_article(
    small_kb: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("idols", published_at=START, tags=("k-pop",))
    assert article.tags.get().name == "k pop"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_article("idols", published_at=START, tags=("K-pop",))
    assert callbacks == []  # the article itself is unchanged: nothing to relink
    assert Article.objects.get(slug="idols").tags.get().name == "K-pop"
    make_article("idols", published_at=START, tags=("k-pop",))  # a bare slug keeps the name
    assert Article.objects.get(slug="idols").tags.get().name == "K-pop"
