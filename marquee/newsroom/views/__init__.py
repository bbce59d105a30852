"""The newsroom's pages: articles and tags for readers (``articles``), the editorial area and
previews for the newsroom."""

from marquee.newsroom.views.articles import article_detail, tag_detail

__all__ = ["article_detail", "tag_detail"]
