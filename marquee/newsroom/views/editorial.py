"""The editorial area (docs/workflow.md): the dashboard at ``/editorial/``, each article's desk
(state, transitions, revisions and their differences, preview links, history), and the editor's
preview of a revision. Only newsroom staff come in; every transition goes through the services,
which decide what the member may do: a refusal is a 403 page with its message, a transition
that makes no sense (publishing a published article) the form again with the reason, a 400."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from marquee.discovery import selectors as discovery
from marquee.linking import services as linking_services
from marquee.newsroom import forms, services
from marquee.newsroom.models import GOING_LIVE, Article, ArticleRevision, ArticleStatus, PreviewLink
from marquee.newsroom.rendering import trailer_for
from marquee.newsroom.selectors import articles as article_selectors
from marquee.newsroom.selectors import editorial as selectors
from marquee.newsroom.selectors.revisions import revision_diff

P = ParamSpec("P")
NEWSROOM_PERMISSIONS = (
    "newsroom.add_article", "newsroom.change_article", "newsroom.submit_article",
    "newsroom.publish_article", "newsroom.edit_any_article",
)  # fmt: skip
OPEN_STATES = (ArticleStatus.DRAFT, ArticleStatus.UNPUBLISHED)


def newsroom_member(user: Any) -> bool:
    """Staff with any permission on articles."""
    return bool(user.is_staff) and (
        user.is_superuser or any(user.has_perm(name) for name in NEWSROOM_PERMISSIONS)
    )


def member_required(
    view: Callable[Concatenate[HttpRequest, P], HttpResponseBase],
) -> Callable[Concatenate[HttpRequest, P], HttpResponseBase]:
    """Anonymous readers go to the login page; logged-in people outside the newsroom get a
    403. The pages are the member's own: never stored by any cache."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not newsroom_member(request.user):
            raise PermissionDenied("The editorial area is for the newsroom.")
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return guarded  # type: ignore[return-value]  # functools.wraps keeps the signature


def _refused(request: HttpRequest, refusal: services.EditorialRefused) -> HttpResponse:
    context = {"message": str(refusal), "zone": services.member_time_zone(request.user)}
    return render(request, "newsroom/editorial/refused.html", context, status=403)


def _article_or_404(pk: int) -> selectors.ArticleDesk:
    try:
        return selectors.editorial_article(pk)
    except Article.DoesNotExist:
        raise Http404("No article with this number.") from None


def _revision_or_404(pk: int) -> ArticleRevision:
    try:
        return selectors.editorial_revision(pk)
    except ArticleRevision.DoesNotExist:
        raise Http404("No revision with this number.") from None


def _desk_url(article: Article) -> str:
    return reverse("newsroom:editorial-article", args=[article.pk])


# The dashboard


@member_required
@require_GET
def editorial(request: HttpRequest) -> HttpResponse:
    zone = services.member_time_zone(request.user)
    dashboard = selectors.editorial_dashboard(
        request.user, reviews=services.may_publish(request.user), time_zone=zone
    )
    services.member_events_seen(request.user)  # the header's count of news starts again
    return _dashboard_page(request, dashboard, forms.TimeZoneForm(initial={"time_zone": zone.key}))


def _dashboard_page(
    request: HttpRequest,
    dashboard: selectors.Dashboard,
    time_zone_form: forms.TimeZoneForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "dashboard": dashboard,
        "zone": dashboard.time_zone,
        "time_zone_form": time_zone_form,
        "common_time_zones": forms.COMMON_TIME_ZONES,
    }
    return render(request, "newsroom/editorial/dashboard.html", context, status=status)


@member_required
@require_POST
def time_zone_set(request: HttpRequest) -> HttpResponse:
    form = forms.TimeZoneForm(request.POST)
    if not form.is_valid():
        zone = services.member_time_zone(request.user)
        dashboard = selectors.editorial_dashboard(
            request.user, reviews=services.may_publish(request.user), time_zone=zone
        )
        return _dashboard_page(request, dashboard, form, status=400)
    services.member_time_zone_set(request.user, form.cleaned_data["time_zone"])
    messages.success(request, f"Times are now shown in {form.cleaned_data['time_zone']}.")
    return redirect("newsroom:editorial")


# An article's desk


