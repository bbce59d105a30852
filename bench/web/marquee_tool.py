"""Set-up and checks that run inside Marquee's Django (``python -m bench.web.marquee_tool``).

article [SLUG]        the article to measure (newest published by default), as JSON
readers N PASSWORD    make readers bench-reader-0 … N-1 (idempotent), as JSON
reactions SLUG        the stored reaction rows of the article, per kind, as JSON
database              the database's product and version, as JSON
"""

from __future__ import annotations

import json
import os
import sys


def article(slug: str | None) -> dict[str, object]:
    from marquee.newsroom.models import Article

    published = Article.objects.published()
    found = published.filter(slug=slug).first() if slug else published.first()
    if found is None:
        raise SystemExit(f"no published article {slug or ''}".strip())
    return {"slug": found.slug, "title": found.title, "path": found.get_absolute_url()}


def readers(count: int, password: str) -> dict[str, object]:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction

    from marquee.community.models import ReaderProfile

    hashed = make_password(password)  # hashed once: PBKDF2 per reader would take minutes
    names = [f"bench-reader-{index}" for index in range(count)]
    with transaction.atomic():
        existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        User.objects.bulk_create(
            User(username=name, email=f"{name}@example.com", password=hashed)
            for name in names
            if name not in existing
        )
        User.objects.filter(username__in=names).update(password=hashed, is_active=True)
        users = list(User.objects.filter(username__in=names))
        have = set(ReaderProfile.objects.filter(user__in=users).values_list("user_id", flat=True))
        ReaderProfile.objects.bulk_create(
            ReaderProfile(user=user) for user in users if user.pk not in have
        )
    return {"readers": names}


def reactions(slug: str) -> dict[str, object]:
    from django.db.models import Count

    from marquee.community.models import Reaction

    rows = Reaction.objects.filter(article__slug=slug).values("kind").annotate(n=Count("pk"))
    return {"counts": {row["kind"]: row["n"] for row in rows}}


def database() -> dict[str, object]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return {"database": f"PostgreSQL {cursor.fetchone()[0]}"}
        cursor.execute("SELECT sqlite_version()")
        return {"database": f"SQLite {cursor.fetchone()[0]}"}


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.web.settings")
    import django

    django.setup()
    command, *args = argv
    if command == "article":
        result = article(args[0] if args else None)
    elif command == "readers":
        result = readers(int(args[0]), args[1])
    elif command == "reactions":
        result = reactions(args[0])
    elif command == "database":
        result = database()
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
