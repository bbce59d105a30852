"""Fuzzy fallback for misspelt names ("Noh Sang Hyn", "Lee Aeon Hee").

Candidates come from postings of folded words and adjacent word pairs (rarest first, bounded);
rapidfuzz scores the joined folded forms. Only used on capitalised, name-like spans that matched
nothing exactly, so its cost stays proportional to the few such spans in an article.
"""

from __future__ import annotations

from itertools import pairwise

from rapidfuzz import fuzz, process

MAX_CANDIDATES = 1500
SCORE_CUTOFF = 85.0


class FuzzyIndex:
    """Folded canonical names of people, searchable by approximate spelling."""

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = {}
        self._joined: dict[int, str] = {}

    def add(self, handle: int, folded_names: list[str]) -> None:
        """Index ``handle`` under each folded name ("no sang hyun"); the first is canonical."""
        if not folded_names:
            return
        self._joined[handle] = folded_names[0].replace(" ", "")
        for name in folded_names:
            words = name.split(" ")
            for token in {*words, *(f"{a} {b}" for a, b in pairwise(words))}:
                self._postings.setdefault(token, []).append(handle)

    def discard(self, handle: int) -> None:
        """Forget ``handle`` (postings keep it; lookups skip unknown handles)."""
        self._joined.pop(handle, None)

    def search(self, folded_span: str) -> tuple[int, float] | None:
        """Best ``(handle, score 0..100)`` for a folded span, or None below the cutoff."""
        words = folded_span.split(" ")
        if len(words) < 2:
            return None
        pairs = [f"{a} {b}" for a, b in pairwise(words)]
        # An intact word pair is strong evidence; fall back to single words only without one.
        tokens = [pair for pair in pairs if pair in self._postings] or words
        postings = sorted(
            (self._postings[token] for token in tokens if token in self._postings), key=len
        )
        choices: dict[int, str] = {}
        for posting in postings:
            for handle in posting:
                joined = self._joined.get(handle)
                if joined is not None:
                    choices[handle] = joined
            if len(choices) >= MAX_CANDIDATES:
                break
        if not choices:
            return None
        queries = {"".join(words), "".join(words[-1:] + words[:-1])}
        best: tuple[int, float] | None = None
        for query in queries:
            found = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=SCORE_CUTOFF)
            if found is not None and (best is None or found[1] > best[1]):
                best = (int(found[2]), float(found[1]))
        return best
