"""The archive as a researcher uses it, in a real browser (Playwright driving Debian's Chromium).

Each test saves screenshots of its steps under screenshots/. The site is the five seeds plus a
hostile article, served by `archive serve` (see conftest_browser.py).
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.conftest_browser import HOSTILE_URL, archive_site, browser, page, shot  # noqa: F401  (fixtures)


def search(page, words: str, advanced: bool = False):
    page.goto("/archive/passages")
    page.fill("#_search", words)
    if advanced:
        page.check("#archive-advanced")
    page.click("form.filters input[type=submit]")
    page.wait_for_load_state()


def search_page(page, words: str):
    """The faceted search, from the home page's link."""
    page.goto("/")
    page.click("a[href='/archive/-/search']")
    page.wait_for_load_state()
    page.fill("#_search", words)
    page.click("#search-form input[type=submit]")
    page.wait_for_load_state()


def count_on(page) -> int:
    return int(page.inner_text("#archive-count").replace(",", ""))


def test_search_highlights_matches_and_keeps_facets(page):
    search(page, "massacre")
    marks = page.locator("td.col-text mark")
    assert marks.count() > 0
    assert all(re.fullmatch(r"massacr\w*", text, re.I) for text in marks.all_inner_texts())
    first_link = page.locator("table.rows-and-columns tbody tr td.col-id a").first
    assert re.search(r"/archive/passages/[0-9a-f]{12}-[0-9a-f]{8}$", first_link.get_attribute("href"))
    # the faceted search: from the home page, the box at the top, the matches highlighted
    search_page(page, "massacre")
    box = page.locator("#_search").bounding_box()
    assert box["y"] < 200
    assert page.locator("td.col-text mark").count() > 0
    rows_before = count_on(page)
    shot(page, "01-search-highlights")
    # apply a facet: the search stays, the matches stay highlighted, fewer or as many rows
    page.locator("#facet-kind li a.archive-only").first.click()
    page.wait_for_load_state()
    assert "_search=massacre" in page.url and "kind=" in page.url
    assert page.locator("td.col-text mark").count() > 0
    assert 0 < count_on(page) <= rows_before
    shot(page, "02-search-facet", "table.archive-results")


@pytest.mark.parametrize("path", ["/archive/-/search?_search=massacre", "/archive/passages?_search=massacre"])
def test_channel_and_voice_side_by_side_at_1280(page, path):
    page.goto(path)
    width = page.viewport_size["width"]
    assert width == 1280
    if "/-/search" in path:
        cells = ["td.col-passage", "td.col-channel", "td.col-voice"]
    else:
        cells = ["td.col-id", "td.col-publisher_id", "td.col-affiliation_id", "td.col-speaker_id", "td.col-speaker_affiliation_id"]
    for selector in cells:
        box = page.locator(selector).first.bounding_box()
        assert box and box["x"] + box["width"] <= width, (path, selector, box)
    # a named voice is on screen, as a name
    voice = page.locator("td.col-voice a, td.col-speaker_id a").first
    assert voice.is_visible() and not re.fullmatch(r"[a-z0-9-]+", voice.inner_text())
    # the search box comes before the column descriptions, which are folded away
    if "/-/search" not in path:
        assert not page.locator("dl.column-descriptions").is_visible()
        assert page.locator("#_search").bounding_box()["y"] < 900


def statements_on(page) -> int:
    """The statements the voice facets count: the sum of the "kind of voice" facet."""
    return sum(int(n.replace(",", "")) for n in page.locator("#facet-voice .archive-n").all_inner_texts())


def test_unknown_is_counted_and_not_x_keeps_it(page):
    """The voice facets count statements: leaving out PMOI/MEK leaves out its statements and
    keeps the statements whose voice's affiliation is unknown."""
    search_page(page, "")
    facet = page.locator("#facet-speaker_affiliation_id")
    unknown = facet.locator("li.archive-unknown", has=page.locator("a.archive-only", has_text="unknown"))
    unknown_count = int(unknown.locator(".archive-n").inner_text().replace(",", ""))
    assert unknown_count > 0
    total = statements_on(page)
    pmoi = facet.locator("li", has=page.locator("a.archive-only", has_text="PMOI/MEK"))
    pmoi_count = int(pmoi.locator(".archive-n").inner_text().replace(",", ""))
    pmoi.locator("a.archive-not").click()  # one click: not PMOI/MEK, the unknowns kept
    page.wait_for_load_state()
    assert statements_on(page) == total - pmoi_count
    facet = page.locator("#facet-speaker_affiliation_id")
    still = facet.locator("li.archive-unknown", has=page.locator("a.archive-only", has_text="unknown"))
    assert int(still.locator(".archive-n").inner_text().replace(",", "")) == unknown_count
    assert "not PMOI/MEK" in page.inner_text("p.archive-chosen")
    shot(page, "11-not-pmoi-keeps-unknown")
    # and the unknowns alone, in one click
    still.locator("a.archive-only").click()
    page.wait_for_load_state()
    assert statements_on(page) == unknown_count


