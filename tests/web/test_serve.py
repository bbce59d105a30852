"""``marquee serve``: runserver in debug mode; granian (or gunicorn) in production, with workers
sized to the cores, a port or a unix socket, and a graceful reload on SIGHUP."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from marquee.web.management.commands import serve
from marquee.web.management.commands.serve import (
    Bind,
    default_workers,
    remove_stale_socket,
    server_command,
)


def test_granian_on_a_port() -> None:
    command = server_command(server="granian", bind=Bind("0.0.0.0", 8001), workers=3, threads=4)
    assert command[0] == str(Path(sys.executable).parent / "granian")  # the virtualenv's
    assert command[1:] == [
        "--interface", "wsgi", "marquee.config.wsgi:application",
        "--host", "0.0.0.0", "--port", "8001",
        "--workers", "3", "--blocking-threads", "4",
        "--respawn-failed-workers", "--workers-kill-timeout", "30",
        "--no-ws", "--access-log",
    ]  # fmt: skip


def test_granian_on_a_unix_socket_that_the_group_may_use() -> None:
    command = server_command(
        server="granian", bind=Bind(socket="/run/marquee/web.sock"), workers=2, threads=1
    )
    assert command[4:8] == ["--uds", "/run/marquee/web.sock", "--uds-permissions", "0660"]
    assert "--port" not in command


def test_gunicorn_on_a_port_and_on_a_socket() -> None:
    on_port = server_command(server="gunicorn", bind=Bind(port=8002), workers=2, threads=4)
    assert on_port[0] == str(Path(sys.executable).parent / "gunicorn")
    assert on_port[1:] == [
        "marquee.config.wsgi", "--bind", "127.0.0.1:8002", "--workers", "2",
        "--threads", "4", "--graceful-timeout", "30", "--access-logfile", "-",
    ]  # fmt: skip
    on_socket = server_command(server="gunicorn", bind=Bind(socket="/tmp/w.sock"), workers=1,
                               threads=1)  # fmt: skip
    assert on_socket[2:4] == ["--bind", "unix:/tmp/w.sock"]


def test_workers_default_to_the_cores_this_process_may_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MARQUEE_WEB_WORKERS", raising=False)
    assert default_workers() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("MARQUEE_WEB_WORKERS", "5")
    assert default_workers() == 5


@pytest.mark.parametrize("value", ["0", "many", "-2"])
def test_a_malformed_worker_count_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("MARQUEE_WEB_WORKERS", value)
    with pytest.raises(CommandError) as refused:
        default_workers()
    assert str(refused.value) == (
        f"MARQUEE_WEB_WORKERS must be a whole number, 1 or more, got {value!r}"
    )


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """What ``serve`` would exec, instead of exec'ing it (and no collectstatic)."""
    calls: list[list[str]] = []
    monkeypatch.setattr(serve.os, "execv", lambda program, args: calls.append(list(args)))
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)
    monkeypatch.delenv("PORT", raising=False)
    return calls


