"""Availability alerts: docs/fans.md, "Alerts"."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from marquee.catalog.kb_format import parse_document
from marquee.catalog.models import Availability, Person, Title
from marquee.catalog.services import kb_import
from marquee.discovery import services as discovery_services
from marquee.fans import services, tasks
from marquee.fans.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def reader(name: str, *, region: str = "MX", subtitles: tuple[str, ...] = ("es",)) -> User:
    user = User.objects.create_user(name, f"{name}@example.com", "a-long-password-1")
    services.settings_update(user=user, region=region, subtitles=list(subtitles))
    return user


def goblin_on_viki(document: dict[str, Any], **offer: Any) -> dict[str, Any]:
    """``document`` with an offer of Goblin on Viki added (MX, Spanish subtitles by default)."""
    changed = copy.deepcopy(document)
    changed["availability"].append(
        {
            "title": "goblin",
            "platform": "viki",
            "regions": ["MX"],
            "subtitles": ["es"],
            "url": "https://www.viki.com/tv/goblin",
            **offer,
        }
    )
    return changed


def do_import(document: dict[str, Any]) -> None:
    """Import, then run what the import queued after its commit (the alerts job among it)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        kb_import(document=parse_document(document))


def notes(user: User) -> list[tuple[str, str, str, str]]:
    return [
        (n.kind, n.title.slug, n.platform.slug, n.region)
        for n in Notification.objects.filter(user=user).order_by("pk")
    ]


def watch(user: User, slug: str, state: str = "plan") -> None:
    services.watchlist_set(user=user, title=Title.objects.get(slug=slug), state=state)


def test_a_title_on_the_watchlist_that_becomes_watchable_alerts_once(
    small_kb: dict[str, Any],
) -> None:
    fan = reader("fan")
    watch(fan, "goblin")
    do_import(goblin_on_viki(small_kb))
    assert notes(fan) == [("available", "goblin", "viki", "MX")]
    note = Notification.objects.get(user=fan)
    assert note.subtitles == ["es"]
    assert note.url == "https://www.viki.com/tv/goblin"
    assert note.person is None
    # The same file again, and the job run once more: nothing new.
    do_import(goblin_on_viki(small_kb))
    tasks.offers_changed.call(
        [[note.title_id, note.platform_id, "MX", ["es"], True]], [note.title_id]
    )
    assert Notification.objects.filter(user=fan).count() == 1


def test_readers_elsewhere_or_without_the_language_get_nothing(small_kb: dict[str, Any]) -> None:
    in_us = reader("in-us", region="US", subtitles=("es",))
    french = reader("french", region="MX", subtitles=("fr",))
    no_region = User.objects.create_user("no-region", "n@example.com", "a-long-password-1")
    services.settings_update(user=no_region, subtitles=["es"])
    matching = reader("matching", region="MX", subtitles=("fr", "es"))
    for user in (in_us, french, no_region, matching):
        watch(user, "goblin")
    do_import(goblin_on_viki(small_kb))
    assert notes(in_us) == notes(french) == notes(no_region) == []
    assert notes(matching) == [("available", "goblin", "viki", "MX")]
    assert Notification.objects.get(user=matching).subtitles == ["es"]


def test_a_reader_without_subtitle_languages_hears_of_any_offer_in_their_region(
    small_kb: dict[str, Any],
) -> None:
    korean = reader("korean", region="MX", subtitles=())
    watch(korean, "goblin")
    do_import(goblin_on_viki(small_kb, subtitles=[]))
    assert notes(korean) == [("available", "goblin", "viki", "MX")]


def test_a_new_subtitle_language_on_an_existing_offer_alerts_those_who_read_it(
    small_kb: dict[str, Any],
) -> None:
    spanish = reader("spanish", subtitles=("es",))
    english = reader("english", subtitles=("en",))
    watch(spanish, "goblin")
    do_import(goblin_on_viki(small_kb, subtitles=["es"]))
    watch(english, "goblin")  # added while Goblin already streams in MX, but not in English
    do_import(goblin_on_viki(small_kb, subtitles=["es", "en"]))
    assert notes(spanish) == [("available", "goblin", "viki", "MX")]
    assert notes(english) == [("available", "goblin", "viki", "MX")]
    assert Notification.objects.get(user=english).subtitles == ["en"]


def test_a_change_that_adds_nothing_for_the_reader_sends_nothing(small_kb: dict[str, Any]) -> None:
    fan = reader("fan")
    do_import(goblin_on_viki(small_kb))
    watch(fan, "goblin")  # already watchable when added: no alert for that
    do_import(goblin_on_viki(small_kb, url="https://www.viki.com/tv/goblin-2"))
    assert notes(fan) == []


def test_states_that_do_not_alert_and_removed_titles(small_kb: dict[str, Any]) -> None:
    done = reader("done")
    dropped = reader("dropped")
    removed = reader("removed")
    watching = reader("watching")
    watch(done, "goblin", "completed")
    watch(dropped, "goblin", "dropped")
    watch(removed, "goblin")
    services.watchlist_set(user=removed, title=Title.objects.get(slug="goblin"), state="none")
    watch(watching, "goblin", "watching")
    do_import(goblin_on_viki(small_kb))
    assert notes(done) == notes(dropped) == notes(removed) == []
    assert notes(watching) == [("available", "goblin", "viki", "MX")]


