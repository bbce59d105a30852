"""An article prepared for matching: normalised words, their original spans, folded forms."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from marquee.names import fold_word, normalize_with_offsets

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


class Document:
    """Words of ``text`` with original offsets; ``padded`` is the folded text for the index.

    Word ``i`` is ``text[starts[i]:ends[i]]`` (apostrophes and diacritics included); ``bare``
    drops a possessive "'s" ("Park's" → "park"), and keys and folds are made from it;
    ``word_at_space`` maps a space position in ``padded`` to the index of the following word.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        normalized, offsets = normalize_with_offsets(text)
        self.words: list[str] = normalized.split(" ") if normalized else []
        norm_starts = list(accumulate((len(word) + 1 for word in self.words), initial=0))[:-1]
        self.starts = [offsets[start] for start in norm_starts]
        self.ends = [
            offsets[start + len(word) - 1] + 1
            for start, word in zip(norm_starts, self.words, strict=True)
        ]
        self.bare = list(self.words)
        if "'" in text or "’" in text:
            possessive_ends = {match.end() for match in _POSSESSIVE.finditer(text)}
            for index, end in enumerate(self.ends):
                if end in possessive_ends and self.bare[index].endswith("s"):
                    self.bare[index] = self.bare[index][:-1]
                    self.ends[index] = end - 2  # the mention stops before "'s"
        self.folded = [fold_word(word) for word in self.bare]
        self.padded = " " + " ".join(self.folded) + " "
        initials = [text[start] for start in self.starts]
        self._capitalized = [
            char.isupper() or char.isdigit() or "\uac00" <= char <= "\ud7a3" for char in initials
        ]
        self._hangul = ["\uac00" <= char <= "\ud7a3" for char in initials]
        spaces = list(accumulate((len(word) + 1 for word in self.folded), initial=0))
        self.word_at_space = {position: index for index, position in enumerate(spaces)}

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
        """Original characters between word ``index`` and the next one ("" after the last)."""
        if index + 1 >= len(self.words):
            return self.text[self.ends[index] :] if self.words else ""
        return self.text[self.ends[index] : self.starts[index + 1]]

    def word_at_offset(self, offset: int) -> int | None:
        """Index of the word containing or starting at original ``offset``, if any."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return index
        return None

    def sentence_start(self, index: int) -> bool:
        """True when word ``index`` opens the text or follows ``.``, ``!``, ``?`` or a newline."""
        if index == 0:
            return True
        before = self.gap(index - 1)
        return any(mark in before for mark in ".!?\n:") and "." not in before[-1:]
