"""``/preview/<token>/``: the revision a signed, expiring, revocable link names, for readers
without an account; ``noindex`` and never cached."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core import signing
from django.test import Client
from django.utils import timezone

from marquee.newsroom import services
from marquee.newsroom.article_format import ArticleInput
from marquee.newsroom.models import Article, ArticleRevision, PreviewLink
from marquee.newsroom.services.previews import SALT
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor() -> User:
    user = User.objects.create_user("editor", email="editor@example.com")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def draft_revision(editor: User) -> ArticleRevision:
    """A draft revision of a live article: what readers do not see yet."""
    article = make_article("premiere", title="Live headline", body="The live text.")
    article = services.article_update(
        article=article,
        article_input=ArticleInput(
            title="Draft headline", slug="premiere", body="The *draft* text.", author="Min-ji Seo"
        ),
        status=article.status,
        by=editor,
        message="Rewrite",
    )
    assert article.pending_revision is not None
    return article.pending_revision


def _link(revision: ArticleRevision, editor: User, **options: Any) -> tuple[PreviewLink, str]:
    link = services.preview_link_create(revision=revision, by=editor, **options)
    return link, f"/preview/{services.preview_token(link)}/"


def test_a_valid_link_shows_the_draft_revision_not_the_live_text(
    client: Client, draft_revision: ArticleRevision, editor: User
) -> None:
    _, url = _link(draft_revision, editor)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="article-title" class="article__title">Draft headline</h1>' in html
    assert "<p>The <em>draft</em> text.</p>" in html
    assert "Live headline" not in html and "The live text." not in html
    assert '<span class="byline">By Min-ji Seo</span>' in html
    # Readers of the article itself still see the live text.
    live = client.get("/articles/premiere/").content.decode()
    assert "Live headline" in live and "Draft headline" not in live


def test_the_preview_is_noindex_never_cached_and_without_reactions_or_comments(
    client: Client, draft_revision: ArticleRevision, editor: User
) -> None:
    _, url = _link(draft_revision, editor)
    response = client.get(url)
    assert response["X-Robots-Tag"] == "noindex"
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store", "no-cache"}
    assert "public" not in response["Cache-Control"]
    html = response.content.decode()
    assert html.count('<meta name="robots" content="noindex">') == 1
    for engagement in ('class="engagement"', "reactions__form", 'id="comment-body"', "/react/"):
        assert engagement not in html


def test_the_page_cache_never_stores_a_preview(
    client: Client, draft_revision: ArticleRevision, editor: User, settings: Any
) -> None:
    settings.MARQUEE_PAGE_CACHE = True
    link, url = _link(draft_revision, editor)
    first, second = Client().get(url), Client().get(url)
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    # Revoked, it is gone at once: nothing kept a copy.
    services.preview_link_revoke(link=link, by=editor)
    assert Client().get(url).status_code == 404


def test_an_expired_link_is_404(
    client: Client, draft_revision: ArticleRevision, editor: User
) -> None:
    link, url = _link(draft_revision, editor, days=0.0001)  # about nine seconds
    assert client.get(url).status_code == 200
    PreviewLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(url)
    assert response.status_code == 404
    assert "Draft headline" not in response.content.decode()


def test_a_revoked_link_is_404(
    client: Client, draft_revision: ArticleRevision, editor: User
) -> None:
    link, url = _link(draft_revision, editor)
    services.preview_link_revoke(link=link, by=editor)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("position", [0, -1], ids=["payload", "signature"])
def test_a_tampered_token_is_404(
    client: Client, draft_revision: ArticleRevision, editor: User, position: int
) -> None:
    link, _ = _link(draft_revision, editor)
    token = services.preview_token(link)
    changed = "B" if token[position] != "B" else "C"
    tampered = token[:position] + changed + (token[position + 1 :] if position != -1 else "")
    assert tampered != token and len(tampered) == len(token)
    assert client.get(f"/preview/{tampered}/").status_code == 404


def test_a_token_naming_no_link_is_404(client: Client, draft_revision: ArticleRevision) -> None:
    assert client.get(f"/preview/{signing.dumps(987654, salt=SALT)}/").status_code == 404
    assert client.get("/preview/not-a-token/").status_code == 404


def test_a_deleted_article_takes_its_previews_with_it(
    client: Client, draft_revision: ArticleRevision, editor: User
) -> None:
    _, url = _link(draft_revision, editor)
    services.article_delete(article=Article.objects.get(slug="premiere"))
    assert client.get(url).status_code == 404


def test_a_preview_is_read_only(
    client: Client, draft_revision: ArticleRevision, editor: User
) -> None:
    _, url = _link(draft_revision, editor)
    assert client.post(url).status_code == 405


def test_a_preview_links_names_and_shows_chips_and_watch_now_as_the_article_will(
    client: Client, editor: User, small_kb: Any
) -> None:
    """Entities as linked at the article's last save: their first mentions in the revision's
    text are linked, the chips and Watch Now are the article's."""
    from marquee.linking.services import article_link

    article = make_article(
        "festival", title="Festival report", body="Kim Go-eun opened Love in the Big City."
    )
    article_link(article_id=article.pk)
    article.refresh_from_db()
    article = services.article_update(
        article=article,
        article_input=ArticleInput(
            title="Festival report",
            slug="festival",
            body="A new lead paragraph.\n\nLater, Kim Go-eun thanked the audience.",
        ),
        status=article.status,
        by=editor,
        message="New lead",
    )
    revision = article.pending_revision
    assert revision is not None
    _, url = _link(revision, editor)
    for page in (url, f"/editorial/revisions/{revision.pk}/preview/"):
        viewer = client
        if page.startswith("/editorial/"):  # the newsroom's own preview: staff only
            editor.is_staff = True
            editor.save(update_fields=["is_staff"])
            viewer = Client()
            viewer.force_login(editor)
        viewer.cookies["marquee_region"] = "US"
        response = viewer.get(page)
        assert response.status_code == 200, (page, response.status_code, response.get("Location"))
        html = response.content.decode()
        assert (
            '<p>Later, <a class="entity-link" href="/people/kim-go-eun/" title="Kim Go-eun">'
            "Kim Go-eun</a> thanked the audience.</p>"
        ) in html
        assert '<nav class="entity-chips" aria-label="In this article">' in html
        assert 'href="/titles/love-in-the-big-city-film/"><cite>Love in the Big City</cite>' in html
        assert 'Watch now <span class="watch-now__region">in United States</span>' in html
        assert "New lead paragraph" not in html and "A new lead paragraph." in html
