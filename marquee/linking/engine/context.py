"""Disambiguation from context: cue words, years, credits of entities mentioned nearby.

Scores are evidence points; the confidence of the winner shrinks with the margin over the
runner-up, so weak evidence yields a low confidence instead of a confident guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

KIND_CUES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("film", "films", "movie", "movies", "cinema", "theaters"), ("film",)),
    **dict.fromkeys(("theatres", "screenplay", "filmmaker", "premiere", "premiered"), ("film",)),
    **dict.fromkeys(("drama", "dramas", "kdrama", "series", "episode", "episodes"), ("series",)),
    **dict.fromkeys(("season", "miniseries", "sitcom"), ("series",)),
    "show": ("series", "show"),
    **dict.fromkeys(("novel", "novels", "book", "books", "author", "fiction"), ("novel",)),
    **dict.fromkeys(("novelist", "translation", "translated", "booker", "memoir"), ("novel",)),
    **dict.fromkeys(("webtoon", "webcomic", "manhwa"), ("webtoon",)),
    **dict.fromkeys(("song", "single", "track", "ost", "lyrics"), ("song",)),
    "album": ("album",),
    **dict.fromkeys(("variety", "program", "programme"), ("show",)),
}
ROLE_CUES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("actor", "actress", "star", "starring", "stars", "cast"), ("actor",)),
    **dict.fromkeys(("director", "directed", "filmmaker", "helmed"), ("director",)),
    **dict.fromkeys(("author", "novelist", "wrote", "written"), ("author", "writer")),
    "writer": ("writer", "author"),
    **dict.fromkeys(("singer", "rapper", "idol", "vocalist", "sang"), ("singer",)),
    **dict.fromkeys(("translator", "translated"), ("translator",)),
    **dict.fromkeys(("host", "mc", "hosted"), ("host",)),
}
SOURCE_CUES = frozenset({"adaptation", "adapted", "based", "original", "source"})
# Korean broadcasters and streamers that air mostly series: "tvN's Little Women" is the drama.
BROADCASTERS = frozenset(
    "tvn kbs kbs2 mbc sbs jtbc ocn ena tving wavve mnet jtbc's channel broadcaster".split()
)
for _broadcaster in BROADCASTERS:
    KIND_CUES.setdefault(_broadcaster, ("series",))
KIND_CUES.setdefault("television", ("series",))
KIND_CUES.setdefault("tv", ("series",))
KIND_CUES.setdefault("comic", ("webtoon",))
KIND_CUES.setdefault("serialized", ("webtoon", "novel"))
# Words that may stand between a cue and the title it describes ("the hit drama X").
_FILLERS = frozenset(
    "the a an this that its his her their original hit new same korean acclaimed popular".split()
)
_COPULAS = frozenset("is was are were became remains as".split())
_ATTACHED = 8.0
_YEAR_POINTS = 5.0


CUE_WORDS = frozenset(KIND_CUES) | frozenset(ROLE_CUES)


@dataclass(frozen=True)
class Candidate:
    """What the scorer needs to know about one candidate entity."""

    handle: int
    kind: str
    year: int | None
    based_on: str | None
    entity_id: str
    related: frozenset[str]  # ids linked to it by credits (people for a title, titles for a person)
    roles: frozenset[str]
    popularity: int


@dataclass(frozen=True)
class Evidence:
    """Where the mention ``[first, stop)`` sits, and what surrounds it.

    ``sentence`` and ``paragraph`` are word ranges; ``possessor`` is the id of the entity written
    just before the mention with "'s" ("Bong's Mother"); the id sets hold entities mentioned in
    the same sentence, the same paragraph, and anywhere in the article.
    """

    words: Sequence[str]
    first: int
    stop: int
    sentence: tuple[int, int]
    paragraph: tuple[int, int]
    possessor: str | None
    commas: tuple[int, ...]  # words of the sentence followed by a comma, in order
    cues: Sequence[int]  # positions of cue words (``CUE_WORDS``) in the paragraph, in order
    years: Sequence[int]  # positions of years (1900-2099) in the sentence
    sentence_ids: frozenset[str]
    paragraph_ids: frozenset[str]
    article_ids: frozenset[str]


def _attached(words: Sequence[str], evidence: Evidence, match: Callable[[str], bool]) -> int | None:
    """Position of a cue bound to the mention: "the drama X", "X webtoon", "X was a webtoon"."""
    low, high = evidence.sentence
    index = evidence.first - 1
    while index >= low and words[index] in _FILLERS:
        index -= 1
    if index >= low and match(words[index]):
        return index
    index = evidence.stop
    if index < high and match(words[index]):
        return index
    if index < high and words[index] in _COPULAS:
        for at in range(index + 1, min(high, index + 4)):
            if match(words[at]):
                return at
    return None


def _cue_points(evidence: Evidence, match: Callable[[str], bool]) -> float:
    """Cues in the sentence (closer counts more), plus a little for the paragraph's."""
    words = evidence.words
    if _attached(words, evidence, match) is not None:
        return _ATTACHED
    low, high = evidence.sentence
    points = 0.0
    paragraph_points = 0.0
    for index in evidence.cues:
        if evidence.first <= index < evidence.stop or not match(words[index]):
            continue
        if not low <= index < high:
            paragraph_points += 0.5
            continue
        if index < evidence.first:
            distance, span = evidence.first - index, (index, evidence.first - 1)
        else:
            distance, span = index - evidence.stop, (evidence.stop - 1, index)
        gained = 6.0 / (1 + distance / 1.5)
        # A cue in another clause ("..., and the series uses it too") counts half.
        if any(span[0] <= comma < span[1] for comma in evidence.commas):
            gained /= 2
        points += gained
    return min(points, 8.0) + min(paragraph_points, 2.0)


