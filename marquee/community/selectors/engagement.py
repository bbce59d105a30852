"""The reactions row and comments section of an article page, as one reader sees them."""

from __future__ import annotations

from dataclasses import dataclass

from marquee.community.selectors.comments import CommentPage, comment_page
from marquee.community.selectors.reactions import ReactionOption, reaction_options, reaction_summary
from marquee.community.selectors.readers import Reader, is_moderator, reader_is_banned
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
