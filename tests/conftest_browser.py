"""Fixtures for tests/test_browser.py: a small archive served by `archive serve`, and Chromium.

The site is built from the five seeds and the registries, copied into tmp_path, plus one
hostile article (script and img tags in its text and title, a javascript: URL in the manifest) and
one Persian article with English paragraphs and bidi controls in its title and text.
When Chromium or Playwright is missing the browser tests skip with the reason, unless the
environment variable CI is set: then they fail, so CI cannot pass without running them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.robust_corpus import stop_group

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENSHOTS = ROOT / "screenshots"

HOSTILE_FILE = "zz_hostile.txt"
HOSTILE_TITLE = "Hostile <img src=x onerror=alert('title')> title"
HOSTILE_URL = "javascript:alert('url')"
HOSTILE_TEXT = """Hostile test article

The word zanzibarite opens a paragraph that carries <script>alert(1)</script> as plain text.

Another zanzibarite paragraph with <img src=x onerror=alert(2)> and a <a href="javascript:alert(3)">link</a> in it.

=HYPERLINK("http://example.invalid/","zanzibarite formula") opens a paragraph a spreadsheet would run.

A zanzibarite paragraph with control characters: start\x01of heading\x1b[31m and a vertical\x0btab.
"""
HOSTILE_MANIFEST = f"""
- file: {HOSTILE_FILE}
  title: "{HOSTILE_TITLE}"
  url: "{HOSTILE_URL}"
  publisher: hostile-test-site
  published: null
  published_basis: null
  retrieved: null
"""
HOSTILE_PUBLISHER = """
hostile-test-site:
  name: Test site <b onmouseover=alert(4)>bold</b>
  domain: null
  affiliation: null
  basis: A fixture for the browser tests.
"""


PERSIAN_FILE = "zz_persian.txt"
# a title with a right-to-left override and an isolate in it: neither may reorder the page
PERSIAN_TITLE = "گزارش ویژه \u202eevil.exe\u202c and \u2067isolated\u2069 text"
PERSIAN_TEXT = """گزارش ویژه

سخنگوی دادگستری روز دوشنبه در تهران گفت: «پرونده‌های زندانیان با دقت بررسی شده است.» خانواده‌ها می‌گویند هیچ خبری به آنها داده نشد.

Families in Tehran said they were never told where the graves are: the English version of the paragraph above.

در تابستان ۱۳۶۷ (1988) هزاران زندانی سیاسی اعدام شدند و the word zanzibarite appears in this mixed paragraph.

An override inside a passage: \u202eevil.exe\u202c must not reorder the text after it, nor \u2067this isolate\u2069.
"""


def require_browser():
    """Skip (or fail under CI) when Playwright or Chromium is not installed."""
    problems = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the playwright package is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        problems.append(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    if problems:
        reason = "browser tests need a browser: " + "; ".join(problems)
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set, so this fails instead of skipping)")
        pytest.skip(reason)


def write_sources(folder: Path) -> Path:
    sources = folder / "sources"
    (sources / "articles").mkdir(parents=True)
    for seed in sorted((ROOT / "sources" / "articles").glob("*.txt")):
        shutil.copyfile(seed, sources / "articles" / seed.name)
    for registry in (ROOT / "sources").glob("*.yml"):
        shutil.copyfile(registry, sources / registry.name)
    (sources / "articles" / HOSTILE_FILE).write_text(HOSTILE_TEXT, encoding="utf-8")
    (sources / "articles" / PERSIAN_FILE).write_text(PERSIAN_TEXT, encoding="utf-8")
    with open(sources / "manifest.yml", "a", encoding="utf-8") as manifest:
        manifest.write(HOSTILE_MANIFEST)
        manifest.write(f"- file: {PERSIAN_FILE}\n  title: {json.dumps(PERSIAN_TITLE)}\n  url: null\n"
                       "  publisher: mek-iran\n  published: null\n  published_basis: null\n  retrieved: null\n")
    with open(sources / "publishers.yml", "a", encoding="utf-8") as publishers:
        publishers.write(HOSTILE_PUBLISHER)
    return sources


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(folder: Path, sources: Path, db: Path):
    """`archive serve` over ``sources`` on a free 127.0.0.1 port, as a user runs it: its base URL
    once it answers; stopped (the whole process group) on leaving."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log_path = folder / "serve.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "ingest", "serve", "--sources", str(sources), "--db", str(db), "--port", str(port)],
            cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    pytest.fail("archive serve exited: " + log_path.read_text())
                try:
                    urllib.request.urlopen(url + "/-/versions.json", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail("archive serve did not answer: " + log_path.read_text())
                    time.sleep(0.2)
            yield url
        finally:
            stop_group(process)


@pytest.fixture(scope="session")
def archive_site(tmp_path_factory):
    """The base URL of `archive serve` running on a free 127.0.0.1 port over the fixture sources."""
    require_browser()
    folder = tmp_path_factory.mktemp("site")
    with serving(folder, write_sources(folder), folder / "db" / "archive.db") as url:
        yield url


@pytest.fixture(scope="module")
def browser(archive_site):
    """Chromium, for one test module: Playwright's sync API keeps an event loop running while it is
    open, so it must close before modules with async tests run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, archive_site):
    """A fresh page that records every dialog (alert, confirm) it is asked to open, and dismisses it."""
    context = browser.new_context(base_url=archive_site, accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=archive_site)
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


def shot(page, name: str, scroll_to: str | None = None) -> Path:
    """Save a screenshot of the page under screenshots/, scrolled to ``scroll_to`` (a selector) if given."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if scroll_to:
        page.locator(scroll_to).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(path), full_page=False)
    return path
