"""``WordMention``: a mention located by word positions while one article is linked."""

from __future__ import annotations

from dataclasses import dataclass, field

from marquee.linking.engine.model import Credit


@dataclass
class WordMention:
    """A recognised span of words ``[first, stop)``; ``handle`` for people and titles.

    Mutable: disambiguation revises ``handle``, ``type`` and ``confidence``. ``assemble`` turns
    the mentions kept at the end into the result's ``Mention`` (character offsets).
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
