"""What the editorial dashboard shows a newsroom member (docs/workflow.md): their drafts, the
stories waiting for review, the schedule as a calendar by day, what was published lately, what
other people did to their stories, and the linker's open questions on each of these articles.
A fixed number of queries, however many articles there are."""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import Any

from django.conf import settings
from django.db.models import Exists, Max, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import slugify

from marquee.linking.models import ArticleEntity, EntityState, LinkCandidate
from marquee.newsroom.models import (
    GOING_LIVE,
    Article,
    ArticleRevision,
    ArticleStatus,
    EditorialAction,
    EditorialEvent,
    NewsroomMember,
    PreviewLink,
    Tag,
)

MY_STATES = (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.UNPUBLISHED)
RECENTLY_PUBLISHED = 10
EVENTS_SHOWN = 20
HISTORY_SHOWN = 100


@dataclass(frozen=True)
class OpenQuestions:
    """What the linker was unsure of in an article: links found below the confidence readers
    need (``ArticleEntity.objects.shown``) and names it could not match."""

    low_confidence: list[ArticleEntity] = field(default_factory=list)
    unmatched: list[LinkCandidate] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.low_confidence or self.unmatched)


@dataclass(frozen=True)
class Story:
    """An article on the dashboard with the linker's open questions about it."""

    article: Article
    questions: OpenQuestions


@dataclass(frozen=True)
class ScheduledEntry:
    at: datetime.datetime  # in the member's time zone
    kind: str  # "publish" or "unpublish"
    article: Article
    questions: OpenQuestions = field(default_factory=OpenQuestions)


@dataclass(frozen=True)
class ScheduledDay:
    day: datetime.date
    entries: list[ScheduledEntry]


@dataclass
class Dashboard:
    time_zone: zoneinfo.ZoneInfo
    my_drafts: list[Story]
    waiting_for_review: list[Story] | None  # None: the member does not review
    scheduled: list[ScheduledDay]
    recently_published: list[Story]
    what_happened: list[EditorialEvent]


def _scheduled(now: datetime.datetime, zone: zoneinfo.ZoneInfo) -> list[ScheduledDay]:
    """Scheduled publications and unpublishings from now on, grouped by day in ``zone``. A
    scheduled article whose time has passed (the job has yet to record it) is shown too."""
    articles = Article.objects.filter(
        Q(status=ArticleStatus.SCHEDULED) | Q(status__in=GOING_LIVE, unpublish_at__gt=now)
    ).select_related("owner")
    entries = []
    for article in articles:
        if article.status == ArticleStatus.SCHEDULED and article.published_at:
            entries.append(
                ScheduledEntry(article.published_at.astimezone(zone), "publish", article)
            )
        if article.unpublish_at and article.unpublish_at > now:
            entries.append(
                ScheduledEntry(article.unpublish_at.astimezone(zone), "unpublish", article)
            )
    entries.sort(key=lambda entry: (entry.at, entry.article.pk, entry.kind))
    return [
        ScheduledDay(day, list(group))
        for day, group in groupby(entries, key=lambda entry: entry.at.date())
    ]


def open_questions(article_ids: list[int]) -> dict[int, OpenQuestions]:
    """The linker's open questions on these articles, by article id (two queries)."""
    low: dict[int, list[ArticleEntity]] = defaultdict(list)
    unmatched: dict[int, list[LinkCandidate]] = defaultdict(list)
    entities = ArticleEntity.objects.filter(
        article_id__in=article_ids,
        state=EntityState.AUTO,
        confidence__lt=settings.MARQUEE_LINK_MIN_CONFIDENCE,
    ).select_related("person", "title", "character")
    for entity in entities:
        low[entity.article_id].append(entity)
    for candidate in LinkCandidate.objects.filter(article_id__in=article_ids):
        unmatched[candidate.article_id].append(candidate)
    return {
        pk: OpenQuestions(low.get(pk, []), unmatched.get(pk, []))
        for pk in article_ids
        if pk in low or pk in unmatched
    }


def _stories_moved_by_others(user: Any) -> QuerySet[EditorialEvent]:
    return EditorialEvent.objects.filter(article__owner=user, refused=False).exclude(actor=user)


