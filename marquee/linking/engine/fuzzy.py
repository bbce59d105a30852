"""Fuzzy fallback for misspelt names ("Noh Sang Hyn", "Lee Aeon Hee").

Candidates come from postings of folded words and adjacent word pairs (rarest first, bounded);
rapidfuzz scores the joined folded forms. Only used on capitalised, name-like spans that matched
nothing exactly, so its cost stays proportional to the few such spans in an article.
"""

from __future__ import annotations

from itertools import pairwise

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from marquee.names import NameForms, fold_word, split_korean_name

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

    def search(self, folded_span: str, *, limit: int = 5) -> list[tuple[int, float]]:
        """Up to ``limit`` ``(handle, score 0..100)`` for a folded span, best first, each at or
        above the cutoff; the caller verifies them (``plausible_typo``)."""
        words = folded_span.split(" ")
        if len(words) < 2:
            return []
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
            return []
        best: dict[int, float] = {}
        for query in ("".join(words), "".join(words[-1:] + words[:-1])):
            for _choice, score, handle in process.extract(
                query, choices, scorer=fuzz.ratio, score_cutoff=SCORE_CUTOFF, limit=limit
            ):
                best[int(handle)] = max(best.get(int(handle), 0.0), float(score))
        return sorted(best.items(), key=lambda item: -item[1])[:limit]


def plausible_typo(written: list[str], forms: NameForms) -> float | None:
    """Confidence that the normalised words ``written`` misspell the person of ``forms``."""
    found = typo(written, forms)
    return None if found is None else found[0]


def typo(written: list[str], forms: NameForms) -> tuple[float, int] | None:
    """``(confidence, edit distance of the given name)`` when the normalised words ``written``
    misspell the person of ``forms``.

    The surname must be one of the person's spellings (in Korean or Western order) and the given
    name within one edit of one of theirs (two for a longer given name that is no well-formed
    name itself). A well-formed different name ("Lee Ji-hoon" for Lee Ji-eun) is a different
    person more often than a typo, so it needs one edit and gets a confidence below display.
    """
    if len(written) < 2 or not forms.surnames or not forms.given_combos:
        return None
    surnames = {fold_word(surname) for surname in forms.surnames}
    givens = {"".join(combo) for combo in forms.given_combos}
    best: tuple[float, int] | None = None
    for surname, given in ((written[0], written[1:]), (written[-1], written[:-1])):
        if fold_word(surname) not in surnames:
            continue
        joined = "".join(given)
        # Raw spellings, not folds: "Ji-hoon" folds within one edit of "Ji-eun".
        distance = min(Levenshtein.distance(joined, other) for other in givens)
        well_formed = split_korean_name(" ".join([surname, *given])) is not None
        if distance <= 1:
            confidence = 0.55 if well_formed else 0.7
        elif distance == 2 and not well_formed and len(joined) >= 5:
            confidence = 0.6
        else:
            continue
        if best is None or confidence > best[0]:
            best = (confidence, distance)
    return best
