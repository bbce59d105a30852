"""The Content-Security-Policy header on every response (Django 5.2 has no CSP of its own)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

CSP_HEADER = "Content-Security-Policy"


def content_security_policy(directives: dict[str, list[str]]) -> str:
    """The header's value: ``{"img-src": ["'self'", "data:"]}`` → ``img-src 'self' data:``."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class ContentSecurityPolicyMiddleware:
    """Adds ``MARQUEE_CONTENT_SECURITY_POLICY`` to each response that has none of its own.

    Django's debug pages (``MARQUEE_DEBUG`` on, an error status) style and script themselves
    inline, so they are left without the header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.header = content_security_policy(settings.MARQUEE_CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if CSP_HEADER in response:
            return response
        if settings.DEBUG and response.status_code >= 400:
            return response
        response[CSP_HEADER] = self.header
        return response
