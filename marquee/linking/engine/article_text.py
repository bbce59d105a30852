"""``ArticleText``: an article prepared for matching: normalised words, their original spans,
folded forms, sentences and paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate

from marquee.names import normalize_with_offsets
from marquee.names.phonetic import fold_words

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_HYPHENS = frozenset("-‐‑")
_YEAR = re.compile(r" (?=(?:19|20)\d\d )")


@cache
def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


@cache
def _is_capital(char: str) -> bool:
    """An uppercase letter, a digit or a Hangul syllable: a word that may open a name."""
    return char.isupper() or char.isdigit() or _is_hangul(char)


class ArticleText:
    """Words of ``text`` with original offsets; ``padded`` is the folded text for the index.

    Word ``i`` is ``text[starts[i]:ends[i]]`` (apostrophes and diacritics included); ``bare``
    drops a possessive "'s" ("Park's" → "park"), and keys and folds are made from it;
    ``word_at_space`` maps a space position in ``padded`` to the index of the following word.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        normalized, offsets = normalize_with_offsets(text)
        words: list[str] = normalized.split(" ") if normalized else []
        self.words = words
        norm_starts = list(accumulate([len(word) + 1 for word in words], initial=0))
        norm_starts.pop()
        starts = list(map(offsets.__getitem__, norm_starts))
        self.starts = starts
        # The last character of word i sits just before the separator that opens word i + 1.
        ends = [offsets[start - 2] + 1 for start in norm_starts[1:]]
        if words:
            ends.append(offsets[-1] + 1)
        self.ends = ends
        self.bare = list(words)
        if "'" in text or "’" in text:
            possessive_ends = {match.end() for match in _POSSESSIVE.finditer(text)}
            for index, end in enumerate(ends):
                if end in possessive_ends and self.bare[index].endswith("s"):
                    self.bare[index] = self.bare[index][:-1]
                    ends[index] = end - 2  # the mention stops before "'s"
        self.folded = fold_words(self.bare)
        self.padded = " " + " ".join(self.folded) + " "
        initials = list(map(text.__getitem__, starts))
        self._hangul = list(map(_is_hangul, initials))
        self._capitalized = list(map(_is_capital, initials))
        spaces = accumulate([len(word) + 1 for word in self.folded], initial=0)
        self.word_at_space = dict(zip(spaces, range(len(words) + 1), strict=True))
        # gaps[i]: original characters between word i and the next (after the last: the rest).
        self.gaps = [text[end:start] for end, start in zip(ends[:-1], starts[1:], strict=True)]
        if words:
            self.gaps.append(text[ends[-1] :])
        self._sentences: list[int] | None = None
        self._paragraphs: list[int] | None = None
        self._cue_positions: tuple[frozenset[str], list[int]] | None = None
        self._years: list[int] | None = None
        self._commas: list[int] | None = None
        self.namelike: list[bool] | None = None  # filled by ``patterns`` on first use

    def __len__(self) -> int:
        return len(self.words)

    def span_text(self, first: int, stop: int) -> str:
        """Original text of words ``[first, stop)``."""
        return self.text[self.starts[first] : self.ends[stop - 1]]

    def key(self, first: int, stop: int) -> str:
        """Normalised text of words ``[first, stop)``."""
        return " ".join(self.bare[first:stop])

    def folded_key(self, first: int, stop: int) -> str:
        """Folded text of words ``[first, stop)``."""
        return " ".join(self.folded[first:stop])

    def capitalized(self, index: int) -> bool:
        """True when word ``index`` starts with an uppercase letter or a digit, or is Hangul."""
        return self._capitalized[index]

    def is_hangul(self, index: int) -> bool:
        """True when word ``index`` starts with a Hangul syllable."""
        return self._hangul[index]

    def gap(self, index: int) -> str:
        """Original characters after word ``index`` up to the next word (the rest after the
        last word)."""
        if 0 <= index < len(self.gaps):
            return self.gaps[index]
        if not self.words:
            return ""
        return self.text[self.ends[index] : self.starts[index + 1]]

    def hyphen_joined(self, index: int) -> bool:
        """True when word ``index`` and the next one are joined by a hyphen ("Min-ji")."""
        return 0 <= index < len(self.words) - 1 and self.gaps[index] in _HYPHENS

    def comma_positions(self) -> list[int]:
        """Indices of the words followed by a comma (computed once)."""
        if self._commas is None:
            self._commas = [index for index, gap in enumerate(self.gaps) if "," in gap]
        return self._commas

    def word_at_offset(self, offset: int) -> int | None:
        """Index of the word containing or starting at original ``offset``, if any."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return index
        return None

    def _breaks(self, marks: str) -> list[int]:
        """Indices of the words that open a sentence (or paragraph), from one scan of the text."""
        breaks = [0]
        for match in re.finditer(f"[{re.escape(marks)}]", self.text):
            index = bisect_right(self.starts, match.start())
            if 0 < index < len(self.words) and match.start() >= self.ends[index - 1]:
                gap = self.text[self.ends[index - 1] : self.starts[index]]
                if (marks == "\n" or "." not in gap[-1:]) and breaks[-1] != index:
                    breaks.append(index)
        breaks.append(len(self.words))
        return breaks

    def bounds(self, index: int, *, paragraph: bool = False) -> tuple[int, int]:
        """Word range of the sentence (or paragraph) holding word ``index``."""
        breaks = self._paragraphs if paragraph else self._sentences
        if breaks is None:
            breaks = self._breaks("\n" if paragraph else ".!?:;\n")
            if paragraph:
                self._paragraphs = breaks
            else:
                self._sentences = breaks
        position = bisect_right(breaks, index)
        return breaks[position - 1], breaks[position] if position < len(breaks) else len(self)

    def year_positions(self) -> list[int]:
        """Indices of the words that are years 1900-2099 (computed once)."""
        if self._years is None:
            at_space = self.word_at_space
            self._years = [at_space[match.start()] for match in _YEAR.finditer(self.padded)]
        return self._years

    def cue_positions(self, cues: frozenset[str]) -> list[int]:
        """Indices of the words in ``cues`` (computed once per text and cue set)."""
        if self._cue_positions is None or self._cue_positions[0] is not cues:
            bare = self.bare
            self._cue_positions = (cues, [i for i, word in enumerate(bare) if word in cues])
        return self._cue_positions[1]

    def sentence_start(self, index: int) -> bool:
        """True when word ``index`` opens the text or follows ``.``, ``!``, ``?`` or a newline."""
        if index == 0:
            return True
        before = self.gap(index - 1)
        return any(mark in before for mark in ".!?\n:") and "." not in before[-1:]
