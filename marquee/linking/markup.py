"""Linking the first mention of each entity inside already-sanitised article HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from html.parser import HTMLParser

# Text inside these elements is never linked: links cannot nest, headings and code stay plain.
SKIPPED_ELEMENTS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style"}


@dataclass(frozen=True)
class EntityLink:
    """Where one entity's first mention should point, and the surface forms to look for."""

    url: str
    label: str
    surfaces: tuple[str, ...]


class _Segmenter(HTMLParser):
    """Splits HTML into (is_linkable_text, raw_html) pieces, keeping the markup byte for byte."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.pieces: list[tuple[bool, str]] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_ELEMENTS:
            self.skip_depth += 1
        self.pieces.append((False, self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pieces.append((False, self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_ELEMENTS and self.skip_depth:
            self.skip_depth -= 1
        self.pieces.append((False, f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        self.pieces.append((self.skip_depth == 0, data))

    def handle_entityref(self, name: str) -> None:
        self.pieces.append((self.skip_depth == 0, f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.pieces.append((self.skip_depth == 0, f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.pieces.append((False, f"<!--{data}-->"))


def _merge_text(pieces: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    merged: list[tuple[bool, str]] = []
    for linkable, raw in pieces:
        if merged and linkable and merged[-1][0]:
            merged[-1] = (True, merged[-1][1] + raw)
        else:
            merged.append((linkable, raw))
    return merged


def link_first_mentions(html: str, links: list[EntityLink]) -> str:
    """Wrap the first occurrence of each entity's surface forms in a link to its page.

    Only plain body text is considered (not text already in a link, a heading or code), and
    matches must stand on word boundaries. Entities are placed in the order given; a later
    entity never links text that an earlier one already linked.
    """
    parser = _Segmenter()
    parser.feed(html)
    parser.close()
    pieces = _merge_text(parser.pieces)
    texts = [unescape(raw) if linkable else raw for linkable, raw in pieces]
    # Per text piece, the spans already linked: [(start, end, anchor_html)].
    placed: dict[int, list[tuple[int, int, str]]] = {}
    for link in links:
        pattern = _surface_pattern(link.surfaces)
        if pattern is None:
            continue
        for index, (linkable, _) in enumerate(pieces):
            if not linkable:
                continue
            match = _free_match(pattern, texts[index], placed.get(index, []))
            if match:
                anchor = (
                    f'<a class="entity-link" href="{escape(link.url)}" '
                    f'title="{escape(link.label)}">{escape(match.group(0))}</a>'
                )
                placed.setdefault(index, []).append((match.start(), match.end(), anchor))
                break
    out = []
    for index, (linkable, raw) in enumerate(pieces):
        if not linkable or index not in placed:
            out.append(raw)
            continue
        text, cursor, parts = texts[index], 0, []
        for start, end, anchor in sorted(placed[index]):
            parts.append(escape(text[cursor:start], quote=False))
            parts.append(anchor)
            cursor = end
        parts.append(escape(text[cursor:], quote=False))
        out.append("".join(parts))
    return "".join(out)


def _surface_pattern(surfaces: tuple[str, ...]) -> re.Pattern[str] | None:
    forms = sorted({s.strip() for s in surfaces if s.strip()}, key=len, reverse=True)
    if not forms:
        return None
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _free_match(
    pattern: re.Pattern[str], text: str, taken: list[tuple[int, int, str]]
) -> re.Match[str] | None:
    for match in pattern.finditer(text):
        if all(match.end() <= start or match.start() >= end for start, end, _ in taken):
            return match
    return None
