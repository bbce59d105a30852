"""Claiming, retrying, recording failures, and jobs lost with their worker (in one process)."""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from marquee.tasks import conf
from marquee.tasks.models import Job, JobStatus
from marquee.tasks.runner import Heartbeat, claim_next, run_claimed
from tests.tasks import jobs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_mode")]


@pytest.fixture
def worker_mode() -> Iterator[None]:
    with override_settings(MARQUEE_TASKS="worker"):
        yield


def burst() -> None:
    call_command("worker", "--burst", verbosity=0)


def make_due() -> None:
    Job.objects.filter(status=JobStatus.READY).update(run_after=timezone.now())


def test_retry_delays_double_from_the_base() -> None:
    with override_settings(MARQUEE_TASK_RETRY_DELAY_SECONDS=10):
        assert [conf.retry_delay(attempt).total_seconds() for attempt in (1, 2, 3, 4)] == [
            10,
            20,
            40,
            80,
        ]


@override_settings(MARQUEE_TASK_RETRY_DELAY_SECONDS=10, MARQUEE_TASK_MAX_ATTEMPTS=3)
def test_a_failing_job_is_retried_with_backoff_then_recorded_failed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    counter = tmp_path / "runs.txt"
    jobs.fail_times.enqueue(str(counter), 10)

    burst()
    job = Job.objects.get()
    assert (job.status, job.attempts) == (JobStatus.READY, 1)
    assert job.run_after == job.finished_at + datetime.timedelta(seconds=10)
    burst()  # not due yet: nothing runs
    assert counter.read_text().splitlines() == ["run"]

    make_due()
    burst()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.READY, 2)
    assert job.run_after == job.finished_at + datetime.timedelta(seconds=20)

    make_due()
    with caplog.at_level(logging.ERROR, logger="marquee.tasks"):
        burst()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error_class) == (
        JobStatus.FAILED,
        3,
        "builtins.RuntimeError",
    )
    assert job.error.startswith("Traceback (most recent call last):\n")
    assert 'in fail_times\n    raise RuntimeError(f"failure {run} of {failures}")' in job.error
    assert job.error.splitlines()[-1] == "RuntimeError: failure 3 of 10"
    assert len(counter.read_text().splitlines()) == 3
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.getMessage().startswith(
        f"job {job.pk} (tests.tasks.jobs.fail_times) failed on its last attempt (3/3):\n"
        "Traceback (most recent call last):"
    )

    make_due()
    burst()  # a failed job stays failed
    assert len(counter.read_text().splitlines()) == 3


@override_settings(MARQUEE_TASK_RETRY_DELAY_SECONDS=0, MARQUEE_TASK_MAX_ATTEMPTS=5)
def test_a_job_that_fails_then_succeeds_ends_successful(tmp_path: Path) -> None:
    counter = tmp_path / "runs.txt"
    result = jobs.fail_times.enqueue(str(counter), 2)
    burst()
    job = Job.objects.get()
    assert (job.status, job.attempts, job.return_value) == (JobStatus.SUCCESSFUL, 3, 3)
    result.refresh()
    assert result.return_value == 3


def test_a_return_value_that_is_not_json_is_a_failure() -> None:
    with override_settings(MARQUEE_TASK_MAX_ATTEMPTS=1):
        jobs.returns_a_set.enqueue()
        burst()
    job = Job.objects.get()
    assert (job.status, job.error_class) == (JobStatus.FAILED, "builtins.TypeError")
    assert job.error.splitlines()[-1] == "TypeError: Unsupported type: <class 'set'>"


def test_a_job_whose_task_is_gone_is_recorded_failed() -> None:
    with override_settings(MARQUEE_TASK_MAX_ATTEMPTS=1):
        jobs.attempt_number.enqueue()
        Job.objects.update(task_path="tests.tasks.jobs.no_such_task")
        burst()
    job = Job.objects.get()
    assert (job.status, job.error_class) == (JobStatus.FAILED, "builtins.ImportError")


