"""``/preview/<token>/``: a draft or revision, read through a signed, expiring, revocable link
by someone without an account (docs/workflow.md)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from marquee.newsroom import services
from marquee.newsroom.views.editorial import render_revision


@require_safe
@never_cache
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """The revision the token names, as its article page will show it: ``noindex``, never
    cached (not by browsers, not by the page cache), without reactions or comments. A token
    tampered with, expired, revoked or naming nothing is a 404 that says no more."""
    try:
        revision = services.preview_revision(token)
    except services.PreviewInvalid:
        raise Http404("No preview at this address.") from None
    response = render_revision(request, revision)
    response["X-Robots-Tag"] = "noindex"
    return response
