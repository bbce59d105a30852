"""Rules the catalog's models state once for everything that reads them."""

from __future__ import annotations

import datetime

import pytest

from marquee.catalog.models import Availability, Platform, Title

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)


def test_an_offer_is_current_until_its_last_day_in_sql_and_in_python() -> None:
    title = Title.objects.create(slug="goblin", name="Goblin", kind="series")
    platform = Platform.objects.create(slug="viki", name="Viki")
    ends = {
        "open": None,
        "ends-today": TODAY,
        "ends-tomorrow": TODAY + datetime.timedelta(days=1),
        "ended-yesterday": TODAY - datetime.timedelta(days=1),
    }
    offers = {
        name: Availability.objects.create(
            title=title, platform=platform, regions=["KR"], until=until
        )
        for name, until in ends.items()
    }
    current = set(Availability.objects.current(TODAY).values_list("pk", flat=True))
    assert current == {offers[name].pk for name in ("open", "ends-today", "ends-tomorrow")}
    assert {name for name, offer in offers.items() if offer.is_current(TODAY)} == {
        "open",
        "ends-today",
        "ends-tomorrow",
    }