def test_citation_copied_from_counts_claimed(page):
    page.goto("/archive/counts_claimed?counts=prisoners")
    row = page.locator("table.rows-and-columns tbody tr").first
    words = row.locator("td.col-words").inner_text()
    assert words.startswith("“")
    assert re.search(r"\d{4}( \(estimate\))?$|unknown", row.locator("td.col-first_published").inner_text())
    shot(page, "12-counts-claimed")
    row.locator("td.col-example_passage a").click()
    page.wait_for_load_state()
    assert words.strip("“”").split("”,“")[0] in page.inner_text("#passage")
    page.click("#copy-citation")
    page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    citation = page.evaluate("navigator.clipboard.readText()")
    assert re.search(r"Passage [0-9a-f]{12}-[0-9a-f]{8} ", citation) and "sha256 " in citation
    assert page.url.rsplit("/", 1)[1] in citation


def test_search_csv_keeps_the_sort_and_guards_formulas(page):
    page.goto("/archive/-/search?_search=zanzibarite")
    page.select_option("#archive-sort", "_sort=kind")
    page.click("#search-form input[type=submit]")
    page.wait_for_load_state()
    assert "_sort=kind" in page.url
    shown = [a.get_attribute("href").rsplit("/", 1)[1] for a in page.locator("a.archive-passage-link").all()]
    with page.expect_download() as download_info:
        page.click("#archive-csv")
    text = open(download_info.value.path(), encoding="utf-8").read()
    rows = csv_rows(text)
    assert [row["id"] for row in rows] == shown and len(rows) == count_on(page)
    assert [row["kind"] for row in rows] == sorted(row["kind"] for row in rows)
    assert {"publisher", "speaker", "published_basis", "date"} <= set(rows[0])
    formulas = [row["text"] for row in rows if "HYPERLINK" in row["text"]]
    assert formulas and all(cell.startswith("'=") for cell in formulas)
    assert not any(cell[:1] in "=+-@" for row in rows for cell in row.values() if cell)


@pytest.mark.parametrize("query", ['"', '""" (', "massacre's \"1988", "NEAR( OR *", "  ", "a:b -c ^d"])
def test_any_plain_query_is_answered(page, query):
    response = page.goto("/archive/passages?_search=" + query.replace(" ", "+").replace('"', "%22"))
    assert response.status == 200
    assert page.locator("form.filters #_search").count() == 1
    assert not page.dialogs


def test_advanced_mode_phrases_or_near_prefix(page):
    search(page, '"death commission"', advanced=True)
    assert page.locator("table.rows-and-columns tbody tr").count() > 0
    for text in page.locator("td.col-text").all_inner_texts():
        assert re.search(r"death\s+commission", text, re.I)
    assert page.locator("#archive-advanced").is_checked()
    shot(page, "03-advanced-phrase", "form.filters")
    search(page, "massac*", advanced=True)
    assert page.locator("td.col-text mark").count() > 0
    search(page, "NEAR(Evin massacre, 40) OR zanzibarite", advanced=True)
    assert page.locator("table.rows-and-columns tbody tr").count() > 0
    # the syntax is documented on the page
    page.click("details#search-help summary")
    assert "NEAR(" in page.inner_text("#search-help") and "OR" in page.inner_text("#search-help")


def test_advanced_syntax_error_is_explained_not_a_server_error(page):
    response = page.goto("/archive/passages?_searchmode=raw&_search=%22massacre+OR")
    assert response.status == 400
    assert "could not read this query" in page.inner_text("h1")
    assert page.locator("code.archive-query").inner_text() == '"massacre OR'
    assert "SQLite said: unterminated string" in page.inner_text("body")
    shot(page, "04-advanced-error")
    page.click("text=Search for these words as plain text instead")
    page.wait_for_load_state()
    assert "_searchmode" not in page.url
    assert page.input_value("#_search") == '"massacre OR'
    assert page.locator("table.rows-and-columns, p.zero-results").count() == 1


def test_canned_search_query_highlights_and_links(page):
    response = page.goto("/archive/search?q=massacre")
    assert response.status == 200
    assert page.locator("td.col-snippet mark").count() > 0
    href = page.locator("td.col-passage_id a").first.get_attribute("href")
    assert href.startswith("/archive/passages/")
    assert page.goto('/archive/search?q=%22').status == 200


