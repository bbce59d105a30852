"""Reads of the community: reaction counts, comment pages, queues, a reader's activity.

One module per concept; everything public is importable from here (``selectors.comment_page``).
"""

from marquee.community.selectors.comments import (
    COMMENT_SORTS,
    DEFAULT_COMMENT_SORT,
    CommentItem,
    CommentPage,
    comment_for_reader,
    comment_page,
    comments_closed,
    last_comment_body,
    published_comment_count,
)
from marquee.community.selectors.engagement import (
    ArticleEngagement,
    ReactionChoice,
    article_engagement,
)
from marquee.community.selectors.reactions import (
    ReactionOption,
    ReactionSummary,
    engagement_since,
    reaction_options,
    reaction_summary,
    reaction_summary_from_rows,
)
from marquee.community.selectors.readers import (
    UNREAD_REPLIES_SECONDS,
    ModerationQueue,
    Reader,
    Standing,
    forget_unread_replies,
    is_bannable,
    is_moderator,
    moderation_log,
    moderation_queue,
    reader_comments,
    reader_profile,
    reader_reactions,
    reader_standing,
    replies_to,
    unread_replies_key,
    unread_reply_count,
)

__all__ = [
    "COMMENT_SORTS",
    "DEFAULT_COMMENT_SORT",
    "UNREAD_REPLIES_SECONDS",
    "ArticleEngagement",
    "CommentItem",
    "CommentPage",
    "ModerationQueue",
    "ReactionChoice",
    "ReactionOption",
    "ReactionSummary",
    "Reader",
    "Standing",
    "article_engagement",
    "comment_for_reader",
    "comment_page",
    "comments_closed",
    "engagement_since",
    "forget_unread_replies",
    "is_bannable",
    "is_moderator",
    "last_comment_body",
    "moderation_log",
    "moderation_queue",
    "published_comment_count",
    "reaction_options",
    "reaction_summary",
    "reaction_summary_from_rows",
    "reader_comments",
    "reader_profile",
    "reader_reactions",
    "reader_standing",
    "replies_to",
    "unread_replies_key",
    "unread_reply_count",
]
