"""``marquee tasks`` (the queue at a glance, retrying failed jobs) and the settings' checks."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from marquee.tasks.models import Job, JobStatus
from tests.tasks import jobs

pytestmark = pytest.mark.django_db


def tasks_command(*args: str) -> str:
    out = StringIO()
    call_command("tasks", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def failed_and_done(tmp_path: Path) -> tuple[Job, Job]:
    with override_settings(MARQUEE_TASKS="worker", MARQUEE_TASK_MAX_ATTEMPTS=2):
        jobs.fail_times.enqueue(str(tmp_path / "runs.txt"), 5)
        jobs.append_line.enqueue(str(tmp_path / "out.txt"), "done")
        jobs.append_line.using(run_after=timezone.now() + timezone.timedelta(hours=1)).enqueue(
            str(tmp_path / "out.txt"), "later"
        )
        call_command("worker", "--burst", verbosity=0)
        Job.objects.filter(status=JobStatus.READY, attempts=1).update(run_after=timezone.now())
        call_command("worker", "--burst", verbosity=0)
    return Job.objects.get(status=JobStatus.FAILED), Job.objects.get(status=JobStatus.SUCCESSFUL)


def test_tasks_counts_jobs_by_status_and_lists_the_failed_ones(
    failed_and_done: tuple[Job, Job],
) -> None:
    failed, _ = failed_and_done
    assert failed.finished_at is not None
    assert tasks_command().splitlines() == [
        "ready: 1  running: 0  failed: 1  successful: 1",
        f"failed #{failed.pk} tests.tasks.jobs.fail_times after 2 attempts, "
        f"{failed.finished_at.isoformat(timespec='seconds')}: RuntimeError: failure 2 of 5",
    ]


def test_tasks_retry_requeues_a_failed_job(failed_and_done: tuple[Job, Job]) -> None:
    failed, _ = failed_and_done
    assert tasks_command("retry", str(failed.pk)) == "requeued 1 job\n"
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (JobStatus.READY, 0)
    assert failed.run_after <= timezone.now()


def test_tasks_retry_failed_requeues_every_failed_job(failed_and_done: tuple[Job, Job]) -> None:
    assert tasks_command("retry", "--failed") == "requeued 1 job\n"
    assert Job.objects.filter(status=JobStatus.FAILED).count() == 0


def test_tasks_retry_refuses_a_bad_id_and_changes_nothing(
    failed_and_done: tuple[Job, Job],
) -> None:
    failed, done = failed_and_done
    with pytest.raises(CommandError) as refused:
        tasks_command("retry", str(failed.pk), "999999")
    assert str(refused.value) == "No job 999999."
    with pytest.raises(CommandError) as refused:
        tasks_command("retry", str(done.pk))
    assert str(refused.value) == (
        f"Job {done.pk} is successful, not failed: only failed jobs are retried."
    )
    with pytest.raises(CommandError) as refused:
        tasks_command("retry")
    assert str(refused.value) == "Give the ids of failed jobs or --failed (not both)."
    assert Job.objects.get(pk=failed.pk).status == JobStatus.FAILED


def run_marquee(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "marquee", *args],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_bad_id_on_the_command_line_exits_1_with_the_message(tmp_path: Path) -> None:
    from tests.conftest import run_marquee_on_scratch_database

    finished = run_marquee_on_scratch_database(tmp_path, "tasks", "retry", "42")
    assert (finished.returncode, finished.stderr) == (1, "CommandError: No job 42.\n")


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("MARQUEE_TASKS", "sometimes", "MARQUEE_TASKS must be inline or worker, got 'sometimes'"),
        ("MARQUEE_TASK_LEASE_SECONDS", "0", "MARQUEE_TASK_LEASE_SECONDS must be above 0, got '0'"),
        (
            "MARQUEE_TASK_MAX_ATTEMPTS",
            "many",
            "MARQUEE_TASK_MAX_ATTEMPTS must be a whole number, 0 or more, got 'many'",
        ),
    ],
)
def test_bad_queue_settings_stop_every_command_with_their_message(
    variable: str, value: str, message: str
) -> None:
    finished = run_marquee("tasks", **{variable: value})
    assert (finished.returncode, finished.stderr) == (1, f"marquee: {message}\n")
