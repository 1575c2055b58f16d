"""The archive's pages through Datasette's own client (no browser): plugins/archive_ui.py and templates/."""

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from tests.conftest_browser import HOSTILE_URL, write_sources
from ingest.build import build
from ingest.cli import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    db = folder / "archive.db"
    build(write_sources(folder), db, log=lambda line: None)
    return Datasette(
        immutables=[str(db)],
        metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()),
        template_dir=str(ROOT / "templates"),
        plugins_dir=str(ROOT / "plugins"),
        settings=SETTINGS,
    )


async def get(ds, path, status=200):
    response = await ds.client.get(path)
    assert response.status_code == status, (path, response.text[:500])
    return response


async def one_value(ds, sql):
    return (await ds.get_database("archive").execute(sql)).rows[0][0]


@pytest.mark.parametrize("query", ['"', '""', " ", '"unbalanced', "it's (1988) -", "NEAR(", "a:b", "*", "^x"])
async def test_plain_search_never_errors(ds, query):
    for path in ("/archive/passages", "/archive/passages.json", "/archive/passages.csv"):
        await get(ds, f"{path}?_search={query}")
    await get(ds, f"/archive/search?q={query}")


async def test_search_highlights_matches(ds):
    html = (await get(ds, "/archive/passages?_search=massacre")).text
    marks = re.findall(r"<mark>([^<]*)</mark>", html)
    assert marks and all(re.fullmatch(r"massacr\w*", m, re.I) for m in marks if m != "highlighted")
    assert 'id="facet-kind"' in html and 'id="facet-publisher_id"' in html
    assert 'class="export-links"' in html


@pytest.mark.parametrize("query, status", [
    ('"death commission"', 200), ("massac*", 200), ("Evin OR zanzibarite", 200),
    ("NEAR(fatwa Khomeini, 10)", 200), ('"massacre OR', 400), ("massacre NEAR(", 400), ("AND", 400),
])
async def test_advanced_search(ds, query, status):
    response = await get(ds, f"/archive/passages?_searchmode=raw&_search={query}", status)
    if status == 400:
        assert "Advanced search could not read this query" in response.text
        json = await get(ds, f"/archive/passages.json?_searchmode=raw&_search={query}", 400)
        assert json.json()["ok"] is False


async def test_canned_search_marks_and_links(ds):
    html = (await get(ds, "/archive/search?q=massacre")).text
    assert "<mark>" in html
    assert re.search(r'<a href="/archive/passages/[0-9a-f]{12}-[0-9a-f]{8}">', html)


async def test_passage_page(ds):
    pid = await one_value(ds, "select id from passages where speaker_id is not null and seq > 1 limit 1")
    html = (await get(ds, f"/archive/passages/{pid}")).text
    assert 'id="previous"' in html and 'id="passage"' in html
    assert 'id="copy-citation"' in html and re.search(r"sha256 [0-9a-f]{64}", html)
    assert "/archive/speakers/" in html and "Attribution" in html


async def test_document_page_lists_passages_and_removed_spans(ds):
    doc = await one_value(ds, "select document_id from removed limit 1")
    html = (await get(ds, f"/archive/documents/{doc}")).text
    passages = await one_value(ds, f"select count(*) from passages where document_id = '{doc}'")
    removed = await one_value(ds, f"select count(*) from removed where document_id = '{doc}'")
    assert html.count('class="archive-passage ') == passages
    assert html.count('class="archive-removed"') == removed
    assert 'class="archive-document archive-hide-removed"' in html


@pytest.mark.parametrize("path", [
    "/archive/publishers/mek-iran", "/archive/affiliations/pmoi-ncri", "/archive/publishers/hostile-test-site",
])
async def test_counts_pages(ds, path):
    html = (await get(ds, path)).text
    assert 'class="archive-counts"' in html and "with CSV and JSON" in html


async def test_speaker_page_counts(ds):
    speaker = await one_value(ds, "select speaker_id from passages where speaker_id is not null limit 1")
    html = (await get(ds, f"/archive/speakers/{speaker}")).text
    assert "Passages by publisher" in html


async def test_hostile_text_is_escaped_everywhere(ds):
    doc = await one_value(ds, "select id from documents where publisher_id = 'hostile-test-site'")
    ids = [row[0] for row in (await ds.get_database("archive").execute(
        f"select id from passages where document_id = '{doc}'")).rows]
    for path in [f"/archive/documents/{doc}", "/archive/publishers/hostile-test-site",
                 "/archive/passages?_search=zanzibarite", "/archive/search?q=zanzibarite",
                 "/-/dashboards/archive"] + [f"/archive/passages/{i}" for i in ids]:
        html = (await get(ds, path)).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html, path
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I), path
    html = (await get(ds, f"/archive/passages/{ids[1]}")).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE_URL.replace("'", "&#39;") in html


async def test_sorted_pages_and_streamed_csv_hold_every_row_once(ds):
    total = await one_value(ds, "select count(*) from passages")
    for query in ("", "&_sort=kind", "&_sort_desc=year", "&_search=massacre", "&kind=paragraph"):
        url, ids = "/archive/passages.json?_size=6&_shape=objects" + query, []
        expected = (await get(ds, url)).json()["filtered_table_rows_count"]
        while url:
            data = (await get(ds, url)).json()
            ids += [row["id"] for row in data["rows"]]
            url = data.get("next_url") and re.sub(r"^https?://[^/]+", "", data["next_url"])
        assert len(ids) == len(set(ids)) == expected, query
    rows = list(csv.DictReader(io.StringIO((await get(ds, "/archive/passages.csv?_stream=on&_labels=on")).text)))
    assert len(rows) == len({r["id"] for r in rows}) == total
    assert "publisher_id_label" in rows[0]


async def test_first_page_token_stays_out_of_links(ds):
    html = (await get(ds, "/archive/passages?_search=massacre")).text
    assert not re.search(r"_next=[^\"&]*9223372036854775808", html)
    response = await ds.client.get("/archive/passages?_sort=published&_sort_by_desc=on")
    assert response.status_code == 302 and "_next" not in response.headers["location"]


async def test_dashboard_page(ds):
    html = (await get(ds, "/-/dashboards/archive?q=massacre&date_from=2020-01-01")).text
    assert html.count("renderChart(") == 3
    config = ds.plugin_config("datasette-dashboards")["archive"]
    for chart in config["charts"].values():
        for params in ({}, {"q": "massacre", "affiliation": "pmoi-ncri", "date_from": "2020-01-01", "date_to": "2021-12-31"}):
            sql = re.sub(r"\[\[(.*?)\]\]", lambda m: m.group(1) if re.search(r":(\w+)", m.group(1)).group(1) in params else "", chart["query"], flags=re.S)
            rows = (await ds.get_database("archive").execute(sql, params)).rows
            assert rows, (chart["title"], params)
