"""Setting up and starting the sites: Marquee (directly, and behind nginx with deploy/'s
configuration), nginx serving a file, the vanilla Wagtail site and Django's hello world, each
under the application servers compared (granian, gunicorn). Each one's files and database live
in the run's temporary folder."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.web.client import Client, expect
from bench.web.processes import HOST, BenchError, Service, Services, free_port, run_checked

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
WAGTAIL_REQUIREMENTS = HERE / "wagtail-requirements.txt"
WAGTAIL_PROJECT = HERE / "wagtail_project"
WAGTAIL_SECRET_KEY = secrets.token_urlsafe(50)  # one per run: shared by its servers
BODY_START = re.compile(r'<div class="[^"]*\barticle__body\b[^"]*">')
DIV_TAG = re.compile(r"<(/?)div\b", re.IGNORECASE)


def venv_bin(name: str) -> str:
    """A program of the virtualenv this benchmark runs in (the repository's .venv)."""
    return str(Path(sys.executable).parent / name)


APP_SERVERS = ("granian", "gunicorn")


def app_server_command(
    bin_folder: Path, server: str, module: str, port: int, workers: int, threads: int
) -> list[str]:
    """``server`` serving the WSGI ``module``'s ``application`` as ``marquee serve`` runs it
    (marquee/web/management/commands/serve.py): same workers, threads, access log."""
    if server == "granian":
        return [str(bin_folder / "granian"), "--interface", "wsgi", f"{module}:application",
                "--host", HOST, "--port", str(port), "--workers", str(workers),
                "--blocking-threads", str(threads), "--no-ws", "--access-log"]  # fmt: skip
    return [str(bin_folder / "gunicorn"), module, "--bind", f"{HOST}:{port}",
            "--workers", str(workers), "--threads", str(threads),
            "--access-logfile", "-"]  # fmt: skip


@dataclass(frozen=True)
class MarqueeArticle:
    slug: str
    title: str
    path: str


@dataclass
class Marquee:
    service: Service
    env: dict[str, str]
    article: MarqueeArticle

    def tool(self, *args: str) -> dict[str, object]:
        """Run bench.web.marquee_tool in Marquee's environment; its JSON answer."""
        output = run_checked(
            [sys.executable, "-m", "bench.web.marquee_tool", *args], env=self.env, cwd=ROOT
        )
        answer: dict[str, object] = json.loads(output.strip().splitlines()[-1])
        return answer


# --- Marquee ---------------------------------------------------------------------------------


def marquee_env(work: Path, database_url: str, redis_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.web.settings",
        PYTHONPATH=str(ROOT),
        MARQUEE_DEBUG="0",
        MARQUEE_SECRET_KEY=secrets.token_urlsafe(50),
        MARQUEE_ALLOWED_HOSTS=HOST,
        MARQUEE_SSL_REDIRECT="0",
        MARQUEE_VAR_DIR=str(work / "marquee-var"),
        MARQUEE_LOG_LEVEL="WARNING",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def prepare_marquee(env: dict[str, str]) -> None:
    """Migrate the scratch database and load the demo content."""
    marquee = venv_bin("marquee")
    run_checked([marquee, "migrate", "--no-input"], env=env, cwd=ROOT)
    run_checked([marquee, "demo"], env=env, cwd=ROOT)


def start_marquee(
    services: Services,
    work: Path,
    env: dict[str, str],
    slug: str | None,
    *,
    workers: int,
    threads: int,
    server: str,
) -> Marquee:
    """``marquee serve`` (production mode) under ``server`` on the prepared database."""
    port = free_port()
    command = [venv_bin("marquee"), "serve", "--port", str(port), "--workers", str(workers),
               "--threads", str(threads), "--server", server]  # fmt: skip
    service = services.start(
        f"marquee-{server}", command, port=port, log=work / f"marquee-{server}.log", env=env,
        cwd=ROOT, timeout=180,
    )  # fmt: skip
    site = Marquee(service, env, MarqueeArticle("", "", ""))
    found = site.tool("article", *([slug] if slug else []))
    site.article = MarqueeArticle(str(found["slug"]), str(found["title"]), str(found["path"]))
    return site


def article_body(html: str) -> str:
    """The inner HTML of the page's ``article__body`` element (balanced ``div`` tags)."""
    start = BODY_START.search(html)
    if start is None:
        raise BenchError("no article__body element in the Marquee article page")
    depth = 1
    for tag in DIV_TAG.finditer(html, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start.end() : tag.start()].strip()
    raise BenchError("the article__body element of the Marquee article page is not closed")


# --- PostgreSQL scratch database -------------------------------------------------------------


def create_postgres_database(server_url: str) -> tuple[str, str]:
    """Create a scratch database on the server of ``server_url``; (its URL, its name)."""
    import psycopg
    from psycopg import sql

    name = f"marquee_bench_web_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres_database(server_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url, autocommit=True) as connection:
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        connection.execute(statement.format(sql.Identifier(name)))


# --- nginx -----------------------------------------------------------------------------------

NGINX_CONF = """\
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; }}
    default_type application/octet-stream;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen {host}:{port};
        root {folder}/html;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


def start_nginx(services: Services, nginx: str, work: Path, path: str, html: bytes) -> Service:
    """nginx serving ``html`` as a static file at ``path``, with a config of its own."""
    folder = work / "nginx"
    page = folder / "html" / path.strip("/") / "index.html"
    page.parent.mkdir(parents=True)
    page.write_bytes(html)
    port = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=folder, host=HOST, port=port))
    # nginx's workers run as an unprivileged user when started by root: let them read the page.
    work.chmod(0o711)
    for directory in [folder, *page.relative_to(folder).parents]:
        (folder / directory).chmod(0o755)
    page.chmod(0o644)
    command = [nginx, "-p", f"{folder}/", "-c", str(conf), "-e", str(folder / "error.log"),
               "-g", "daemon off;"]  # fmt: skip
    return services.start("nginx", command, port=port, log=folder / "stdout.log", ready_path=path)


MAIN_CONF = """\
{user}worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; text/css css; application/javascript js; image/svg+xml svg; }}
    default_type application/octet-stream;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/marquee.conf;
}}
"""


def proxy_values(
    *, port: int, upstream_port: int, var_dir: Path, cache_dir: Path
) -> dict[str, str]:
    """What deploy/render.py fills deploy/nginx/marquee.conf with for the benchmark."""
    return {
        "SERVER_NAME": HOST,
        "LISTEN": f"{HOST}:{port}",
        "UPSTREAM": f"{HOST}:{upstream_port}",
        "STATIC_ROOT": str(var_dir / "static"),
        "MEDIA_ROOT": str(var_dir / "media"),  # MARQUEE_MEDIA_ROOT's default
        "CACHE_DIR": str(cache_dir),
    }


def start_nginx_proxy(services: Services, nginx: str, work: Path, marquee: Marquee) -> Service:
    """nginx with deploy/nginx/marquee.conf (its page cache) in front of ``marquee``: the
    production deployment as shipped, on 127.0.0.1."""
    folder = work / "nginx-proxy"
    (folder / "cache").mkdir(parents=True)
    port = free_port()
    values = proxy_values(
        port=port,
        upstream_port=marquee.service.port,
        var_dir=Path(marquee.env["MARQUEE_VAR_DIR"]),
        cache_dir=folder / "cache",
    )
    rendered = run_checked(
        [sys.executable, str(ROOT / "deploy" / "render.py"),
         str(ROOT / "deploy" / "nginx" / "marquee.conf"),
         *(f"{name}={value}" for name, value in values.items())],
    )  # fmt: skip
    (folder / "marquee.conf").write_text(rendered)
    # Started by root, nginx's workers would run as nobody: they must write the cache and read
    # the static files of the temporary folder, so they run as root here (127.0.0.1 only).
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(MAIN_CONF.format(user=user, folder=folder))
    command = [nginx, "-p", f"{folder}/", "-c", str(conf), "-e", str(folder / "error.log"),
               "-g", "daemon off;"]  # fmt: skip
    return services.start(
        "nginx-proxy", command, port=port, log=folder / "stdout.log",
        ready_path=marquee.article.path,
    )  # fmt: skip


# --- Wagtail ---------------------------------------------------------------------------------


def wagtail_venv() -> Path:
    """The cached virtualenv with the pinned Wagtail (made on first use)."""
    digest = hashlib.sha256(WAGTAIL_REQUIREMENTS.read_bytes()).hexdigest()[:12]
    venv = CACHE / f"wagtail-{digest}"
    if (venv / ".complete").exists():
        return venv
    print(f"making the Wagtail virtualenv {venv} (once; takes a minute)", flush=True)
    shutil.rmtree(venv, ignore_errors=True)
    run_checked([sys.executable, "-m", "venv", str(venv)])
    python = str(venv / "bin" / "python")
    run_checked(
        [python, "-m", "pip", "install", "--quiet", "-r", str(WAGTAIL_REQUIREMENTS)], timeout=900
    )
    (venv / ".complete").touch()
    return venv


def wagtail_version(venv: Path) -> str:
    code = "import wagtail; print(wagtail.__version__)"
    return run_checked([str(venv / "bin" / "python"), "-c", code]).strip()


def prepare_wagtail(venv: Path, work: Path, title: str, slug: str, body: str) -> str:
    """The vanilla Wagtail project with one article page; the page's path."""
    project = work / "wagtail"
    shutil.copytree(WAGTAIL_PROJECT, project)
    (project / "body.html").write_text(body, encoding="utf-8")
    env = wagtail_env(project)
    python = str(venv / "bin" / "python")
    for args in (["makemigrations", "articles"], ["migrate", "--no-input"]):
        run_checked([python, "-m", "django", *args], env=env, cwd=project)
    output = run_checked(
        [
            python,
            "-m",
            "django",
            "bench_article",
            "--title",
            title,
            "--slug",
            slug,
            "--body-file",
            str(project / "body.html"),
        ],
        env=env,
        cwd=project,
    )
    return output.strip().splitlines()[-1]


