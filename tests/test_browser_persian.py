"""Right-to-left text in Chromium (issue 14, item 5): Persian passages read right to left beside
English ones, and bidi controls in titles and passages reorder nothing around them.

Screenshot: screenshots/persian.png (copied to docs/img/persian.png for the README)."""

from __future__ import annotations

import pytest

from .conftest_browser import PERSIAN_FILE, archive_site, browser, page, shot  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DIRECTION = "e => getComputedStyle(e).direction"


def persian_document(page) -> str:
    rows = page.request.get(f"/archive/documents.json?source_path__endswith={PERSIAN_FILE}&_shape=array").json()
    assert len(rows) == 1
    return rows[0]["id"]


def test_persian_passages_read_right_to_left_beside_english(page):
    document = persian_document(page)
    page.goto(f"/archive/documents/{document}")
    passages = page.locator("article#document .archive-passage")
    directions = {passages.nth(i).inner_text(): passages.nth(i).evaluate(DIRECTION) for i in range(passages.count())}
    persian = [d for text, d in directions.items() if "خانواده‌ها" in text or "تابستان" in text]
    english = [d for text, d in directions.items() if "Families in Tehran" in text]
    assert persian and set(persian) == {"rtl"}
    assert english == ["ltr"]
    # an RTL passage is set against the right edge: its first line ends where the box ends
    box = passages.filter(has_text="خانواده‌ها").first.bounding_box()
    first_line = passages.filter(has_text="خانواده‌ها").first.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e); const rects = r.getClientRects();"
        " return Math.max(...Array.from(rects).map(x => x.right)); }")
    assert abs(first_line - (box["x"] + box["width"])) < 20
    # the kind label keeps its own direction
    assert passages.first.locator(".archive-kind").evaluate(DIRECTION) == "ltr"
    shot(page, "persian", scroll_to="article#document")


def test_search_results_and_passage_page_take_each_text_direction(page):
    page.goto("/archive/-/search?_search=zanzibarite")
    cells = page.locator("td.col-text")
    directions = {cells.nth(i).inner_text()[:40]: cells.nth(i).evaluate(DIRECTION) for i in range(cells.count())}
    assert any(d == "rtl" for text, d in directions.items() if "تابستان" in text)
    assert any(d == "ltr" for text, d in directions.items() if "opens a paragraph" in text)
    href = page.locator("tr", has_text="تابستان").locator("a.archive-passage-link").get_attribute("href")
    page.goto(href)
    assert page.locator("#passage").evaluate(DIRECTION) == "rtl"


def test_bidi_controls_reorder_nothing_around_them(page):
    """A title and a passage holding U+202E (right-to-left override) and U+2067 (an isolate):
    the controls are shown as text, every title sits in its own isolate, and the words after
    them read in their own order."""
    document = persian_document(page)
    for url in (f"/archive/documents/{document}", "/archive/-/search?_search=override", "/archive/-/search?_search=zanzibarite"):
        page.goto(url)
        text = page.locator("body").inner_text()
        for control in ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"):
            assert control not in text, (url, hex(ord(control)))
        assert "\\u202e" in text, url
        # what follows the override reads left to right, as written
        assert "must not reorder the text after it" in text or "and \\u2067isolated" in text, url
    page.goto(f"/archive/documents/{document}")
    title = page.locator("h1 bdi.archive-title")
    assert title.count() == 1 and "\\u202eevil.exe\\u202c" in title.inner_text()
    page.goto("/archive/-/search?_search=zanzibarite")
    titles = page.locator("bdi.archive-title", has_text="evil.exe")
    assert titles.count() >= 1
    # the text after the title in the same cell is laid out after it, not pulled in front
    cell = titles.first.locator("xpath=ancestor::td")
    kind_box = cell.locator(".archive-kind").bounding_box()
    title_box = titles.first.bounding_box()
    assert title_box["y"] > kind_box["y"]
