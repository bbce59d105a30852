"""Starting, waiting for and stopping the servers under test; tools that must be installed.

Every server runs in its own session (process group), so stopping it ends its workers too; all
of them are stopped in ``Services.close`` (called from a ``finally``), whatever happened.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"  # the only address this benchmark sends traffic to
INSTALL_HINT = "apt-get install -y nginx wrk"


class BenchError(Exception):
    """A failure to report in one line (a missing tool, a server that did not start)."""


def require_tools(names: Sequence[str]) -> dict[str, str]:
    """The paths of ``names``, or a BenchError that lists every missing one and how to get it."""
    found = {name: shutil.which(name) or _sbin(name) for name in names}
    missing = [name for name, path in found.items() if not path]
    if missing:
        raise BenchError(
            f"missing: {', '.join(missing)} (Debian packages; as root: {INSTALL_HINT})"
        )
    return {name: path for name, path in found.items() if path}


def _sbin(name: str) -> str | None:
    for folder in ("/usr/sbin", "/sbin", "/usr/local/sbin"):
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def run_checked(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 600,
) -> str:
    """Run a command to completion; its stdout, or a BenchError carrying its stderr's tail."""
    try:
        done = subprocess.run(
            list(command),
            env=dict(env) if env is not None else None,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"{' '.join(command)}: no result after {timeout:.0f} s") from None
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise BenchError(f"{' '.join(command)} failed ({done.returncode}):\n{tail}")
    return done.stdout


@dataclass
class Service:
    """One running server: its process group, its port and its log file."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])

    def stop(self, grace: float = 10) -> None:
        if self.process.poll() is not None:
            return
        _signal_group(self.process, signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            _signal_group(self.process, signal.SIGKILL)
            self.process.wait(timeout=grace)


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)  # the group this benchmark created for the process


@dataclass
class Services:
    """The servers started so far; ``close`` stops them all, newest first."""

    started: list[Service] = field(default_factory=list)

    def start(
        self,
        name: str,
        command: Sequence[str],
        *,
        port: int,
        log: Path,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        ready_path: str = "/",
        timeout: float = 120,
    ) -> Service:
        with log.open("wb") as output:
            process = subprocess.Popen(
                list(command),
                env=dict(env) if env is not None else None,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        service = Service(name, process, port, log)
        self.started.append(service)
        wait_ready(service, ready_path, timeout)
        return service

    def close(self) -> None:
        while self.started:
            self.started.pop().stop()


def wait_ready(service: Service, path: str, timeout: float) -> None:
    """Poll ``path`` until the server answers (any HTTP status), or raise with its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise BenchError(
                f"{service.name} exited ({service.process.returncode}):\n{service.log_tail()}"
            )
        try:
            connection = http.client.HTTPConnection(HOST, service.port, timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.3)
    raise BenchError(f"{service.name} did not answer within {timeout:.0f} s:\n{service.log_tail()}")
