"""Screening a comment before it is stored: pure functions over text and word lists."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from marquee.community.errors import Refusal

LINK_PATTERN = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\]\(|<[a-z][a-z0-9+.-]*:)")


def normalise_text(text: str) -> str:
    """Compatibility-folded, case-folded, whitespace-collapsed text, for comparisons."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())


def find_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases that occur in ``text`` as whole words, ignoring case and width variants."""
    haystack = normalise_text(text)
    found = []
    for phrase in phrases:
        needle = normalise_text(phrase)
        if needle and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
            found.append(phrase)
    return found


def screen_comment(
    *, body: str, banned: Iterable[str], suspect: Iterable[str], trusted: bool, exempt: bool
) -> str:
    """Why the comment must wait for a moderator ("" to publish it now).

    Raises ``Refusal`` when it contains a banned word. ``trusted`` readers skip pre-moderation;
    ``exempt`` readers (moderators) skip the suspect-word and link checks too.
    """
    banned_found = find_phrases(body, banned)
    if banned_found:
        words = ", ".join(f"“{word}”" for word in banned_found)
        raise Refusal(
            "banned_words",
            f"Your comment contains language that is not allowed here ({words}). "
            "Please rephrase it.",
            status=422,
        )
    if exempt:
        return ""
    if find_phrases(body, suspect):
        return "Contains a word moderators review"
    if LINK_PATTERN.search(body):
        return "Contains a link"
    if not trusted:
        return "New reader: first comments are reviewed"
    return ""
