"""Enqueueing: the job is written in the caller's transaction; inline and worker modes."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from marquee.tasks.models import Job, JobStatus
from tests.tasks import jobs

pytestmark = pytest.mark.django_db


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_a_job_enqueued_in_a_transaction_that_rolls_back_is_not_kept(
    tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    out = tmp_path / "out.txt"
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        jobs.append_line.enqueue(str(out), "never")
        assert Job.objects.count() == 1
        raise RuntimeError("the change failed")
    assert Job.objects.count() == 0
    assert callbacks == []
    assert lines(out) == []


def test_inline_mode_runs_the_job_after_the_commit(
    tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    out = tmp_path / "out.txt"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        result = jobs.append_line.enqueue(str(out), "hello")
        # Written with the change, not yet run: the change has not committed.
        job = Job.objects.get()
        assert (job.status, job.task_path) == (JobStatus.READY, "tests.tasks.jobs.append_line")
        assert lines(out) == []
    job.refresh_from_db()
    assert (job.status, job.attempts, job.return_value) == (JobStatus.SUCCESSFUL, 1, "hello")
    assert job.worker_id.startswith("inline:")
    assert lines(out) == ["hello"]
    result.refresh()
    assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, "hello")


@pytest.mark.django_db(transaction=True)
def test_inline_mode_runs_on_a_real_commit(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with transaction.atomic():
        jobs.append_line.enqueue(str(out), "committed")
        assert lines(out) == []
    assert lines(out) == ["committed"]
    assert Job.objects.get().status == JobStatus.SUCCESSFUL


def test_inline_mode_records_a_failure_for_a_worker_to_retry(
    tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    counter = tmp_path / "runs.txt"
    with django_capture_on_commit_callbacks(execute=True):
        jobs.fail_times.enqueue(str(counter), 1)  # raises nothing into the caller
    job = Job.objects.get()
    assert (job.status, job.attempts, job.error_class) == (
        JobStatus.READY,
        1,
        "builtins.RuntimeError",
    )
    assert job.error.splitlines()[-1] == "RuntimeError: failure 1 of 1"
    Job.objects.update(run_after=timezone.now())
    call_command("worker", "--burst", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.return_value) == (JobStatus.SUCCESSFUL, 2, 2)


@override_settings(MARQUEE_TASKS="worker")
def test_worker_mode_leaves_the_job_to_marquee_worker(
    tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    out = tmp_path / "out.txt"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        jobs.append_line.enqueue(str(out), "later")
    assert callbacks == []
    assert Job.objects.get().status == JobStatus.READY
    assert lines(out) == []
    call_command("worker", "--burst", verbosity=0)
    assert Job.objects.get().status == JobStatus.SUCCESSFUL
    assert lines(out) == ["later"]


def test_a_deferred_job_waits_for_its_time_even_inline(
    tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    out = tmp_path / "out.txt"
    later = timezone.now() + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        result = jobs.append_line.using(run_after=later).enqueue(str(out), "later")
    call_command("worker", "--burst", verbosity=0)
    job = Job.objects.get()
    assert (job.status, job.run_after) == (JobStatus.READY, later)
    assert result.task.run_after == later
    assert lines(out) == []


@override_settings(MARQUEE_TASKS="worker")
def test_the_worker_runs_higher_priorities_first_then_the_oldest(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    jobs.append_line.enqueue(str(out), "first, default priority")
    jobs.append_line.using(priority=-5).enqueue(str(out), "low")
    jobs.append_line.using(priority=10).enqueue(str(out), "urgent")
    jobs.append_line.enqueue(str(out), "second, default priority")
    call_command("worker", "--burst", verbosity=0)
    assert lines(out) == [
        "urgent",
        "first, default priority",
        "second, default priority",
        "low",
    ]


@override_settings(MARQUEE_TASKS="worker")
def test_the_worker_takes_only_its_queues(tmp_path: Path) -> None:
    with override_settings(
        TASKS={
            "default": {
                "BACKEND": "marquee.tasks.backend.DatabaseBackend",
                "QUEUES": ["default", "mail"],
            }
        }
    ):
        out = tmp_path / "out.txt"
        jobs.append_line.using(queue_name="mail").enqueue(str(out), "mail")
        jobs.append_line.enqueue(str(out), "default")
        call_command("worker", "--burst", "--queue", "mail", verbosity=0)
        assert lines(out) == ["mail"]
        assert Job.objects.get(queue_name="default").status == JobStatus.READY


@override_settings(MARQUEE_TASKS="worker")
def test_get_result_reads_the_job_from_the_database(tmp_path: Path) -> None:
    result = jobs.attempt_number.enqueue()
    assert result.status == TaskResultStatus.READY
    call_command("worker", "--burst", verbosity=0)
    fetched = jobs.attempt_number.get_result(result.id)
    assert (fetched.status, fetched.return_value, fetched.attempts) == (
        TaskResultStatus.SUCCESSFUL,
        1,
        1,
    )
    with pytest.raises(TaskResultDoesNotExist):
        jobs.attempt_number.get_result("999999")
    with pytest.raises(TaskResultDoesNotExist):
        jobs.attempt_number.get_result("not-a-number")


@override_settings(MARQUEE_TASKS="sometimes")
def test_an_unknown_mode_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        jobs.append_line.enqueue(str(tmp_path / "out.txt"), "x")
    assert str(refused.value) == "MARQUEE_TASKS must be 'inline' or 'worker', got 'sometimes'"
