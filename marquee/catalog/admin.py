"""Admin for the knowledge graph, tuned for a knowledge base of 100k+ entities.

Foreign keys use autocomplete or raw-id widgets (no 100k-option selects), list pages skip the
full ``COUNT(*)``, and searches hit indexed name columns.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from marquee.catalog.models import (
    Availability,
    Character,
    Credit,
    Person,
    PersonAlias,
    Platform,
    Title,
    TitleAlias,
)
from marquee.catalog.services import knowledge_base_touched

# Addresses typed without a scheme ("viki.com/tv/…") are read as https://, as Django 6 will do.
HTTPS_URL_FIELDS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1
    fields = ["name", "kind", "position"]


class TitleAliasInline(admin.TabularInline):
    model = TitleAlias
    extra = 1
    fields = ["name", "kind", "position"]


class PersonCreditInline(admin.TabularInline):
    model = Credit
    fk_name = "person"
    extra = 0
    fields = ["title", "role", "character", "order"]
    autocomplete_fields = ["title", "character"]


class TitleCreditInline(admin.TabularInline):
    model = Credit
    fk_name = "title"
    extra = 0
    fields = ["person", "role", "character", "order"]
    autocomplete_fields = ["person", "character"]


class AvailabilityInline(admin.TabularInline):
    model = Availability
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS
    fields = ["platform", "regions", "offer_type", "subtitles", "audio", "url", "until"]


class LargeTable:
    """Admin options for tables too large to count on every page view."""

    show_full_result_count = False
    list_per_page = 50


class TellsTheLinker(admin.ModelAdmin):
    """Edits reach the entity linker (after commit) without rebuilding its whole index."""

    def touched(self, obj: Any) -> tuple[list[str], list[str]]:
        """Slugs of the people and titles an edit of ``obj`` affects."""
        raise NotImplementedError

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        people, titles = self.touched(form.instance)
        knowledge_base_touched(people=people, titles=titles)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        people, titles = self.touched(obj)
        super().delete_model(request, obj)
        knowledge_base_touched(people=people, titles=titles)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        touched = [self.touched(obj) for obj in queryset]
        super().delete_queryset(request, queryset)
        knowledge_base_touched(
            people=[slug for people, _ in touched for slug in people],
            titles=[slug for _, titles in touched for slug in titles],
        )


@admin.register(Person)
class PersonAdmin(LargeTable, TellsTheLinker):
    list_display = ["name", "native_name", "kind", "born", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "native_name", "slug", "aliases__name"]
    inlines = [PersonAliasInline, PersonCreditInline]

    def touched(self, obj: Person) -> tuple[list[str], list[str]]:
        return [obj.slug], list(obj.credits.values_list("title__slug", flat=True))


@admin.register(Title)
class TitleAdmin(LargeTable, TellsTheLinker):
    list_display = ["name", "native_name", "kind", "year", "slug"]
    list_filter = ["kind", "year"]
    search_fields = ["name", "native_name", "slug", "aliases__name"]
    autocomplete_fields = ["based_on"]
    inlines = [TitleAliasInline, TitleCreditInline, AvailabilityInline]

    def touched(self, obj: Title) -> tuple[list[str], list[str]]:
        return list(obj.credits.values_list("person__slug", flat=True)), [obj.slug]


@admin.register(Character)
class CharacterAdmin(LargeTable, TellsTheLinker):
    list_display = ["name", "title"]
    search_fields = ["name", "title__name"]
    autocomplete_fields = ["title"]
    list_select_related = ["title"]

    def touched(self, obj: Character) -> tuple[list[str], list[str]]:
        return [], [obj.title.slug]


@admin.register(Credit)
class CreditAdmin(LargeTable, TellsTheLinker):
    list_display = ["person", "role", "title", "character", "order"]
    list_filter = ["role"]
    search_fields = ["person__name", "title__name", "character__name"]
    autocomplete_fields = ["person", "title", "character"]
    list_select_related = ["person", "title", "character"]

    def touched(self, obj: Credit) -> tuple[list[str], list[str]]:
        return [obj.person.slug], [obj.title.slug]


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "slug", "url"]
    search_fields = ["name", "slug"]


@admin.register(Availability)
class AvailabilityAdmin(LargeTable, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "platform", "offer_type", "until"]
    list_filter = ["platform", "offer_type"]
    search_fields = ["title__name"]
    autocomplete_fields = ["title"]
    list_select_related = ["title", "platform"]