def wagtail_env(project: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchsite.settings",
        "WAGTAIL_BENCH_SECRET_KEY": WAGTAIL_SECRET_KEY,
        "WAGTAIL_BENCH_DATABASE": str(project / "db.sqlite3"),
    }
    env.pop("PYTHONPATH", None)
    return env


def start_wagtail(
    services: Services, venv: Path, work: Path, *, workers: int, threads: int, server: str
) -> Service:
    """The prepared Wagtail project under ``server``."""
    project = work / "wagtail"
    port = free_port()
    command = app_server_command(venv / "bin", server, "benchsite.wsgi", port, workers, threads)
    return services.start(
        f"wagtail-{server}", command, port=port, log=work / f"wagtail-{server}.log",
        env=wagtail_env(project), cwd=project,
    )  # fmt: skip


# --- Django hello world ----------------------------------------------------------------------


def start_hello(
    services: Services, work: Path, *, workers: int, threads: int, server: str
) -> Service:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    folder = Path(sys.executable).parent
    command = app_server_command(folder, server, "bench.web.hello", port, workers, threads)
    return services.start(
        f"hello-{server}", command, port=port, log=work / f"hello-{server}.log", env=env, cwd=ROOT
    )


def page_ok(port: int, path: str, what: str, contains: str = "") -> bytes:
    """GET ``path`` anonymously: a 200 whose body holds ``contains``; the body."""
    response = expect(Client(port).get(path), 200, f"{what} GET {path}")
    if contains and contains not in response.text and escape(contains) not in response.text:
        raise BenchError(f"{what} GET {path}: the page lacks {contains!r}")
    return response.body
