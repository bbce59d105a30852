"""Short references: a surname or given name after a full mention of the person ("Noh",
"Sang-hyun"), and characters of the credits in play by full or given name ("Jae-hee").

A short reference is one or two words, so it is held to stricter evidence than a full name:
English function words ("I", "He", "You", "Go") never qualify; a frequent English word does not
qualify at the start of a sentence, where its capital proves nothing; and a one-syllable word must
be spelt exactly as the knowledge base or the article's full mention spells it, since folded
spellings of one syllable collide with English ("Seoul" and "Sol", "I" and "Lee"); so must a
one-word character name.
"""

from __future__ import annotations

from itertools import pairwise

from marquee.linking.engine.article_text import ArticleText
from marquee.linking.engine.model import Credit
from marquee.linking.engine.patterns import run_from, run_to
from marquee.linking.engine.state import LinkerState
from marquee.linking.engine.word_mention import WordMention
from marquee.names import normalize
from marquee.names.english import is_common_word, is_function_word
from marquee.names.syllables import is_syllable_spelling

# One way a short key may be read: ``(handle, credit, full)`` — a person (``handle``), or a
# credit's character by its full name (``full``) or a short alias. Plain tuples: an article
# gathers hundreds of them.
_Option = tuple[int | None, Credit | None, bool]


def _word_allowed(doc: ArticleText, index: int) -> bool:
    """Whether a one-word reference may start at word ``index`` at all."""
    word = doc.bare[index]
    if is_function_word(word):
        return False
    return not (is_common_word(word) and doc.sentence_start(index))


def _character_tokens(credit: Credit) -> set[str]:
    """Words of a character's names, and adjacent words joined ("jae hee" → "jaehee")."""
    tokens: set[str] = set()
    for name in (credit.character or "", *credit.character_aliases):
        words = normalize(name).split(" ")
        tokens.update(word for word in words if word)
        tokens.update(a + b for a, b in pairwise(words))
    return tokens


def short_mentions(
    linker: LinkerState, doc: ArticleText, mentions: list[WordMention], taken: bytearray
) -> list[WordMention]:
    """Short references in ``doc`` that no full mention covers (``taken`` marks covered words)."""
    people = [m for m in mentions if m.type == "person" and m.handle is not None]
    if not people and not any(m.type == "title" for m in mentions):
        return []
    spelt: dict[int, set[str]] = {}  # words each person is written with (KB and this article)
    for mention in people:
        assert mention.handle is not None
        spelt.setdefault(mention.handle, set()).update(doc.bare[mention.first : mention.stop])
    keys: dict[str, list[_Option]] = {}
    for handle in spelt:
        person_option: _Option = (handle, None, False)
        for key in linker.short_keys(handle):
            if key in keys:
                keys[key].append(person_option)
            else:
                keys[key] = [person_option]
    person_ids = {linker.record(h).entity.id for h in spelt}
    title_ids = {
        linker.record(m.handle).entity.id
        for m in mentions
        if m.type == "title" and m.handle is not None
    }
    credits: dict[Credit, None] = {}
    for person_id in person_ids:
        credits.update(dict.fromkeys(linker.credits_of_person(person_id)))
    for title_id in title_ids:
        credits.update(dict.fromkeys(linker.credits_of_title(title_id)))
    for credit in credits:
        if credit.character:
            full_option: _Option = (None, credit, True)
            short_option: _Option = (None, credit, False)
            full_keys, short_keys = linker.character_keys(credit)
            for key in full_keys:
                if key in keys:
                    keys[key].append(full_option)
                else:
                    keys[key] = [full_option]
            for key in short_keys:
                if key in keys:
                    keys[key].append(short_option)
                else:
                    keys[key] = [short_option]
    if not keys:
        return []
    first_words = {key.partition(" ")[0] for key in keys}
    longest = 1 + max(map(str.count, keys, [" "] * len(keys)))
    full_people: list[tuple[int, int]] = [
        (m.first, m.handle) for m in people if m.handle is not None
    ]
    counts: dict[int, int] = {}
    last_seen: dict[int, int] = {}
    found: list[WordMention] = []
    pointer = 0
    folded, capitalized, size = doc.folded, doc.capitalized, len(doc)
    starts = [
        index
        for index, word in enumerate(folded)
        if word in first_words and not taken[index] and capitalized(index)
    ]
    for index in starts:
        while pointer < len(full_people) and full_people[pointer][0] < index:
            first, seen = full_people[pointer]
            last_seen[seen] = first
            counts[seen] = counts.get(seen, 0) + 1
            pointer += 1
        if taken[index]:
            continue
        run_end: int | None = None
        for length in range(min(longest, size - index), 0, -1):
            options = keys.get(
                folded[index] if length == 1 else " ".join(folded[index : index + length])
            )
            if not options or any(taken[index : index + length]):
                continue
            if run_end is None:
                run_end = run_from(doc, index)
            if run_end > index + length or run_to(doc, index + length) < index:
                continue  # part of a longer name ("Lee" in "Lee Yoo Jin"): not a short reference
            if doc.hyphen_joined(index + length - 1) or doc.hyphen_joined(index - 1):
                continue  # inside a hyphenated name ("Min" in "Min-ji")
            if length == 1:
                if not _word_allowed(doc, index):
                    continue
                options = _spelt_exactly(linker, doc.bare[index], options, spelt)
            short = _pick(index, length, options, last_seen, counts, person_ids, title_ids)
            if short is not None:
                taken[index : index + length] = b"\x01" * length
                found.append(short)
                if short.handle is not None:
                    counts[short.handle] = counts.get(short.handle, 0) + 1
                    last_seen[short.handle] = index
                break
    return found


