"""Writes of the community: reactions, comments, likes, reports, moderation, accounts.

Every service checks who may do it and raises ``Refusal`` with a reason when not; views only
parse input and present the outcome.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from marquee.community import ratelimit, selectors
from marquee.community.errors import Refusal
from marquee.community.models import (
    ClosedDiscussion,
    Comment,
    CommentLike,
    CommentReport,
    CommentStatus,
    ModerationAction,
    ModerationActionKind,
    Reaction,
    ReaderProfile,
    ReportReason,
    WordRule,
    WordRuleKind,
)
from marquee.community.moderation import normalise_text, screen_comment
from marquee.community.rendering import render_comment
from marquee.community.signals import engagement_changed
from marquee.newsroom.models import Article

NOT_YOURS = "You can only change your own comments."


def _after_commit(article_id: int) -> None:
    transaction.on_commit(lambda: engagement_changed.send(sender=Article, article_id=article_id))


def _refuse_banned(reader: User) -> None:
    if selectors.reader_profile(user=reader).is_banned:
        raise Refusal(
            "banned",
            "Your account has been suspended by a moderator, so you cannot post, react or "
            "report. Contact the editors if you think this is a mistake.",
            status=403,
        )


def _refuse_moderator_only(moderator: User) -> None:
    if not selectors.is_moderator(moderator):
        raise Refusal("forbidden", "Only moderators can do this.", status=403)


def _refuse_closed(article: Article) -> None:
    if selectors.comments_closed(article=article):
        raise Refusal("comments_closed", "Comments are closed on this article.", status=403)


def _rate_limit(scope: str, reader: User, limits: list[tuple[int, int]]) -> None:
    wait = ratelimit.retry_after(scope, str(reader.pk), limits)
    if wait:
        doing = "commenting" if scope == "comment" else "acting"
        raise Refusal(
            "rate_limited",
            f"You are {doing} too quickly. Please wait {ratelimit.describe_wait(wait)} "
            "and try again.",
            status=429,
            retry_after=wait,
        )
    ratelimit.record(scope, str(reader.pk), limits)


# --- reactions --------------------------------------------------------------------------


def reaction_set(*, reader: User, article: Article, kind: str) -> str | None:
    """Choose ``kind`` for the reader: a new choice switches, the same again removes it.

    Returns the reader's reaction afterwards (None when removed). One row per reader and
    article (a unique constraint), so counts are aggregates over rows and stay exact.
    """
    keys = [option.key for option in selectors.reaction_options()]
    if kind not in keys:
        raise Refusal(
            "unknown_reaction", f"Choose one of these reactions: {', '.join(keys)}.", status=400
        )
    _refuse_banned(reader)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                existing = (
                    Reaction.objects.select_for_update()
                    .filter(user_id=reader.pk, article=article)
                    .first()
                )
                mine: str | None = kind
                if existing is None:
                    Reaction.objects.create(user_id=reader.pk, article=article, kind=kind)
                elif existing.kind == kind:
                    existing.delete()
                    mine = None
                else:
                    existing.kind = kind
                    existing.save(update_fields=["kind", "updated_at"])
                _after_commit(article.pk)
            return mine
        except IntegrityError:
            # The same reader's other request inserted first; apply this choice to its row.
            continue
    raise Refusal(
        "conflict", "Your reaction was changing in another window. Please try again.", status=409
    )


# --- comments ---------------------------------------------------------------------------


def _clean_body(body: str) -> str:
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
    _refuse_banned(author)
    _refuse_closed(article)
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
    _rate_limit("comment", author, settings.MARQUEE_COMMENT_RATE_LIMITS)
    with transaction.atomic():
        comment = Comment.objects.create(
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
        _after_commit(article.pk)
    return comment


def _own_live_comment(reader: User, comment: Comment) -> None:
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
    _own_live_comment(editor, comment)
    _refuse_banned(editor)
    if now >= comment.editable_until():
        minutes = settings.MARQUEE_COMMENT_EDIT_SECONDS // 60
        raise Refusal(
            "edit_window_closed",
            f"Comments can only be edited for {minutes} minutes after posting.",
            status=403,
        )
    _refuse_closed(comment.article)
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
        _after_commit(comment.article_id)
    return comment


def comment_delete(*, reader: User, comment: Comment) -> Comment:
    """The author removes their own comment; its replies stay, under a placeholder."""
    _own_live_comment(reader, comment)
    with transaction.atomic():
        comment.status = CommentStatus.DELETED
        comment.body = ""
        comment.body_html = ""
        comment.save(update_fields=["status", "body", "body_html"])
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        _after_commit(comment.article_id)
    return comment


def _published_for_others(reader: User, comment: Comment, doing: str) -> None:
    if comment.status != CommentStatus.PUBLISHED:
        raise Refusal("gone", "This comment is not published.", status=404)
    if comment.author_id == reader.pk:
        raise Refusal("own_comment", f"You cannot {doing} your own comment.", status=403)


def comment_like_toggle(*, reader: User, comment: Comment) -> bool:
    """Like a comment, or take the like back; returns whether the reader now likes it."""
    _published_for_others(reader, comment, "like")
    _refuse_banned(reader)
    _rate_limit("action", reader, settings.MARQUEE_COMMUNITY_ACTION_RATE_LIMITS)
    with transaction.atomic():
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
    _published_for_others(reporter, comment, "report")
    if reason not in ReportReason.values:
        choices = ", ".join(ReportReason.values)
        raise Refusal("invalid_reason", f"Choose a reason: {choices}.", status=400)
    note = note.strip()
    if reason == ReportReason.OTHER and not note:
        raise Refusal("note_required", "Tell the moderators what is wrong.", status=400)
    if len(note) > 500:
        raise Refusal("too_long", "Keep the note under 500 characters.", status=400)
    _refuse_banned(reporter)
    _rate_limit("action", reporter, settings.MARQUEE_COMMUNITY_ACTION_RATE_LIMITS)
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


# --- moderation -------------------------------------------------------------------------


def _record(
    moderator: User,
    action: str,
    *,
    comment: Comment | None = None,
    reader_id: int | None = None,
    article: Article | None = None,
    note: str = "",
) -> None:
    ModerationAction.objects.create(
        moderator_id=moderator.pk,
        action=action,
        comment=comment,
        reader_id=reader_id if reader_id is not None else (comment.author_id if comment else None),
        article=article or (comment.article if comment else None),
        note=note[:300],
    )


def comment_approve(*, moderator: User, comment: Comment) -> Comment:
    """Publish a held comment, or keep a reported one and close its reports."""
    _refuse_moderator_only(moderator)
    if comment.status not in {CommentStatus.PENDING, CommentStatus.PUBLISHED}:
        raise Refusal("gone", "This comment was deleted or rejected already.", status=409)
    with transaction.atomic():
        comment.status = CommentStatus.PUBLISHED
        comment.hold_reason = ""
        comment.save(update_fields=["status", "hold_reason"])
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        _record(moderator, ModerationActionKind.APPROVE, comment=comment)
        _after_commit(comment.article_id)
    return comment


def comment_reject(*, moderator: User, comment: Comment, note: str = "") -> Comment:
    """Hide a held or reported comment from readers."""
    _refuse_moderator_only(moderator)
    if comment.status not in {CommentStatus.PENDING, CommentStatus.PUBLISHED}:
        raise Refusal("gone", "This comment was deleted or rejected already.", status=409)
    with transaction.atomic():
        comment.status = CommentStatus.REJECTED
        comment.save(update_fields=["status"])
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        _record(moderator, ModerationActionKind.REJECT, comment=comment, note=note)
        _after_commit(comment.article_id)
    return comment


def reader_ban(*, moderator: User, reader: User, reason: str = "") -> int:
    """Suspend a reader and reject their comments awaiting review; returns how many."""
    _refuse_moderator_only(moderator)
    if reader.pk == moderator.pk or selectors.is_moderator(reader):
        raise Refusal("forbidden", "Moderators cannot be banned here.", status=403)
    now = timezone.now()
    with transaction.atomic():
        profile = selectors.reader_profile(user=reader)
        profile.banned_at = now
        profile.ban_reason = reason[:300]
        profile.save(update_fields=["banned_at", "ban_reason"])
        rejected = Comment.objects.filter(author_id=reader.pk, status=CommentStatus.PENDING).update(
            status=CommentStatus.REJECTED
        )
        _record(moderator, ModerationActionKind.BAN, reader_id=reader.pk, note=reason)
    return rejected


def reader_unban(*, moderator: User, reader: User) -> None:
    _refuse_moderator_only(moderator)
    with transaction.atomic():
        ReaderProfile.objects.filter(user_id=reader.pk).update(banned_at=None, ban_reason="")
        _record(moderator, ModerationActionKind.UNBAN, reader_id=reader.pk)


def discussion_close(*, moderator: User, article: Article) -> None:
    """Close an article's comments: they stay readable, nobody can post or edit."""
    _refuse_moderator_only(moderator)
    with transaction.atomic():
        _, created = ClosedDiscussion.objects.get_or_create(
            article=article, defaults={"closed_by_id": moderator.pk}
        )
        if created:
            _record(moderator, ModerationActionKind.CLOSE, article=article)


def discussion_open(*, moderator: User, article: Article) -> None:
    _refuse_moderator_only(moderator)
    with transaction.atomic():
        deleted, _ = ClosedDiscussion.objects.filter(article=article).delete()
        if deleted:
            _record(moderator, ModerationActionKind.OPEN, article=article)


# --- accounts ---------------------------------------------------------------------------


def account_create(*, username: str, email: str, password: str) -> User:
    """A new reader account (inputs already validated by the sign-up form)."""
    with transaction.atomic():
        user = User.objects.create_user(username=username, email=email, password=password)
        ReaderProfile.objects.create(user=user)
    return user


def account_delete(*, user: User) -> None:
    """Delete the account; its comments stay, shown as by "deleted user"."""
    with transaction.atomic():
        article_ids = set(
            Reaction.objects.filter(user_id=user.pk).values_list("article_id", flat=True)
        )
        user.delete()
        for article_id in article_ids:
            _after_commit(article_id)


def replies_mark_seen(*, reader: User, now: datetime.datetime | None = None) -> None:
    ReaderProfile.objects.update_or_create(
        user_id=reader.pk, defaults={"replies_seen_at": now or timezone.now()}
    )
