"""Every error of the API answers ``{"error": {"code": …, "message": …}}`` (docs/api.md)."""

from __future__ import annotations

import re
from typing import Any

from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.log import log_response
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from marquee.catalog.models import SLUG_PATTERN

SLUG = re.compile(SLUG_PATTERN)

CODES_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid_request",
    429: "too_many_requests",
    500: "server_error",
}


class ApiError(HttpError):
    """An error answered to the client with its own ``code``."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code, message)
        self.code = code


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def require_slug(value: str, message: str) -> str:
    """``value`` if it can be an id or slug at all (docs/knowledge-base.md), else a 404 with
    ``message``: no query for what cannot exist, and nothing a database refuses (PostgreSQL:
    NUL)."""
    if not SLUG.fullmatch(value):
        raise not_found(message)
    return value


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def _describe(errors: list[dict[str, Any]]) -> str:
    """``page: Input should be greater than or equal to 1`` for each invalid parameter."""
    parts = []
    for error in errors:
        # The first part of "loc" is where the value came from (query, path); the rest names it.
        location = ".".join(str(part) for part in error.get("loc", ())[1:])
        message = str(error.get("msg", "invalid value"))
        parts.append(f"{location}: {message}" if location else message)
    return "; ".join(parts) or "Invalid request."


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's ``{"detail": …}`` answers with Marquee's error body."""

    def respond(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
        return api.create_response(request, error_body(code, message), status=status)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = exc.code if isinstance(exc, ApiError) else CODES_BY_STATUS.get(exc.status_code)
        return respond(request, exc.status_code, code or "error", exc.message)

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, 422, "invalid_request", _describe(exc.errors))

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, "not_found", str(exc) or "Not found.")

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        # What Django does with an uncaught exception (tell listeners such as the test client,
        # log the traceback once), but answered in the API's shape; details stay in the log.
        got_request_exception.send(sender=None, request=request)
        response = respond(request, 500, "server_error", "Internal server error.")
        log_response(
            "%s: %s",
            "Internal Server Error",
            request.path,
            response=response,
            request=request,
            exception=exc,
        )
        return response


def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Paths under ``/api/v1/`` that no endpoint serves."""
    return JsonResponse(
        error_body("not_found", "No API endpoint at this path; see /api/v1/openapi.json."),
        status=404,
    )
