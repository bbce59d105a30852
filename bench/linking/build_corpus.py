"""Build the plain articles and `gold.json` from the annotated sources.

The annotated sources in `annotated/NNN.txt` are the editable originals. A mention is marked
inline as `[[surface|key|class]]`:

- `key` is a KB id (person or title), `@person-id/title-id` for a character (the credit that binds
  it), `!` for a negative: a span that must NOT be linked (a generic "mother", a Kim who is not
  in the knowledge base), or `?` for a span that is genuinely ambiguous (a headline naming all
  three works called "Love in the Big City"), where a prediction is neither right nor wrong.
- `class` is one of the codes in `CLASS_CODES` (or its full name). It may be left out where it is
  obvious: a character, a Hangul surface, or a surface equal to the entity's canonical name
  ("canonical", or "disambiguation" when another entity shares that name).

Running `python -m bench.linking.build_corpus` rewrites `articles/NNN.txt` (markup stripped) and
`gold.json` (offsets computed here, never by hand), then prints a summary and warnings about
likely annotation slips (a KB name left unmarked, a class that does not fit its surface).

There are two sets, each a folder with `annotated/`, `articles/` and `gold.json`, sharing
`kb.json`: `base` (this folder, the default) and `outlets` (`outlets/`, articles in the style of
real outlets with the variant classes of `OUTLET_CLASS_CODES`). Build one with
`--set base|outlets`, or both with `--set all`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANNOTATED = HERE / "annotated"
ARTICLES = HERE / "articles"
GOLD = HERE / "gold.json"
KB_FILE = HERE / "kb.json"

CLASS_CODES = {
    "c": "canonical",
    "hs": "hyphen-space",
    "wo": "western-order",
    "en": "english-name",
    "ro": "romanization",
    "st": "stage-name",
    "hg": "hangul",
    "ty": "typo",
    "ti": "title",
    "di": "disambiguation",
    "sh": "short-mention",
    "ch": "character",
}
CLASSES = tuple(CLASS_CODES.values())
# The classes of the `outlets` set (issue 15), on top of the ones above.
OUTLET_CLASS_CODES = {
    "ot": "other-title",  # another English name: a literal translation, a festival title
    "tt": "title-typo",  # a misspelt title: letters, word forms, "Mister", "&"
    "pt": "partial-title",  # the main part of a title, no leading article, no season number
    "sn": "short-name",  # a given name alone, a truncated name, an ambiguous split
    "sm": "same-name",  # one of several works sharing a name; context decides
}
OUTLET_CLASSES = tuple(OUTLET_CLASS_CODES.values())
MARK = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)(?:\|([^\[\]|]+))?\]\]")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
MIN_WORDS, MAX_WORDS = 80, 200


@dataclass(frozen=True)
class CorpusSet:
    """One benchmark set: a folder with `annotated/`, `articles/` and `gold.json`."""

    name: str
    folder: Path
    codes: dict[str, str]  # class code -> class name, the classes allowed in this set
    classes: tuple[str, ...]  # the classes listed in gold.json (and the results), in order
    shared_name_class: str  # the default class of a canonical name shared by several entities
    min_words: int
    max_words: int

    @property
    def annotated(self) -> Path:
        return self.folder / "annotated"

    @property
    def articles(self) -> Path:
        return self.folder / "articles"

    @property
    def gold(self) -> Path:
        return self.folder / "gold.json"


SETS = {
    "base": CorpusSet("base", HERE, CLASS_CODES, CLASSES, "disambiguation", MIN_WORDS, MAX_WORDS),
    "outlets": CorpusSet(
        "outlets",
        HERE / "outlets",
        {**CLASS_CODES, **OUTLET_CLASS_CODES},
        OUTLET_CLASSES + CLASSES,
        "same-name",
        120,
        300,
    ),
}


class CorpusError(Exception):
    """An annotation that cannot be turned into gold data."""


def load_kb() -> dict:
    return json.loads(KB_FILE.read_text(encoding="utf-8"))


def kb_index(kb: dict) -> tuple[dict[str, dict], dict[tuple[str, str], dict]]:
    entities: dict[str, dict] = {}
    for person in kb["people"]:
        entities[person["id"]] = {**person, "type": "person"}
    for title in kb["titles"]:
        entities[title["id"]] = {**title, "type": "title"}
    characters = {
        (credit["person"], credit["title"]): credit
        for credit in kb["credits"]
        if credit.get("character")
    }
    return entities, characters


def entity_names(entity: dict) -> list[str]:
    names = [entity["name"], *entity.get("aliases", [])]
    if entity.get("native_name"):
        names.append(entity["native_name"])
    return names


def parse_article(
    name: str,
    source: str,
    entities: dict[str, dict],
    characters: dict[tuple[str, str], dict],
    corpus_set: CorpusSet = SETS["base"],
) -> tuple[str, list[dict], list[dict], list[dict]]:
    """Strip the markup of one annotated article.

    Returns its text, gold mentions, negatives and ignored spans.
    """
    name_owners = Counter(
        entity_name for entity in entities.values() for entity_name in set(entity_names(entity))
    )
    text_parts: list[str] = []
    mentions: list[dict] = []
    negatives: list[dict] = []
    ignored: list[dict] = []
    cursor = 0
    length = 0
    for match in MARK.finditer(source):
        before = source[cursor : match.start()]
        text_parts.append(before)
        length += len(before)
        surface, key, code = match.group(1), match.group(2).strip(), match.group(3)
        start, end = length, length + len(surface)
        text_parts.append(surface)
        length = end
        cursor = match.end()
        where = f"{name}: [[{match.group(0)[2:-2]}]]"
        if surface != surface.strip():
            raise CorpusError(f"{where}: surface has surrounding spaces")
        if key in {"!", "?"}:
            span = {"start": start, "end": end, "text": surface, "reason": code or ""}
            (negatives if key == "!" else ignored).append(span)
            continue
        cls = corpus_set.codes.get(code.strip(), code.strip()) if code else None
        if key.startswith("@"):
            person_id, _, title_id = key[1:].partition("/")
            credit = characters.get((person_id, title_id))
            if credit is None:
                raise CorpusError(f"{where}: no credit with a character for {key}")
            mentions.append(
                {
                    "start": start,
                    "end": end,
                    "text": surface,
                    "id": None,
                    "type": "character",
                    "class": cls or "character",
                    "person": person_id,
                    "title": title_id,
                    "name": credit["character"],
                }
            )
            continue
        entity = entities.get(key)
        if entity is None:
            raise CorpusError(f"{where}: unknown KB id {key!r}")
        if cls is None:
            if HANGUL.search(surface):
                cls = "hangul"
            elif surface == entity["name"]:
                cls = corpus_set.shared_name_class if name_owners[surface] > 1 else "canonical"
            else:
                raise CorpusError(f"{where}: class needed (surface is not the canonical name)")
        if cls not in corpus_set.codes.values():
            raise CorpusError(f"{where}: unknown class {cls!r} in the {corpus_set.name} set")
        mentions.append(
            {
                "start": start,
                "end": end,
                "text": surface,
                "id": key,
                "type": entity["type"],
                "class": cls,
            }
        )
    text_parts.append(source[cursor:])
    text = "".join(text_parts)
    if "[[" in text or "]]" in text:
        raise CorpusError(f"{name}: malformed markup left in the text")
    return text, mentions, negatives, ignored


def check_article(
    name: str,
    text: str,
    mentions: list[dict],
    skipped: list[dict],
    entities: dict[str, dict],
    characters: dict[tuple[str, str], dict],
    corpus_set: CorpusSet = SETS["base"],
) -> list[str]:
    """Return warnings about likely slips; they do not stop the build."""
    warnings = []
    words = len(re.findall(r"\S+", text))
    if not corpus_set.min_words <= words <= corpus_set.max_words:
        warnings.append(
            f"{name}: {words} words (want {corpus_set.min_words}-{corpus_set.max_words})"
        )
    for mention in mentions:
        if mention["type"] == "character":
            continue
        entity = entities[mention["id"]]
        surface, cls = mention["text"], mention["class"]
        if cls == "canonical" and surface != entity["name"]:
            warnings.append(f"{name}: {surface!r} marked canonical but is not {entity['name']!r}")
        if cls == "hangul" and not HANGUL.search(surface):
            warnings.append(f"{name}: {surface!r} marked hangul")
        if cls == "stage-name" and surface not in entity.get("aliases", []):
            warnings.append(f"{name}: stage name {surface!r} is not an alias of {entity['id']}")
        variant_classes = {
            "hyphen-space",
            "western-order",
            "romanization",
            "typo",
            "other-title",
            "title-typo",
        }
        if cls in variant_classes and surface in entity_names(entity):
            warnings.append(f"{name}: {surface!r} marked {cls} but is a KB name")
        title_classes = {"other-title", "title-typo", "partial-title", "same-name"}
        if cls in title_classes and entity["type"] != "title":
            warnings.append(f"{name}: {surface!r} marked {cls} but {entity['id']} is no title")
        if cls == "short-name" and entity["type"] != "person":
            warnings.append(f"{name}: {surface!r} marked short-name but is no person")
        if cls == "partial-title" and surface.casefold() not in entity["name"].casefold():
            warnings.append(f"{name}: partial title {surface!r} is not in {entity['name']!r}")
    covered = [(m["start"], m["end"]) for m in mentions + skipped]

    def uncovered(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in covered)

    # Every KB name, alias, Hangul name and character name occurring unmarked is suspicious.
    candidates: set[str] = set()
    for entity in entities.values():
        candidates.update(entity_names(entity))
    for credit in characters.values():
        candidates.add(credit["character"])
        candidates.update(credit.get("character_aliases", []))
    # So are the name parts of the people mentioned ("Noh", "Sang-hyun") left unmarked.
    for mention in mentions:
        if mention["type"] == "person":
            candidates.update(
                part for part in re.split(r"[ ]", entities[mention["id"]]["name"]) if len(part) > 2
            )
    for candidate in candidates:
        if len(candidate) < 2:
            continue
        pattern = re.compile(r"(?<![\w.])" + re.escape(candidate) + r"(?![\w])", re.IGNORECASE)
        for found in pattern.finditer(text):
            if uncovered(found.start(), found.end()):
                warnings.append(f"{name}: unmarked {found.group(0)!r} at {found.start()}")
    return warnings


def build(corpus_set: CorpusSet = SETS["base"]) -> int:
    kb = load_kb()
    entities, characters = kb_index(kb)
    sources = sorted(corpus_set.annotated.glob("*.txt"))
    corpus_set.articles.mkdir(exist_ok=True)
    for stale in corpus_set.articles.glob("*.txt"):
        if not (corpus_set.annotated / stale.name).exists():
            stale.unlink()
    gold_articles = []
    warnings: list[str] = []
    per_class: Counter[str] = Counter()
    negatives_total = 0
    for source_file in sources:
        source = source_file.read_text(encoding="utf-8")
        text, mentions, negatives, ignored = parse_article(
            source_file.name, source, entities, characters, corpus_set
        )
        warnings += check_article(
            source_file.name, text, mentions, negatives + ignored, entities, characters, corpus_set
        )
        (corpus_set.articles / source_file.name).write_text(text, encoding="utf-8")
        per_class.update(m["class"] for m in mentions)
        negatives_total += len(negatives)
        gold_articles.append(
            {
                "file": source_file.name,
                "mentions": mentions,
                "negatives": negatives,
                "ignored": ignored,
            }
        )
    gold = {
        "format": "marquee-linking-gold/1",
        "set": corpus_set.name,
        "kb": Path(os.path.relpath(KB_FILE, corpus_set.folder)).as_posix(),
        # The base set lists all its classes; another set its own and the base ones it uses.
        "classes": [
            cls
            for cls in corpus_set.classes
            if corpus_set.name == "base" or cls in OUTLET_CLASSES or per_class[cls]
        ],
        "articles": gold_articles,
    }
    if corpus_set.name == "base":
        del gold["set"]  # the base gold.json keeps its original shape
    corpus_set.gold.write_text(
        json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    for warning in warnings:
        print("warning:", warning, file=sys.stderr)
    print(
        f"{corpus_set.name}: {len(sources)} articles, {sum(per_class.values())} mentions, "
        f"{negatives_total} negatives"
    )
    for cls in corpus_set.classes:
        print(f"  {cls:<15} {per_class[cls]:>4}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.linking.build_corpus")
    parser.add_argument(
        "--set",
        choices=[*SETS, "all"],
        default="base",
        help="the set to build (default: base, the original corpus)",
    )
    arguments = parser.parse_args(argv)
    names = list(SETS) if arguments.set == "all" else [arguments.set]
    return max(build(SETS[name]) for name in names)


if __name__ == "__main__":
    raise SystemExit(main())
