"""``marquee worker`` as real processes on the test database (SQLite file or PostgreSQL):
killed with -9 mid-job, stopped with SIGTERM, and two of them sharing one queue."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import override_settings

from marquee.tasks.models import Job, JobStatus
from tests.conftest import database_url
from tests.tasks import jobs

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("worker_mode")]

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker_mode() -> Iterator[None]:
    with override_settings(MARQUEE_TASKS="worker"):
        yield


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start ``marquee worker ARGS`` on the test database; every one started is killed at the
    end if still running. Its output goes to ``worker-N.log`` under ``tmp_path``."""
    started: list[subprocess.Popen[bytes]] = []

    def start(*args: str, lease: float = 60) -> subprocess.Popen[bytes]:
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "MARQUEE_TASKS": "worker",
            "MARQUEE_TASK_LEASE_SECONDS": str(lease),
            "MARQUEE_VAR_DIR": str(tmp_path / "var"),
        }
        log = (tmp_path / f"worker-{len(started) + 1}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "marquee", "worker", "--interval", "0.1", *args],
            cwd=REPOSITORY,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
    """Poll until ``condition()`` holds (a busy machine may take long to start a process)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def status(job_id: str) -> str:
    return Job.objects.get(pk=job_id).status


def test_a_job_killed_mid_run_runs_again_and_a_finished_one_does_not(
    tmp_path: Path, start_worker: Callable[..., subprocess.Popen[bytes]]
) -> None:
    done, marker = tmp_path / "done.txt", tmp_path / "marker.txt"
    finished_first = jobs.append_line.enqueue(str(done), "finished before the crash")
    killed = jobs.marker_then_sleep.enqueue(str(marker), 600)

    first = start_worker(lease=2)
    wait_for(lambda: lines(marker) != [], "the long job to start")
    assert status(finished_first.id) == JobStatus.SUCCESSFUL
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    job = Job.objects.get(pk=killed.id)
    assert (job.status, job.attempts) == (JobStatus.RUNNING, 1)

    second = start_worker(lease=2)
    wait_for(lambda: status(killed.id) == JobStatus.SUCCESSFUL, "the killed job to run again")
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=60) == 0

    job = Job.objects.get(pk=killed.id)
    assert (job.attempts, job.return_value) == (2, 2)
    assert job.error.startswith("WorkerLost: attempt 1 of 5 was lost with worker ")
    assert [line.split(" by ")[0] for line in lines(marker)] == ["run", "run"]
    assert lines(marker)[0] != lines(marker)[1]  # two processes
    assert lines(done) == ["finished before the crash"]
    assert Job.objects.get(pk=finished_first.id).attempts == 1


def test_sigterm_lets_the_running_job_finish(
    tmp_path: Path, start_worker: Callable[..., subprocess.Popen[bytes]]
) -> None:
    out = tmp_path / "out.txt"
    result = jobs.pause_then_append.enqueue(str(out), 1.0)
    worker = start_worker()
    wait_for(lambda: lines(out) == ["started"], "the job to start")
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=60) == 0
    assert lines(out) == ["started", "done"]
    job = Job.objects.get(pk=result.id)
    assert (job.status, job.attempts) == (JobStatus.SUCCESSFUL, 1)
    log = (tmp_path / "worker-1.log").read_text()
    assert "SIGTERM received, stopping after the current job (again to stop now)" in log
    assert (
        f"task=tests.tasks.jobs.pause_then_append id={job.pk} attempt=1/5 outcome=successful" in log
    )


def test_two_workers_never_run_the_same_job(
    tmp_path: Path, start_worker: Callable[..., subprocess.Popen[bytes]]
) -> None:
    out = tmp_path / "runs.txt"
    results = [jobs.record_run.enqueue(str(out), f"job-{n}", 0.02) for n in range(20)]
    workers = [start_worker("--burst"), start_worker("--burst")]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0]

    runs = Counter(line.split()[0] for line in lines(out))
    assert runs == Counter({f"job-{n}": 1 for n in range(20)})
    assert set(Job.objects.values_list("status", "attempts")) == {(JobStatus.SUCCESSFUL, 1)}
    assert Job.objects.filter(pk__in=[result.id for result in results]).count() == 20
