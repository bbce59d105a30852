"""Linking one article: full matches, disambiguation, short mentions, characters, bindings,
fuzzy fallback and unlinked spans. Pure function of the linker state and the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from marquee.linking.engine.article_text import ArticleText
from marquee.linking.engine.context import (
    CUE_WORDS,
    Candidate,
    Evidence,
    margin_confidence,
    score_candidates,
)
from marquee.linking.engine.credited_names import credited_given_names
from marquee.linking.engine.model import Title
from marquee.linking.engine.partial_titles import partial_titles, supported_titles
from marquee.linking.engine.patterns import bindings, name_runs
from marquee.linking.engine.resolve import assemble, resolve_character, unlinked_spans
from marquee.linking.engine.result import LinkResult
from marquee.linking.engine.sequels import sequel_titles
from marquee.linking.engine.short import short_mentions
from marquee.linking.engine.state import LinkerState
from marquee.linking.engine.title_fuzzy import fuzzy_titles
from marquee.linking.engine.translated_titles import translated_titles
from marquee.linking.engine.word_mention import WordMention
from marquee.names import normalize
from marquee.names.english import is_common_word, is_function_word
from marquee.names.syllables import is_syllable_spelling
from marquee.names.titles import strip_article

_QUOTES = frozenset("\"“”‘’'*_《〈<「『")
_REACH = 40  # words of context considered on each side of an ambiguous mention
_CANDIDATE_LIMIT = 50_000
_ARTICLES = frozenset({"the", "a", "an"})


def _quoted(doc: ArticleText, first: int, stop: int) -> bool:
    before = doc.text[max(0, doc.starts[first] - 1) : doc.starts[first]]
    after = doc.text[doc.ends[stop - 1] : doc.ends[stop - 1] + 1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


def _confidences(
    linker: LinkerState, doc: ArticleText, first: int, stop: int, handles: tuple[int, ...]
) -> list[tuple[int, float]]:
    """Confidence of each live handle's full-key match on ``[first, stop)`` before
    disambiguation; handles rejected outright are left out. What depends only on the span is
    worked out once, since a common key can stand for many entities."""
    hangul = doc.is_hangul(first)
    capitalized = doc.capitalized(first)
    kinds, exact = linker.kinds, linker.exact
    if stop - first == 1 and not hangul:
        if not capitalized:
            return []
        if len(doc.words[first]) <= 3 and sum(c.isupper() for c in doc.span_text(first, stop)) < 2:
            return []  # "Iu" or "iu" is not IU
        word = key = doc.bare[first]
        matched = [
            (handle, kind)
            for handle in handles
            if (kind := kinds[handle]) is not None
            and key in (exact.get(handle) or linker.exact_keys(handle))
        ]
        if not matched:
            return []
        quoted = _quoted(doc, first, stop)
        opening = doc.sentence_start(first)
        common = is_common_word(word)
        function_word = is_function_word(word)
        found = []
        for handle, kind in matched:
            if function_word:
                # "Her", "Us": a title only when set off by quotes or emphasis; never a person.
                if quoted and kind == "title":
                    found.append((handle, 0.9))
            elif quoted:
                found.append((handle, 0.9))
            elif opening and (kind == "title" or common):
                # "Mother of two...", "Rain fell": a capital opening a sentence proves nothing.
                found.append((handle, 0.45))
            else:
                found.append((handle, 0.8))
        return found
    if not capitalized and all(is_common_word(word) for word in doc.bare[first:stop]):
        return []  # "a good day", "little women": prose, not a title
    if not capitalized and _after_article(doc, first) and not _has_capital(doc, first, stop):
        return []  # "the host of the evening", "a taxi driver": an article opens prose
    key = doc.key(first, stop)
    factor = 1.0 if capitalized else 0.6
    found = []
    for handle in handles:
        kind = kinds[handle]
        if kind is None:
            continue
        # A person's generated spelling variants are expected; a title's folded-only match less so.
        if hangul or key in (exact.get(handle) or linker.exact_keys(handle)):
            found.append((handle, 0.97 * factor))
        else:
            found.append((handle, (0.93 if kind == "person" else 0.85) * factor))
    return found


def _has_capital(doc: ArticleText, first: int, stop: int) -> bool:
    return any(doc.capitalized(index) for index in range(first, stop))


def _after_article(doc: ArticleText, first: int) -> bool:
    """True when the span at word ``first`` opens with, or follows, a lowercase article."""
    if doc.bare[first] in _ARTICLES:
        return True
    return first > 0 and doc.bare[first - 1] in _ARTICLES and not doc.capitalized(first - 1)


def _inside_a_name(doc: ArticleText, first: int, stop: int) -> bool:
    """True when ``[first, stop)`` starts or stops inside a hyphenated name ("Kim Min" in
    "Kim Min-ji", "Jung Youn" in "Yuh-Jung Youn")."""
    if first > 0 and doc.hyphen_joined(first - 1) and is_syllable_spelling(doc.bare[first - 1]):
        return True
    return doc.hyphen_joined(stop - 1) and is_syllable_spelling(doc.bare[stop])


def _named_keys(linker: LinkerState, handle: int) -> set[str]:
    """Normalised keys of a title's name and aliases as written, with or without a leading
    article (a person's exact keys are already its names)."""
    entity = linker.record(handle).entity
    if not isinstance(entity, Title):
        return set(linker.exact_keys(handle))
    names = [normalize(name) for name in (entity.name, *entity.aliases)]
    return {*names, *map(strip_article, names)}


def _closest(
    linker: LinkerState, doc: ArticleText, first: int, stop: int, options: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    """The options of the closest kind of match: written as in the knowledge base, else a
    generated spelling of the name, else only equal once folded ("Lee Eun-hee" is Lee Eun-hee,
    not Lee Eon-hee, whose "Eon" folds the same)."""
    if len(options) < 2 or len({h for h, _c in options}) < 2 or doc.is_hangul(first):
        return options
    key = doc.key(first, stop)
    exact_keys = linker.exact_keys
    exact = [option for option in options if key in exact_keys(option[0])]
    if exact:
        # A title's own name beats another title's generated key: "The Roundup" is the film of
        # that name, not the part before the colon of "The Roundup: No Way Out".
        named = [option for option in exact if key in _named_keys(linker, option[0])]
        return named or exact
    variant = [option for option in options if linker.is_variant(option[0], key)]
    return variant or options


def _full_mentions(linker: LinkerState, doc: ArticleText) -> list[WordMention]:
    """Longest (then leftmost) non-overlapping key matches with at least one accepted handle.
    Spans are scored in that order, so a span inside a chosen one is never scored."""
    spans: dict[tuple[int, int], list[tuple[int, ...]]] = {}
    at_space = doc.word_at_space
    for start, end, handles in linker.index.find(doc.padded):
        first, stop = at_space.get(start), at_space.get(end)
        if first is None or stop is None or stop <= first:
            continue
        span = (first, stop)
        if span in spans:
            spans[span].append(handles)
        else:
            spans[span] = [handles]
    taken = bytearray(len(doc))
    chosen: list[WordMention] = []
    kinds = linker.kinds
    for first, stop in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if any(taken[first:stop]) or _inside_a_name(doc, first, stop):
            continue
        groups = spans[first, stop]
        options = _confidences(linker, doc, first, stop, groups[0])
        for handles in groups[1:]:
            options.extend(_confidences(linker, doc, first, stop, handles))
        if not options:
            continue
        taken[first:stop] = b"\x01" * (stop - first)
        over: tuple[int, ...] = ()
        if len(options) > 1:
            closest = _closest(linker, doc, first, stop, options)
            if closest is not options:
                kept = {h for h, _c in closest}
                over = tuple(dict.fromkeys(h for h, _c in options if h not in kept))
            options = closest
            handle, confidence = max(options, key=lambda option: option[1])
        else:
            handle, confidence = options[0]
        kind = kinds[handle]
        assert kind is not None
        mention = WordMention(first, stop, kind, confidence, handle, options)
        if over:
            mention.over = over
        chosen.append(mention)
    chosen.sort(key=lambda mention: mention.first)
    return chosen


def _entity_id(linker: LinkerState, handle: int) -> str:
    return linker.record(handle).entity.id


def _candidate(linker: LinkerState, handle: int) -> Candidate:
    candidate = linker.candidates.get(handle)
    if candidate is None:
        candidate = _new_candidate(linker, handle)
        if len(linker.candidates) >= _CANDIDATE_LIMIT:
            linker.candidates.clear()
        linker.candidates[handle] = candidate
    return candidate


def _new_candidate(linker: LinkerState, handle: int) -> Candidate:
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


def _between(positions: list[int], span: tuple[int, int]) -> list[int]:
    """The sorted ``positions`` inside ``span``."""
    return positions[bisect_left(positions, span[0]) : bisect_left(positions, span[1])]


def _possessor(doc: ArticleText, first: int, by_stop: dict[int, str]) -> str | None:
    """The entity written just before word ``first`` with a possessive "'s" ("Bong's Mother")."""
    if first == 0 or first not in by_stop:
        return None
    gap = doc.gap(first - 1)
    return by_stop[first] if gap[:2] in ("'s", "’s") else None


def _disambiguate(
    linker: LinkerState, doc: ArticleText, mentions: list[WordMention], *, titles_only: bool = False
) -> None:
    """Choose among the candidates of each ambiguous mention from the unambiguous ones around
    (``titles_only``: revisit only the titles, once short references are known)."""
    sure = [
        m
        for m in mentions
        if m.handle is not None
        and m.type in ("person", "title")
        and len({h for h, _c in m.options}) <= 1
    ]
    ids = [_entity_id(linker, m.handle) for m in sure if m.handle is not None]
    article_ids = frozenset(ids)
    sure_firsts = [m.first for m in sure]
    by_stop = {m.stop: entity_id for m, entity_id in zip(sure, ids, strict=True)}
    cues, years = doc.cue_positions(CUE_WORDS), doc.year_positions()
    commas = doc.comma_positions()
    for mention in mentions:
        if len(mention.options) < 2 or (titles_only and mention.type != "title"):
            continue
        handles = list(dict.fromkeys(handle for handle, _c in mention.options))
        if len(handles) < 2:
            continue
        sentence = doc.bounds(mention.first)
        sentence = (
            max(sentence[0], mention.first - _REACH),
            min(sentence[1], mention.stop + _REACH),
        )
        paragraph = doc.bounds(mention.first, paragraph=True)
        paragraph = (
            max(paragraph[0], mention.first - 2 * _REACH),
            min(paragraph[1], mention.stop + 2 * _REACH),
        )

        def within(span: tuple[int, int]) -> frozenset[str]:
            low = bisect_left(sure_firsts, span[0])
            high = bisect_right(sure_firsts, span[1] - 1)
            return frozenset(ids[low:high])

        evidence = Evidence(
            doc.bare,
            mention.first,
            mention.stop,
            sentence,
            paragraph,
            _possessor(doc, mention.first, by_stop),
            tuple(_between(commas, sentence)),
            _between(cues, paragraph),
            _between(years, sentence),
            within(sentence),
            within(paragraph),
            article_ids,
        )
        scored = score_candidates([_candidate(linker, handle) for handle in handles], evidence)
        winner = scored[0][1].handle
        base = max(c for h, c in mention.options if h == winner)
        mention.handle = winner
        mention.type = linker.record(winner).type
        mention.confidence = base * margin_confidence(scored)
        mention.decision = (evidence, scored)


def _bind_characters(linker: LinkerState, doc: ArticleText, mentions: list[WordMention]) -> None:
    people = [m for m in mentions if m.type == "person" and m.handle is not None]
    title_mentions = [m for m in mentions if m.type == "title" and m.handle is not None]
    firsts = [m.first for m in mentions]  # mentions are sorted and do not overlap
    dropped: set[int] = set()
    added: list[WordMention] = []
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


def link_article(linker: LinkerState, text: str) -> LinkResult:
    """See ``Linker.link``; ``linker`` is the ``Linker`` itself."""
    doc = ArticleText(text)
    if not len(doc):
        return LinkResult((), ())
    mentions = _full_mentions(linker, doc)
    taken = bytearray(len(doc))
    for mention in mentions:
        taken[mention.first : mention.stop] = b"\x01" * (mention.stop - mention.first)
    # Misspelt and partial titles before disambiguation, which weighs them like exact matches.
    misspelt = fuzzy_titles(linker.title_fuzzy, doc, taken, supported_titles(linker, mentions))
    for mention in misspelt:
        taken[mention.first : mention.stop] = b"\x01" * (mention.stop - mention.first)
    partial = partial_titles(linker, doc, mentions + misspelt, taken)
    for mention in partial:
        taken[mention.first : mention.stop] = b"\x01" * (mention.stop - mention.first)
    if misspelt or partial:
        mentions = sorted(mentions + misspelt + partial, key=lambda mention: mention.first)
    _disambiguate(linker, doc, mentions)
    translated = translated_titles(doc, mentions, taken)
    if translated:
        mentions = sorted(mentions + translated, key=lambda mention: mention.first)
    mentions.extend(short_mentions(linker, doc, mentions, taken))
    mentions.extend(credited_given_names(linker, doc, mentions, taken))
    mentions.sort(key=lambda mention: mention.first)
    if any(mention.short for mention in mentions):
        _disambiguate(linker, doc, mentions, titles_only=True)  # short references are evidence
    sequel_titles(linker, doc, mentions)
    _bind_characters(linker, doc, mentions)
    taken = bytearray(len(doc))
    for mention in mentions:
        taken[mention.first : mention.stop] = b"\x01" * (mention.stop - mention.first)
    runs = name_runs(doc, taken)
    extra, unlinked = unlinked_spans(linker, doc, runs)
    mentions.extend(extra)
    return assemble(linker, doc, mentions, unlinked)
