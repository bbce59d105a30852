"""Reaction counters (``ReactionCount``) equal the rows whatever changes them, and a reaction
POST costs a fixed, small number of queries."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marquee.community import selectors, services
from marquee.community.models import Reaction, ReactionCount
from marquee.newsroom.models import Article
from marquee.newsroom.services import article_delete
from tests.community.conftest import ReaderFactory
from tests.conftest import make_article

KINDS = ["love", "haha", "wow", "sad", "angry"]


def counters(article: Article) -> dict[str, int]:
    """The stored counters of the article, zero counts left out."""
    rows = ReactionCount.objects.filter(article=article, count__gt=0)
    return dict(rows.values_list("kind", "count"))


def rows(article: Article) -> dict[str, int]:
    """What the counters must equal: the reaction rows of the article, per kind."""
    grouped = Reaction.objects.filter(article=article).values("kind").annotate(total=Count("pk"))
    return {row["kind"]: row["total"] for row in grouped}


def shown(article: Article) -> dict[str, int]:
    counts = selectors.reaction_summary(article=article, user=User()).counts
    return {kind: count for kind, count in counts.items() if count}


def test_counts_follow_choices_switches_and_removals_by_several_readers(
    make_reader: ReaderFactory, article: Article
) -> None:
    readers = [make_reader(f"reader{index}") for index in range(4)]
    choices = [
        (0, "love"), (1, "love"), (2, "wow"), (3, "sad"),  # four new reactions
        (0, "wow"), (3, "love"),  # two switches
        (1, "love"), (2, "wow"),  # two removals (the same kind again)
        (1, "angry"), (0, "wow"),  # one new again, one removal
    ]  # fmt: skip
    for index, kind in choices:
        services.reaction_set(reader=readers[index], article=article, kind=kind)
    assert rows(article) == {"love": 1, "angry": 1}
    assert counters(article) == {"love": 1, "angry": 1}
    assert shown(article) == {"love": 1, "angry": 1}
    summary = selectors.reaction_summary(article=article, user=readers[3])
    assert summary.counts == {"love": 1, "haha": 0, "wow": 0, "sad": 0, "angry": 1}
    assert summary.mine == "love"


def test_a_removed_kind_keeps_a_zero_counter(reader: User, article: Article) -> None:
    services.reaction_set(reader=reader, article=article, kind="haha")
    services.reaction_set(reader=reader, article=article, kind="haha")
    assert list(ReactionCount.objects.values_list("kind", "count")) == [("haha", 0)]
    assert selectors.reaction_summary(article=article, user=reader).mine is None


def test_counts_are_per_article(make_reader: ReaderFactory, article: Article) -> None:
    other = make_article("goblin-rewatch")
    first, second = make_reader("first"), make_reader("second")
    services.reaction_set(reader=first, article=article, kind="love")
    services.reaction_set(reader=second, article=article, kind="love")
    services.reaction_set(reader=first, article=other, kind="sad")
    assert counters(article) == {"love": 2}
    assert counters(other) == {"sad": 1}


def test_deleting_an_account_takes_its_reactions_off_the_counts(
    make_reader: ReaderFactory, article: Article
) -> None:
    leaving, staying = make_reader("leaving"), make_reader("staying")
    other = make_article("goblin-rewatch")
    services.reaction_set(reader=leaving, article=article, kind="love")
    services.reaction_set(reader=leaving, article=other, kind="wow")
    services.reaction_set(reader=staying, article=article, kind="love")
    services.account_delete(user=leaving)
    assert counters(article) == rows(article) == {"love": 1}
    assert counters(other) == rows(other) == {}


def test_an_account_deleted_outside_the_service_keeps_counts_exact(
    make_reader: ReaderFactory, article: Article
) -> None:
    """Django's or Wagtail's user admin deletes the user directly: the cascade still counts."""
    leaving = make_reader("leaving")
    services.reaction_set(reader=make_reader("staying"), article=article, kind="sad")
    services.reaction_set(reader=leaving, article=article, kind="sad")
    User.objects.filter(pk=leaving.pk).delete()
    assert counters(article) == rows(article) == {"sad": 1}


def test_deleting_an_article_deletes_its_counters_only(
    make_reader: ReaderFactory, article: Article
) -> None:
    other = make_article("goblin-rewatch")
    reader = make_reader("reader")
    services.reaction_set(reader=reader, article=article, kind="love")
    services.reaction_set(reader=reader, article=other, kind="haha")
    article_delete(article=article)
    assert list(ReactionCount.objects.values_list("article_id", "kind", "count")) == [
        (other.pk, "haha", 1)
    ]


def test_bulk_changes_to_rows_keep_counts_exact(
    make_reader: ReaderFactory, article: Article
) -> None:
    readers = [make_reader(f"reader{index}") for index in range(3)]
    for person in readers:
        services.reaction_set(reader=person, article=article, kind="love")
    Reaction.objects.filter(user=readers[0]).update(kind="wow")
    Reaction.objects.filter(user=readers[1]).delete()
    assert counters(article) == rows(article) == {"love": 1, "wow": 1}


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_the_reactions_that_already_exist(
    make_reader: ReaderFactory, article: Article
) -> None:
    readers = [make_reader(f"reader{index}") for index in range(3)]
    call_command("migrate", "community", "0003", verbosity=0)
    for person, kind in zip(readers, ["love", "love", "angry"], strict=True):
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO community_reaction (user_id, article_id, kind, created_at, "
                "updated_at) VALUES (%s, %s, %s, %s, %s)",
                [person.pk, article.pk, kind, "2026-01-01 00:00:00", "2026-01-01 00:00:00"],
            )
    # Every app forward again: going back in community also took back what depends on it.
    call_command("migrate", verbosity=0)
    assert counters(article) == {"love": 2, "angry": 1}
    services.reaction_set(reader=readers[2], article=article, kind="love")
    assert counters(article) == rows(article) == {"love": 3}


def react(client: Client, article: Article | str, kind: str) -> Any:
    slug = article if isinstance(article, str) else article.slug
    return client.post(
        f"/articles/{slug}/react/",
        data=json.dumps({"reaction": kind}),
        content_type="application/json",
        headers={"accept": "application/json"},
    )


# A reaction POST's statements, in order, without Redis (sessions and rate-limit counts in the
# database). No transaction wraps them: each write statement is atomic with its counters.
REACTION_POST_STATEMENTS = {
    "sqlite": [
        "SELECT",  # the article
        "SELECT",  # the session
        "SELECT",  # the user
        "INSERT",  # the rate-limit count
        "SELECT",  # banned?
        "DELETE",  # the reaction when it is this kind again
        "INSERT",  # … else chosen or switched (ON CONFLICT DO UPDATE)
        "SELECT",  # counts and the reader's own
    ],
    "postgresql": [
        "SELECT",  # the article
        "SELECT",  # the session
        "SELECT",  # the user
        "INSERT",  # the rate-limit count
        "SELECT",  # community_reaction_choose: banned?, the write, the counts, the reader's own
    ],
}


def test_a_reaction_post_costs_eight_queries_on_sqlite_and_five_on_postgresql(
    reader: User, article: Article, settings: Any
) -> None:
    settings.MARQUEE_RATE_LIMIT_STORE = "database"
    client = Client()
    client.force_login(reader)
    assert react(client, article, "love").json()["mine"] == "love"  # first count of the window
    with CaptureQueriesContext(connection) as queries:
        response = react(client, article, "wow")
    assert response.json() == {
        "counts": {"love": 0, "haha": 0, "wow": 1, "sad": 0, "angry": 0},
        "mine": "wow",
    }
    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    assert statements == REACTION_POST_STATEMENTS[connection.vendor]
    if connection.vendor == "postgresql":
        assert "community_reaction_choose(" in queries.captured_queries[-1]["sql"]


def test_a_removal_skips_the_upsert(reader: User, article: Article, settings: Any) -> None:
    settings.MARQUEE_RATE_LIMIT_STORE = "database"
    client = Client()
    client.force_login(reader)
    react(client, article, "sad")
    with CaptureQueriesContext(connection) as queries:
        assert react(client, article, "sad").json() == {
            "counts": {"love": 0, "haha": 0, "wow": 0, "sad": 0, "angry": 0},
            "mine": None,
        }
    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    expected = REACTION_POST_STATEMENTS[connection.vendor]
    if connection.vendor == "sqlite":
        expected = [*expected[:6], expected[7]]  # no INSERT after the DELETE that removed it
    assert statements == expected
    assert not Reaction.objects.exists()


def test_the_counting_triggers_exist_after_every_migration(db: None) -> None:
    """SQLite drops a table's triggers when a migration remakes the table (most ``AlterField``
    on ``Reaction``): such a migration must create them again (see migration 0004)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [Reaction._meta.db_table],
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [Reaction._meta.db_table],
            )
        names = sorted(row[0] for row in cursor.fetchall())
    expected = {
        "sqlite": [f"community_reaction_count_{op}" for op in ("delete", "insert", "update")],
        "postgresql": ["community_reaction_count", "community_reaction_count_update"],
    }
    assert names == expected[connection.vendor]


@pytest.mark.parametrize("method", ["get", "post"])
def test_scheduled_and_missing_articles_have_no_reactions(
    reader: User, method: str, settings: Any
) -> None:
    make_article("tomorrow", published_at=timezone.now() + datetime.timedelta(days=1))
    client = Client()
    client.force_login(reader)
    for slug in ["tomorrow", "no-such-article"]:
        if method == "post":
            response = react(client, slug, "love")
        else:
            response = client.get(
                f"/articles/{slug}/react/", headers={"accept": "application/json"}
            )
        assert response.status_code == 404
    assert not Reaction.objects.exists()
