"""Fuzzy fallback for misspelt titles ("Descendents of the Sun", "Squid Games", "Old Boy").

A title's keys are reduced to a *word form*: English articles and "and" dropped, "Mister" read
as "Mr", a plural read as its singular, the words joined without spaces. A capitalised run of
the article that matched nothing exactly is reduced the same way; it names the title when the
forms are equal, or one edit apart (a letter added, dropped, changed, or two swapped) for a
form of at least ``MIN_FUZZY_LENGTH`` letters with the same digits. Candidates come from a
dict of forms and from buckets keyed by the form's first or last three letters and its length
(one edit leaves one of them intact), so a lookup costs a few dict hits.
"""

from __future__ import annotations

from collections.abc import Container

from rapidfuzz.distance import OSA

from marquee.linking.engine.article_text import ArticleText
from marquee.linking.engine.word_mention import WordMention
from marquee.names import has_hangul, looks_korean
from marquee.names.english import is_common_word, is_function_word

MIN_LENGTH = 6  # letters of a word form; shorter titles are found only as written
MIN_FUZZY_LENGTH = 6
MAX_WORDS = 8
LONG_FORM = 12  # letters from which a misspelt run opening a sentence is still a title
_DROPPED = frozenset({"the", "a", "an", "and"})
_SPELLED = {"mister": "mr", "missus": "mrs"}
# Lowercase words that may stand inside a title written in title case ("Hotel del Luna").
_INNER = frozenset(
    "of the a an and de del la le di da du von van for in on at to from with you my is".split()
)
_QUOTES = frozenset("\"“”‘’'*_《〈<「『")
_GAPS = frozenset({" ", "-", "‑", ": ", " - ", " – ", " — ", " & "})
FORM_CONFIDENCE = 0.8  # every letter right, another word form
TYPO_CONFIDENCE = 0.7  # one edit
_OPENING_FACTOR = 0.6  # a lone word opening a sentence proves little


def opening_factor(doc: ArticleText, first: int, stop: int) -> float:
    """How much of its confidence a title match keeps: less for a lone word that opens a
    sentence (capitalised there whatever it is)."""
    return _OPENING_FACTOR if stop - first == 1 and doc.sentence_start(first) else 1.0


def word_form(words: list[str]) -> str:
    """The word form of normalised ``words``: articles and "and" dropped, "mister" → "mr",
    plurals singular, joined without spaces."""
    out: list[str] = []
    for word in words:
        if word in _DROPPED:
            continue
        word = _SPELLED.get(word, word)
        if len(word) >= 5 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) >= 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return "".join(out)


def _digits(form: str) -> str:
    return "".join(char for char in form if char.isdigit())


class TitleFuzzyIndex:
    """Word forms of the titles' keys, searchable exactly and within one edit."""

    def __init__(self) -> None:
        self._forms: dict[str, list[int]] = {}
        self._buckets: dict[tuple[str, int], list[str]] = {}
        self._live: set[int] = set()

    def add(self, handle: int, keys: set[str] | frozenset[str]) -> None:
        """Index ``handle`` under the word forms of its normalised title ``keys``."""
        self._live.add(handle)
        for key in keys:
            if not key or has_hangul(key):
                continue
            form = word_form(key.split(" "))
            if len(form) < MIN_LENGTH:
                continue
            handles = self._forms.get(form)
            if handles is None:
                self._forms[form] = [handle]
                for bucket in (("<" + form[:3], len(form)), (">" + form[-3:], len(form))):
                    self._buckets.setdefault(bucket, []).append(form)
            elif handle not in handles:
                handles.append(handle)

    def discard(self, handle: int) -> None:
        """Forget ``handle`` (forms keep it; lookups skip it)."""
        self._live.discard(handle)

    def search(self, form: str) -> tuple[int, list[int]]:
        """``(distance, live handles)`` of the closest forms to ``form`` (0 or 1 edit);
        ``(0, [])`` when none is close enough."""
        if len(form) < MIN_LENGTH:
            return 0, []
        exact = [h for h in self._forms.get(form, ()) if h in self._live]
        if exact or len(form) < MIN_FUZZY_LENGTH:
            return 0, exact
        found: list[int] = []
        seen: set[str] = set()
        for length in (len(form) - 1, len(form), len(form) + 1):
            if length < MIN_FUZZY_LENGTH:
                continue
            for bucket in (("<" + form[:3], length), (">" + form[-3:], length)):
                for other in self._buckets.get(bucket, ()):
                    if other in seen:
                        continue
                    seen.add(other)
                    # A number is never a typo: "Crime City 4" is not "Crime City 2".
                    if _digits(form) != _digits(other):
                        continue
                    if OSA.distance(form, other, score_cutoff=1) <= 1:
                        found.extend(h for h in self._forms[other] if h in self._live)
        return 1, list(dict.fromkeys(found))


