"""Every CSV a researcher can download, clicked in a real browser (Playwright driving Chromium).

The archive holds passages, a title and a publisher's name that start with ``=HYPERLINK(``,
``@SUM(``, ``+`` and ``-``, and text with control characters (tests/formula_corpus.py). On the
passages, statements, figures and documents table pages, two canned queries, the SQL page and
the search page, each CSV link and each choice of the export form is clicked, the file is read,
and no cell may start with a formula unguarded nor hold a raw control character.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest

from tests.conftest_browser import CHROMIUM, CHROMIUM_ARGS, require_browser, serving
from tests.formula_corpus import FORMULA_PUBLISHER, FORMULA_WORD, guarded_formulas, unsafe_cells, write_formula_sources


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory):
    """The base URL of `archive serve` over the formula sources, on a free 127.0.0.1 port."""
    require_browser()
    folder = tmp_path_factory.mktemp("formula-site")
    sources = write_formula_sources(folder)
    with serving(folder, sources, folder / "db" / "archive.db") as url:
        yield url


@pytest.fixture(scope="module")
def page(formula_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(base_url=formula_site, accept_downloads=True, viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()
        browser.close()


def is_download(url: str) -> bool:
    """Datasette's "download file" (_dl) and the search export are sent as attachments; the rest is shown."""
    parts = urlsplit(url)
    return "_dl=" in parts.query or parts.path.endswith("/-/search.csv")


def click_and_read(page, locator, url: str) -> str:
    """Click a link or button that leads to a CSV and return the file the browser receives."""
    if is_download(url):
        with page.expect_download() as download:
            locator.click()
        with open(download.value.path(), encoding="utf-8", newline="") as file:
            return file.read()
    with page.expect_response(lambda response: urlsplit(response.url).path.endswith(".csv")) as response:
        locator.click()
    page.wait_for_load_state()
    assert response.value.ok, (url, response.value.url, response.value.status)
    assert response.value.headers["content-type"].startswith("text/plain"), response.value.headers
    # the file as the browser shows it (Chromium keeps no body for a navigation to plain text)
    return page.evaluate("document.body.textContent")


def downloads_from(page, address: str) -> dict[str, str]:
    """Every CSV the page at ``address`` offers, clicked: its links, then the export form with each
    of its boxes ticked alone, all ticked and none ticked. Keyed by what was clicked."""
    files = {}
    page.goto(address)
    links = [a.get_attribute("href") for a in page.locator("a[href*='.csv']").all()]
    for n, href in enumerate(links):
        page.goto(address)
        files[f"link {href}"] = click_and_read(page, page.locator("a[href*='.csv']").nth(n), href)
    page.goto(address)
    if not page.locator("#export form").count():  # query pages offer links only
        return files
    boxes = [box.get_attribute("name") for box in page.locator("#export form input[type=checkbox]").all()]
    for ticked in ([], boxes, *([box] for box in boxes)):
        page.goto(address)
        for box in boxes:
            page.locator(f"#export form input[name={box}]").set_checked(box in ticked)
        url = "?_dl=on" if "_dl" in ticked else ""
        files[f"export form {ticked}"] = click_and_read(page, page.locator("#export form input[type=submit]"), url)
    return files


# formulas: whether every file ("all") or at least one ("any": the figures' formulas are in the
# publisher's name, a label column) holds the fixture's formulas, shown as text
@pytest.mark.parametrize("address, formulas", [
    ("/archive/passages", None),
    (f"/archive/passages?_search={FORMULA_WORD}", "all"),
    (f"/archive/statements?_search={FORMULA_WORD}", "all"),
    ("/archive/statements", None),
    (f"/archive/figures?publisher_id={FORMULA_PUBLISHER}", "any"),
    ("/archive/figures", None),
    (f"/archive/documents?publisher_id={FORMULA_PUBLISHER}", "all"),
    ("/archive/documents", None),
    (f"/archive/search?q={FORMULA_WORD}", "all"),
    ("/archive/counts_claimed", None),
    ("/archive?" + urlencode({"sql": "select '=HYPERLINK(1)' as a, '@SUM(1)' as b, char(1) as c"}), "all"),
    (f"/archive/-/search?_search={FORMULA_WORD}", "all"),
])
def test_every_csv_a_page_offers_opens_safely_in_a_spreadsheet(page, address, formulas):
    files = downloads_from(page, address)
    assert files, f"{address} offers no CSV"
    for clicked, text in files.items():
        assert text.strip(), (address, clicked)
        assert unsafe_cells(text) == [], (address, clicked)
        if formulas == "all":
            assert guarded_formulas(text), (address, clicked)
    if formulas == "any":
        assert any(guarded_formulas(text) for text in files.values()), address
