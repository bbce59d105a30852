"""Sign-up, log-in (rate-limited), log-out, password reset, profile and account deletion."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from marquee.community import services
from marquee.community.models import Comment, Reaction, ReaderProfile
from marquee.newsroom.models import Article
from tests.community.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_up_logs_in_and_returns_to_next() -> None:
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "username": "nam-yoonsu",
            "email": "yoonsu@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "/articles/x/#comments",
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/articles/x/#comments")
    user = User.objects.get(username="nam-yoonsu")
    assert user.email == "yoonsu@example.com"
    assert ReaderProfile.objects.filter(user=user).exists()
    assert "nam-yoonsu" in client.get("/").content.decode()


def test_sign_up_applies_djangos_password_validators_and_says_why(reader: User) -> None:
    response = Client().post(
        "/accounts/signup/",
        {
            "username": "jaehee",
            "email": "JAEHEE@example.com",
            "password1": "1234",
            "password2": "1234",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "A user with that username already exists." in html
    assert "An account with this email address exists already." in html
    assert "This password is too short. It must contain at least 8 characters." in html
    assert "This password is entirely numeric." in html
    assert User.objects.count() == 1


def test_sign_up_refuses_an_unsafe_next() -> None:
    response = Client().post(
        "/accounts/signup/",
        {
            "username": "a",
            "email": "a@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/accounts/profile/"


def test_log_in_and_log_out(reader: User) -> None:
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "jaehee", "password": PASSWORD, "next": "/tags/film/"}
    )
    assert response["Location"] == "/tags/film/"
    assert client.post("/accounts/logout/")["Location"] == "/"
    assert "Log in" in client.get("/").content.decode()


def test_wrong_password_says_so(reader: User) -> None:
    response = Client().post("/accounts/login/", {"username": "jaehee", "password": "nope"})
    assert "Please enter a correct username and password." in response.content.decode()


def test_log_in_attempts_are_limited_per_account(reader: User) -> None:
    for address in range(5):
        Client(REMOTE_ADDR=f"10.0.0.{address}").post(
            "/accounts/login/", {"username": "jaehee", "password": "wrong"}
        )
    response = Client(REMOTE_ADDR="10.0.1.1").post(
        "/accounts/login/", {"username": "JaeHee", "password": PASSWORD}
    )
    html = response.content.decode()
    assert response.status_code == 429  # refused even with the right password
    assert "Too many failed log-in attempts for this account. Try again in " in html
    assert "_auth_user_id" not in response.client.session


def test_log_in_attempts_are_limited_per_address(reader: User, settings: Any) -> None:
    settings.MARQUEE_LOGIN_RATE_LIMITS = {"account": (100, 900), "address": (3, 900)}
    client = Client(REMOTE_ADDR="192.0.2.7")
    for name in ("a", "b", "c"):
        client.post("/accounts/login/", {"username": name, "password": "wrong"})
    html = client.post("/accounts/login/", {"username": "jaehee", "password": PASSWORD}).content
    assert "Too many failed log-in attempts for your network address." in html.decode()
    other = Client(REMOTE_ADDR="192.0.2.8")
    assert (
        other.post("/accounts/login/", {"username": "jaehee", "password": PASSWORD}).status_code
        == 302
    )


def test_password_reset_by_email(reader: User) -> None:
    client = Client()
    response = client.post("/accounts/password-reset/", {"email": "jaehee@example.com"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your Marquee password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", str(message.body))
    assert link, message.body
    form = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "an0ther-Secret!", "new_password2": "an0ther-Secret!"},
    )
    assert done["Location"] == "/accounts/reset/done/"
    assert Client().login(username="jaehee", password="an0ther-Secret!")


def test_profile_lists_comments_and_reactions(reader: User, article: Article) -> None:
    services.comment_post(author=reader, article=article, body="My *take*")
    services.reaction_set(reader=reader, article=article, kind="wow")
    client = Client()
    client.force_login(reader)
    html = client.get("/accounts/profile/").content.decode()
    assert "<p>My <em>take</em></p>" in html
    assert "😮" in html and "warmest film</a>" in html
    assert (
        Client().get("/accounts/profile/")["Location"] == "/accounts/login/?next=/accounts/profile/"
    )


def test_account_deletion_needs_the_password(reader: User, article: Article) -> None:
    comment = services.comment_post(author=reader, article=article, body="Stays")
    client = Client()
    client.force_login(reader)
    wrong = client.post("/accounts/delete/", {"password": "nope"})
    assert wrong.status_code == 400
    assert "That password is not right, so your account was not deleted." in wrong.content.decode()
    assert (
        "Your account was deleted"
        in client.post("/accounts/delete/", {"password": PASSWORD}).content.decode()
    )
    assert not User.objects.filter(pk=reader.pk).exists()
    assert Comment.objects.get(pk=comment.pk).author is None
    html = Client().get(article.get_absolute_url()).content.decode()
    assert '<span class="comment__author">deleted user</span>' in html


# --- limits -------------------------------------------------------------------------------

WAIT = r"Try again in \d+ (?:seconds?|minutes?)"


def sign_up(client: Client, name: str) -> Any:
    return client.post(
        "/accounts/signup/",
        {
            "username": name,
            "email": f"{name}@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_sign_ups_are_limited_per_network_address(settings: Any) -> None:
    settings.MARQUEE_SIGNUP_RATE_LIMITS = [(2, 3600)]
    assert sign_up(Client(REMOTE_ADDR="192.0.2.1"), "first").status_code == 302
    assert sign_up(Client(REMOTE_ADDR="192.0.2.1"), "second").status_code == 302
    refused = sign_up(Client(REMOTE_ADDR="192.0.2.1"), "third")
    assert refused.status_code == 429
    assert re.search(
        "Too many accounts were created from your network address. " + WAIT + r"\.",
        refused.content.decode(),
    )
    assert sign_up(Client(REMOTE_ADDR="192.0.2.2"), "fourth").status_code == 302
    assert sorted(User.objects.values_list("username", flat=True)) == ["first", "fourth", "second"]


def test_behind_the_proxy_the_configured_header_is_the_address(settings: Any) -> None:
    """Through deploy/nginx every connection comes from the proxy; it puts the client's address
    in X-Real-IP, which the limits then count by (X-Forwarded-For stays untrusted)."""
    settings.MARQUEE_SIGNUP_RATE_LIMITS = [(1, 3600)]
    settings.MARQUEE_CLIENT_ADDRESS_HEADER = "X-Real-IP"
    proxy = "127.0.0.1"
    assert (
        sign_up(Client(REMOTE_ADDR=proxy, HTTP_X_REAL_IP="192.0.2.1"), "first").status_code == 302
    )
    assert (
        sign_up(Client(REMOTE_ADDR=proxy, HTTP_X_REAL_IP="192.0.2.2"), "second").status_code == 302
    )
    again = Client(
        REMOTE_ADDR=proxy, HTTP_X_REAL_IP="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert sign_up(again, "third").status_code == 429


def test_invalid_sign_ups_do_not_count(settings: Any) -> None:
    settings.MARQUEE_SIGNUP_RATE_LIMITS = [(1, 3600)]
    client = Client(REMOTE_ADDR="192.0.2.1")
    for _ in range(3):
        assert client.post("/accounts/signup/", {"username": "x"}).status_code == 200
    assert sign_up(client, "first").status_code == 302


def ask_reset(address: str, email: str) -> Any:
    return Client(REMOTE_ADDR=address).post("/accounts/password-reset/", {"email": email})


def test_password_reset_mails_are_limited_per_email_address(reader: User, settings: Any) -> None:
    settings.MARQUEE_PASSWORD_RESET_RATE_LIMITS = {"email": (2, 3600), "address": (100, 3600)}
    for index in range(2):
        assert ask_reset(f"192.0.2.{index}", "jaehee@example.com").status_code == 302
    refused = ask_reset("192.0.2.9", "JaeHee@Example.com")
    assert refused.status_code == 429
    assert re.search(
        "Too many password-reset emails were asked for this email address. " + WAIT,
        refused.content.decode(),
    )
    assert len(mail.outbox) == 2
    # an address without an account is limited the same way: the answer tells nothing
    for _ in range(2):
        assert ask_reset("192.0.2.1", "nobody@example.com").status_code == 302
    assert ask_reset("192.0.2.1", "nobody@example.com").status_code == 429


def test_password_reset_mails_are_limited_per_network_address(reader: User, settings: Any) -> None:
    settings.MARQUEE_PASSWORD_RESET_RATE_LIMITS = {"email": (100, 3600), "address": (2, 3600)}
    assert ask_reset("192.0.2.1", "a@example.com").status_code == 302
    assert ask_reset("192.0.2.1", "b@example.com").status_code == 302
    refused = ask_reset("192.0.2.1", "jaehee@example.com")
    assert refused.status_code == 429
    assert re.search(
        "Too many password-reset emails were asked from your network address. " + WAIT,
        refused.content.decode(),
    )
    assert mail.outbox == []
    assert ask_reset("192.0.2.2", "jaehee@example.com").status_code == 302
    assert len(mail.outbox) == 1


def change_password(client: Client, old: str) -> Any:
    new = "n3w-Passw0rd!x"
    return client.post(
        "/accounts/password/",
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_password_change_stops_checking_after_too_many_wrong_passwords(reader: User) -> None:
    """24 wrong guesses, then the right password: refused, and the password is unchanged."""
    client = Client()
    client.force_login(reader)
    answers = [change_password(client, f"guess-{index}") for index in range(24)]
    assert [a.status_code for a in answers] == [200] * 5 + [429] * 19
    assert "Your old password was entered incorrectly." in answers[0].content.decode()
    assert re.search(
        "Too many wrong passwords for this account. " + WAIT, answers[5].content.decode()
    )
    right = change_password(client, PASSWORD)
    assert right.status_code == 429
    assert User.objects.get(pk=reader.pk).check_password(PASSWORD)
    # the same budget guards logging in
    login = Client().post("/accounts/login/", {"username": "jaehee", "password": PASSWORD})
    assert login.status_code == 429
    assert "Too many failed log-in attempts for this account." in login.content.decode()


def test_account_deletion_stops_checking_after_too_many_wrong_passwords(reader: User) -> None:
    client = Client()
    client.force_login(reader)
    answers = [client.post("/accounts/delete/", {"password": f"guess-{i}"}) for i in range(24)]
    assert [a.status_code for a in answers] == [400] * 5 + [429] * 19
    assert re.search(
        "Too many wrong passwords for this account. " + WAIT, answers[-1].content.decode()
    )
    assert client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 429
    assert User.objects.filter(pk=reader.pk).exists()


def test_right_passwords_do_not_use_up_the_budget(reader: User) -> None:
    from marquee.community.forms import check_password_limited

    assert all(check_password_limited(reader, PASSWORD) for _ in range(8))
    assert [check_password_limited(reader, "wrong") for _ in range(5)] == [False] * 5
    with pytest.raises(ValidationError, match="Too many wrong passwords for this account"):
        check_password_limited(reader, PASSWORD)


def test_simultaneous_wrong_passwords_are_checked_at_most_the_limit(
    reader: User, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """24 simultaneous guesses at 5 per account: 5 reach the password hasher."""
    from django.test import override_settings

    from marquee.community.forms import check_password_limited

    checked: list[str] = []
    real_check = User.check_password

    def counting_check(user: User, raw_password: str) -> bool:
        checked.append(raw_password)
        return real_check(user, raw_password)

    monkeypatch.setattr(User, "check_password", counting_check)
    user = User.objects.get(pk=reader.pk)
    start = threading.Barrier(24)
    refused: list[str] = []

    def guess(index: int) -> None:
        start.wait(timeout=30)
        try:
            check_password_limited(user, f"guess-{index}")
        except ValidationError as error:
            refused.append(error.code or "")

    caches = {"default": {"BACKEND": "tests.community.slow_cache.SlowLocMemCache"}}
    with override_settings(CACHES=caches):
        threads = [threading.Thread(target=guess, args=(i,)) for i in range(24)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert (len(checked), refused) == (5, ["rate_limited"] * 19)


def test_reactions_are_limited_per_reader(reader: User, article: Article, settings: Any) -> None:
    settings.MARQUEE_REACTION_RATE_LIMITS = [(3, 60)]
    client = Client()
    client.force_login(reader)
    path = article.get_absolute_url() + "react/"
    for kind in ("love", "haha", "love"):
        assert (
            client.post(path, {"reaction": kind}, HTTP_ACCEPT="application/json").status_code == 200
        )
    refused = client.post(path, {"reaction": "wow"}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["error"]["code"] == "rate_limited"
    assert re.fullmatch(
        r"You are reacting too quickly\. Please wait \d+ seconds? and try again\.|"
        r"You are reacting too quickly\. Please wait 1 minute and try again\.",
        refused.json()["error"]["message"],
    )
    assert Reaction.objects.get().kind == "love"
