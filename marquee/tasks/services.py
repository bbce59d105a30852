"""Operators' actions on the queue: requeue failed jobs, delete old successful ones."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from marquee.tasks import conf
from marquee.tasks.models import Job, JobStatus


@transaction.atomic
def jobs_retry(*, job_ids: list[int] | None = None, all_failed: bool = False) -> int:
    """Put failed jobs back in the queue, due now with a fresh count of attempts; returns how
    many. Either ``job_ids`` (each must name a failed job: ``ValueError`` naming the first that
    does not, and nothing is changed) or ``all_failed``."""
    if all_failed == (job_ids is not None):
        raise ValueError("Give job ids or all_failed, not both or neither.")
    jobs = Job.objects.select_for_update().filter(status=JobStatus.FAILED)
    if job_ids is not None:
        found = {job.pk: job.status for job in Job.objects.filter(pk__in=job_ids)}
        for job_id in job_ids:
            if job_id not in found:
                raise ValueError(f"No job {job_id}.")
            if found[job_id] != JobStatus.FAILED:
                raise ValueError(
                    f"Job {job_id} is {found[job_id].lower()}, not failed: only failed jobs "
                    "are retried."
                )
        jobs = jobs.filter(pk__in=job_ids)
    return jobs.update(
        status=JobStatus.READY,
        attempts=0,
        max_attempts=conf.max_attempts(),
        run_after=timezone.now(),
        lease_expires_at=None,
    )


def jobs_prune() -> int:
    """Delete successful jobs that finished more than ``MARQUEE_TASK_KEEP_DAYS`` ago; returns
    how many. Failed jobs stay until an operator retries them (or deletes them)."""
    cutoff = timezone.now() - conf.keep_successful()
    deleted, _ = Job.objects.filter(status=JobStatus.SUCCESSFUL, finished_at__lt=cutoff).delete()
    return deleted


def periodic_enqueue(path: str) -> bool:
    """Enqueue the task at dotted ``path`` (no arguments) unless a run of it is waiting or
    running; returns whether it was enqueued."""
    task = import_string(path)
    if not isinstance(task, Task):
        raise ImproperlyConfigured(f"{path} in MARQUEE_PERIODIC_TASKS is not a task")
    if Job.objects.filter(
        task_path=task.module_path, status__in=[JobStatus.READY, JobStatus.RUNNING]
    ).exists():
        return False
    task.enqueue()
    return True
