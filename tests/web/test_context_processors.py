"""The header's account links: loaded by a context processor, only when a template reads them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.template.loader import render_to_string
from django.test import RequestFactory

from marquee.community import services as community
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast_accounts(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MARQUEE_COMMENT_TRUSTED_AFTER = 0


def reader(username: str) -> User:
    return community.account_create(username=username, email="", password="long-password-1")


def render_nav(user: User | AnonymousUser) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("community/_account_nav.html", {}, request)


def test_reply_badge_counts_unread_replies_in_one_query(
    fast_accounts: None, django_assert_num_queries: Any
) -> None:
    jaehee, heungsoo = reader("jaehee"), reader("heungsoo")
    article = make_article("story")
    first = community.comment_post(author=jaehee, article=article, body="First.")
    for body in ("One.", "Two."):
        community.comment_post(author=heungsoo, article=article, body=body, parent_id=first.pk)
    with django_assert_num_queries(2):  # the reply badge, the notification badge
        html = render_nav(jaehee)
    assert (
        '<a class="account-nav__replies" href="/accounts/replies/" aria-label="Replies: 2 new">'
        'Replies <span class="badge" data-unread-replies>2</span></a>'
    ) in html
    assert "/moderation/" not in html


def test_moderators_get_the_queue_link(fast_accounts: None) -> None:
    moderator = reader("mod")
    moderator.is_staff = True
    moderator.save(update_fields=["is_staff"])
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    html = render_nav(User.objects.get(pk=moderator.pk))
    assert '<li><a href="/moderation/">Moderation</a></li>' in html
    assert "data-unread-replies" not in html


def test_anonymous_readers_and_pages_without_the_header_cost_nothing(
    fast_accounts: None, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(0):
        html = render_nav(AnonymousUser())
    assert ">Log in</a>" in html
    request = RequestFactory().get("/")
    request.user = reader("jaehee")
    with django_assert_num_queries(0):
        render_to_string("web/_pagination.html", {"page": None}, request)