def offered(user: Any, article: Article) -> dict[str, bool]:
    """The transitions the screen offers ``user`` (the services check them again)."""
    publishes = services.may_publish(user)
    status, has_pending = article.status, article.pending_revision_id is not None
    return {
        "submit": status in OPEN_STATES and services.may_submit(user, article),
        "return": (status == ArticleStatus.IN_REVIEW and services.may_edit(user, article))
        or (status == ArticleStatus.SCHEDULED and publishes),
        "publish": publishes and (status != ArticleStatus.PUBLISHED or has_pending),
        "schedule": publishes and status != ArticleStatus.PUBLISHED,
        "unpublish": publishes and status in GOING_LIVE,
        "edit": services.may_edit(user, article),
    }


def _local(value: Any, zone: zoneinfo.ZoneInfo) -> Any:
    """An aware time as a ``datetime-local`` field's initial value, in ``zone``."""
    return None if value is None else value.astimezone(zone).replace(tzinfo=None)


def _article_page(
    request: HttpRequest,
    desk: selectors.ArticleDesk,
    bound: dict[str, django_forms.Form] | None = None,
    status: int = 200,
    problem: str = "",
) -> HttpResponse:
    """The desk; ``bound`` forms replace the blank ones (with their errors), ``problem`` is
    why the last transition could not be done."""
    article, user = desk.article, request.user
    zone = services.member_time_zone(user)
    unbound: dict[str, django_forms.Form] = {
        "submit": forms.NoteForm(prefix="submit"),
        "return": forms.NoteForm(prefix="return"),
        "publish": forms.PublishForm(prefix="publish"),
        "schedule": forms.ScheduleForm(
            prefix="schedule",
            time_zone=zone,
            initial={"at": _local(article.published_at, zone)}
            if article.status == ArticleStatus.SCHEDULED
            else None,
        ),
        "unpublish": forms.UnpublishForm(
            prefix="unpublish", time_zone=zone, initial={"at": _local(article.unpublish_at, zone)}
        ),
        "restore": forms.RestoreForm(prefix="restore"),
        "preview": forms.PreviewLinkForm(
            prefix="preview", initial={"days": settings.MARQUEE_PREVIEW_LINK_DAYS}
        ),
    }
    context = {
        "desk": desk,
        "article": article,
        "zone": zone,
        "offered": offered(user, article),
        "forms": {**unbound, **(bound or {})},
        "compare": _comparison(request, desk),
        "preview_links": [(link, _preview_url(link)) for link in desk.preview_links],
        "preview_days": settings.MARQUEE_PREVIEW_LINK_DAYS,
        "problem": problem,
    }
    return render(request, "newsroom/editorial/article.html", context, status=status)


def _comparison(request: HttpRequest, desk: selectors.ArticleDesk) -> Any:
    """The diff of ``?a=ID&b=ID`` (two of this article's revisions, older first), or None."""
    if "a" not in request.GET and "b" not in request.GET:
        return None
    by_pk = {str(revision.pk): revision for revision in desk.revisions}
    first, second = by_pk.get(request.GET.get("a", "")), by_pk.get(request.GET.get("b", ""))
    if first is None or second is None:
        raise Http404("Compare two revisions of this article.")
    older, newer = sorted((first, second), key=lambda r: (r.created_at, r.pk))
    return revision_diff(older, newer)


def _preview_url(link: PreviewLink) -> str:
    """The public preview address of a link still valid ('' once it has ended)."""
    if link.revoked_at is not None or link.expires_at <= timezone.now():
        return ""
    return reverse("newsroom:preview", args=[services.preview_token(link)])


@member_required
@require_GET
def editorial_article(request: HttpRequest, pk: int) -> HttpResponse:
    return _article_page(request, _article_or_404(pk))


