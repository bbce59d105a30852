"""Pure scoring core of Similar Articles (no database).

Score of two articles, symmetric, in [0, 1]:

    0.45 · shared entities (IDF-weighted cosine: a shared film counts far more than a shared
           ubiquitous platform or star)
  + 0.35 · text (cosine of TF-IDF vectors over title, standfirst and body)
  + 0.10 · shared tags (IDF-weighted cosine)
  + 0.10 · recency (closeness in publication time, half-life ``RECENCY_HALF_LIFE_DAYS``)

Reports of the same story by different outlets share the same entities, words and days, so
they score highest for each other.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from marquee.discovery.text import cosine, inverse_document_frequency

ENTITY_WEIGHT = 0.45
TEXT_WEIGHT = 0.35
TAG_WEIGHT = 0.10
RECENCY_WEIGHT = 0.10
RECENCY_HALF_LIFE_DAYS = 7.0
TAG_PREFIX = "g:"
FEATURE_IDF_FLOOR = 0.05
MIN_RELATED = 0.03


@dataclass(frozen=True)
class Profile:
    article_id: int
    published_at: datetime.datetime
    vector: Mapping[str, float]
    features: frozenset[str] = field(default_factory=frozenset)
    entities: frozenset[str] = field(init=False, repr=False, compare=False)
    tags: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tags = frozenset(f for f in self.features if f.startswith(TAG_PREFIX))
        object.__setattr__(self, "tags", tags)
        object.__setattr__(self, "entities", self.features - tags)


@dataclass(frozen=True)
class Scored:
    article_id: int
    score: float


def _norm(features: Iterable[str], weight: Mapping[str, float]) -> float:
    return math.sqrt(sum(weight.get(f, 1.0) ** 2 for f in features))


def _weighted_cosine(
    left: frozenset[str],
    right: frozenset[str],
    weight: Mapping[str, float],
    norms: tuple[float, float] | None = None,
) -> float:
    shared = left & right
    if not shared:
        return 0.0
    dot = sum(weight.get(f, 1.0) ** 2 for f in shared)
    left_norm, right_norm = norms or (_norm(left, weight), _norm(right, weight))
    return dot / (left_norm * right_norm)


def feature_weights(
    features: Iterable[str], document_frequency: Mapping[str, int], total: int
) -> dict[str, float]:
    """IDF of each feature: the rarer an entity or tag, the more sharing it says; an entity in
    nearly every article (a ubiquitous star or platform) says almost nothing."""
    return {
        f: inverse_document_frequency(document_frequency.get(f, 0), total, floor=FEATURE_IDF_FLOOR)
        for f in set(features)
    }


def recency(left: datetime.datetime, right: datetime.datetime) -> float:
    days = abs((left - right).total_seconds()) / 86400.0
    return float(0.5 ** (days / RECENCY_HALF_LIFE_DAYS))


def score_pair(target: Profile, other: Profile, weights: Mapping[str, float]) -> float:
    return (
        ENTITY_WEIGHT * _weighted_cosine(target.entities, other.entities, weights)
        + TEXT_WEIGHT * cosine(target.vector, other.vector)
        + TAG_WEIGHT * _weighted_cosine(target.tags, other.tags, weights)
        + RECENCY_WEIGHT * recency(target.published_at, other.published_at)
    )


def related_score(target: Profile, other: Profile, weights: Mapping[str, float]) -> float | None:
    """``score_pair``, or None when only the publication period is shared (no entity, tag or
    text score above noise)."""
    value = score_pair(target, other, weights)
    if value - RECENCY_WEIGHT * recency(target.published_at, other.published_at) < MIN_RELATED:
        return None
    return value


def rank_similar(
    target: Profile,
    candidates: Sequence[Profile],
    weights: Mapping[str, float],
    *,
    limit: int,
) -> list[Scored]:
    """The ``limit`` best candidates for ``target``, best first (ties: newer, then lower id).

    Same scores as ``related_score``, with the target's norms computed once.
    """
    entity_norm, tag_norm = _norm(target.entities, weights), _norm(target.tags, weights)
    scored = []
    for other in candidates:
        if other.article_id == target.article_id:
            continue
        entities = tags = 0.0
        if target.entities & other.entities:
            norms = (entity_norm, _norm(other.entities, weights))
            entities = _weighted_cosine(target.entities, other.entities, weights, norms)
        if target.tags & other.tags:
            norms = (tag_norm, _norm(other.tags, weights))
            tags = _weighted_cosine(target.tags, other.tags, weights, norms)
        related = (
            ENTITY_WEIGHT * entities
            + TEXT_WEIGHT * cosine(target.vector, other.vector)
            + TAG_WEIGHT * tags
        )
        if related < MIN_RELATED:
            continue
        value = related + RECENCY_WEIGHT * recency(target.published_at, other.published_at)
        scored.append((value, other.published_at, other.article_id))
    scored.sort(key=lambda item: (-item[0], -item[1].timestamp(), item[2]))
    return [Scored(article_id, round(value, 4)) for value, _, article_id in scored[:limit]]
