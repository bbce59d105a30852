"""Multi-pattern index over folded keys: one Aho-Corasick pass finds every key in a text.

Keys and text are folded (``marquee.names.fold_word``) and padded with spaces, so every match
lies on word boundaries. The base automaton is built once; upserts go to a small overlay that is
rebuilt on demand, and replaced or removed entities are filtered out by handle liveness, so one
change never rebuilds the whole index. ``compact`` folds the overlay back into the base.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

_LENGTH_BITS = 10
_MAX_KEY_LENGTH = (1 << _LENGTH_BITS) - 1


class KeyIndex:
    """Folded key → entity handles (ints). Handles are owned by the caller."""

    def __init__(self, entries: Iterable[tuple[str, int]] = ()) -> None:
        self._multi: list[tuple[int, ...]] = []
        self._base = self._build(self._group(entries), self._multi)
        self._overlay_keys: dict[str, set[int]] = {}
        self._overlay: ahocorasick.Automaton | None = None
        self._overlay_multi: list[tuple[int, ...]] = []
        self._overlay_dirty = False

    @staticmethod
    def _group(entries: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
        grouped: dict[str, list[int]] = {}
        for key, handle in entries:
            if key and len(key) + 2 <= _MAX_KEY_LENGTH:
                handles = grouped.setdefault(key, [])
                if handle not in handles:
                    handles.append(handle)
        return grouped

    @staticmethod
    def _build(
        grouped: dict[str, list[int]] | dict[str, set[int]], multi: list[tuple[int, ...]]
    ) -> ahocorasick.Automaton | None:
        if not grouped:
            return None
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for key, handles in grouped.items():
            padded = f" {key} "
            if len(handles) == 1:
                (handle,) = handles
                code = (handle << 1) << _LENGTH_BITS | len(padded)
            else:
                multi.append(tuple(sorted(handles)))
                code = ((len(multi) - 1) << 1 | 1) << _LENGTH_BITS | len(padded)
            automaton.add_word(padded, code)
        automaton.make_automaton()
        return automaton

    def add(self, keys: Iterable[str], handle: int) -> None:
        """Index ``handle`` under ``keys`` in the overlay (cheap; no base rebuild)."""
        for key in keys:
            if key and len(key) + 2 <= _MAX_KEY_LENGTH:
                self._overlay_keys.setdefault(key, set()).add(handle)
                self._overlay_dirty = True

    @property
    def overlay_size(self) -> int:
        """Number of keys waiting in the overlay."""
        return len(self._overlay_keys)

    def compact(self, entries: Iterable[tuple[str, int]]) -> None:
        """Rebuild the base from ``entries`` (all live keys) and empty the overlay."""
        self._multi = []
        self._base = self._build(self._group(entries), self._multi)
        self._overlay_keys = {}
        self._overlay = None
        self._overlay_multi = []
        self._overlay_dirty = False

    def find(self, padded_text: str) -> list[tuple[int, int, tuple[int, ...]]]:
        """``(start, end, handles)`` of every key in ``" " + folded_text + " "``.

        ``start`` is the index of the space before the first word, ``end`` that of the space after
        the last word; handles may include dead ones (the caller filters).
        """
        if self._overlay_dirty:
            self._overlay_multi = []
            self._overlay = self._build(self._overlay_keys, self._overlay_multi)
            self._overlay_dirty = False
        found: list[tuple[int, int, tuple[int, ...]]] = []
        for automaton, multi in ((self._base, self._multi), (self._overlay, self._overlay_multi)):
            if automaton is None:
                continue
            for end, code in automaton.iter(padded_text):
                length = code & _MAX_KEY_LENGTH
                slot = code >> _LENGTH_BITS
                handles = multi[slot >> 1] if slot & 1 else (slot >> 1,)
                found.append((end - length + 1, end, handles))
        return found
