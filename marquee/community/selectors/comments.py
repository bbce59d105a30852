"""One page of an article's comments as a reader sees it, and the comment lookups of the actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from marquee.community.models import (
    ClosedDiscussion,
    Comment,
    CommentLike,
    CommentStatus,
)
from marquee.community.selectors.readers import Reader, reader_standing
from marquee.newsroom.models import Article
from marquee.web.pagecache import SITE_TOKEN, article_token, current_tokens, fragment_store

COMMENT_SORTS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "top": ("-like_count", "-created_at", "-pk"),
}


DEFAULT_COMMENT_SORT = "newest"


def comments_closed(*, article: Article) -> bool:
    return ClosedDiscussion.objects.filter(article=article).exists()


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
    # Set when this reader sees the page exactly as every logged-in reader without likes or
    # comments on it does: the version of that shared page (its fragment can then be shared).
    shared_version: str = ""


@dataclass
class _Thread:
    """One page of comments as stored: the same for every reader without comments of their own
    awaiting review on the article."""

    roots: list[Comment]
    replies: list[Comment]
    page_number: int
    count: int
    published_count: int
    closed: bool
    version: str = ""  # the key it is stored under; "" when built for one reader


def _thread(*, article: Article, user: Reader, sort: str, page_number: str | int | None) -> _Thread:
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
    replies: list[Comment] = (
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
    return _Thread(
        roots=root_list,
        replies=replies,
        page_number=page.number,
        count=page.paginator.count,
        published_count=Comment.objects.filter(
            article=article, status=CommentStatus.PUBLISHED
        ).count(),
        closed=comments_closed(article=article),
    )


def _shared_thread(*, article: Article, sort: str, page_number: str | int | None) -> _Thread:
    """The page every reader without pending comments here sees, kept until the article's
    comments change (``article_page_changed``) or for ``MARQUEE_PAGE_CACHE_SECONDS``."""
    if not settings.MARQUEE_PAGE_CACHE:
        return _thread(article=article, user=AnonymousUser(), sort=sort, page_number=page_number)
    tokens = current_tokens([SITE_TOKEN, article_token(article.pk)])
    version = "-".join(tokens[name] for name in sorted(tokens))
    key = f"value:comments:{article.pk}:{sort}:{page_number}:{version}"
    thread: _Thread | None = fragment_store().get(key)
    if thread is None:
        thread = _thread(article=article, user=AnonymousUser(), sort=sort, page_number=page_number)
        thread.version = key
        fragment_store().set(key, thread, settings.MARQUEE_PAGE_CACHE_SECONDS)
    return thread


def comment_page(
    *,
    article: Article,
    user: Reader,
    sort: str = "",
    page_number: str | int | None = 1,
    own_pending: bool | None = None,
) -> CommentPage:
    """One page of top-level comments with all their replies, flattened, oldest reply first.

    Readers see published comments and their own pending ones; a deleted or rejected comment
    still shows as a placeholder while it has published replies. The page everyone shares is
    kept with the page cache; a logged-in reader adds one query (their pending comments here,
    when they have some the page is built for them) and one for their likes when there are
    comments.
    """
    sort = sort if sort in COMMENT_SORTS else DEFAULT_COMMENT_SORT
    if own_pending is None:
        own_pending = reader_standing(user=user, article_id=article.pk).pending_here
    if own_pending:
        thread = _thread(article=article, user=user, sort=sort, page_number=page_number)
    else:
        thread = _shared_thread(article=article, sort=sort, page_number=page_number)
    liked: set[int] = set()
    if user.is_authenticated and (thread.roots or thread.replies):
        liked = set(
            CommentLike.objects.filter(
                user_id=user.pk, comment__in=[c.pk for c in thread.roots + thread.replies]
            ).values_list("comment_id", flat=True)
        )
    closed = thread.closed
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

    threads = [item(root) for root in thread.roots]
    by_root = {each.comment.pk: each for each in threads}
    for reply in thread.replies:
        if reply.thread_id is not None:  # always set on replies: they were selected by thread
            by_root[reply.thread_id].replies.append(item(reply))
    # The page's numbers without its rows (those are above): a paginator over a range.
    page = Paginator(range(thread.count), settings.MARQUEE_COMMENTS_PER_PAGE).get_page(
        thread.page_number
    )
    untouched = not liked and not any(
        c.author_id == user.pk for c in thread.roots + thread.replies if user.is_authenticated
    )
    return CommentPage(
        threads=threads,
        page=page,
        sort=sort,
        published_count=thread.published_count,
        closed=closed,
        shared_version=thread.version if untouched else "",
    )
