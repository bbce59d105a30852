"""Simultaneous attempts against one limit: shared by the in-process and the Redis tests."""

from __future__ import annotations

import threading

from django.contrib.auth.models import User
from django.db import connection

from marquee.community.errors import Refusal
from marquee.community.services.checks import rate_limit

THREADS = 24
LIMIT = 5
WINDOW = 86_400  # long: a test never straddles two windows in practice


def simultaneous_attempts(scope: str = "comment") -> tuple[int, list[Refusal]]:
    """``THREADS`` threads each try one action of the same reader at once, through the check
    every community action uses; returns how many were allowed and the refusals."""
    reader = User(pk=4242, username="racer")
    start = threading.Barrier(THREADS)
    allowed: list[int] = []
    refused: list[Refusal] = []

    def attempt() -> None:
        start.wait(timeout=30)
        try:
            rate_limit(scope, reader, [(LIMIT, WINDOW)])
        except Refusal as refusal:
            refused.append(refusal)
        else:
            allowed.append(1)
        finally:
            connection.close()  # this thread's own, when the counters are in the database

    threads = [threading.Thread(target=attempt) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return len(allowed), refused
