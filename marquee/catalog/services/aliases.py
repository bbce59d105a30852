"""Guessing what kind of alias a name is, for aliases that arrive without one."""

from __future__ import annotations

import re

from marquee.catalog.models import AliasKind

HANGUL_RE = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def infer_alias_kind(alias: str, *, owner_name: str, is_title: bool) -> str:
    """Guess what kind of alias a name is; editors can correct it in the admin."""
    if HANGUL_RE.search(alias):
        return AliasKind.HANGUL
    if is_title:
        return AliasKind.OTHER_TITLE
    surname = owner_name.split()[0].lower() if owner_name.split() else ""
    tokens = [token.lower() for token in re.split(r"[\s.\-]+", alias) if token]
    if len(tokens) >= 2 and surname in {tokens[0], tokens[-1]}:
        return AliasKind.ENGLISH_NAME
    return AliasKind.STAGE_NAME
