"""A small HTTP client for the set-up and checks: explicit cookies, no redirects followed.

Marquee in production marks its cookies ``Secure``; a browser would not send them back over
plain HTTP, but the server does not care how a cookie arrives, so the benchmark keeps them itself
and sends them to 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import json
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.web.processes import HOST, BenchError

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k.lower() == name.lower()), "")

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class Client:
    """Requests to one local port, keeping the cookies the server sets."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = self.cookie_header()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            response = Response(answer.status, answer.getheaders(), answer.read())
        finally:
            connection.close()
        for name, value in response.headers:
            if name.lower() == "set-cookie":
                self._keep(value)
        return response

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post_form(self, path: str, fields: dict[str, str]) -> Response:
        return self.request(
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in sorted(self.cookies.items()))

    def _keep(self, header: str) -> None:
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            if morsel.value and morsel["max-age"] != "0":
                self.cookies[name] = morsel.value
            else:
                self.cookies.pop(name, None)


def expect(response: Response, status: int, what: str) -> Response:
    if response.status != status:
        raise BenchError(
            f"{what}: expected HTTP {status}, got {response.status}: {response.text[:300]!r}"
        )
    return response


def log_in(port: int, username: str, password: str) -> Client:
    """Log in through the real /accounts/login/ form (CSRF cookie and form token)."""
    client = Client(port)
    form = expect(client.get("/accounts/login/"), 200, "GET /accounts/login/")
    token = CSRF_FIELD.search(form.text)
    if token is None or "csrftoken" not in client.cookies:
        raise BenchError("the log-in page carries no CSRF form token or csrftoken cookie")
    answer = client.post_form(
        "/accounts/login/",
        {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password},
    )
    if answer.status != 302 or "sessionid" not in client.cookies:
        raise BenchError(f"log-in as {username} failed: HTTP {answer.status}")
    return client
