"""The queue's settings, read when used (never at import), each checked with a clear message."""

from __future__ import annotations

import datetime
from typing import Literal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TaskMode = Literal["inline", "worker"]
TASK_MODES: tuple[TaskMode, ...] = ("inline", "worker")


def task_mode() -> TaskMode:
    """``inline``: the committing process also runs its jobs; ``worker``: the workers do."""
    mode = getattr(settings, "MARQUEE_TASKS", "inline")
    for known in TASK_MODES:
        if mode == known:
            return known
    raise ImproperlyConfigured(f"MARQUEE_TASKS must be 'inline' or 'worker', got {mode!r}")


def _positive(name: str, default: float) -> float:
    value = getattr(settings, name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ImproperlyConfigured(f"{name} must be a number above 0, got {value!r}")
    return float(value)


def lease_seconds() -> float:
    """How long a running job is held without its worker renewing the lease."""
    return _positive("MARQUEE_TASK_LEASE_SECONDS", 60)


def max_attempts() -> int:
    """Runs a job gets (the first included) before it is recorded as failed."""
    value = getattr(settings, "MARQUEE_TASK_MAX_ATTEMPTS", 5)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(
            f"MARQUEE_TASK_MAX_ATTEMPTS must be a whole number, 1 or more, got {value!r}"
        )
    return value


def retry_delay(attempt: int) -> datetime.timedelta:
    """The wait before the run after failed run number ``attempt`` (1, 2, …): the base delay,
    doubled after each further failure (10 s, 20 s, 40 s, … with the default base)."""
    base = getattr(settings, "MARQUEE_TASK_RETRY_DELAY_SECONDS", 10)
    if isinstance(base, bool) or not isinstance(base, int | float) or base < 0:
        raise ImproperlyConfigured(
            f"MARQUEE_TASK_RETRY_DELAY_SECONDS must be a number, 0 or more, got {base!r}"
        )
    return datetime.timedelta(seconds=base * 2 ** max(attempt - 1, 0))


def keep_successful() -> datetime.timedelta:
    """How long successful jobs stay in the table (failed ones stay until deleted)."""
    return datetime.timedelta(days=_positive("MARQUEE_TASK_KEEP_DAYS", 7))


def periodic_tasks() -> list[tuple[str, float]]:
    """``MARQUEE_PERIODIC_TASKS``: (dotted path of a task, seconds between runs) pairs."""
    value = getattr(settings, "MARQUEE_PERIODIC_TASKS", [])
    checked = []
    for item in value:
        if (
            not isinstance(item, list | tuple)
            or len(item) != 2
            or not isinstance(item[0], str)
            or isinstance(item[1], bool)
            or not isinstance(item[1], int | float)
            or item[1] <= 0
        ):
            raise ImproperlyConfigured(
                "MARQUEE_PERIODIC_TASKS must hold (dotted task path, seconds above 0) pairs, "
                f"got {item!r}"
            )
        checked.append((item[0], float(item[1])))
    return checked