def test_passage_page_context_citation_and_copy(page):
    search(page, "massacre")
    page.locator("table.rows-and-columns tbody tr td.col-id a").first.click()
    page.wait_for_load_state()
    assert page.locator("#passage").count() == 1
    assert page.locator("#previous, #next").count() >= 1
    assert "massacre" in page.inner_text("#passage").lower()
    citation = page.inner_text("#citation")
    assert re.search(r"sha256 [0-9a-f]{64}", citation)
    assert re.search(r"sources/articles/\S+\.txt, characters \d+–\d+", citation)
    page.click("#copy-citation")
    page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    assert page.inner_text("#copy-status") == "Copied."
    assert page.evaluate("window.archiveCopiedText") == citation
    assert page.evaluate("navigator.clipboard.readText()") == citation
    shot(page, "05-passage-citation", "h1")
    # the whole document is one click away
    page.click("a.archive-document-link")
    page.wait_for_load_state()
    assert page.locator("article#document .archive-passage").count() > 3


def test_passage_page_names_the_speaker(page):
    page.goto("/archive/passages?speaker_id__notblank=1&_size=1")
    page.locator("table.rows-and-columns tbody tr td.col-id a").first.click()
    page.wait_for_load_state()
    voice = page.inner_text("dl.archive-voice")
    assert "Speaker" in voice and "Attribution" in voice
    assert page.locator("dl.archive-voice a[href^='/archive/speakers/']").count() == 1


def test_document_page_reveals_removed_spans(page):
    page.goto("/archive/removed")
    document_link = page.locator("table.rows-and-columns tbody tr td.col-document_id a").first
    document_link.click()
    page.wait_for_load_state()
    removed = page.locator(".archive-removed").first
    assert page.locator(".archive-removed").count() > 0
    assert not removed.is_visible()
    kinds = {kind.text_content() for kind in page.locator("article#document .archive-kind").all()}
    assert {"heading", "paragraph"} <= kinds
    shot(page, "06-document")
    page.check("#show-removed")
    assert removed.is_visible()
    assert removed.inner_text().startswith("removed: ")
    assert removed.evaluate("e => getComputedStyle(e).color") != "rgb(0, 0, 0)"
    shot(page, "07-document-removed", ".archive-removed")


def test_sorted_pages_hold_every_row_once(page):
    """Ties on the sort column are broken by rowid on every page of the search."""
    for query in ("", "&_sort=kind", "&_sort_desc=year", "&_search=massacre"):
        url, ids, total = "/archive/-/search.json?_size=7" + query, [], None
        while url:
            data = page.request.get(url).json()
            total = data["count"]
            ids += [row["id"] for row in data["rows"]]
            url = data["next"]
        assert len(ids) == len(set(ids)) == total, query


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_csv_of_a_search_with_labels_and_all_rows(page):
    search(page, "massacre")
    count = int(re.match(r"([\d,]+) rows?", page.inner_text("h3")).group(1).replace(",", ""))
    page.check("#export input[name=_dl]")
    with page.expect_download() as download_info:
        page.click("#export input[type=submit]")
    path = download_info.value.path()
    rows = csv_rows(open(path, encoding="utf-8").read())
    assert len(rows) == count
    assert "publisher_id_label" in rows[0] and rows[0]["publisher_id_label"]
    assert all("massacre" in row["text"].lower() for row in rows)
    shot(page, "08-export", "#export")
    # all rows, with _stream=on: each passage exactly once
    response = page.request.get("/archive/passages.csv?_stream=on&_labels=on")
    assert response.ok
    total = page.request.get("/archive/passages.json?_size=1").json()["filtered_table_rows_count"]
    ids = [row["id"] for row in csv_rows(response.text())]
    assert len(ids) == len(set(ids)) == total > 100
    # the export links are on the page
    assert page.locator("p.export-links a", has_text="CSV").count() == 1
    assert page.locator("p.export-links a", has_text="json").count() == 1


def test_dashboard_draws_charts_and_filters(page):
    page.goto("/-/dashboards/archive")
    for chart in ("over_time", "top_speakers", "kinds"):
        page.wait_for_selector(f"#chart-{chart} svg .mark-rect path", state="attached")
        assert page.locator(f"#chart-{chart} svg .mark-rect path").count() > 0
    shot(page, "09-dashboard")
    bars = page.locator("#chart-kinds svg .mark-rect path").count()
    page.fill("#q", "massacre")
    page.click(".dashboard-filters input[type=submit]")
    page.wait_for_load_state()
    assert "q=massacre" in page.url
    page.wait_for_selector("#chart-kinds svg .mark-rect path", state="attached")
    assert 0 < page.locator("#chart-kinds svg .mark-rect path").count() <= bars
    assert page.locator("#affiliation option[value='PMOI/MEK and NCRI']").count() == 1
    # whole numbers on the axes
    for chart, axis in (("kinds", "X"), ("top_speakers", "X"), ("over_time", "Y")):
        ticks = page.locator(f"#chart-{chart} svg g.role-axis[aria-label^='{axis}-axis'] .role-axis-label text")
        texts = [t.text_content() for t in ticks.all()]
        assert texts and all(re.fullmatch(r"[\d,]+", t) for t in texts), (chart, texts)


