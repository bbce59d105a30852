from __future__ import annotations

import pytest

from marquee.newsroom.rendering import render_markdown, trailer_for, youtube_video_id


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=abcdefghijk",
        "https://m.youtube.com/watch?feature=share&v=abcdefghijk",
        "https://youtu.be/abcdefghijk?t=30",
        "https://www.youtube.com/embed/abcdefghijk",
        "https://www.youtube.com/shorts/abcdefghijk",
        "https://www.youtube-nocookie.com/embed/abcdefghijk",
    ],
)
def test_youtube_links_are_recognised(url: str) -> None:
    assert youtube_video_id(url) == "abcdefghijk"
    trailer = trailer_for(url)
    assert trailer is not None
    assert trailer.embed_url == "https://www.youtube-nocookie.com/embed/abcdefghijk"


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/123",
        "https://www.youtube.com/watch?v=short",
        "https://evil.example/watch?v=abcdefghijk",
        "javascript:alert(1)//youtube.com/watch?v=abcdefghijk",
        "https://www.youtube.com/channel/abcdefghijk",
    ],
)
def test_other_links_are_not_embedded(url: str) -> None:
    assert youtube_video_id(url) is None


def test_no_trailer() -> None:
    assert trailer_for("") is None


def test_markdown_is_commonmark_with_raw_html_escaped() -> None:
    html = render_markdown(
        '# Title\n\n<img src=x onerror="alert(1)"> and [bad](javascript:alert(1)) '
        "[good](https://example.com)\n\n> quoted"
    )
    assert "<h2>Title</h2>" in html
    assert '&lt;img src=x onerror="alert(1)"&gt;' in html
    assert "<img" not in html
    # markdown-it refuses javascript: links, so the source stays as inert text.
    assert '<p>&lt;img src=x onerror="alert(1)"&gt; and [bad](javascript:alert(1)) <a' in html
    assert '<a href="https://example.com" rel="noopener noreferrer">good</a>' in html
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
