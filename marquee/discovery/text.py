"""Pure text helpers for Similar Articles: terms of an article and TF-IDF vectors.

Terms are words of ``marquee.names.normalize`` (case, accents and punctuation folded; Hangul
kept), without stop words, digits-only tokens and one-letter tokens.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from marquee.names import normalize

VECTOR_TERMS = 64
TITLE_WEIGHT = 3
DEK_WEIGHT = 2
MAX_TERM_LENGTH = 40

STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even ever few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just like made make many may me more most much must my myself new
    nor not now of off on once one only or other our ours ourselves out over own said same say
    says she should since so some still such than that the their theirs them themselves then
    there these they this those through to too two under until up upon us very was way we well
    were what when where which while who whom why will with without would year years yet you
    your yours yourself yourselves first last get got back around every another three four five
    time times already across almost although among around become becomes began best better big
    came come comes day days end ever far find found give going gone good great know least
    less let lot made makes never next often part put quite rather really right see seen set
    show shows small take takes tell thing things think though told took toward turn turns want
    went whether whose within work works world
    """.split()
)


def terms_of(text: str) -> list[str]:
    """The terms of ``text`` in order, repeats kept."""
    return [
        word
        for word in normalize(text).split(" ")
        if len(word) > 1
        and len(word) <= MAX_TERM_LENGTH
        and not word.isdigit()
        and word not in STOP_WORDS
    ]


def article_term_counts(*, title: str, dek: str, body: str) -> Counter[str]:
    """Term counts of an article, the title and standfirst counted several times over."""
    counts: Counter[str] = Counter(terms_of(body))
    for term in terms_of(title):
        counts[term] += TITLE_WEIGHT
    for term in terms_of(dek):
        counts[term] += DEK_WEIGHT
    return counts


def inverse_document_frequency(documents: int, total: int, *, floor: float = 0.1) -> float:
    """Smoothed IDF; a term in every document still weighs ``floor``."""
    return math.log((total + 1) / (documents + 1)) + floor


def tfidf_vector(
    counts: Mapping[str, int],
    document_frequency: Mapping[str, int],
    total: int,
    *,
    size: int = VECTOR_TERMS,
) -> dict[str, float]:
    """The ``size`` heaviest terms with sublinear TF × IDF weights, scaled to unit length."""
    weights = {
        term: (1.0 + math.log(count))
        * inverse_document_frequency(document_frequency.get(term, 0), total)
        for term, count in counts.items()
        if count > 0
    }
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:size]
    norm = math.sqrt(sum(weight * weight for _, weight in top)) or 1.0
    return {term: round(weight / norm, 5) for term, weight in top}


def cosine(left: Mapping[str, float], right: Mapping[str, float]) -> float:
    """Dot product of two unit vectors given as term → weight."""
    return sum(left[term] * right[term] for term in left.keys() & right.keys())


def distinct(terms: Iterable[str]) -> list[str]:
    return sorted(set(terms))
