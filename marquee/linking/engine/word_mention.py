"""``WordMention``: a mention located by word positions while one article is linked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from marquee.linking.engine.context import Candidate, Evidence
from marquee.linking.engine.model import Credit

# A decision among same-name candidates: what surrounded the mention, and the scored candidates.
Decision = tuple[Evidence, Sequence[tuple[float, Candidate]]]


@dataclass
class WordMention:
    """A recognised span of words ``[first, stop)``; ``handle`` for people and titles.

    Mutable: disambiguation revises ``handle``, ``type`` and ``confidence``. ``assemble`` turns
    the mentions kept at the end into the result's ``Mention`` (character offsets).

    The rest records how the mention was matched, for its evidence (``engine.evidence``):
    ``how`` is set when the stage that made it knows (``short``, ``fuzzy``, ``partial``,
    ``character``; full matches are classified at the end); ``over`` holds the handles it was
    preferred to (a closer spelling, or the other people a short reference could stand for);
    ``decision`` the context that chose among same-name candidates; ``rule`` how a short
    reference or a character was chosen; ``distance`` the edit distance of a repaired typo (or
    of a title's word form); ``credited`` the people whose credits supported a partial title;
    ``cues`` the sentence's words that moved a title to its sequel ``handle`` from ``sequel_of``.
    """

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
    how: str | None = None
    over: tuple[int, ...] = ()
    decision: Decision | None = None
    rule: str | None = None
    distance: int | None = None
    credited: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    sequel_of: int | None = None
