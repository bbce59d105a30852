"""Claiming, running and finishing jobs: the one path used by ``marquee worker`` and inline mode.

A claim is a conditional UPDATE that matches only while the row is still in the state the
claimer read (its status and attempt count, and still due), so of several workers racing for a
job exactly one changes the row; the others see no row changed and try the next job. On
PostgreSQL the candidate is first read with ``SELECT … FOR UPDATE SKIP LOCKED`` so that workers
do not even queue behind each other; SQLite has no row locks and relies on the UPDATE alone
(its writers are serialised).

A run is owned by ``(worker_id, attempts)``: every write after the claim (lease renewal,
outcome) matches on both, so a worker that lost its job to another (its lease ran out) cannot
overwrite what the new owner does.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
import time
import traceback
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks import TaskContext
from django_tasks.base import Task
from django_tasks.utils import normalize_json

from marquee.tasks import conf
from marquee.tasks.backend import task_result_for
from marquee.tasks.models import Job, JobStatus

logger = logging.getLogger("marquee.tasks")


def new_worker_id() -> str:
    """``host:pid:random``, unique across machines and restarts (at most 64 characters)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"


def _due(now: datetime.datetime) -> Q:
    """Ready and due, or running under a lease that has expired (its worker died)."""
    return Q(status=JobStatus.READY, run_after__lte=now) | Q(
        status=JobStatus.RUNNING, lease_expires_at__lt=now
    )


def _candidates(queues: list[str] | None, now: datetime.datetime) -> QuerySet[Job]:
    jobs = Job.objects.filter(_due(now))
    if queues:
        jobs = jobs.filter(queue_name__in=queues)
    return jobs.order_by("-priority", "run_after", "id")


def claim_next(*, worker_id: str, queues: list[str] | None = None) -> Job | None:
    """Claim the most urgent due job of ``queues`` (every queue when empty), or None if none
    is due. Jobs whose worker died on their last allowed attempt are recorded as failed."""
    while True:
        now = timezone.now()
        if connection.features.has_select_for_update_skip_locked:
            with transaction.atomic():
                candidate = _candidates(queues, now).select_for_update(skip_locked=True).first()
                if candidate is None:
                    return None
                claimed = _take(candidate, worker_id=worker_id, now=now)
        else:
            batch = list(_candidates(queues, now)[:5])
            if not batch:
                return None
            claimed = None
            for candidate in batch:
                claimed = _take(candidate, worker_id=worker_id, now=now)
                if claimed is not None:
                    break
        if claimed is not None:
            return claimed
        # Another worker took (or failed) every candidate: it made progress, so look again.


def claim_job(job_id: int, *, worker_id: str) -> Job | None:
    """Claim one given job if it is due (inline mode), else None."""
    candidate = Job.objects.filter(pk=job_id).first()
    if candidate is None:
        return None
    return _take(candidate, worker_id=worker_id, now=timezone.now())


def _take(candidate: Job, *, worker_id: str, now: datetime.datetime) -> Job | None:
    """Move ``candidate`` to running under ``worker_id`` if no one changed it since it was
    read; a job lost with its worker on its last attempt is recorded as failed instead."""
    unchanged = Job.objects.filter(
        _due(now), pk=candidate.pk, status=candidate.status, attempts=candidate.attempts
    )
    lost = candidate.status == JobStatus.RUNNING
    lost_error = (
        f"WorkerLost: attempt {candidate.attempts} of {candidate.max_attempts} was lost with "
        f"worker {candidate.worker_id} (it stopped renewing its lease: killed or crashed)"
    )
    if lost and candidate.attempts >= candidate.max_attempts:
        if unchanged.update(
            status=JobStatus.FAILED,
            finished_at=now,
            lease_expires_at=None,
            error_class="marquee.tasks.WorkerLost",
            error=lost_error,
        ):
            logger.error(
                "task=%s id=%s attempt=%d/%d outcome=failed: worker lost",
                candidate.task_path,
                candidate.pk,
                candidate.attempts,
                candidate.max_attempts,
            )
        return None
    changes: dict[str, Any] = {
        "status": JobStatus.RUNNING,
        "attempts": candidate.attempts + 1,
        "worker_id": worker_id,
        "started_at": now,
        "lease_expires_at": now + datetime.timedelta(seconds=conf.lease_seconds()),
    }
    if lost:
        changes.update(error_class="marquee.tasks.WorkerLost", error=lost_error)
    if not unchanged.update(**changes):
        return None
    if lost:
        logger.warning(
            "job %s (%s): %s; running it again", candidate.pk, candidate.task_path, lost_error
        )
    for field, value in changes.items():
        setattr(candidate, field, value)
    return candidate


