"""Every CSV a page offers is safe to open in a spreadsheet: plugins/guarded_csv.py answers every
``.csv`` address of Datasette's table, row, canned query and SQL pages; plugins/fast_facets.py
answers the search export. Through Datasette's own client (no browser)."""

from __future__ import annotations

import csv
import html
import importlib.util
import io
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import yaml
from datasette.app import Datasette

from ingest.build import build
from ingest.cli import SETTINGS
from tests.formula_corpus import (
    FORMULA_PUBLISHER, FORMULA_PUBLISHER_NAME, FORMULA_TITLE, FORMULA_WORD, guarded_formulas, unsafe_cells,
    write_formula_sources,
)

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("passages", "statements", "figures", "documents")


def datasette(db: Path, metadata: dict | None = None, **settings) -> Datasette:
    return Datasette(
        immutables=[str(db)],
        metadata=metadata or yaml.safe_load((ROOT / "metadata.yml").read_text()),
        template_dir=str(ROOT / "templates"),
        plugins_dir=str(ROOT / "plugins"),
        settings={**SETTINGS, **settings},
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    db = folder / "archive.db"
    build(write_formula_sources(folder), db, log=lambda line: None)
    return db


@pytest.fixture(scope="module")
def ds(archive):
    return datasette(archive)


async def get(ds, path, status=200, **kwargs):
    response = await ds.client.get(path, **kwargs)
    assert response.status_code == status, (path, response.text[:500])
    return response


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def load_plugin(name: str):
    spec = importlib.util.spec_from_file_location(f"export_test_{name}", ROOT / "plugins" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("args", [{}, {"_labels": "on"}, {"_stream": "on"}, {"_stream": "on", "_labels": "on", "_dl": "1"},
                                  {"_search": FORMULA_WORD, "_size": "max"}])
async def test_table_csv_is_guarded_and_matches_datasettes_json(ds, table, args):
    if table == "documents" and "_search" in args:
        args = {**args, "_search": "HYPERLINK"}
    response = await get(ds, f"/archive/{table}.csv?" + urlencode(args))
    text = response.text
    assert unsafe_cells(text) == []
    rows = rows_of(text)
    # the same rows, columns and order as Datasette's JSON (and its _label columns)
    json_args = {k: v for k, v in args.items() if k not in ("_stream", "_dl")}
    if "_stream" in args:
        json_args["_size"] = "max"
    data = (await get(ds, f"/archive/{table}.json?" + urlencode({**json_args, "_shape": "objects"}))).json()
    columns = []
    for column in data["columns"]:
        columns += [column, f"{column}_label"] if column in (data.get("expanded_columns") or []) else [column]
    assert list(rows[0]) == columns
    key = data["columns"][0]
    assert [row[key] for row in rows] == [str(row[key]["value"] if isinstance(row[key], dict) else row[key]) for row in data["rows"]]
    if "_stream" in args:
        assert len(rows) == data.get("filtered_table_rows_count") or len(rows) >= len(data["rows"])
    if "_dl" in args:
        assert response.headers["content-disposition"] == f'attachment; filename="{table}.csv"'
        assert response.headers["content-type"].startswith("text/csv")


async def test_formulas_are_kept_as_text_with_a_leading_quote(ds):
    passages = (await get(ds, "/archive/passages.csv?" + urlencode({"_search": FORMULA_WORD, "_labels": "on"}))).text
    texts = [row["text"] for row in rows_of(passages)]
    assert {t[:2] for t in texts if t.startswith("'")} == {"'=", "'@", "'+", "'-"}
    assert any("start\\x01of heading\\x1b[31m and a form\\x0cfeed" in t for t in texts)
    assert {row["publisher_id_label"] for row in rows_of(passages)} == {"'" + FORMULA_PUBLISHER_NAME}
    statements = (await get(ds, "/archive/statements.csv?" + urlencode({"_search": FORMULA_WORD}))).text
    assert any(cell.startswith("'=HYPERLINK(") for cell in guarded_formulas(statements))
    documents = rows_of((await get(ds, f"/archive/documents.csv?publisher_id={FORMULA_PUBLISHER}")).text)
    assert [row["title"] for row in documents] == ["'" + FORMULA_TITLE + " with a control\\x02character"]
    figures = rows_of((await get(ds, f"/archive/figures.csv?publisher_id={FORMULA_PUBLISHER}&_labels=on")).text)
    assert figures and {row["publisher_id_label"] for row in figures} == {"'" + FORMULA_PUBLISHER_NAME}


async def test_the_stream_honours_the_sort_and_follows_every_page(ds):
    path = "/archive/passages.csv?_sort=kind&_stream=on&_size=7"
    rows = rows_of((await get(ds, path)).text)
    total = (await get(ds, "/archive/passages.json?_size=1")).json()["filtered_table_rows_count"]
    assert len(rows) == len({row["id"] for row in rows}) == total > 7
    assert [row["kind"] for row in rows] == sorted(row["kind"] for row in rows)
    descending = rows_of((await get(ds, "/archive/passages.csv?_sort_desc=seq&_stream=on")).text)
    assert [int(row["seq"]) for row in descending] == sorted((int(row["seq"]) for row in descending), reverse=True)


@pytest.mark.parametrize("path", [
    f"/archive/search.csv?q={FORMULA_WORD}",
    f"/archive/search.csv?q={FORMULA_WORD}&_size=max&_dl=1",
    "/archive/counts_claimed.csv?counts=",
    "/archive/copies_between_outlets.csv",
    "/archive.csv?" + urlencode({"sql": "select '=1+1' as a, '@x' as b, char(1) as c, title from documents"}),
])
async def test_canned_query_and_sql_csv_are_guarded(ds, path):
    text = (await get(ds, path)).text
    assert rows_of(text) and unsafe_cells(text) == []


async def test_canned_query_csv_holds_the_guarded_formulas(ds):
    text = (await get(ds, f"/archive/search.csv?q={FORMULA_WORD}")).text
    titles = {row["title"] for row in rows_of(text)}
    assert titles == {"'" + FORMULA_TITLE + " with a control\\x02character"}
    assert {row["publisher"] for row in rows_of(text)} == {"'" + FORMULA_PUBLISHER_NAME}
    sql = rows_of((await get(ds, "/archive.csv?" + urlencode({"sql": "select '=1+1' as a, char(1) as b"}))).text)
    assert sql == [{"a": "'=1+1", "b": "\\x01"}]


async def test_row_csv_is_guarded(ds):
    passage = (await ds.get_database("archive").execute(
        "select id from passages where text like '=HYPERLINK(%' and publisher_id = ?", [FORMULA_PUBLISHER])).rows[0][0]
    rows = rows_of((await get(ds, f"/archive/passages/{passage}.csv")).text)
    assert [row["id"] for row in rows] == [passage] and rows[0]["text"].startswith("'=HYPERLINK(")


def offered_csv(page: str) -> list[str]:
    """Every CSV address an HTML page offers: links, and the export form with each of its boxes ticked."""
    found = [html.unescape(href) for href in re.findall(r'href="([^"]*\.csv(?:\?[^"]*)?)"', page)]
    form = re.search(r'<form action="([^"]*\.csv)" method="get">(.*?)</form>', page, re.S)
    if form:
        hidden = [(html.unescape(k), html.unescape(v)) for k, v in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', form[2])]
        boxes = re.findall(r'<input type="checkbox" name="([^"]*)"', form[2])
        for ticked in ([], boxes, *([box] for box in boxes)):
            found.append(form[1] + "?" + urlencode(hidden + [(box, "on") for box in ticked]))
    return found


@pytest.mark.parametrize("page", [
    "/archive/passages", f"/archive/passages?_search={FORMULA_WORD}", "/archive/statements", "/archive/figures",
    f"/archive/figures?publisher_id={FORMULA_PUBLISHER}", "/archive/documents", f"/archive/search?q={FORMULA_WORD}",
    "/archive/counts_claimed", f"/archive/-/search?_search={FORMULA_WORD}",
    "/archive?" + urlencode({"sql": "select title from documents"}),
])
async def test_every_csv_a_page_offers_is_guarded(ds, page):
    addresses = offered_csv((await get(ds, page)).text)
    assert addresses, page
    for address in addresses:
        parts = urlsplit(address)
        text = (await get(ds, parts.path + ("?" + parts.query if parts.query else ""))).text
        assert unsafe_cells(text) == [], address


async def test_the_search_export_keeps_its_own_route(ds):
    rows = rows_of((await get(ds, f"/archive/-/search.csv?_search={FORMULA_WORD}")).text)
    assert rows and {"matched_voice", "published_basis", "date"} <= set(rows[0])


async def test_errors_keep_their_status(ds):
    assert "Table not found" in (await get(ds, "/archive/nosuch.csv", 404)).text
    assert "Cannot sort" in (await get(ds, "/archive/passages.csv?_sort=nosuch", 400)).text
    await get(ds, "/archive/passages/nosuch.csv", 404)
    await get(ds, "/archive.csv?sql=select+nosuch", 400)
    await get(ds, "/archive/passages.csv?_stream=on&_next=abc", 400)
    text = (await get(ds, "/archive/passages.csv?_header=off&_size=2")).text
    assert len(rows_of(text)) == 1 and not text.startswith("id,")


async def test_permissions_apply_to_the_csv(archive):
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    metadata["databases"]["archive"]["tables"]["figures"]["allow"] = {"id": "researcher"}
    ds = datasette(archive, metadata)
    await get(ds, "/archive/figures.csv", 403)
    await get(ds, "/archive/figures.csv?_stream=on", 403)
    cookies = {"ds_actor": ds.sign({"a": {"id": "researcher"}}, "actor")}
    text = (await get(ds, "/archive/figures.csv?_stream=on", cookies=cookies)).text
    assert rows_of(text) and unsafe_cells(text) == []
    await get(ds, "/archive/passages.csv")


async def test_streaming_can_be_turned_off(archive):
    ds = datasette(archive, allow_csv_stream=False)
    assert "disabled" in (await get(ds, "/archive/passages.csv?_stream=on", 400)).text
    await get(ds, "/archive/passages.csv")


async def test_a_file_larger_than_max_csv_mb_ends_with_a_line_that_says_so(archive):
    ds = datasette(archive, max_csv_mb=1)
    sql = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 900) select i, printf('%.2000c', 'x') as pad from n"
    text = (await get(ds, "/archive.csv?" + urlencode({"sql": sql, "_size": "max"}))).text
    assert text.rstrip().splitlines()[-1].startswith("export stopped after 0 rows: the file reached max_csv_mb (1 MB)")
    assert len(text) < 1024 * 1024


async def test_json_keeps_the_values_as_stored_with_control_characters_escaped(ds):
    response = await get(ds, "/archive/passages.json?" + urlencode({"_search": FORMULA_WORD, "_shape": "array"}))
    assert not re.search(r"[\x00-\x1f]", response.text)
    texts = [row["text"] for row in response.json()]
    assert any(t.startswith("=HYPERLINK(") for t in texts) and any("\x01" in t for t in texts)


@pytest.fixture(scope="module")
def ties(tmp_path_factory):
    """A table whose keys run against its rowids, with many rows tying on each sort value, served
    with pages of 5 rows: Datasette 0.65 orders a sorted first page without the key, so a stream
    read page by page repeats and loses rows at the first seam unless the export mends it."""
    path = tmp_path_factory.mktemp("ties") / "ties.db"
    conn = sqlite3.connect(path)
    conn.execute("create table t (id text primary key, kind text, n integer, note text)")
    conn.executemany("insert into t values (?, ?, ?, ?)", [
        (f"r{i:03d}", ["b", "a", None, "=c"][i % 4], i % 3, "@note" if i % 5 == 0 else "note") for i in range(60, 0, -1)])
    conn.commit()
    conn.close()
    return Datasette([str(path)], plugins_dir=str(ROOT / "plugins"), settings={"max_returned_rows": 5})


@pytest.mark.parametrize("sort, where", [
    ("_sort=kind", ""), ("_sort_desc=kind", ""), ("_sort=n", ""), ("_sort_desc=n", ""), ("_sort=kind", "n=1"),
    ("_sort_desc=note", ""), ("", ""),
])
async def test_a_sorted_stream_gives_every_row_once_in_the_sort_order(ties, sort, where):
    response = await get(ties, f"/ties/t.csv?{sort}&{where}&_stream=on")
    assert unsafe_cells(response.text) == []
    ids = [row["id"] for row in rows_of(response.text)]
    column = sort.partition("=")[2] or "id"
    order = f"{column} desc, id" if "desc" in sort else f"{column}, id"
    clause = "where n = 1" if where else ""
    conn = sqlite3.connect(ties.databases["ties"].path)
    expected = [row[0] for row in conn.execute(f"select id from t {clause} order by {order}")]
    assert ids == expected


async def test_a_table_search_csv_waits_for_no_search_slot_it_holds(archive):
    """The table's CSV reads Datasette's JSON pages, each of which takes a search slot in turn
    (plugins/fast_facets.py): with a single slot, the CSV still answers."""
    ds = datasette(archive, num_sql_threads=2, sql_time_limit_ms=1000)
    text = (await get(ds, "/archive/passages.csv?" + urlencode({"_search": FORMULA_WORD, "_stream": "on"}))).text
    count = (await get(ds, f"/archive/passages.json?_search={FORMULA_WORD}&_size=1")).json()["filtered_table_rows_count"]
    assert len(rows_of(text)) == count > 1 and unsafe_cells(text) == []


async def test_a_query_cut_at_max_returned_rows_says_so(archive):
    ds = datasette(archive, max_returned_rows=5)
    sql = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 9) select i from n"
    rows = list(csv.reader(io.StringIO((await get(ds, "/archive.csv?" + urlencode({"sql": sql}))).text)))
    assert rows[1:6] == [[str(i)] for i in range(1, 6)]
    assert rows[-1] == ["export stopped after 5 rows: a query gives at most max_returned_rows (5) rows"]
    whole = list(csv.reader(io.StringIO((await get(ds, "/archive.csv?" + urlencode({"sql": sql + " limit 5"}))).text)))
    assert whole == [["i"]] + [[str(i)] for i in range(1, 6)]
