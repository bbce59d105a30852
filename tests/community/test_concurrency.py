"""Reaction counts stay exact with many readers switching at once, against a live server."""

from __future__ import annotations

import json
import random
import re
import threading
from http.cookiejar import CookieJar
from typing import Any
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from django.contrib.auth.models import User
from django.db.models import Count

from marquee.community import services
from marquee.community.models import Reaction
from tests.community.conftest import PASSWORD
from tests.conftest import make_article

CLIENTS = 50
ROUNDS = 6
KEYS = ["love", "haha", "wow", "sad", "angry"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class ReaderSession:
    """One reader with their own cookies, talking HTTP to the live server."""

    def __init__(self, base_url: str, username: str) -> None:
        self.base_url = base_url
        self.username = username
        self.jar = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.jar))
        self.mine: str | None = None
        self.responses: list[dict[str, Any]] = []

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name and c.value)

    def log_in(self) -> None:
        page = self.opener.open(f"{self.base_url}/accounts/login/", timeout=60).read().decode()
        match = TOKEN.search(page)
        assert match
        form = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": match[1]}
        self.opener.open(
            Request(f"{self.base_url}/accounts/login/", data=urlencode(form).encode()), timeout=60
        ).read()
        assert self.cookie("sessionid")

    def react(self, path: str, kind: str) -> dict[str, Any]:
        request = Request(
            f"{self.base_url}{path}",
            data=json.dumps({"reaction": kind}).encode(),
            headers={
                "Accept": "application/json",
                "Content-Type": "application/json",
                "X-CSRFToken": self.cookie("csrftoken"),
            },
        )
        with self.opener.open(request, timeout=60) as response:
            data: dict[str, Any] = json.loads(response.read())
        self.mine = data["mine"]
        self.responses.append(data)
        return data


@pytest.mark.django_db(transaction=True)
def test_fifty_readers_switching_at_once_leave_exact_counts(live_server: Any) -> None:
    article = make_article("busy-article")
    for index in range(CLIENTS):
        services.account_create(
            username=f"reader{index}", email=f"reader{index}@example.com", password=PASSWORD
        )
    path = f"/articles/{article.slug}/react/"
    sessions = [ReaderSession(live_server.url, f"reader{index}") for index in range(CLIENTS)]
    start = threading.Barrier(CLIENTS)
    errors: list[BaseException] = []

    def run(session: ReaderSession, seed: int) -> None:
        chooser = random.Random(seed)
        try:
            session.log_in()
            start.wait(timeout=120)
            for _ in range(ROUNDS):
                # a narrow choice makes switching and removing (same again) frequent
                expected_before = session.mine
                kind = chooser.choice(KEYS[:3])
                data = session.react(path, kind)
                assert data["mine"] == (None if expected_before == kind else kind)
                assert sum(data["counts"].values()) <= CLIENTS
        except BaseException as error:  # reported below, with the thread's reader
            errors.append(error)
            start.abort()

    threads = [
        threading.Thread(target=run, args=(session, index))
        for index, session in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []

    rows = dict(
        Reaction.objects.filter(article=article)
        .values_list("kind")
        .order_by("kind")
        .annotate(total=Count("pk"))
    )
    expected = {key: sum(1 for s in sessions if s.mine == key) for key in KEYS}
    shown = ReaderSession(live_server.url, "anonymous")
    with shown.opener.open(
        Request(f"{live_server.url}{path}", headers={"Accept": "application/json"}), timeout=60
    ) as response:
        counts = json.loads(response.read())["counts"]
    assert counts == expected
    assert counts == {key: rows.get(key, 0) for key in KEYS}
    assert Reaction.objects.filter(article=article).count() == sum(
        1 for s in sessions if s.mine is not None
    )
    for session in sessions:
        user = User.objects.get(username=session.username)
        stored = Reaction.objects.filter(article=article, user=user).values_list("kind", flat=True)
        assert list(stored) == ([session.mine] if session.mine else [])
    assert sum(len(s.responses) for s in sessions) == CLIENTS * ROUNDS
