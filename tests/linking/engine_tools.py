"""What the engine tests share: a link result read as (entity, written) pairs."""

from __future__ import annotations

from marquee.linking.engine import LinkResult


def linked(result: LinkResult) -> list[tuple[str | None, str]]:
    """(id or character name, mention text) of every mention, in text order."""
    rows = [
        (entity.id or entity.name, m.text, m.start)
        for entity in result.entities
        for m in entity.mentions
    ]
    return [(row[0], row[1]) for row in sorted(rows, key=lambda row: row[2])]
