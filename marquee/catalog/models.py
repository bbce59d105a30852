"""The knowledge graph: people, titles, credits, characters, platforms and availability.

Every person, title and platform has a ``slug``: the stable ``id`` of the knowledge-base file
(docs/knowledge-base.md) and the last part of its URL.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from marquee.catalog.offer_links import search_link, search_url_problem

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
slug_validator = RegexValidator(SLUG_PATTERN, "Use lowercase letters, digits and single hyphens.")
# The most episodes a title may have: more than the longest-running daily shows.
MAX_EPISODES = 10000


def validate_search_url(value: str) -> None:
    """A platform's search address: http(s), with ``{title}`` where the title's name goes."""
    if problem := search_url_problem(value):
        raise ValidationError(f"The search address {problem}.", code="invalid_search_url")


class PersonKind(models.TextChoices):
    PERSON = "person", "Person"
    GROUP = "group", "Group"


class TitleKind(models.TextChoices):
    FILM = "film", "Film"
    SERIES = "series", "Series"
    NOVEL = "novel", "Novel"
    WEBTOON = "webtoon", "Webtoon"
    SONG = "song", "Song"
    ALBUM = "album", "Album"
    SHOW = "show", "Show"


class Role(models.TextChoices):
    ACTOR = "actor", "Actor"
    DIRECTOR = "director", "Director"
    WRITER = "writer", "Writer"
    AUTHOR = "author", "Author"
    SINGER = "singer", "Singer"
    HOST = "host", "Host"
    TRANSLATOR = "translator", "Translator"
    PRODUCER = "producer", "Producer"


class AliasKind(models.TextChoices):
    STAGE_NAME = "stage_name", "Stage name"
    ENGLISH_NAME = "english_name", "English name"
    OTHER_TITLE = "other_title", "Other title"
    HANGUL = "hangul", "Hangul"
    OTHER = "other", "Other name"


class OfferType(models.TextChoices):
    SUBSCRIPTION = "subscription", "Subscription"
    FREE = "free", "Free"
    ADS = "ads", "Free with ads"
    RENT = "rent", "Rent"
    BUY = "buy", "Buy"


class Person(models.Model):
    slug = models.CharField(max_length=200, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=200, db_index=True)
    native_name = models.CharField(max_length=200, blank=True, db_index=True)
    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.PERSON)
    born = models.DateField(null=True, blank=True)
    bio = models.TextField(blank=True)
    headshot = models.ForeignKey(
        "media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:person", args=[self.slug])


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, db_index=True)
    kind = models.CharField(max_length=20, choices=AliasKind.choices, default=AliasKind.OTHER)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["person", "position"]
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="unique_person_alias"),
        ]
        verbose_name_plural = "person aliases"

    def __str__(self) -> str:
        return self.name


class Title(models.Model):
    slug = models.CharField(max_length=200, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=300, db_index=True)
    native_name = models.CharField(max_length=300, blank=True, db_index=True)
    kind = models.CharField(max_length=10, choices=TitleKind.choices, default=TitleKind.FILM)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    episodes = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EPISODES)],
        help_text="How many episodes (series, shows); empty when unknown or not episodic.",
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adaptations",
        help_text="The work this one is adapted from.",
    )
    synopsis = models.TextField(blank=True)
    poster = models.ForeignKey(
        "media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "year"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(based_on=models.F("pk")), name="title_not_based_on_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})" if self.year else self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:title", args=[self.slug])


class TitleAlias(models.Model):
    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300, db_index=True)
    kind = models.CharField(max_length=20, choices=AliasKind.choices, default=AliasKind.OTHER_TITLE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["title", "position"]
        constraints = [
            models.UniqueConstraint(fields=["title", "name"], name="unique_title_alias"),
        ]
        verbose_name_plural = "title aliases"

    def __str__(self) -> str:
        return self.name


class Character(models.Model):
    """A character of one title; actors' credits point at it."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="characters")
    name = models.CharField(max_length=200, db_index=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names, e.g. given name.")

    class Meta:
        ordering = ["title", "name"]
        constraints = [
            models.UniqueConstraint(fields=["title", "name"], name="unique_character_per_title"),
        ]

    def __str__(self) -> str:
        return self.name


class Credit(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=20, choices=Role.choices, db_index=True)
    character = models.ForeignKey(
        Character, on_delete=models.CASCADE, null=True, blank=True, related_name="credits"
    )
    order = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Billing order.")

    class Meta:
        ordering = ["title", "role", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "title", "role"],
                condition=models.Q(character__isnull=True),
                name="unique_credit_without_character",
            ),
            models.UniqueConstraint(
                fields=["person", "title", "role", "character"],
                condition=models.Q(character__isnull=False),
                name="unique_credit_with_character",
            ),
        ]

    def __str__(self) -> str:
        played = f" as {self.character}" if self.character_id else ""
        return f"{self.person} — {self.get_role_display()} in {self.title}{played}"


class Platform(models.Model):
    slug = models.CharField(max_length=100, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    search_url = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_search_url],
        help_text="The platform's search, with {title} where the title's name goes, e.g. "
        "https://www.viki.com/search?q={title}. Used for offers without their own address.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def search_link(self, title_name: str) -> str:
        """The platform's search for ``title_name``, or "" when it has no ``search_url``."""
        return search_link(self.search_url, title_name)


class AvailabilityQuerySet(models.QuerySet["Availability"]):
    def current(self, today: datetime.date) -> AvailabilityQuerySet:
        """Offers shown on ``today``: with no end date, or ending that day or later."""
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gte=today))


class Availability(models.Model):
    """One offer: a title on a platform in some regions, with its languages."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="availability")
    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="availability")
    regions = models.JSONField(default=list, help_text="ISO 3166-1 alpha-2 codes.")
    offer_type = models.CharField(
        max_length=20, choices=OfferType.choices, default=OfferType.SUBSCRIPTION
    )
    subtitles = models.JSONField(default=list, blank=True, help_text="ISO 639-1 codes.")
    audio = models.JSONField(default=list, blank=True, help_text="ISO 639-1 codes.")
    url = models.URLField(max_length=500, blank=True)
    until = models.DateField(null=True, blank=True, help_text="Hidden after this date.")
    position = models.PositiveSmallIntegerField(default=0)

    objects = AvailabilityQuerySet.as_manager()

    class Meta:
        ordering = ["title", "platform", "position"]
        verbose_name_plural = "availability"

    def __str__(self) -> str:
        return f"{self.title} on {self.platform} ({', '.join(self.regions)})"

    def is_current(self, today: datetime.date) -> bool:
        """``Availability.objects.current``'s rule for an offer already loaded."""
        return self.until is None or self.until >= today

    def link(self) -> str:
        """Where to watch: the offer's own address, else its platform's search for the title,
        else "" (never the platform's home page). Reads ``title`` and ``platform``: load them."""
        return self.url or self.platform.search_link(self.title.name)
