"""What ``Linker.link`` returns, and its JSON shape (``marquee link --json``, docs/cli.md)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Mention:
    """A span ``text[start:end]`` of the original text."""

    start: int
    end: int
    text: str
    # How it was matched: exact | variant | alias | fuzzy | partial | short | character
    # (docs/linking.md).
    how: str | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.how is not None:
            data["how"] = self.how
        return data


@dataclass(frozen=True)
class LinkedEntity:
    """A person, title or character found in the text; characters have ``id`` None and carry
    the ``person`` and ``title`` of their credit. ``evidence`` says why it was linked: distinct
    JSON-ready items (``{"kind": "alias", "key": "Steve Noh", ...}``) in order of first use."""

    id: str | None
    type: str
    name: str
    confidence: float
    mentions: tuple[Mention, ...]
    person: str | None = None
    title: str | None = None
    evidence: tuple[dict[str, Any], ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name}
        if self.type == "character":
            data["person"] = self.person
            data["title"] = self.title
        data["confidence"] = round(self.confidence, 2)
        data["mentions"] = [mention.to_json() for mention in self.mentions]
        data["evidence"] = copy.deepcopy(list(self.evidence))
        return data


@dataclass(frozen=True)
class UnlinkedSpan:
    """A name-like span that matched nothing; ``guess`` is person | title | character."""

    text: str
    start: int
    end: int
    guess: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "guess": self.guess}


@dataclass(frozen=True)
class LinkResult:
    """Entities in order of first mention, then unlinked spans in text order."""

    entities: tuple[LinkedEntity, ...]
    unlinked: tuple[UnlinkedSpan, ...]

    def entity(self, entity_id: str) -> LinkedEntity | None:
        """The linked entity with this id, if any."""
        return next((entity for entity in self.entities if entity.id == entity_id), None)

    def to_json(self) -> dict[str, Any]:
        """Exactly the ``marquee link --json`` document."""
        return {
            "entities": [entity.to_json() for entity in self.entities],
            "unlinked": [span.to_json() for span in self.unlinked],
        }
