"""Admin for the knowledge graph, tuned for a knowledge base of 100k+ entities.

Foreign keys use autocomplete or raw-id widgets (no 100k-option selects), list pages skip the
full ``COUNT(*)``, and searches hit indexed name columns.
"""

from __future__ import annotations

from django.contrib import admin

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
    fields = ["platform", "regions", "offer_type", "subtitles", "audio", "url", "until"]


class LargeTable:
    """Admin options for tables too large to count on every page view."""

    show_full_result_count = False
    list_per_page = 50


@admin.register(Person)
class PersonAdmin(LargeTable, admin.ModelAdmin):
    list_display = ["name", "native_name", "kind", "born", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "native_name", "slug", "aliases__name"]
    inlines = [PersonAliasInline, PersonCreditInline]


@admin.register(Title)
class TitleAdmin(LargeTable, admin.ModelAdmin):
    list_display = ["name", "native_name", "kind", "year", "slug"]
    list_filter = ["kind", "year"]
    search_fields = ["name", "native_name", "slug", "aliases__name"]
    autocomplete_fields = ["based_on"]
    inlines = [TitleAliasInline, TitleCreditInline, AvailabilityInline]


@admin.register(Character)
class CharacterAdmin(LargeTable, admin.ModelAdmin):
    list_display = ["name", "title"]
    search_fields = ["name", "title__name"]
    autocomplete_fields = ["title"]
    list_select_related = ["title"]


@admin.register(Credit)
class CreditAdmin(LargeTable, admin.ModelAdmin):
    list_display = ["person", "role", "title", "character", "order"]
    list_filter = ["role"]
    search_fields = ["person__name", "title__name", "character__name"]
    autocomplete_fields = ["person", "title", "character"]
    list_select_related = ["person", "title", "character"]


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "url"]
    search_fields = ["name", "slug"]


@admin.register(Availability)
class AvailabilityAdmin(LargeTable, admin.ModelAdmin):
    list_display = ["title", "platform", "offer_type", "until"]
    list_filter = ["platform", "offer_type"]
    search_fields = ["title__name"]
    autocomplete_fields = ["title"]
    list_select_related = ["title", "platform"]
