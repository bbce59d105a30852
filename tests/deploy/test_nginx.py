"""deploy/nginx/marquee.conf, rendered and run by a real nginx in front of a real ``marquee serve``
(production mode) on the test database: anonymous pages come from nginx's cache, a reader with
a session or a message never does, static files are cached for a year, revalidation is a 304.

Needs nginx (``apt-get install nginx``; ``.ci/run`` installs it): skipped without it outside CI.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image as PILImage

from marquee.community import services as community
from marquee.media.renditions import renditions
from marquee.media.services import image_add
from tests.conftest import database_url, make_article

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SLUG = "nginx-cached-article"
PAGE = f"/articles/{SLUG}/"
READER = "nginx-reader"


def nginx_program() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )
    if found is None:
        if os.environ.get("CI") == "true":
            raise RuntimeError("CI=true but nginx is missing: .ci/run installs it")
        pytest.skip("no nginx: apt-get install nginx to test deploy/nginx/marquee.conf")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names; Set-Cookie values joined
    body: str

    @property
    def cache(self) -> str:
        return self.headers.get("x-cache-status", "")


def fetch(port: int, path: str, headers: dict[str, str] | None = None) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        found: dict[str, str] = {}
        for name, value in response.getheaders():
            key = name.lower()
            found[key] = f"{found[key]}, {value}" if key in found else value
        return Answer(response.status, found, response.read().decode(errors="replace"))
    finally:
        connection.close()


def wait_until_answering(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90  # collectstatic compresses every file first
    while True:
        try:
            fetch(port, "/healthz")
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"not answering on {port}:\n{log.read_text()}") from None
            time.sleep(0.3)


def render(template: Path, **values: str) -> str:
    completed = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "render.py"), str(template)]
        + [f"{name}={value}" for name, value in values.items()],
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout


MAIN_CONF = """\
{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    types {{ text/html html; text/css css; application/javascript js; image/svg+xml svg; }}
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/marquee.conf;
}}
"""


@dataclass(frozen=True)
class Servers:
    nginx: int  # nginx's port
    app: int  # marquee serve's port
    app_log: Path
    static_root: Path
    media_root: Path


@dataclass(frozen=True)
class Site:
    servers: Servers
    session: str  # the session cookie of a logged-in reader

    @property
    def nginx(self) -> int:
        return self.servers.nginx


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, django_db_setup: None) -> Iterator[Servers]:
    """``marquee serve`` (production mode) on the test database and nginx in front of it, with
    deploy/'s configuration, for every test of this module."""
    nginx = nginx_program()
    folder = tmp_path_factory.mktemp("nginx-deploy")
    app_port, nginx_port = free_port(), free_port()
    static_root = folder / "var" / "static"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MARQUEE_"))},
        "DATABASE_URL": database_url(),
        # One worker, its own in-process cache: nothing left over from another run's pages.
        "REDIS_URL": "",
        "MARQUEE_DEBUG": "0",
        "MARQUEE_SECRET_KEY": settings.SECRET_KEY,  # the sessions made here must be valid there
        "MARQUEE_ALLOWED_HOSTS": "127.0.0.1",
        "MARQUEE_SSL_REDIRECT": "0",
        "MARQUEE_VAR_DIR": str(folder / "var"),
    }
    app_log = folder / "marquee.log"
    command = [sys.executable, "-m", "marquee.cli", "serve", "--port", str(app_port),
               "--workers", "1"]  # fmt: skip
    with app_log.open("wb") as output:
        app = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    (folder / "cache").mkdir()
    (folder / "marquee.conf").write_text(
        render(
            ROOT / "deploy" / "nginx" / "marquee.conf",
            SERVER_NAME="127.0.0.1",
            LISTEN=f"127.0.0.1:{nginx_port}",
            UPSTREAM=f"127.0.0.1:{app_port}",
            STATIC_ROOT=str(static_root),
            MEDIA_ROOT=str(folder / "var" / "media"),
            CACHE_DIR=str(folder / "cache"),
        )
    )
    # Started as root, nginx's workers would run as nobody, who cannot enter pytest's folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(MAIN_CONF.format(user=user, folder=folder))
    proxy: subprocess.Popen[bytes] | None = None
    try:
        wait_until_answering(app_port, app, app_log)
        with (folder / "nginx.log").open("wb") as output:
            proxy = subprocess.Popen(
                [nginx, "-p", f"{folder}/", "-c", str(folder / "nginx.conf"),
                 "-e", str(folder / "error.log"), "-g", "daemon off;"],
                stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
        wait_until_answering(nginx_port, proxy, folder / "error.log")
        yield Servers(nginx_port, app_port, app_log, static_root, folder / "var" / "media")
    finally:
        for process in (proxy, app):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture
def site(servers: Servers, transactional_db: None, settings: Any) -> Site:
    """A published article and a logged-in reader, committed: the server sees them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_article(SLUG, title="Cached by nginx", body="A body nginx keeps.")
    reader = community.account_create(
        username=READER, email=f"{READER}@example.com", password="a long enough password"
    )
    client = Client()
    client.force_login(reader)
    return Site(servers, client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_the_article_page_says_it_may_be_shared(site: Site) -> None:
    """The contract the cache relies on (Marquee's page cache, marquee/web/pagecache.py)."""
    answer = fetch(site.servers.app, PAGE)
    assert answer.status == 200
    assert answer.headers["cache-control"] == "public, max-age=0, s-maxage=5"
    assert "set-cookie" not in answer.headers


def test_the_second_anonymous_get_is_a_cache_hit(site: Site) -> None:
    path = f"{PAGE}?hit"  # a key of its own: the other tests' requests do not warm it
    first, second = fetch(site.nginx, path), fetch(site.nginx, path)
    assert (first.status, first.cache) == (200, "MISS")
    assert (second.status, second.cache) == (200, "HIT")
    assert second.body == first.body
    assert "Cached by nginx" in second.body
    assert "set-cookie" not in second.headers


def test_the_region_and_the_browser_languages_are_part_of_the_key(site: Site) -> None:
    path = f"{PAGE}?regions"
    assert fetch(site.nginx, path).cache == "MISS"
    assert fetch(site.nginx, path).cache == "HIT"
    assert fetch(site.nginx, path, {"Cookie": "marquee_region=KR"}).cache == "MISS"
    assert fetch(site.nginx, path, {"Cookie": "marquee_region=KR"}).cache == "HIT"
    assert fetch(site.nginx, path, {"Accept-Language": "ko-KR"}).cache == "MISS"
    # Other cookies (a CSRF token, analytics) change nothing on an anonymous page.
    assert fetch(site.nginx, path, {"Cookie": "csrftoken=abc; _ga=1"}).cache == "HIT"


@pytest.mark.parametrize(
    ("case", "headers"),
    [
        ("session", {"Cookie": "SESSION"}),
        ("session-after-another-cookie", {"Cookie": "csrftoken=abc; SESSION"}),
        ("messages", {"Cookie": "messages=W1siX19qc29uX21lc3NhZ2UiXV0:1tX"}),
        ("authorization", {"Authorization": "Bearer abc"}),
    ],
)
def test_a_request_with_a_session_a_message_or_credentials_never_uses_the_cache(
    site: Site, case: str, headers: dict[str, str]
) -> None:
    path = f"{PAGE}?private={case}"  # a page of its own, fresh (s-maxage is 5 s)
    fetch(site.nginx, path)
    assert fetch(site.nginx, path).cache == "HIT"
    sent = {k: v.replace("SESSION", f"sessionid={site.session}") for k, v in headers.items()}
    for _ in range(2):
        assert fetch(site.nginx, path, sent).cache == "BYPASS"


def test_a_logged_in_page_is_neither_served_from_nor_stored_in_the_cache(site: Site) -> None:
    path = f"{PAGE}?reader"
    anonymous = fetch(site.nginx, path)
    assert READER not in anonymous.body
    reader = fetch(site.nginx, path, {"Cookie": f"sessionid={site.session}"})
    assert (reader.status, reader.cache) == (200, "BYPASS")
    assert READER in reader.body
    assert reader.headers["cache-control"].startswith("private")
    again = fetch(site.nginx, path)
    assert again.cache == "HIT"
    assert READER not in again.body


def test_a_conditional_get_is_answered_304_from_the_cache(site: Site) -> None:
    path = f"{PAGE}?conditional"
    etag = fetch(site.nginx, path).headers["etag"]
    answer = fetch(site.nginx, path, {"If-None-Match": etag})
    assert (answer.status, answer.cache, answer.body) == (304, "HIT", "")


def test_a_stale_page_is_revalidated_with_marquee_which_answers_304(site: Site) -> None:
    """After s-maxage, nginx asks Marquee with If-None-Match; the unchanged page is a 304."""
    path = f"{PAGE}?revalidate"
    # granian's access log leaves the query string out; only this test's requests run now.
    line = f'"GET {PAGE} HTTP/1.1" 304'
    before = site.servers.app_log.read_text().count(line)
    assert fetch(site.nginx, path).cache == "MISS"
    deadline = time.monotonic() + 30
    seen = ""
    while seen not in {"STALE", "REVALIDATED", "EXPIRED"}:
        assert time.monotonic() < deadline, "the cached page never went stale"
        time.sleep(0.5)
        seen = fetch(site.nginx, path).cache
    while site.servers.app_log.read_text().count(line) == before:  # refreshed in the background
        assert time.monotonic() < deadline, f"Marquee's log has no new {line}"
        time.sleep(0.2)
    assert fetch(site.nginx, path).cache == "HIT"


def test_hashed_static_files_are_cached_for_a_year_and_sent_compressed(site: Site) -> None:
    manifest = json.loads((site.servers.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["web/marquee.css"]
    answer = fetch(site.nginx, f"/static/{hashed}", {"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert answer.headers["content-encoding"] == "gzip"
    plain = fetch(site.nginx, "/static/web/marquee.css")
    assert (plain.status, plain.headers["cache-control"]) == (200, "public, max-age=3600")


def test_renditions_are_made_by_marquee_once_then_served_by_nginx(
    site: Site, settings: Any
) -> None:
    """The first request for a rendition reaches Marquee, which makes and stores it; nginx
    serves every later one from the disk, for a year."""
    media = site.servers.media_root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "location": str(media)},
        },
    }
    picture = io.BytesIO()
    PILImage.new("RGB", (800, 450), "navy").save(picture, "PNG")
    image = image_add(data=picture.getvalue(), alt="A navy panel", credit="Deploy tests")
    rendition = renditions(image, "card", "webp")[0]
    first = fetch(site.nginx, rendition.url)
    assert first.status == 200 and first.headers["content-type"] == "image/webp"
    assert "cross-origin-opener-policy" in first.headers  # Django's SecurityMiddleware answered
    assert (media / rendition.name).is_file()
    second = fetch(site.nginx, rendition.url)
    assert second.status == 200 and second.headers["content-type"] == "image/webp"
    assert "cross-origin-opener-policy" not in second.headers  # nginx, from the disk
    assert second.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert fetch(site.nginx, f"/media/{image.file.name}").status == 404  # originals stay private
