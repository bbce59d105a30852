"""The reader's own endpoints of the API and personal tokens: docs/api.md, "Personal endpoints"."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from marquee.api import tokens
from marquee.api.models import ApiToken
from marquee.catalog.models import Platform, Title
from marquee.fans.models import Notification, WatchlistEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def fan(small_kb: dict[str, Any]) -> User:
    return User.objects.create_user("fan", "fan@example.com", "a-long-password-1")


@pytest.fixture
def secret(fan: User) -> str:
    return tokens.token_create(user=fan, name="my phone")[1]


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_token_reads_and_changes_the_watchlist(fan: User, secret: str) -> None:
    client = Client()
    response = client.post(
        "/api/v1/me/watchlist",
        json.dumps({"title": "goblin", "state": "watching", "episode": 4}),
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 200
    assert response.json()["entry"]["episode"] == 4
    assert response["Cache-Control"].startswith("max-age=0")
    assert "private" in response["Cache-Control"]
    listing = client.get("/api/v1/me/watchlist", **bearer(secret)).json()
    assert [(e["title"], e["state"], e["episode"]) for e in listing["watchlist"]] == [
        ("goblin", "watching", 4)
    ]
    removed = client.post(
        "/api/v1/me/watchlist",
        json.dumps({"title": "goblin", "state": "none"}),
        content_type="application/json",
        **bearer(secret),
    )
    assert removed.json() == {"title": "goblin", "state": "none", "entry": None}
    assert not WatchlistEntry.objects.exists()
    assert ApiToken.objects.get().last_used_at is not None


def test_refusals_use_the_error_shape(fan: User, secret: str) -> None:
    client = Client()
    unknown = client.post(
        "/api/v1/me/watchlist",
        json.dumps({"title": "nothing-here"}),
        content_type="application/json",
        **bearer(secret),
    )
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "not_found"
    film = client.post(
        "/api/v1/me/watchlist",
        json.dumps({"title": "love-in-the-big-city-film", "episode": 3}),
        content_type="application/json",
        **bearer(secret),
    )
    assert film.status_code == 400
    assert film.json()["error"] == {
        "code": "invalid_episode",
        "message": "“Love in the Big City” is a film: it has no episodes.",
    }


@pytest.mark.parametrize(
    "header",
    [{}, {"HTTP_AUTHORIZATION": "Bearer mq_wrong"}, {"HTTP_AUTHORIZATION": "Bearer \u00e9"}],
)
def test_without_a_valid_token_or_session_401(fan: User, header: dict[str, str]) -> None:
    response = Client().get("/api/v1/me/notifications", **header)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_a_revoked_token_and_an_inactive_reader_are_refused(fan: User, secret: str) -> None:
    token = ApiToken.objects.get()
    fan.is_active = False
    fan.save()
    assert Client().get("/api/v1/me/watchlist", **bearer(secret)).status_code == 401
    fan.is_active = True
    fan.save()
    assert Client().get("/api/v1/me/watchlist", **bearer(secret)).status_code == 200
    other = User.objects.create_user("other", "o@example.com", "a-long-password-1")
    assert tokens.token_revoke(user=other, token_id=token.pk) is False  # not theirs
    assert tokens.token_revoke(user=fan, token_id=token.pk) is True
    assert Client().get("/api/v1/me/watchlist", **bearer(secret)).status_code == 401


def test_only_a_digest_of_the_secret_is_stored(fan: User, secret: str) -> None:
    token = ApiToken.objects.get()
    assert secret.startswith("mq_") and len(secret) > 40
    assert secret not in (token.digest, token.prefix)
    assert secret.startswith(token.prefix)


def test_notifications_are_each_readers_own(fan: User, secret: str) -> None:
    other = User.objects.create_user("other", "o@example.com", "a-long-password-1")
    goblin, viki = Title.objects.get(slug="goblin"), Platform.objects.get(slug="viki")
    mine = Notification.objects.create(
        user=fan, kind="available", key="a", title=goblin, platform=viki, region="MX"
    )
    theirs = Notification.objects.create(
        user=other, kind="available", key="a", title=goblin, platform=viki, region="MX"
    )
    client = Client()
    data = client.get("/api/v1/me/notifications", **bearer(secret)).json()
    assert [n["id"] for n in data["notifications"]] == [mine.pk]
    assert data["unread"] == 1
    read = client.post(
        "/api/v1/me/notifications/read",
        json.dumps({"ids": [mine.pk, theirs.pk]}),
        content_type="application/json",
        **bearer(secret),
    )
    assert read.json() == {"marked": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_session_auth_needs_the_csrf_token_to_write(fan: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(fan)
    assert client.get("/api/v1/me/watchlist").status_code == 200
    refused = client.post(
        "/api/v1/me/watchlist", json.dumps({"title": "goblin"}), content_type="application/json"
    )
    assert refused.status_code in (401, 403)
    assert not WatchlistEntry.objects.exists()


def test_settings_page_makes_shows_once_and_revokes_tokens(fan: User) -> None:
    client = Client()
    client.force_login(fan)
    response = client.post("/accounts/settings/tokens/", {"name": "scripts"})
    assert response.status_code == 302
    page = client.get("/accounts/settings/").content.decode()
    token = ApiToken.objects.get(name="scripts")
    assert f"<code data-token-secret>{token.prefix}" in page
    assert "data-token-secret" not in client.get("/accounts/settings/").content.decode()
    assert client.post("/accounts/settings/tokens/", {"name": ""}).status_code == 400
    other = User.objects.create_user("other", "o@example.com", "a-long-password-1")
    intruder = Client()
    intruder.force_login(other)
    assert intruder.post(f"/accounts/settings/tokens/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/settings/tokens/{token.pk}/revoke/").status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_the_openapi_document_describes_the_personal_endpoints(small_kb: Any) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/me/watchlist",
        "/api/v1/me/notifications",
        "/api/v1/me/notifications/read",
    } <= set(document["paths"])
    operation = document["paths"]["/api/v1/me/watchlist"]["get"]
    assert operation["security"]
