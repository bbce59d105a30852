"""Linking one article: full matches, disambiguation, short mentions, characters, bindings,
fuzzy fallback and unlinked spans. Pure function of the linker state and the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from marquee.linking.engine.context import Candidate, margin_confidence, score_candidates
from marquee.linking.engine.document import Document
from marquee.linking.engine.model import Credit, Title
from marquee.linking.engine.patterns import bindings, name_runs, run_from, run_to
from marquee.linking.engine.resolve import assemble, resolve_character, unlinked_spans
from marquee.linking.engine.result import LinkResult

if TYPE_CHECKING:
    from marquee.linking.engine.linker import Linker

_QUOTES = frozenset("\"“”‘’'*_《〈<「『")
_NEAR = 12


@dataclass
class Mention:
    """A recognised span of words ``[first, stop)``; ``handle`` for people and titles."""

    first: int
    stop: int
    type: str
    confidence: float
    handle: int | None = None
    options: list[tuple[int, float]] = field(default_factory=list)
    credit: Credit | None = None
    character_name: str | None = None
    person_id: str | None = None
    title_id: str | None = None
    short: bool = False


def _quoted(doc: Document, first: int, stop: int) -> bool:
    before = doc.text[max(0, doc.starts[first] - 1) : doc.starts[first]]
    after = doc.text[doc.ends[stop - 1] : doc.ends[stop - 1] + 1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


def _base_confidence(linker: Linker, doc: Document, first: int, stop: int, handle: int) -> float:
    """Confidence of a full-key match before disambiguation; 0 rejects it."""
    record = linker.record(handle)
    hangul = doc.is_hangul(first)
    exact = hangul or doc.key(first, stop) in linker.exact_keys(handle)
    if stop - first == 1 and not hangul:
        original = doc.span_text(first, stop)
        if not exact or not doc.capitalized(first):
            return 0.0
        if len(doc.words[first]) <= 3 and sum(char.isupper() for char in original) < 2:
            return 0.0  # "Iu" or "iu" is not IU
        if _quoted(doc, first, stop):
            return 0.9
        if record.type == "title" and doc.sentence_start(first):
            return 0.45  # "Mother of two..." opens a sentence
        return 0.8
    # A person's generated spelling variants are expected; a title's folded-only match less so.
    confidence = 0.97 if exact else 0.93 if record.type == "person" else 0.85
    if not doc.capitalized(first):
        confidence *= 0.6
    return confidence


def _full_mentions(linker: Linker, doc: Document) -> list[Mention]:
    spans: dict[tuple[int, int], list[tuple[int, float]]] = {}
    for start, end, handles in linker.index.find(doc.padded):
        first, stop = doc.word_at_space.get(start), doc.word_at_space.get(end)
        if first is None or stop is None or stop <= first:
            continue
        for handle in handles:
            if linker.is_live(handle):
                confidence = _base_confidence(linker, doc, first, stop, handle)
                if confidence > 0:
                    spans.setdefault((first, stop), []).append((handle, confidence))
    taken = bytearray(len(doc))
    chosen: list[Mention] = []
    for (first, stop), options in sorted(
        spans.items(), key=lambda item: (item[0][0] - item[0][1], item[0][0])
    ):
        if any(taken[first:stop]):
            continue
        taken[first:stop] = b"\x01" * (stop - first)
        handle, confidence = max(options, key=lambda option: option[1])
        kind = linker.record(handle).type
        chosen.append(Mention(first, stop, kind, confidence, handle, options))
    chosen.sort(key=lambda mention: mention.first)
    return chosen


def _entity_id(linker: Linker, handle: int) -> str:
    return linker.record(handle).entity.id


def _candidate(linker: Linker, handle: int) -> Candidate:
    record = linker.record(handle)
    entity = record.entity
    if isinstance(entity, Title):
        credits = linker.credits_of_title(entity.id)
        related = frozenset(credit.person for credit in credits)
        if entity.based_on:
            related |= {entity.based_on}
        return Candidate(
            handle,
            entity.kind,
            entity.year,
            entity.based_on,
            entity.id,
            related,
            frozenset(),
            len(credits),
        )
    credits = linker.credits_of_person(entity.id)
    return Candidate(
        handle,
        "person",
        None,
        None,
        entity.id,
        frozenset(credit.title for credit in credits),
        frozenset(credit.role for credit in credits),
        len(credits),
    )


def _disambiguate(linker: Linker, doc: Document, mentions: list[Mention]) -> None:
    sure = [m for m in mentions if len({h for h, _c in m.options}) == 1 and m.handle is not None]
    article_ids = frozenset(_entity_id(linker, m.handle) for m in sure if m.handle is not None)
    sure_firsts = [m.first for m in sure]
    for mention in mentions:
        handles = list(dict.fromkeys(handle for handle, _c in mention.options))
        if len(handles) < 2:
            continue
        low = bisect_left(sure_firsts, mention.first - _NEAR)
        high = bisect_right(sure_firsts, mention.first + _NEAR)
        near = frozenset(
            _entity_id(linker, m.handle)
            for m in sure[low:high]
            if m.handle is not None and m is not mention
        )
        scored = score_candidates(
            [_candidate(linker, handle) for handle in handles],
            doc.words,
            mention.first,
            mention.stop,
            near,
            article_ids,
        )
        winner = scored[0][1].handle
        base = max(c for h, c in mention.options if h == winner)
        mention.handle = winner
        mention.type = linker.record(winner).type
        mention.confidence = base * margin_confidence(scored)


def _short_mentions(
    linker: Linker, doc: Document, mentions: list[Mention], taken: bytearray
) -> list[Mention]:
    """Surnames / given names after a full mention, and characters of the credits in play."""
    first_seen: dict[int, int] = {}
    for mention in mentions:
        if mention.type == "person" and mention.handle is not None:
            first_seen.setdefault(mention.handle, mention.first)
    keys: dict[str, list[tuple[str, object, bool]]] = {}
    for handle in first_seen:
        for key in linker.short_keys(handle):
            keys.setdefault(key, []).append(("person", handle, False))
    person_ids = {_entity_id(linker, h): h for h in first_seen}
    title_ids = {
        _entity_id(linker, m.handle) for m in mentions if m.type == "title" and m.handle is not None
    }
    credits: dict[Credit, None] = {}
    for person_id in person_ids:
        credits.update(dict.fromkeys(linker.credits_of_person(person_id)))
    for title_id in title_ids:
        credits.update(dict.fromkeys(linker.credits_of_title(title_id)))
    for credit in credits:
        if credit.character:
            character_keys = linker.character_keys(credit)
            for key in character_keys.full:
                keys.setdefault(key, []).append(("character", credit, True))
            for key in character_keys.short:
                keys.setdefault(key, []).append(("character", credit, False))
    if not keys:
        return []
    first_words = {key.split(" ")[0] for key in keys}
    longest = max(key.count(" ") + 1 for key in keys)
    found: list[Mention] = []
    full_people = [
        (m.first, m.handle) for m in mentions if m.type == "person" and m.handle is not None
    ]
    last_seen: dict[int, int] = {}
    pointer = 0
    for index in range(len(doc)):
        while pointer < len(full_people) and full_people[pointer][0] < index:
            last_seen[full_people[pointer][1]] = full_people[pointer][0]
            pointer += 1
        if taken[index] or doc.folded[index] not in first_words or not doc.capitalized(index):
            continue
        for length in range(min(longest, len(doc) - index), 0, -1):
            if any(taken[index : index + length]):
                continue
            if run_from(doc, index) > index + length or run_to(doc, index + length) < index:
                continue  # part of a longer name ("Lee" in "Lee Yoo Jin"): not a short reference
            options = keys.get(doc.folded_key(index, index + length))
            if not options:
                continue
            short = _pick_short(index, length, options, last_seen, person_ids, title_ids)
            if short is not None:
                taken[index : index + length] = b"\x01" * length
                found.append(short)
                break
    return found


def _pick_short(
    index: int,
    length: int,
    options: list[tuple[str, object, bool]],
    last_seen: dict[int, int],
    person_ids: dict[str, int],
    title_ids: set[str],
) -> Mention | None:
    people = [
        h
        for kind, h, _full in options
        if kind == "person" and isinstance(h, int) and h in last_seen
    ]
    if people:
        latest = max(people, key=lambda h: last_seen[h])
        confidence = 0.85 if len(set(people)) == 1 else 0.5
        return Mention(index, index + length, "person", confidence, latest, short=True)
    best: tuple[float, Credit] | None = None
    for kind, payload, full in options:
        if kind != "character" or not isinstance(payload, Credit):
            continue
        in_person = payload.person in person_ids
        in_title = payload.title in title_ids
        score = (0.85 if in_person and in_title else 0.7 if in_person else 0.6) + (
            0.05 if full else 0
        )
        if best is None or score > best[0]:
            best = (score, payload)
    if best is None:
        return None
    credit = best[1]
    return Mention(
        index,
        index + length,
        "character",
        best[0],
        credit=credit,
        character_name=credit.character,
        person_id=credit.person,
        title_id=credit.title,
    )


def _bind_characters(linker: Linker, doc: Document, mentions: list[Mention]) -> None:
    people = [m for m in mentions if m.type == "person" and m.handle is not None]
    title_mentions = [m for m in mentions if m.type == "title" and m.handle is not None]
    firsts = [m.first for m in mentions]  # mentions are sorted and do not overlap
    dropped: set[int] = set()
    added: list[Mention] = []
    for binding in bindings(doc, [(m.first, m.stop) for m in people]):
        actor = people[binding.person_at]
        assert actor.handle is not None
        low = max(0, bisect_right(firsts, binding.first) - 1)
        high = bisect_left(firsts, binding.stop)
        overlapping = [
            m
            for m in mentions[low:high]
            if m.first < binding.stop and binding.first < m.stop and id(m) not in dropped
        ]
        if any(m.type == "title" for m in overlapping):
            continue
        if not binding.explicit and any(m.type == "person" for m in overlapping):
            continue  # only an explicit phrase ("as", "plays") turns a person match into a role
        character = resolve_character(linker, doc, binding, actor, title_mentions)
        if character is None:
            continue
        dropped.update(id(m) for m in overlapping)
        added.append(character)
    if dropped or added:
        mentions[:] = sorted(
            [m for m in mentions if id(m) not in dropped] + added, key=lambda m: m.first
        )


def link_article(linker: Linker, text: str) -> LinkResult:
    """See ``Linker.link``."""
    doc = Document(text)
    if not len(doc):
        return LinkResult((), ())
    mentions = _full_mentions(linker, doc)
    _disambiguate(linker, doc, mentions)
    taken = bytearray(len(doc))
    for mention in mentions:
        taken[mention.first : mention.stop] = b"\x01" * (mention.stop - mention.first)
    mentions.extend(_short_mentions(linker, doc, mentions, taken))
    mentions.sort(key=lambda mention: mention.first)
    _bind_characters(linker, doc, mentions)
    taken = bytearray(len(doc))
    for mention in mentions:
        taken[mention.first : mention.stop] = b"\x01" * (mention.stop - mention.first)
    runs = name_runs(doc, taken)
    extra, unlinked = unlinked_spans(linker, doc, runs)
    mentions.extend(extra)
    return assemble(linker, doc, mentions, unlinked)
