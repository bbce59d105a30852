"""Highlighted names and snippets computed in Python (pure), for backends whose own snippet
function would evaluate the full-text match a second time."""

from __future__ import annotations

import re

from marquee.discovery.search.query import HIGHLIGHT_END, HIGHLIGHT_START, SearchQuery

SNIPPET_CHARACTERS = 220


def _pattern(query: SearchQuery, *, prefix_length: int) -> re.Pattern[str] | None:
    forms = []
    for position, (word, others) in enumerate(zip(query.words, query.alternatives, strict=True)):
        prefix = position == len(query.words) - 1 and len(word) >= prefix_length
        for form in (word, *others):
            forms.append(re.escape(form) + (r"\w*" if prefix else ""))
    if not forms:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")(?!\w)", re.I
    )


def _mark(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda match: f"{HIGHLIGHT_START}{match.group(0)}{HIGHLIGHT_END}", text)


def highlight(text: str, query: SearchQuery, *, prefix_length: int) -> str:
    pattern = _pattern(query, prefix_length=prefix_length)
    return _mark(text, pattern) if pattern else text


def snippet(text: str, query: SearchQuery, *, prefix_length: int) -> str:
    """About ``SNIPPET_CHARACTERS`` of ``text`` around the first match, matches marked."""
    pattern = _pattern(query, prefix_length=prefix_length)
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - SNIPPET_CHARACTERS // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + SNIPPET_CHARACTERS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    marked = _mark(window, pattern) if pattern else window
    return ("…" if start else "") + marked + ("…" if end < len(text) else "")
