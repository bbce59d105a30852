"""Readers and moderators: standing, permissions, their replies and activity, the queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from marquee.community.models import (
    Comment,
    CommentReport,
    CommentStatus,
    ModerationAction,
    Reaction,
    ReaderProfile,
)

Reader = User | AnonymousUser


def is_moderator(user: Reader) -> bool:
    """Staff holding the "Can moderate comments" permission (superusers hold every permission)."""
    return bool(
        user.is_authenticated
        and getattr(user, "is_staff", False)
        and user.has_perm("community.moderate_comment")
    )


def is_bannable(user: User) -> bool:
    """Whether moderators may ban the account: staff and superusers cannot be banned."""
    return not (user.is_staff or user.is_superuser)


def reader_profile(*, user: User) -> ReaderProfile:
    """The reader's profile, created on first use for accounts made outside the sign-up form."""
    profile, _ = ReaderProfile.objects.get_or_create(user_id=user.pk)
    return profile


@dataclass(frozen=True)
class Standing:
    """What an article page needs to know about the reader beyond the page itself."""

    banned: bool
    pending_here: bool  # they have comments awaiting review on this article


def reader_standing(*, user: Reader, article_id: int) -> Standing:
    """The reader's ban and their comments awaiting review on the article, in one statement
    (it runs on every logged-in article page; the ORM would cost more than the two lookups)."""
    if not user.is_authenticated:
        return Standing(banned=False, pending_here=False)
    profiles, comments = ReaderProfile._meta.db_table, Comment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {profiles} WHERE user_id = %s"
            " AND banned_at IS NOT NULL),"
            f" EXISTS (SELECT 1 FROM {comments} WHERE article_id = %s AND author_id = %s"
            " AND status = %s)",
            [user.pk, article_id, user.pk, CommentStatus.PENDING.value],
        )
        banned, pending = cursor.fetchone()
    return Standing(banned=bool(banned), pending_here=bool(pending))


UNREAD_REPLIES_SECONDS = 60


def unread_replies_key(user_id: int) -> str:
    return f"community:unread-replies:{user_id}"


def unread_reply_count(*, user: User) -> int:
    """Published replies to the reader's comments since they last opened their replies.

    Shown in the header of every page the reader opens, so it is kept in the cache for up to
    ``UNREAD_REPLIES_SECONDS``; a reply published to them, or their opening the replies, drops
    it at once (``forget_unread_replies``)."""
    key = unread_replies_key(user.pk)
    count: int | None = cache.get(key)
    if count is None:
        seen = ReaderProfile.objects.filter(user_id=user.pk).values("replies_seen_at")[:1]
        count = (
            Comment.objects.filter(parent__author_id=user.pk, status=CommentStatus.PUBLISHED)
            .exclude(author_id=user.pk)
            .filter(created_at__gt=Coalesce(Subquery(seen), "parent__author__date_joined"))
            .count()
        )
        cache.set(key, count, UNREAD_REPLIES_SECONDS)
    return count


def forget_unread_replies(user_id: int | None) -> None:
    """Drop the reader's cached count now and again after commit (so that a page built in
    between does not keep the old one)."""
    if user_id is None:
        return
    key = unread_replies_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def replies_to(*, user: User, limit: int = 50) -> QuerySet[Comment]:
    """The latest published replies to the reader's comments, newest first."""
    return (
        Comment.objects.filter(parent__author_id=user.pk, status=CommentStatus.PUBLISHED)
        .exclude(author_id=user.pk)
        .select_related("author", "article", "parent")
        .order_by("-created_at", "-pk")[:limit]
    )


def reader_comments(*, user: User, limit: int = 100) -> QuerySet[Comment]:
    """The reader's comments that still exist, newest first, for their profile."""
    return (
        Comment.objects.filter(author_id=user.pk)
        .exclude(status=CommentStatus.DELETED)
        .select_related("article")
        .order_by("-created_at", "-pk")[:limit]
    )


def reader_reactions(*, user: User, limit: int = 100) -> QuerySet[Reaction]:
    return Reaction.objects.filter(user_id=user.pk).select_related("article")[:limit]


@dataclass
class ModerationQueue:
    pending: list[Comment]
    reported: list[Any]  # with open_reports and first_report annotations
    bannable_author_ids: frozenset[int]  # authors in the queue a moderator may ban


def moderation_queue(*, limit: int = 100) -> ModerationQueue:
    """Comments held for review and published comments with open reports, oldest first."""
    open_reports = CommentReport.objects.filter(resolved_at__isnull=True).select_related("reporter")
    pending = list(
        Comment.objects.filter(status=CommentStatus.PENDING)
        .select_related("author", "article", "parent__author")
        .order_by("created_at", "pk")[:limit]
    )
    has_open_reports = Exists(
        CommentReport.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
    )
    reported = list(
        Comment.objects.filter(has_open_reports, status=CommentStatus.PUBLISHED)
        .annotate(first_report=Min("reports__created_at", filter=Q(reports__resolved_at=None)))
        .select_related("author", "article")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("first_report", "pk")[:limit]
    )
    authors = [comment.author for comment in pending + reported if comment.author is not None]
    return ModerationQueue(
        pending=pending,
        reported=reported,
        bannable_author_ids=frozenset(author.pk for author in authors if is_bannable(author)),
    )


def moderation_log(*, limit: int = 200) -> QuerySet[ModerationAction]:
    return ModerationAction.objects.select_related(
        "moderator", "reader", "comment", "article"
    ).order_by("-created_at", "-pk")[:limit]
