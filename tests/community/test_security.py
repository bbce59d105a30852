"""CSRF on every write, XSS payloads rendered inert, and who may write what."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from marquee.community import services
from marquee.community.models import (
    ClosedDiscussion,
    Comment,
    CommentLike,
    CommentReport,
    ModerationAction,
    Reaction,
)
from marquee.community.rendering import COMMENT_LINK_REL
from marquee.newsroom.models import Article
from tests.community.conftest import PASSWORD
from tests.community.xss_payloads import XSS_PAYLOADS

pytestmark = pytest.mark.django_db
URL = "/articles/love-in-the-big-city-review/"
JSON: dict[str, Any] = {"HTTP_ACCEPT": "application/json"}


def writes(article: Article, comment: Comment, reader: User) -> list[tuple[str, dict[str, str]]]:
    """Every POST endpoint of the community, with valid data."""
    return [
        (f"{URL}react/", {"reaction": "love"}),
        (f"{URL}comments/", {"body": "Hello"}),
        (f"/comments/{comment.pk}/edit/", {"body": "Changed"}),
        (f"/comments/{comment.pk}/delete/", {}),
        (f"/comments/{comment.pk}/like/", {}),
        (f"/comments/{comment.pk}/report/", {"reason": "spam"}),
        (f"/moderation/comments/{comment.pk}/approve/", {}),
        (f"/moderation/comments/{comment.pk}/dismiss/", {}),
        (f"/moderation/comments/{comment.pk}/reject/", {}),
        (f"/moderation/readers/{reader.pk}/ban/", {"reason": "x"}),
        (f"/moderation/readers/{reader.pk}/unban/", {}),
        (f"/moderation/articles/{article.slug}/close/", {}),
        (f"/moderation/articles/{article.slug}/open/", {}),
        ("/accounts/delete/", {"password": PASSWORD}),
        (
            "/accounts/password/",
            {
                "old_password": PASSWORD,
                "new_password1": "n3w-Passw0rd!x",
                "new_password2": "n3w-Passw0rd!x",
            },
        ),
        ("/accounts/logout/", {}),
    ]


def snapshot() -> tuple[int, ...]:
    return (
        Reaction.objects.count(),
        Comment.objects.count(),
        Comment.objects.filter(status="published", edited_at__isnull=True).count(),
        CommentLike.objects.count(),
        CommentReport.objects.count(),
        ModerationAction.objects.count(),
        ClosedDiscussion.objects.count(),
        User.objects.count(),
    )


# --- CSRF ---------------------------------------------------------------------------------


def test_every_write_needs_the_csrf_token(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    comment = services.comment_post(author=other_reader, article=article, body="Target")
    mine = services.comment_post(author=moderator, article=article, body="Own")
    for user in (moderator,):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        before = snapshot()
        own_edit = (f"/comments/{mine.pk}/edit/", {"body": "x"})
        for path, data in [*writes(article, comment, other_reader), own_edit]:
            response = client.post(path, data)
            assert response.status_code == 403, path
            assert "CSRF verification failed" in response.content.decode(), path
            as_json = client.post(path, json.dumps(data), content_type="application/json", **JSON)
            assert as_json.status_code == 403, path
            assert as_json.json()["error"]["code"] == "csrf_failed", path
        assert snapshot() == before


def test_account_forms_need_the_csrf_token(reader: User) -> None:
    client = Client(enforce_csrf_checks=True)
    for path, data in [
        ("/accounts/login/", {"username": "jaehee", "password": PASSWORD}),
        (
            "/accounts/signup/",
            {"username": "new", "email": "n@example.com", "password1": "x", "password2": "x"},
        ),
        ("/accounts/password-reset/", {"email": "jaehee@example.com"}),
    ]:
        assert client.post(path, data).status_code == 403, path


def test_json_writes_with_the_csrf_header_succeed(reader: User, article: Article) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    client.get(URL)  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        URL + "react/",
        json.dumps({"reaction": "wow"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
        **JSON,
    )
    assert response.json()["mine"] == "wow"


# --- authorisation ------------------------------------------------------------------------


def test_anonymous_readers_cannot_write_anything(
    reader: User, moderator: User, article: Article
) -> None:
    comment = services.comment_post(author=reader, article=article, body="Target")
    client = Client()
    before = snapshot()
    for path, data in writes(article, comment, reader)[:-1]:  # logging out is not a write
        response = client.post(path, data)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/?next="), path
        as_json = client.post(path, json.dumps(data), content_type="application/json", **JSON)
        assert as_json.status_code in {302, 401}, path
    assert snapshot() == before
    # and can read everything
    assert Client().get(URL).status_code == 200
    assert Client().get(URL + "react/", **JSON).status_code == 200


def test_readers_cannot_edit_or_delete_others_comments(
    reader: User, other_reader: User, article: Article
) -> None:
    comment = services.comment_post(author=reader, article=article, body="Mine")
    client = Client()
    client.force_login(other_reader)
    for path, data in [
        (f"/comments/{comment.pk}/edit/", {"body": "Hijacked"}),
        (f"/comments/{comment.pk}/delete/", {}),
    ]:
        response = client.post(path, data, **JSON)
        assert response.status_code == 403
        assert response.json()["error"] == {
            "code": "forbidden",
            "message": "You can only change your own comments.",
        }
        page = client.post(path, data)
        assert page.status_code == 403
        assert "You can only change your own comments." in page.content.decode()
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 403
    comment.refresh_from_db()
    assert (comment.body, comment.status) == ("Mine", "published")


def test_readers_and_plain_staff_cannot_moderate(
    reader: User, other_reader: User, article: Article
) -> None:
    comment = services.comment_post(author=reader, article=article, body="Target")
    staff = User.objects.create_user("staffer", password="x", is_staff=True)
    moderation_writes = [w for w in writes(article, comment, reader) if "/moderation/" in w[0]]
    for user in (other_reader, staff):
        client = Client()
        client.force_login(user)
        before = snapshot()
        for path, data in moderation_writes:
            response = client.post(path, data)
            assert response.status_code == 403, path
            assert "Only moderators can see the moderation queue" in response.content.decode()
        assert snapshot() == before


# --- what readers may see ----------------------------------------------------------------

NOT_FOUND = {"error": {"code": "not_found", "message": "There is no comment with this number."}}
COMMENT_WRITES = [
    ("report/", {"reason": "spam"}),
    ("edit/", {"body": "Changed"}),
    ("delete/", {}),
    ("like/", {}),
]


def hidden_comment(status: str, author: User, moderator: User, article: Article) -> Comment:
    """A comment of ``author`` that only they may see: held, rejected or deleted."""
    comment = services.comment_post(author=author, article=article, body="Secret words")
    if status == "pending":
        Comment.objects.filter(pk=comment.pk).update(status="pending", hold_reason="Links")
    elif status == "rejected":
        services.comment_reject(moderator=moderator, comment=comment)
    else:
        services.comment_delete(reader=author, comment=comment)
    return Comment.objects.get(pk=comment.pk)


@pytest.mark.parametrize("status", ["pending", "rejected", "deleted"])
def test_comments_a_reader_may_not_see_are_not_found_at_any_address(
    reader: User, other_reader: User, moderator: User, article: Article, status: str
) -> None:
    comment = hidden_comment(status, reader, moderator, article)
    before = snapshot()
    missing = comment.pk + 1000
    others, anonymous = Client(), Client()
    others.force_login(other_reader)
    for client in (others, anonymous):
        for suffix in ("report/", "edit/"):
            page = client.get(f"/comments/{comment.pk}/{suffix}")
            assert page.status_code == 404, suffix
            assert "Secret words" not in page.content.decode()
    for suffix, data in COMMENT_WRITES:
        for pk in (comment.pk, missing):  # a hidden comment answers as a missing one
            path = f"/comments/{pk}/{suffix}"
            response = others.post(path, data, **JSON)
            assert (response.status_code, response.json()) == (404, NOT_FOUND), path
            assert others.post(path, data).status_code == 404, path
            as_json = others.post(path, json.dumps(data), content_type="application/json", **JSON)
            assert (as_json.status_code, as_json.json()) == (404, NOT_FOUND), path
    reply = others.post(f"{URL}comments/", {"body": "Reply", "parent": comment.pk}, **JSON)
    assert (reply.status_code, reply.json()["error"]["code"]) == (400, "invalid_parent")
    assert snapshot() == before


def test_authors_still_reach_their_own_held_comment(
    reader: User, moderator: User, article: Article
) -> None:
    comment = hidden_comment("pending", reader, moderator, article)
    client = Client()
    client.force_login(reader)
    assert "Secret words" in client.get(f"/comments/{comment.pk}/edit/").content.decode()
    report = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}, **JSON)
    assert (report.status_code, report.json()["error"]["code"]) == (404, "gone")
    deleted = client.post(f"/comments/{comment.pk}/delete/", **JSON)
    assert (deleted.status_code, deleted.json()) == (200, {"id": comment.pk, "status": "deleted"})


# --- XSS ----------------------------------------------------------------------------------


SAFE_TAGS = {"p", "br", "em", "strong", "a", "blockquote"}


class InertChecker(HTMLParser):
    """Collects every element and attribute that could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values)
        for name, value in attrs:
            lowered = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            url_attribute = name in {"href", "src", "action", "formaction", "data", "srcdoc"}
            if url_attribute and not lowered.startswith(("http", "/", "#", "?", "mailto:")):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag in {"iframe", "object", "embed", "svg", "math", "base", "meta", "img", "style"}:
            self.problems.append(f"<{tag}>")


class CommentChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in SAFE_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if tag != "a" or name not in {"href", "rel"}:
                self.problems.append(f"<{tag} {name}>")
            elif name == "href" and not (value or "").startswith(("http://", "https://")):
                self.problems.append(f"href={value}")
            elif name == "rel" and value != COMMENT_LINK_REL:
                self.problems.append(f"rel={value}")


def test_xss_suite_has_at_least_100_payloads() -> None:
    assert len(set(XSS_PAYLOADS)) >= 100


def test_xss_payloads_render_as_inert_text(reader: User, article: Article, settings: Any) -> None:
    settings.MARQUEE_COMMENT_RATE_LIMITS = [(1000, 60)]
    settings.MARQUEE_COMMENTS_PER_PAGE = 500
    client = Client()
    client.force_login(reader)
    for index, payload in enumerate(XSS_PAYLOADS):
        # numbered, so that payloads differing only in case are not refused as repeats
        body = f"Payload {index}:\n\n{payload}"
        response = client.post(
            URL + "comments/",
            json.dumps({"body": body}),
            content_type="application/json",
            **JSON,
        )
        assert response.status_code == 201, payload
        checker = CommentChecker()
        checker.feed(response.json()["html"])
        assert checker.problems == [], payload
    assert Comment.objects.count() == len(XSS_PAYLOADS)
    html = client.get(URL).content.decode()
    comments = html[html.index('<section class="comments"') :]
    comments = comments[: comments.index("</section>")]
    assert comments.count('<article class="comment') == len(XSS_PAYLOADS)
    section = InertChecker()
    section.feed(comments)
    assert section.problems == []
    assert section.scripts == []
    # the only scripts on the whole page are the site's own files and JSON-LD data
    page = InertChecker()
    page.feed(html)
    assert {"src": "/static/community/community.js", "defer": None} in page.scripts
    for script in page.scripts:
        assert (script.get("src") or "").startswith("/static/") or (
            script.get("type") == "application/ld+json"
        )
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5  # shown as text