@lru_cache(maxsize=256)
def _kind_words(kind: str) -> frozenset[str]:
    """The cue words of a kind of title (``kind in KIND_CUES[word]``)."""
    return frozenset(word for word, kinds in KIND_CUES.items() if kind in kinds)


@lru_cache(maxsize=1024)
def _role_words(roles: frozenset[str]) -> frozenset[str]:
    """The cue words of any of ``roles`` (``roles & ROLE_CUES[word]``)."""
    return frozenset(word for word, cued in ROLE_CUES.items() if roles.intersection(cued))


def score_candidates(
    candidates: Sequence[Candidate], evidence: Evidence
) -> list[tuple[float, Candidate]]:
    """Evidence points per candidate for the mention of ``evidence``, best first."""
    words, first, stop = evidence.words, evidence.first, evidence.stop
    low = evidence.sentence[0]
    years = {
        int(words[index]): min(abs(index - first), abs(index - stop + 1))
        for index in evidence.years
    }
    source_cue = any(word in SOURCE_CUES for word in words[max(low, first - 4) : first])
    ids = {candidate.entity_id for candidate in candidates}
    sources = {candidate.based_on for candidate in candidates if candidate.based_on in ids}
    scored: list[tuple[float, Candidate]] = []
    # Cue points depend only on the kind or the roles: candidates often share them.
    kind_points: dict[str, float] = {}
    role_points: dict[frozenset[str], float] = {}
    for candidate in candidates:
        points = 1.0 + 0.05 * min(candidate.popularity, 10)
        kind, roles = candidate.kind, candidate.roles
        if kind != "person":  # only titles have kinds, only people roles
            gained = kind_points.get(kind)
            if gained is None:
                gained = kind_points[kind] = _cue_points(evidence, _kind_words(kind).__contains__)
            points += gained
        if roles:
            gained = role_points.get(roles)
            if gained is None:
                gained = role_points[roles] = _cue_points(evidence, _role_words(roles).__contains__)
            points += gained
        if candidate.year in years:
            points += _YEAR_POINTS / (1 + years[candidate.year] / 4)
        if source_cue and candidate.entity_id in sources:
            points += 5.0
        if evidence.possessor is not None and evidence.possessor in candidate.related:
            points += _ATTACHED
        points += 3.0 * len(candidate.related & evidence.sentence_ids)
        points += 1.5 * len(candidate.related & (evidence.paragraph_ids - evidence.sentence_ids))
        points += min(3.0, 1.0 * len(candidate.related & evidence.article_ids))
        scored.append((points, candidate))
    scored.sort(key=lambda item: (-item[0], item[1].entity_id))
    return scored


def margin_confidence(scored: Sequence[tuple[float, Candidate]]) -> float:
    """Factor in (0.5, 1] from the winner's margin over the runner-up."""
    if len(scored) < 2:
        return 1.0
    best, second = scored[0][0], scored[1][0]
    return 0.5 + 0.5 * (best - second) / best


def _cue_words(evidence: Evidence, match: Callable[[str], bool]) -> list[str]:
    """The cue words that ``_cue_points`` counts for ``match``, in text order."""
    words = evidence.words
    attached = _attached(words, evidence, match)
    if attached is not None:
        return [words[attached]]
    return [
        words[index]
        for index in evidence.cues
        if not evidence.first <= index < evidence.stop and match(words[index])
    ]


def explain_decision(
    scored: Sequence[tuple[float, Candidate]], evidence: Evidence
) -> dict[str, Any]:
    """Why ``score_candidates`` put its winner first: the points it gained, by source (a
    ``context`` evidence item of ``marquee link --json``; docs/linking.md). Entity ids only;
    the caller turns the other candidates' handles into ids."""
    winner = scored[0][1]
    words, first = evidence.words, evidence.first
    cues: list[str] = []
    if winner.kind != "person":
        cues.extend(_cue_words(evidence, _kind_words(winner.kind).__contains__))
    if winner.roles:
        cues.extend(_cue_words(evidence, _role_words(winner.roles).__contains__))
    if winner.year is not None and any(
        int(words[index]) == winner.year for index in evidence.years
    ):
        cues.append(str(winner.year))
    low = evidence.sentence[0]
    ids = {candidate.entity_id for _points, candidate in scored}
    sources = {candidate.based_on for _points, candidate in scored if candidate.based_on in ids}
    if winner.entity_id in sources:
        cues.extend(word for word in words[max(low, first - 4) : first] if word in SOURCE_CUES)
    item: dict[str, Any] = {"kind": "context", "cues": list(dict.fromkeys(cues))}
    if evidence.possessor is not None and evidence.possessor in winner.related:
        item["possessive"] = evidence.possessor
    item["credited"] = sorted(winner.related & evidence.article_ids)
    best = scored[0][0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    item["margin"] = round((best - second) / best, 2) if best else 0.0
    return item
