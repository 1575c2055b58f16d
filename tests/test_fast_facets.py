"""plugins/fast_facets.py: the same counts, facets, rows and CSV as SQL on `passages` gives."""

from __future__ import annotations

import asyncio
import csv
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from ingest.build import build

ROOT = Path(__file__).resolve().parent.parent
FACETS = ["publisher_id", "affiliation_id", "kind", "year", "speaker_id", "speaker_affiliation_id"]
MATCH = "rowid in (select rowid from passages_fts where passages_fts match :q)"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fast")
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "--articles", "60", "--out", str(folder / "sources"),
                    "--seed", "4", "--publishers", "5"], check=True, capture_output=True)
    db_path = folder / "archive.db"
    build(folder / "sources", db_path, log=lambda line: None)
    return db_path


async def datasette(db_path: Path) -> Datasette:
    ds = Datasette(immutables=[str(db_path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()),
                   plugins_dir=str(ROOT / "plugins"), settings={"suggest_facets": False})
    await ds.invoke_startup()
    for _ in range(200):  # the facet index loads in the background
        status = (await ds.client.get("/-/fast-facets.json")).json()
        if status.get("archive") != "loading":
            break
        await asyncio.sleep(0.05)
    assert status["archive"] == "loaded"
    return ds


def expected(db_path: Path, where: str, params: dict) -> dict:
    conn = sqlite3.connect(db_path)
    result = {"count": conn.execute(f"select count(*) from passages where {where}", params).fetchone()[0]}
    for column in FACETS:
        result[column] = sorted(conn.execute(
            f"select {column}, count(*) from passages where {where} and {column} is not null group by 1", params).fetchall())
    result["rows"] = [row[0] for row in conn.execute(
        f"select published from passages where {where} order by published desc limit 20", params)]
    conn.close()
    return result


@pytest.mark.parametrize("query, where, params", [
    ("_search=tribunal", MATCH, {"q": "tribunal"}),
    ("_search=the&kind=paragraph", f"{MATCH} and kind = 'paragraph'", {"q": "the"}),
    ("publisher_id=synthetic-outlet-002", "publisher_id = 'synthetic-outlet-002'", {}),
    ("", "1", {}),
])
async def test_counts_facets_and_rows_match_sql_on_passages(archive, query, where, params):
    ds = await datasette(archive)
    data = (await ds.client.get(f"/archive/passages.json?{query}")).json()
    want = expected(archive, where, params)
    assert data["filtered_table_rows_count"] == want["count"]
    assert set(FACETS) <= set(data["facet_results"])  # a facet that timed out is missing from the JSON
    for column in FACETS:
        got = sorted((item["value"], item["count"]) for item in data["facet_results"][column]["results"])
        assert got == sorted(sorted(want[column], key=lambda pair: (-pair[1], pair[0]))[:30]), column
    published = data["columns"].index("published")
    assert [row[published] for row in data["rows"]] == want["rows"]


async def test_csv_stream_exports_every_match_once(archive):
    ds = await datasette(archive)
    response = await ds.client.get("/archive/passages.csv-stream?_search=tribunal&kind=paragraph")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.text)))
    conn = sqlite3.connect(archive)
    ids = [row[0] for row in conn.execute(f"select id from passages where {MATCH} and kind = 'paragraph' order by rowid", {"q": "tribunal"})]
    conn.close()
    assert rows[0][:2] == ["id", "document_id"]
    assert [row[0] for row in rows[1:]] == ids
    assert len(ids) > 5


async def test_csv_stream_refuses_an_unknown_column(archive):
    ds = await datasette(archive)
    response = await ds.client.get("/archive/passages.csv-stream?nonsense=1")
    assert response.status_code == 400
