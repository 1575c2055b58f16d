import csv
import io

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from .conftest import ROOT

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


@pytest.fixture
def datasette(seed_db):
    # as `archive serve` runs it: the canned queries call search_form(), which plugins/persian.py adds
    return Datasette([str(seed_db)], metadata=METADATA, immutables=[], plugins_dir=str(ROOT / "plugins"))


def count(seed_db, sql, params=()):
    return sqlite_utils.Database(seed_db).execute(sql, params).fetchone()[0]


async def test_search_with_facets_returns_the_right_rows_and_counts(datasette, seed_db):
    response = await datasette.client.get("/archive/passages.json?_search=massacre&_facet=kind&_facet=publisher_id&_size=max")
    assert response.status_code == 200
    data = response.json()
    expected = count(seed_db, "select count(*) from passages_fts where passages_fts match 'massacre'")
    assert data["filtered_table_rows_count"] == expected == len(data["rows"])
    kind_counts = {item["value"]: item["count"] for item in data["facet_results"]["kind"]["results"]}
    for kind, number in kind_counts.items():
        assert number == count(
            seed_db,
            "select count(*) from passages join passages_fts on passages.rowid = passages_fts.rowid "
            "where passages_fts match 'massacre' and kind = ?",
            (kind,),
        )
    assert sum(kind_counts.values()) == expected


async def test_search_for_callamard_finds_the_amnesty_passage_with_its_channel(datasette):
    response = await datasette.client.get("/archive/passages.json?_search=Callamard&_shape=array&_labels=on")
    [row] = response.json()
    assert "Agnès Callamard" in row["text"]
    assert row["publisher_id"]["value"] == "mek-iran"
    assert row["affiliation_id"] == {"value": "pmoi-ncri", "label": "PMOI/MEK and NCRI"}
    assert row["published"] == "2021"


async def test_canned_search_escapes_punctuation_and_cites(datasette):
    response = await datasette.client.get('/archive/search.json?q=30,000 "political&_shape=array')
    assert response.status_code == 200
    rows = response.json()
    assert rows and all("\ue00030,000\ue001" in row["snippet"] for row in rows)  # match markers: U+E000, U+E001
    assert set(rows[0]) >= {"passage_id", "snippet", "publisher", "publisher_affiliation", "published", "speaker", "passage_link"}


async def test_canned_search_with_empty_query_returns_nothing(datasette):
    response = await datasette.client.get("/archive/search.json?q=&_shape=array")
    assert response.status_code == 200 and response.json() == []


async def test_csv_and_json_exports_of_a_search(datasette):
    response = await datasette.client.get("/archive/passages.csv?_search=Guterres&_labels=on&_stream=on")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 2 and all("Guterres" in row["text"] for row in rows)
    assert {row["publisher_id_label"] for row in rows} == {"MEK Iran (site of the PMOI/MEK)"}
    response = await datasette.client.get("/archive/passages.json?_search=Guterres&_shape=array")
    assert [row["id"] for row in response.json()] == [row["id"] for row in rows]


async def test_document_passages_query_reads_an_article_in_order(datasette, seed_db):
    document_id = count(seed_db, "select id from documents where source_path like '%004_%'")
    response = await datasette.client.get(f"/archive/document_passages.json?document_id={document_id}&_shape=array")
    seqs = [row["seq"] for row in response.json()]
    assert seqs == sorted(seqs) and len(seqs) == count(seed_db, "select count(*) from passages where document_id = ?", (document_id,))


async def test_quoted_by_affiliation_query_runs(datasette):
    response = await datasette.client.get("/archive/quoted_by_affiliation.json?_shape=array")
    assert response.status_code == 200
    assert sum(row["passages"] for row in response.json()) > 0


def test_every_table_and_column_in_metadata_exists(seed_db):
    db = sqlite_utils.Database(seed_db)
    for table, config in METADATA["databases"]["archive"]["tables"].items():
        assert db[table].exists(), table
        for column in config.get("columns", {}):
            assert column in db[table].columns_dict, (table, column)
        for facet in config.get("facets", []):
            assert facet in db[table].columns_dict, (table, facet)


def test_every_visible_table_and_column_is_described(seed_db):
    db = sqlite_utils.Database(seed_db)
    tables = METADATA["databases"]["archive"]["tables"]
    for table in db.table_names():
        if table.startswith("sqlite_"):
            continue
        if table.startswith("passages_fts"):
            assert tables[table]["hidden"] is True
            continue
        assert tables[table]["description"], table
        assert set(tables[table]["columns"]) == set(db[table].columns_dict), table