def editorial_unseen_count(user: Any) -> int:
    """How many times others moved the member's stories since they last opened the dashboard
    (one query)."""
    seen = NewsroomMember.objects.filter(user=user).values("events_seen_at")[:1]
    return (
        _stories_moved_by_others(user)
        .filter(Q(created_at__gt=Subquery(seen)) | ~Exists(seen))
        .count()
    )


def editorial_dashboard(
    user: Any,
    *,
    reviews: bool,
    time_zone: zoneinfo.ZoneInfo,
    now: datetime.datetime | None = None,
) -> Dashboard:
    """The dashboard of ``user``; ``reviews`` says whether they review (an editor), which
    adds the stories waiting for review, oldest submission first."""
    now = now or timezone.now()
    my_drafts = list(
        Article.objects.filter(owner=user, status__in=MY_STATES).order_by("-updated_at", "-pk")
    )
    waiting = None
    if reviews:
        waiting = list(
            Article.objects.filter(status=ArticleStatus.IN_REVIEW)
            .select_related("owner")
            .annotate(
                submitted_at=Max(
                    "events__created_at", filter=Q(events__action=EditorialAction.SUBMIT)
                )
            )
            .order_by("submitted_at", "pk")
        )
    recently_published = list(
        Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now)
        .select_related("owner")
        .order_by("-published_at", "-pk")[:RECENTLY_PUBLISHED]
    )
    what_happened = list(
        _stories_moved_by_others(user)
        .select_related("actor", "article")
        .order_by("-created_at", "-pk")[:EVENTS_SHOWN]
    )
    scheduled = _scheduled(now, time_zone)
    shown = [*my_drafts, *(waiting or []), *recently_published]
    shown += [entry.article for day in scheduled for entry in day.entries]
    questions = open_questions(sorted({article.pk for article in shown}))

    def asked(article: Article) -> OpenQuestions:
        return questions.get(article.pk, OpenQuestions())

    def stories(articles: list[Article]) -> list[Story]:
        return [Story(article, asked(article)) for article in articles]

    return Dashboard(
        time_zone=time_zone,
        my_drafts=stories(my_drafts),
        waiting_for_review=None if waiting is None else stories(waiting),
        scheduled=[
            ScheduledDay(
                day.day, [replace(entry, questions=asked(entry.article)) for entry in day.entries]
            )
            for day in scheduled
        ],
        recently_published=stories(recently_published),
        what_happened=what_happened,
    )


@dataclass(frozen=True)
class ArticleDesk:
    """An article as its editorial page shows it: with its revisions (newest first), its
    preview links and its history."""

    article: Article
    revisions: list[ArticleRevision]
    preview_links: list[PreviewLink]
    history: list[EditorialEvent]


def editorial_article(pk: int) -> ArticleDesk:
    """Raises ``Article.DoesNotExist``."""
    article = Article.objects.select_related("owner", "pending_revision__created_by").get(pk=pk)
    return ArticleDesk(
        article=article,
        revisions=list(article.revisions.select_related("created_by")),
        preview_links=list(
            PreviewLink.objects.filter(revision__article=article).select_related(
                "created_by", "revision"
            )
        ),
        history=list(article.events.select_related("actor")[:HISTORY_SHOWN]),
    )


def editorial_revision(pk: int) -> ArticleRevision:
    """A revision with its article and image; raises ``ArticleRevision.DoesNotExist``."""
    return ArticleRevision.objects.select_related("article", "image").get(pk=pk)


def editorial_preview_link(pk: int) -> PreviewLink:
    """Raises ``PreviewLink.DoesNotExist``."""
    return PreviewLink.objects.select_related("revision__article").get(pk=pk)


def tags_for_names(names: list[str]) -> list[tuple[str, str]]:
    """(name, address) of tags a revision names; a tag not made yet has no address."""
    existing = Tag.objects.in_bulk([slugify(name) for name in names], field_name="slug")
    return [
        (name, existing[slugify(name)].get_absolute_url() if slugify(name) in existing else "")
        for name in names
    ]
