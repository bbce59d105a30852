"""Moderators' acts: deciding on comments, banning readers, closing discussions, word rules.

Every act on a comment, a reader or a discussion is recorded as a ``ModerationAction``, whichever
screen it came from (the queue, the article page, the admin).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from marquee.community import selectors
from marquee.community.errors import Refusal
from marquee.community.models import (
    ClosedDiscussion,
    Comment,
    CommentStatus,
    ModerationAction,
    ModerationActionKind,
    ReaderProfile,
    WordRule,
    WordRuleKind,
)
from marquee.community.screening import normalise_text
from marquee.community.services.checks import refuse_unless_moderator, refuse_unstorable_text
from marquee.newsroom.models import Article
from marquee.web.pagecache import article_page_changed

WORD_RULE_MAX_LENGTH = 100


def _record(
    moderator: User,
    action: ModerationActionKind,
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


def _refuse_unless_decidable(comment: Comment) -> None:
    if comment.status not in {CommentStatus.PENDING, CommentStatus.PUBLISHED}:
        raise Refusal("gone", "This comment was deleted or rejected already.", status=409)


def comment_approve(*, moderator: User, comment: Comment) -> Comment:
    """Publish a held comment. A comment published already is kept: its open reports are
    dismissed and recorded as such (``comment_reports_dismiss``)."""
    refuse_unless_moderator(moderator)
    _refuse_unless_decidable(comment)
    if comment.status == CommentStatus.PUBLISHED:
        comment_reports_dismiss(moderator=moderator, comment=comment)
        return comment
    with transaction.atomic():
        comment.status = CommentStatus.PUBLISHED
        comment.hold_reason = ""
        comment.save(update_fields=["status", "hold_reason"])
        article_page_changed(comment.article_id)
        if comment.parent_id is not None:
            parent_author = Comment.objects.filter(pk=comment.parent_id).values("author_id")
            selectors.forget_unread_replies(parent_author[0]["author_id"])
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        _record(moderator, ModerationActionKind.APPROVE, comment=comment)
    return comment


def comment_reports_dismiss(*, moderator: User, comment: Comment) -> int:
    """Keep a published comment and close its open reports; returns how many were closed.

    Recorded as ``dismiss_reports`` with the number in the note; with no open reports (another
    moderator dismissed them first) nothing changes or is recorded.
    """
    refuse_unless_moderator(moderator)
    _refuse_unless_decidable(comment)
    if comment.status != CommentStatus.PUBLISHED:
        raise Refusal(
            "not_published",
            "This comment is awaiting review, not published: approve or reject it.",
            status=409,
        )
    with transaction.atomic():
        dismissed = comment.reports.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        if dismissed:
            _record(
                moderator,
                ModerationActionKind.DISMISS_REPORTS,
                comment=comment,
                note=f"dismissed {dismissed} report(s)",
            )
    return dismissed


def comment_reject(*, moderator: User, comment: Comment, note: str = "") -> Comment:
    """Hide a held or reported comment from readers."""
    refuse_unless_moderator(moderator)
    refuse_unstorable_text(note, field="note")
    _refuse_unless_decidable(comment)
    with transaction.atomic():
        comment.status = CommentStatus.REJECTED
        comment.save(update_fields=["status"])
        article_page_changed(comment.article_id)
        comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        _record(moderator, ModerationActionKind.REJECT, comment=comment, note=note)
    return comment


def reader_ban(*, moderator: User, reader: User, reason: str = "") -> int:
    """Suspend a reader and reject their comments awaiting review; returns how many.

    Staff and superuser accounts are refused: a moderator cannot ban themselves or a colleague.
    """
    refuse_unless_moderator(moderator)
    refuse_unstorable_text(reason, field="reason")
    if not selectors.is_bannable(reader):
        raise Refusal(
            "cannot_ban_staff",
            f"{reader.get_username()} is a staff account; staff and superusers cannot be "
            "banned. Remove the account's staff and superuser status first.",
            status=403,
        )
    with transaction.atomic():
        profile = selectors.reader_profile(user=reader)
        profile.banned_at = timezone.now()
        profile.ban_reason = reason[:300]
        profile.save(update_fields=["banned_at", "ban_reason"])
        rejected = Comment.objects.filter(author_id=reader.pk, status=CommentStatus.PENDING).update(
            status=CommentStatus.REJECTED
        )
        _record(moderator, ModerationActionKind.BAN, reader_id=reader.pk, note=reason)
    return rejected


def reader_unban(*, moderator: User, reader: User) -> bool:
    """Lift the reader's ban; returns False (and records nothing) when they were not banned."""
    refuse_unless_moderator(moderator)
    with transaction.atomic():
        lifted = ReaderProfile.objects.filter(user_id=reader.pk, banned_at__isnull=False).update(
            banned_at=None, ban_reason=""
        )
        if lifted:
            _record(moderator, ModerationActionKind.UNBAN, reader_id=reader.pk)
    return bool(lifted)


def discussion_close(*, moderator: User, article: Article) -> ClosedDiscussion:
    """Close an article's comments: they stay readable, nobody can post or edit.

    Closing a closed discussion changes and records nothing; returns the closing either way.
    """
    refuse_unless_moderator(moderator)
    with transaction.atomic():
        closing, created = ClosedDiscussion.objects.get_or_create(
            article=article, defaults={"closed_by_id": moderator.pk}
        )
        if created:
            _record(moderator, ModerationActionKind.CLOSE, article=article)
            article_page_changed(article.pk)
    return closing


def discussion_open(*, moderator: User, article: Article) -> bool:
    """Reopen an article's comments; returns False (and records nothing) when they were open."""
    refuse_unless_moderator(moderator)
    with transaction.atomic():
        deleted, _ = ClosedDiscussion.objects.filter(article=article).delete()
        if deleted:
            _record(moderator, ModerationActionKind.OPEN, article=article)
            article_page_changed(article.pk)
    return bool(deleted)


def word_rule_save(
    *, moderator: User, phrase: str, kind: str, rule: WordRule | None = None
) -> WordRule:
    """Add a banned or suspect phrase, or change ``rule``; screening uses it from the next
    comment on. Phrases that screening would read as one (case, width, spacing) are refused."""
    refuse_unless_moderator(moderator)
    refuse_unstorable_text(phrase, field="phrase")
    phrase = " ".join(phrase.split())
    if not phrase:
        raise Refusal("empty", "Write the word or phrase the rule is about.", status=400)
    if len(phrase) > WORD_RULE_MAX_LENGTH:
        raise Refusal(
            "too_long", f"A phrase can be at most {WORD_RULE_MAX_LENGTH} characters.", status=400
        )
    if kind not in WordRuleKind.values:
        choices = ", ".join(WordRuleKind.values)
        raise Refusal("invalid_kind", f"Choose a kind of rule: {choices}.", status=400)
    rule = rule or WordRule()
    others = WordRule.objects.exclude(pk=rule.pk).values_list("phrase", flat=True)
    if normalise_text(phrase) in {normalise_text(other) for other in others}:
        raise Refusal("duplicate", f"There is already a rule for “{phrase}”.", status=409)
    rule.phrase = phrase
    rule.kind = kind
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise Refusal("duplicate", f"There is already a rule for “{phrase}”.", status=409) from None
    return rule


def word_rule_delete(*, moderator: User, rule: WordRule) -> None:
    """Remove a phrase from the word lists."""
    refuse_unless_moderator(moderator)
    with transaction.atomic():
        rule.delete()
