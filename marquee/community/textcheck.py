"""Whether a piece of submitted text can be stored: one rule for every text field.

Python strings can hold what a database cannot: PostgreSQL refuses NUL (U+0000) in text, and a
lone surrogate (U+D800–U+DFFF, which a JSON body can spell as ``"\\ud800"``) is not a character
at all and cannot be encoded as UTF-8. Both are refused with a message naming the field.
"""

from __future__ import annotations

from marquee.storable import unstorable_character


def text_problem(value: str, *, field: str) -> str:
    """Why ``value`` (the field called ``field``) cannot be stored, or "" when it can."""
    character = unstorable_character(value)
    if not character:
        return ""
    if character == "\x00":
        return (
            f"“{field}” contains a NUL character (U+0000), which cannot be stored. "
            "Remove it and try again."
        )
    return (
        f"“{field}” contains an unpaired surrogate (U+{ord(character):04X}), "
        "which is not a valid character. Remove it and try again."
    )
