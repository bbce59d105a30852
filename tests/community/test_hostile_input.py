"""Malformed input at every community endpoint: a 400 saying why, never a 500.

Deeply nested JSON (the parser's RecursionError), lone surrogates (not characters; a JSON body
can spell them) and NUL characters (PostgreSQL refuses them in text) in every text field. Run on
PostgreSQL too (``DATABASE_URL=postgres://…``): that is where a NUL used to reach the database.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from marquee.community import services
from marquee.community.models import Comment, CommentReport, ModerationAction, ReaderProfile
from marquee.newsroom.models import Article

pytestmark = pytest.mark.django_db
URL = "/articles/love-in-the-big-city-review/"
JSON: dict[str, Any] = {"HTTP_ACCEPT": "application/json"}
NESTED = b'{"body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
INVALID_JSON = {"error": {"code": "invalid_json", "message": "The request body is not valid JSON."}}


def nul(field: str) -> dict[str, dict[str, str]]:
    message = (
        f"“{field}” contains a NUL character (U+0000), which cannot be stored. "
        "Remove it and try again."
    )
    return {"error": {"code": "invalid_text", "message": message}}


def surrogate(field: str) -> dict[str, dict[str, str]]:
    message = (
        f"“{field}” contains an unpaired surrogate (U+D800), which is not a valid character. "
        "Remove it and try again."
    )
    return {"error": {"code": "invalid_text", "message": message}}


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_raw(client: Client, path: str, body: bytes | str) -> Any:
    return client.post(path, body, content_type="application/json", **JSON)


@pytest.fixture
def target(other_reader: User, article: Article) -> Comment:
    return services.comment_post(author=other_reader, article=article, body="Target")


def test_deeply_nested_json_is_refused_everywhere(
    reader: User, other_reader: User, article: Article, target: Comment
) -> None:
    own = services.comment_post(author=reader, article=article, body="Mine")
    client = logged_in(reader)
    for path in [
        f"{URL}react/",
        f"{URL}comments/",
        f"/comments/{target.pk}/report/",
        f"/comments/{own.pk}/edit/",
    ]:
        response = post_raw(client, path, NESTED)
        assert (response.status_code, response.json()) == (400, INVALID_JSON), path
    assert (Comment.objects.count(), CommentReport.objects.count()) == (2, 0)


@pytest.mark.parametrize(
    "body",
    [b"\xff\xfe{", b'{"body": "x"', b"[1]", b'"text"', b"NaN"],
)
def test_bodies_that_are_not_a_json_object_are_refused(
    reader: User, article: Article, body: bytes
) -> None:
    response = post_raw(logged_in(reader), f"{URL}comments/", body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


@pytest.mark.parametrize(
    ("value", "expected"), [("Hi \ud800 there", surrogate), ("Hi \x00 there", nul)]
)
def test_unstorable_text_is_refused_in_every_json_field(
    reader: User, article: Article, target: Comment, value: str, expected: Any
) -> None:
    own = services.comment_post(author=reader, article=article, body="Mine")
    client = logged_in(reader)
    for path, data, field in [
        (f"{URL}comments/", {"body": value}, "body"),
        (
            f"{URL}comments/",
            {"body": "Reply", "parent": target.pk, "x": 1} | {"body": value},
            "body",
        ),
        (f"/comments/{own.pk}/edit/", {"body": value}, "body"),
        (f"/comments/{target.pk}/report/", {"reason": "other", "note": value}, "note"),
        (f"/comments/{target.pk}/report/", {"reason": value}, "reason"),
        (f"{URL}react/", {"reaction": value}, "reaction"),
    ]:
        response = post_raw(client, path, json.dumps(data))  # ensure_ascii spells \ud800
        assert (response.status_code, response.json()) == (400, expected(field)), path
    assert Comment.objects.get(pk=own.pk).body == "Mine"
    assert (Comment.objects.count(), CommentReport.objects.count()) == (2, 0)


def test_a_surrogate_encoded_in_the_bytes_is_refused(reader: User, article: Article) -> None:
    # json.loads decodes bytes with "surrogatepass": UTF-8 bytes ED A0 80 become U+D800
    response = post_raw(logged_in(reader), f"{URL}comments/", b'{"body": "\xed\xa0\x80"}')
    assert (response.status_code, response.json()) == (400, surrogate("body"))
    assert not Comment.objects.exists()


def test_nul_in_form_fields_is_refused_with_the_form(
    reader: User, article: Article, target: Comment
) -> None:
    own = services.comment_post(author=reader, article=article, body="Mine")
    client = logged_in(reader)
    message = nul("body")["error"]["message"]
    for path, data in [
        (f"{URL}comments/", {"body": "a\x00b"}),
        (f"/comments/{own.pk}/edit/", {"body": "a\x00b"}),
    ]:
        page = client.post(path, data)
        assert page.status_code == 400, path
        assert message in page.content.decode(), path
    report = client.post(f"/comments/{target.pk}/report/", {"reason": "other", "note": "\x00"})
    assert report.status_code == 400
    assert "“note” contains a NUL character (U+0000)" in report.content.decode()
    assert Comment.objects.get(pk=own.pk).body == "Mine"
    assert (Comment.objects.count(), CommentReport.objects.count()) == (2, 0)


def test_nul_in_moderators_notes_is_refused(
    reader: User, moderator: User, article: Article, target: Comment
) -> None:
    client = logged_in(moderator)
    reject = client.post(f"/moderation/comments/{target.pk}/reject/", {"note": "spam\x00"})
    assert reject.status_code == 400
    assert "“note” contains a NUL character (U+0000)" in reject.content.decode()
    ban = client.post(f"/moderation/readers/{reader.pk}/ban/", {"reason": "\x00"}, **JSON)
    assert (ban.status_code, ban.json()) == (400, nul("reason"))
    assert Comment.objects.get(pk=target.pk).status == "published"
    assert not ReaderProfile.objects.filter(banned_at__isnull=False).exists()
    assert ModerationAction.objects.count() == 0


@pytest.mark.parametrize("parent", ["²", "١٢", "99999999999999999999999", 10**30, -1, True, [1]])
def test_parents_that_name_no_comment_are_refused(
    reader: User, article: Article, parent: Any
) -> None:
    response = post_raw(
        logged_in(reader), f"{URL}comments/", json.dumps({"body": "Hi", "parent": parent})
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "invalid_parent", "message": "“parent” must be the id of a comment."}
    }


def test_comment_numbers_beyond_any_id_are_not_found(reader: User, article: Article) -> None:
    client = logged_in(reader)
    for suffix in ("report/", "edit/", "like/", "delete/"):
        path = f"/comments/{'9' * 30}/{suffix}"
        assert client.post(path, {"reason": "spam"}, **JSON).status_code == 404, path
        assert client.get(f"/comments/{'9' * 30}/report/").status_code == 404
