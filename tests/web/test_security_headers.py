"""The Content-Security-Policy every response carries (marquee.web.middleware)."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client

from marquee.web.middleware import ContentSecurityPolicyMiddleware, content_security_policy
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "font-src 'self'; connect-src 'self'; frame-src https://www.youtube-nocookie.com; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def test_every_kind_of_response_carries_the_policy(client: Client) -> None:
    make_article("with-trailer", trailer_url="https://youtu.be/abcdefghijk")
    for url in (
        "/",
        "/articles/with-trailer/",
        "/nowhere/",
        "/feeds/latest.rss",
        "/api/v1/articles",
        "/api/v1/docs",
        "/favicon.ico",
    ):
        assert client.get(url)["Content-Security-Policy"] == POLICY, url


def test_the_policy_is_built_from_the_setting() -> None:
    assert content_security_policy({"default-src": ["'self'"], "img-src": ["'self'", "data:"]}) == (
        "default-src 'self'; img-src 'self' data:"
    )


def test_a_response_with_its_own_policy_keeps_it(rf: Any) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse()
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = ContentSecurityPolicyMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_debug_error_pages_are_left_alone(rf: Any, settings: Any) -> None:
    """Django's debug pages style and script themselves inline."""
    settings.DEBUG = True
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse(status=404))
    assert "Content-Security-Policy" not in middleware(rf.get("/"))
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    assert middleware(rf.get("/"))["Content-Security-Policy"] == POLICY
