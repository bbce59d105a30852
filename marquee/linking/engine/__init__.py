"""Pure-Python entity recogniser: people, titles and characters of a knowledge base in text.

No Django here: the Django side builds a ``KnowledgeBase`` from the catalog and keeps a
``Linker`` up to date through ``upsert_*`` / ``remove``.
"""

from __future__ import annotations

from marquee.linking.engine.linker import Linker
from marquee.linking.engine.model import Credit, KnowledgeBase, Person, Title
from marquee.linking.engine.result import LinkedEntity, LinkResult, Mention, UnlinkedSpan

__all__ = [
    "Credit",
    "KnowledgeBase",
    "LinkResult",
    "LinkedEntity",
    "Linker",
    "Mention",
    "Person",
    "Title",
    "UnlinkedSpan",
]