def test_two_claims_never_take_the_same_job(tmp_path: Path) -> None:
    jobs.append_line.enqueue(str(tmp_path / "a"), "a")
    jobs.append_line.enqueue(str(tmp_path / "b"), "b")
    first = claim_next(worker_id="worker-1")
    second = claim_next(worker_id="worker-2")
    assert first is not None and second is not None
    assert first.pk != second.pk
    assert claim_next(worker_id="worker-3") is None
    assert set(Job.objects.values_list("worker_id", "status")) == {
        ("worker-1", JobStatus.RUNNING),
        ("worker-2", JobStatus.RUNNING),
    }


def expire_leases() -> None:
    Job.objects.filter(status=JobStatus.RUNNING).update(
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_a_job_lost_with_its_worker_runs_again_and_the_lost_run_cannot_finish_it(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.txt"
    jobs.append_line.enqueue(str(out), "once")
    lost = claim_next(worker_id="dead-worker")
    assert lost is not None
    assert claim_next(worker_id="other") is None  # its lease still runs: not taken over

    expire_leases()
    taken_over = claim_next(worker_id="other")
    assert taken_over is not None and taken_over.pk == lost.pk
    assert (taken_over.attempts, taken_over.worker_id) == (2, "other")
    assert taken_over.error == (
        "WorkerLost: attempt 1 of 5 was lost with worker dead-worker "
        "(it stopped renewing its lease: killed or crashed)"
    )
    # The first worker was only slow, and finishes after all: its outcome is discarded.
    assert run_claimed(lost) == "discarded"
    job = Job.objects.get()
    assert (job.status, job.worker_id, job.attempts) == (JobStatus.RUNNING, "other", 2)
    assert run_claimed(taken_over) == "successful"
    assert Job.objects.get().status == JobStatus.SUCCESSFUL
    assert out.read_text().splitlines() == ["once", "once"]


@override_settings(MARQUEE_TASK_MAX_ATTEMPTS=2)
def test_a_job_whose_workers_all_died_ends_failed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="marquee.tasks")
    jobs.append_line.enqueue(str(tmp_path / "out.txt"), "never")
    assert claim_next(worker_id="first") is not None
    expire_leases()
    assert claim_next(worker_id="second") is not None
    expire_leases()
    assert claim_next(worker_id="third") is None
    job = Job.objects.get()
    assert (job.status, job.attempts, job.error_class) == (
        JobStatus.FAILED,
        2,
        "marquee.tasks.WorkerLost",
    )
    assert job.error == (
        "WorkerLost: attempt 2 of 2 was lost with worker second "
        "(it stopped renewing its lease: killed or crashed)"
    )
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "WARNING",
            f"job {job.pk} (tests.tasks.jobs.append_line): WorkerLost: attempt 1 of 2 was lost "
            "with worker first (it stopped renewing its lease: killed or crashed); running it "
            "again",
        ),
        (
            "ERROR",
            f"task=tests.tasks.jobs.append_line id={job.pk} attempt=2/2 outcome=failed: "
            "worker lost",
        ),
    ]


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_renews_the_lease_of_a_running_job(tmp_path: Path) -> None:
    jobs.append_line.enqueue(str(tmp_path / "out.txt"), "x")
    job = claim_next(worker_id="me")
    assert job is not None and job.lease_expires_at is not None
    first_lease = job.lease_expires_at
    with override_settings(MARQUEE_TASK_LEASE_SECONDS=0.3), Heartbeat(job):
        for _ in range(200):  # renewed every 0.1 s; give a busy machine up to 10 s
            if Job.objects.get().lease_expires_at != first_lease:
                break
            time.sleep(0.05)
    renewed = Job.objects.get().lease_expires_at
    assert renewed is not None and renewed != first_lease


def test_successful_jobs_older_than_the_keep_days_are_deleted(tmp_path: Path) -> None:
    old = jobs.append_line.enqueue(str(tmp_path / "out.txt"), "old")
    recent = jobs.append_line.enqueue(str(tmp_path / "out.txt"), "recent")
    with override_settings(MARQUEE_TASK_MAX_ATTEMPTS=1):
        failed = jobs.fail_times.enqueue(str(tmp_path / "runs.txt"), 5)
    burst()
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    Job.objects.filter(pk__in=[old.id, failed.id]).update(finished_at=eight_days_ago)
    burst()  # a worker prunes when it starts, then every ten minutes
    assert sorted(Job.objects.values_list("pk", flat=True)) == sorted(
        [int(recent.id), int(failed.id)]
    )
