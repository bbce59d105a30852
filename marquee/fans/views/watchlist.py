"""The reader's watchlist: ``/watchlist/`` (GET the list, POST a change), the add form, and a
reader's public list."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from marquee.catalog.models import Title
from marquee.community.errors import Refusal
from marquee.community.textcheck import text_problem
from marquee.community.views.common import (
    login_required_response,
    payload,
    refusal_response,
    signed_in,
    wants_json,
)
from marquee.fans import selectors, services
from marquee.fans.models import WatchState
from marquee.fans.views.common import next_url


def _title(value: object) -> Title:
    if not isinstance(value, str) or not value:
        raise Refusal(
            "invalid_title", "“title” must be the id of a title, e.g. my-military-valentine."
        )
    problem = text_problem(value, field="title")
    if problem:
        raise Refusal("invalid_text", problem)
    title = Title.objects.filter(slug=value).first()
    if title is None:
        raise Refusal(
            "unknown_title", f"There is no title with the id “{value[:100]}”.", status=404
        )
    return title


def _groups(user: User) -> dict[str, object]:
    groups = selectors.watchlist_by_state(user)
    return {"groups": groups, "has_entries": any(entries for _, _, entries in groups)}


@never_cache
@require_http_methods(["GET", "POST"])
def watchlist(request: HttpRequest) -> HttpResponse:
    """GET: the reader's list (HTML, or JSON with ``Accept: application/json``). POST ``title``,
    ``state`` (or ``none`` to remove) and optionally ``episode``, as a form or JSON."""
    if not request.user.is_authenticated:
        return login_required_response(
            request, "Log in to keep a watchlist.", reverse("fans:watchlist")
        )
    user = signed_in(request)
    if request.method == "POST":
        try:
            data = payload(request)
            title = _title(data.get("title"))
            state = services.parse_state(data.get("state", WatchState.PLAN))
            entry = services.watchlist_set(
                user=user,
                title=title,
                state=state,
                episode=services.parse_episode(data.get("episode")),
            )
        except Refusal as refusal:
            return refusal_response(
                request, refusal, back_url=reverse("fans:watchlist"), back_label="Your watchlist"
            )
        if wants_json(request):
            return JsonResponse(
                {
                    "title": title.slug,
                    "state": entry.state if entry else "none",
                    "entry": selectors.watchlist_entry_as_json(entry) if entry else None,
                }
            )
        return HttpResponseRedirect(next_url(request, reverse("fans:watchlist")))
    if wants_json(request):
        entries = selectors.watchlist_of(user)
        return JsonResponse({"watchlist": [selectors.watchlist_entry_as_json(e) for e in entries]})
    return render(
        request,
        "fans/watchlist.html",
        {
            **_groups(user),
            "owner": user,
            "own": True,
            "settings": services.settings_for(user),
            "states": WatchState.choices,
        },
    )


@never_cache
@require_GET
def watchlist_add(request: HttpRequest) -> HttpResponse:
    """The form behind "Add to watchlist" links on cached pages (it carries the reader's own
    CSRF token, which a page shared by every reader cannot)."""
    if not request.user.is_authenticated:
        return login_required_response(
            request, "Log in to keep a watchlist.", request.get_full_path()
        )
    try:
        title = _title(request.GET.get("title"))
    except Refusal as refusal:
        return refusal_response(request, refusal)
    return render(
        request,
        "fans/watchlist_add.html",
        {
            "title": title,
            "entry": selectors.watchlist_entry(request.user, title.pk),
            "states": WatchState.choices,
            "next": next_url(request, title.get_absolute_url()),
        },
    )


@never_cache
@require_GET
def public_watchlist(request: HttpRequest, username: str) -> HttpResponse:
    """A reader's watchlist for others to see, when they made it public (404 otherwise, the same
    as for a reader who does not exist)."""
    owner = selectors.public_watchlist_owner(username, viewer=request.user)
    if owner is None:
        raise Http404("No public watchlist here.")
    return render(
        request,
        "fans/watchlist.html",
        {
            **_groups(owner),
            "owner": owner,
            "own": request.user.is_authenticated and request.user.pk == owner.pk,
        },
    )
