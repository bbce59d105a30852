"""Comment Markdown: a small safe subset, rendered and then sanitised by nh3 (ammonia)."""

from __future__ import annotations

from functools import cache

import nh3
from markdown_it import MarkdownIt

COMMENT_TAGS = {"p", "br", "em", "strong", "a", "blockquote"}
COMMENT_ATTRIBUTES = {"a": {"href"}}
COMMENT_URL_SCHEMES = {"http", "https"}
COMMENT_LINK_REL = "nofollow ugc noopener"


@cache
def _markdown() -> MarkdownIt:
    # Only emphasis, links, quotes and line breaks; raw HTML is escaped, never passed through.
    return MarkdownIt("zero", {"breaks": True, "html": False}).enable(
        ["emphasis", "link", "autolink", "blockquote", "newline", "escape"]
    )


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    # Only absolute http(s) links: relative ones ("java%73cript:…", "/admin/") have no place in a
    # comment. Everything else (ammonia's generic "title" and "lang") is dropped too.
    if attribute == "href" and value.lower().startswith(("http://", "https://")):
        return value
    return value if attribute == "rel" else None


def render_comment(text: str) -> str:
    """The sanitised HTML of a comment body; anything outside the subset is shown as text."""
    html = _markdown().render(text)
    return nh3.clean(
        html,
        tags=COMMENT_TAGS,
        attributes=COMMENT_ATTRIBUTES,
        url_schemes=COMMENT_URL_SCHEMES,
        link_rel=COMMENT_LINK_REL,
        strip_comments=True,
        attribute_filter=_absolute_links_only,
    ).strip()
