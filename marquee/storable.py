"""What the databases can store, checked before anything is written.

Python strings hold what neither database stores: PostgreSQL refuses NUL (U+0000) in text, and a
lone surrogate (U+D800–U+DFFF; JSON and YAML escapes can make one) is not a character and no
driver encodes it. Columns have lengths that SQLite does not enforce and PostgreSQL does. The
importers and the community's endpoints refuse such input with their own messages; this module
finds it.
"""

from __future__ import annotations

import re

from django.db import models

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Characters a message must not print as they are (a terminal would act on them, or fail).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def unstorable_character(value: str) -> str:
    """The first character of ``value`` that cannot be stored (NUL or a lone surrogate), or
    an empty string when there is none."""
    found = _UNSTORABLE.search(value)
    return found.group() if found else ""


def unstorable_reason(value: str) -> str:
    """Why ``value`` cannot be stored, for a message after the field's name ("contains a NUL
    character (\\u0000)"), or an empty string when it can."""
    character = unstorable_character(value)
    if not character:
        return ""
    if character == "\x00":
        return "contains a NUL character (\\u0000)"
    return f"contains a lone surrogate ({escaped(character)}), which is not a character"


def escaped(character: str) -> str:
    """A character as its Python escape: ``\\x1b``, ``\\ud800``."""
    return ascii(character)[1:-1]


def printable(text: str) -> str:
    """``text`` with control characters and lone surrogates written as escapes."""
    return _UNPRINTABLE.sub(lambda match: escaped(match.group()), text)


def column_length(model: type[models.Model], field_name: str) -> int:
    """The length of a text column, so that a longer value is refused before it is written, on
    SQLite as on PostgreSQL."""
    field = model._meta.get_field(field_name)
    assert isinstance(field, models.CharField) and field.max_length is not None
    return field.max_length
