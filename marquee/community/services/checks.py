"""Refusals every community action shares: who may act, on what, and how often."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import connection

from marquee.community import ratelimit, selectors
from marquee.community.errors import Refusal
from marquee.community.models import ReaderProfile
from marquee.community.textcheck import text_problem
from marquee.newsroom.models import Article


def refuse_banned(reader: User) -> None:
    if _is_banned(reader.pk):
        raise banned_refusal()


def banned_refusal() -> Refusal:
    return Refusal(
        "banned",
        "Your account has been suspended by a moderator, so you cannot post, react or "
        "report. Contact the editors if you think this is a mistake.",
        status=403,
    )


def _is_banned(user_id: int) -> bool:
    """Whether the reader's profile records a ban: one indexed lookup, in SQL because every
    reaction write checks it (see ``services.reactions``). No profile means no ban."""
    quote = connection.ops.quote_name
    table, user, banned_at = (
        quote(name) for name in (ReaderProfile._meta.db_table, "user_id", "banned_at")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {table} WHERE {user} = %s AND {banned_at} IS NOT NULL", [user_id]
        )
        return cursor.fetchone() is not None


def refuse_unless_moderator(user: User) -> None:
    if not selectors.is_moderator(user):
        raise Refusal("forbidden", "Only moderators can do this.", status=403)


def refuse_closed(article: Article) -> None:
    if selectors.comments_closed(article=article):
        raise Refusal("comments_closed", "Comments are closed on this article.", status=403)


def refuse_unstorable_text(value: str, *, field: str) -> None:
    """Refuse text with a NUL character or an unpaired surrogate (``textcheck``)."""
    problem = text_problem(value, field=field)
    if problem:
        raise Refusal("invalid_text", problem, status=400)


_DOING = {"comment": "commenting", "reaction": "reacting"}


def rate_limit(scope: str, reader: User, limits: Sequence[tuple[int, int]]) -> None:
    """Count this action of the reader in ``scope``, or refuse it when over a limit.

    Counting and checking are one atomic step (``ratelimit.hit``), so simultaneous requests
    cannot all slip under the limit.
    """
    wait = ratelimit.hit(scope, str(reader.pk), limits)
    if wait:
        doing = _DOING.get(scope, "acting")
        raise Refusal(
            "rate_limited",
            f"You are {doing} too quickly. Please wait {ratelimit.describe_wait(wait)} "
            "and try again.",
            status=429,
            retry_after=wait,
        )
