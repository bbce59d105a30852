"""What linking one article reads from the ``Linker``: its records, index, keys and caches.

``article``, ``short`` and ``resolve`` are typed against ``LinkerState`` rather than ``Linker``,
so that ``linker`` can import ``article`` without an import cycle; ``Linker`` satisfies the
protocol structurally (mypy checks it where ``Linker.link`` passes itself on).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from marquee.linking.engine.context import Candidate
from marquee.linking.engine.fuzzy import FuzzyIndex
from marquee.linking.engine.key_index import KeyIndex
from marquee.linking.engine.keys import CharacterKeys
from marquee.linking.engine.model import Credit, Person, Title
from marquee.linking.engine.title_fuzzy import TitleFuzzyIndex
from marquee.names import NameForms


@dataclass(frozen=True)
class Record:
    """A live version of an entity; a new version of the same id gets a new handle."""

    type: str  # person | title
    entity: Person | Title


class LinkerState(Protocol):
    """The part of a ``Linker`` that the per-article stages use."""

    index: KeyIndex
    fuzzy: FuzzyIndex
    title_fuzzy: TitleFuzzyIndex
    # Per handle: "person" | "title" while live, None once replaced or removed.
    kinds: list[str | None]
    # Normalised keys written as such in the knowledge base, per live handle.
    exact: dict[int, frozenset[str]]
    # Disambiguation features per handle, filled by ``article`` (a cache the linker clears).
    candidates: dict[int, Candidate]

    def record(self, handle: int) -> Record: ...

    def is_live(self, handle: int) -> bool: ...

    def handle_of(self, kind: str, entity_id: str) -> int | None: ...

    def credits_of_person(self, person_id: str) -> list[Credit]: ...

    def credits_of_title(self, title_id: str) -> list[Credit]: ...

    def forms(self, handle: int) -> NameForms: ...

    def exact_keys(self, handle: int) -> frozenset[str]: ...

    def is_variant(self, handle: int, key: str) -> bool: ...

    def short_keys(self, handle: int) -> tuple[str, ...]: ...

    def character_keys(self, credit: Credit) -> CharacterKeys: ...
