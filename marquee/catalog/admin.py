"""Admin for the knowledge graph, tuned for a knowledge base of 100k+ entities.

Foreign keys use autocomplete or raw-id widgets (no 100k-option selects), list pages skip the
full ``COUNT(*)``, and searches hit indexed name columns. Every save and delete goes through
the actions of ``marquee.catalog.services``, which tell the linker and search after commit.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseModelFormSet
from django.http import HttpRequest

from marquee.catalog import services
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
from marquee.catalog.services import InlineChanges

# Addresses typed without a scheme ("viki.com/tv/…") are read as https://, as Django 6 will do.
HTTPS_URL_FIELDS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class PersonAliasInline(admin.TabularInline[PersonAlias, Person]):
    model = PersonAlias
    extra = 1
    fields = ["name", "kind", "position"]


class TitleAliasInline(admin.TabularInline[TitleAlias, Title]):
    model = TitleAlias
    extra = 1
    fields = ["name", "kind", "position"]


class PersonCreditInline(admin.TabularInline[Credit, Person]):
    model = Credit
    fk_name = "person"
    extra = 0
    fields = ["title", "role", "character", "order"]
    autocomplete_fields = ["title", "character"]


class TitleCreditInline(admin.TabularInline[Credit, Title]):
    model = Credit
    fk_name = "title"
    extra = 0
    fields = ["person", "role", "character", "order"]
    autocomplete_fields = ["person", "character"]


class AvailabilityInline(admin.TabularInline[Availability, Title]):
    model = Availability
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS
    fields = ["platform", "regions", "offer_type", "subtitles", "audio", "url", "until"]


class LargeTable:
    """Admin options for tables too large to count on every page view."""

    show_full_result_count = False
    list_per_page = 50


def inline_changes(formsets: list[BaseModelFormSet[Any, Any]]) -> dict[type[Any], Any]:
    """What each inline would write, by the model of its rows, collected without writing.

    ``save(commit=False)`` gives the new and changed rows (their foreign key set to the owner)
    and fills ``deleted_objects``; the owner's action then writes them with the owner.
    """
    return {
        formset.model: InlineChanges(
            saved=formset.save(commit=False), deleted=formset.deleted_objects
        )
        for formset in formsets
    }


@admin.register(Person)
class PersonAdmin(LargeTable, admin.ModelAdmin[Person]):
    list_display = ["name", "native_name", "kind", "born", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "native_name", "slug", "aliases__name"]
    autocomplete_fields = ["headshot"]
    inlines = [PersonAliasInline, PersonCreditInline]

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        """Nothing yet: ``save_related`` saves the person with its inlines, in one action."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The catalog has no many-to-many fields: there is no form.save_m2m() to call.
        inlines = inline_changes(formsets)
        services.person_save(
            person=form.instance, aliases=inlines.get(PersonAlias), credits=inlines.get(Credit)
        )

    def delete_model(self, request: HttpRequest, obj: Person) -> None:
        services.person_delete(people=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        services.person_delete(people=queryset)


@admin.register(Title)
class TitleAdmin(LargeTable, admin.ModelAdmin[Title]):
    list_display = ["name", "native_name", "kind", "year", "slug"]
    list_filter = ["kind", "year"]
    search_fields = ["name", "native_name", "slug", "aliases__name"]
    autocomplete_fields = ["based_on", "poster"]
    inlines = [TitleAliasInline, TitleCreditInline, AvailabilityInline]

    def save_model(self, request: HttpRequest, obj: Title, form: Any, change: bool) -> None:
        """Nothing yet: ``save_related`` saves the title with its inlines, in one action."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        inlines = inline_changes(formsets)
        services.title_save(
            title=form.instance,
            aliases=inlines.get(TitleAlias),
            credits=inlines.get(Credit),
            availability=inlines.get(Availability),
        )

    def delete_model(self, request: HttpRequest, obj: Title) -> None:
        services.title_delete(titles=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Title]) -> None:
        services.title_delete(titles=queryset)


@admin.register(Character)
class CharacterAdmin(LargeTable, admin.ModelAdmin[Character]):
    list_display = ["name", "title"]
    search_fields = ["name", "title__name"]
    autocomplete_fields = ["title"]
    list_select_related = ["title"]

    def save_model(self, request: HttpRequest, obj: Character, form: Any, change: bool) -> None:
        services.character_save(character=obj)

    def delete_model(self, request: HttpRequest, obj: Character) -> None:
        services.character_delete(characters=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Character]) -> None:
        services.character_delete(characters=queryset)


@admin.register(Credit)
class CreditAdmin(LargeTable, admin.ModelAdmin[Credit]):
    list_display = ["person", "role", "title", "character", "order"]
    list_filter = ["role"]
    search_fields = ["person__name", "title__name", "character__name"]
    autocomplete_fields = ["person", "title", "character"]
    list_select_related = ["person", "title", "character"]

    def save_model(self, request: HttpRequest, obj: Credit, form: Any, change: bool) -> None:
        services.credit_save(credit=obj)

    def delete_model(self, request: HttpRequest, obj: Credit) -> None:
        services.credit_delete(credits=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Credit]) -> None:
        services.credit_delete(credits=queryset)


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin[Platform]):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "slug", "url", "search_url"]
    search_fields = ["name", "slug"]

    def save_model(self, request: HttpRequest, obj: Platform, form: Any, change: bool) -> None:
        services.platform_save(platform=obj)

    def delete_model(self, request: HttpRequest, obj: Platform) -> None:
        services.platform_delete(platforms=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Platform]) -> None:
        services.platform_delete(platforms=queryset)


@admin.register(Availability)
class AvailabilityAdmin(LargeTable, admin.ModelAdmin[Availability]):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "platform", "offer_type", "until"]
    list_filter = ["platform", "offer_type"]
    search_fields = ["title__name"]
    autocomplete_fields = ["title"]
    list_select_related = ["title", "platform"]

    def save_model(self, request: HttpRequest, obj: Availability, form: Any, change: bool) -> None:
        services.availability_save(offer=obj)

    def delete_model(self, request: HttpRequest, obj: Availability) -> None:
        services.availability_delete(offers=[obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Availability]) -> None:
        services.availability_delete(offers=queryset)
