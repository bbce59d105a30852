"""The comment Markdown subset."""

from __future__ import annotations

import pytest

from marquee.community.rendering import render_comment


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("*em* and **strong**", "<p><em>em</em> and <strong>strong</strong></p>"),
        ("line one\nline two", "<p>line one<br>\nline two</p>"),
        ("> quoted\n\nreply", "<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>reply</p>"),
        (
            "[Viki](https://www.viki.com/)",
            '<p><a href="https://www.viki.com/" rel="nofollow ugc noopener">Viki</a></p>',
        ),
        (
            "<https://example.com>",
            '<p><a href="https://example.com" rel="nofollow ugc noopener">https://example.com</a></p>',
        ),
        ("# Not a heading", "<p># Not a heading</p>"),
        ("- not a list", "<p>- not a list</p>"),
        (
            "![img](https://x.example/a.png)",
            '<p>!<a href="https://x.example/a.png" rel="nofollow ugc noopener">img</a></p>',
        ),
        ("<b>bold</b>", "<p>&lt;b&gt;bold&lt;/b&gt;</p>"),
        ("[rel](/admin/)", '<p><a rel="nofollow ugc noopener">rel</a></p>'),
        ("Kim Go-eun 김고은 😍", "<p>Kim Go-eun 김고은 😍</p>"),
    ],
)
def test_safe_markdown_subset(text: str, html: str) -> None:
    assert render_comment(text) == html