def _act(
    request: HttpRequest,
    desk: selectors.ArticleDesk,
    name: str,
    form: django_forms.Form,
    action: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate ``form``, run ``action`` with its data, and redirect back with ``done``."""
    if not form.is_valid():
        return _article_page(request, desk, {name: form}, status=400)
    try:
        action(form.cleaned_data)
    except services.EditorialRefused as refusal:
        return _refused(request, refusal)
    except ValueError as error:
        form.add_error(None, str(error))
        return _article_page(request, desk, {name: form}, status=400, problem=str(error))
    messages.success(request, done)
    return redirect(_desk_url(desk.article))


@member_required
@require_POST
def article_submit(request: HttpRequest, pk: int) -> HttpResponse:
    desk, user = _article_or_404(pk), request.user

    def submit(data: dict[str, Any]) -> object:
        return services.article_submit(article=desk.article, by=user, note=data["note"])

    form = forms.NoteForm(request.POST, prefix="submit")
    return _act(request, desk, "submit", form, submit, "Submitted for review.")


@member_required
@require_POST
def article_return(request: HttpRequest, pk: int) -> HttpResponse:
    desk, user = _article_or_404(pk), request.user

    def back_to_draft(data: dict[str, Any]) -> object:
        return services.article_return(article=desk.article, by=user, note=data["note"])

    form = forms.NoteForm(request.POST, prefix="return")
    return _act(request, desk, "return", form, back_to_draft, "Returned to draft.")


@member_required
@require_POST
def article_publish(request: HttpRequest, pk: int) -> HttpResponse:
    desk, user = _article_or_404(pk), request.user

    def publish(data: dict[str, Any]) -> object:
        return services.article_publish(
            article=desk.article, by=user, note=data["note"], correction=data["correction"]
        )

    form = forms.PublishForm(request.POST, prefix="publish")
    return _act(request, desk, "publish", form, publish, "Published.")


@member_required
@require_POST
def article_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    desk, user = _article_or_404(pk), request.user
    zone = services.member_time_zone(user)
    form = forms.ScheduleForm(request.POST, prefix="schedule", time_zone=zone)

    def schedule(data: dict[str, Any]) -> object:
        return services.article_publish(
            article=desk.article, at=form.utc("at"), by=user, note=data["note"]
        )

    when = request.POST.get("schedule-at", "").replace("T", " ")
    return _act(request, desk, "schedule", form, schedule, f"Scheduled for {when} ({zone.key}).")


@member_required
@require_POST
def article_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    desk, user = _article_or_404(pk), request.user
    form = forms.UnpublishForm(
        request.POST, prefix="unpublish", time_zone=services.member_time_zone(user)
    )

    def unpublish(data: dict[str, Any]) -> object:
        return services.article_unpublish(
            article=desk.article, at=form.utc("at"), by=user, note=data["note"]
        )

    done = "Unpublishing scheduled." if request.POST.get("unpublish-at") else "Unpublished."
    return _act(request, desk, "unpublish", form, unpublish, done)


@member_required
@require_POST
def revision_restore(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision_or_404(pk)
    desk, user = _article_or_404(revision.article_id), request.user

    def restore(data: dict[str, Any]) -> object:
        return services.article_restore(revision=revision, by=user, message=data["message"])

    form = forms.RestoreForm(request.POST, prefix="restore")
    done = f"Revision {revision.pk} restored as a new revision."
    return _act(request, desk, "restore", form, restore, done)


@member_required
@require_POST
def preview_link_create(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision_or_404(pk)
    desk, user = _article_or_404(revision.article_id), request.user

    def create(data: dict[str, Any]) -> object:
        return services.preview_link_create(revision=revision, by=user, days=data["days"])

    form = forms.PreviewLinkForm(request.POST, prefix="preview")
    done = f"Preview link to revision {revision.pk} made."
    return _act(request, desk, "preview", form, create, done)


@member_required
@require_POST
def preview_link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        link = selectors.editorial_preview_link(pk)
    except PreviewLink.DoesNotExist:
        raise Http404("No preview link with this number.") from None
    desk, user = _article_or_404(link.revision.article_id), request.user

    def revoke(data: dict[str, Any]) -> object:
        return services.preview_link_revoke(link=link, by=user)

    form = django_forms.Form(request.POST)
    return _act(request, desk, "preview", form, revoke, "Preview link revoked.")


# Previews


@member_required
@require_GET
def revision_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """A revision as readers would see it, for the newsroom."""
    return render_revision(request, _revision_or_404(pk))


def render_revision(request: HttpRequest, revision: ArticleRevision) -> HttpResponse:
    """``revision`` rendered as its article page will show it, marked ``noindex`` and never
    cached: the editor's preview here and the public ``/preview/<token>/`` page both use it.

    Entity links, chips and Watch Now come from the article as linked at its last save (names
    new in the revision are linked once it is saved as the article); Similar Articles are the
    article's as they stand."""
    article = article_selectors.article_for_preview(revision.article)
    locale = discovery.reader_locale(request)
    context = {
        "revision": revision,
        "article": article,
        "body_html": linking_services.linked_body_html(article=article, body=revision.body),
        "entities": article.entities.all(),
        "discovery": discovery.article_discovery(article, locale=locale),
        "tags": selectors.tags_for_names(list(revision.tags)),
        "published_at": article.published_at or timezone.now(),
        "trailer": trailer_for(revision.trailer_url),
    }
    response = render(request, "newsroom/editorial/revision_preview.html", context)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response
