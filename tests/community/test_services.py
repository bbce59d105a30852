"""Community services: reactions, comments, likes, reports, moderation, accounts."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from marquee.community import selectors, services
from marquee.community.errors import Refusal
from marquee.community.models import (
    Comment,
    CommentReport,
    CommentStatus,
    ModerationAction,
    Reaction,
    WordRule,
    WordRuleKind,
)
from marquee.newsroom.models import Article
from tests.community.conftest import ReaderFactory

pytestmark = pytest.mark.django_db


def refusal(excinfo: pytest.ExceptionInfo[Refusal]) -> tuple[str, str, int]:
    return excinfo.value.code, excinfo.value.message, excinfo.value.status


# --- reactions ----------------------------------------------------------------------------


def test_choosing_switching_and_removing_a_reaction(reader: User, article: Article) -> None:
    assert services.reaction_set(reader=reader, article=article, kind="love").mine == "love"
    summary = services.reaction_set(reader=reader, article=article, kind="wow")
    assert summary == selectors.reaction_summary(article=article, user=reader)
    assert summary.counts == {"love": 0, "haha": 0, "wow": 1, "sad": 0, "angry": 0}
    assert summary.mine == "wow"
    assert services.reaction_set(reader=reader, article=article, kind="wow").mine is None
    assert Reaction.objects.count() == 0
    assert selectors.reaction_summary(article=article, user=reader).mine is None


def test_counts_are_per_article_and_per_reader(
    make_reader: ReaderFactory, article: Article
) -> None:
    other_article = Article.objects.create(slug="other", title="Other", body="x")
    readers = [make_reader(f"r{i}") for i in range(4)]
    for person, kind in zip(readers, ["love", "love", "sad", "haha"], strict=True):
        services.reaction_set(reader=person, article=article, kind=kind)
    services.reaction_set(reader=readers[0], article=other_article, kind="angry")
    summary = selectors.reaction_summary(article=article, user=readers[2])
    assert summary.counts == {"love": 2, "haha": 1, "wow": 0, "sad": 1, "angry": 0}
    assert summary.mine == "sad"


def test_unknown_reaction_is_refused(reader: User, article: Article) -> None:
    with pytest.raises(Refusal) as excinfo:
        services.reaction_set(reader=reader, article=article, kind="meh")
    assert refusal(excinfo) == (
        "unknown_reaction",
        "Choose one of these reactions: love, haha, wow, sad, angry.",
        400,
    )


def test_reactions_are_configurable(reader: User, article: Article, settings: Any) -> None:
    settings.MARQUEE_REACTIONS = [
        {"key": "love", "emoji": "❤️", "label": "Adore"},
        {"key": "fire", "emoji": "🔥", "label": "Fire"},
    ]
    services.reaction_set(reader=reader, article=article, kind="fire")
    assert [o.label for o in selectors.reaction_options()] == ["Adore", "Fire"]
    assert selectors.reaction_summary(article=article, user=reader).counts == {
        "love": 0,
        "fire": 1,
    }


def test_engagement_since_counts_new_reactions_and_published_comments(
    make_reader: ReaderFactory, article: Article
) -> None:
    quiet = Article.objects.create(slug="quiet", title="Quiet", body="x")
    other = Article.objects.create(slug="other", title="Other", body="x")
    a, b = make_reader("a"), make_reader("b")
    now = timezone.now()
    services.reaction_set(reader=a, article=article, kind="love")
    services.reaction_set(reader=b, article=article, kind="wow")
    services.reaction_set(reader=a, article=other, kind="sad")
    Reaction.objects.filter(article=other).update(created_at=now - datetime.timedelta(days=3))
    services.comment_post(author=a, article=article, body="Loved it")
    services.comment_post(author=b, article=quiet, body="Me too")
    Comment.objects.create(article=quiet, author=b, body="held", status=CommentStatus.PENDING)
    since = now - datetime.timedelta(hours=1)
    assert selectors.engagement_since(since=since) == {article.pk: (2, 1), quiet.pk: (0, 1)}


# --- comments -----------------------------------------------------------------------------


def test_a_comment_is_rendered_and_published(reader: User, article: Article) -> None:
    comment = services.comment_post(author=reader, article=article, body="  *So* good  ")
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.body == "*So* good"
    assert comment.body_html == "<p><em>So</em> good</p>"


def test_replies_keep_their_parent_and_join_the_thread(
    reader: User, other_reader: User, article: Article
) -> None:
    root = services.comment_post(author=reader, article=article, body="Root")
    reply = services.comment_post(
        author=other_reader, article=article, body="Reply", parent_id=root.pk
    )
    deeper = services.comment_post(
        author=reader, article=article, body="Deeper", parent_id=reply.pk
    )
    assert (reply.parent_id, reply.thread_id) == (root.pk, root.pk)
    assert (deeper.parent_id, deeper.thread_id) == (reply.pk, root.pk)


def test_keeping_a_reported_comment_dismisses_its_reports_and_says_so(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    reported = services.comment_post(author=reader, article=article, body="Reported")
    services.comment_report(reporter=other_reader, comment=reported, reason="offensive")
    assert services.comment_reports_dismiss(moderator=moderator, comment=reported) == 1
    assert services.comment_reports_dismiss(moderator=moderator, comment=reported) == 0
    assert selectors.moderation_queue().reported == []
    # approving a published comment is keeping it, and is recorded as that
    services.comment_report(reporter=moderator, comment=reported, reason="spam")
    services.comment_approve(moderator=moderator, comment=reported)
    assert list(ModerationAction.objects.order_by("pk").values_list("action", "note")) == [
        ("dismiss_reports", "dismissed 1 report(s)"),
        ("dismiss_reports", "dismissed 1 report(s)"),
    ]
    reported.refresh_from_db()
    assert reported.status == CommentStatus.PUBLISHED


def test_only_published_comments_can_be_kept(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    held = Comment.objects.create(
        article=article, author=reader, body="x", status=CommentStatus.PENDING
    )
    with pytest.raises(Refusal) as excinfo:
        services.comment_reports_dismiss(moderator=moderator, comment=held)
    assert refusal(excinfo) == (
        "not_published",
        "This comment is awaiting review, not published: approve or reject it.",
        409,
    )
    with pytest.raises(Refusal) as excinfo:
        services.comment_reports_dismiss(moderator=other_reader, comment=held)
    assert refusal(excinfo) == ("forbidden", "Only moderators can do this.", 403)
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", ("empty", "Write something before posting.", 400)),
        ("   \n ", ("empty", "Write something before posting.", 400)),
        (
            "x" * 2001,
            ("too_long", "Comments can be at most 2,000 characters; yours has 2,001.", 400),
        ),
    ],
)
def test_empty_and_overlong_comments_are_refused(
    reader: User, article: Article, body: str, expected: tuple[str, str, int]
) -> None:
    with pytest.raises(Refusal) as excinfo:
        services.comment_post(author=reader, article=article, body=body)
    assert refusal(excinfo) == expected


def test_2000_characters_is_allowed(reader: User, article: Article) -> None:
    assert services.comment_post(author=reader, article=article, body="x" * 2000).pk


def test_replying_to_a_comment_that_is_not_published_is_refused(
    reader: User, other_reader: User, article: Article
) -> None:
    held = Comment.objects.create(
        article=article, author=other_reader, body="x", status=CommentStatus.PENDING
    )
    with pytest.raises(Refusal) as excinfo:
        services.comment_post(author=reader, article=article, body="Hi", parent_id=held.pk)
    assert excinfo.value.code == "invalid_parent"
    assert "not available" in excinfo.value.message


def test_the_same_text_twice_in_a_row_is_refused(reader: User, article: Article) -> None:
    services.comment_post(author=reader, article=article, body="Best film of the year")
    with pytest.raises(Refusal) as excinfo:
        services.comment_post(author=reader, article=article, body="best film  of the YEAR")
    assert refusal(excinfo) == (
        "duplicate",
        "You just posted this same comment. Write something new, or edit the one you posted.",
        409,
    )
    services.comment_post(author=reader, article=article, body="Something else")
    services.comment_post(author=reader, article=article, body="Best film of the year")


def test_comment_rate_limit(reader: User, article: Article, settings: Any) -> None:
    settings.MARQUEE_COMMENT_RATE_LIMITS = [(3, 60)]
    for index in range(3):
        services.comment_post(author=reader, article=article, body=f"Comment {index}")
    with pytest.raises(Refusal) as excinfo:
        services.comment_post(author=reader, article=article, body="One too many")
    code, message, status = refusal(excinfo)
    assert (code, status) == ("rate_limited", 429)
    assert message.startswith("You are commenting too quickly. Please wait ")
    assert 0 < excinfo.value.retry_after <= 60


def test_banned_words_refuse_and_suspect_words_and_links_hold(
    reader: User, article: Article
) -> None:
    WordRule.objects.create(phrase="scumbag", kind=WordRuleKind.BANNED)
    WordRule.objects.create(phrase="free tickets", kind=WordRuleKind.SUSPECT)
    with pytest.raises(Refusal) as excinfo:
        services.comment_post(author=reader, article=article, body="What a SCUMBAG move")
    assert refusal(excinfo) == (
        "banned_words",
        "Your comment contains language that is not allowed here (“scumbag”). Please rephrase it.",
        422,
    )
    held = services.comment_post(author=reader, article=article, body="Free  tickets here!")
    assert (held.status, held.hold_reason) == ("pending", "Contains a word moderators review")
    linked = services.comment_post(
        author=reader, article=article, body="See [this](https://example.com)"
    )
    assert (linked.status, linked.hold_reason) == ("pending", "Contains a link")
    assert services.comment_post(author=reader, article=article, body="Ticketsfree").status == (
        "published"
    )


def test_new_readers_are_premoderated_until_approved(
    reader: User, moderator: User, article: Article, settings: Any
) -> None:
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 2
    first = services.comment_post(author=reader, article=article, body="First")
    assert (first.status, first.hold_reason) == (
        "pending",
        "New reader: first comments are reviewed",
    )
    services.comment_approve(moderator=moderator, comment=first)
    second = services.comment_post(author=reader, article=article, body="Second")
    assert second.status == "pending"
    services.comment_approve(moderator=moderator, comment=second)
    assert services.comment_post(author=reader, article=article, body="Third").status == (
        "published"
    )
    assert services.comment_post(author=moderator, article=article, body="x.com").status == (
        "published"
    )


def test_editing_within_the_window_marks_the_comment_edited(reader: User, article: Article) -> None:
    comment = services.comment_post(author=reader, article=article, body="Typo")
    services.comment_edit(editor=reader, comment=comment, body="**Fixed**")
    comment.refresh_from_db()
    assert (comment.body_html, comment.status) == ("<p><strong>Fixed</strong></p>", "published")
    assert comment.edited_at is not None


def test_editing_after_15_minutes_or_someone_elses_comment_is_refused(
    reader: User, other_reader: User, article: Article
) -> None:
    comment = services.comment_post(author=reader, article=article, body="Mine")
    with pytest.raises(Refusal) as excinfo:
        services.comment_edit(editor=other_reader, comment=comment, body="Hijacked")
    assert refusal(excinfo) == ("forbidden", "You can only change your own comments.", 403)
    later = comment.created_at + datetime.timedelta(minutes=15)
    with pytest.raises(Refusal) as excinfo:
        services.comment_edit(editor=reader, comment=comment, body="Late", now=later)
    assert refusal(excinfo) == (
        "edit_window_closed",
        "Comments can only be edited for 15 minutes after posting.",
        403,
    )


def test_an_edit_adding_a_link_goes_back_to_the_moderators(reader: User, article: Article) -> None:
    comment = services.comment_post(author=reader, article=article, body="Plain")
    services.comment_edit(editor=reader, comment=comment, body="Now with https://spam.example")
    assert (comment.status, comment.hold_reason) == ("pending", "Edited: contains a link")


def test_deleting_keeps_replies_under_a_placeholder(
    reader: User, other_reader: User, article: Article
) -> None:
    root = services.comment_post(author=reader, article=article, body="Root")
    services.comment_post(author=other_reader, article=article, body="Reply", parent_id=root.pk)
    with pytest.raises(Refusal) as excinfo:
        services.comment_delete(reader=other_reader, comment=root)
    assert excinfo.value.code == "forbidden"
    services.comment_delete(reader=reader, comment=root)
    root.refresh_from_db()
    assert (root.status, root.body, root.body_html) == ("deleted", "", "")
    page = selectors.comment_page(article=article, user=other_reader)
    assert [t.comment.pk for t in page.threads] == [root.pk]
    assert not page.threads[0].visible
    assert [r.comment.body for r in page.threads[0].replies] == ["Reply"]


def test_likes_toggle_and_cannot_be_given_to_oneself(
    reader: User, other_reader: User, article: Article
) -> None:
    comment = services.comment_post(author=reader, article=article, body="Like me")
    assert services.comment_like_toggle(reader=other_reader, comment=comment) is True
    assert comment.likes.count() == 1
    assert services.comment_like_toggle(reader=other_reader, comment=comment) is False
    assert comment.likes.count() == 0
    with pytest.raises(Refusal) as excinfo:
        services.comment_like_toggle(reader=reader, comment=comment)
    assert refusal(excinfo) == ("own_comment", "You cannot like your own comment.", 403)


def test_reports_need_a_reason_and_are_taken_once(
    reader: User, other_reader: User, article: Article
) -> None:
    comment = services.comment_post(author=reader, article=article, body="Hmm")
    with pytest.raises(Refusal) as excinfo:
        services.comment_report(reporter=other_reader, comment=comment, reason="boring")
    assert refusal(excinfo) == (
        "invalid_reason",
        "Choose a reason: offensive, abusive, spam, other.",
        400,
    )
    with pytest.raises(Refusal) as excinfo:
        services.comment_report(reporter=other_reader, comment=comment, reason="other")
    assert excinfo.value.message == "Tell the moderators what is wrong."
    services.comment_report(reporter=other_reader, comment=comment, reason="spam")
    with pytest.raises(Refusal) as excinfo:
        services.comment_report(reporter=other_reader, comment=comment, reason="abusive")
    assert refusal(excinfo) == (
        "already_reported",
        "You have already reported this comment; a moderator will look at it.",
        409,
    )
    with pytest.raises(Refusal) as excinfo:
        services.comment_report(reporter=reader, comment=comment, reason="spam")
    assert excinfo.value.message == "You cannot report your own comment."


# --- moderation ---------------------------------------------------------------------------


def test_moderation_actions_need_the_permission(
    reader: User, other_reader: User, article: Article
) -> None:
    comment = services.comment_post(author=reader, article=article, body="x")
    other_reader.is_staff = True  # staff alone is not enough
    other_reader.save()
    calls: list[Callable[[], object]] = [
        lambda: services.comment_approve(moderator=other_reader, comment=comment),
        lambda: services.comment_reject(moderator=other_reader, comment=comment),
        lambda: services.reader_ban(moderator=other_reader, reader=reader),
        lambda: services.reader_unban(moderator=other_reader, reader=reader),
        lambda: services.discussion_close(moderator=other_reader, article=article),
        lambda: services.discussion_open(moderator=other_reader, article=article),
    ]
    for call in calls:
        with pytest.raises(Refusal) as excinfo:
            call()
        assert refusal(excinfo) == ("forbidden", "Only moderators can do this.", 403)
    assert not ModerationAction.objects.exists()


def test_approve_reject_ban_close_are_recorded(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    held = Comment.objects.create(
        article=article, author=reader, body="x", status=CommentStatus.PENDING
    )
    reported = services.comment_post(author=reader, article=article, body="Reported")
    services.comment_report(reporter=other_reader, comment=reported, reason="offensive")
    queue = selectors.moderation_queue()
    assert ([c.pk for c in queue.pending], [c.pk for c in queue.reported]) == (
        [held.pk],
        [reported.pk],
    )
    services.comment_approve(moderator=moderator, comment=held)
    services.comment_reject(moderator=moderator, comment=reported, note="rude")
    assert CommentReport.objects.get().resolved_at is not None
    another = Comment.objects.create(
        article=article, author=reader, body="y", status=CommentStatus.PENDING
    )
    assert services.reader_ban(moderator=moderator, reader=reader, reason="trolling") == 1
    another.refresh_from_db()
    assert another.status == "rejected"
    services.discussion_close(moderator=moderator, article=article)
    services.discussion_open(moderator=moderator, article=article)
    actions = [
        (a.moderator_id, a.action, a.comment_id, a.reader_id, a.note)
        for a in ModerationAction.objects.order_by("pk")
    ]
    assert actions == [
        (moderator.pk, "approve", held.pk, reader.pk, ""),
        (moderator.pk, "reject", reported.pk, reader.pk, "rude"),
        (moderator.pk, "ban", None, reader.pk, "trolling"),
        (moderator.pk, "close", None, None, ""),
        (moderator.pk, "open", None, None, ""),
    ]
    assert selectors.moderation_queue().pending == []


@pytest.mark.parametrize(
    ("is_staff", "is_superuser", "has_permission"),
    [(True, False, False), (False, True, False), (True, True, False), (True, False, True)],
)
def test_staff_and_superusers_cannot_be_banned(
    make_reader: ReaderFactory,
    moderator: User,
    is_staff: bool,
    is_superuser: bool,
    has_permission: bool,
) -> None:
    colleague = make_reader("colleague")
    colleague.is_staff, colleague.is_superuser = is_staff, is_superuser
    colleague.save()
    if has_permission:
        colleague.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    with pytest.raises(Refusal) as excinfo:
        services.reader_ban(moderator=moderator, reader=colleague, reason="x")
    assert refusal(excinfo) == (
        "cannot_ban_staff",
        "colleague is a staff account; staff and superusers cannot be banned. Remove the "
        "account's staff and superuser status first.",
        403,
    )
    assert not selectors.reader_profile(user=colleague).is_banned
    assert not ModerationAction.objects.exists()


def test_a_moderator_cannot_ban_themselves(moderator: User) -> None:
    with pytest.raises(Refusal) as excinfo:
        services.reader_ban(moderator=moderator, reader=moderator)
    assert excinfo.value.code == "cannot_ban_staff"
    assert not ModerationAction.objects.exists()


def test_lifting_a_ban_is_recorded_only_when_there_was_one(reader: User, moderator: User) -> None:
    assert services.reader_unban(moderator=moderator, reader=reader) is False
    assert not ModerationAction.objects.exists()
    services.reader_ban(moderator=moderator, reader=reader, reason="spam")
    assert services.reader_unban(moderator=moderator, reader=reader) is True
    profile = selectors.reader_profile(user=reader)
    assert (profile.banned_at, profile.ban_reason) == (None, "")
    assert list(ModerationAction.objects.order_by("pk").values_list("action", "note")) == [
        ("ban", "spam"),
        ("unban", ""),
    ]


def test_closing_and_opening_twice_is_recorded_once(moderator: User, article: Article) -> None:
    closing = services.discussion_close(moderator=moderator, article=article)
    assert (closing.article_id, closing.closed_by_id) == (article.pk, moderator.pk)
    assert services.discussion_close(moderator=moderator, article=article).pk == closing.pk
    assert services.discussion_open(moderator=moderator, article=article) is True
    assert services.discussion_open(moderator=moderator, article=article) is False
    assert list(ModerationAction.objects.order_by("pk").values_list("action", "article_id")) == [
        ("close", article.pk),
        ("open", article.pk),
    ]


def test_word_rules_are_kept_by_moderators_and_screen_the_next_comment(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    rule = services.word_rule_save(moderator=moderator, phrase="  free   tickets ", kind="suspect")
    assert (rule.phrase, rule.kind) == ("free tickets", "suspect")
    held = services.comment_post(author=reader, article=article, body="Free tickets!")
    assert held.status == "pending"
    services.word_rule_save(moderator=moderator, phrase="free tickets", kind="banned", rule=rule)
    with pytest.raises(Refusal) as excinfo:
        services.comment_post(author=reader, article=article, body="free tickets again")
    assert excinfo.value.code == "banned_words"
    services.word_rule_delete(moderator=moderator, rule=rule)
    assert services.comment_post(author=reader, article=article, body="Free tickets?").status == (
        "published"
    )


@pytest.mark.parametrize(
    ("phrase", "kind", "expected"),
    [
        ("  ", "banned", ("empty", "Write the word or phrase the rule is about.", 400)),
        ("x" * 101, "banned", ("too_long", "A phrase can be at most 100 characters.", 400)),
        ("spoiler", "maybe", ("invalid_kind", "Choose a kind of rule: banned, suspect.", 400)),
        ("Scumbag", "suspect", ("duplicate", "There is already a rule for “Scumbag”.", 409)),
        (
            "ＳＣＵＭＢＡＧ",
            "banned",
            ("duplicate", "There is already a rule for “ＳＣＵＭＢＡＧ”.", 409),
        ),
    ],
)
def test_word_rules_refuse_bad_input(
    moderator: User, phrase: str, kind: str, expected: tuple[str, str, int]
) -> None:
    WordRule.objects.create(phrase="Scumbag", kind=WordRuleKind.BANNED)
    with pytest.raises(Refusal) as excinfo:
        services.word_rule_save(moderator=moderator, phrase=phrase, kind=kind)
    assert refusal(excinfo) == expected
    assert list(WordRule.objects.values_list("phrase", flat=True)) == ["Scumbag"]


def test_word_rules_need_a_moderator(other_reader: User) -> None:
    rule = WordRule.objects.create(phrase="spoiler", kind=WordRuleKind.SUSPECT)
    other_reader.is_staff = True
    other_reader.save()
    calls: list[Callable[[], object]] = [
        lambda: services.word_rule_save(moderator=other_reader, phrase="x", kind="banned"),
        lambda: services.word_rule_delete(moderator=other_reader, rule=rule),
    ]
    for call in calls:
        with pytest.raises(Refusal) as excinfo:
            call()
        assert refusal(excinfo) == ("forbidden", "Only moderators can do this.", 403)
    assert list(WordRule.objects.values_list("phrase", flat=True)) == ["spoiler"]


def test_banned_readers_cannot_write(reader: User, moderator: User, article: Article) -> None:
    services.reader_ban(moderator=moderator, reader=reader)
    message = (
        "Your account has been suspended by a moderator, so you cannot post, react or report. "
        "Contact the editors if you think this is a mistake."
    )
    with pytest.raises(Refusal) as excinfo:
        services.comment_post(author=reader, article=article, body="Hello")
    assert refusal(excinfo) == ("banned", message, 403)
    with pytest.raises(Refusal) as excinfo:
        services.reaction_set(reader=reader, article=article, kind="love")
    assert refusal(excinfo) == ("banned", message, 403)
    assert not Reaction.objects.exists()
    services.reader_unban(moderator=moderator, reader=reader)
    assert services.comment_post(author=reader, article=article, body="Hello").pk
    assert services.reaction_set(reader=reader, article=article, kind="love").mine == "love"


def test_a_banned_reader_keeps_their_reaction_and_cannot_change_it(
    reader: User, moderator: User, article: Article
) -> None:
    services.reaction_set(reader=reader, article=article, kind="wow")
    services.reader_ban(moderator=moderator, reader=reader)
    for kind in ("wow", "sad"):  # neither removing nor switching
        with pytest.raises(Refusal) as excinfo:
            services.reaction_set(reader=reader, article=article, kind=kind)
        assert excinfo.value.code == "banned"
    assert list(Reaction.objects.values_list("user_id", "kind")) == [(reader.pk, "wow")]
    assert selectors.reaction_summary(article=article, user=reader).counts["wow"] == 1


def test_the_rate_limit_is_checked_before_the_ban(
    reader: User, moderator: User, article: Article, settings: Any
) -> None:
    """The ban is read in the write itself (one round trip on PostgreSQL), so a banned reader
    over the limit is told to slow down first."""
    settings.MARQUEE_REACTION_RATE_LIMITS = [(1, 60)]
    services.reaction_set(reader=reader, article=article, kind="wow")
    services.reader_ban(moderator=moderator, reader=reader)
    with pytest.raises(Refusal) as excinfo:
        services.reaction_set(reader=reader, article=article, kind="sad")
    assert excinfo.value.code == "rate_limited"


def test_closed_articles_refuse_comments_and_edits(
    reader: User, moderator: User, article: Article
) -> None:
    comment = services.comment_post(author=reader, article=article, body="Before")
    services.discussion_close(moderator=moderator, article=article)
    calls: list[Callable[[], object]] = [
        lambda: services.comment_post(author=reader, article=article, body="After"),
        lambda: services.comment_edit(editor=reader, comment=comment, body="Changed"),
    ]
    for call in calls:
        with pytest.raises(Refusal) as excinfo:
            call()
        assert refusal(excinfo) == (
            "comments_closed",
            "Comments are closed on this article.",
            403,
        )
    assert services.reaction_set(reader=reader, article=article, kind="love").mine == "love"


# --- accounts and notifications -----------------------------------------------------------


def test_deleting_an_account_keeps_comments_as_deleted_user(
    reader: User, other_reader: User, article: Article
) -> None:
    comment = services.comment_post(author=reader, article=article, body="Still here")
    services.reaction_set(reader=reader, article=article, kind="love")
    services.comment_like_toggle(reader=other_reader, comment=comment)
    services.account_delete(user=reader)
    comment.refresh_from_db()
    assert (comment.author, comment.author_name, comment.body) == (
        None,
        "deleted user",
        "Still here",
    )
    assert not Reaction.objects.exists()
    assert not User.objects.filter(username="jaehee").exists()


def test_unread_replies_count_since_last_seen(
    reader: User, other_reader: User, article: Article
) -> None:
    mine = services.comment_post(author=reader, article=article, body="Mine")
    services.comment_post(author=other_reader, article=article, body="Reply 1", parent_id=mine.pk)
    services.comment_post(author=reader, article=article, body="Self reply", parent_id=mine.pk)
    assert selectors.unread_reply_count(user=reader) == 1
    services.replies_mark_seen(reader=reader)
    assert selectors.unread_reply_count(user=reader) == 0
    services.comment_post(author=other_reader, article=article, body="Reply 2", parent_id=mine.pk)
    assert selectors.unread_reply_count(user=reader) == 1
    assert selectors.unread_reply_count(user=other_reader) == 0


def test_queue_lists_only_comments_with_open_reports(
    reader: User, other_reader: User, moderator: User, article: Article
) -> None:
    services.comment_post(author=reader, article=article, body="Never reported")
    reported = services.comment_post(author=reader, article=article, body="Reported")
    services.comment_report(reporter=other_reader, comment=reported, reason="spam")
    assert [c.pk for c in selectors.moderation_queue().reported] == [reported.pk]
    services.comment_approve(moderator=moderator, comment=reported)
    assert selectors.moderation_queue().reported == []


def test_moderators_group_carries_the_permission(db: None) -> None:
    from django.contrib.auth.models import Group, User

    group = Group.objects.get(name="Moderators")
    moderator = User.objects.create_user("mod", password="x", is_staff=True)
    moderator.groups.add(group)
    assert User.objects.get(pk=moderator.pk).has_perm("community.moderate_comment")
