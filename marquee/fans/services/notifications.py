"""Reading notifications, and the opt-in e-mail digest of the unread ones."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from marquee.fans.models import DigestFrequency, FanSettings, Notification
from marquee.fans.selectors import forget_reader

DIGEST_PERIODS = {
    DigestFrequency.DAILY: datetime.timedelta(days=1),
    DigestFrequency.WEEKLY: datetime.timedelta(days=7),
}
DIGEST_MAX_ITEMS = 50


def notifications_mark_read(*, user: User, ids: Collection[int] | None = None) -> int:
    """Mark the reader's unread notifications read (only ``ids`` when given); returns how many.
    Other readers' ids are ignored, never touched."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    marked = unread.update(read_at=timezone.now())
    if marked:
        forget_reader([user.pk])
    return marked


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail each reader who opted in the notifications they have neither read nor been sent,
    at most once per their period (a day, a week). Returns the number of e-mails sent.

    Each reader's row is locked while their digest is written, and the notifications are
    marked sent in the same transaction as the e-mail leaves: two workers never send the same
    digest, and a failed send leaves everything to send next time.
    """
    now = now or timezone.now()
    sent = 0
    due = FanSettings.objects.exclude(digest=DigestFrequency.OFF).exclude(user__email="")
    for settings_id, digest in due.values_list("pk", "digest"):
        period = DIGEST_PERIODS[DigestFrequency(digest)]
        with transaction.atomic():
            row = (
                FanSettings.objects.select_for_update()
                .select_related("user")
                .filter(pk=settings_id)
                .first()
            )
            if row is None or row.digest != digest:
                continue
            if row.digest_sent_at is not None and row.digest_sent_at > now - period:
                continue
            pending = list(
                Notification.objects.filter(
                    user=row.user, read_at__isnull=True, emailed_at__isnull=True
                )
                .select_related("title", "platform", "person")
                .order_by("created_at", "pk")[:DIGEST_MAX_ITEMS]
            )
            if not pending:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
            row.digest_sent_at = now
            row.save(update_fields=["digest_sent_at"])
            _send_digest(row, pending)
            sent += 1
    return sent


def _send_digest(row: FanSettings, pending: list[Notification]) -> None:
    context = {
        "user": row.user,
        "notifications": pending,
        "site_name": settings.MARQUEE_SITE_NAME,
        "site_url": settings.MARQUEE_SITE_URL,
        "notifications_url": settings.MARQUEE_SITE_URL + reverse("fans:notifications"),
        "settings_url": settings.MARQUEE_SITE_URL + reverse("fans:settings"),
        "frequency": row.get_digest_display().lower(),
    }
    subject = f"[{settings.MARQUEE_SITE_NAME}] " + (
        f"{pending[0].title.name if pending[0].title else 'News'} and {len(pending) - 1} more"
        if len(pending) > 1
        else f"{pending[0].title.name if pending[0].title else 'News'} for you"
    )
    body = render_to_string("fans/email/digest.txt", context)
    send_mail(subject, body, None, [row.user.email])
