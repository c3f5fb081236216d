"""Browser tests: real pages in headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright, against Django's live server. Any console error or failed request fails the test;
every page visited is saved as a screenshot under test-artifacts/screenshots/."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("REDRESS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("REDRESS_TEST_ARTIFACTS", "test-artifacts")) / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return
    # CI installs Chromium; on a developer machine without it, say so instead of failing.
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)")
    for item in items:
        if "browser_tests" in str(item.path):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True
        )
        yield instance
        instance.close()


class PageWatcher:
    """Collects console errors and failed requests, and names screenshots in order."""

    def __init__(self, page: object, test_name: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.count = 0
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", test_name)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        page.on("console", self._console)  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))  # type: ignore[attr-defined]
        page.on("requestfailed", self._failed)  # type: ignore[attr-defined]

    def _console(self, message: object) -> None:
        if message.type == "error":  # type: ignore[attr-defined]
            self.errors.append(f"console: {message.text}")  # type: ignore[attr-defined]

    def _failed(self, request: object) -> None:
        failure = str(request.failure or "")  # type: ignore[attr-defined]
        # A navigation cancels the previous page's pending loads (the icon, say): not a fault.
        if "ERR_ABORTED" in failure:
            return
        self.errors.append(f"request failed: {request.url} {failure}")  # type: ignore[attr-defined]

    def shot(self, name: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path


def _context(browser: object, **options: object) -> object:
    return browser.new_context(**options)  # type: ignore[attr-defined]


@pytest.fixture
def open_page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """open_page(locale=..., viewport=...) -> (page, watcher); asserts no console errors."""
    contexts: list[object] = []
    watchers: list[PageWatcher] = []

    def opener(name: str = "page", **options: object) -> tuple[object, PageWatcher]:
        context = _context(browser, **options)
        contexts.append(context)
        page = context.new_page()  # type: ignore[attr-defined]
        watcher = PageWatcher(page, f"{request.node.name}-{name}")
        watchers.append(watcher)
        return page, watcher

    yield opener
    for context in contexts:
        context.close()  # type: ignore[attr-defined]
    problems = [error for watcher in watchers for error in watcher.errors]
    assert not problems, "browser reported errors:\n" + "\n".join(problems)


PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}
DESKTOP_EN = {"viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}
DESKTOP_ZH = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}
