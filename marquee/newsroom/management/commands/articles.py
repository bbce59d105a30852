"""``marquee articles import FILE...``, ``marquee articles publish SLUG...``, ``marquee articles
unpublish SLUG...`` and ``marquee articles history SLUG`` (see docs/cli.md)."""

from __future__ import annotations

import datetime
import json
import zoneinfo
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from marquee.cli import read_input
from marquee.newsroom import services
from marquee.newsroom.article_format import (
    FIRST_YEAR,
    LAST_YEAR,
    ArticleFileError,
    decode_text,
    parse_article_file,
)
from marquee.newsroom.models import Article, ArticleRevision, ArticleStatus, EditorialAction
from marquee.newsroom.services.roles import require_publish

AS_HELP = (
    "act as this newsroom member, with their role's permissions (default: the operator, who "
    "may do everything)"
)
TIME_HELP = (
    "an ISO 8601 time; with an offset (+09:00, Z) as written, without one in the time zone of "
    "the --as member (default MARQUEE_NEWSROOM_TIME_ZONE, Asia/Seoul)"
)


def utc_text(moment: datetime.datetime) -> str:
    """ISO 8601 in UTC with ``Z``, as the API writes times."""
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def parse_time(value: str, option: str, time_zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """An aware time from ``value``; a naive one is read in ``time_zone``."""
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"{option}: {value!r} is not an ISO 8601 time (for example 2026-12-01T09:00 or "
            "2026-12-01T09:00+09:00)"
        ) from None
    # The year is checked as written, before any conversion to UTC could overflow.
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise CommandError(
            f"{option}: must be in the years {FIRST_YEAR} to {LAST_YEAR}, got {value!r}"
        )
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=time_zone)
    return moment


def _refused(error: services.EditorialRefused) -> CommandError:
    return CommandError(str(error))


class Command(BaseCommand):
    help = "Import, publish, unpublish articles and list their revisions."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{import,publish,unpublish,history}"
        )
        importer: ArgumentParser = actions.add_parser("import", help="import article files")
        importer.add_argument("files", nargs="+", metavar="FILE", help="files, or - for stdin")
        importer.add_argument("--draft", action="store_true", help="import as drafts")
        importer.add_argument(
            "--publish-at", metavar="ISO-8601", help=f"schedule the articles: {TIME_HELP}"
        )
        importer.add_argument("--as", dest="as_user", metavar="USERNAME", help=AS_HELP)
        publisher: ArgumentParser = actions.add_parser("publish", help="publish articles now")
        publisher.add_argument("slugs", nargs="+", metavar="SLUG")
        publisher.add_argument(
            "--at", metavar="ISO-8601", help=f"schedule instead, for this time: {TIME_HELP}"
        )
        publisher.add_argument("--as", dest="as_user", metavar="USERNAME", help=AS_HELP)
        unpublisher: ArgumentParser = actions.add_parser(
            "unpublish", help="take articles down now (their date kept)"
        )
        unpublisher.add_argument("slugs", nargs="+", metavar="SLUG")
        unpublisher.add_argument(
            "--at", metavar="ISO-8601", help=f"take them down at this time instead: {TIME_HELP}"
        )
        unpublisher.add_argument("--as", dest="as_user", metavar="USERNAME", help=AS_HELP)
        history: ArgumentParser = actions.add_parser(
            "history", help="an article's revisions, newest first"
        )
        history.add_argument("slug", metavar="SLUG")
        history.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "history":
            self._history(options["slug"], as_json=options["json"])
            return
        by = self._user(options["as_user"])
        time_zone = services.member_time_zone(by)
        if action == "import":
            if options["publish_at"] is not None and options["draft"]:
                raise CommandError("--publish-at schedules a publication: leave out --draft")
            publish_at = (
                parse_time(options["publish_at"], "--publish-at", time_zone)
                if options["publish_at"] is not None
                else None
            )
            self._import(options["files"], draft=options["draft"], publish_at=publish_at, by=by)
            return
        at = parse_time(options["at"], "--at", time_zone) if options["at"] is not None else None
        self._publish_or_unpublish(options["slugs"], publish=action == "publish", at=at, by=by)

    def _user(self, name: str | None) -> Any:
        if name is None:
            return None
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise CommandError(f"--as: no user {name!r}")
        return user

    def _import(
        self, files: list[str], *, draft: bool, publish_at: datetime.datetime | None, by: Any
    ) -> None:
        try:
            inputs = [
                parse_article_file(decode_text(read_input(path), path), path) for path in files
            ]
            if not draft and inputs:
                # The import is one transaction, and a refusal inside it would roll back its
                # audit record: the services' rule is met first, on its own.
                first = Article.objects.filter(slug=inputs[0].slug).first()
                require_publish(
                    by, first or Article(title=inputs[0].title), EditorialAction.PUBLISH
                )
            articles = services.articles_import(
                article_inputs=inputs, draft=draft, publish_at=publish_at, by=by
            )
        except services.EditorialRefused as error:
            raise _refused(error) from None
        except (ArticleFileError, ValueError) as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                problems = [
                    f"field {field!r}: {message}"
                    for field, messages in error.message_dict.items()
                    for message in messages
                ]
            else:
                problems = error.messages
            raise CommandError(f"article refused: {'; '.join(problems)}") from None
        for article in articles:
            self.stdout.write(article.slug)

    def _publish_or_unpublish(
        self, slugs: list[str], *, publish: bool, at: datetime.datetime | None, by: Any
    ) -> None:
        """All the named articles change, or none (an unknown slug is refused first)."""
        articles = {article.slug: article for article in Article.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in articles]
        if missing:
            raise CommandError(f"no article with slug {missing[0]!r}")
        action = services.article_publish if publish else services.article_unpublish
        ordered = [articles[slug] for slug in dict.fromkeys(slugs)]
        changed = []
        try:
            if not services.may_publish(by):
                # Refused for every article alike; met outside the batch's transaction so
                # that the refusal's audit record is kept.
                action(article=ordered[0], at=at, by=by)
            with transaction.atomic():
                changed = [action(article=article, at=at, by=by) for article in ordered]
        except services.EditorialRefused as error:
            raise _refused(error) from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        for article in changed:
            self.stdout.write(self._outcome(article, publish=publish, at=at))

    def _outcome(self, article: Article, *, publish: bool, at: datetime.datetime | None) -> str:
        if publish and article.status == ArticleStatus.SCHEDULED and at is not None:
            return f"scheduled {article.slug} at {utc_text(at)}"
        if not publish and article.unpublish_at is not None and at is not None:
            return f"unpublishing {article.slug} at {utc_text(at)}"
        return f"{'published' if publish else 'unpublished'} {article.slug}"

    def _history(self, slug: str, *, as_json: bool) -> None:
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"no article with slug {slug!r}")
        revisions = [
            {
                "id": revision.pk,
                "created_at": utc_text(revision.created_at),
                "author": revision.created_by.get_username() if revision.created_by else None,
                "message": revision.message,
                "state": revision.state,
            }
            for revision in ArticleRevision.objects.filter(article=article)
            .select_related("created_by")
            .order_by("-created_at", "-pk")
        ]
        if as_json:
            self.stdout.write(
                json.dumps({"article": slug, "revisions": revisions}, ensure_ascii=False)
            )
            return
        if not revisions:
            self.stdout.write(f"{slug}: no revisions")
            return
        for row in revisions:
            author = row["author"] or "(operator)"
            self.stdout.write(
                f"{row['id']:>6}  {row['created_at']:<27}  {row['state']:<10}  "
                f"{author:<20}  {row['message']}".rstrip()
            )
