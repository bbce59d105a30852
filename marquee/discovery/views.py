"""Discovery pages and forms: search, the Watch Now region picker, follow buttons."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from marquee.catalog.models import Person, Title
from marquee.community.textcheck import text_problem
from marquee.discovery import selectors, services
from marquee.discovery.region_cookie import remember_region
from marquee.discovery.regions import clean_region


def _next_url(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    result = selectors.search(text, page=page) if text.strip() else None
    return render(request, "discovery/search.html", {"q": text, "result": result})


@csrf_exempt  # a display preference of the reader's own browser; the form sits on shared pages
@require_POST
def region_set(request: HttpRequest) -> HttpResponse:
    """Remember the reader's Watch Now region in a cookie; an empty choice forgets it."""
    response = HttpResponseRedirect(_next_url(request, reverse("home")))
    return remember_region(response, clean_region(request.POST.get("region")))


def _bad_request(code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=400)


@require_POST
@login_required
def follow(request: HttpRequest) -> HttpResponse:
    """Follow or unfollow (``action=unfollow``) a person or title given by ``kind`` and ``slug``."""
    user = request.user
    if not isinstance(user, User):  # login_required lets only signed-in readers through
        raise PermissionDenied
    kind = request.POST.get("kind")
    slug = request.POST.get("slug", "")
    problem = text_problem(slug, field="slug")  # PostgreSQL refuses a NUL even in a lookup
    if problem:
        return _bad_request("invalid_text", problem)
    target: Person | Title
    if kind == "person":
        target = get_object_or_404(Person, slug=slug)
    elif kind == "title":
        target = get_object_or_404(Title, slug=slug)
    else:
        return _bad_request("invalid_field", "“kind” must be person or title.")
    person = target if isinstance(target, Person) else None
    title = target if isinstance(target, Title) else None
    if request.POST.get("action") == "unfollow":
        services.follow_delete(user=user, person=person, title=title)
    else:
        services.follow_create(user=user, person=person, title=title)
    return HttpResponseRedirect(_next_url(request, target.get_absolute_url()))
