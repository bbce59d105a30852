"""Reads of the community: reaction counts, comment pages, queues, a reader's activity."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from marquee.community.models import (
    ClosedDiscussion,
    Comment,
    CommentLike,
    CommentReport,
    CommentStatus,
    ModerationAction,
    Reaction,
    ReaderProfile,
)
from marquee.newsroom.models import Article

Reader = User | AnonymousUser

COMMENT_SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "top": ("-like_count", "-created_at", "-pk"),
}
DEFAULT_COMMENT_SORT = "newest"


@dataclass(frozen=True)
class ReactionOption:
    key: str
    emoji: str
    label: str


def reaction_options() -> list[ReactionOption]:
    """The configured reactions, in display order (``settings.MARQUEE_REACTIONS``)."""
    return [
        ReactionOption(key=item["key"], emoji=item["emoji"], label=item["label"])
        for item in settings.MARQUEE_REACTIONS
    ]


@dataclass(frozen=True)
class ReactionSummary:
    counts: dict[str, int]
    mine: str | None

    def as_json(self) -> dict[str, object]:
        return {"counts": self.counts, "mine": self.mine}


def reaction_summary(*, article: Article, user: Reader) -> ReactionSummary:
    """Exact counts per configured reaction, and the reader's own, in one aggregate query."""
    counts = dict.fromkeys((option.key for option in reaction_options()), 0)
    mine: str | None = None
    rows = Reaction.objects.filter(article=article).values("kind").order_by("kind")
    if user.is_authenticated:
        annotated = rows.annotate(total=Count("pk"), own=Count("pk", filter=Q(user_id=user.pk)))
    else:
        annotated = rows.annotate(total=Count("pk"), own=Count("pk", filter=Q(pk__in=[])))
    for row in annotated:
        if row["kind"] in counts:
            counts[row["kind"]] = row["total"]
            if row["own"]:
                mine = row["kind"]
    return ReactionSummary(counts=counts, mine=mine)


def engagement_since(*, since: datetime.datetime) -> dict[int, tuple[int, int]]:
    """Article id → (reactions created since ``since``, published comments created since).

    Only articles with any of either are listed.
    """
    engagement: dict[int, tuple[int, int]] = {}
    reactions = (
        Reaction.objects.filter(created_at__gte=since)
        .values("article_id")
        .order_by("article_id")
        .annotate(total=Count("pk"))
    )
    for row in reactions:
        engagement[row["article_id"]] = (row["total"], 0)
    comments = (
        Comment.objects.filter(created_at__gte=since, status=CommentStatus.PUBLISHED)
        .values("article_id")
        .order_by("article_id")
        .annotate(total=Count("pk"))
    )
    for row in comments:
        reaction_count = engagement.get(row["article_id"], (0, 0))[0]
        engagement[row["article_id"]] = (reaction_count, row["total"])
    return engagement


def comments_closed(*, article: Article) -> bool:
    return ClosedDiscussion.objects.filter(article=article).exists()


def is_moderator(user: Reader) -> bool:
    """Staff holding the "Can moderate comments" permission (superusers hold every permission)."""
    return bool(
        user.is_authenticated
        and getattr(user, "is_staff", False)
        and user.has_perm("community.moderate_comment")
    )


