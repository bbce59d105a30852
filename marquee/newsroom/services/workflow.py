"""The editorial workflow (docs/workflow.md): draft → in review → scheduled → published →
unpublished, each transition checked against the actor's role, noted and recorded.

Scheduled publishing and unpublishing need no job to take effect for readers: a scheduled
article is public from its time on and an article past its ``unpublish_at`` is not
(``ArticleQuerySet.published``). The queued job at that time (or ``marquee publish_due``, for
cron) records the transition and refreshes the caches, search and Similar Articles; both are
idempotent, and a late run does at once what was due.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from marquee.discovery import tasks as discovery_tasks
from marquee.newsroom import tasks as newsroom_tasks
from marquee.newsroom.models import (
    GOING_LIVE,
    Article,
    ArticleRevision,
    ArticleStatus,
    Correction,
    EditorialAction,
    NewsroomMember,
    RevisionState,
)
from marquee.newsroom.services.articles import apply_revision
from marquee.newsroom.services.events import event_record
from marquee.newsroom.services.revisions import revision_went_live
from marquee.newsroom.services.roles import (
    may_edit,
    may_publish,
    may_submit,
    refuse,
    require_edit,
    require_publish,
    username,
)
from marquee.web.pagecache import pages_changed

NOTE_LENGTH = 2000


def _locked(article: Article) -> Article:
    # ``of``: PostgreSQL locks no row on the nullable side of the join.
    return (
        Article.objects.select_for_update(of=("self",))
        .select_related("pending_revision")
        .get(pk=article.pk)
    )


def _transition(
    article: Article, by: Any, action: str, to_state: str, note: str, fields: list[str]
) -> Article:
    from_state = article.status
    article.status = to_state
    article.save(update_fields=[*fields, "status", "updated_at"])
    event_record(article, by, action, from_state=from_state, to_state=to_state, note=note)
    pages_changed()
    discovery_tasks.article_discovery_refresh.enqueue(article.pk)
    return article


def _clean_note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_LENGTH:
        raise ValueError(f"the note is {len(note)} characters; the limit is {NOTE_LENGTH}")
    return note


def article_submit(*, article: Article, by: Any, note: str = "") -> Article:
    """A draft (or an unpublished story) goes to the editors for review. Permission is decided
    on the locked row, as it is now, not as the caller last saw it."""
    note = _clean_note(note)
    with transaction.atomic():
        article = _locked(article)
        if may_submit(by, article):
            if article.status not in (ArticleStatus.DRAFT, ArticleStatus.UNPUBLISHED):
                raise ValueError(
                    f"only a draft or an unpublished article can be submitted; this one is "
                    f"{article.get_status_display().lower()}"
                )
            return _transition(
                article, by, EditorialAction.SUBMIT, ArticleStatus.IN_REVIEW, note, []
            )
    # Refused outside the transaction, so that the audit record of the refusal is kept.
    refuse(by, article, EditorialAction.SUBMIT,
           f"{username(by)} may not submit this article for review")  # fmt: skip


def article_return(*, article: Article, by: Any, note: str = "") -> Article:
    """Back to draft: an editor asking for changes, a writer withdrawing their submission, or
    an editor cancelling a schedule. Permission is decided on the locked row: a writer who
    loaded the story in review cannot cancel the schedule an editor has set since."""
    note = _clean_note(note)
    with transaction.atomic():
        article = _locked(article)
        scheduled = article.status == ArticleStatus.SCHEDULED
        if may_publish(by) if scheduled else may_edit(by, article):
            if article.status not in (ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED):
                raise ValueError(
                    "only an article in review or scheduled can go back to draft; this one is "
                    f"{article.get_status_display().lower()}"
                )
            return _transition(article, by, EditorialAction.RETURN, ArticleStatus.DRAFT, note, [])
    if scheduled:
        require_publish(by, article, EditorialAction.RETURN)
    require_edit(by, article, EditorialAction.RETURN)
    raise AssertionError("unreachable: the check above refuses")


def article_publish(
    *,
    article: Article,
    at: datetime.datetime | None = None,
    by: Any = None,
    note: str = "",
    correction: str = "",
) -> Article:
    """Publish now, or schedule for ``at`` (a future time). A draft revision of the live
    article goes live with it, with ``correction`` as the notice readers see (none: a silent
    update). An article dated in the past keeps its date (it comes back as it was); one
    without a date, or scheduled for later, is dated now."""
    note, correction = _clean_note(note), _clean_note(correction)
    require_publish(by, article, EditorialAction.PUBLISH)
    now = timezone.now()
    with transaction.atomic():
        article = _locked(article)
        revision = article.pending_revision
        if revision is not None:
            apply_revision(article, revision, by=by)
            article.pending_revision = None
        else:
            revision = article.revisions.order_by("-created_at", "-pk").first()
        if revision is not None and revision.state != RevisionState.LIVE:
            revision_went_live(revision)
        if correction:
            Correction.objects.create(
                article=article, revision=revision, text=correction, published_at=now
            )
        if article.unpublish_at and article.unpublish_at <= now:
            article.unpublish_at = None
        fields = ["published_at", "unpublish_at", "pending_revision"]
        if at is not None and at > now:
            article.published_at = at
            newsroom_tasks.articles_publish_due.using(run_after=at).enqueue()
            return _transition(
                article, by, EditorialAction.SCHEDULE, ArticleStatus.SCHEDULED, note, fields
            )
        kept = (
            article.published_at if article.published_at and article.published_at <= now else None
        )
        article.published_at = at or kept or now
        if correction and not note:
            note = f"Correction: {correction}"
        return _transition(
            article, by, EditorialAction.PUBLISH, ArticleStatus.PUBLISHED, note, fields
        )


def article_unpublish(
    *, article: Article, at: datetime.datetime | None = None, by: Any = None, note: str = ""
) -> Article:
    """Take an article down now (withdrawn from every page, list, feed and index after
    commit; its date kept, so publishing it again restores it as it was), or at ``at``."""
    note = _clean_note(note)
    require_publish(by, article, EditorialAction.UNPUBLISH)
    now = timezone.now()
    with transaction.atomic():
        article = _locked(article)
        if at is not None and at > now:
            if article.status not in GOING_LIVE:
                raise ValueError("only a published or scheduled article can be unpublished later")
            article.unpublish_at = at
            article.save(update_fields=["unpublish_at", "updated_at"])
            event_record(
                article, by, EditorialAction.SCHEDULE_UNPUBLISH, from_state=article.status,
                to_state=article.status, note=note or f"Unpublishing at {at.isoformat()}",
            )  # fmt: skip
            newsroom_tasks.articles_publish_due.using(run_after=at).enqueue()
            pages_changed()
            return article
        if article.status not in GOING_LIVE:
            raise ValueError(
                "only a published or scheduled article can be unpublished; this one is "
                f"{article.get_status_display().lower()}"
            )
        article.unpublish_at = None
        return _transition(
            article, by, EditorialAction.UNPUBLISH, ArticleStatus.UNPUBLISHED, note,
            ["unpublish_at"],
        )  # fmt: skip


@dataclass
class DueReport:
    published: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)


def articles_publish_due(now: datetime.datetime | None = None) -> DueReport:
    """Record what is due: scheduled articles whose time has come are published, articles
    past their ``unpublish_at`` unpublished. Idempotent; a late run does it all at once."""
    now = now or timezone.now()
    report = DueReport()
    due = Article.objects.filter(
        Q(status=ArticleStatus.SCHEDULED, published_at__lte=now)
        | Q(status__in=GOING_LIVE, unpublish_at__lte=now)
    ).order_by("published_at", "pk")
    for candidate in due:
        with transaction.atomic():
            article = _locked(candidate)
            if (
                article.status in GOING_LIVE
                and article.unpublish_at
                and article.unpublish_at <= now
            ):
                article.unpublish_at = None
                _transition(article, None, EditorialAction.UNPUBLISH, ArticleStatus.UNPUBLISHED,
                            "The scheduled time to unpublish came", ["unpublish_at"])  # fmt: skip
                report.unpublished.append(article.slug)
            elif (
                article.status == ArticleStatus.SCHEDULED
                and article.published_at
                and (article.published_at <= now)
            ):
                _transition(article, None, EditorialAction.PUBLISH, ArticleStatus.PUBLISHED,
                            "The scheduled time came", [])  # fmt: skip
                report.published.append(article.slug)
    return report


def article_restore(*, revision: ArticleRevision, by: Any, message: str = "") -> Article:
    """Save an old revision's content again, as a new revision (a draft revision when the
    article is live: an editor publishes it)."""
    from marquee.newsroom.services.articles import article_update
    from marquee.newsroom.services.revisions import revision_input

    article = Article.objects.get(pk=revision.article_id)  # as it is now, not as cached
    return article_update(
        article=article,
        article_input=revision_input(revision),
        status=article.status,
        by=by,
        message=message or f"Restored revision {revision.pk}",
        image_id=revision.image_id,
        action=EditorialAction.RESTORE,
    )


def member_time_zone(user: Any) -> zoneinfo.ZoneInfo:
    """The time zone a newsroom member enters and reads schedules in."""
    name = settings.MARQUEE_NEWSROOM_TIME_ZONE
    if getattr(user, "pk", None):
        member = NewsroomMember.objects.filter(user=user).first()
        if member is not None:
            name = member.time_zone
    return zoneinfo.ZoneInfo(name)


def member_time_zone_set(user: Any, name: str) -> NewsroomMember:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not a time zone (try Asia/Seoul or Europe/London)") from None
    member, _ = NewsroomMember.objects.update_or_create(user=user, defaults={"time_zone": name})
    return member


def member_events_seen(user: Any) -> None:
    """The member has seen what happened to their stories (the header's count starts again)."""
    now = timezone.now()
    if not NewsroomMember.objects.filter(user=user).update(events_seen_at=now):
        NewsroomMember.objects.create(user=user, events_seen_at=now)
