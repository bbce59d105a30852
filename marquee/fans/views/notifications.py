"""``/notifications/``: what the reader asked to hear about (HTML, or JSON for scripts)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from marquee.community.errors import Refusal
from marquee.community.views.common import (
    login_required_response,
    payload,
    refusal_response,
    signed_in,
    wants_json,
)
from marquee.fans import selectors, services


@never_cache
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    """The newest notifications; JSON (``Accept: application/json``) leaves them unread, the
    page marks them read once shown (as opening the replies page does)."""
    if not request.user.is_authenticated:
        return login_required_response(
            request, "Log in to see your notifications.", reverse("fans:notifications")
        )
    user = signed_in(request)
    items = selectors.notifications_of(user)
    if wants_json(request):
        return JsonResponse({"notifications": [selectors.notification_as_json(n) for n in items]})
    services.notifications_mark_read(user=user, ids=[n.pk for n in items if not n.read])
    return render(request, "fans/notifications.html", {"notifications": items})


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark notifications read: ``id`` (repeatable; a JSON list ``ids``) or all of them."""
    if not request.user.is_authenticated:
        return login_required_response(
            request, "Log in to see your notifications.", reverse("fans:notifications")
        )
    try:
        data = payload(request)
        ids = (
            data.get("ids")
            if request.content_type == "application/json"
            else request.POST.getlist("id")
        )
        if ids is not None and not (
            isinstance(ids, list) and all(str(i).isascii() and str(i).isdigit() for i in ids)
        ):
            raise Refusal("invalid_ids", "“ids” must be a list of notification ids.")
    except Refusal as refusal:
        return refusal_response(request, refusal)
    marked = services.notifications_mark_read(
        user=signed_in(request), ids=[int(i) for i in ids] if ids else None
    )
    if wants_json(request):
        return JsonResponse({"marked": marked})
    return HttpResponseRedirect(reverse("fans:notifications"))
