"""``/accounts/settings/``: the reader's region, subtitle languages, public watchlist, e-mail
digest and personal API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from marquee.api import tokens
from marquee.catalog.codes import LANGUAGE_NAMES
from marquee.community.errors import Refusal
from marquee.community.views.common import payload, refusal_response, signed_in, wants_json
from marquee.discovery.region_cookie import remember_region
from marquee.discovery.regions import picker_regions
from marquee.discovery.selectors import reader_locale
from marquee.fans import services
from marquee.fans.models import DigestFrequency, FanSettings


def _submitted(request: HttpRequest) -> dict[str, Any]:
    """The settings in a JSON body or a form; in a form, ``subtitles`` may repeat or hold
    comma-separated codes, and an unticked ``watchlist_public`` box means no."""
    if request.content_type == "application/json":
        data = payload(request)
        subtitles = data.get("subtitles")
        if subtitles is not None and not isinstance(subtitles, list):
            raise Refusal("invalid_subtitles", "“subtitles” must be a list of ISO 639-1 codes.")
        public = data.get("watchlist_public")
        if public is not None and not isinstance(public, bool):
            raise Refusal("invalid_field", "“watchlist_public” must be true or false.")
        region, digest = data.get("region"), data.get("digest")
        for name, value in (("region", region), ("digest", digest)):
            if value is not None and not isinstance(value, str):
                raise Refusal("invalid_field", f"“{name}” must be text.")
        return {
            "region": region,
            "subtitles": subtitles,
            "watchlist_public": public,
            "digest": digest,
        }
    codes = [code for value in request.POST.getlist("subtitles") for code in value.split(",")]
    return {
        "region": request.POST.get("region", ""),
        "subtitles": [code for code in codes if code.strip()],
        "watchlist_public": request.POST.get("watchlist_public") in ("on", "1", "true"),
        "digest": request.POST.get("digest") or None,
    }


def _as_json(settings: FanSettings) -> dict[str, object]:
    return {
        "region": settings.region or None,
        "subtitles": list(settings.subtitles),
        "watchlist_public": settings.watchlist_public,
        "digest": settings.digest,
    }


def _language_choices(chosen: list[str]) -> list[tuple[str, str, bool]]:
    """(code, name, chosen): the named languages, plus any other code the reader chose."""
    codes = sorted(LANGUAGE_NAMES, key=LANGUAGE_NAMES.__getitem__)
    extra = [code for code in chosen if code not in LANGUAGE_NAMES]
    return [(code, LANGUAGE_NAMES.get(code, code), code in chosen) for code in [*codes, *extra]]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    settings = services.settings_for(user)
    error = ""
    if request.method == "POST":
        try:
            settings = services.settings_update(user=user, **_submitted(request))
        except Refusal as refusal:
            if wants_json(request):
                return refusal_response(request, refusal)
            error = refusal.message
        else:
            if wants_json(request):
                return remember_region(
                    JsonResponse({"settings": _as_json(settings)}), settings.region
                )
            messages.success(request, "Your settings are saved.")
            return remember_region(HttpResponseRedirect(reverse("fans:settings")), settings.region)
    elif wants_json(request):
        return JsonResponse({"settings": _as_json(settings)})
    region = settings.region or reader_locale(request).region
    chosen = request.POST.getlist("subtitles") if error else list(settings.subtitles)
    return render(
        request,
        "fans/settings.html",
        {
            "settings": settings,
            "region": region,
            "regions": picker_regions([region]),
            "languages": _language_choices(chosen),
            "digests": DigestFrequency.choices,
            "error": error,
            "tokens": tokens.tokens_of(user),
            "new_token": request.session.pop("fans_new_token", None),
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """A new personal API token; its secret is shown once, on the settings page that follows."""
    user = signed_in(request)
    try:
        token, secret = tokens.token_create(user=user, name=request.POST.get("name", ""))
    except Refusal as refusal:
        return refusal_response(
            request, refusal, back_url=reverse("fans:settings"), back_label="Your settings"
        )
    request.session["fans_new_token"] = {"name": token.name, "secret": secret}
    return HttpResponseRedirect(reverse("fans:settings") + "#api-tokens")


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the reader's own tokens (someone else's id: 404)."""
    if not tokens.token_revoke(user=signed_in(request), token_id=token_id):
        return refusal_response(
            request, Refusal("unknown_token", "You have no token with this id.", status=404)
        )
    messages.success(request, "The token is revoked: requests that use it are refused now.")
    return HttpResponseRedirect(reverse("fans:settings") + "#api-tokens")
