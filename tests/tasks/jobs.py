"""Tasks the queue's tests enqueue. They record each run in a file, so that a run in another
process (``marquee worker``) can be counted too."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import TaskContext, task


def _append(path: str, line: str) -> int:
    """Append one line (one ``write`` on an O_APPEND file: whole lines even from several
    processes); return how many lines the file now has."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, f"{line}\n".encode())
    finally:
        os.close(descriptor)
    return len(Path(path).read_text().splitlines())


@task()
def append_line(path: str, line: str) -> str:
    _append(path, line)
    return line


@task()
def fail_times(counter_path: str, failures: int) -> int:
    """Fail on the first ``failures`` runs, then succeed; returns the run's number."""
    run = _append(counter_path, "run")
    if run <= failures:
        raise RuntimeError(f"failure {run} of {failures}")
    return run


@task()
def marker_then_sleep(marker_path: str, seconds: float) -> int:
    """The first run marks the file, then sleeps (to be killed); later runs return at once."""
    run = _append(marker_path, f"run by {os.getpid()}")
    if run == 1:
        time.sleep(seconds)
    return run


@task()
def pause_then_append(path: str, seconds: float) -> None:
    _append(path, "started")
    time.sleep(seconds)
    _append(path, "done")


@task()
def record_run(path: str, name: str, seconds: float) -> None:
    _append(path, f"{name} {os.getpid()}")
    time.sleep(seconds)


@task(takes_context=True)
def attempt_number(context: TaskContext) -> int:
    return context.attempt


@task()
def returns_a_set() -> object:
    return {1, 2}