def _spelt_exactly(
    linker: LinkerState, word: str, options: list[_Option], spelt: dict[int, set[str]]
) -> list[_Option]:
    """The options a one-word reference may stand for: a character's name spelt as the knowledge
    base spells it; a person's surname or one-syllable name spelt as the knowledge base or this
    article spells it. Only a longer given name may match a person through its fold."""
    strict = is_syllable_spelling(word) or is_common_word(word)
    kept = []
    for option in options:
        handle, credit, _full = option
        if handle is not None:
            if not strict or word in spelt.get(handle, ()) or _in_kb_name(linker, word, handle):
                kept.append(option)
        elif credit is not None and word in _character_tokens(credit):
            kept.append(option)
    return kept


def _in_kb_name(linker: LinkerState, word: str, handle: int) -> bool:
    return any(word in key.split(" ") for key in linker.exact_keys(handle))


def _pick(
    index: int,
    length: int,
    options: list[_Option],
    last_seen: dict[int, int],
    counts: dict[int, int],
    person_ids: set[str],
    title_ids: set[str],
) -> WordMention | None:
    people = list(dict.fromkeys(o[0] for o in options if o[0] is not None and o[0] in last_seen))
    if people:
        # The person the article is about (clearly more mentions so far), else the latest one.
        ranked = sorted(people, key=lambda h: counts.get(h, 0), reverse=True)
        if len(ranked) == 1:
            return WordMention(
                first=index,
                stop=index + length,
                type="person",
                confidence=0.85,
                handle=ranked[0],
                short=True,
                how="short",
                rule="only",
            )
        if counts.get(ranked[0], 0) >= 2 * counts.get(ranked[1], 0):
            chosen, confidence, rule = ranked[0], 0.7, "most_mentioned"
        else:
            chosen, confidence = max(people, key=lambda h: last_seen[h]), 0.5
            rule = "most_recent"
        return WordMention(
            first=index,
            stop=index + length,
            type="person",
            confidence=confidence,
            handle=chosen,
            short=True,
            how="short",
            over=tuple(h for h in people if h != chosen),
            rule=rule,
        )
    best: tuple[float, Credit, str] | None = None
    for _handle, credit, full in options:
        if credit is None:
            continue
        in_person = credit.person in person_ids
        in_title = credit.title in title_ids
        score = (0.85 if in_person and in_title else 0.7 if in_person else 0.6) + (
            0.05 if full else 0
        )
        if best is None or score > best[0]:
            # ``rule``: which of the credit's person and title the article mentions.
            rule = (
                "person_and_title" if in_person and in_title else "person" if in_person else "title"
            )
            best = (score, credit, rule)
    if best is None:
        return None
    credit = best[1]
    return WordMention(
        first=index,
        stop=index + length,
        type="character",
        confidence=best[0],
        credit=credit,
        character_name=credit.character,
        person_id=credit.person,
        title_id=credit.title,
        how="character",
        rule=best[2],
    )