HOSTILE_PAGES = [
    "/archive/passages?_search=zanzibarite",
    "/archive/-/search?_search=zanzibarite",
    "/archive/search?q=zanzibarite",
    "/archive/documents?publisher_id=hostile-test-site",
    "/archive/publishers/hostile-test-site",
]


def test_hostile_text_is_shown_as_text(page):
    visited = list(HOSTILE_PAGES)
    page.goto("/archive/passages?_search=zanzibarite")
    passage_urls = [a.get_attribute("href") for a in page.locator("td.col-id a").all()]
    assert len(passage_urls) >= 2
    document_url = page.locator("td.col-document_id a").first.get_attribute("href")
    visited += passage_urls + [document_url]
    for url in visited:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.locator("img[src=x], img[onerror], [onmouseover]").count() == 0, url
        assert page.locator("a[href^='javascript:' i], [href*='javascript:' i], [src*='javascript:' i]").count() == 0, url
        scripts = page.locator("script").all_inner_texts()
        assert not any("alert(" in script for script in scripts), url
    page.goto(passage_urls[0])
    body = page.inner_text("body")
    assert "<script>alert(1)</script>" in body or "<img src=x onerror=alert(2)>" in body
    assert "Hostile <img src=x onerror=alert('title')> title" in body
    assert HOSTILE_URL in body  # shown as text, never a link
    shot(page, "10-hostile-passage", "h1")
    page.goto(document_url)
    assert "<img src=x onerror=alert(2)>" in page.inner_text("article#document")
    # clicking what looks like the URL goes nowhere
    before = page.url
    page.locator(".archive-url").first.click()
    assert page.url == before
    assert page.dialogs == []


def test_search_counts_the_voice_of_the_words_that_match(page):
    """Issue 11: "30,000" is the outlet's sentence in a passage that quotes Khomeini's fatwa: the
    voice facets count the statement that holds the number, and the row says the outlet."""
    page.set_viewport_size({"width": 1280, "height": 900})
    search_page(page, "30,000")
    assert count_on(page) > 0
    voices = page.inner_text("#facet-speaker_id")
    assert "Khomeini" not in voices and "the outlet itself" in voices
    rows = page.locator("table.archive-results tbody tr")
    outlet_rows = [rows.nth(i) for i in range(rows.count()) if "Khomeini" in rows.nth(i).inner_text()]
    for row in outlet_rows:  # a passage that names him: the match is still the outlet's
        assert "Khomeini" not in row.locator("td.col-voice").inner_text()
    voice_cells = page.locator("td.col-voice")
    assert any(text.strip().startswith("the outlet") for text in voice_cells.all_inner_texts())
    # the voice is on screen, beside the channel, at 1280 px
    box = voice_cells.first.bounding_box()
    assert box["x"] + box["width"] <= 1280
    shot(page, "13-search-voice-of-the-match")
    # keeping only the outlet's words: every row's matched voice is the outlet
    page.locator("#facet-voice li a.archive-only", has_text="the outlet").first.click()
    page.wait_for_load_state()
    assert "voice=outlet" in page.url
    assert all(text.strip() == "the outlet" for text in page.locator("td.col-voice span.archive-matched-voice").all_inner_texts())


def test_counts_claimed_show_the_outlets_paraphrase_and_the_passage_marks_each_voice(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/archive/counts_claimed?counts=")
    rows = page.locator("table.rows-and-columns tbody tr")
    paraphrases = [rows.nth(i) for i in range(rows.count())
                   if rows.nth(i).locator("td.col-voice_established").inner_text().startswith("paraphrase")]
    assert paraphrases
    for row in paraphrases:
        assert row.locator("td.col-said_by").inner_text().startswith("the outlet, paraphrasing ")
    row = paraphrases[0]
    paraphrased = row.locator("td.col-said_by").inner_text().removeprefix("the outlet, paraphrasing ")
    words = row.locator("td.col-words").inner_text().strip("“”").split("”,“")[0]
    shot(page, "14-counts-claimed-paraphrase")
    row.locator("td.col-example_passage a").click()
    page.wait_for_load_state()
    stretches = page.locator("#passage span.archive-statement")
    assert stretches.count() >= 2
    # the number is in a stretch marked as the outlet's; the one paraphrased speaks elsewhere
    holding = [stretches.nth(i) for i in range(stretches.count()) if words in stretches.nth(i).inner_text()]
    assert holding and all(s.get_attribute("data-voice") == "the outlet" for s in holding)
    assert paraphrased in page.inner_text("table#statements")
    shot(page, "15-passage-statements", "h2")
