"""Personal API tokens in the admin: who has which, when each was last used; an administrator
can revoke one (delete), never read or change its secret (only a digest is stored)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from marquee.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]
    exclude = ["digest"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
