"""``Linker``: the knowledge-base side of recognition (index, caches, incremental updates).

``Linker(kb)`` builds one automaton over the folded full-name keys of every person and title.
``link(text)`` hands the per-article work to ``marquee.linking.engine.article``. Upserts and
removals touch only the entity concerned (overlay + liveness); ``compact()`` rebuilds the base.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from marquee.linking.engine.article import link_article
from marquee.linking.engine.context import Candidate
from marquee.linking.engine.fuzzy import FuzzyIndex
from marquee.linking.engine.key_index import KeyIndex
from marquee.linking.engine.keys import (
    CharacterKeys,
    PackedForms,
    character_keys_of,
    is_rendered,
    pack_forms,
    unpack_forms,
)
from marquee.linking.engine.model import Credit, KnowledgeBase, Person, Title
from marquee.linking.engine.result import LinkResult
from marquee.linking.engine.state import Record
from marquee.linking.engine.title_fuzzy import TitleFuzzyIndex
from marquee.names import (
    NameForms,
    fold_key,
    fold_word,
    name_forms,
    normalize,
    render_full_keys,
    render_short_keys,
    title_keys,
)

_CACHE_LIMIT = 20_000
_BULK_SIZE = 10_000  # entities from which a build pauses the garbage collector


@contextmanager
def _bulk(size: int) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large index (``size`` entities) is built, then
    collect once.

    Building creates millions of objects and no reference cycles; left running, the collector
    walks the growing heap again and again (seconds per build). One collection at the end
    settles the new objects in the oldest generation, so linking does not pay for it later.
    Nothing changes for a small index, or when the collector was already disabled.
    """
    if size < _BULK_SIZE or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