@override_settings(DEBUG=False)
def test_production_runs_granian_with_a_worker_per_core(
    started: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MARQUEE_WEB_WORKERS", raising=False)
    call_command("serve")
    [command] = started
    assert Path(command[0]).name == "granian"
    assert command[command.index("--workers") + 1] == str(len(os.sched_getaffinity(0)))
    assert command[command.index("--port") + 1] == "8000"
    assert command[command.index("--blocking-threads") + 1] == "4"


@override_settings(DEBUG=False)
def test_production_options_choose_the_server_workers_and_socket(
    started: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARQUEE_WEB_WORKERS", "7")
    call_command("serve", "--server", "gunicorn", "--workers", "3", "--threads", "1",
                 "--socket", "/run/marquee/web.sock")  # fmt: skip
    [command] = started
    assert Path(command[0]).name == "gunicorn"
    assert command[2:6] == ["--bind", "unix:/run/marquee/web.sock", "--workers", "3"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--socket", "/tmp/s", "--port", "8001"],
         "--socket listens on a unix socket: leave out --host and --port"),
        (["--port", "70000"], "--port must be from 1 to 65535, got 70000"),
        (["--workers", "0"], "--workers and --threads must be 1 or more"),
    ],
)  # fmt: skip
@override_settings(DEBUG=False)
def test_refused_options(started: list[list[str]], args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("serve", *args)
    assert str(refused.value) == message
    assert started == []


@override_settings(DEBUG=True)
def test_debug_mode_is_the_development_server(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: calls.append(args))
    call_command("serve", "--port", "8123", "--host", "0.0.0.0")
    assert calls == [("runserver", "0.0.0.0:8123")]
    with pytest.raises(CommandError) as refused:
        call_command("serve", "--socket", "/tmp/s")
    assert str(refused.value) == "--socket needs production mode (MARQUEE_DEBUG=0)"


def test_a_socket_left_by_a_killed_server_is_removed(tmp_path: Path) -> None:
    path = str(tmp_path / "web.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as left:
        left.bind(path)  # bound, never listening: what a killed server leaves
    remove_stale_socket(path)
    assert not os.path.exists(path)
    remove_stale_socket(path)  # nothing there: nothing to do


def test_a_live_socket_or_another_file_is_kept_and_refused(tmp_path: Path) -> None:
    path = str(tmp_path / "web.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as live:
        live.bind(path)
        live.listen()
        with pytest.raises(CommandError) as refused:
            remove_stale_socket(path)
        assert str(refused.value) == f"--socket {path}: another server is listening on it"
    assert os.path.exists(path)
    other = tmp_path / "notes.txt"
    other.write_text("keep me")
    with pytest.raises(CommandError) as refused:
        remove_stale_socket(str(other))
    assert str(refused.value) == f"--socket {other}: exists and is not a socket"
    assert other.read_text() == "keep me"


# --- the real thing --------------------------------------------------------------------------


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str) -> None:
        super().__init__("127.0.0.1", timeout=10)
        self.socket_path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.socket_path)


def get_over_socket(path: str, url: str) -> tuple[int, str]:
    connection = UnixHTTPConnection(path)
    try:
        connection.request("GET", url, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("server") or ""
    finally:
        connection.close()


def children(pid: int) -> set[int]:
    tasks = Path(f"/proc/{pid}/task")
    found: set[int] = set()
    for task in tasks.iterdir():
        text = (task / "children").read_text().split()
        found.update(int(child) for child in text)
    return found


def test_granian_on_a_socket_reloads_on_sighup_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MARQUEE_"))},
        "DATABASE_URL": "",
        "MARQUEE_VAR_DIR": str(tmp_path / "var"),
        "MARQUEE_DEBUG": "0",
        "MARQUEE_SECRET_KEY": "serve-test-" + "k" * 50,
        "MARQUEE_ALLOWED_HOSTS": "127.0.0.1",
        "MARQUEE_SSL_REDIRECT": "0",
    }
    subprocess.run([sys.executable, "-m", "marquee", "migrate", "-v0"], env=env, check=True,
                   timeout=120)  # fmt: skip
    sock = str(tmp_path / "web.sock")
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "marquee", "serve", "--socket", sock, "--workers", "2"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90

        def answering() -> bool:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            try:
                return get_over_socket(sock, "/healthz") == (200, "granian")
            except OSError:
                return False

        while not answering() or len(children(server.pid)) < 2:
            time.sleep(0.3)
        assert os.stat(sock).st_mode & 0o777 == 0o660
        workers = children(server.pid)

        server.send_signal(signal.SIGHUP)
        # New workers replace the old ones one by one; the socket answers all along.
        while children(server.pid) & workers or len(children(server.pid)) < 2:
            assert get_over_socket(sock, "/healthz") == (200, "granian")
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.2)
        assert get_over_socket(sock, "/healthz") == (200, "granian")

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=40) == 0
        assert not os.path.exists(sock)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        log.close()
