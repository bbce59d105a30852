"""The community admin writes only through the services, so its moderation acts are recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.contrib.auth.models import User
from django.test import Client

from marquee.community import selectors, services
from marquee.community.models import (
    ClosedDiscussion,
    Comment,
    CommentStatus,
    ModerationAction,
    ReaderProfile,
    WordRule,
)
from marquee.newsroom.models import Article
from tests.community.conftest import ReaderFactory
from tests.conftest import make_article

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db
ADMIN = "/admin/community"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def said(response: TestResponse) -> list[tuple[str, str]]:
    """The messages shown on the page a POST (made with ``follow=True``) led to."""
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def log_rows() -> list[tuple[int | None, str, int | None, int | None, int | None, str]]:
    """The moderation log as /moderation/log/ reads it, newest first."""
    return [
        (a.moderator_id, a.action, a.comment_id, a.reader_id, a.article_id, a.note)
        for a in selectors.moderation_log()
    ]


def profile_of(user: User) -> ReaderProfile:
    return ReaderProfile.objects.get(user=user)


def test_a_ban_from_the_admin_is_recorded_like_one_from_the_moderation_pages(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    client = logged_in(moderator)
    held = services.comment_post(author=other_reader, article=article, body="Buy www.x.example")
    assert held.status == CommentStatus.PENDING
    client.post(f"/moderation/readers/{reader.pk}/ban/", {"reason": "trolling"}, follow=True)
    response = client.post(
        f"{ADMIN}/readerprofile/",
        {
            "action": "ban_readers",
            "_selected_action": [str(profile_of(other_reader).pk)],
            "reason": "trolling",
        },
        follow=True,
    )
    assert response.redirect_chain == [(f"{ADMIN}/readerprofile/", 302)]
    assert said(response) == [("success", "Banned heungsoo; 1 held comment(s) rejected.")]
    assert log_rows() == [
        (moderator.pk, "ban", None, other_reader.pk, None, "trolling"),
        (moderator.pk, "ban", None, reader.pk, None, "trolling"),
    ]
    for user in (reader, other_reader):
        profile = profile_of(user)
        assert (profile.is_banned, profile.ban_reason) == (True, "trolling")
    held.refresh_from_db()
    assert held.status == CommentStatus.REJECTED
    page = client.get("/moderation/log/").content.decode()
    assert page.count("Banned a reader") == 2
    assert "by jaehee" in page
    assert "by heungsoo" in page


def test_lifting_bans_from_the_admin_is_recorded(
    reader: User, other_reader: User, moderator: User
) -> None:
    services.reader_ban(moderator=moderator, reader=reader, reason="spam")
    response = logged_in(moderator).post(
        f"{ADMIN}/readerprofile/",
        {
            "action": "lift_bans",
            "_selected_action": [str(profile_of(u).pk) for u in (reader, other_reader)],
        },
        follow=True,
    )
    assert sorted(said(response)) == [
        ("success", "Lifted the ban on jaehee."),
        ("success", "heungsoo was not banned."),
    ]
    assert not profile_of(reader).is_banned
    assert [row[1:4] for row in log_rows()] == [
        ("unban", None, reader.pk),
        ("ban", None, reader.pk),
    ]


def test_banning_staff_from_the_admin_is_refused_with_a_message(
    make_reader: ReaderFactory, reader: User, moderator: User
) -> None:
    editor = make_reader("editor")
    editor.is_staff = True
    editor.save()
    response = logged_in(moderator).post(
        f"{ADMIN}/readerprofile/",
        {
            "action": "ban_readers",
            "_selected_action": [str(profile_of(u).pk) for u in (editor, reader)],
            "reason": "",
        },
        follow=True,
    )
    assert sorted(said(response)) == [
        (
            "error",
            "Profile of editor: editor is a staff account; staff and superusers cannot be "
            "banned. Remove the account's staff and superuser status first.",
        ),
        ("success", "Banned jaehee; 0 held comment(s) rejected."),
    ]
    assert not profile_of(editor).is_banned
    assert [row[1:4] for row in log_rows()] == [("ban", None, reader.pk)]


def test_reader_profiles_cannot_be_edited_added_or_deleted(
    reader: User, admin_client: Client
) -> None:
    profile = profile_of(reader)
    change_url = f"{ADMIN}/readerprofile/{profile.pk}/change/"
    page = admin_client.get(change_url).content.decode()
    assert 'name="banned_at' not in page
    assert 'name="ban_reason"' not in page
    assert admin_client.post(change_url, {"ban_reason": "x"}).status_code == 403
    assert admin_client.get(f"{ADMIN}/readerprofile/add/").status_code == 403
    assert admin_client.post(f"{ADMIN}/readerprofile/{profile.pk}/delete/").status_code == 403
    assert not profile_of(reader).is_banned
    assert not ModerationAction.objects.exists()


def test_closing_from_the_admin_is_recorded_like_one_from_the_article_page(
    moderator: User, article: Article
) -> None:
    other = make_article("second-article")
    client = logged_in(moderator)
    client.post(f"/moderation/articles/{article.slug}/close/")
    assert client.get(f"{ADMIN}/closeddiscussion/add/").status_code == 200
    response = client.post(f"{ADMIN}/closeddiscussion/add/", {"article": str(other.pk)})
    assert response.status_code == 302
    closing = ClosedDiscussion.objects.get(article=other)
    assert closing.closed_by_id == moderator.pk
    assert log_rows() == [
        (moderator.pk, "close", None, None, other.pk, ""),
        (moderator.pk, "close", None, None, article.pk, ""),
    ]
    assert selectors.comments_closed(article=other)


def test_reopening_from_the_admin_one_or_many_is_recorded(
    moderator: User, article: Article
) -> None:
    others = [make_article(f"article-{n}") for n in range(2)]
    closings = [
        services.discussion_close(moderator=moderator, article=a) for a in (article, *others)
    ]
    client = logged_in(moderator)
    response = client.post(f"{ADMIN}/closeddiscussion/{closings[0].pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    response = client.post(
        f"{ADMIN}/closeddiscussion/",
        {
            "action": "delete_selected",
            "_selected_action": [str(c.pk) for c in closings[1:]],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not ClosedDiscussion.objects.exists()
    opened = [(row[1], row[4]) for row in log_rows() if row[1] == "open"]
    assert sorted(opened) == sorted(("open", a.pk) for a in (article, *others))


def test_closings_cannot_be_edited_and_plain_staff_cannot_close(
    moderator: User, article: Article
) -> None:
    closing = services.discussion_close(moderator=moderator, article=article)
    client = logged_in(moderator)
    change_url = f"{ADMIN}/closeddiscussion/{closing.pk}/change/"
    assert client.get(change_url).status_code == 200  # a view of it, read-only
    assert client.post(change_url, {"article": str(article.pk)}).status_code == 403
    plain = User.objects.create_user("staffer", password="x", is_staff=True)
    other = make_article("not-closed")
    response = logged_in(plain).post(f"{ADMIN}/closeddiscussion/add/", {"article": str(other.pk)})
    assert response.status_code == 403
    assert not selectors.comments_closed(article=other)
    assert [row[1] for row in log_rows()] == ["close"]


def test_comments_are_approved_and_rejected_through_the_services(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    held = Comment.objects.create(
        article=article, author=reader, body="held", status=CommentStatus.PENDING
    )
    spam = services.comment_post(author=other_reader, article=article, body="Spam")
    client = logged_in(moderator)
    response = client.post(
        f"{ADMIN}/comment/",
        {"action": "approve_comments", "_selected_action": [str(held.pk)]},
        follow=True,
    )
    assert said(response) == [("success", "Approved the comment by jaehee.")]
    response = client.post(
        f"{ADMIN}/comment/",
        {"action": "reject_comments", "_selected_action": [str(spam.pk), str(held.pk)]},
        follow=True,
    )
    assert sorted(said(response)) == [
        ("success", "Rejected the comment by heungsoo."),
        ("success", "Rejected the comment by jaehee."),
    ]
    response = client.post(
        f"{ADMIN}/comment/",
        {"action": "approve_comments", "_selected_action": [str(spam.pk)]},
        follow=True,
    )
    assert said(response) == [
        (
            "error",
            f"Comment {spam.pk} on {article.pk}: This comment was deleted or rejected already.",
        )
    ]
    assert sorted((row[1], row[2]) for row in log_rows()) == [
        ("approve", held.pk),
        ("reject", held.pk),
        ("reject", spam.pk),
    ]


@pytest.mark.parametrize(
    "url",
    [
        "comment/add/",
        "comment/{comment}/delete/",
        "comment/{comment}/change/",
        "commentreport/add/",
        "commentreport/{report}/change/",
        "commentreport/{report}/delete/",
        "moderationaction/add/",
        "moderationaction/{action}/change/",
        "moderationaction/{action}/delete/",
    ],
)
def test_comments_reports_and_the_log_are_read_only(
    reader: User, other_reader: User, moderator: User, article: Article, url: str
) -> None:
    comment = services.comment_post(author=reader, article=article, body="x")
    report = services.comment_report(reporter=other_reader, comment=comment, reason="spam")
    services.comment_approve(moderator=moderator, comment=comment)
    action = ModerationAction.objects.get()
    superuser = User.objects.create_superuser("boss", password="x")
    path = f"{ADMIN}/" + url.format(comment=comment.pk, report=report.pk, action=action.pk)
    assert logged_in(superuser).post(path, {"post": "yes", "body": "y"}).status_code == 403
    assert (Comment.objects.get().body, ModerationAction.objects.count()) == ("x", 1)


def test_word_rules_are_saved_and_deleted_through_the_services(moderator: User) -> None:
    client = logged_in(moderator)
    response = client.post(
        f"{ADMIN}/wordrule/add/", {"phrase": " free  tickets ", "kind": "banned"}
    )
    assert response.status_code == 302
    rule = WordRule.objects.get()
    assert (rule.phrase, rule.kind) == ("free tickets", "banned")
    client.post(
        f"{ADMIN}/wordrule/{rule.pk}/change/",
        {"phrase": "free tickets", "kind": "suspect"},
        follow=True,
    )
    assert WordRule.objects.get().kind == "suspect"
    response = client.post(
        f"{ADMIN}/wordrule/add/", {"phrase": "Free   tickets", "kind": "banned"}, follow=True
    )
    assert said(response) == [("error", "There is already a rule for “Free tickets”.")]
    assert WordRule.objects.count() == 1
    client.post(f"{ADMIN}/wordrule/{rule.pk}/delete/", {"post": "yes"})
    assert not WordRule.objects.exists()


def test_plain_staff_cannot_touch_word_rules() -> None:
    staff = User.objects.create_user("staffer", password="x", is_staff=True)
    response = logged_in(staff).post(f"{ADMIN}/wordrule/add/", {"phrase": "x", "kind": "banned"})
    assert response.status_code == 403
    assert not WordRule.objects.exists()


def test_moderators_see_the_community_admin(moderator: User) -> None:
    page = logged_in(moderator).get("/admin/").content.decode()
    for name in ("Reader profiles", "Closed discussions", "Comments", "Moderation actions"):
        assert name in page


def test_approving_a_reported_comment_in_the_admin_keeps_it_and_says_so(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    reported = services.comment_post(author=reader, article=article, body="Reported")
    services.comment_report(reporter=other_reader, comment=reported, reason="spam")
    response = logged_in(moderator).post(
        f"{ADMIN}/comment/",
        {"action": "approve_comments", "_selected_action": [str(reported.pk)]},
        follow=True,
    )
    assert said(response) == [("success", "Kept the comment by jaehee; dismissed 1 report(s).")]
    assert [(row[1], row[2]) for row in log_rows()] == [("dismiss_reports", reported.pk)]
