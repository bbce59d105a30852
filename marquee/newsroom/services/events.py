"""The newsroom's audit trail, and telling people what happened to their stories.

Every transition writes an :class:`EditorialEvent` (who, when, from, to, note). After commit a
queued job mails the story's owner when someone else moved it, and mails the editors when a
story is submitted for review; the owner also sees the event on their editorial dashboard.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q

from marquee.newsroom import tasks as newsroom_tasks
from marquee.newsroom.models import Article, EditorialAction, EditorialEvent

# What the owner hears about when someone else does it.
TOLD_TO_OWNER = {
    EditorialAction.RETURN, EditorialAction.SCHEDULE, EditorialAction.PUBLISH,
    EditorialAction.UNPUBLISH, EditorialAction.SCHEDULE_UNPUBLISH, EditorialAction.EDIT,
}  # fmt: skip


def event_record(
    article: Article,
    by: Any,
    action: str,
    *,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
) -> EditorialEvent:
    """Record a transition; the mails it calls for go out after commit."""
    event = EditorialEvent.objects.create(
        article=article,
        article_title=article.title[:300],
        actor=by,
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )
    someone_else = article.owner_id is not None and getattr(by, "pk", None) != article.owner_id
    if (someone_else and action in TOLD_TO_OWNER) or action == EditorialAction.SUBMIT:
        newsroom_tasks.editorial_event_mail.enqueue(event.pk)
    return event


def editorial_event_mail(event_id: int) -> int:
    """Mail what an event calls for; returns how many mails were sent. Queued after commit."""
    event = (
        EditorialEvent.objects.select_related("article__owner", "actor").filter(pk=event_id).first()
    )
    if event is None or event.article is None:
        return 0
    article = event.article
    who = event.actor.get_username() if event.actor else "The scheduler"
    link = f"{settings.MARQUEE_SITE_URL}/editorial/articles/{article.pk}/"
    if event.action == EditorialAction.SUBMIT:
        editors = get_user_model().objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="publish_article")
            | Q(user_permissions__codename="publish_article"),
            is_active=True,
        )
        recipients = sorted({user.email for user in editors if user.email and user != event.actor})
        subject = f"For review: {article.title}"
    else:
        owner = article.owner
        recipients = [owner.email] if owner is not None and owner.email else []
        subject = f"{event.get_action_display()}: {article.title}"
    if not recipients:
        return 0
    body = f"{who}: {event.get_action_display().lower()} “{article.title}”.\n"
    if event.note:
        body += f"\nNote: {event.note}\n"
    body += f"\n{link}\n"
    return send_mail(f"[{settings.MARQUEE_SITE_NAME}] {subject}", body, None, recipients)
