"""What an operator sees of the queue (``marquee tasks``, the admin)."""

from __future__ import annotations

from django.db.models import Count

from marquee.tasks.models import Job, JobStatus


def job_counts() -> dict[str, int]:
    """Jobs per status, every status listed (0 when none), in the order a job goes through."""
    counts = dict(Job.objects.values_list("status").annotate(count=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in JobStatus.values}


def failed_jobs(*, limit: int = 50) -> list[Job]:
    """The most recently failed jobs first."""
    return list(Job.objects.filter(status=JobStatus.FAILED).order_by("-finished_at", "-id")[:limit])
