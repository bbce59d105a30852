"""The periodic round of alerts and digests, enqueued by workers: docs/fans.md, docs/tasks.md."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from marquee.catalog.models import Availability, Platform, Title
from marquee.fans import services, tasks
from marquee.fans.models import Notification
from marquee.tasks.models import Job, JobStatus
from marquee.tasks.services import periodic_enqueue

pytestmark = pytest.mark.django_db

ALERTS_DUE = "marquee.fans.tasks.alerts_due"


def test_a_worker_enqueues_and_runs_the_round(settings: Any, small_kb: dict[str, Any]) -> None:
    settings.MARQUEE_TASKS = "worker"
    settings.MARQUEE_PERIODIC_TASKS = [(ALERTS_DUE, 900)]
    fan = User.objects.create_user("fan", "fan@example.com", "a-long-password-1")
    services.settings_update(user=fan, region="JP", subtitles=["ja"], digest="daily")
    goblin = Title.objects.get(slug="goblin")
    services.watchlist_set(user=fan, title=goblin, state="plan")
    # An offer that entered its last week since it was imported (no import runs now).
    Availability.objects.filter(title=goblin).update(
        until=timezone.localdate() + datetime.timedelta(days=3)
    )
    call_command("worker", "--burst", verbosity=0)
    job = Job.objects.get(task_path=tasks.alerts_due.module_path)
    assert job.status == JobStatus.SUCCESSFUL
    assert job.return_value == {"leaving_soon": 1, "digests": 1}
    note = Notification.objects.get(user=fan)
    assert (note.kind, note.platform, note.region) == (
        "leaving_soon", Platform.objects.get(slug="netflix"), "JP",
    )  # fmt: skip
    assert note.emailed_at is not None


def test_a_waiting_run_is_not_enqueued_twice(settings: Any, db: None) -> None:
    settings.MARQUEE_TASKS = "worker"
    assert periodic_enqueue(ALERTS_DUE) is True
    assert periodic_enqueue(ALERTS_DUE) is False
    assert Job.objects.filter(task_path=tasks.alerts_due.module_path).count() == 1


@pytest.mark.parametrize("value", [[("x",)], [(ALERTS_DUE, 0)], [(ALERTS_DUE, True)], [(3, 60)]])
def test_bad_periodic_settings_are_named(settings: Any, value: Any) -> None:
    from marquee.tasks.conf import periodic_tasks

    settings.MARQUEE_PERIODIC_TASKS = value
    with pytest.raises(ImproperlyConfigured, match="MARQUEE_PERIODIC_TASKS must hold"):
        periodic_tasks()


def test_a_path_that_is_not_a_task_is_refused(db: None) -> None:
    with pytest.raises(ImproperlyConfigured, match="is not a task"):
        periodic_enqueue("marquee.fans.services.digests_send")
