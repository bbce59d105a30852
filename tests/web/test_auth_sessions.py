"""The session store and authentication backend that read with one plain statement behave as
Django's own: the same reader, the same refusals (marquee/web/sessions, marquee/web/auth.py)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from marquee.web.auth import PlainModelBackend
from marquee.web.sessions import SessionStore

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader() -> User:
    return User.objects.create_user("jiwoo", password="a long enough password")


def _name_in_header(client: Client) -> bool:
    return b'class="account-nav__me"' in client.get("/").content


def test_a_logged_in_reader_is_loaded_by_the_plain_backend(reader: User) -> None:
    client = Client()
    assert client.login(username="jiwoo", password="a long enough password")
    assert client.session[BACKEND_SESSION_KEY] == "marquee.web.auth.PlainModelBackend"
    loaded = PlainModelBackend().get_user(reader.pk)
    assert loaded is not None
    assert (loaded.pk, loaded.username, loaded.password) == (reader.pk, "jiwoo", reader.password)
    assert loaded._state.adding is False and loaded._state.db == "default"
    assert _name_in_header(client)


def test_inactive_deleted_and_malformed_ids_are_no_reader(reader: User) -> None:
    backend = PlainModelBackend()
    assert backend.get_user("not a number") is None
    assert backend.get_user(reader.pk + 1000) is None
    client = Client()
    client.force_login(reader)
    reader.is_active = False
    reader.save()
    assert backend.get_user(reader.pk) is None
    assert not _name_in_header(client)


def test_sessions_made_with_djangos_backend_keep_working(reader: User) -> None:
    client = Client()
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")
    assert _name_in_header(client)


def test_the_store_reads_live_sessions_only(reader: User) -> None:
    client = Client()
    client.force_login(reader)
    key = client.session.session_key
    assert SessionStore(key).load()["_auth_user_id"] == str(reader.pk)
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(key)
    assert expired.load() == {} and expired.session_key is None
    assert not _name_in_header(client)
    assert SessionStore("no-such-session-key-at-all").load() == {}


def test_logging_out_ends_the_session(reader: User) -> None:
    client = Client()
    client.force_login(reader)
    key = client.session.session_key
    client.post("/accounts/logout/")
    assert SessionStore(key).load() == {}
    assert not _name_in_header(client)