def test_facet_columns_and_foreign_keys_are_indexed(seed_db):
    db = sqlite_utils.Database(seed_db)
    passages = db["passages"]
    indexed = {tuple(index.columns)[0] for index in passages.indexes}
    facets = ["publisher_id", "affiliation_id", "kind", "year", "speaker_id", "speaker_affiliation_id", "attribution"]
    foreign_keys = [fk.column for fk in passages.foreign_keys]
    assert set(facets) | set(foreign_keys) <= indexed


# ---------------------------------------------------------------- no route answers 500 (issue 13, item 8)

FUZZ_PATHS = [
    "/", "/archive", "/archive.json", "/archive/passages", "/archive/passages.json", "/archive/passages.csv",
    "/archive/passages.csv-stream", "/_internal/passages.csv-stream", "/_internal/passages",
    "/archive/-/search", "/archive/-/search.json", "/archive/-/search.csv", "/nosuch/-/search",
    "/archive/search", "/archive/search.json", "/archive/search.csv", "/archive/documents", "/archive/documents.json",
    "/archive/publishers/mek-iran", "/archive/speakers", "/archive/affiliations/pmoi-ncri", "/archive/figures",
    "/archive/mentions.json", "/archive/counts_claimed", "/archive/speaker_passages", "/archive/document_passages.json",
    "/archive/passages/nosuch", "/archive/documents/nosuch", "/-/dashboards/archive", "/-/fast-facets.json",
    "/archive/reuse_clusters", "/archive/copies_between_outlets.csv",
]
FUZZ_KEYS = [
    "_search", "_searchmode", "_sort", "_sort_desc", "_size", "_page", "_next", "_facet", "_where", "q", "sql",
    "_shape", "_labels", "_stream", "_col", "_nocol", "_fts_table", "_fts_pk", "_search_text", "_search_nosuch",
    "_facet_size", "_nofacet", "_nocount", "_json", "_nl", "_dl", "_timelimit", "_trace", "_through",
    "publisher_id", "publisher_id__not", "publisher_id__isnull", "year__gt", "kind__in", "kind__arraycontains",
    "speaker_id__notnull", "text__contains", "nosuch__exact", "counts", "document_id", "speaker", "date_from",
    "affiliation", "files", "_hash", "_facet_array", "_facet_date", "_format",
]
FUZZ_VALUES = [
    "", '"', "'", "*", "a* OR", "(", "NEAR(", ")", "-1", "0", "1", "2", "max", "999999999999999999999", "NaN",
    "1e309", "\x00", "\x01", "%00", "%", "💥", "منافقين", "\u202e", "../../etc/passwd", "x" * 3000, "[]", "{}",
    "nonexistent_column", "text", "rowid", "id", "published", "select 1", "select * from passages", ";",
    "massacre", "massacre OR", "on", "array", "objects", "csv", "raw", "passages_fts", "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
]
FUZZ_REQUESTS = 600


def fuzz_requests(seed: int, count: int):
    import random

    rng = random.Random(seed)
    for _ in range(count):
        pairs = [(rng.choice(FUZZ_KEYS), rng.choice(FUZZ_VALUES)) for _ in range(rng.randint(1, 4))]
        yield rng.choice(FUZZ_PATHS), pairs


async def test_no_route_answers_500_to_odd_query_strings(seed_db):
    """600 requests, seeded: every route and odd arguments (syntax errors, unknown columns,
    huge numbers, NUL, surrogates, bidi controls); each is answered below 500."""
    from urllib.parse import urlencode

    from ingest.cli import SETTINGS

    ds = Datasette(immutables=[str(seed_db)], metadata=METADATA, plugins_dir=str(ROOT / "plugins"),
                   template_dir=str(ROOT / "templates"), settings={**SETTINGS, "sql_time_limit_ms": 1000})
    failures = []
    for path, pairs in fuzz_requests(seed=13, count=FUZZ_REQUESTS):
        url = path + "?" + urlencode(pairs)
        response = await ds.client.get(url)
        if response.status_code >= 500:
            failures.append((response.status_code, url[:200], response.text[:200]))
    assert failures == []


async def test_named_cases_of_issue_13_answer_4xx(seed_db):
    ds = Datasette(immutables=[str(seed_db)], metadata=METADATA, plugins_dir=str(ROOT / "plugins"),
                   template_dir=str(ROOT / "templates"))
    for url in ("/_internal/passages.csv-stream", "/archive/passages?_sort=nosuch", "/archive/passages.json?_sort_desc=nosuch",
                "/archive/-/search?_sort=nosuch", "/archive/documents?_sort=nosuch"):
        response = await ds.client.get(url)
        assert 400 <= response.status_code < 500, (url, response.status_code)