def test_a_followed_persons_work_alerts_and_says_whose_it_is(small_kb: dict[str, Any]) -> None:
    fan = reader("fan")
    unfollowed = reader("unfollowed")
    kim = Person.objects.get(slug="kim-go-eun")
    discovery_services.follow_create(user=fan, person=kim)
    discovery_services.follow_create(user=unfollowed, person=kim)
    discovery_services.follow_delete(user=unfollowed, person=kim)
    do_import(goblin_on_viki(small_kb))
    assert notes(fan) == [("available", "goblin", "viki", "MX")]
    assert Notification.objects.get(user=fan).person == kim
    assert notes(unfollowed) == []


def test_an_offer_ending_within_a_week_is_leaving_soon_once(small_kb: dict[str, Any]) -> None:
    fan = reader("fan")
    watch(fan, "goblin")
    do_import(goblin_on_viki(small_kb))
    until = timezone.localdate() + datetime.timedelta(days=5)
    do_import(goblin_on_viki(small_kb, until=until.isoformat()))
    assert notes(fan) == [
        ("available", "goblin", "viki", "MX"),
        ("leaving_soon", "goblin", "viki", "MX"),
    ]
    assert Notification.objects.get(user=fan, kind="leaving_soon").until == until
    assert services.notify_leaving_soon() == 0  # the periodic round finds it sent


def test_the_periodic_round_finds_offers_entering_their_last_week(
    small_kb: dict[str, Any],
) -> None:
    fan = reader("fan")
    watch(fan, "goblin")
    until = timezone.localdate() + datetime.timedelta(days=10)
    do_import(goblin_on_viki(small_kb, until=until.isoformat()))
    assert notes(fan) == [("available", "goblin", "viki", "MX")]
    assert services.notify_leaving_soon(today=until - datetime.timedelta(days=8)) == 0
    assert services.notify_leaving_soon(today=until - datetime.timedelta(days=7)) == 1
    assert tasks.alerts_due.call() == {"leaving_soon": 0, "digests": 0}
    assert [n.kind for n in Notification.objects.filter(user=fan)] == [
        NotificationKind.LEAVING_SOON,
        NotificationKind.AVAILABLE,
    ]


def test_expired_offers_alert_no_one(small_kb: dict[str, Any]) -> None:
    fan = reader("fan")
    watch(fan, "goblin")
    do_import(goblin_on_viki(small_kb, until="2001-01-01"))
    assert notes(fan) == []


def test_an_admin_edit_that_adds_an_offer_alerts(small_kb: dict[str, Any]) -> None:
    from marquee.catalog import services as catalog_services
    from marquee.catalog.models import Platform

    fan = reader("fan")
    watch(fan, "goblin")
    offer = Availability(
        title=Title.objects.get(slug="goblin"),
        platform=Platform.objects.get(slug="viki"),
        regions=["MX"],
        subtitles=["es"],
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        catalog_services.availability_save(offer=offer)
    assert notes(fan) == [("available", "goblin", "viki", "MX")]


def test_no_watcher_no_job(
    small_kb: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from marquee.tasks.models import Job

    reader("fan")
    before = Job.objects.filter(task_path=tasks.offers_changed.module_path).count()
    do_import(goblin_on_viki(small_kb))
    assert Job.objects.filter(task_path=tasks.offers_changed.module_path).count() == before


def test_the_digest_mails_unread_notifications_once_per_period(small_kb: dict[str, Any]) -> None:
    fan = reader("fan")
    services.settings_update(user=fan, digest="daily")
    quiet = reader("quiet")  # digest off
    watch(fan, "goblin")
    watch(quiet, "goblin")
    do_import(goblin_on_viki(small_kb))
    now = timezone.now()
    assert services.digests_send(now=now) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fan@example.com"]
    assert (
        "Guardian: The Lonely and Great God is now on Viki in MX with es subtitles" in message.body
    )
    assert "https://www.viki.com/tv/goblin" in message.body
    assert services.digests_send(now=now + datetime.timedelta(hours=2)) == 0  # sent already
    assert services.digests_send(now=now + datetime.timedelta(days=2)) == 0  # nothing new
    assert len(mail.outbox) == 1


def test_with_workers_the_alert_waits_for_the_queue(
    small_kb: dict[str, Any], settings: Any
) -> None:
    from django.core.management import call_command

    from marquee.tasks.models import Job, JobStatus

    settings.MARQUEE_TASKS = "worker"
    fan = reader("fan")
    watch(fan, "goblin")
    do_import(goblin_on_viki(small_kb))
    job = Job.objects.get(task_path=tasks.offers_changed.module_path)
    assert job.status == JobStatus.READY
    assert notes(fan) == []  # nothing until a worker runs the job
    call_command("worker", "--burst", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.return_value) == (
        JobStatus.SUCCESSFUL, {"available": 1, "leaving_soon": 0},
    )  # fmt: skip
    assert notes(fan) == [("available", "goblin", "viki", "MX")]
