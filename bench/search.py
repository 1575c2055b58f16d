"""Faceted search over HTTP beside the same work done directly on SQLite. Prints figures.

    python bench/search.py --db bench/out/archive-1m.db [--requests 20] [--baseline]

Serves the database the way `archive serve` does (immutable, inspect file, the settings in
ingest/cli.py SETTINGS, plugins/). For searches at about 0.1%, 1% and 10% of passages it times
the search page ``/archive/-/search`` (count, nine facets with unknowns: four channel facets over
passages, five voice facets over the statements that hold the match; 20 rows highlighted;
p50/p95 over ``--requests`` sequential requests after two warm-ups) as HTML and as JSON,
counting the requests that did not answer 200 (a time-out answers 400: no facet is ever left out).
Floors, in the same run, directly on SQLite: ``sqlite_datasette`` is the SQL Datasette's table
page issues for the same six-facet search (rows, count, six facets on ``passages``);
``sqlite_fts`` is the least any page can do (the FTS rowids, the 20 rows, one highlight query).
``--baseline`` also times Datasette's own table page with six ``_facet``s (fewer requests).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from server import datasette, served_copy  # noqa: E402

TERMS = ("ombudsman", "rapporteur", "tribunal")  # bench/corpus.py plants them at 0.1%, 1%, 10%
FACETS = ("publisher_id", "affiliation_id", "kind", "year", "speaker_id", "speaker_affiliation_id")  # six, as the target says
PASSAGE_COLUMNS = "rowid, id, document_id, seq, kind, text, start, \"end\", publisher_id, affiliation_id, published, year, speaker_id, speaker_affiliation_id, attribution, attribution_cue, said_on"
MATCH = "rowid in (select rowid from passages_fts where passages_fts match :search)"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def datasette_sql() -> list[str]:
    """The queries Datasette's table page runs for /archive/passages?_search=…&_facet=… (six facets)."""
    inner = f"select {PASSAGE_COLUMNS} from passages where {MATCH} "
    return [
        f"select {PASSAGE_COLUMNS} from passages where {MATCH} order by published desc, rowid limit 21",
        f"select count(*) from passages where {MATCH} ",
    ] + [
        f"select {c} as value, count(*) as count from (\n {inner}\n )\n where {c} is not null\n group by {c} order by count desc, value limit 31"
        for c in FACETS
    ]


def fts_floor(conn, term: str) -> None:
    rowids = [row[0] for row in conn.execute("select rowid from passages_fts where passages_fts match :search", {"search": term})]
    page = ", ".join(map(str, rowids[:20])) or "null"
    conn.execute(f"select * from passages where rowid in ({page})").fetchall()
    conn.execute(f"select rowid, highlight(passages_fts, 0, '[', ']') from passages_fts where passages_fts match :search "
                 f"and rowid in ({page})", {"search": term}).fetchall()


def direct(db_path: Path, term: str, kind: str, repeats: int) -> list[float]:
    conn = sqlite3.connect(f"file:{db_path}?immutable=1", uri=True)
    times = []
    for n in range(repeats + 2):
        started = time.perf_counter()
        if kind == "datasette":
            for sql in datasette_sql():
                conn.execute(sql, {"search": term}).fetchall()
        else:
            fts_floor(conn, term)
        if n >= 2:
            times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return times


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def over_http(base: str, term: str, repeats: int, table_page: bool = False):
    times, json_times, failed, count = [], [], 0, 0
    for n in range(repeats + 2):
        # a different query text each time (same matches): the plugin keeps the matches of its
        # last searches, and a benchmark repeating one query would only measure that cache
        query = urllib.parse.urlencode({"_search": f"{term} NOT zzq{n}x", "_searchmode": "raw"})
        facets = "&" + "&".join(f"_facet={c}" for c in FACETS) if table_page else ""
        html_url = f"{base}/archive/passages?{query}{facets}" if table_page else f"{base}/archive/-/search?{query}"
        started = time.perf_counter()
        status, _ = fetch(html_url)
        if n >= 2:
            times.append((time.perf_counter() - started) * 1000)
            failed += status != 200
        query = urllib.parse.urlencode({"_search": f"{term} NOT zzj{n}x", "_searchmode": "raw"})
        json_url = f"{base}/archive/passages.json?{query}{facets}" if table_page else f"{base}/archive/-/search.json?{query}"
        started = time.perf_counter()
        status, body = fetch(json_url)
        if n >= 2:
            json_times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                failed += 1
            else:
                data = json.loads(body)
                count = data.get("count", data.get("filtered_table_rows_count")) or 0
                if table_page:  # 0.65 leaves timed-out facets out of the JSON
                    failed += len(set(FACETS) - set(data.get("facet_results", {})))
    return times, json_times, failed, count


def term_near(db_path: Path, passages: float) -> str:
    """A word whose passages number close to ``passages`` (the 10% search)."""
    conn = sqlite3.connect(f"file:{db_path}?immutable=1", uri=True)
    conn.execute("create virtual table temp.vocab using fts5vocab(main, 'passages_fts', 'row')")
    term = conn.execute(
        "select term from temp.vocab where term glob '[a-z][a-z][a-z]*' order by abs(doc - ?) limit 1", (passages,)
    ).fetchone()[0]
    conn.close()
    return term


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--baseline", action="store_true")
    args = parser.parse_args(argv)
    db_path = served_copy(args.db.resolve(), ROOT / "bench" / "out" / "search")
    conn = sqlite3.connect(f"file:{db_path}?immutable=1", uri=True)
    total = conn.execute("select count(*) from passages").fetchone()[0]
    conn.close()
    terms = list(TERMS[:2]) + [term_near(db_path, 0.10 * total)]
    results = []
    with datasette(db_path) as base:
        runs = [("search page", False, args.requests)] + ([("datasette table page", True, max(3, args.requests // 4))] if args.baseline else [])
        for label, table_page, repeats in runs:
            for term in terms:
                times, json_times, failed, matches = over_http(base, term, repeats, table_page)
                result = {
                    "page": label, "search": term, "matches": matches,
                    "selectivity_pct": round(100 * matches / total, 3),
                    "http_p50_ms": round(statistics.median(times), 1), "http_p95_ms": round(percentile(times, 0.95), 1),
                    "json_p50_ms": round(statistics.median(json_times), 1), "json_p95_ms": round(percentile(json_times, 0.95), 1),
                    "not_answered_or_facet_timeouts": failed, "requests": repeats,
                }
                if not table_page:
                    for kind in ("datasette", "fts"):
                        floor = direct(db_path, term, kind, min(repeats, 5))
                        result[f"sqlite_{kind}_p50_ms"] = round(statistics.median(floor), 1)
                        result[f"sqlite_{kind}_p95_ms"] = round(percentile(floor, 0.95), 1)
                results.append(result)
                print(json.dumps(result), flush=True)
    (ROOT / "bench" / "out" / "search.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
