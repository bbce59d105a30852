"""Linking quality benchmark: link every article of the corpus and score it against the gold.

Run from the repository root:

    python -m bench.linking.run                # score both sets, print them, write RESULTS.md
    python -m bench.linking.run --set outlets  # score one set only (base, outlets or all)
    python -m bench.linking.run --errors 30    # also list up to 30 errors per class
    python -m bench.linking.run --self-test    # check the scoring itself with fake linkers

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

from bench.linking.build_corpus import SETS, CorpusSet
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
    link: LinkFunction,
    kb_document: Mapping[str, Any],
    gold_document: Mapping[str, Any],
    articles: Path = ARTICLES,
) -> tuple[CorpusScore, float, list[str]]:
    """Link and score every article of a set (its `articles/` folder and gold document).

    Return the score, the seconds spent linking, and warnings.
    """
    corpus = CorpusScore()
    warnings: list[str] = []
    seconds = 0.0
    for article in gold_document["articles"]:
        text = (articles / article["file"]).read_text(encoding="utf-8")
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


SET_HEADINGS = {
    "base": "The base set (`annotated/`)",
    "outlets": "The outlets set (`outlets/annotated/`, issue 15)",
}


def render_report(
    corpus: CorpusScore,
    classes: list[str],
    articles: int,
    seconds: float,
    errors_per_class: int,
    set_name: str = "base",
    level: int = 1,
) -> str:
    """One set's results; `level` 1 is a whole document, 2 a section of RESULTS.md."""
    heading = (
        "# Linking quality benchmark: results"
        if level == 1
        else "#" * level + " " + SET_HEADINGS.get(set_name, set_name)
    )
    command = "python -m bench.linking.run" + ("" if set_name == "base" else f" --set {set_name}")
    lines = [
        heading,
        "",
        f"Run {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} with "
        f"`{command}` over "
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
        lines += ["", "#" * (level + 1) + f" Errors (up to {errors_per_class} per class)", ""]
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


def score_set(
    link: LinkFunction, kb_document: Mapping[str, Any], corpus_set: CorpusSet
) -> tuple[CorpusScore, float, list[str], int]:
    """Score one set; return its score, seconds spent linking, classes and article count."""
    gold_document = load_json(corpus_set.gold)
    corpus, seconds, warnings = evaluate(link, kb_document, gold_document, corpus_set.articles)
    for warning in warnings[:20]:
        print(f"warning ({corpus_set.name}):", warning, file=sys.stderr)
    if len(warnings) > 20:
        print(f"warning: ... and {len(warnings) - 20} more offset mismatches", file=sys.stderr)
    return corpus, seconds, gold_document["classes"], len(gold_document["articles"])


def run(errors_per_class: int, write: bool, set_name: str = "all") -> int:
    kb_document = load_json(KB_FILE)
    try:
        link = build_linker(kb_document)
    except ImportError as error:
        print(f"cannot import the linker (marquee.linking.engine): {error}", file=sys.stderr)
        return 1
    names = list(SETS) if set_name == "all" else [set_name]
    sections = []
    for name in names:
        corpus, seconds, classes, articles = score_set(link, kb_document, SETS[name])
        level = 1 if len(names) == 1 else 2
        print(render_report(corpus, classes, articles, seconds, errors_per_class, name, level))
        sections.append(
            render_report(
                corpus, classes, articles, seconds, RESULTS_ERRORS_PER_CLASS, name, level=2
            )
        )
    if write and set_name == "all":
        intro = (
            "# Linking quality benchmark: results\n\n"
            "Two sets, scored against the same `kb.json`: the base set, written while the "
            "linker was built, and the outlets set of issue 15, in the style of real outlets "
            "and rich in other, misspelt and partial titles, short names and same-name works. "
            "See README.md.\n\n"
        )
        RESULTS_FILE.write_text(intro + "\n".join(sections), encoding="utf-8")
        print(f"wrote {RESULTS_FILE}")
    elif write:
        print("RESULTS.md is only rewritten by a run of all sets (--set all)")
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
    parser.add_argument(
        "--set",
        choices=[*SETS, "all"],
        default="all",
        help="the set to score: base, outlets or all (default; only then is RESULTS.md written)",
    )
    arguments = parser.parse_args(argv)
    if arguments.self_test:
        return self_test()
    return run(arguments.errors, write=not arguments.no_write, set_name=arguments.set)


if __name__ == "__main__":
    raise SystemExit(main())
