"""Readers' reactions to articles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from marquee.community import selectors
from marquee.community.errors import Refusal
from marquee.community.models import Reaction
from marquee.community.services.checks import rate_limit, refuse_banned
from marquee.newsroom.models import Article


def reaction_set(*, reader: User, article: Article, kind: str) -> str | None:
    """Choose ``kind`` for the reader: a new choice switches, the same again removes it.

    Refused: unknown kinds, banned readers, readers over ``MARQUEE_REACTION_RATE_LIMITS``.
    Returns the reader's reaction afterwards (None when removed). One row per reader and
    article (a unique constraint), so counts are aggregates over rows and stay exact.
    """
    keys = [option.key for option in selectors.reaction_options()]
    if kind not in keys:
        raise Refusal(
            "unknown_reaction", f"Choose one of these reactions: {', '.join(keys)}.", status=400
        )
    refuse_banned(reader)
    rate_limit("reaction", reader, settings.MARQUEE_REACTION_RATE_LIMITS)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                existing = (
                    Reaction.objects.select_for_update()
                    .filter(user_id=reader.pk, article=article)
                    .first()
                )
                mine: str | None = kind
                if existing is None:
                    Reaction.objects.create(user_id=reader.pk, article=article, kind=kind)
                elif existing.kind == kind:
                    existing.delete()
                    mine = None
                else:
                    existing.kind = kind
                    existing.save(update_fields=["kind", "updated_at"])
            return mine
        except IntegrityError:
            # The same reader's other request inserted first; apply this choice to its row.
            continue
    raise Refusal(
        "conflict", "Your reaction was changing in another window. Please try again.", status=409
    )
