"""Late stages of linking one article: characters from bindings, the fuzzy fallback, unlinked
name-like spans, and grouping mentions into ``LinkResult`` entities.
"""

from __future__ import annotations

from bisect import bisect_left

from marquee.linking.engine.article_text import ArticleText
from marquee.linking.engine.context import KIND_CUES
from marquee.linking.engine.evidence import explain
from marquee.linking.engine.fuzzy import typo
from marquee.linking.engine.patterns import Binding
from marquee.linking.engine.result import LinkedEntity, LinkResult, Mention, UnlinkedSpan
from marquee.linking.engine.state import LinkerState
from marquee.linking.engine.word_mention import WordMention
from marquee.names import is_surname, looks_korean
from marquee.names.english import is_common_word

_QUOTES = frozenset("\"“”‘’'*_《〈<「『")


def resolve_character(
    linker: LinkerState,
    doc: ArticleText,
    binding: Binding,
    actor: WordMention,
    title_mentions: list[WordMention],
) -> WordMention | None:
    """The character named by ``binding``: a credit's character when one matches, else a new
    (unlisted) character of the actor when the phrase is explicit."""
    assert actor.handle is not None
    person_id = linker.record(actor.handle).entity.id
    key = doc.folded_key(binding.first, binding.stop)
    matches = []
    for credit in linker.credits_of_person(person_id):
        if credit.character:
            keys = linker.character_keys(credit)
            if key in keys.full or key in keys.short:
                matches.append(credit)
    if matches:
        nearby = {
            linker.record(m.handle).entity.id
            for m in _nearest_titles(title_mentions, binding.first)
            if m.handle is not None
        }
        matches.sort(key=lambda credit: credit.title not in nearby)
        credit = matches[0]
        return WordMention(
            first=binding.first,
            stop=binding.stop,
            type="character",
            confidence=0.95 if binding.explicit else 0.9,
            credit=credit,
            character_name=credit.character,
            person_id=person_id,
            title_id=credit.title,
            how="character",
            rule="binding" if binding.explicit else "adjacent",
        )
    text = doc.span_text(binding.first, binding.stop)
    if not binding.explicit and not looks_korean(text):
        return None
    credited = {credit.title for credit in linker.credits_of_person(person_id)}
    around = _nearest_titles(title_mentions, binding.first)
    candidates = [
        m for m in around if m.handle is not None and linker.record(m.handle).entity.id in credited
    ] or (around if len({m.handle for m in title_mentions}) == 1 else [])
    title_id = None
    if candidates:
        nearest = min(candidates, key=lambda m: abs(m.first - binding.first))
        assert nearest.handle is not None
        title_id = linker.record(nearest.handle).entity.id
    return WordMention(
        first=binding.first,
        stop=binding.stop,
        type="character",
        confidence=0.75 if binding.explicit else 0.6,
        character_name=text,
        person_id=person_id,
        title_id=title_id,
        how="character",
        rule="binding" if binding.explicit else "adjacent",
    )


def _nearest_titles(
    title_mentions: list[WordMention], word: int, count: int = 8
) -> list[WordMention]:
    """Up to ``count`` title mentions on each side of ``word`` (mentions sorted by position)."""
    index = bisect_left(title_mentions, word, key=lambda m: m.first)
    return title_mentions[max(0, index - count) : index + count]


def _after_quote(doc: ArticleText, first: int) -> bool:
    """True when a quote or emphasis mark stands just before word ``first``."""
    before = doc.text[max(0, doc.starts[first] - 1) : doc.starts[first]]
    return bool(before) and before in _QUOTES


def _fuzzy_match(
    linker: LinkerState, doc: ArticleText, first: int, stop: int
) -> tuple[int, int, int, float, int] | None:
    """A misspelt person's name in the run ``[first, stop)``, or in the run less an outer word
    ("Actor Noh Sang Hyn"), never cutting a hyphenated name."""
    for a, b in ((first, stop), (first + 1, stop), (first, stop - 1)):
        if b - a < 2 or doc.hyphen_joined(a - 1) or doc.hyphen_joined(b - 1):
            continue
        written = doc.bare[a:b]
        for handle, _score in linker.fuzzy.search(doc.folded_key(a, b)):
            if not linker.is_live(handle):
                continue
            found = typo(written, linker.forms(handle))
            if found is not None:
                return a, b, handle, found[0], found[1]
    return None


def unlinked_spans(
    linker: LinkerState, doc: ArticleText, runs: list[tuple[int, int]]
) -> tuple[list[WordMention], list[UnlinkedSpan]]:
    """Fuzzy matches of misspelt names, and name-like runs that match nothing."""
    found: list[WordMention] = []
    unlinked: list[UnlinkedSpan] = []
    for first, stop in runs:
        words = doc.words[first:stop]
        if len(words) >= 2 and any(is_surname(word) for word in (words[0], words[-1], *words[1:2])):
            match = _fuzzy_match(linker, doc, first, stop)
            if match is not None:
                a, b, handle, confidence, distance = match
                found.append(
                    WordMention(
                        first=a,
                        stop=b,
                        type="person",
                        confidence=confidence,
                        handle=handle,
                        how="fuzzy",
                        distance=distance,
                    )
                )
                continue
        text = doc.span_text(first, stop)
        guess = None
        if 2 <= len(words) <= 4 and looks_korean(text):
            guess = "person"
        elif _after_quote(doc, first):
            guess = "title"
        elif (
            first > 0
            and doc.words[first - 1] in KIND_CUES
            and not doc.sentence_start(first)
            and (stop - first > 1 or not is_common_word(doc.bare[first]))
        ):
            # "the drama Hidden Garden", but not "...the series. Later, ...": a capital opening
            # a sentence proves nothing, and a lone common word is no title.
            guess = "title"
        if guess is not None:
            unlinked.append(UnlinkedSpan(text, doc.starts[first], doc.ends[stop - 1], guess))
    return found, unlinked


def assemble(
    linker: LinkerState, doc: ArticleText, mentions: list[WordMention], unlinked: list[UnlinkedSpan]
) -> LinkResult:
    """Group mentions by entity (characters by person, title and name) in order of appearance."""
    groups: dict[tuple[str | None, ...], list[WordMention]] = {}
    for mention in sorted(mentions, key=lambda m: m.first):
        if mention.type == "character":
            key: tuple[str | None, ...] = (
                "character",
                mention.person_id,
                mention.title_id,
                mention.character_name,
            )
        else:
            assert mention.handle is not None
            key = (mention.type, linker.record(mention.handle).entity.id)
        groups.setdefault(key, []).append(mention)
    entities: list[LinkedEntity] = []
    for key, members in groups.items():
        hows, evidence = explain(linker, doc, members)
        spans = tuple(
            Mention(doc.starts[m.first], doc.ends[m.stop - 1], doc.span_text(m.first, m.stop), how)
            for m, how in zip(members, hows, strict=True)
        )
        confidence = min(1.0, max(m.confidence for m in members))
        if key[0] == "character":
            entities.append(
                LinkedEntity(
                    None, "character", str(key[3]), confidence, spans, key[1], key[2], evidence
                )
            )
        else:
            handle = members[0].handle
            assert handle is not None
            entity = linker.record(handle).entity
            entities.append(
                LinkedEntity(
                    entity.id, str(key[0]), entity.name, confidence, spans, evidence=evidence
                )
            )
    return LinkResult(tuple(entities), tuple(sorted(unlinked, key=lambda span: span.start)))
