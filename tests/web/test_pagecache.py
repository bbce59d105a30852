"""The page cache: what anonymous readers share, what they never share, and what makes a stored
page stale (docs/caching.md)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from marquee.catalog import services as catalog_services
from marquee.catalog.models import Person
from marquee.community import services as community_services
from marquee.community.models import CommentStatus
from marquee.discovery.services import trending
from marquee.newsroom import services as newsroom_services
from marquee.newsroom.article_format import ArticleInput
from marquee.newsroom.models import Article
from tests.conftest import make_article

# Real commits: the pages go stale when the actions' changes commit, not before.
pytestmark = pytest.mark.django_db(transaction=True)

BODY = "Kim Go-eun stars in Love in the Big City."


@pytest.fixture(autouse=True)
def page_cache_on(settings: Any) -> None:
    settings.MARQUEE_PAGE_CACHE = True
    # Long enough that no page expires while a test runs on a busy machine.
    settings.MARQUEE_PAGE_CACHE_SECONDS = 600
    settings.MARQUEE_PAGE_CACHE_ARTICLE_SECONDS = 300


@pytest.fixture
def article(small_kb: Any) -> Article:
    return make_article("big-city", title="Big City opens", body=BODY, tags=("Premieres",))


def _reader(username: str = "reader") -> User:
    return User.objects.create_user(username, password="a long enough password")


def _edit(article: Article, **changes: Any) -> None:
    fields = {"title": article.title, "slug": article.slug, "body": article.body, "tags": ()}
    fields.update(changes)
    newsroom_services.article_update(
        article=article, article_input=ArticleInput(**fields), status=article.status
    )


def test_anonymous_readers_share_one_stored_page_without_cookies_or_tokens(
    article: Article, django_assert_num_queries: Any
) -> None:
    first = Client().get("/articles/big-city/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = Client().get("/articles/big-city/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content and second["ETag"] == first["ETag"]
    for response in (first, second):
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
        assert set(response["Vary"].split(", ")) == {"Cookie", "Accept-Language"}
        assert not response.cookies
        assert b"csrfmiddlewaretoken" not in response.content
        assert response["X-Frame-Options"] == "DENY"  # headers of the inner middleware kept


@pytest.mark.parametrize(
    ("url", "seconds"),
    [
        ("/", 600),
        ("/tags/premieres/", 600),
        ("/people/kim-go-eun/", 600),
        ("/titles/love-in-the-big-city-film/", 600),
        ("/feeds/latest.rss", 600),
        ("/feeds/tags/premieres.atom", 600),
        ("/sitemap.xml", 600),
        ("/sitemap-articles.xml", 600),
    ],
)
def test_every_public_page_kind_is_stored(article: Article, url: str, seconds: int) -> None:
    client = Client()
    assert client.get(url)["X-Page-Cache"] == "miss"
    second = client.get(url)
    assert second.status_code == 200 and second["X-Page-Cache"] == "hit"
    assert f"s-maxage={seconds}" in second["Cache-Control"]


def test_revalidation_with_the_etag_gets_304(article: Article) -> None:
    client = Client()
    etag = client.get("/articles/big-city/")["ETag"]
    assert client.get("/articles/big-city/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    feed = client.get("/feeds/latest.rss")
    assert client.get("/feeds/latest.rss", HTTP_IF_NONE_MATCH=feed["ETag"]).status_code == 304
    api = client.get("/api/v1/articles")
    assert client.get("/api/v1/articles", HTTP_IF_NONE_MATCH=api["ETag"]).status_code == 304
    _edit(article, title="Big City opens wide")
    assert client.get("/articles/big-city/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_logged_in_reader_gets_a_private_page_never_a_stored_one(article: Article) -> None:
    Client().get("/articles/big-city/")  # stored for anonymous readers
    client = Client()
    client.force_login(_reader("jiwoo"))
    response = client.get("/articles/big-city/")
    assert response["Cache-Control"] == "private, no-cache"
    assert "X-Page-Cache" not in response
    assert b"jiwoo" in response.content and b"csrfmiddlewaretoken" in response.content
    # and their page is not what the next anonymous reader gets
    assert b"jiwoo" not in Client().get("/articles/big-city/").content


def test_a_pending_message_or_credentials_bypass_the_stored_page(article: Article) -> None:
    Client().get("/articles/big-city/")
    assert Client().get("/articles/big-city/")["X-Page-Cache"] == "hit"
    with_message = Client()
    with_message.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in with_message.get("/articles/big-city/")
    assert "X-Page-Cache" not in Client().get("/articles/big-city/", HTTP_AUTHORIZATION="Bearer x")


def test_pages_are_stored_per_region_and_language(article: Article) -> None:
    us, gb = Client(), Client()
    gb.cookies["marquee_region"] = "GB"
    assert "in United States" in us.get("/articles/big-city/").content.decode()
    assert "in United Kingdom" in gb.get("/articles/big-city/").content.decode()
    assert "in United Kingdom" in gb.get("/articles/big-city/").content.decode()
    assert "in United States" in us.get("/articles/big-city/").content.decode()
    korean = Client().get("/articles/big-city/", HTTP_ACCEPT_LANGUAGE="ko-KR")
    assert korean["X-Page-Cache"] == "miss" and "in South Korea" in korean.content.decode()


def test_an_edit_reaches_the_stored_page(article: Article) -> None:
    client = Client()
    client.get("/articles/big-city/")
    client.get("/")
    _edit(article, title="Big City opens wide")
    assert b"Big City opens wide" in client.get("/articles/big-city/").content
    assert b"Big City opens wide" in client.get("/").content


def test_unpublishing_reaches_every_stored_page(article: Article) -> None:
    client = Client()
    for url in ("/articles/big-city/", "/", "/tags/premieres/", "/feeds/latest.rss"):
        assert b"big-city" in client.get(url).content
    newsroom_services.article_unpublish(article=article)
    assert client.get("/articles/big-city/").status_code == 404
    assert b"/articles/big-city/" not in client.get("/").content
    assert b"big-city" not in client.get("/feeds/latest.rss").content
    assert client.get("/tags/premieres/").status_code == 404  # only a draft carries the tag now


def _moderator() -> User:
    moderator = _reader("mod")
    moderator.is_staff = moderator.is_superuser = True
    moderator.save()
    return moderator


def test_approving_a_held_comment_reaches_the_stored_page(article: Article) -> None:
    client = Client()
    comment = community_services.comment_post(
        author=_reader("newcomer"), article=article, body="A held opinion about the film."
    )
    assert comment.status == CommentStatus.PENDING  # a new reader's first comments are held
    client.get("/articles/big-city/")
    assert b"A held opinion" not in client.get("/articles/big-city/").content
    assert client.get("/articles/big-city/")["X-Page-Cache"] == "hit"
    community_services.comment_approve(moderator=_moderator(), comment=comment)
    assert b"A held opinion" in client.get("/articles/big-city/").content


def test_a_new_comment_invalidates_its_article_only(article: Article) -> None:
    other = make_article("other-story", body="Another story.")
    client = Client()
    client.get("/articles/big-city/")
    client.get("/articles/other-story/")
    community_services.comment_post(
        author=_moderator(), article=article, body="What a cast for this one."
    )
    assert b"What a cast" in client.get("/articles/big-city/").content
    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_knowledge_base_edit_reaches_the_stored_pages(article: Article) -> None:
    client = Client()
    assert b"Kim Go-eun" in client.get("/people/kim-go-eun/").content
    person = Person.objects.get(slug="kim-go-eun")
    person.name = "Kim Goeun"
    catalog_services.person_save(person=person)
    assert b"Kim Goeun" in client.get("/people/kim-go-eun/").content


def test_reaction_counts_on_a_stored_page_age_at_most_its_lifetime(
    article: Article, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.MARQUEE_PAGE_CACHE_ARTICLE_SECONDS = 5
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)  # the stored page's clock stands still
    client = Client()
    client.get("/articles/big-city/")
    reader = Client()
    reader.force_login(_reader())
    reader.post("/articles/big-city/react/", {"reaction": "love"})
    own = reader.get("/articles/big-city/").content.decode()
    assert 'aria-pressed="true" data-reaction="love"' in own  # the reactor sees it at once
    assert client.get("/articles/big-city/")["X-Page-Cache"] == "hit"  # others: stored counts

    later = start + 6  # past the article pages' 5 seconds
    monkeypatch.setattr(time, "time", lambda: later)
    fresh = client.get("/articles/big-city/")
    assert fresh["X-Page-Cache"] == "miss"
    assert 'data-reaction="love">' in fresh.content.decode()


def test_a_visit_served_from_the_store_still_counts_towards_trending(article: Article) -> None:
    client = Client()
    for _ in range(3):
        client.get("/articles/big-city/")
    assert trending.article_view_record(slug="big-city") == 4  # three visits, then this one


def test_a_page_that_sets_a_cookie_is_served_privately_and_not_stored(
    article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.middleware.csrf import get_token

    from marquee.newsroom.views import articles as views

    depends_on = views.page_depends_on

    def with_token(request: Any, *names: str) -> None:
        get_token(request)  # as if a template slipped a form token into the shared page
        depends_on(request, *names)

    monkeypatch.setattr(views, "page_depends_on", with_token)
    for _ in range(2):
        response = Client().get("/articles/big-city/")
        assert response["Cache-Control"] == "private, no-cache"
        assert "X-Page-Cache" not in response and "csrftoken" in response.cookies


def test_a_logged_in_readers_page_is_built_from_shared_fragments(
    article: Article, django_assert_num_queries: Any
) -> None:
    client = Client()
    client.force_login(_reader("jiwoo"))
    first = client.get("/articles/big-city/").content.decode()
    # Session, user, reactions (the counts and theirs), their standing (a ban, comments awaiting
    # review here): the story, Watch Now, Similar Articles, the comments everyone sees, the
    # header, the badges and the reader's saved region are remembered.
    with django_assert_num_queries(4):
        again = client.get("/articles/big-city/").content.decode()
    for part in ("jiwoo", "Big City opens", "Watch now", 'class="comments"', "csrfmiddlewaretoken"):
        assert part in first and part in again


def _token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "no form token on the page"
    return found.group(1)


def _logged_in(username: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(_reader(username))
    return client


def test_shared_reader_fragments_carry_each_readers_own_name_choice_and_token(
    article: Article,
) -> None:
    jiwoo, minho = _logged_in("jiwoo"), _logged_in("minho")
    for client in (jiwoo, minho, jiwoo, minho):  # the second visits are built from fragments
        html = client.get("/articles/big-city/").content.decode()
    assert "jiwoo" not in html and '<span class="avatar" aria-hidden="true">M</span> minho' in html
    # A token served from a stored fragment is this reader's own: the reaction goes through.
    token = _token(jiwoo.get("/articles/big-city/").content.decode())
    chosen = jiwoo.post(
        "/articles/big-city/react/", {"reaction": "love", "csrfmiddlewaretoken": token}
    )
    assert chosen.status_code == 303
    mine = jiwoo.get("/articles/big-city/").content.decode()
    theirs = minho.get("/articles/big-city/").content.decode()
    assert 'aria-pressed="true" data-reaction="love"' in mine
    assert 'aria-pressed="true"' not in theirs
    assert 'data-reaction="love" data-label="Love">' in theirs
    love_count = re.compile(r'data-reaction="love".*?data-count>(\d+)<', re.S)
    assert love_count.search(mine).group(1) == love_count.search(theirs).group(1) == "1"  # type: ignore[union-attr]
    assert _token(theirs) != _token(mine)


def test_a_reader_with_comments_or_likes_on_the_page_gets_their_own_section(
    article: Article,
) -> None:
    author = _moderator()
    comment = community_services.comment_post(
        author=author, article=article, body="First thoughts on the cast."
    )
    plain = _logged_in("plain")
    plain.get("/articles/big-city/")
    shared = plain.get("/articles/big-city/").content.decode()
    assert "First thoughts on the cast." in shared
    assert f"/comments/{comment.pk}/edit/" not in shared  # nobody else may edit it
    own = Client()
    own.force_login(author)
    assert f"/comments/{comment.pk}/edit/" in own.get("/articles/big-city/").content.decode()
    liker = _logged_in("liker")
    community_services.comment_like_toggle(
        reader=User.objects.get(username="liker"), comment=comment
    )
    liked = liker.get("/articles/big-city/").content.decode()
    assert re.search(rf'comments/{comment.pk}/like/.*?aria-pressed="true"', liked, re.S)
    assert not re.search(
        rf'comments/{comment.pk}/like/.*?aria-pressed="true"',
        plain.get("/articles/big-city/").content.decode(),
        re.S,
    )


def test_reacting_uses_the_remembered_article_until_it_is_unpublished(article: Article) -> None:
    reader = Client()
    reader.force_login(_reader())
    reader.get("/articles/big-city/")  # the article is remembered with the page's fragments
    assert reader.post("/articles/big-city/react/", {"reaction": "wow"}).status_code == 303
    newsroom_services.article_unpublish(article=article)
    assert reader.post("/articles/big-city/react/", {"reaction": "sad"}).status_code == 404


def test_a_change_committed_while_a_page_renders_leaves_it_stale(
    article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    from marquee.newsroom.views import articles as views
    from marquee.web import pagecache

    trailer_for = views.trailer_for

    def with_a_concurrent_change(url: str) -> Any:
        pagecache._replace_tokens([pagecache.SITE_TOKEN])  # another process commits meanwhile
        return trailer_for(url)

    monkeypatch.setattr(views, "trailer_for", with_a_concurrent_change)
    assert Client().get("/articles/big-city/")["X-Page-Cache"] == "miss"
    monkeypatch.setattr(views, "trailer_for", trailer_for)
    assert Client().get("/articles/big-city/")["X-Page-Cache"] == "miss"  # not served as current
    assert Client().get("/articles/big-city/")["X-Page-Cache"] == "hit"
