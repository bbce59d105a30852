"""Readers' comments: posting, editing, deleting, liking and reporting them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from marquee.community import selectors
from marquee.community.errors import Refusal
from marquee.community.models import (
    Comment,
    CommentLike,
    CommentReport,
    CommentStatus,
    ReportReason,
    WordRule,
    WordRuleKind,
)
from marquee.community.rendering import render_comment
from marquee.community.screening import normalise_text, screen_comment
from marquee.community.services.checks import (
    rate_limit,
    refuse_banned,
    refuse_closed,
    refuse_unstorable_text,
)
from marquee.newsroom.models import Article
from marquee.web.pagecache import article_page_changed

NOT_YOURS = "You can only change your own comments."


def _clean_body(body: str) -> str:
    refuse_unstorable_text(body, field="body")
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise Refusal("empty", "Write something before posting.", status=400)
    limit = settings.MARQUEE_COMMENT_MAX_LENGTH
    if len(body) > limit:
        raise Refusal(
            "too_long",
            f"Comments can be at most {limit:,} characters; yours has {len(body):,}.",
            status=400,
        )
    return body


def _hold_reason(*, author: User, body: str) -> str:
    rules = list(WordRule.objects.values_list("phrase", "kind"))
    trusted = (
        selectors.published_comment_count(author=author) >= settings.MARQUEE_COMMENT_TRUSTED_AFTER
    )
    return screen_comment(
        body=body,
        banned=[phrase for phrase, kind in rules if kind == WordRuleKind.BANNED],
        suspect=[phrase for phrase, kind in rules if kind == WordRuleKind.SUSPECT],
        trusted=trusted,
        exempt=selectors.is_moderator(author),
    )


def comment_post(
    *,
    author: User,
    article: Article,
    body: str,
    parent_id: int | None = None,
    now: datetime.datetime | None = None,
) -> Comment:
    """Post a comment or a reply; it is published, or held for a moderator with a reason.

    Refused: banned readers, closed articles, empty or too long bodies, replies to comments
    that are not published on this article, readers over their rate limit, the same text as
    the reader's previous comment, and banned words.
    """
    refuse_banned(author)
    refuse_closed(article)
    body = _clean_body(body)
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(
            pk=parent_id, article=article, status=CommentStatus.PUBLISHED
        ).first()
        if parent is None:
            raise Refusal(
                "invalid_parent",
                "The comment you are replying to is not available: it may have been deleted "
                "or still be awaiting moderation.",
                status=400,
            )
    previous = selectors.last_comment_body(author=author)
    if previous is not None and normalise_text(previous) == normalise_text(body):
        raise Refusal(
            "duplicate",
            "You just posted this same comment. Write something new, or edit the one you posted.",
            status=409,
        )
    hold_reason = _hold_reason(author=author, body=body)
    rate_limit("comment", author, settings.MARQUEE_COMMENT_RATE_LIMITS)
    with transaction.atomic():
        article_page_changed(article.pk)
        if parent is not None and not hold_reason:
            selectors.forget_unread_replies(parent.author_id)
        return Comment.objects.create(
            article=article,
            author_id=author.pk,
            parent=parent,
            thread=(parent.thread or parent) if parent else None,
            body=body,
            body_html=render_comment(body),
            status=CommentStatus.PENDING if hold_reason else CommentStatus.PUBLISHED,
            hold_reason=hold_reason,
            created_at=now or timezone.now(),
        )


def _refuse_unless_own_live_comment(reader: User, comment: Comment) -> None:
    if comment.author_id != reader.pk:
        raise Refusal("forbidden", NOT_YOURS, status=403)
    if comment.status not in {CommentStatus.PUBLISHED, CommentStatus.PENDING}:
        raise Refusal("gone", "This comment has been removed.", status=410)


def comment_edit(
    *,
    editor: User,
    comment: Comment,
    body: str,
    now: datetime.datetime | None = None,
) -> Comment:
    """Change the author's own comment within the edit window; it is marked as edited and
    screened again (an edit can send it back to the moderators)."""
    now = now or timezone.now()
    _refuse_unless_own_live_comment(editor, comment)
    refuse_banned(editor)
    if now >= comment.editable_until():
        minutes = settings.MARQUEE_COMMENT_EDIT_SECONDS // 60
        raise Refusal(
            "edit_window_closed",
            f"Comments can only be edited for {minutes} minutes after posting.",
            status=403,
        )
    refuse_closed(comment.article)
    body = _clean_body(body)
    if body == comment.body:
        return comment
    hold_reason = _hold_reason(author=editor, body=body)
    with transaction.atomic():
        comment.body = body
        comment.body_html = render_comment(body)
        comment.edited_at = now
        if hold_reason:
            comment.status = CommentStatus.PENDING
            comment.hold_reason = f"Edited: {hold_reason[0].lower()}{hold_reason[1:]}"
        comment.save(update_fields=["body", "body_html", "edited_at", "status", "hold_reason"])
        article_page_changed(comment.article_id)
    return comment


def comment_delete(*, reader: User, comment: Comment) -> Comment:
    """The author removes their own comment; its replies stay, under a placeholder."""
    _refuse_unless_own_live_comment(reader, comment)
    with transaction.atomic():
        comment.status = CommentStatus.DELETED
        comment.body = ""
        comment.body_html = ""
        comment.save(update_fields=["status", "body", "body_html"])
        article_page_changed(comment.article_id)
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    return comment


def _refuse_unless_published_for_others(reader: User, comment: Comment, doing: str) -> None:
    if comment.status != CommentStatus.PUBLISHED:
        raise Refusal("gone", "This comment is not published.", status=404)
    if comment.author_id == reader.pk:
        raise Refusal("own_comment", f"You cannot {doing} your own comment.", status=403)


def comment_like_toggle(*, reader: User, comment: Comment) -> bool:
    """Like a comment, or take the like back; returns whether the reader now likes it."""
    _refuse_unless_published_for_others(reader, comment, "like")
    refuse_banned(reader)
    rate_limit("action", reader, settings.MARQUEE_COMMUNITY_ACTION_RATE_LIMITS)
    with transaction.atomic():
        article_page_changed(comment.article_id)  # its like count shows on the page
        deleted, _ = CommentLike.objects.filter(user_id=reader.pk, comment=comment).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                CommentLike.objects.create(user_id=reader.pk, comment=comment)
        except IntegrityError:
            pass  # a simultaneous request liked it already
    return True


def comment_report(
    *, reporter: User, comment: Comment, reason: str, note: str = ""
) -> CommentReport:
    """Report a published comment to the moderators, once per reader."""
    _refuse_unless_published_for_others(reporter, comment, "report")
    if reason not in ReportReason.values:
        choices = ", ".join(ReportReason.values)
        raise Refusal("invalid_reason", f"Choose a reason: {choices}.", status=400)
    refuse_unstorable_text(note, field="note")
    note = note.strip()
    if reason == ReportReason.OTHER and not note:
        raise Refusal("note_required", "Tell the moderators what is wrong.", status=400)
    if len(note) > 500:
        raise Refusal("too_long", "Keep the note under 500 characters.", status=400)
    refuse_banned(reporter)
    rate_limit("action", reporter, settings.MARQUEE_COMMUNITY_ACTION_RATE_LIMITS)
    try:
        with transaction.atomic():
            return CommentReport.objects.create(
                comment=comment, reporter_id=reporter.pk, reason=reason, note=note
            )
    except IntegrityError:
        raise Refusal(
            "already_reported",
            "You have already reported this comment; a moderator will look at it.",
            status=409,
        ) from None
