"""deploy/'s files: the template renderer refuses half-filled configurations, the production
nginx configuration passes ``nginx -t``, and the systemd units agree with it and with
``marquee serve``."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
RENDER = [sys.executable, str(DEPLOY / "render.py")]
NGINX_TEMPLATE = DEPLOY / "nginx" / "marquee.conf"
PRODUCTION = {
    "SERVER_NAME": "news.example.com",
    "LISTEN": "80",
    "UPSTREAM": "unix:/run/marquee/web.sock",
    "STATIC_ROOT": "/srv/marquee/var/static",
    "MEDIA_ROOT": "/srv/marquee/var/media",
}


def render(template: Path, **values: str) -> subprocess.CompletedProcess[str]:
    arguments = [f"{name}={value}" for name, value in values.items()]
    return subprocess.run(
        [*RENDER, str(template), *arguments], capture_output=True, text=True, check=False
    )


def test_render_fills_every_placeholder(tmp_path: Path) -> None:
    template = tmp_path / "site.conf"
    template.write_text("listen @@LISTEN@@;\nroot @@ROOT@@/@@ROOT@@;\n")
    done = render(template, LISTEN="80", ROOT="/srv")
    assert (done.returncode, done.stdout, done.stderr) == (0, "listen 80;\nroot /srv//srv;\n", "")


def test_render_refuses_a_missing_or_unknown_value(tmp_path: Path) -> None:
    template = tmp_path / "site.conf"
    template.write_text("listen @@LISTEN@@; root @@ROOT@@;\n")
    done = render(template, LISTEN="80", PORT="1")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"render.py: {template}: missing: ROOT; not in the template: PORT\n"


def test_the_nginx_template_has_exactly_the_documented_placeholders() -> None:
    done = render(NGINX_TEMPLATE, **PRODUCTION, CACHE_DIR="/var/cache/nginx/marquee")
    assert done.returncode == 0, done.stderr
    assert "@@" not in done.stdout
    assert "server unix:/run/marquee/web.sock;" in done.stdout


def test_the_production_nginx_configuration_passes_nginx_t(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(nginx, os.X_OK):
        if os.environ.get("CI") == "true":
            raise RuntimeError("CI=true but nginx is missing: .ci/run installs it")
        pytest.skip("no nginx: apt-get install nginx to check deploy/nginx/marquee.conf")
    site = render(NGINX_TEMPLATE, **PRODUCTION, CACHE_DIR=str(tmp_path / "cache"))
    (tmp_path / "marquee.conf").write_text(site.stdout)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{ include {tmp_path}/marquee.conf; }}\n"
    )
    done = subprocess.run(
        [nginx, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf"),
         "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


def unit(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DEPLOY / "systemd" / name)
    return parser["Service"]


def test_the_web_unit_serves_on_the_socket_nginx_proxies_to_and_reloads_on_sighup() -> None:
    web = unit("marquee-web.service")
    assert web["ExecStart"].endswith("/bin/marquee serve --socket /run/marquee/web.sock")
    assert web["RuntimeDirectory"] == "marquee"  # /run/marquee, made for the service user
    assert web["ExecReload"] == "/bin/kill -HUP $MAINPID"
    assert web["User"] == web["Group"] == "marquee"
    assert web["Restart"] == "on-failure"
    assert web["EnvironmentFile"] == "/etc/marquee/marquee.env"


def test_the_worker_unit_runs_marquee_worker_and_stops_it_gently() -> None:
    worker = unit("marquee-worker.service")
    assert worker["ExecStart"].endswith("/bin/marquee worker")
    assert worker["KillSignal"] == "SIGTERM"  # the current job finishes (docs/tasks.md)
    assert worker["User"] == "marquee"
    assert worker["Restart"] == "on-failure"


def test_the_environment_example_sets_production_mode() -> None:
    lines = (DEPLOY / "marquee.env.example").read_text().splitlines()
    settings = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    assert settings["MARQUEE_DEBUG"] == "0"
    assert {"MARQUEE_SECRET_KEY", "MARQUEE_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= set(
        settings
    )


def test_the_web_benchmark_fills_every_placeholder_of_the_nginx_configuration(
    tmp_path: Path,
) -> None:
    """bench/web puts deploy/'s nginx configuration in front of Marquee: a placeholder added to
    it must be given there too (the benchmark stopped at MEDIA_ROOT once)."""
    from bench.web.sites import proxy_values

    values = proxy_values(port=8081, upstream_port=8082, var_dir=tmp_path, cache_dir=tmp_path)
    done = render(NGINX_TEMPLATE, **values)
    assert (done.returncode, done.stderr) == (0, "")
    assert f"alias {tmp_path}/media/renditions/;" in done.stdout
