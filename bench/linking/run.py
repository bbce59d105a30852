"""Linking quality benchmark: link every article of the corpus and score it against the gold.

Run from the repository root:

    python -m bench.linking.run              # score, print the table, write RESULTS.md
    python -m bench.linking.run --errors 30  # also list up to 30 errors per class
    python -m bench.linking.run --self-test  # check the scoring itself with fake linkers

See README.md in this folder for the corpus, the classes and the scoring rules.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.linking.scoring import (
    UNEXPECTED,
    CorpusScore,
    Tally,
    gold_from_document,
    predictions_from_result,
    score_article,
)

HERE = Path(__file__).resolve().parent
KB_FILE = HERE / "kb.json"
GOLD_FILE = HERE / "gold.json"
ARTICLES = HERE / "articles"
RESULTS_FILE = HERE / "RESULTS.md"
TYPES = ("person", "title", "character")
RESULTS_ERRORS_PER_CLASS = 10

LinkFunction = Callable[[str], Mapping[str, Any]]


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def build_linker(kb_document: Mapping[str, Any]) -> LinkFunction:
    """Build Marquee's linker over the benchmark KB; return text -> `link --json` document."""
    from marquee.linking.engine import KnowledgeBase, Linker

    linker = Linker(KnowledgeBase.from_document(kb_document))
    return lambda text: linker.link(text).to_json()


def evaluate(
    link: LinkFunction, kb_document: Mapping[str, Any], gold_document: Mapping[str, Any]
) -> tuple[CorpusScore, float, list[str]]:
    """Link and score every article; return the score, seconds spent linking, and warnings."""
    corpus = CorpusScore()
    warnings: list[str] = []
    seconds = 0.0
    for article in gold_document["articles"]:
        text = (ARTICLES / article["file"]).read_text(encoding="utf-8")
        gold, negatives, ignored = gold_from_document(article, kb_document.get("credits", []))
        started = time.perf_counter()
        result = link(text)
        seconds += time.perf_counter() - started
        predictions = predictions_from_result(result)
        for predicted in predictions:
            span = predicted.span
            if predicted.span.text and text[span.start : span.end] != span.text:
                warnings.append(
                    f"{article['file']}: mention {span.text!r} at {span.start}-{span.end} "
                    f"does not match the text there ({text[span.start : span.end]!r})"
                )
        corpus.add(
            article["file"], score_article(gold, predictions, negatives, ignored), len(negatives)
        )
    return corpus, seconds, warnings


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def table_rows(corpus: CorpusScore, classes: list[str]) -> list[tuple[str, Tally]]:
    rows = [(cls, corpus.by_class.get(cls, Tally())) for cls in classes]
    rows.append((UNEXPECTED, corpus.by_class.get(UNEXPECTED, Tally())))
    return rows


def render_table(rows: list[tuple[str, Tally]], overall: Tally, heading: str) -> list[str]:
    lines = [
        f"| {heading} | gold | TP | FP | FN | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, tally in [*rows, ("**overall**", overall)]:
        lines.append(
            f"| {name} | {tally.tp + tally.fn} | {tally.tp} | {tally.fp} | {tally.fn} "
            f"| {percent(tally.precision)} | {percent(tally.recall)} | {percent(tally.f1)} |"
        )
    return lines


def render_report(
    corpus: CorpusScore,
    classes: list[str],
    articles: int,
    seconds: float,
    errors_per_class: int,
) -> str:
    lines = [
        "# Linking quality benchmark: results",
        "",
        f"Run {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} with "
        "`python -m bench.linking.run` over "
        f"{articles} articles ({corpus.overall.tp + corpus.overall.fn} gold mentions, "
        f"{corpus.negatives} negatives). Linking took {seconds:.2f} s in all "
        f"({1000 * seconds / max(articles, 1):.1f} ms per article).",
        "",
        "Precision, recall and F1 in percent. False positives that overlap no gold mention are "
        f"charged to `{UNEXPECTED}`; they count in the overall precision. See README.md.",
        "",
        *render_table(table_rows(corpus, classes), corpus.overall, "class"),
        "",
        *render_table(
            [(kind, corpus.by_type.get(kind, Tally())) for kind in TYPES],
            corpus.overall,
            "type",
        ),
        "",
        f"Negatives linked (false positives on spans that must stay unlinked): "
        f"{corpus.negatives_linked} of {corpus.negatives}.",
    ]
    if errors_per_class:
        lines += ["", f"## Errors (up to {errors_per_class} per class)", ""]
        shown: dict[str, int] = {}
        for name, error in corpus.errors:
            if shown.get(error.cls, 0) >= errors_per_class:
                continue
            shown[error.cls] = shown.get(error.cls, 0) + 1
            lines.append(
                f"- {error.kind.upper()} `{error.cls}` {name} {error.span.start}-{error.span.end} "
                f'"{error.span.text}": expected {error.expected}; got {error.got}'
            )
    return "\n".join(lines) + "\n"


def run(errors_per_class: int, write: bool) -> int:
    kb_document = load_json(KB_FILE)
    gold_document = load_json(GOLD_FILE)
    try:
        link = build_linker(kb_document)
    except ImportError as error:
        print(f"cannot import the linker (marquee.linking.engine): {error}", file=sys.stderr)
        return 1
    corpus, seconds, warnings = evaluate(link, kb_document, gold_document)
    for warning in warnings[:20]:
        print("warning:", warning, file=sys.stderr)
    if len(warnings) > 20:
        print(f"warning: ... and {len(warnings) - 20} more offset mismatches", file=sys.stderr)
    classes, articles = gold_document["classes"], len(gold_document["articles"])
    print(render_report(corpus, classes, articles, seconds, errors_per_class))
    if write:
        report = render_report(corpus, classes, articles, seconds, RESULTS_ERRORS_PER_CLASS)
        RESULTS_FILE.write_text(report, encoding="utf-8")
        print(f"wrote {RESULTS_FILE}")
    return 0


def self_test() -> int:
    """Run the scoring tests in test_scoring.py without pytest."""
    from bench.linking import test_scoring

    tests = [
        (name, function)
        for name, function in vars(test_scoring).items()
        if name.startswith("test_") and callable(function)
    ]
    failures = 0
    for name, function in tests:
        try:
            function()
        except AssertionError as error:
            failures += 1
            print(f"FAIL {name}: {error}")
        else:
            print(f"ok   {name}")
    print(f"{len(tests) - failures} passed, {failures} failed")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.linking.run", description=__doc__)
    parser.add_argument("--self-test", action="store_true", help="test the scoring, then exit")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="print up to N errors per class"
    )
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    arguments = parser.parse_args(argv)
    if arguments.self_test:
        return self_test()
    return run(arguments.errors, write=not arguments.no_write)


if __name__ == "__main__":
    raise SystemExit(main())
