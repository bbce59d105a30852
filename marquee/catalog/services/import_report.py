"""What a knowledge-base import changed, counted per section, and its one-paragraph summary."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class ImportReport:
    """What an import changed, per section: created, updated, removed and unchanged rows."""

    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    # The file changed nothing, but the search index was behind the knowledge base.
    search_index_repaired: bool = False

    def add(self, section: str, outcome: str, number: int = 1) -> None:
        self.counts[section][outcome] += number

    @property
    def changed(self) -> bool:
        return any(
            counts[outcome]
            for counts in self.counts.values()
            for outcome in ("created", "updated", "removed")
        )

    def summary(self) -> str:
        lines = []
        for section in ("people", "titles", "aliases", "characters", "credits", "platforms",
                        "availability"):  # fmt: skip
            counts = self.counts.get(section)
            if counts:
                parts = [f"{counts[o]} {o}" for o in ("created", "updated", "removed",
                                                       "unchanged") if counts[o]]  # fmt: skip
                lines.append(f"{section}: {', '.join(parts)}")
        if self.search_index_repaired:
            lines.append("search index: behind the knowledge base (an import was interrupted); "
                         "reindexed")  # fmt: skip
        return "\n".join(lines) or "nothing to import"
