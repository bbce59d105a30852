"""The process-wide ``Linker``, kept in step with the knowledge base across web workers.

Each process builds its linker once, from the database. Every committed change to the knowledge
base bumps a version number in the shared cache (Redis when configured) and appends the change
to a short log there. Before linking, a process compares its version with the shared one: if it
is behind by changes that the log still names entity by entity, it applies just those
(``Linker.upsert_*``: no full rebuild); if the log cannot say what changed (a bulk import, or a
gap), it rebuilds from the database.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache

from marquee.linking import selectors
from marquee.linking.engine import Linker

VERSION_KEY = "marquee:linking:kb-version"
LOG_KEY = "marquee:linking:kb-changes"
LOG_LENGTH = 200
# After this many incremental changes the automaton's overlay is folded into the base.
COMPACT_EVERY = 500


@dataclass(frozen=True)
class Change:
    """One committed change: ``kind`` is person, title or all (anything, rebuild)."""

    version: int
    kind: str
    slug: str = ""


class _State:
    def __init__(self) -> None:
        self.linker: Linker | None = None
        self.version = -1
        self.applied_since_compact = 0
        self.lock = threading.Lock()


_state = _State()


def shared_version() -> int:
    return int(cache.get(VERSION_KEY) or 0)


def record_changes(*, people: Iterable[str] = (), titles: Iterable[str] = (),
                   everything: bool = False) -> None:  # fmt: skip
    """Note committed knowledge-base changes for every process; call after commit."""
    changes = [("all", "")] if everything else [
        *(("person", slug) for slug in people), *(("title", slug) for slug in titles)
    ]  # fmt: skip
    if not changes:
        return
    log: list[Change] = list(cache.get(LOG_KEY) or [])
    for kind, slug in changes:
        cache.add(VERSION_KEY, 0, timeout=None)
        version = cache.incr(VERSION_KEY)
        log.append(Change(version=version, kind=kind, slug=slug))
    cache.set(LOG_KEY, log[-LOG_LENGTH:], timeout=None)


def current_linker() -> Linker:
    """This process's linker, brought up to date with the shared version first."""
    with _state.lock:
        target = shared_version()
        if _state.linker is None or (_state.version != target and not _catch_up(target)):
            _rebuild(target)
        assert _state.linker is not None
        return _state.linker


def reset() -> None:
    """Forget this process's linker (tests; a changed database)."""
    with _state.lock:
        _state.linker = None
        _state.version = -1


def _rebuild(version: int) -> None:
    _state.linker = Linker(selectors.knowledge_base_snapshot())
    _state.version = version
    _state.applied_since_compact = 0


def _catch_up(target: int) -> bool:
    """Apply logged changes after our version; False when a full rebuild is needed."""
    log: list[Change] = list(cache.get(LOG_KEY) or [])
    pending = [change for change in log if _state.version < change.version <= target]
    if [c.version for c in pending] != list(range(_state.version + 1, target + 1)):
        return False
    if any(change.kind == "all" for change in pending):
        return False
    linker = _state.linker
    assert linker is not None
    for change in pending:
        selectors.refresh_entity(linker, change.kind, change.slug)
    _state.version = target
    _state.applied_since_compact += len(pending)
    if _state.applied_since_compact >= COMPACT_EVERY:
        linker.compact()
        _state.applied_since_compact = 0
    return True
