"""Parsing what a reader typed into a safe, backend-neutral list of words (pure).

Quotes, operators, brackets and any other syntax are not passed on: the query becomes plain
words (``marquee.names.normalize``), each later quoted by the backend, so no input can produce
a full-text syntax error.
"""

from __future__ import annotations

from dataclasses import dataclass

from marquee.names import normalize

MAX_QUERY_CHARACTERS = 200
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"


@dataclass(frozen=True)
class SearchQuery:
    """Words the reader asked for; ``alternatives[i]`` are other forms of ``words[i]``."""

    text: str
    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.words


def parse_query(text: str) -> SearchQuery:
    """Plain words of ``text`` (at most ``MAX_WORDS``, each ≤ ``MAX_WORD_LENGTH`` characters).

    The lowercase spelling with accents is kept as an alternative so that backends which do not
    fold accents (PostgreSQL's ``simple`` configuration) still match "café".
    """
    clipped = (text or "").strip()[:MAX_QUERY_CHARACTERS]
    clipped = clipped.replace(HIGHLIGHT_START, " ").replace(HIGHLIGHT_END, " ")
    words: list[str] = []
    alternatives: list[tuple[str, ...]] = []
    for raw in clipped.split():
        for word in normalize(raw).split(" "):
            word = word[:MAX_WORD_LENGTH]
            if not word or word in words:
                continue
            lower = raw.lower().strip("\"'()[]{}*:^+-~.,;!?")
            others = (lower,) if lower != word and lower.isalnum() else ()
            words.append(word)
            alternatives.append(others)
            if len(words) == MAX_WORDS:
                break
        if len(words) == MAX_WORDS:
            break
    return SearchQuery(text=clipped, words=tuple(words), alternatives=tuple(alternatives))
