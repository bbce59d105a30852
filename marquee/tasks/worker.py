"""The worker loop behind ``marquee worker``: claim a due job, run it, repeat."""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from django.db import DatabaseError, close_old_connections, connection

from marquee.tasks.conf import periodic_tasks
from marquee.tasks.runner import claim_next, new_worker_id, run_claimed
from marquee.tasks.services import jobs_prune, periodic_enqueue

logger = logging.getLogger("marquee.tasks")

PRUNE_EVERY_SECONDS = 600.0


class Worker:
    """Runs jobs one at a time until stopped (or, with ``burst``, until none is due).

    SIGTERM or SIGINT lets the current job finish, then the loop ends; a second signal
    stops at once (the job is then run again once its lease expires). Run several processes,
    on one machine or many, for more throughput.
    """

    def __init__(
        self, *, queues: list[str] | None = None, interval: float = 1.0, burst: bool = False
    ) -> None:
        self.queues = queues or None
        self.interval = interval
        self.burst = burst
        self.worker_id = new_worker_id()
        self.stopping = threading.Event()
        self.jobs_run = 0
        self._last_prune = float("-inf")
        self._last_periodic: dict[str, float] = {}

    def stop(self, signum: int, frame: FrameType | None) -> None:
        logger.warning(
            "worker %s: %s received, stopping after the current job (again to stop now)",
            self.worker_id,
            signal.Signals(signum).name,
        )
        self.stopping.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    @contextmanager
    def stopped_by_signals(self) -> Iterator[None]:
        """SIGINT and SIGTERM stop the loop gracefully while inside; the handlers that were
        there before are put back on the way out."""
        previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
        for signum in previous:
            signal.signal(signum, self.stop)
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def run(self) -> int:
        """Loop until stopped; returns the number of jobs run."""
        logger.info(
            "worker %s started (queues: %s%s)",
            self.worker_id,
            ", ".join(self.queues) if self.queues else "all",
            ", until none is due" if self.burst else "",
        )
        while not self.stopping.is_set():
            self._prune_now_and_then()
            self._enqueue_periodic_tasks()
            try:
                job = claim_next(worker_id=self.worker_id, queues=self.queues)
                if job is not None:
                    run_claimed(job)
                    self.jobs_run += 1
                    continue
            except DatabaseError as error:
                # The database went away or stayed locked: a claimed job whose outcome could
                # not be written stays running until its lease expires, then runs again.
                if self.burst:
                    raise
                logger.error("worker %s: database error: %s", self.worker_id, error)
            if self.burst:
                break
            self.stopping.wait(self.interval)
            self._refresh_connection()
        logger.info("worker %s stopped after %d jobs", self.worker_id, self.jobs_run)
        return self.jobs_run

    def _refresh_connection(self) -> None:
        """After waiting, drop a broken or aged connection, as Django does between requests.
        Not between jobs of a burst: reconnecting costs more than a short job."""
        if not connection.in_atomic_block:  # (inside one only when called from a test)
            close_old_connections()

    def _enqueue_periodic_tasks(self) -> None:
        """Enqueue each of ``MARQUEE_PERIODIC_TASKS`` at its interval (at start, then every
        so often), unless a run of it is already waiting: several workers do not pile up
        copies. Periodic tasks are idempotent, so a race that enqueues two costs one extra run."""
        for path, seconds in periodic_tasks():
            if time.monotonic() - self._last_periodic.get(path, float("-inf")) < seconds:
                continue
            self._last_periodic[path] = time.monotonic()
            if periodic_enqueue(path):
                logger.info("worker %s: enqueued periodic task %s", self.worker_id, path)

    def _prune_now_and_then(self) -> None:
        if time.monotonic() - self._last_prune < PRUNE_EVERY_SECONDS:
            return
        self._last_prune = time.monotonic()
        deleted = jobs_prune()
        if deleted:
            logger.info("worker %s: deleted %d old successful jobs", self.worker_id, deleted)
