"""Reader settings, the watchlist and notifications on the web: docs/fans.md."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from marquee.catalog.models import Platform, Title
from marquee.fans import services
from marquee.fans.models import FanSettings, Notification, WatchlistEntry

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def fan(small_kb: dict[str, Any]) -> User:
    return User.objects.create_user("fan", "fan@example.com", "a-long-password-1")


@pytest.fixture
def fan_client(fan: User) -> Client:
    client = Client()
    client.force_login(fan)
    return client


def post_json(client: Client, path: str, data: Any) -> Any:
    return client.post(path, json.dumps(data), content_type="application/json", **JSON)


# Settings


def test_settings_form_saves_region_and_several_subtitle_languages(
    fan: User, fan_client: Client
) -> None:
    response = fan_client.post(
        "/accounts/settings/", {"region": "mx", "subtitles": ["es", "en"], "digest": "weekly"}
    )
    assert response.status_code == 302
    assert response.cookies["marquee_region"].value == "MX"
    saved = FanSettings.objects.get(user=fan)
    assert (saved.region, saved.subtitles, saved.digest, saved.watchlist_public) == (
        "MX", ["es", "en"], "weekly", False,
    )  # fmt: skip
    page = fan_client.get("/accounts/settings/")
    assert '<option value="MX" selected>Mexico</option>' in page.content.decode()
    assert 'value="es" checked' in page.content.decode()


def test_settings_accept_comma_separated_codes_and_json(fan: User, fan_client: Client) -> None:
    fan_client.post("/accounts/settings/", {"region": "BR", "subtitles": "pt,en"})
    assert FanSettings.objects.get(user=fan).subtitles == ["pt", "en"]
    response = post_json(fan_client, "/accounts/settings/", {"subtitles": ["ko"]})
    assert response.json() == {
        "settings": {
            "region": "BR",
            "subtitles": ["ko"],
            "watchlist_public": False,
            "digest": "off",
        }
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"region": "XX", "subtitles": "es"}, "“XX” is not an ISO 3166-1 alpha-2 region code."),
        ({"region": "MX", "subtitles": "spanish"}, "“spanish” is not an ISO 639-1 language code."),
        ({"region": "MX", "digest": "hourly"}, "“digest” must be one of off, daily, weekly"),
    ],
)
def test_bad_settings_are_refused_with_the_reason(
    fan: User, fan_client: Client, data: dict[str, str], message: str
) -> None:
    response = fan_client.post("/accounts/settings/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FanSettings.objects.filter(user=fan).exclude(region="").exists()


def test_settings_need_a_login() -> None:
    response = Client().get("/accounts/settings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_saved_region_and_language_drive_the_locale(fan: User, fan_client: Client) -> None:
    from marquee.discovery.selectors import reader_locale

    services.settings_update(user=fan, region="MX", subtitles=["es"])
    request = fan_client.get("/watchlist/").wsgi_request
    locale = reader_locale(request)
    assert (locale.region, locale.language, locale.subtitles) == ("MX", "es", ("es",))
    # Kept in the cache between pages, and forgotten as soon as the reader changes them.
    services.settings_update(user=fan, region="BR", subtitles=["pt"])
    locale = reader_locale(fan_client.get("/watchlist/").wsgi_request)
    assert (locale.region, locale.language, locale.subtitles) == ("BR", "pt", ("pt",))


# Watchlist


def test_add_change_and_remove_with_forms(fan: User, fan_client: Client) -> None:
    response = fan_client.post(
        "/watchlist/", {"title": "goblin", "state": "watching", "episode": "3"}
    )
    assert response.status_code == 302
    entry = WatchlistEntry.objects.get(user=fan)
    assert (entry.title.slug, entry.state, entry.episode) == ("goblin", "watching", 3)
    fan_client.post("/watchlist/", {"title": "goblin", "state": "on_hold"})
    entry.refresh_from_db()
    assert (entry.state, entry.episode) == ("on_hold", 3)  # the episode stays
    page = fan_client.get("/watchlist/").content.decode()
    assert "On hold" in page and "Episode 3" in page
    fan_client.post("/watchlist/", {"title": "goblin", "state": "none"})
    assert not WatchlistEntry.objects.filter(user=fan).exists()


def test_watchlist_json(fan: User, fan_client: Client) -> None:
    Title.objects.filter(slug="goblin").update(episodes=16)
    response = post_json(fan_client, "/watchlist/", {"title": "goblin", "state": "completed"})
    assert response.status_code == 200
    assert response.json()["state"] == "completed"
    assert response.json()["entry"]["episode"] == 16  # completing a series reaches its last one
    listing = fan_client.get("/watchlist/", **JSON).json()["watchlist"]
    assert [(e["title"], e["state"], e["episode"], e["episodes"]) for e in listing] == [
        ("goblin", "completed", 16, 16)
    ]


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({"title": "no-such-title", "state": "plan"}, 404, "unknown_title"),
        ({"title": "goblin", "state": "binged"}, 400, "invalid_state"),
        ({"title": "goblin", "state": "watching", "episode": "three"}, 400, "invalid_episode"),
        ({"title": "goblin", "state": "watching", "episode": -2}, 400, "invalid_episode"),
        ({"title": "goblin", "state": "watching", "episode": 17}, 400, "invalid_episode"),
        ({"title": "love-in-the-big-city-film", "episode": 2}, 400, "invalid_episode"),
        ({"title": ["goblin"]}, 400, "invalid_title"),
        ({"title": "gob\u0000lin"}, 400, "invalid_text"),
    ],
)
def test_bad_watchlist_changes_are_refused(
    fan: User, fan_client: Client, data: dict[str, Any], status: int, code: str
) -> None:
    Title.objects.filter(slug="goblin").update(episodes=16)
    response = post_json(fan_client, "/watchlist/", data)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert not WatchlistEntry.objects.exists()


def test_the_episode_message_names_the_count(fan_client: Client) -> None:
    Title.objects.filter(slug="goblin").update(episodes=16)
    response = post_json(fan_client, "/watchlist/", {"title": "goblin", "episode": 17})
    assert response.json()["error"]["message"] == (
        "“Guardian: The Lonely and Great God” has 16 episodes; episode 17 does not exist."
    )


def test_anonymous_readers_are_asked_to_log_in(small_kb: dict[str, Any]) -> None:
    client = Client()
    assert client.get("/watchlist/", **JSON).status_code == 401
    assert client.get("/notifications/", **JSON).status_code == 401
    assert client.get("/notifications/", **JSON).json()["error"]["code"] == "not_authenticated"
    response = client.get("/watchlist/add/?title=goblin")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/watchlist/add/")


def test_the_add_form_carries_the_readers_token(fan_client: Client) -> None:
    page = fan_client.get("/watchlist/add/?title=goblin&next=/titles/goblin/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert '<input type="hidden" name="title" value="goblin">' in page
    assert '<input type="hidden" name="next" value="/titles/goblin/">' in page
    assert fan_client.get("/watchlist/add/?title=nothing").status_code == 404


def test_a_private_watchlist_is_private(fan: User, fan_client: Client) -> None:
    services.watchlist_set(user=fan, title=Title.objects.get(slug="goblin"), state="plan")
    other = Client()
    other.force_login(User.objects.create_user("other", "o@example.com", "a-long-password-1"))
    assert other.get("/watchlist/fan/").status_code == 404
    assert Client().get("/watchlist/fan/").status_code == 404
    assert fan_client.get("/watchlist/fan/").status_code == 200  # one's own
    services.settings_update(user=fan, watchlist_public=True)
    page = other.get("/watchlist/fan/")
    assert page.status_code == 200
    assert "Guardian: The Lonely and Great God" in page.content.decode()
    assert 'name="state"' not in page.content.decode()  # no forms on someone else's list
    assert other.get("/watchlist/nobody/").status_code == 404


# Notifications


def make_notification(user: User, **values: Any) -> Notification:
    defaults: dict[str, Any] = {
        "kind": "available",
        "key": f"available:{values.get('region', 'MX')}:{Notification.objects.count()}",
        "title": Title.objects.get(slug="goblin"),
        "platform": Platform.objects.get(slug="viki"),
        "region": "MX",
        "subtitles": ["es"],
        "url": "https://www.viki.com/tv/goblin",
    }
    return Notification.objects.create(user=user, **{**defaults, **values})


def test_notifications_json_shape_and_privacy(fan: User, fan_client: Client) -> None:
    note = make_notification(fan)
    other = User.objects.create_user("other", "o@example.com", "a-long-password-1")
    make_notification(other)
    data = fan_client.get("/notifications/", **JSON).json()
    assert data == {
        "notifications": [
            {
                "id": note.pk,
                "kind": "available",
                "title": "goblin",
                "platform": "viki",
                "region": "MX",
                "subtitles": ["es"],
                "url": "https://www.viki.com/tv/goblin",
                "until": None,
                "person": None,
                "created_at": note.created_at.isoformat(),
                "read": False,
            }
        ]
    }


def test_the_header_counts_unread_and_the_page_marks_them_read(
    fan: User, fan_client: Client
) -> None:
    make_notification(fan)
    make_notification(fan, region="MX", key="available:other")
    home = fan_client.get("/").content.decode()
    assert '<span class="badge" data-unread-notifications>2</span>' in home
    page = fan_client.get("/notifications/").content.decode()
    assert "is now on Viki in MX with es subtitles" in page
    assert 'href="https://www.viki.com/tv/goblin"' in page
    assert Notification.objects.filter(user=fan, read_at__isnull=True).count() == 0
    assert "data-unread-notifications" not in fan_client.get("/").content.decode()


def test_marking_read_touches_only_ones_own(fan: User, fan_client: Client) -> None:
    mine = make_notification(fan)
    other = User.objects.create_user("other", "o@example.com", "a-long-password-1")
    theirs = make_notification(other)
    response = post_json(fan_client, "/notifications/read/", {"ids": [mine.pk, theirs.pk]})
    assert response.json() == {"marked": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert post_json(fan_client, "/notifications/read/", {"ids": "all"}).status_code == 400
