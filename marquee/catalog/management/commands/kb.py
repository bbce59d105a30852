"""``marquee kb import FILE`` and ``marquee kb export [FILE]`` (docs/knowledge-base.md)."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from marquee.catalog.kb_format import KnowledgeBaseError, load_json, parse_document
from marquee.catalog.selectors import kb_export_document
from marquee.catalog.services import kb_import
from marquee.cli import read_input

# Files with more entries than this get a progress bar on stderr.
PROGRESS_THRESHOLD = 5000


class Command(BaseCommand):
    help = "Import or export the knowledge base (marquee-kb/1 JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{import,export}")
        importer: ArgumentParser = actions.add_parser("import", help="upsert a knowledge-base file")
        importer.add_argument("file", help="a marquee-kb/1 JSON file, or - for stdin")
        importer.add_argument("--quiet", action="store_true", help="print no summary")
        exporter: ArgumentParser = actions.add_parser("export", help="write the knowledge base")
        exporter.add_argument("file", nargs="?", default="-", help="output file (default stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self.import_file(options["file"], quiet=options["quiet"])
        else:
            self.export_file(options["file"])

    def import_file(self, path: str, *, quiet: bool) -> None:
        raw = read_input(path)
        try:
            document = parse_document(load_json(raw))
            total = document.entry_count
            with tqdm(
                total=total,
                disable=total <= PROGRESS_THRESHOLD,
                file=sys.stderr,
                unit=" entries",
                desc="importing",
            ) as bar:
                report = kb_import(document=document, progress=bar.update)
        except KnowledgeBaseError as error:
            raise CommandError(f"{path}: {error}") from None
        if not quiet:
            self.stdout.write(report.summary())

    def export_file(self, path: str) -> None:
        text = json.dumps(kb_export_document(), ensure_ascii=False, indent=2) + "\n"
        if path == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror}") from None
        self.stderr.write(f"wrote {path}")
