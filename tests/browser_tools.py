"""Shared pieces of the real-browser tests: launching /usr/bin/chromium through Playwright, and
axe-core, the accessibility checker the page tests inject.

axe-core (MPL-2.0, https://github.com/dequelabs/axe-core) is used only by the tests and never
shipped: no Python package bundles it, so it is fetched once from the npm registry with
``npm pack`` (its integrity checked against the pin below) into ``.cache/axe-core/`` (ignored
by git). Without npm or the network it is unavailable, and the tests that need it say why.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

REPOSITORY = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

AXE_VERSION = "4.11.4"
# The registry's `dist.integrity` of axe-core-4.11.4.tgz (`npm view axe-core@4.11.4 dist`), and
# the SHA-256 of the axe.min.js inside it, checked again each time the cached copy is read.
AXE_TARBALL_INTEGRITY = "sha512-KunSNx+TVpkAw/6ULfhnx+HWRecjqZGTOyquAoWHYLRSdK1tB5Ihce1ZW+UY3fj33bYAFWPu7W/GRSmmrCGuxA=="
AXE_SCRIPT_SHA256 = "fb83a4378d978ecb7d2dae48a3a3778a84c971ac692f3afd45d714fba89c0f0d"
AXE_CACHE = REPOSITORY / ".cache" / "axe-core" / AXE_VERSION / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: the rules a site is held to (axe's own tag names).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class AxeUnavailable(Exception):
    """axe-core could not be fetched; the message says why."""


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def skip_without_chromium() -> None:
    """Skip the calling test module when Chromium is missing, except in CI (which installs it)."""
    if not Path(CHROMIUM).exists() and not in_ci():
        pytest.skip(f"{CHROMIUM} is not installed (CI installs it)", allow_module_level=True)


def chromium_launch(playwright: Playwright) -> Browser:
    """A headless /usr/bin/chromium with no background traffic of its own."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def axe_script() -> str:
    """The source of axe.min.js, fetched into ``AXE_CACHE`` on first use.

    Raises ``AxeUnavailable`` when npm or the registry cannot be reached, and ``RuntimeError``
    when what was fetched is not the pinned release (never a reason to skip)."""
    if not AXE_CACHE.exists():
        _axe_fetch()
    script = AXE_CACHE.read_bytes()
    if hashlib.sha256(script).hexdigest() != AXE_SCRIPT_SHA256:
        raise RuntimeError(f"{AXE_CACHE} is not axe-core {AXE_VERSION}'s axe.min.js: delete it")
    return script.decode()


def axe_script_or_skip() -> str:
    """``axe_script()`` for a test: without axe-core the test skips saying why, except in CI,
    where it fails (nothing may be skipped there)."""
    try:
        return axe_script()
    except AxeUnavailable as why:
        if in_ci():
            pytest.fail(f"CI=true but axe-core is unavailable: {why}")
        pytest.skip(f"axe-core is unavailable: {why}")


def _axe_fetch() -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise AxeUnavailable("npm is not installed (apt-get install npm) to fetch axe-core")
    with tempfile.TemporaryDirectory() as scratch:
        try:
            subprocess.run(
                [npm, "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", scratch,
                 "--loglevel=error", "--prefer-offline", "--fetch-retries=1"],
                capture_output=True, text=True, timeout=180, check=True, cwd=scratch,
            )  # fmt: skip
        except subprocess.CalledProcessError as failed:
            raise AxeUnavailable(
                f"npm pack axe-core@{AXE_VERSION} failed: {_npm_error(failed.stderr)}"
            ) from None
        except subprocess.TimeoutExpired:
            raise AxeUnavailable(f"npm pack axe-core@{AXE_VERSION} timed out") from None
        tarball = Path(scratch) / f"axe-core-{AXE_VERSION}.tgz"
        digest = hashlib.sha512(tarball.read_bytes()).digest()
        if f"sha512-{base64.b64encode(digest).decode()}" != AXE_TARBALL_INTEGRITY:
            raise RuntimeError(f"npm gave an axe-core-{AXE_VERSION}.tgz with another integrity")
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/axe.min.js")
            assert member is not None
            script = member.read()
    AXE_CACHE.parent.mkdir(parents=True, exist_ok=True)
    partial = AXE_CACHE.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(script)
    partial.replace(AXE_CACHE)  # atomic: a concurrent run reads a whole file or none


def _npm_error(stderr: str) -> str:
    """The line of npm's error output that says what went wrong (its "FetchError: …" or, for
    an unknown version, "notarget …"), else its first line."""
    lines = [line.removeprefix("npm error").strip() for line in stderr.strip().splitlines()]
    telling = [line for line in lines if line.startswith(("FetchError", "notarget", "404"))]
    return (telling or lines or ["no message"])[0]


def axe_violations(page: Page, script: str) -> list[dict[str, Any]]:
    """Run axe-core on ``page`` against ``AXE_TAGS``; its violations as axe reports them.

    The script is evaluated through the DevTools protocol, which the page's
    Content-Security-Policy does not govern (a <script> tag would be refused)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(script)
    results: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per rule and one per element it flagged: what a failing test prints."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {target}: {node['html'][:160]} -- {summary[:240]}")
    return "\n".join(lines)
