"""Preview links: a signed, expiring, revocable address (``/preview/<token>/``) at which
someone without an account reads a draft or a revision exactly as it will look.

The token signs the link's id with the site's secret key (a tampered token fails the
signature); the link's row holds its expiry and revocation, so an editor can end it early.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from marquee.newsroom.models import ArticleRevision, EditorialAction, PreviewLink
from marquee.newsroom.services.events import event_record
from marquee.newsroom.services.roles import may_edit, refuse, username

SALT = "marquee.newsroom.preview"
LONGEST_DAYS = 30


class PreviewInvalid(Exception):
    """The token is tampered with, expired, revoked or names nothing: the page is a 404."""


def preview_token(link: PreviewLink) -> str:
    return signing.dumps(link.pk, salt=SALT)


def preview_link_create(
    *, revision: ArticleRevision, by: Any, days: float | None = None
) -> PreviewLink:
    """A link to ``revision`` valid for ``days`` (default ``MARQUEE_PREVIEW_LINK_DAYS``)."""
    article = revision.article
    if not may_edit(by, article):
        refuse(by, article, EditorialAction.PREVIEW_LINK,
               f"{username(by)} may not share previews of this article")  # fmt: skip
    days = settings.MARQUEE_PREVIEW_LINK_DAYS if days is None else days
    if not 0 < days <= LONGEST_DAYS:
        raise ValueError(f"a preview link lasts from a moment to {LONGEST_DAYS} days, not {days:g}")
    now = timezone.now()
    with transaction.atomic():
        link = PreviewLink.objects.create(
            revision=revision,
            created_by=by if getattr(by, "pk", None) else None,
            created_at=now,
            expires_at=now + datetime.timedelta(days=days),
        )
        until = f"Until {link.expires_at.isoformat()}"
        event_record(article, by, EditorialAction.PREVIEW_LINK, from_state=article.status,
                     to_state=article.status, note=until)  # fmt: skip
    return link


def preview_link_revoke(*, link: PreviewLink, by: Any) -> PreviewLink:
    article = link.revision.article
    if not may_edit(by, article):
        refuse(by, article, EditorialAction.PREVIEW_REVOKE,
               f"{username(by)} may not revoke previews of this article")  # fmt: skip
    with transaction.atomic():
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            event_record(article, by, EditorialAction.PREVIEW_REVOKE, from_state=article.status,
                         to_state=article.status)  # fmt: skip
    return link


def preview_revision(token: str, now: datetime.datetime | None = None) -> ArticleRevision:
    """The revision a valid token shows, or :class:`PreviewInvalid`."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise PreviewInvalid("tampered") from None
    link = (
        PreviewLink.objects.select_related("revision__article", "revision__image")
        .filter(pk=pk)
        .first()
    )
    now = now or timezone.now()
    if link is None or link.revoked_at is not None or link.expires_at <= now:
        raise PreviewInvalid("expired, revoked or unknown")
    return link.revision
