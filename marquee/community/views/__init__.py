"""Community views: accounts, article engagement, moderation (one module each)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import csrf

from marquee.community.errors import Refusal
from marquee.community.views.common import wants_json


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal page, or a JSON refusal for JSON clients (CSRF_FAILURE_VIEW)."""
    if wants_json(request):
        refusal = Refusal(
            "csrf_failed",
            "This request is missing a valid CSRF token (send the csrftoken cookie's value "
            f"in the X-CSRFToken header): {reason}",
            status=403,
        )
        return JsonResponse(refusal.as_json(), status=403)
    return csrf.csrf_failure(request, reason=reason)
