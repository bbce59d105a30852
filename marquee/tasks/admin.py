"""The queue in the admin, read-only: an operator sees what ran, what waits and what failed.

Failed jobs are requeued with ``marquee tasks retry`` (the same action for everyone).
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from marquee.tasks.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin[Job]):
    list_display = [
        "id",
        "task_path",
        "queue_name",
        "status",
        "attempts",
        "max_attempts",
        "run_after",
        "finished_at",
        "error_summary",
    ]
    list_filter = ["status", "queue_name"]
    search_fields = ["task_path", "error"]
    ordering = ["-id"]
    date_hierarchy = "enqueued_at"

    @admin.display(description="error")
    def error_summary(self, job: Job) -> str:
        return job.error_summary

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False
