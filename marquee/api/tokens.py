"""Making, checking and revoking personal API tokens (docs/api.md, "Personal endpoints")."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from marquee.api.models import ApiToken
from marquee.community.errors import Refusal
from marquee.community.textcheck import text_problem

TOKEN_PREFIX = "mq_"
MAX_TOKENS = 10
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token named ``name`` and its secret (not stored: shown to the reader once)."""
    name = name.strip()
    problem = text_problem(name, field="name")
    if problem:
        raise Refusal("invalid_text", problem)
    if not name or len(name) > 100:
        raise Refusal("invalid_name", "Give the token a name of 1 to 100 characters.")
    if tokens_of(user).count() >= MAX_TOKENS:
        raise Refusal(
            "too_many_tokens",
            f"You have {MAX_TOKENS} tokens already: revoke one you no longer use.",
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user, name=name, digest=_digest(secret), prefix=secret[: len(TOKEN_PREFIX) + 6]
    )
    return token, secret


def token_revoke(*, user: User, token_id: int) -> bool:
    """Delete one of ``user``'s tokens; returns whether it existed (someone else's: False)."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0


def token_user(secret: str) -> User | None:
    """The active reader a token secret belongs to, or None; notes when it was last used (to
    the minute, so a busy script does not write on every request)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100 or not secret.isascii():
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(secret)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer mq_…``: the request acts as the token's reader."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user
