"""Given names alone with no full mention ("Da-mi" in a paragraph about *Our Beloved Summer*),
read as the one person credited on the titles around them who has that given name.

Held to more evidence than a short reference after a full mention: the given name must be two
syllables written hyphenated ("Da-mi", never "Dami", which folds onto English words) and stand
alone; the people considered are those credited on the titles of the same paragraph, else of the
whole article; exactly one of them may have that given name, and no person the article names in
full may share it. The confidence is low-ish. Hyphenated pairs standing alone are looked for
first, so an article without one costs no name forms.
"""

from __future__ import annotations

from marquee.linking.engine.article_text import ArticleText
from marquee.linking.engine.patterns import run_from, run_to
from marquee.linking.engine.state import LinkerState
from marquee.linking.engine.word_mention import WordMention
from marquee.names import fold_word

CREDITED_CONFIDENCE = 0.65
_MAX_COMBOS = 8  # spellings of a given name considered per person, as for short references


def _given_keys(linker: LinkerState, handle: int) -> set[str]:
    """Folded keys of a person's two-syllable given name, split ("da mi")."""
    forms = linker.forms(handle)
    if not forms.surnames:
        return set()
    return {
        " ".join(map(fold_word, combo))
        for combo in forms.given_combos[:_MAX_COMBOS]
        if len(combo) == 2
    }


def credited_given_names(
    linker: LinkerState, doc: ArticleText, mentions: list[WordMention], taken: bytearray
) -> list[WordMention]:
    """Given names in ``doc`` that no mention covers (``taken``), read through the credits of
    the titles the article mentions."""
    starts = [
        index
        for index in range(len(doc) - 1)
        if doc.hyphen_joined(index)
        and not taken[index]
        and not taken[index + 1]
        and doc.capitalized(index)
        and _stands_alone(doc, index, index + 2)
    ]
    titles = [
        (m.first, linker.record(m.handle).entity.id)
        for m in mentions
        if m.type == "title" and m.handle is not None
    ]
    if not starts or not titles:
        return []
    # key -> {person id: handle}; and per person the titles (ids) crediting them
    owners: dict[str, dict[str, int]] = {}
    credited_on: dict[str, set[str]] = {}
    for title_id in dict.fromkeys(t for _f, t in titles):
        for credit in linker.credits_of_title(title_id):
            credited_on.setdefault(credit.person, set()).add(title_id)
    for person_id in credited_on:
        handle = linker.handle_of("person", person_id)
        if handle is not None:
            for key in _given_keys(linker, handle):
                owners.setdefault(key, {})[person_id] = handle
    if not owners:
        return []
    named: set[str] = set()  # keys of the people named in full: never guessed past
    for mention in mentions:
        if mention.type == "person" and mention.handle is not None:
            named.update(linker.short_keys(mention.handle))
    found: list[WordMention] = []
    for index in starts:
        key = f"{doc.folded[index]} {doc.folded[index + 1]}"
        if key not in owners or key in named or taken[index]:
            continue
        picked = _pick(doc, index, index + 2, owners[key], credited_on, titles)
        if picked is not None:
            taken[index : index + 2] = b"\x01\x01"
            found.append(picked)
    return found


def _stands_alone(doc: ArticleText, index: int, stop: int) -> bool:
    """Whether words ``[index, stop)`` are a whole name on their own."""
    if run_from(doc, index) > stop or run_to(doc, stop) < index:
        return False  # part of a longer name ("Da-mi Kim", "Ha Jun-ho")
    if index > 0 and doc.gaps[index - 1] == " " and doc.capitalized(index - 1):
        return False  # the runs skip a syllable that is an English word ("So-hee" after "Han")
    if stop < len(doc) and doc.gaps[stop - 1] == " " and doc.capitalized(stop):
        return False
    # not inside a longer hyphenated name
    return not (doc.hyphen_joined(stop - 1) or doc.hyphen_joined(index - 1))


def _pick(
    doc: ArticleText,
    index: int,
    stop: int,
    owners: dict[str, int],
    credited_on: dict[str, set[str]],
    titles: list[tuple[int, str]],
) -> WordMention | None:
    """The one person credited on the paragraph's titles (else the article's) with this given
    name, or None."""
    low, high = doc.bounds(index, paragraph=True)
    near = [(first, title) for first, title in titles if low <= first < high]
    for scope in (near, titles):
        scope_titles = {title for _first, title in scope}
        people = [p for p in owners if credited_on.get(p, set()) & scope_titles]
        if len(people) > 1:
            return None
        if people:
            person = people[0]
            # the title named nearest to the given name among those crediting the person
            title = min(
                (abs(first - index), title)
                for first, title in scope
                if title in credited_on[person]
            )[1]
            return WordMention(
                first=index,
                stop=stop,
                type="person",
                confidence=CREDITED_CONFIDENCE,
                handle=owners[person],
                short=True,
                how="short",
                rule="credited",
                title_id=title,
            )
    return None
