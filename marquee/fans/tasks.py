"""The fans' queued work (docs/tasks.md): alerts after an offer changes, and the periodic round
of "leaving soon" alerts and e-mail digests."""

from __future__ import annotations

from django_tasks import task

from marquee.fans.services import alerts, notifications


@task()
def offers_changed(gains: list[list[object]], title_ids: list[int]) -> dict[str, int]:
    """Alerts for what a committed change made watchable, and for offers of the same titles now
    leaving within a week (idempotent: every notification is stored once)."""
    return {
        "available": alerts.notify_gains([alerts.Gain.from_json(gain) for gain in gains]),
        "leaving_soon": alerts.notify_leaving_soon(title_ids=title_ids),
    }


@task()
def alerts_due() -> dict[str, int]:
    """The periodic round: "leaving soon" for every offer entering its last week, then the
    e-mail digests that are due (both idempotent)."""
    return {
        "leaving_soon": alerts.notify_leaving_soon(),
        "digests": notifications.digests_send(),
    }
