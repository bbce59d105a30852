"""Reader accounts: creating and deleting them, and what the reader has seen."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from marquee.community.models import ReaderProfile
from marquee.community.selectors import forget_unread_replies
from marquee.web.pagecache import pages_changed


def account_create(*, username: str, email: str, password: str) -> User:
    """A new reader account (inputs already validated by the sign-up form)."""
    with transaction.atomic():
        user = User.objects.create_user(username=username, email=email, password=password)
        ReaderProfile.objects.create(user=user)
    return user


def account_delete(*, user: User) -> None:
    """Delete the account; its comments stay, shown as by "deleted user"; its reactions, likes
    and reports go with it."""
    with transaction.atomic():
        user.delete()
        pages_changed()  # their comments, on any article, now show "deleted user"


def replies_mark_seen(*, reader: User, now: datetime.datetime | None = None) -> None:
    """Replies posted up to ``now`` no longer count as new in the reader's header."""
    with transaction.atomic():
        ReaderProfile.objects.update_or_create(
            user_id=reader.pk, defaults={"replies_seen_at": now or timezone.now()}
        )
        forget_unread_replies(reader.pk)