def comment_for_reader(*, comment_id: int, user: Reader) -> Comment | None:
    """The comment with this id as the reader may see it, or None: a published comment on a
    published article, or one of the reader's own whatever its status. Held, rejected and
    deleted comments of others do not exist for the reader (their ids are sequential)."""
    visible = Q(status=CommentStatus.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(author_id=user.pk)
    return (
        Comment.objects.filter(visible, pk=comment_id, article__in=Article.objects.published())
        .select_related("article", "author")
        .first()
    )


def is_bannable(user: User) -> bool:
    """Whether moderators may ban the account: staff and superusers cannot be banned."""
    return not (user.is_staff or user.is_superuser)


def reader_profile(*, user: User) -> ReaderProfile:
    """The reader's profile, created on first use for accounts made outside the sign-up form."""
    profile, _ = ReaderProfile.objects.get_or_create(user_id=user.pk)
    return profile


def published_comment_count(*, author: User) -> int:
    return Comment.objects.filter(author_id=author.pk, status=CommentStatus.PUBLISHED).count()


def last_comment_body(*, author: User) -> str | None:
    """The body of the reader's latest comment that still exists, for repeat-post detection."""
    return (
        Comment.objects.filter(author_id=author.pk)
        .exclude(status=CommentStatus.DELETED)
        .order_by("-created_at", "-pk")
        .values_list("body", flat=True)
        .first()
    )


@dataclass
class CommentItem:
    """A comment as one reader sees it, with what that reader may do to it."""

    comment: Comment
    like_count: int
    liked: bool
    mine: bool
    can_edit: bool
    can_reply: bool
    can_report: bool
    replying_to: str = ""
    replies: list[CommentItem] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        return self.comment.status in {CommentStatus.PUBLISHED, CommentStatus.PENDING}


@dataclass
class CommentPage:
    threads: list[CommentItem]
    page: Page[Any]
    sort: str
    published_count: int
    closed: bool
    sorts: tuple[str, ...] = tuple(COMMENT_SORTS)


def comment_page(
    *, article: Article, user: Reader, sort: str = "", page_number: str | int | None = 1
) -> CommentPage:
    """One page of top-level comments with all their replies, flattened, oldest reply first.

    Readers see published comments and their own pending ones; a deleted or rejected comment
    still shows as a placeholder while it has published replies. Four queries when there
    are no comments; six with comments, seven for a logged-in reader.
    """
    sort = sort if sort in COMMENT_SORTS else DEFAULT_COMMENT_SORT
    visible = Q(status=CommentStatus.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(status=CommentStatus.PENDING, author_id=user.pk)
    has_replies = Exists(
        Comment.objects.filter(thread_id=OuterRef("pk"), status=CommentStatus.PUBLISHED)
    )
    roots = (
        Comment.objects.filter(article=article, thread__isnull=True)
        .filter(
            visible | Q(has_replies, status__in=[CommentStatus.DELETED, CommentStatus.REJECTED])
        )
        .select_related("author")
        .annotate(like_count=Count("likes"))
        .order_by(*COMMENT_SORTS[sort])
    )
    page = Paginator(roots, settings.MARQUEE_COMMENTS_PER_PAGE).get_page(page_number)
    root_list = list(page.object_list)
    replies = (
        []
        if not root_list
        else list(
            Comment.objects.filter(thread__in=[root.pk for root in root_list])
            .filter(visible)
            .select_related("author", "parent__author")
            .annotate(like_count=Count("likes"))
            .order_by("created_at", "pk")
        )
    )
    liked: set[int] = set()
    if user.is_authenticated and (root_list or replies):
        liked = set(
            CommentLike.objects.filter(
                user_id=user.pk, comment__in=[c.pk for c in root_list + replies]
            ).values_list("comment_id", flat=True)
        )
    closed = comments_closed(article=article)
    now = timezone.now()

    def item(comment: Comment) -> CommentItem:
        mine = user.is_authenticated and comment.author_id == user.pk
        live = comment.status in {CommentStatus.PUBLISHED, CommentStatus.PENDING}
        published = comment.status == CommentStatus.PUBLISHED
        replying_to = ""
        if comment.parent_id and comment.parent_id != comment.thread_id and comment.parent:
            replying_to = comment.parent.author_name
        return CommentItem(
            comment=comment,
            like_count=getattr(comment, "like_count", 0),
            liked=comment.pk in liked,
            mine=bool(mine),
            can_edit=bool(mine and live and not closed and now < comment.editable_until()),
            can_reply=bool(user.is_authenticated and published and not closed),
            can_report=bool(user.is_authenticated and published and not mine),
            replying_to=replying_to,
        )

    threads = [item(root) for root in root_list]
    by_root = {thread.comment.pk: thread for thread in threads}
    for reply in replies:
        if reply.thread_id is not None:  # always set on replies: they were selected by thread
            by_root[reply.thread_id].replies.append(item(reply))
    published_count = Comment.objects.filter(
        article=article, status=CommentStatus.PUBLISHED
    ).count()
    return CommentPage(
        threads=threads,
        page=page,
        sort=sort,
        published_count=published_count,
        closed=closed,
    )


def reader_is_banned(*, user: Reader) -> bool:
    """Whether a moderator has banned the reader from commenting (False when logged out)."""
    if not user.is_authenticated:
        return False
    return ReaderProfile.objects.filter(user_id=user.pk, banned_at__isnull=False).exists()


@dataclass(frozen=True)
class ReactionChoice:
    """One button of the reactions row: the option, its count and whether it is the reader's."""

    option: ReactionOption
    count: int
    pressed: bool


@dataclass(frozen=True)
class ArticleEngagement:
    """The reactions row and the comments section of an article, as one reader sees them."""

    reactions: list[ReactionChoice]
    reaction_mine: str | None
    comments: CommentPage
    reader_banned: bool
    is_moderator: bool


def article_engagement(
    *, article: Article, user: Reader, comment_sort: str = "", comment_page_number: str | int = 1
) -> ArticleEngagement:
    """Reactions, one page of comments and the reader's standing: four queries on an article
    without comments, six with comments (see ``comment_page``); a logged-in reader adds the
    ban check, and their likes when there are comments."""
    summary = reaction_summary(article=article, user=user)
    return ArticleEngagement(
        reactions=[
            ReactionChoice(
                option=option,
                count=summary.counts[option.key],
                pressed=summary.mine == option.key,
            )
            for option in reaction_options()
        ],
        reaction_mine=summary.mine,
        comments=comment_page(
            article=article, user=user, sort=comment_sort, page_number=comment_page_number
        ),
        reader_banned=reader_is_banned(user=user),
        is_moderator=is_moderator(user),
    )


def unread_reply_count(*, user: User) -> int:
    """Published replies to the reader's comments since they last opened their replies."""
    seen = ReaderProfile.objects.filter(user_id=user.pk).values("replies_seen_at")[:1]
    return (
        Comment.objects.filter(parent__author_id=user.pk, status=CommentStatus.PUBLISHED)
        .exclude(author_id=user.pk)
        .filter(created_at__gt=Coalesce(Subquery(seen), "parent__author__date_joined"))
        .count()
    )


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
