"""Tests of the benchmark's scoring and corpus, with fake linkers (no Marquee import).

Run with `pytest -p no:django bench/linking/test_scoring.py` or
`python -m bench.linking.run --self-test`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from bench.linking.build_corpus import OUTLET_CLASSES, SETS, kb_index, parse_article
from bench.linking.run import KB_FILE, evaluate
from bench.linking.scoring import (
    UNEXPECTED,
    GoldMention,
    PredictedMention,
    Span,
    normalise_name,
    score_article,
)

KB = json.loads(KB_FILE.read_text(encoding="utf-8"))
GOLDS = {name: json.loads(s.gold.read_text(encoding="utf-8")) for name, s in SETS.items()}
GOLD = GOLDS["base"]


def gold_as_link_output(article: Mapping[str, Any]) -> dict[str, Any]:
    """What a perfect linker would print for one article, in the `link --json` shape."""
    entities: dict[tuple[str | None, ...], dict[str, Any]] = {}
    for mention in article["mentions"]:
        key: tuple[str | None, ...]
        entity: dict[str, Any]
        if mention["type"] == "character":
            key = ("character", mention["person"], mention["title"])
            entity = {
                "id": None,
                "type": "character",
                "name": mention["name"],
                "person": mention["person"],
                "title": mention["title"],
            }
        else:
            key = (mention["type"], mention["id"])
            entity = {"id": mention["id"], "type": mention["type"], "name": mention["id"]}
        entry = entities.setdefault(key, {**entity, "confidence": 1.0, "mentions": []})
        entry["mentions"].append(
            {"start": mention["start"], "end": mention["end"], "text": mention["text"]}
        )
    return {"entities": list(entities.values()), "unlinked": []}


def perfect_linker(set_name: str = "base") -> Callable[[str], Mapping[str, Any]]:
    articles = SETS[set_name].articles
    by_text = {
        (articles / article["file"]).read_text(encoding="utf-8"): gold_as_link_output(article)
        for article in GOLDS[set_name]["articles"]
    }
    return lambda text: by_text[text]


def person(start: int, end: int, text: str, entity_id: str, cls: str = "canonical") -> GoldMention:
    return GoldMention(Span(start, end, text), "person", cls, id=entity_id)


def predicted(
    start: int, end: int, entity_id: str | None, kind: str = "person", **extra: Any
) -> PredictedMention:
    return PredictedMention(Span(start, end, ""), kind, id=entity_id, **extra)


def test_perfect_linker_scores_100_percent_on_both_sets():
    for name, corpus_set in SETS.items():
        gold = GOLDS[name]
        corpus, _, warnings = evaluate(perfect_linker(name), KB, gold, corpus_set.articles)
        assert warnings == [], name
        assert corpus.overall.fp == 0 and corpus.overall.fn == 0, name
        assert corpus.overall.tp == sum(len(a["mentions"]) for a in gold["articles"]), name
        assert corpus.overall.f1 == 1.0, name


def test_empty_linker_scores_zero_recall():
    for name, corpus_set in SETS.items():
        corpus, _, _ = evaluate(
            lambda text: {"entities": [], "unlinked": []}, KB, GOLDS[name], corpus_set.articles
        )
        assert corpus.overall.tp == 0
        assert corpus.overall.recall == 0.0
        assert corpus.overall.precision is None


def test_gold_offsets_match_the_article_text():
    for name, corpus_set in SETS.items():
        for article in GOLDS[name]["articles"]:
            text = (corpus_set.articles / article["file"]).read_text(encoding="utf-8")
            for span in article["mentions"] + article["negatives"] + article["ignored"]:
                assert text[span["start"] : span["end"]] == span["text"], (article["file"], span)


def test_corpus_size_and_class_coverage():
    assert len(GOLD["articles"]) >= 60
    counts = Counter(m["class"] for a in GOLD["articles"] for m in a["mentions"])
    short = {cls: counts[cls] for cls in GOLD["classes"] if counts[cls] < 8}
    assert short == {}, short
    for article in GOLD["articles"]:
        words = len((SETS["base"].articles / article["file"]).read_text(encoding="utf-8").split())
        assert 80 <= words <= 200, (article["file"], words)


def test_outlets_set_size_and_class_coverage():
    outlets = GOLDS["outlets"]
    assert len(outlets["articles"]) >= 30
    assert outlets["classes"][: len(OUTLET_CLASSES)] == list(OUTLET_CLASSES)
    counts = Counter(m["class"] for a in outlets["articles"] for m in a["mentions"])
    short = {cls: counts[cls] for cls in OUTLET_CLASSES if counts[cls] < 15}
    assert short == {}, short
    assert counts["canonical"] >= 100  # ordinary mentions too, not only hard ones
    assert sum(len(a["negatives"]) for a in outlets["articles"]) >= 20
    for article in outlets["articles"]:
        text = (SETS["outlets"].articles / article["file"]).read_text(encoding="utf-8")
        assert 120 <= len(text.split()) <= 300, (article["file"], len(text.split()))


def test_gold_is_built_from_the_annotated_sources():
    entities, characters = kb_index(KB)
    for name, corpus_set in SETS.items():
        built = {}
        for source in sorted(corpus_set.annotated.glob("*.txt")):
            text, mentions, negatives, ignored = parse_article(
                source.name, source.read_text(encoding="utf-8"), entities, characters, corpus_set
            )
            built[source.name] = (text, mentions, negatives, ignored)
        stored = {a["file"]: a for a in GOLDS[name]["articles"]}
        assert sorted(built) == sorted(stored), name  # run build_corpus --set <name>
        for file, (text, mentions, negatives, ignored) in built.items():
            article = stored[file]
            assert (corpus_set.articles / file).read_text(encoding="utf-8") == text, file
            assert (article["mentions"], article["negatives"], article["ignored"]) == (
                mentions,
                negatives,
                ignored,
            ), file


def test_base_set_uses_only_the_base_classes():
    base_classes = set(GOLD["classes"])
    assert not base_classes & set(OUTLET_CLASSES)
    for article in GOLD["articles"]:
        assert {m["class"] for m in article["mentions"]} <= base_classes, article["file"]


def test_kb_ids_are_slugs_and_aliases_are_not_spelling_variants():
    entities = KB["people"] + KB["titles"]
    ids = [entity["id"] for entity in entities]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", entity_id) for entity_id in ids)
    for entity in entities:
        for alias in entity.get("aliases", []):
            assert normalise_name(alias) != normalise_name(entity["name"]), alias


def test_overlapping_prediction_with_the_right_entity_is_a_true_positive():
    gold = [person(10, 23, "Kim Go-eun's", "kim-go-eun")]
    score = score_article(gold, [predicted(10, 20, "kim-go-eun")])
    assert (score.by_class["canonical"].tp, score.by_class["canonical"].fp) == (1, 0)


def test_wrong_entity_is_a_false_positive_of_the_gold_class_and_a_false_negative():
    gold = [GoldMention(Span(0, 6, "Mother"), "title", "disambiguation", id="mother-2023")]
    score = score_article(gold, [predicted(0, 6, "mother-2009", kind="title")])
    tally = score.by_class["disambiguation"]
    assert (tally.tp, tally.fp, tally.fn) == (0, 1, 1)
    assert UNEXPECTED not in score.by_class


def test_prediction_outside_gold_is_unexpected_and_negatives_are_counted():
    negatives = [Span(30, 36, "mother")]
    score = score_article(
        [],
        [predicted(30, 36, "mother-2009", kind="title"), predicted(50, 55, "kim-go-eun")],
        negatives,
    )
    assert score.by_class[UNEXPECTED].fp == 2
    assert score.negatives_linked == 1


def test_second_prediction_on_a_matched_mention_is_a_false_positive():
    gold = [person(0, 19, "Steve Sang-hyun Noh", "noh-sang-hyun", "english-name")]
    score = score_article(
        gold, [predicted(0, 5, "noh-sang-hyun"), predicted(6, 19, "noh-sang-hyun")]
    )
    tally = score.by_class["english-name"]
    assert (tally.tp, tally.fp, tally.fn) == (1, 1, 0)


def test_character_matches_by_credit_or_by_name():
    gold = [
        GoldMention(
            Span(0, 7, "Jae-hee"),
            "character",
            "character",
            person="kim-go-eun",
            title="love-in-the-big-city-film",
            character_names=frozenset({"goojaehee", "jaehee"}),
        )
    ]
    by_credit = predicted(
        0,
        7,
        None,
        kind="character",
        person="kim-go-eun",
        title="love-in-the-big-city-film",
        name="Goo Jae-hee",
    )
    by_name = predicted(0, 7, None, kind="character", name="Jae Hee")
    wrong = predicted(
        0, 7, None, kind="character", person="kim-go-eun", title="exhuma", name="Lee Hwa-rim"
    )
    as_person = predicted(0, 7, "kim-go-eun")
    for prediction, expected_tp in [(by_credit, 1), (by_name, 1), (wrong, 0), (as_person, 0)]:
        assert score_article(gold, [prediction]).by_class["character"].tp == expected_tp


def test_predictions_on_ignored_spans_are_not_counted():
    score = score_article(
        [],
        [predicted(0, 20, "love-in-the-big-city-film", kind="title")],
        ignored=[Span(0, 20, "Love in the Big City")],
    )
    assert sum(t.fp for t in score.by_class.values()) == 0
