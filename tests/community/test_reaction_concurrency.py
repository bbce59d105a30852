"""Reaction counters stay equal to the rows with many writers on one article at once.

Threads call ``reaction_set`` directly (each with its own database connection), several of them
for the same readers, so inserts, switches in opposite directions and removals of the same rows
race. Runs on the test database: a SQLite file, or PostgreSQL with DATABASE_URL.
"""

from __future__ import annotations

import random
import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.db.models import Count

from marquee.community import selectors, services
from marquee.community.models import Reaction, ReactionCount
from marquee.newsroom.models import Article
from tests.community.conftest import ReaderFactory

THREADS = 8
READERS = 10
CHOICES_PER_THREAD = 40
KINDS = ["love", "haha", "wow", "sad", "angry"]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_choices_leave_counters_equal_to_rows(
    make_reader: ReaderFactory, article: Article, settings: Any
) -> None:
    settings.MARQUEE_REACTION_RATE_LIMITS = [(10**9, 60)]
    readers = [make_reader(f"reader{index}") for index in range(READERS)]
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []
    last_answers: dict[int, list[str | None]] = {reader.pk: [] for reader in readers}

    def choose(seed: int) -> None:
        rng = random.Random(seed)
        try:
            start.wait()
            for _ in range(CHOICES_PER_THREAD):
                reader = rng.choice(readers)
                kind = rng.choice(KINDS)
                mine = services.reaction_set(reader=reader, article=article, kind=kind).mine
                last_answers[reader.pk].append(mine)
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=choose, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    assert sum(len(answers) for answers in last_answers.values()) == THREADS * CHOICES_PER_THREAD

    grouped = Reaction.objects.filter(article=article).values("kind").annotate(total=Count("pk"))
    stored = {kind: 0 for kind in KINDS} | {row["kind"]: row["total"] for row in grouped}
    counted = {kind: 0 for kind in KINDS} | dict(
        ReactionCount.objects.filter(article=article).values_list("kind", "count")
    )
    assert counted == stored
    assert selectors.reaction_summary(article=article, user=User()).counts == stored
    assert sum(stored.values()) == Reaction.objects.count() <= READERS
