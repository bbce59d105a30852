"""Forms of the editorial screens (docs/workflow.md). Times are entered in the member's own
time zone (``services.member_time_zone``) and come out aware, in UTC, as the services store
them; the services still decide what is allowed."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.utils import timezone

NOTE_LENGTH = 2000
LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"
# The zones offered first; any other IANA name is accepted too (``TimeZoneForm``).
COMMON_TIME_ZONES = (
    "Asia/Seoul", "Asia/Tokyo", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore",
    "Asia/Kolkata", "Australia/Sydney", "Europe/London", "Europe/Paris", "Europe/Berlin",
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "America/Sao_Paulo", "Pacific/Auckland", "Pacific/Honolulu", "UTC",
)  # fmt: skip


def note_field(label: str = "Note") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LocalDateTimeField(forms.DateTimeField):
    """A ``datetime-local`` input read in the time zone the form is given (not the server's)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT_FORMAT)
    input_formats = [LOCAL_INPUT_FORMAT, "%Y-%m-%dT%H:%M:%S"]


class ZonedForm(forms.Form):
    """A form whose times are entered and shown in ``time_zone``."""

    def __init__(self, *args: Any, time_zone: zoneinfo.ZoneInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone

    def full_clean(self) -> None:
        # DateTimeField makes a naive input aware in the current time zone: the member's.
        with timezone.override(self.time_zone):
            super().full_clean()

    def utc(self, name: str) -> datetime.datetime | None:
        value: datetime.datetime | None = self.cleaned_data.get(name)
        return None if value is None else value.astimezone(datetime.UTC)


class NoteForm(forms.Form):
    """Submit for review, return to draft."""

    note = note_field()


class PublishForm(forms.Form):
    """Publish now; a correction note is shown to readers with the update (none: silent)."""

    note = note_field()
    correction = note_field("Correction shown to readers")


class ScheduleForm(ZonedForm):
    at = LocalDateTimeField(label="Publish at")
    note = note_field()

    def clean_at(self) -> datetime.datetime:
        at: datetime.datetime = self.cleaned_data["at"]
        if at <= timezone.now():
            raise forms.ValidationError("That time has passed: publish now instead.")
        return at


class UnpublishForm(ZonedForm):
    """Unpublish now (no time) or at a later time."""

    at = LocalDateTimeField(label="Unpublish at", required=False)
    note = note_field()

    def clean_at(self) -> datetime.datetime | None:
        at: datetime.datetime | None = self.cleaned_data.get("at")
        if at is not None and at <= timezone.now():
            raise forms.ValidationError("That time has passed: leave it empty to unpublish now.")
        return at


class RestoreForm(forms.Form):
    message = forms.CharField(label="Message", required=False, max_length=300)


class PreviewLinkForm(forms.Form):
    days = forms.IntegerField(label="Valid for (days)", min_value=1, max_value=30, initial=7)


class TimeZoneForm(forms.Form):
    """An IANA time zone: one of the common ones offered, or any other name typed in."""

    time_zone = forms.CharField(
        label="Time zone",
        max_length=64,
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )

    def clean_time_zone(self) -> str:
        name: str = self.cleaned_data["time_zone"].strip()
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise forms.ValidationError(
                f"“{name}” is not a time zone (try Asia/Seoul or Europe/London)."
            ) from None
        return name
