"""Readers following people and titles."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from marquee.catalog.models import Person, Title
from marquee.discovery.models import Follow


def follow_create(
    *, user: User, person: Person | None = None, title: Title | None = None
) -> Follow:
    """Follow exactly one of ``person`` or ``title``; following twice changes nothing."""
    if (person is None) == (title is None):
        raise ValueError("follow exactly one person or title")
    try:
        with transaction.atomic():
            follow, _ = Follow.objects.get_or_create(user=user, person=person, title=title)
    except IntegrityError:  # a concurrent request created it first
        follow = Follow.objects.get(user=user, person=person, title=title)
    return follow


def follow_delete(*, user: User, person: Person | None = None, title: Title | None = None) -> bool:
    """Stop following; returns whether a follow existed."""
    if (person is None) == (title is None):
        raise ValueError("unfollow exactly one person or title")
    deleted, _ = Follow.objects.filter(user=user, person=person, title=title).delete()
    return deleted > 0