def _owned(job: Job) -> QuerySet[Job]:
    return Job.objects.filter(
        pk=job.pk, status=JobStatus.RUNNING, worker_id=job.worker_id, attempts=job.attempts
    )


class Heartbeat:
    """Renews a running job's lease every third of the lease, from a thread of its own (with
    its own database connection), until the run ends. A short run never touches the database."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.lease = conf.lease_seconds()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"lease-{job.pk}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(self.lease / 3):
                try:
                    renewed = _owned(self.job).update(
                        lease_expires_at=timezone.now() + datetime.timedelta(seconds=self.lease)
                    )
                except DatabaseError as error:
                    logger.warning("job %s: could not renew its lease: %s", self.job.pk, error)
                    continue
                if not renewed:
                    logger.warning(
                        "job %s: lease lost (another worker took the job over)", self.job.pk
                    )
                    return
        finally:
            connection.close()


def resolve_task(job: Job) -> Task[..., Any]:
    task = import_string(job.task_path)
    if not isinstance(task, Task):
        raise TypeError(f"{job.task_path} is not a task (declare it with @task())")
    return task.using(priority=job.priority, queue_name=job.queue_name, backend=job.backend_name)


def run_claimed(job: Job) -> str:
    """Run a job claimed by :func:`claim_next` or :func:`claim_job` and record the outcome:
    ``successful``, ``retry`` (ready again after a delay) or ``failed``. Returns the outcome."""
    started = time.monotonic()
    try:
        with Heartbeat(job):
            task = resolve_task(job)
            if task.takes_context:
                context = TaskContext(task_result=task_result_for(job, task=task))
                value = task.call(context, *job.args, **job.kwargs)
            else:
                value = task.call(*job.args, **job.kwargs)
            return_value = normalize_json(value)
    except Exception as error:
        outcome = _finish_failed(job, error)
    else:
        outcome = _finish_successful(job, return_value)
    milliseconds = (time.monotonic() - started) * 1000
    logger.info(
        "task=%s id=%s attempt=%d/%d outcome=%s ms=%.0f",
        job.task_path,
        job.pk,
        job.attempts,
        job.max_attempts,
        outcome,
        milliseconds,
    )
    return outcome


def _finish_successful(job: Job, return_value: Any) -> str:
    if not _owned(job).update(
        status=JobStatus.SUCCESSFUL,
        finished_at=timezone.now(),
        lease_expires_at=None,
        return_value=return_value,
    ):
        return _discarded(job)
    return "successful"


def _finish_failed(job: Job, error: Exception) -> str:
    now = timezone.now()
    recorded = {
        "finished_at": now,
        "lease_expires_at": None,
        "error_class": f"{type(error).__module__}.{type(error).__qualname__}",
        "error": "".join(traceback.format_exception(error)),
    }
    if job.attempts < job.max_attempts:
        run_after = now + conf.retry_delay(job.attempts)
        if not _owned(job).update(status=JobStatus.READY, run_after=run_after, **recorded):
            return _discarded(job)
        logger.warning(
            "job %s (%s) failed on attempt %d/%d, retried after %s: %s",
            job.pk,
            job.task_path,
            job.attempts,
            job.max_attempts,
            run_after.isoformat(timespec="seconds"),
            error,
        )
        return "retry"
    if not _owned(job).update(status=JobStatus.FAILED, **recorded):
        return _discarded(job)
    logger.error(
        "job %s (%s) failed on its last attempt (%d/%d):\n%s",
        job.pk,
        job.task_path,
        job.attempts,
        job.max_attempts,
        recorded["error"],
    )
    return "failed"


def _discarded(job: Job) -> str:
    logger.warning(
        "job %s: attempt %d finished after another worker took the job over; outcome discarded",
        job.pk,
        job.attempts,
    )
    return "discarded"


def run_inline(job_id: int) -> None:
    """Inline mode, after the enqueuing transaction committed: run the job here, now, unless
    it is deferred or a worker took it first. A failure is recorded (and retried by a worker),
    never raised into the code that made the change."""
    job = claim_job(job_id, worker_id=f"inline:{new_worker_id()}"[:64])
    if job is not None:
        run_claimed(job)
