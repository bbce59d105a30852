"""Partial titles: the main part of a title the article supports ("Crash Landing" for *Crash
Landing on You*, "Attorney Woo", "Guardian" before the colon of *Guardian: The Lonely and
Great God*).

Only titles the article supports are considered: one it names in full (or in a repaired
spelling) elsewhere, or one credited to a person it names. A part is the title's opening or
closing words (of the whole name, or of the part before a colon), compared as word forms
(``title_fuzzy.word_form``) in the capitalised runs no other match took. A part that fits two
supported titles, is shorter than ``MIN_LENGTH`` letters, or is one common word is ignored.
"""

from __future__ import annotations

from marquee.linking.engine.article_text import ArticleText
from marquee.linking.engine.model import Title
from marquee.linking.engine.state import LinkerState
from marquee.linking.engine.title_fuzzy import (
    MIN_LENGTH,
    opening_factor,
    plausible_title,
    title_runs,
    title_spans,
    word_form,
)
from marquee.linking.engine.word_mention import WordMention
from marquee.names import normalize
from marquee.names.english import is_common_word
from marquee.names.titles import strip_article

NAMED_CONFIDENCE = 0.75  # the article names the title in full
CREDITED_CONFIDENCE = 0.65  # the article names someone credited on it
_SUBTITLE_MARKS = (":", " - ", " – ", " — ")
_PLACE_WORDS = frozenset("in at near around from to across outside inside".split())
_EDGE_WORDS = frozenset("of the a an and on in for to from with at by".split())


def supported_titles(
    linker: LinkerState, mentions: list[WordMention]
) -> dict[int, tuple[str, ...]]:
    """Title handles the article supports → the ids of the people credited on it that the
    article names (empty when the article names the title itself)."""
    named: dict[int, tuple[str, ...]] = {}
    credited: dict[int, list[str]] = {}
    for mention in mentions:
        if mention.handle is None or len({h for h, _c in mention.options}) > 1:
            continue  # an ambiguous mention supports nothing yet
        if mention.type == "title":
            named[mention.handle] = ()
        elif mention.type == "person":
            person_id = linker.record(mention.handle).entity.id
            for credit in linker.credits_of_person(person_id):
                handle = linker.handle_of("title", credit.title)
                if handle is not None and person_id not in credited.setdefault(handle, []):
                    credited[handle].append(person_id)
    for handle, people in credited.items():
        named.setdefault(handle, tuple(people))
    return named


def _parts(title: Title) -> set[str]:
    """Word forms of the opening and closing words of a title (and of its part before a
    colon), never the whole title, trimmed of function words at the edges."""
    pieces = [title.name]
    for mark in _SUBTITLE_MARKS:
        if mark in title.name:
            pieces.append(title.name.split(mark, 1)[0])
            break
    whole = word_form(normalize(title.name).split(" "))
    parts: set[str] = set()
    for piece in pieces:
        words = strip_article(normalize(piece)).split(" ")
        for size in range(1, len(words) + 1):
            for part in (words[:size], words[len(words) - size :]):
                while part and part[0] in _EDGE_WORDS:
                    part = part[1:]
                while part and part[-1] in _EDGE_WORDS:
                    part = part[:-1]
                if not part or (len(part) == 1 and is_common_word(part[0])):
                    continue
                form = word_form(part)
                if len(form) >= MIN_LENGTH and form != whole:
                    parts.add(form)
    return parts


def partial_titles(
    linker: LinkerState, doc: ArticleText, mentions: list[WordMention], taken: bytearray
) -> list[WordMention]:
    """Parts of supported titles in the capitalised runs no other match took (one a run, the
    longest; ``title_fuzzy.title_spans`` says which parts of a run may be one)."""
    supported = supported_titles(linker, mentions)
    if not supported:
        return []
    owners: dict[str, int | None] = {}
    for handle in supported:
        entity = linker.record(handle).entity
        if not isinstance(entity, Title):
            continue
        for form in _parts(entity):
            owners[form] = handle if owners.get(form, handle) == handle else None
    found: list[WordMention] = []
    for first, stop in title_runs(doc, taken):
        owner = None
        for a, b in title_spans(doc, first, stop):
            if not plausible_title(doc, a, b) or (b - a == 1 and _after_place_word(doc, a)):
                continue
            owner = owners.get(word_form(doc.bare[a:b]))
            if owner is not None:
                break
        if owner is not None:
            people = supported[owner]
            confidence = CREDITED_CONFIDENCE if people else NAMED_CONFIDENCE
            confidence *= opening_factor(doc, a, b)
            found.append(
                WordMention(
                    first=a,
                    stop=b,
                    type="title",
                    confidence=confidence,
                    handle=owner,
                    options=[(owner, confidence)],
                    how="partial",
                    credited=people,
                )
            )
    return found


def _after_place_word(doc: ArticleText, first: int) -> bool:
    """A lone capitalised word after "in", "at", "near"... names a place more often than a
    title ("a bar in Itaewon")."""
    return first > 0 and doc.bare[first - 1] in _PLACE_WORDS and not doc.capitalized(first - 1)
