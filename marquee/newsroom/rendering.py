"""Turning an article's Markdown into safe HTML, and trailer URLs into embeds."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from html import unescape
from urllib.parse import parse_qs, urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p",
    "pre", "strong", "ul", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {
    "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
    "youtube-nocookie.com", "www.youtube-nocookie.com",
}  # fmt: skip


@cache
def _markdown() -> MarkdownIt:
    # CommonMark with raw HTML disabled: "<script>" in a body is shown as text, not run.
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")

    def shift_headings(state: StateCore) -> None:
        # The page's <h1> is the headline, so body headings start one level down.
        for token in state.tokens:
            if token.type in {"heading_open", "heading_close"}:
                token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"

    def mark_library_images(state: StateCore) -> None:
        # ![alt](image:ID) → a marker address that survives sanitising, replaced afterwards.
        for block in state.tokens:
            for token in block.children or ():
                source = str(token.attrGet("src") or "") if token.type == "image" else ""
                found = LIBRARY_SOURCE.match(source)
                if found:
                    token.attrSet("src", f"{LIBRARY_MARK_PATH}{found.group(1)}")

    parser.core.ruler.push("shift_headings", shift_headings)
    parser.core.ruler.push("mark_library_images", mark_library_images)
    return parser


# A function giving the HTML that shows library image ``id`` with ``alt`` text, standing alone
# (a figure) or within text; None when the library has no such image any more.
LibraryImage = Callable[[int, str, bool], str | None]
LIBRARY_SOURCE = re.compile(r"^image:(\d{1,18})$")
LIBRARY_MARK_PATH = "/.marquee-library-image/"
LIBRARY_MARK = re.compile(
    r'(<p>)?<img src="/\.marquee-library-image/(\d+)" alt="([^"]*)"(?: title="[^"]*")?>(</p>)?'
)


def render_markdown(text: str, library_image: LibraryImage | None = None) -> str:
    """Render an article body: CommonMark, headings shifted below the headline, sanitised, and
    ``![alt](image:ID)`` shown by ``library_image`` (a figure when it stands alone)."""
    html = nh3.clean(
        _markdown().render(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )

    def expand(found: re.Match[str]) -> str:
        opened, pk, alt, closed = found.groups()
        alone = bool(opened and closed)
        shown = library_image(int(pk), unescape(alt), alone) if library_image else None
        if alone:  # the image is the whole paragraph: the figure replaces it
            return shown or ""
        return (opened or "") + (shown or "") + (closed or "")

    return LIBRARY_MARK.sub(expand, html)


@dataclass(frozen=True)
class Trailer:
    """How to show a trailer URL: a privacy-friendly YouTube embed, or a plain link."""

    url: str
    embed_url: str = ""

    @property
    def is_embed(self) -> bool:
        return bool(self.embed_url)


def youtube_video_id(url: str) -> str | None:
    """The video id of a YouTube watch, short, embed or shorts link; None for anything else."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    candidate = ""
    if host == "youtu.be":
        candidate = parts.path.lstrip("/").split("/")[0]
    elif host in YOUTUBE_HOSTS:
        segments = [s for s in parts.path.split("/") if s]
        if segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "v", "live"}:
            candidate = segments[1]
    return candidate if YOUTUBE_ID.match(candidate) else None


def trailer_for(url: str) -> Trailer | None:
    if not url:
        return None
    video = youtube_video_id(url)
    if video:
        return Trailer(url=url, embed_url=f"https://www.youtube-nocookie.com/embed/{video}")
    return Trailer(url=url)
