"""Writes to the knowledge graph: the file importer and the editors' actions.

Every action registers ``after_knowledge_base_change`` (linker, search) to run after commit.
"""

from marquee.catalog.services.aliases import infer_alias_kind
from marquee.catalog.services.entities import (
    InlineChanges,
    availability_delete,
    availability_save,
    character_delete,
    character_save,
    credit_delete,
    credit_save,
    person_delete,
    person_save,
    platform_delete,
    platform_save,
    title_delete,
    title_save,
)
from marquee.catalog.services.followups import after_knowledge_base_change
from marquee.catalog.services.import_report import ImportReport
from marquee.catalog.services.importer import kb_import
from marquee.catalog.services.pictures import person_headshot_set, title_poster_set

__all__ = [
    "ImportReport",
    "InlineChanges",
    "after_knowledge_base_change",
    "availability_delete",
    "availability_save",
    "character_delete",
    "character_save",
    "credit_delete",
    "credit_save",
    "infer_alias_kind",
    "kb_import",
    "person_delete",
    "person_headshot_set",
    "person_save",
    "platform_delete",
    "platform_save",
    "title_delete",
    "title_poster_set",
    "title_save",
]
