"""The queue in the admin: read-only, failed jobs found by status with their error."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from marquee.tasks.models import Job, JobStatus
from tests.tasks import jobs

pytestmark = pytest.mark.django_db


@override_settings(MARQUEE_TASKS="worker", MARQUEE_TASK_MAX_ATTEMPTS=1)
def test_the_admin_lists_failed_jobs_with_their_error_and_changes_nothing(
    tmp_path: Path, admin_client: Client
) -> None:
    jobs.fail_times.enqueue(str(tmp_path / "runs.txt"), 1)
    jobs.append_line.enqueue(str(tmp_path / "out.txt"), "fine")
    call_command("worker", "--burst", verbosity=0)
    failed = Job.objects.get(status=JobStatus.FAILED)

    html = admin_client.get("/admin/tasks/job/?status__exact=FAILED").content.decode()
    assert "RuntimeError: failure 1 of 1" in html
    assert "tests.tasks.jobs.fail_times" in html
    assert "tests.tasks.jobs.append_line" not in html
    assert "/admin/tasks/job/add/" not in html

    detail = admin_client.get(f"/admin/tasks/job/{failed.pk}/change/")
    assert detail.status_code == 200
    assert "Traceback (most recent call last)" in detail.content.decode()
    response = admin_client.post(f"/admin/tasks/job/{failed.pk}/change/", {"status": "READY"})
    assert response.status_code == 403
    assert Job.objects.get(pk=failed.pk).status == JobStatus.FAILED
    assert admin_client.get(f"/admin/tasks/job/{failed.pk}/delete/").status_code == 403
