"""Scoring of linker output against the gold annotations (pure, no linker import).

A predicted mention is a true positive when its span overlaps a gold mention's span and it
resolves to the same entity: the same KB id for people and titles; for characters the same
person and title, or the same character name (the credit's name or one of its aliases).
Matching is one-to-one, longest overlap first.

A prediction left unmatched is a false positive. When it overlaps a gold mention (it resolved
to the wrong entity, or it is a second prediction for a mention already matched) the error is
charged to that mention's class, so that e.g. a wrong "Mother" lowers the precision of
`disambiguation`; otherwise it is charged to the class `unexpected`. A gold mention left
unmatched is a false negative of its class. Predictions overlapping an `ignored` span (one
with no single right answer) are left out of the count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

UNEXPECTED = "unexpected"


def normalise_name(name: str) -> str:
    """Casefold and drop spaces, hyphens and dots, so "Jae Hee" equals "Jae-hee"."""
    return re.sub(r"[\s\-.'’]", "", name).casefold()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def overlap(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True)
class GoldMention:
    span: Span
    type: str
    cls: str
    id: str | None = None
    person: str | None = None
    title: str | None = None
    character_names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PredictedMention:
    span: Span
    type: str
    id: str | None = None
    person: str | None = None
    title: str | None = None
    name: str | None = None


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if not p or not r:
            return 0.0 if p is not None and r is not None else None
        return 2 * p * r / (p + r)


@dataclass
class Error:
    """One false positive or false negative, kept for the error listing."""

    kind: str  # "fp" or "fn"
    cls: str
    span: Span
    expected: str
    got: str


@dataclass
class ArticleScore:
    by_class: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    errors: list[Error] = field(default_factory=list)
    negatives_linked: int = 0


def character_names(credit: Mapping[str, Any]) -> frozenset[str]:
    names = [credit["character"], *credit.get("character_aliases", [])]
    return frozenset(normalise_name(name) for name in names)


def gold_from_document(
    article: Mapping[str, Any], credits: Iterable[Mapping[str, Any]]
) -> tuple[list[GoldMention], list[Span], list[Span]]:
    """Turn one article of `gold.json` into gold mentions, negative spans and ignored spans."""
    names_by_credit = {
        (credit["person"], credit["title"]): character_names(credit)
        for credit in credits
        if credit.get("character")
    }
    mentions = []
    for item in article["mentions"]:
        span = Span(item["start"], item["end"], item["text"])
        if item["type"] == "character":
            key = (item["person"], item["title"])
            mentions.append(
                GoldMention(
                    span,
                    "character",
                    item["class"],
                    person=item["person"],
                    title=item["title"],
                    character_names=names_by_credit.get(key, frozenset())
                    | {normalise_name(item["name"])},
                )
            )
        else:
            mentions.append(GoldMention(span, item["type"], item["class"], id=item["id"]))
    negatives = [Span(n["start"], n["end"], n["text"]) for n in article.get("negatives", [])]
    ignored = [Span(n["start"], n["end"], n["text"]) for n in article.get("ignored", [])]
    return mentions, negatives, ignored


def predictions_from_result(result: Mapping[str, Any]) -> list[PredictedMention]:
    """Flatten the `marquee link --json` document into one prediction per mention."""
    predictions = []
    for entity in result.get("entities", []):
        for mention in entity.get("mentions", []):
            predictions.append(
                PredictedMention(
                    Span(mention["start"], mention["end"], mention.get("text", "")),
                    entity.get("type", ""),
                    id=entity.get("id"),
                    person=entity.get("person"),
                    title=entity.get("title"),
                    name=entity.get("name"),
                )
            )
    return predictions


def same_entity(predicted: PredictedMention, gold: GoldMention) -> bool:
    if gold.type == "character":
        if predicted.type != "character":
            return False
        if predicted.person == gold.person and predicted.title == gold.title:
            return True
        return predicted.name is not None and (
            normalise_name(predicted.name) in gold.character_names
        )
    return predicted.type == gold.type and predicted.id == gold.id


def describe(entity: PredictedMention | GoldMention) -> str:
    if entity.type == "character":
        name = entity.name if isinstance(entity, PredictedMention) and entity.name else ""
        return f"character {name} ({entity.person} / {entity.title})".replace("  ", " ")
    return f"{entity.type} {entity.id}"


def score_article(
    gold: list[GoldMention],
    predictions: list[PredictedMention],
    negatives: Sequence[Span] = (),
    ignored: Sequence[Span] = (),
) -> ArticleScore:
    """Match one article's predictions to its gold mentions; see the module docstring."""
    score = ArticleScore()
    predictions = [p for p in predictions if not any(p.span.overlap(s) for s in ignored)]
    pairs = sorted(
        (
            (p.span.overlap(g.span), pi, gi)
            for pi, p in enumerate(predictions)
            for gi, g in enumerate(gold)
            if p.span.overlap(g.span) and same_entity(p, g)
        ),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    matched_predictions: set[int] = set()
    matched_gold: set[int] = set()
    for _, pi, gi in pairs:
        if pi in matched_predictions or gi in matched_gold:
            continue
        matched_predictions.add(pi)
        matched_gold.add(gi)
        score.by_class[gold[gi].cls].tp += 1
        score.by_type[gold[gi].type].tp += 1
    for gi, mention in enumerate(gold):
        if gi not in matched_gold:
            score.by_class[mention.cls].fn += 1
            score.by_type[mention.type].fn += 1
            got = [describe(p) for p in predictions if p.span.overlap(mention.span)]
            score.errors.append(
                Error("fn", mention.cls, mention.span, describe(mention), ", ".join(got) or "-")
            )
    for pi, predicted in enumerate(predictions):
        if pi in matched_predictions:
            continue
        overlapping = [g for g in gold if g.span.overlap(predicted.span)]
        if overlapping:
            target = max(overlapping, key=lambda g: g.span.overlap(predicted.span))
            cls, expected = target.cls, describe(target)
        else:
            cls, expected = UNEXPECTED, "-"
            if any(predicted.span.overlap(n) for n in negatives):
                score.negatives_linked += 1
                expected = "nothing (negative)"
        score.by_class[cls].fp += 1
        score.by_type[predicted.type or UNEXPECTED].fp += 1
        score.errors.append(Error("fp", cls, predicted.span, expected, describe(predicted)))
    return score


@dataclass
class CorpusScore:
    by_class: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    overall: Tally = field(default_factory=Tally)
    errors: list[tuple[str, Error]] = field(default_factory=list)
    negatives: int = 0
    negatives_linked: int = 0

    def add(self, name: str, article: ArticleScore, negatives: int) -> None:
        for cls, tally in article.by_class.items():
            self.by_class[cls].add(tally)
            self.overall.add(tally)
        for kind, tally in article.by_type.items():
            self.by_type[kind].add(tally)
        self.errors.extend((name, error) for error in article.errors)
        self.negatives += negatives
        self.negatives_linked += article.negatives_linked