class Linker:
    """Recognises the people, titles and characters of a knowledge base in texts."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._records: list[Record | None] = []
        # Per handle: "person" | "title" while live, None once replaced or removed.
        self.kinds: list[str | None] = []
        self._handles: dict[tuple[str, str], int] = {}
        self._credits_by_person: dict[str, list[Credit]] = {}
        self._credits_by_title: dict[str, list[Credit]] = {}
        self._forms: dict[int, PackedForms] = {}
        self._short: dict[int, tuple[str, ...]] = {}
        # Normalised keys written as such in the knowledge base, per live handle (see exact_keys).
        self.exact: dict[int, frozenset[str]] = {}
        self._variants: dict[int, frozenset[str]] = {}
        self._character_keys: dict[Credit, CharacterKeys] = {}
        # Disambiguation features per handle (``article._candidate``); dropped on credit changes.
        self.candidates: dict[int, Candidate] = {}
        self.fuzzy = FuzzyIndex()
        self.title_fuzzy = TitleFuzzyIndex()
        with _bulk(len(kb.people) + len(kb.titles) + len(kb.credits)):
            entries: list[tuple[str, int]] = []
            for person in kb.people.values():
                entries.extend(self._register("person", person))
            for title in kb.titles.values():
                entries.extend(self._register("title", title))
            self.index = KeyIndex(entries)
            del entries
            for credit in kb.credits:
                self._add_credit(credit)

    # -- knowledge base -------------------------------------------------------------------

    def _register(self, kind: str, entity: Person | Title) -> Iterator[tuple[str, int]]:
        handle = len(self._records)
        self._records.append(Record(kind, entity))
        self.kinds.append(kind)
        self._handles[(kind, entity.id)] = handle
        for key in self._index_keys(handle):
            yield key, handle

    def _index_keys(self, handle: int) -> list[str]:
        record = self.record(handle)
        if record.type == "title":
            assert isinstance(record.entity, Title)
            title = record.entity
            keys = title_keys(title.name, aliases=title.aliases, native_name=title.native_name)
            self.exact[handle] = frozenset(keys)
            self.title_fuzzy.add(handle, keys)
            return list({fold_key(key) for key in keys})
        person = record.entity
        forms = name_forms(person.name, aliases=person.aliases, native_name=person.native_name)
        self._forms[handle] = pack_forms(forms)  # typo checks and spelling variants need them
        self._short[handle] = tuple(render_short_keys(forms, word=fold_word))
        self.exact[handle] = frozenset(
            normalize(name) for name in (person.name, *person.aliases, person.native_name or "")
        )
        folded = render_full_keys(forms, word=fold_word)
        if forms.surnames and forms.given_combos:
            canonical = [
                " ".join(map(fold_word, [forms.surnames[0], *forms.given_combos[0]])),
                " ".join(map(fold_word, [*forms.given_combos[0], forms.surnames[0]])),
            ]
            self.fuzzy.add(handle, canonical)
        return list(dict.fromkeys(folded))

    def _add_credit(self, credit: Credit) -> None:
        self._credits_by_person.setdefault(credit.person, []).append(credit)
        self._credits_by_title.setdefault(credit.title, []).append(credit)
        if credit.character and credit not in self._character_keys:
            self._character_keys[credit] = character_keys_of(credit)

    def record(self, handle: int) -> Record:
        """The live record of ``handle``; KeyError for a replaced or removed one."""
        record = self._records[handle] if 0 <= handle < len(self._records) else None
        if record is None:
            raise KeyError(handle)
        return record

    def is_live(self, handle: int) -> bool:
        return 0 <= handle < len(self.kinds) and self.kinds[handle] is not None

    def handle_of(self, kind: str, entity_id: str) -> int | None:
        """Current handle of a person or title id."""
        return self._handles.get((kind, entity_id))

    def credits_of_person(self, person_id: str) -> list[Credit]:
        return self._credits_by_person.get(person_id, [])

    def credits_of_title(self, title_id: str) -> list[Credit]:
        return self._credits_by_title.get(title_id, [])

    def title(self, title_id: str) -> Title | None:
        handle = self._handles.get(("title", title_id))
        if handle is None:
            return None
        entity = self.record(handle).entity
        return entity if isinstance(entity, Title) else None

    # -- caches ------------------------------------------------------------------------------

    def forms(self, handle: int) -> NameForms:
        """Name forms of a person (worked out when the person is indexed, kept while live)."""
        packed = self._forms.get(handle)
        if packed is None:
            person = self.record(handle).entity
            forms = name_forms(person.name, aliases=person.aliases, native_name=person.native_name)
            self._forms[handle] = pack_forms(forms)
            return forms
        return unpack_forms(packed)

    def exact_keys(self, handle: int) -> frozenset[str]:
        """Normalised keys written as such in the knowledge base (a title's variants; a person's
        name, aliases and Hangul name), for telling exact from folded matches. Kept for every
        live entity from indexing on, so linking never recomputes them."""
        keys = self.exact.get(handle)
        if keys is None:
            record = self.record(handle)
            entity = record.entity
            if record.type == "title":
                found = title_keys(
                    entity.name, aliases=entity.aliases, native_name=entity.native_name
                )
            else:
                names = (entity.name, *entity.aliases, entity.native_name or "")
                found = {normalize(name) for name in names}
            keys = self.exact[handle] = frozenset(found)  # normally filled at indexing
        return keys

    def variant_keys(self, handle: int) -> frozenset[str]:
        """Normalised (unfolded) spellings generated for a person; a title's exact keys."""
        keys = self._variants.get(handle)
        if keys is None:
            if self.record(handle).type == "title":
                keys = self.exact_keys(handle)
            else:
                keys = frozenset(render_full_keys(self.forms(handle)))
            if len(self._variants) >= _CACHE_LIMIT:
                self._variants.clear()
            self._variants[handle] = keys
        return keys

    def is_variant(self, handle: int, key: str) -> bool:
        """``key in variant_keys(handle)``, without rendering a person's variants."""
        if self.kinds[handle] == "person" and handle not in self._variants:
            return is_rendered(self.forms(handle), key)
        return key in self.variant_keys(handle)

    def short_keys(self, handle: int) -> tuple[str, ...]:
        """Folded short-reference keys of a person (computed when the person is indexed)."""
        keys = self._short.get(handle)
        if keys is None:
            keys = self._short[handle] = tuple(
                render_short_keys(self.forms(handle), word=fold_word)
            )
        return keys

    def character_keys(self, credit: Credit) -> CharacterKeys:
        """Folded keys of the character of ``credit`` (computed when the credit is added)."""
        keys = self._character_keys.get(credit)
        if keys is None:
            keys = self._character_keys[credit] = character_keys_of(credit)
        return keys

    # -- incremental updates --------------------------------------------------------------------

    def _retire(self, kind: str, entity_id: str) -> None:
        handle = self._handles.pop((kind, entity_id), None)
        if handle is not None:
            self._records[handle] = None
            self.kinds[handle] = None
            self._forms.pop(handle, None)
            self._short.pop(handle, None)
            self.exact.pop(handle, None)
            self.candidates.pop(handle, None)
            self._variants.pop(handle, None)
            self.fuzzy.discard(handle)
            self.title_fuzzy.discard(handle)

    def upsert_person(self, person: Person) -> None:
        """Add or replace one person; indexes only that person's keys."""
        self._retire("person", person.id)
        entries = list(self._register("person", person))
        self.index.add((key for key, _handle in entries), entries[0][1] if entries else -1)

    def upsert_title(self, title: Title) -> None:
        """Add or replace one title; indexes only that title's keys."""
        self._retire("title", title.id)
        entries = list(self._register("title", title))
        self.index.add((key for key, _handle in entries), entries[0][1] if entries else -1)

    def upsert_credit(self, credit: Credit) -> None:
        """Add a credit, replacing one with the same person, title and role."""
        self.remove_credit(credit.person, credit.title, credit.role)
        self._add_credit(credit)
        self.candidates.clear()

    def remove_credit(self, person_id: str, title_id: str, role: str) -> None:
        """Drop the credit of ``person_id`` on ``title_id`` in ``role``, if present."""
        self.candidates.clear()
        for credit in self._credits_by_person.get(person_id, []):
            if (credit.title, credit.role) == (title_id, role):
                self._character_keys.pop(credit, None)
        for bucket in (
            self._credits_by_person.get(person_id, []),
            self._credits_by_title.get(title_id, []),
        ):
            bucket[:] = [
                credit
                for credit in bucket
                if (credit.person, credit.title, credit.role) != (person_id, title_id, role)
            ]

    def remove(self, entity_id: str, *, type: str | None = None) -> None:
        """Forget a person and/or title with this id (both when ``type`` is None)."""
        for kind in (type,) if type else ("person", "title"):
            self._retire(kind, entity_id)

    def compact(self) -> None:
        """Rebuild the base automaton from all live entities and empty the overlay."""
        with _bulk(len(self._records)):
            entries: list[tuple[str, int]] = []
            for handle, record in enumerate(self._records):
                if record is not None:
                    entries.extend((key, handle) for key in self._index_keys(handle))
            self.index.compact(entries)

    def live_handles(self) -> Iterable[int]:
        return (handle for handle, record in enumerate(self._records) if record is not None)

    # -- recognition ---------------------------------------------------------------------------

    def link(self, text: str) -> LinkResult:
        """Recognise and link the entities of ``text`` (offsets index ``text``)."""
        return link_article(self, text)
