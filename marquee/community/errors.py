"""Why a reader's request was refused: a stable code, a sentence for people, an HTTP status."""

from __future__ import annotations


class Refusal(Exception):
    """Raised by community services; views turn it into ``{"error": {...}}`` or a page."""

    def __init__(self, code: str, message: str, *, status: int = 400, retry_after: int = 0):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.retry_after = retry_after

    def as_json(self) -> dict[str, dict[str, str]]:
        return {"error": {"code": self.code, "message": self.message}}
