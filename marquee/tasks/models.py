"""The queue's one table: a job is a task to run, with its arguments, state and outcome."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django_tasks import DEFAULT_TASK_QUEUE_NAME, TaskResultStatus
from django_tasks.base import DEFAULT_TASK_PRIORITY, TASK_MAX_PRIORITY, TASK_MIN_PRIORITY

# Django's own statuses (READY, RUNNING, SUCCESSFUL, FAILED), so a row maps onto a TaskResult.
JobStatus = TaskResultStatus


class Job(models.Model):
    """One enqueued task.

    ``attempts`` counts the runs started so far, a run lost with its worker included; with
    ``worker_id`` it names the current run, so a worker finishes a job only while it still owns
    that run. ``lease_expires_at`` is renewed by the running worker: once it passes, the worker
    is taken for dead and the job may be claimed again.
    """

    task_path = models.CharField(max_length=255)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    backend_name = models.CharField(max_length=32)
    queue_name = models.CharField(max_length=32, default=DEFAULT_TASK_QUEUE_NAME)
    priority = models.IntegerField(default=DEFAULT_TASK_PRIORITY)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.READY)
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveIntegerField()
    run_after = models.DateTimeField(help_text="Not run before this time.")
    enqueued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True, help_text="Start of the last run.")
    finished_at = models.DateTimeField(null=True, blank=True, help_text="End of the last run.")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    worker_id = models.CharField(max_length=64, blank=True, help_text="Who ran it last.")
    error_class = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True, help_text="The last error, with its traceback.")
    return_value = models.JSONField(null=True, blank=True)

    class Meta:
        indexes = [
            # The claim query: jobs ready and due, or running under an expired lease (its
            # worker died); then old successful jobs to delete.
            models.Index(fields=["status", "run_after"], name="tasks_job_due"),
            models.Index(fields=["status", "lease_expires_at"], name="tasks_job_lease"),
            models.Index(fields=["status", "finished_at"], name="tasks_job_finished"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__gte=TASK_MIN_PRIORITY, priority__lte=TASK_MAX_PRIORITY),
                name="tasks_job_priority_range",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.task_path} ({self.status.lower()})"

    @property
    def error_summary(self) -> str:
        """The error's last line (``ValueError: …``), for lists."""
        lines = self.error.strip().splitlines()
        return lines[-1] if lines else ""
