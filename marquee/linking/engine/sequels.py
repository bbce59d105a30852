"""Sequels and seasons read from the sentence: "Squid Game" is *Squid Game 2* when the sentence
says "season two", "second season", "season 2", the sequel's year, or that the show "returns".

A title mention written as the first work's name (or any work of that name) is moved to the
knowledge base's sequel named like it with a number ("Squid Game 2", or an alias "Squid Game
Season 2") when the sentence holding it points to that number, and to no other: a numbered or
ordinal season (2 and up), the sequel's year (unless the first work's year is there too), or a
"returns" / "came back" / "is back" right after the name when the knowledge base has exactly one
sequel. Cues pointing to different sequels cancel out.
"""

from __future__ import annotations

from marquee.linking.engine.article_text import ArticleText
from marquee.linking.engine.model import Title
from marquee.linking.engine.state import LinkerState
from marquee.linking.engine.word_mention import WordMention
from marquee.names import normalize

SEQUEL_CONFIDENCE = 0.7
_LARGEST = 5  # sequels looked up: 2 to 5
_NUMBERS = {"2": 2, "3": 3, "4": 4, "5": 5, "two": 2, "three": 3, "four": 4, "five": 5,
            "ii": 2, "iii": 3, "iv": 4}  # fmt: skip
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5,
             "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}  # fmt: skip
_SEASON_WORDS = frozenset({"season", "part", "chapter"})
_INSTALMENT_WORDS = frozenset({"season", "outing", "instalment", "installment", "chapter"})
_RETURN_WORDS = frozenset({"returns", "returned"})  # not the noun: "ahead of X's return"
_WINDOW = 3  # words after the mention where a season number counts
_YEAR_WINDOW = 6  # words after the mention where the sequel's year counts


def _sequel(linker: LinkerState, base: Title, number: int) -> int | None:
    """Handle of the title named ``base``'s name with ``number`` ("Squid Game 2", or with an
    alias "Squid Game Season 2"), or None."""
    name = normalize(base.name)
    wanted = {f"{name} {number}", f"{name} season {number}", f"{name} part {number}"}
    doc = ArticleText(f"{base.name} {number}")
    for start, end, handles in linker.index.find(doc.padded):
        if start != 0 or end != len(doc.padded) - 1:
            continue
        for handle in handles:
            if linker.kinds[handle] != "title":
                continue
            entity = linker.record(handle).entity
            names = {normalize(n) for n in (entity.name, *entity.aliases)}
            if entity.id != base.id and names & wanted:
                return handle
    return None


def _cues(doc: ArticleText, mention: WordMention) -> tuple[set[int], list[str], bool]:
    """Sequel numbers named right after the mention ("Squid Game season two", "Sweet Home's
    second outing"), the words that name them, and whether a "returns" follows it. A number
    further away may count a season of something else ("the second film in the franchise that
    began with The Outlaws"), and "the second season of X" is as often the series X itself."""
    _low, high = doc.bounds(mention.first)
    words = doc.bare
    numbers: set[int] = set()
    cues: list[str] = []
    stop = min(high, mention.stop + _WINDOW)
    for index in range(mention.stop, stop - 1):
        word, following = words[index], words[index + 1]
        if word in _SEASON_WORDS and following in _NUMBERS:
            numbers.add(_NUMBERS[following])
            cues.append(f"{word} {following}")
        elif word in _ORDINALS and following in _INSTALMENT_WORDS:
            numbers.add(_ORDINALS[word])
            cues.append(f"{word} {following}")
    after = words[mention.stop : min(high, mention.stop + 2)]
    returns = bool(after) and (
        after[0] in _RETURN_WORDS or (after[0] in ("came", "comes", "is") and "back" in after)
    )
    if returns:
        cues.append(" ".join(after) if after[0] not in _RETURN_WORDS else after[0])
    return numbers, cues, returns


def sequel_titles(linker: LinkerState, doc: ArticleText, mentions: list[WordMention]) -> None:
    """Move title mentions to the sequel their sentence points to (in place)."""
    years = doc.year_positions()
    for mention in mentions:
        if mention.type != "title" or mention.handle is None:
            continue
        base = linker.record(mention.handle).entity
        if not isinstance(base, Title):
            continue
        numbers, cues, returns = _cues(doc, mention)
        low, high = doc.bounds(mention.first)
        sentence_years = {int(doc.bare[i]) for i in years if low <= i < high}
        # a year counts for a sequel only just after the name ("Sweet Home's second outing,
        # in 2023"); further away it dates whatever else the sentence names
        near_years = {
            int(doc.bare[i]) for i in years if mention.stop <= i < mention.stop + _YEAR_WINDOW
        } & sentence_years
        if not numbers and not returns and not near_years:
            continue
        found = {n: h for n in range(2, _LARGEST + 1) if (h := _sequel(linker, base, n))}
        if not found:
            continue
        chosen = {n for n in numbers if n in found}
        if base.year not in sentence_years:
            for number, handle in found.items():
                year = linker.record(handle).entity
                if isinstance(year, Title) and year.year in near_years:
                    chosen.add(number)
                    cues.append(str(year.year))
        if not chosen and returns and len(found) == 1:
            chosen = set(found)
        if len(chosen) != 1 or numbers - chosen:
            continue
        number = chosen.pop()
        mention.sequel_of = mention.handle
        mention.handle = found[number]
        mention.confidence = min(mention.confidence, SEQUEL_CONFIDENCE)
        mention.decision = None
        mention.cues = tuple(cues)
        mention.rule = "sequel"
