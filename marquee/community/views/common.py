"""What every community view shares: content negotiation, input parsing, refusals."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from marquee.community.errors import Refusal
from marquee.community.textcheck import text_problem
from marquee.newsroom.models import Article


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def payload(request: HttpRequest) -> dict[str, Any]:
    """The submitted fields, from a JSON body or a form: every write endpoint reads its input
    here, and takes text out of it with ``text_field``.

    A body that is not a JSON object is refused (``invalid_json``, 400), including one nested
    too deeply for the parser (``RecursionError``) or in a broken encoding.
    """
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            raise Refusal("invalid_json", "The request body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise Refusal("invalid_json", "The request body must be a JSON object.")
        return data
    return request.POST.dict()


def text_field(data: dict[str, Any], name: str) -> str:
    """The text field ``name`` ("" when absent); refused when it is not text, or holds what
    cannot be stored (a NUL character, an unpaired surrogate: ``textcheck``)."""
    value = data.get(name, "")
    if not isinstance(value, str):
        raise Refusal("invalid_field", f"“{name}” must be text.")
    problem = text_problem(value, field=name)
    if problem:
        raise Refusal("invalid_text", problem)
    return value


def public_article(slug: str) -> Article:
    try:
        return Article.objects.published().get(slug=slug)
    except Article.DoesNotExist:
        raise Http404("No published article with this address.") from None


def refusal_response(
    request: HttpRequest, refusal: Refusal, *, back_url: str = "", back_label: str = ""
) -> HttpResponse:
    """The refusal as ``{"error": {...}}`` for JSON clients, or as a page saying why."""
    if wants_json(request):
        response: HttpResponse = JsonResponse(refusal.as_json(), status=refusal.status)
    else:
        response = render(
            request,
            "community/refusal.html",
            {"refusal": refusal, "back_url": back_url, "back_label": back_label},
            status=refusal.status,
        )
    if refusal.retry_after:
        response["Retry-After"] = str(refusal.retry_after)
    return response


def login_required_response(request: HttpRequest, message: str, next_url: str) -> HttpResponse:
    """401 with a reason for JSON clients; the log-in page (then back) for people."""
    if wants_json(request):
        return JsonResponse(Refusal("not_authenticated", message, status=401).as_json(), status=401)
    return redirect_to_login(next_url)


def signed_in(request: HttpRequest) -> User:
    """The logged-in reader, in views already guarded by a log-in check."""
    if not isinstance(request.user, User):
        raise PermissionDenied("Log in first.")
    return request.user
