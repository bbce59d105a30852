"""Reaction and comment endpoints (docs/web.md), the engagement block and moderation pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marquee.community import services
from marquee.community.models import Comment, CommentStatus, ModerationAction, Reaction
from marquee.newsroom.models import Article
from tests.community.conftest import ReaderFactory
from tests.conftest import make_article

pytestmark = pytest.mark.django_db
JSON: dict[str, Any] = {"HTTP_ACCEPT": "application/json"}
URL = "/articles/love-in-the-big-city-review/"


def post_json(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json", **JSON)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- reactions ----------------------------------------------------------------------------


def test_react_json_contract(reader: User, article: Article) -> None:
    client = logged_in(reader)
    empty = {"love": 0, "haha": 0, "wow": 0, "sad": 0, "angry": 0}
    assert client.get(URL + "react/", **JSON).json() == {"counts": empty, "mine": None}
    response = post_json(client, URL + "react/", {"reaction": "love"})
    assert response.status_code == 200
    assert response.json() == {"counts": {**empty, "love": 1}, "mine": "love"}
    # a form body with an Accept header works the same way
    response = client.post(URL + "react/", {"reaction": "haha"}, **JSON)
    assert response.json() == {"counts": {**empty, "haha": 1}, "mine": "haha"}
    assert post_json(client, URL + "react/", {"reaction": "haha"}).json() == {
        "counts": empty,
        "mine": None,
    }


def test_anonymous_readers_see_counts_but_cannot_react(reader: User, article: Article) -> None:
    services.reaction_set(reader=reader, article=article, kind="wow")
    client = Client()
    assert client.get(URL + "react/", **JSON).json()["counts"]["wow"] == 1
    response = post_json(client, URL + "react/", {"reaction": "love"})
    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "not_authenticated", "message": "Log in to react to articles."}
    }
    form = client.post(URL + "react/", {"reaction": "love"})
    assert form.status_code == 302
    assert form["Location"] == (
        "/accounts/login/?next=/articles/love-in-the-big-city-review/%23reactions"
    )
    assert Reaction.objects.count() == 1


def test_react_form_post_redirects_back_to_the_reactions(reader: User, article: Article) -> None:
    response = logged_in(reader).post(URL + "react/", {"reaction": "sad"})
    assert (response.status_code, response["Location"]) == (303, URL + "#reactions")
    assert Reaction.objects.get().kind == "sad"


def test_react_refusals_say_why(reader: User, article: Article) -> None:
    client = logged_in(reader)
    response = post_json(client, URL + "react/", {"reaction": "meh"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_reaction"
    page = client.post(URL + "react/", {"reaction": "meh"})
    assert page.status_code == 400
    assert "Choose one of these reactions: love, haha, wow, sad, angry." in page.content.decode()
    bad_json = client.post(URL + "react/", "{", content_type="application/json", **JSON)
    assert bad_json.json() == {
        "error": {"code": "invalid_json", "message": "The request body is not valid JSON."}
    }
    assert client.post("/articles/nope/react/", {"reaction": "love"}).status_code == 404


def test_reactions_on_unpublished_articles_are_not_found(reader: User) -> None:
    make_article("draft-piece", status="draft")
    assert logged_in(reader).post("/articles/draft-piece/react/", **JSON).status_code == 404


# --- comments -----------------------------------------------------------------------------


def test_comment_json_contract(reader: User, article: Article) -> None:
    response = post_json(logged_in(reader), URL + "comments/", {"body": "**Loved** it"})
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert response.json() == {
        "id": comment.pk,
        "status": "published",
        "html": "<p><strong>Loved</strong> it</p>",
    }


def test_reply_and_pending_status_in_json(
    reader: User, other_reader: User, article: Article, settings: Any
) -> None:
    root = services.comment_post(author=reader, article=article, body="Root")
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 3
    response = post_json(
        logged_in(other_reader), URL + "comments/", {"body": "Reply", "parent": root.pk}
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert Comment.objects.get(pk=response.json()["id"]).parent_id == root.pk


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({"body": ""}, 400, "empty"),
        ({"body": "x" * 2001}, 400, "too_long"),
        ({"body": "Hi", "parent": "abc"}, 400, "invalid_parent"),
        ({"body": "Hi", "parent": 999999}, 400, "invalid_parent"),
        ({"body": 12}, 400, "invalid_field"),
    ],
)
def test_refused_comment_input_is_4xx_with_error(
    reader: User, article: Article, data: dict[str, Any], status: int, code: str
) -> None:
    response = post_json(logged_in(reader), URL + "comments/", data)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    assert not Comment.objects.exists()


def test_anonymous_comment_post_is_refused(article: Article) -> None:
    response = post_json(Client(), URL + "comments/", {"body": "Hi"})
    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "not_authenticated",
        "message": "Log in to join the conversation.",
    }
    assert (
        Client()
        .post(URL + "comments/", {"body": "Hi"})["Location"]
        .startswith("/accounts/login/?next=")
    )


def test_comment_form_post_redirects_to_the_comment(reader: User, article: Article) -> None:
    client = logged_in(reader)
    response = client.post(URL + "comments/", {"body": "Via the form"})
    comment = Comment.objects.get()
    assert (response.status_code, response["Location"]) == (303, f"{URL}#comment-{comment.pk}")
    html = client.get(URL).content.decode()
    assert f'id="comment-{comment.pk}"' in html
    assert "<p>Via the form</p>" in html


def test_refused_form_post_keeps_the_text_and_says_why(reader: User, article: Article) -> None:
    client = logged_in(reader)
    client.post(URL + "comments/", {"body": "Same thing"})
    response = client.post(URL + "comments/", {"body": "Same thing"})
    html = response.content.decode()
    assert response.status_code == 409
    assert "You just posted this same comment." in html
    assert ">Same thing</textarea>" in html


def test_held_comment_tells_the_reader_after_redirect(
    reader: User, article: Article, settings: Any
) -> None:
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 3
    client = logged_in(reader)
    response = client.post(URL + "comments/", {"body": "First ever"}, follow=True)
    html = response.content.decode()
    assert "Thanks! Your comment will appear once a moderator has approved it." in html
    assert "Awaiting moderation" in html  # the author sees it, marked
    assert "First ever" not in Client().get(URL).content.decode()


def test_comments_fragment_for_in_place_updates(reader: User, article: Article) -> None:
    services.comment_post(author=reader, article=article, body="Fragment")
    client = Client()
    fragment = client.get(URL + "comments/", HTTP_X_MARQUEE_FRAGMENT="1").content.decode()
    assert fragment.startswith('<section class="comments" id="comments"')
    assert "<p>Fragment</p>" in fragment
    assert client.get(URL + "comments/?comment_sort=top")["Location"] == (
        URL + "?comment_sort=top#comments"
    )


# --- the engagement block on the article page ---------------------------------------------


def test_anonymous_article_page_invites_to_log_in(reader: User, article: Article) -> None:
    services.reaction_set(reader=reader, article=article, kind="love")
    services.comment_post(author=reader, article=article, body="Lovely")
    html = Client().get(URL).content.decode()
    assert "How does this article make you feel?" in html
    assert "Log in to join the conversation" in html
    assert '<span class="reaction__count" data-count>1</span>' in html
    assert 'name="reaction"' not in html  # no buttons to press
    assert 'name="body"' not in html
    assert "<p>Lovely</p>" in html
    assert 'href="/accounts/login/?next=/articles/love-in-the-big-city-review/"' in html


def test_logged_in_page_marks_the_readers_reaction(reader: User, article: Article) -> None:
    services.reaction_set(reader=reader, article=article, kind="haha")
    html = logged_in(reader).get(URL).content.decode()
    assert 'value="haha" aria-pressed="true"' in html
    assert 'value="love" aria-pressed="false"' in html
    assert 'aria-live="polite"' in html
    assert (
        '<label for="comment-body" class="comment-form__label">Join the conversation</label>'
        in html
    )


def test_threads_show_two_levels_and_flatten_deeper_replies(
    make_reader: ReaderFactory, article: Article
) -> None:
    a, b, c = make_reader("ana"), make_reader("ben"), make_reader("cy")
    root = services.comment_post(author=a, article=article, body="Root")
    reply = services.comment_post(author=b, article=article, body="Reply", parent_id=root.pk)
    services.comment_post(author=c, article=article, body="Deeper", parent_id=reply.pk)
    html = Client().get(URL).content.decode()
    assert html.count('class="comment-replies"') == 1
    assert '<span class="comment__replying">replying to ben</span>' in html
    assert html.index("<p>Reply</p>") < html.index("<p>Deeper</p>")


def test_sorting_and_pagination(
    make_reader: ReaderFactory, article: Article, settings: Any
) -> None:
    settings.MARQUEE_COMMENTS_PER_PAGE = 2
    _first, second, _third = (
        services.comment_post(author=make_reader(f"r{i}"), article=article, body=f"C{i}")
        for i in range(3)
    )
    services.comment_like_toggle(reader=make_reader("fan"), comment=second)
    client = Client()

    def bodies(query: str) -> list[str]:
        html = client.get(URL + query).content.decode()
        return [b for b in ("C0", "C1", "C2") if f"<p>{b}</p>" in html]

    assert bodies("") == ["C1", "C2"]  # newest first: C2, C1
    assert bodies("?comment_page=2") == ["C0"]
    assert bodies("?comment_sort=oldest") == ["C0", "C1"]
    html = client.get(URL + "?comment_sort=top").content.decode()
    assert html.index("<p>C1</p>") < html.index("<p>C2</p>")
    assert "Page 1 of 2" in html


def test_article_page_queries_do_not_grow_with_comments(
    make_reader: ReaderFactory, article: Article
) -> None:
    readers = [make_reader(f"r{i}") for i in range(6)]
    quiet = make_article("quiet-piece")
    services.comment_post(author=readers[0], article=quiet, body="Only one")
    for index, person in enumerate(readers):
        root = services.comment_post(author=person, article=article, body=f"Root {index}")
        replier = readers[(index + 1) % len(readers)]
        reply = services.comment_post(
            author=replier, article=article, body=f"Re {index}", parent_id=root.pk
        )
        services.comment_like_toggle(reader=person, comment=reply)
        services.reaction_set(reader=person, article=article, kind="love")
    for client in (Client(), logged_in(readers[1])):
        client.get(URL)  # warm up the session and caches
        with CaptureQueriesContext(connection) as few:
            client.get("/articles/quiet-piece/")
        with CaptureQueriesContext(connection) as many:
            client.get(URL)
        assert len(few) == len(many)


def test_header_shows_new_replies(reader: User, other_reader: User, article: Article) -> None:
    mine = services.comment_post(author=reader, article=article, body="Mine")
    services.comment_post(author=other_reader, article=article, body="Answer", parent_id=mine.pk)
    client = logged_in(reader)
    html = client.get("/").content.decode()
    assert '<span class="badge" data-unread-replies>1</span>' in html
    replies = client.get("/accounts/replies/").content.decode()
    assert "<p>Answer</p>" in replies and '<span class="pill pill--new">New</span>' in replies
    assert "data-unread-replies" not in client.get("/").content.decode()


def test_closed_article_shows_a_notice(reader: User, moderator: User, article: Article) -> None:
    services.comment_post(author=reader, article=article, body="Before closing")
    services.discussion_close(moderator=moderator, article=article)
    html = logged_in(reader).get(URL).content.decode()
    assert "Comments are closed on this article. You can still read the conversation." in html
    assert "<p>Before closing</p>" in html
    assert 'name="body"' not in html
    response = post_json(logged_in(reader), URL + "comments/", {"body": "After"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "comments_closed"


# --- moderation pages ---------------------------------------------------------------------


def test_queue_is_for_moderators_only(reader: User, moderator: User, article: Article) -> None:
    anonymous = Client().get("/moderation/")
    assert anonymous["Location"] == "/accounts/login/?next=/moderation/"
    staff = User.objects.create_user("staffer", password="x", is_staff=True)
    for user in (reader, staff):
        response = logged_in(user).get("/moderation/")
        assert response.status_code == 403
        assert "Only moderators can see the moderation queue" in response.content.decode()
    assert logged_in(moderator).get("/moderation/").status_code == 200
    assert "Moderation" not in logged_in(reader).get("/").content.decode().split("</header>")[0]


def test_moderator_approves_rejects_and_bans_from_the_queue(
    reader: User, other_reader: User, moderator: User, article: Article, settings: Any
) -> None:
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 3
    held = services.comment_post(author=reader, article=article, body="Held one")
    spam = services.comment_post(author=other_reader, article=article, body="Spam one")
    client = logged_in(moderator)
    queue = client.get("/moderation/").content.decode()
    assert queue.index("Held one") < queue.index("Spam one")  # oldest first
    assert "Held: New reader: first comments are reviewed" in queue
    response = client.post(f"/moderation/comments/{held.pk}/approve/")
    assert (response.status_code, response["Location"]) == (303, "/moderation/")
    client.post(f"/moderation/readers/{other_reader.pk}/ban/", {"reason": "spam"})
    held.refresh_from_db()
    spam.refresh_from_db()
    assert (held.status, spam.status) == (CommentStatus.PUBLISHED, CommentStatus.REJECTED)
    assert [a.action for a in ModerationAction.objects.order_by("pk")] == ["approve", "ban"]
    log = client.get("/moderation/log/").content.decode()
    assert "Approved a comment" in log and "Banned a reader" in log


def test_moderator_closes_and_reopens_comments(moderator: User, article: Article) -> None:
    client = logged_in(moderator)
    html = client.get(URL).content.decode()
    assert "Close comments on this article" in html
    response = client.post(f"/moderation/articles/{article.slug}/close/")
    assert response["Location"] == URL + "#comments"
    assert "Reopen comments" in client.get(URL).content.decode()
    client.post(f"/moderation/articles/{article.slug}/open/")
    assert "Close comments on this article" in client.get(URL).content.decode()


def test_engagement_of_an_article_without_comments_costs_four_queries(
    article: Article, django_assert_num_queries: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser

    from marquee.community import selectors

    # reactions, comment count, closed?, published count
    with django_assert_num_queries(4):
        engagement = selectors.article_engagement(article=article, user=AnonymousUser())
    assert [(r.option.key, r.count, r.pressed) for r in engagement.reactions][:2] == [
        ("love", 0, False),
        ("haha", 0, False),
    ]
    assert (engagement.comments.threads, engagement.reader_banned) == ([], False)


def test_engagement_shows_the_reader_their_reaction_and_ban(
    reader: User, moderator: User, article: Article
) -> None:
    from marquee.community import selectors

    services.reaction_set(reader=reader, article=article, kind="wow")
    engagement = selectors.article_engagement(article=article, user=reader)
    assert engagement.reaction_mine == "wow"
    assert [r.option.key for r in engagement.reactions if r.pressed] == ["wow"]
    assert (engagement.reader_banned, engagement.is_moderator) == (False, False)
    services.reader_ban(moderator=moderator, reader=reader, reason="spam")
    assert selectors.article_engagement(article=article, user=reader).reader_banned is True
    assert selectors.article_engagement(article=article, user=moderator).is_moderator is True


def test_comments_fragment_queries_are_exact(
    reader: User, other_reader: User, article: Article, django_assert_num_queries: Any
) -> None:
    first = services.comment_post(author=reader, article=article, body="First!")
    services.comment_post(author=other_reader, article=article, body="Yes.", parent_id=first.pk)
    fragment = {"X-Marquee-Fragment": "1"}
    # article; reactions, comment count, comment page, replies, closed?, published count
    with django_assert_num_queries(7):
        html = Client().get(URL + "comments/", headers=fragment).content.decode()
    assert "First!" in html and "Yes." in html
    client = logged_in(reader)
    # plus session, user, their standing (a ban, comments awaiting review here) and their
    # likes (no header in a fragment)
    with django_assert_num_queries(7 + 4):
        assert client.get(URL + "comments/", headers=fragment).status_code == 200


def test_profile_queries_are_exact(
    reader: User, article: Article, django_assert_num_queries: Any
) -> None:
    for body in ("One.", "Two.", "Three."):
        services.comment_post(author=reader, article=article, body=body)
    services.reaction_set(reader=reader, article=article, kind="love")
    client = logged_in(reader)
    # session, user, profile, comments with their articles, reactions with their articles,
    # the watchlist with its titles, the header's reply and notification badges
    with django_assert_num_queries(8):
        html = client.get("/accounts/profile/").content.decode()
    assert html.count('class="activity"') == 3
    with django_assert_num_queries(0):  # anonymous: sent to log in
        assert Client().get("/accounts/profile/").status_code == 302


def test_moderation_queue_queries_are_exact(
    reader: User, other_reader: User, moderator: User, article: Article, settings: Any,
    django_assert_num_queries: Any,
) -> None:  # fmt: skip
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 5
    for body in ("Held one.", "Held two."):
        services.comment_post(author=reader, article=article, body=body)
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 0
    reported = services.comment_post(author=other_reader, article=article, body="Rude.")
    services.comment_report(reporter=reader, comment=reported, reason="spam", note="")
    client = logged_in(moderator)
    # session, user, the moderator's permissions (user's and groups'), held comments, reported
    # comments, their open reports, the header's reply and notification badges and (staff) its
    # editorial badge
    with django_assert_num_queries(10):
        html = client.get("/moderation/").content.decode()
    assert html.count('class="queue-item"') == 3
    readers_client = logged_in(reader)
    # a reader who is not staff: session, user, the refusal page's reply and notification badges
    with django_assert_num_queries(4):
        assert readers_client.get("/moderation/").status_code == 403
    with django_assert_num_queries(0):  # anonymous: sent to log in
        assert Client().get("/moderation/").status_code == 302


def test_keeping_a_reported_comment_is_logged_and_announced_as_such(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    reported = services.comment_post(author=reader, article=article, body="Blunt but fair.")
    services.comment_report(reporter=other_reader, comment=reported, reason="offensive")
    services.comment_report(reporter=moderator, comment=reported, reason="spam")
    client = logged_in(moderator)
    queue = client.get("/moderation/").content.decode()
    keep = f'action="/moderation/comments/{reported.pk}/dismiss/"'
    assert keep in queue and "Keep (dismiss reports)" in queue
    response = client.post(f"/moderation/comments/{reported.pk}/dismiss/", follow=True)
    assert "Kept the comment; dismissed 2 report(s)." in response.content.decode()
    assert "Approved" not in response.content.decode()
    actions = list(ModerationAction.objects.values_list("action", "comment_id", "note"))
    assert actions == [("dismiss_reports", reported.pk, "dismissed 2 report(s)")]
    reported.refresh_from_db()
    assert reported.status == CommentStatus.PUBLISHED
    log = client.get("/moderation/log/").content.decode()
    assert "Kept a reported comment" in log and "Approved a comment" not in log
    # an "approve" of a comment that is published already is the same act, said the same way
    third = services.account_create(username="third", email="third@example.com", password="x")
    services.comment_report(reporter=third, comment=reported, reason="spam")
    response = client.post(f"/moderation/comments/{reported.pk}/approve/", follow=True)
    assert "Kept the comment; dismissed 1 report(s)." in response.content.decode()
    assert ModerationAction.objects.filter(action="approve").count() == 0


def test_the_queue_offers_no_ban_against_staff_or_superusers(
    reader: User, moderator: User, article: Article, settings: Any
) -> None:
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 3
    boss = User.objects.create_superuser("boss", email="boss@example.com", password="x")
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    for author in (reader, boss, editor):
        Comment.objects.create(
            article=article, author=author, body=f"By {author}", status=CommentStatus.PENDING
        )
    queue = logged_in(moderator).get("/moderation/").content.decode()
    assert queue.count('class="queue-item"') == 3
    assert f'action="/moderation/readers/{reader.pk}/ban/"' in queue
    assert "Ban jaehee" in queue
    for staff in (boss, editor):
        assert f'action="/moderation/readers/{staff.pk}/ban/"' not in queue
        assert f"Ban {staff.get_username()}" not in queue
