"""The reactions row and comments section of an article page, as one reader sees them."""

from __future__ import annotations

from dataclasses import dataclass

from marquee.community.selectors.comments import CommentPage, comment_page
from marquee.community.selectors.reactions import ReactionOption, reaction_options, reaction_summary
from marquee.community.selectors.readers import Reader, is_moderator, reader_standing
from marquee.newsroom.models import Article


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
    # The keys of the fragments ({% cache_for_readers %}) this reader may share with others:
    # the reactions row by its counts and their choice; the comments section when it is the
    # one every logged-in reader in good standing sees ("" otherwise).
    reactions_key: str
    shared_comments_key: str


def article_engagement(
    *, article: Article, user: Reader, comment_sort: str = "", comment_page_number: str | int = 1
) -> ArticleEngagement:
    """Reactions, one page of comments and the reader's standing (see ``comment_page``): a
    logged-in reader adds one statement for their ban and pending comments, and their likes
    when there are comments."""
    summary = reaction_summary(article=article, user=user)
    standing = reader_standing(user=user, article_id=article.pk)
    moderator = is_moderator(user)
    comments = comment_page(
        article=article,
        user=user,
        sort=comment_sort,
        page_number=comment_page_number,
        own_pending=standing.pending_here,
    )
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
        comments=comments,
        reader_banned=standing.banned,
        is_moderator=moderator,
        reactions_key=",".join(f"{key}:{count}" for key, count in summary.counts.items())
        + f"|{summary.mine}",
        shared_comments_key=(
            f"{article.slug}|{comments.shared_version}"
            if user.is_authenticated
            and comments.shared_version
            and not (standing.banned or moderator)
            else ""
        ),
    )
