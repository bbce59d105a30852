"""Sign-up, log-in (rate-limited), log-out, password reset, profile and account deletion."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from marquee.community import services
from marquee.community.models import Comment, ReaderProfile
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
    assert response.status_code == 200  # refused even with the right password
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
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)
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
