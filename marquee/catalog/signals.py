"""Signals the knowledge graph sends after a change has been committed."""

from django.dispatch import Signal

# Sent (after commit) when people, titles, aliases or credits changed; the linker reindexes.
knowledge_base_changed = Signal()
