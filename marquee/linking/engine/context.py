"""Disambiguation from context: cue words, years, credits of entities mentioned nearby.

Scores are evidence points; the confidence of the winner shrinks with the margin over the
runner-up, so weak evidence yields a low confidence instead of a confident guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
_BEFORE = 5
_AFTER = 3
_NEAR = 12


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


def _cue_points(words: Sequence[str], first: int, stop: int, match: Callable[[str], bool]) -> float:
    points = 0.0
    for distance, index in enumerate(range(first - 1, max(first - 1 - _BEFORE, -1), -1)):
        if match(words[index]):
            points += 6.0 / (1 + distance)
    for distance, index in enumerate(range(stop, min(stop + _AFTER, len(words)))):
        if match(words[index]):
            points += 6.0 / (1 + distance)
    return points


def score_candidates(
    candidates: Sequence[Candidate],
    words: Sequence[str],
    first: int,
    stop: int,
    near_ids: frozenset[str],
    article_ids: frozenset[str],
) -> list[tuple[float, Candidate]]:
    """Evidence points per candidate for the mention ``words[first:stop]``, best first."""
    years = {
        int(word): abs(index - first)
        for index, word in enumerate(words[max(0, first - 8) : stop + 8], start=max(0, first - 8))
        if len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")
    }
    source_cue = any(word in SOURCE_CUES for word in words[max(0, first - 4) : first])
    ids = {candidate.entity_id for candidate in candidates}
    sources = {candidate.based_on for candidate in candidates if candidate.based_on in ids}
    scored: list[tuple[float, Candidate]] = []
    for candidate in candidates:
        points = 1.0 + 0.05 * min(candidate.popularity, 10)
        kind, roles = candidate.kind, candidate.roles

        def kind_cue(word: str, kind: str = kind) -> bool:
            return kind in KIND_CUES.get(word, ())

        def role_cue(word: str, roles: frozenset[str] = roles) -> bool:
            return bool(roles.intersection(ROLE_CUES.get(word, ())))

        points += _cue_points(words, first, stop, kind_cue)
        points += _cue_points(words, first, stop, role_cue)
        if candidate.year in years:
            points += 5.0 / (1 + years[candidate.year] / 4)
        if source_cue and candidate.entity_id in sources:
            points += 5.0
        points += 3.0 * len(candidate.related & near_ids)
        points += min(3.0, 1.0 * len(candidate.related & article_ids))
        scored.append((points, candidate))
    scored.sort(key=lambda item: (-item[0], item[1].entity_id))
    return scored


def margin_confidence(scored: Sequence[tuple[float, Candidate]]) -> float:
    """Factor in (0.5, 1] from the winner's margin over the runner-up."""
    if len(scored) < 2:
        return 1.0
    best, second = scored[0][0], scored[1][0]
    return 0.5 + 0.5 * (best - second) / best
