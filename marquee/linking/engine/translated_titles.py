"""Titles under a translated name: "Its Korean title, Mobeom Taxi, means Model Taxi".

A capitalised run right after "means" or "translates as" (a few words such as "roughly",
"something like", "literally" may come between) is the English rendering of a title when the
sentence speaks of a title ("title", "original") before the verb; it is the title the article
named last before the verb in the same paragraph. Without both the word "title" and the verb,
nothing is read ("which means it is time to rewatch Goblin").
"""

from __future__ import annotations

from bisect import bisect_left

from marquee.linking.engine.article_text import ArticleText
from marquee.linking.engine.word_mention import WordMention

TRANSLATED_CONFIDENCE = 0.75
_VERBS = frozenset({"means", "meant", "meaning", "translates", "translated"})
_TITLE_WORDS = frozenset({"title", "titles", "original"})
_FILLERS = frozenset(
    {"as", "something", "like", "roughly", "loosely", "literally", "simply", "more", "or",
     "less", "to", "into", "approximately", "just"}
)  # fmt: skip
_LOWERCASE_TITLE_WORDS = frozenset({"of", "the", "at", "in", "on", "a", "an", "and", "for", "to"})
_JOINING_GAPS = frozenset({" ", "-", "‐", "‑", "'s ", "’s "})
_MAX_WORDS = 8
_CALLING = frozenset({"called", "calls", "call", "has", "had", "puts", "put", "named", "names"})
_KIND_WORDS = frozenset(
    {"series", "show", "drama", "film", "movie", "novel", "webtoon", "title", "it"}
)
_PLACES = (("in", "korea"), ("in", "korean"), ("at", "home"), ("locally",))


def _rendering(doc: ArticleText, start: int, limit: int) -> int:
    """End (exclusive) of the title-like run at ``start`` (capitalised words, lowercase title
    words between them, hyphenated parts), or ``start`` when there is none."""
    if not doc.capitalized(start):
        return start
    stop = start + 1
    end = stop
    while stop < limit and stop - start < _MAX_WORDS and doc.gap(stop - 1) in _JOINING_GAPS:
        if doc.capitalized(stop) or doc.hyphen_joined(stop - 1):
            stop += 1
            end = stop
        elif doc.bare[stop] in _LOWERCASE_TITLE_WORDS:
            stop += 1
        else:
            break
    return end


def _romanized_name(doc: ArticleText, low: int, verb: int) -> tuple[int, int] | None:
    """The run set off by commas between "title" and the verb ("Its Korean title, Mobeom Taxi,
    means..."): the title in Korean, written in Latin letters."""
    for index in range(verb - 1, low - 1, -1):
        if doc.bare[index] in _TITLE_WORDS:
            start = index + 1
            if doc.gap(index) != ", " or start >= verb:
                return None
            stop = _rendering(doc, start, verb)
            if stop == start or doc.gap(stop - 1) != ", ":
                return None
            between = doc.bare[stop:verb]
            return (start, stop) if all(w in _FILLERS for w in between) else None
    return None


def _run_before(doc: ArticleText, stop: int) -> int:
    """Start of the title-like run ending just before word ``stop``, or ``stop``."""
    start = stop - 1
    while start > 0 and not doc.capitalized(start) and doc.hyphen_joined(start - 1):
        start -= 1  # "woo" in "Young-woo"
    if start < 0 or not doc.capitalized(start):
        return stop
    while start > 0 and stop - start < _MAX_WORDS and doc.gap(start - 1) in _JOINING_GAPS:
        if doc.capitalized(start - 1) or doc.hyphen_joined(start - 1):
            start -= 1
        else:
            break
    return start


def _after_verb(doc: ArticleText, index: int) -> tuple[int, int] | None:
    """The rendering after "means" / "translates as" at ``index`` in a sentence about a title."""
    low, high = doc.bounds(index)
    bare = doc.bare
    if not any(w in _TITLE_WORDS for w in bare[low:index]):
        return None
    start = index + 1
    while start < high and bare[start] in _FILLERS and not doc.capitalized(start):
        start += 1
    if start >= high or start - index > 4:
        return None
    stop = _rendering(doc, start, high)
    return (start, stop) if stop > start else None


def _called_it(doc: ArticleText, index: int) -> tuple[int, int] | None:
    """The run before ", as <someone> called it" (``index`` at "as"): "Respond 1988, as some
    early fan subtitles called it"."""
    if index == 0 or doc.gap(index - 1) != ", ":
        return None
    high = doc.bounds(index)[1]
    bare = doc.bare
    for verb in range(index + 2, min(high - 1, index + 7)):
        if bare[verb] in _CALLING and bare[verb + 1] == "it":
            start = _run_before(doc, index)
            return (start, index) if start < index else None
    return None


def _known_as(doc: ArticleText, index: int) -> tuple[int, int] | None:
    """The run after "<the series>, known in Korea as" (``index`` at "known")."""
    bare = doc.bare
    low, high = doc.bounds(index)
    if not any(w in _KIND_WORDS for w in bare[max(low, index - 3) : index]):
        return None
    for place in _PLACES:
        end = index + 1 + len(place)
        if tuple(bare[index + 1 : end]) == place and end < high and bare[end] == "as":
            start = end + 1
            stop = _rendering(doc, start, high) if start < high else start
            return (start, stop) if stop > start else None
    return None


def _referent(titles: list[WordMention], firsts: list[int], at: int, paragraph: tuple[int, int]
              ) -> WordMention | None:  # fmt: skip
    """The title a rendering at word ``at`` stands for: the last one named before it in the
    paragraph, else the first one named after it in the paragraph, else the last one before."""
    position = bisect_left(firsts, at)
    if position > 0 and titles[position - 1].first >= paragraph[0]:
        return titles[position - 1]
    if position < len(titles) and titles[position].first < paragraph[1]:
        return titles[position]
    return titles[position - 1] if position > 0 else None


def translated_titles(
    doc: ArticleText, mentions: list[WordMention], taken: bytearray
) -> list[WordMention]:
    """Renderings of titles the article names: after "means" / "translates as", before ", as
    ... called it", after "known in Korea as"."""
    titles = [m for m in mentions if m.type == "title" and m.handle is not None]
    if not titles:
        return []
    firsts = [m.first for m in titles]
    found: list[WordMention] = []
    for index, word in enumerate(doc.bare):
        if word in _VERBS:
            span = _after_verb(doc, index)
        elif word == "as":
            span = _called_it(doc, index)
        elif word == "known":
            span = _known_as(doc, index)
        else:
            continue
        if span is None or any(taken[span[0] : span[1]]):
            continue
        referent = _referent(titles, firsts, span[0], doc.bounds(index, paragraph=True))
        if referent is None:
            continue
        spans = [span]
        if word in _VERBS:
            named = _romanized_name(doc, doc.bounds(index)[0], index)
            if named is not None and not any(taken[named[0] : named[1]]):
                spans.insert(0, named)
        for first, end in spans:
            taken[first:end] = b"\x01" * (end - first)
            found.append(
                WordMention(
                    first=first,
                    stop=end,
                    type="title",
                    confidence=TRANSLATED_CONFIDENCE,
                    handle=referent.handle,
                    how="translation",
                    rule=word,
                )
            )
    return found
