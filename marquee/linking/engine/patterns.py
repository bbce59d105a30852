"""Surface patterns: name-like spans, and phrases binding a character to an actor.

Bindings recognised around a person mention P and a capitalised span X:
"X (P)", "X (played by P)", "X, played by P", "P as X", "P plays/playing/portrays X",
"P, who plays X", "P (X)", "P's X" (when X is a known character), and "her/his/their
character, X" (bound to the nearest person mentioned before).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from marquee.linking.engine.article_text import ArticleText

MAX_RUN = 4
_JOINERS = frozenset({" ", "-", "‑", "–"})
_AFTER_VERBS = frozenset({"as", "plays", "playing", "portrays", "portraying", "voices"})
_POSSESSIVE_PRONOUNS = frozenset({"her", "his", "their"})
# Capitalised words that open a sentence or a phrase but are not names.
FUNCTION_WORDS = frozenset(
    (
        "the a an and or but in on at of for to from with by as is was were be this that these "
        "those it its he she they we i you his her their our my your who whom which what when "
        "where why how after before during while since until if then than so not no yes also "
        "meanwhile however still just only even about over under into onto upon per via all some "
        "mr mrs ms dr sir madam monday tuesday wednesday thursday friday saturday sunday january "
        "february march april may june july august september october november december"
    ).split()
)


@dataclass(frozen=True)
class Binding:
    """Words ``[first, stop)`` name a character played by the person mentioned at ``person_at``."""

    first: int
    stop: int
    person_at: int
    explicit: bool  # a binding phrase, not just adjacency


def _joined(doc: ArticleText, index: int) -> bool:
    gap = doc.gaps[index]
    return bool(gap) and (gap == " " or set(gap) <= _JOINERS or gap == ".")


def namelike(doc: ArticleText) -> list[bool]:
    """Per word: capitalised and not a function word (computed once per article text)."""
    flags = doc.namelike
    if flags is None:
        flags = doc.namelike = [
            capitalized and word not in FUNCTION_WORDS
            for capitalized, word in zip(doc._capitalized, doc.words, strict=True)
        ]
    return flags


def _namelike(doc: ArticleText, index: int) -> bool:
    return namelike(doc)[index]


def _continues(doc: ArticleText, index: int) -> bool:
    """Word ``index`` continues the name before it ("soo" in "Heung-soo")."""
    if namelike(doc)[index]:
        return True
    word = doc.words[index]
    return doc.gaps[index - 1] in ("-", "‑") and word.isalpha() and len(word) <= 5


def run_from(doc: ArticleText, start: int, limit: int = MAX_RUN) -> int:
    """End (exclusive) of the capitalised run starting at ``start``; ``start`` when none."""
    if start >= len(doc) or not _namelike(doc, start):
        return start
    stop = start + 1
    while stop < len(doc) and stop - start < limit and _joined(doc, stop - 1):
        if not _continues(doc, stop):
            break
        stop += 1
    return stop


def run_to(doc: ArticleText, stop: int, limit: int = MAX_RUN) -> int:
    """Start of the capitalised run ending just before ``stop``; ``stop`` when none."""
    if stop <= 0:
        return stop
    start = stop - 1
    while (
        start > 0 and not _namelike(doc, start) and _continues(doc, start) and stop - start < limit
    ):
        start -= 1
    if not _namelike(doc, start):
        return stop
    while start > 0 and stop - start < limit and _joined(doc, start - 1):
        if not _namelike(doc, start - 1):
            break
        start -= 1
    return start


def name_runs(doc: ArticleText, taken: bytearray) -> list[tuple[int, int]]:
    """Maximal capitalised runs (≤ ``MAX_RUN`` words) that overlap no taken word."""
    runs: list[tuple[int, int]] = []
    position = 0  # words before it are inside a run already
    for index, flag in enumerate(namelike(doc)):
        if not flag or index < position or taken[index]:
            continue
        stop = run_from(doc, index)
        while stop > index and any(taken[index:stop]):
            stop -= 1
        runs.append((index, stop))
        position = max(stop, index + 1)
    return runs


def bindings(doc: ArticleText, person_spans: list[tuple[int, int]]) -> list[Binding]:
    """Character spans bound to the person mentions ``person_spans`` (word spans, text order)."""
    found: list[Binding] = []
    words = doc.words
    for position, (first, stop) in enumerate(person_spans):
        # After the person: "P as X", "P plays X", "P, who plays X", "P (X)".
        after = stop
        gap = doc.gap(stop - 1)
        if after < len(doc) and words[after] == "who":
            after += 1
        if after < len(doc) and words[after] == "stars" and after + 1 < len(doc):
            after += 1
        if after < len(doc) and words[after] in _AFTER_VERBS:
            end = run_from(doc, after + 1)
            if end > after + 1:
                found.append(Binding(after + 1, end, position, True))
                continue
        if "(" in gap and stop < len(doc):
            start = stop + (1 if stop + 1 < len(doc) and words[stop] == "as" else 0)
            end = run_from(doc, start)
            if end > start and ")" in doc.gap(end - 1):
                found.append(Binding(start, end, position, words[stop] == "as"))
                continue
        if gap[:2] in ("'s", "’s") and stop < len(doc):
            end = run_from(doc, stop)
            if end > stop:
                found.append(Binding(stop, end, position, False))
                continue
        # Before the person: "X (P)", "X (played by P)", "X, played by P".
        before = first
        if before >= 2 and words[before - 2 : before] == ["played", "by"]:
            before -= 2
        if before > 0 and ("(" in doc.gap(before - 1) or before < first):
            start = run_to(doc, before)
            if start < before:
                found.append(Binding(start, before, position, before < first))
    stops = [stop for _first, stop in person_spans]
    for index in range(1, len(doc) - 1):
        if words[index] == "character" and words[index - 1] in _POSSESSIVE_PRONOUNS:
            end = run_from(doc, index + 1)
            previous = bisect_right(stops, index - 1) - 1  # last person ending before "her"
            if end > index + 1 and previous >= 0:
                found.append(Binding(index + 1, end, previous, True))
    return found
