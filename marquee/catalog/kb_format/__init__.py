"""The ``marquee-kb/1`` knowledge-base file (docs/knowledge-base.md): its records, and reading and
checking one without the database."""

from marquee.catalog.kb_format.parsing import load_json, parse_document
from marquee.catalog.kb_format.records import (
    FORMAT,
    AvailabilityRecord,
    CreditRecord,
    KnowledgeBaseError,
    KnowledgeBaseFile,
    PersonRecord,
    PlatformRecord,
    TitleRecord,
)

__all__ = [
    "FORMAT",
    "AvailabilityRecord",
    "CreditRecord",
    "KnowledgeBaseError",
    "KnowledgeBaseFile",
    "PersonRecord",
    "PlatformRecord",
    "TitleRecord",
    "load_json",
    "parse_document",
]
