"""Why an entity was linked: the evidence items of ``marquee link --json`` (docs/linking.md).

Worked out once per entity when the result is assembled, from what the stages recorded on each
``WordMention`` (``how``, ``over``, ``decision``, ``rule``, ``distance``) and, for full-name
matches, from comparing the words as written with the knowledge base's names. Nothing here
changes a decision. Items are plain JSON-ready dicts with a ``kind`` from a closed vocabulary:

* ``exact``: the knowledge base's name or Hangul name, as written (up to case, spacing,
  hyphens, punctuation and diacritics): ``{"kind", "key", "field": "name" | "native_name"}``;
* ``alias``: one of its aliases: ``{"kind", "key", "alias_kind"}`` (``english_name``,
  ``hangul``, ``other_name``, ``other_title``);
* ``variant``: a spelling the platform generates: ``{"kind", "key", "written", "changes"}``;
* ``fuzzy``: a repaired typo (or, for a title, another word form): ``{"kind", "key",
  "written", "distance"}``;
* ``partial``: the main part of a title the article supports: ``{"kind", "key", "written",
  "support": "title" | "credited"}``, with ``"credited"`` (person ids) for the latter;
* ``translation``: an English rendering of the title after "means" / "translates as":
  ``{"kind", "key", "written", "cue"}``;
* ``short``: a short reference after a full mention: ``{"kind", "written", "rule", "after"}``;
  or a given name alone credited on a title around it: ``{"kind", "written", "rule":
  "credited", "title"}``;
* ``character``: ``{"kind", "key", "by", ...}``;
* ``context``: the cues that chose among same-name candidates: ``{"kind", "cues", "credited",
  "margin", "over"}``; or that moved a title to its sequel: ``{"kind", "cues", "over"}``.

``exact``, ``alias`` and ``variant`` carry ``"over"`` (entity ids) when a closer spelling of the
same words beat other entities.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from marquee.linking.engine.article_text import ArticleText
from marquee.linking.engine.context import explain_decision
from marquee.linking.engine.model import Person, Title
from marquee.linking.engine.state import LinkerState
from marquee.linking.engine.word_mention import WordMention
from marquee.names import NameForms, has_hangul, name_forms, normalize, split_korean_name


def explain(
    linker: LinkerState, doc: ArticleText, members: Sequence[WordMention]
) -> tuple[list[str], tuple[dict[str, Any], ...]]:
    """Per mention of one entity, how it was matched; and the entity's distinct evidence items,
    in order of first use."""
    hows: list[str] = []
    items: list[dict[str, Any]] = []
    first_full: WordMention | None = None  # the first full-name mention so far
    for mention in members:
        found = _item(linker, doc, mention, first_full)
        if first_full is None and mention.how is None:
            first_full = mention
        hows.append(found["kind"])
        if found not in items:
            items.append(found)
        if mention.sequel_of is not None:
            # The sentence named the sequel: "season two", its year, "returns"...
            sequel = {"kind": "context", "cues": list(mention.cues),
                      "over": _ids(linker, (mention.sequel_of,))}  # fmt: skip
            if sequel not in items:
                items.append(sequel)
        if mention.decision is not None:
            evidence, scored = mention.decision
            decided = explain_decision(scored, evidence)
            decided["over"] = [candidate.entity_id for _points, candidate in scored[1:]]
            if decided not in items:
                items.append(decided)
    return hows, tuple(items)


def _ids(linker: LinkerState, handles: Sequence[int]) -> list[str]:
    return [linker.record(h).entity.id for h in handles if linker.is_live(h)]


def _item(
    linker: LinkerState, doc: ArticleText, mention: WordMention, full: WordMention | None
) -> dict[str, Any]:
    written = doc.span_text(mention.first, mention.stop)
    if mention.how == "character":
        return _character_item(mention, written)
    assert mention.handle is not None
    entity = linker.record(mention.handle).entity
    if mention.how == "short":
        item: dict[str, Any] = {"kind": "short", "written": written, "rule": mention.rule}
        if mention.rule == "credited":
            # No full mention: the one person with this given name credited on ``title``.
            item["title"] = mention.title_id
            return item
        if full is not None:
            item["after"] = {
                "start": doc.starts[full.first],
                "end": doc.ends[full.stop - 1],
                "text": doc.span_text(full.first, full.stop),
            }
        if mention.over:
            item["over"] = _ids(linker, mention.over)
        return item
    if mention.how == "fuzzy":
        return {"kind": "fuzzy", "key": entity.name, "written": written,
                "distance": mention.distance}  # fmt: skip
    if mention.how == "translation":
        # An English rendering after "means" / "translates as" in a sentence about a title.
        return {"kind": "translation", "key": entity.name, "written": written,
                "cue": mention.rule}  # fmt: skip
    if mention.how == "partial":
        # "support": "title" when the article names the title in full, else "credited".
        item = {"kind": "partial", "key": entity.name, "written": written}
        item["support"] = "credited" if mention.credited else "title"
        if mention.credited:
            item["credited"] = list(mention.credited)
        return item
    item = _full_item(linker, doc, mention, entity, written)
    if mention.over:
        item["over"] = _ids(linker, mention.over)
    return item


def _character_item(mention: WordMention, written: str) -> dict[str, Any]:
    credit = mention.credit
    item: dict[str, Any] = {"kind": "character", "key": credit.character if credit else None}
    if mention.rule in ("binding", "adjacent"):
        # Bound to an actor mentioned next to it: "as", "plays", "(Kim Go-eun)"...
        item["by"] = "binding"
        item["explicit"] = mention.rule == "binding"
        item["credited"] = credit is not None
        if credit is None:
            item["written"] = written
    else:
        # A character of a credit whose person and/or title the article mentions.
        item["by"] = "cast"
        item["mentioned"] = mention.rule
    return item


def _full_item(
    linker: LinkerState,
    doc: ArticleText,
    mention: WordMention,
    entity: Person | Title,
    written: str,
) -> dict[str, Any]:
    handle = mention.handle
    assert handle is not None
    key = doc.key(mention.first, mention.stop)
    found = _as_in_kb(linker, handle, entity, written, key)
    if found is not None:
        return found
    item: dict[str, Any] = {"kind": "variant", "key": entity.name, "written": written}
    if isinstance(entity, Title):
        # Title keys: without quotes or a leading article, before a subtitle, romanized Hangul.
        generated = key in linker.exact_keys(handle)
        item["changes"] = ["title_form"] if generated else ["folded"]
        return item
    words = key.split(" ")
    if doc.is_hangul(mention.first):
        item["changes"] = ["hangul"] if linker.is_variant(handle, key) else ["folded"]
        return item
    forms = linker.forms(handle)
    changes = _spelling_changes(forms, words)
    if changes is None and forms.korean_aliases:
        alias, changes = _alias_spelling(entity, words)
        if alias is not None:
            item["key"] = alias
    if changes is None:
        if key in forms.reordered:
            changes = ["order"]
        else:  # equal to a generated spelling only once folded
            changes = [] if linker.is_variant(handle, key) else ["folded"]
    if "english_name" in changes:
        english = next((a for a in entity.aliases if words[0] in normalize(a).split(" ")), None)
        if english is not None:
            item["alias"] = english
    item["changes"] = changes
    return item


def _as_in_kb(
    linker: LinkerState, handle: int, entity: Person | Title, written: str, key: str
) -> dict[str, Any] | None:
    """An ``exact`` or ``alias`` item when ``written`` is one of the names the knowledge base
    writes for ``entity`` (up to normalisation), else None. Cheap checks first: most mentions
    are written exactly as the name, and a key outside ``exact_keys`` is no name or alias."""
    if written == entity.name:
        return {"kind": "exact", "key": entity.name, "field": "name"}
    native = entity.native_name
    if native and written == native:
        return {"kind": "exact", "key": native, "field": "native_name"}
    keys = {key}
    if "'" in written or "’" in written:
        keys.add(normalize(written))  # the key drops a possessive "'s": "Yumi's Cells"
    if keys.isdisjoint(linker.exact_keys(handle)):
        return None
    if normalize(entity.name) in keys:
        return {"kind": "exact", "key": entity.name, "field": "name"}
    for alias in entity.aliases:
        if normalize(alias) in keys:
            return {"kind": "alias", "key": alias, "alias_kind": _alias_kind(linker, handle, alias)}
    if native:
        normal = normalize(native)
        if normal in keys or normal.replace(" ", "") in keys:
            return {"kind": "exact", "key": native, "field": "native_name"}
    return None


def _spelling_changes(forms: NameForms, words: list[str]) -> list[str] | None:
    """How ``words`` (a generated spelling) differ from the name of ``forms``: ``english_name``
    (an English name from an alias put in front), ``order`` (given name first), ``romanization``
    (another spelling of the surname or syllables), ``spacing`` (syllables joined or split).
    None when ``words`` are not a surname and a given name of ``forms``."""
    if not forms.surnames or not forms.given_combos:
        return None
    changes: list[str] = []
    if len(words) > 2 and words[0] in forms.english:
        changes.append("english_name")
        words = words[1:]
    surnames = forms.surnames
    givens = {"".join(combo) for combo in forms.given_combos}
    if len(words) >= 2 and words[0] in surnames and "".join(words[1:]) in givens:
        surname, given = words[0], words[1:]
    elif len(words) >= 2 and words[-1] in surnames and "".join(words[:-1]) in givens:
        surname, given = words[-1], words[:-1]
        changes.append("order")
    else:
        return None
    canonical = forms.given_combos[0]
    if surname != surnames[0] or "".join(given) != "".join(canonical):
        changes.append("romanization")
    if len(given) != len(canonical):
        changes.append("spacing")
    return changes


def _alias_spelling(
    entity: Person | Title, words: list[str]
) -> tuple[str | None, list[str] | None]:
    """The Korean-name alias (a birth name) that ``words`` spell, and how (rarely needed)."""
    if not isinstance(entity, Person):
        return None, None
    for alias in entity.aliases:
        if split_korean_name(alias) is None:
            continue
        changes = _spelling_changes(name_forms(alias), words)
        if changes is not None:
            return alias, changes
    return None, None


def _alias_kind(linker: LinkerState, handle: int, alias: str) -> str:
    """What an alias looks like (the knowledge base stores no kind): ``hangul``; for a person
    ``english_name`` (an English given name with the surname, "Steve Noh", as the person's name
    forms read it), else ``other_name`` (a stage, birth or former name); for a title
    ``other_title``."""
    if has_hangul(alias):
        return "hangul"
    if linker.kinds[handle] == "title":
        return "other_title"
    english = linker.forms(handle).english
    tokens = normalize(alias).split(" ")
    if english and len(tokens) == 2 and any(token in english for token in tokens):
        return "english_name"
    return "other_name"
