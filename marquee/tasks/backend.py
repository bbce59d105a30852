"""Django's Tasks API on Marquee's database: ``TASKS = {"default": {"BACKEND":
"marquee.tasks.backend.DatabaseBackend"}}``."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskError
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.utils import normalize_json
from typing_extensions import ParamSpec

from marquee.tasks import conf

if TYPE_CHECKING:
    from marquee.tasks.models import Job

T = TypeVar("T")
P = ParamSpec("P")


class DatabaseBackend(BaseTaskBackend):
    """Jobs are rows of :class:`marquee.tasks.models.Job`, written in the caller's transaction:
    a job commits with the change that asked for it, or not at all. With ``MARQUEE_TASKS =
    "inline"`` the committing process then runs it itself; with ``"worker"`` it waits for
    ``marquee worker``."""

    supports_defer = True
    supports_get_result = True
    supports_priority = True

    # The models and the runner are imported when used: tasks are declared (``@task()``, which
    # builds this backend) in modules that may load before Django's apps are ready.

    def enqueue(
        self,
        task: Task[P, T],
        args: P.args,  # type: ignore[valid-type]  # (the base class's signature, as upstream)
        kwargs: P.kwargs,  # type: ignore[valid-type]
    ) -> TaskResult[T]:
        from marquee.tasks.models import Job

        self.validate_task(task)
        mode = conf.task_mode()
        now = timezone.now()
        job = Job.objects.create(
            task_path=task.module_path,
            args=normalize_json(args),
            kwargs=normalize_json(kwargs),
            backend_name=self.alias,
            queue_name=task.queue_name,
            priority=task.priority,
            max_attempts=conf.max_attempts(),
            run_after=task.run_after or now,
            enqueued_at=now,
        )
        if mode == "inline":
            from marquee.tasks.runner import run_inline

            transaction.on_commit(partial(run_inline, job.pk), robust=True)
        return task_result_for(job, task=task)

    def get_result(self, result_id: str) -> TaskResult[Any]:
        from marquee.tasks.models import Job
        from marquee.tasks.runner import resolve_task

        try:
            job = Job.objects.get(pk=int(result_id))
        except (ValueError, Job.DoesNotExist):
            raise TaskResultDoesNotExist(result_id) from None

        return task_result_for(job, task=resolve_task(job))


def task_result_for(job: Job, *, task: Task[..., Any]) -> TaskResult[Any]:
    """The Tasks API's view of a job row."""
    errors = []
    if job.status == TaskResultStatus.FAILED and job.error:
        errors.append(TaskError(exception_class_path=job.error_class, traceback=job.error))
    result: TaskResult[Any] = TaskResult(
        task=task.using(run_after=job.run_after) if job.run_after > job.enqueued_at else task,
        id=str(job.pk),
        status=TaskResultStatus(job.status),
        enqueued_at=job.enqueued_at,
        started_at=job.started_at,
        finished_at=job.finished_at if job.status in {"SUCCESSFUL", "FAILED"} else None,
        last_attempted_at=job.started_at,
        args=job.args,
        kwargs=job.kwargs,
        backend=job.backend_name,
        errors=errors,
        # The Tasks API counts attempts as the workers that ran the job; only the last is kept.
        worker_ids=[job.worker_id] * job.attempts,
    )
    # TaskResult is frozen; this is how Django's own backends set the value.
    object.__setattr__(result, "_return_value", job.return_value)
    return result
