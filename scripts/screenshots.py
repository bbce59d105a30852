"""The README's screenshots of the demo site: the home and article pages on a desktop and a phone.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Loads the demo into a throwaway SQLite database (nothing of yours is touched), runs
``marquee serve`` on a free port, and has Chromium (/usr/bin/chromium, through Playwright) save
the first two screens of each page as home-desktop.png, home-mobile.png, article-desktop.png
and article-mobile.png.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, FloatRect, ViewportSize, sync_playwright

REPOSITORY = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
PAGES = {"home": "/", "article": "/articles/review-love-in-the-big-city/"}
# name: (viewport, device pixel ratio); a phone's screen is drawn at twice its CSS pixels.
DEVICES: dict[str, tuple[ViewportSize, int]] = {
    "desktop": ({"width": 1280, "height": 900}, 1),
    "mobile": ({"width": 390, "height": 844}, 2),
}
SCREENS = 2  # how many screens of each page, from the top
# Scroll through those screens so that their lazy images load, wait until they have been
# decoded, and scroll back to the top.
LOAD_IMAGES = """async screens => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  for (let y = 0; y <= window.innerHeight * screens; y += window.innerHeight / 2) {
    window.scrollTo(0, y);
    await frame();
  }
  // only the rendered images in those screens: a lazy image further down never loads
  const shown = Array.from(document.images).filter(img => img.getClientRects().length > 0
    && img.getBoundingClientRect().top + window.scrollY < window.innerHeight * screens);
  await Promise.all(shown.map(img => img.decode().catch(() => null)));
  window.scrollTo(0, 0);
  await frame();
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPOSITORY / "docs" / "screenshots")
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="marquee-screenshots-") as scratch:
        env = demo_environment(Path(scratch))
        for command in (["migrate", "-v0"], ["demo"]):
            subprocess.run([sys.executable, "-m", "marquee", *command], env=env, check=True)
        port = free_port()
        log = (Path(scratch) / "server.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "marquee", "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
                )
                for page_name, path in PAGES.items():
                    for device in DEVICES:
                        target = out / f"{page_name}-{device}.png"
                        screenshot(browser, base + path, device, target)
                        print(f"{target}: {target.stat().st_size:,} bytes")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def demo_environment(scratch: Path) -> dict[str, str]:
    """This environment, pointed at a database and media under ``scratch`` in debug mode."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"REDIS_URL", "MARQUEE_MEDIA_ROOT", "MARQUEE_MEDIA_S3_BUCKET"}
    }
    env.update(MARQUEE_VAR_DIR=str(scratch / "var"), DATABASE_URL="", MARQUEE_DEBUG="1")
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"marquee serve exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise SystemExit(f"marquee serve did not answer on {base} within 60 seconds")


def screenshot(browser: Browser, url: str, device: str, target: Path) -> None:
    """The first ``SCREENS`` screens of ``url`` on ``device``, as an optimised PNG."""
    viewport, scale = DEVICES[device]
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate(LOAD_IMAGES, SCREENS)
    height = min(viewport["height"] * SCREENS, page.evaluate("document.body.scrollHeight"))
    clip: FloatRect = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
    page.screenshot(
        path=str(target), full_page=True, clip=clip, animations="disabled", caret="hide"
    )
    context.close()
    with Image.open(target) as image:
        image.load()
    image.save(target, "PNG", optimize=True)


if __name__ == "__main__":
    main()