def title_runs(doc: ArticleText, taken: bytearray) -> list[tuple[int, int]]:
    """Maximal runs (≤ ``MAX_WORDS`` words) of capitalised words, with lowercase title words
    ("of", "the", "de") inside, that overlap no taken word."""
    runs: list[tuple[int, int]] = []
    index = 0
    count = len(doc)
    while index < count:
        if taken[index] or not doc.capitalized(index) or doc.is_hangul(index):
            index += 1
            continue
        stop = index + 1
        while (
            stop < count
            and stop - index < MAX_WORDS
            and not taken[stop]
            and doc.gaps[stop - 1] in _GAPS
            and not doc.is_hangul(stop)
            and (doc.capitalized(stop) or doc.bare[stop] in _INNER)
        ):
            stop += 1
        while stop > index + 1 and not doc.capitalized(stop - 1):
            stop -= 1
        runs.append((index, stop))
        index = stop
    return runs


def title_spans(doc: ArticleText, first: int, stop: int) -> list[tuple[int, int]]:
    """The parts of the run ``[first, stop)`` that may be a title, longest first: each starts at
    the run's start, after a word opening a sentence, or after a lowercase word ("Fans of |
    Moonlit Ferry"), and stops at the run's end or before a lowercase word, so that it never
    cuts a capitalised name ("Patience of Tiger" in "Patience of Tiger Woods")."""
    inner = [index for index in range(first, stop) if not doc.capitalized(index)]
    starts = {first, *(index + 1 for index in inner)}
    if doc.sentence_start(first) and first + 1 < stop:
        starts.add(first + 1)
    stops = {stop, *inner}
    spans = [(a, b) for a in starts for b in stops if a < b]
    return sorted(spans, key=lambda span: (span[0] - span[1], span[0]))


def plausible_title(doc: ArticleText, first: int, stop: int) -> bool:
    """Guards on a span before it is looked up: capitalised at both ends, not part of a
    hyphenated name, not a Korean person's name, and a lone word neither a common nor a
    function word."""
    if not doc.capitalized(first) or not doc.capitalized(stop - 1):
        return False
    if doc.hyphen_joined(first - 1) or doc.hyphen_joined(stop - 1):
        return False
    if stop - first == 1:
        word = doc.bare[first]
        return not is_common_word(word) and not is_function_word(word)
    return not (stop - first <= 4 and looks_korean(doc.span_text(first, stop)))


def _set_off(doc: ArticleText, first: int, stop: int) -> bool:
    """True when quotes or emphasis marks stand on both sides of ``[first, stop)``."""
    before = doc.text[max(0, doc.starts[first] - 1) : doc.starts[first]]
    after = doc.text[doc.ends[stop - 1] : doc.ends[stop - 1] + 1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


def _accepted(
    doc: ArticleText,
    first: int,
    stop: int,
    distance: int,
    handles: list[int],
    supported: Container[int],
) -> list[int]:
    """The handles a match may stand for. A lone misspelt word ("Exhume") is often another
    English word, and a capital opening a sentence proves little: such a misspelling (unless
    ``LONG_FORM`` letters long) needs quotes or emphasis around it, or a title the article
    supports."""
    if distance == 0 or _set_off(doc, first, stop):
        return handles
    if stop - first > 1 and (
        not doc.sentence_start(first) or len(word_form(doc.bare[first:stop])) >= LONG_FORM
    ):
        return handles
    return [handle for handle in handles if handle in supported]


def fuzzy_titles(
    index: TitleFuzzyIndex, doc: ArticleText, taken: bytearray, supported: Container[int]
) -> list[WordMention]:
    """Misspelt titles or other word forms of titles in the runs no exact match took; the
    longest matching part of each run wins. ``supported``: titles the article names in full or
    credits to a person it names."""
    found: list[WordMention] = []
    for first, stop in title_runs(doc, taken):
        at = first
        while at < stop:
            match = None
            for a, b in title_spans(doc, at, stop):
                if plausible_title(doc, a, b):
                    distance, handles = index.search(word_form(doc.bare[a:b]))
                    handles = _accepted(doc, a, b, distance, handles, supported)
                    if handles:
                        match = (a, b, distance, handles)
                        break
            if match is None:
                break
            a, b, distance, handles = match
            confidence = FORM_CONFIDENCE if distance == 0 else TYPO_CONFIDENCE
            confidence *= opening_factor(doc, a, b)
            found.append(
                WordMention(
                    first=a,
                    stop=b,
                    type="title",
                    confidence=confidence,
                    handle=handles[0],
                    options=[(handle, confidence) for handle in handles],
                    how="fuzzy",
                    distance=distance,
                )
            )
            at = b
    return found
