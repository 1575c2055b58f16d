"""Faceted search through Datasette over HTTP beside the same SQL run directly on SQLite. Prints figures.

    python bench/search.py --db bench/out/archive-100k.db [--requests 20] [--baseline]

Serves the database the way `archive serve` does (immutable, inspect file, the settings in
ingest/cli.py SETTINGS, metadata.yml's six passages facets, plugins/). For searches at about
0.1%, 1% and 10% of passages it times the HTML table page (p50/p95 over ``--requests``
sequential requests after two warm-ups) and the JSON of the same page (count, six facets, rows),
counting facet time-outs.
Floor, in the same run: the SQL Datasette issues for that page (rows, count, six facets), run
directly on SQLite, both as Datasette would issue it on ``passages`` and as the plugin rewrites
it on ``passage_facets``. ``--baseline`` also times Datasette without plugins/ (fewer requests).
At most 3 x (requests + 2) x 2 requests per server are made; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "plugins"))

from server import datasette, served_copy  # noqa: E402

TERMS = ("ombudsman", "rapporteur", "tribunal")  # bench/corpus.py plants them at 0.1%, 1%, 10%
FACETS = ("publisher_id", "affiliation_id", "kind", "year", "speaker_id", "speaker_affiliation_id")
PASSAGE_COLUMNS = "rowid, id, document_id, seq, kind, text, start, \"end\", publisher_id, affiliation_id, published, year, speaker_id, speaker_affiliation_id, attribution, attribution_cue, said_on"
MATCH = "rowid in (select rowid from passages_fts where passages_fts match :search)"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def page_sql(table: str) -> list[str]:
    """The queries Datasette runs for /archive/passages?_search=… (facets as it words them)."""
    from fast_facets import rewrite

    inner = f"select {PASSAGE_COLUMNS} from passages where {MATCH} "
    queries = [
        f"select {PASSAGE_COLUMNS} from passages where {MATCH} order by published desc, rowid limit 101",
        f"select count(*) from passages where {MATCH} ",
    ] + [
        f"select {c} as value, count(*) as count from (\n {inner}\n )\n where {c} is not null\n group by {c} order by count desc, value limit 31"
        for c in FACETS
    ]
    if table == "passage_facets":
        queries = queries[:1] + [rewrite(q) for q in queries[1:]]
    return queries


def direct(db_path: Path, term: str, table: str, repeats: int) -> list[float]:
    conn = sqlite3.connect(f"file:{db_path}?immutable=1", uri=True)
    times = []
    queries = page_sql(table)
    for n in range(repeats + 2):
        started = time.perf_counter()
        for sql in queries:
            conn.execute(sql, {"search": term}).fetchall()
        if n >= 2:
            times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return times


def over_http(base: str, term: str, repeats: int) -> tuple[list[float], int, int]:
    times, json_times, timed_out = [], [], 0
    for n in range(repeats + 2):
        # a different query text each time (same matches): the plugin keeps the matches of its
        # last searches, and a benchmark repeating one query would only measure that cache
        query = urllib.parse.urlencode({"_search": f"{term} NOT zzq{n}x", "_searchmode": "raw"})
        started = time.perf_counter()
        with urllib.request.urlopen(f"{base}/archive/passages?{query}", timeout=60) as response:
            response.read()
        if n >= 2:
            times.append((time.perf_counter() - started) * 1000)
        query = urllib.parse.urlencode({"_search": f"{term} NOT zzj{n}x", "_searchmode": "raw"})
        started = time.perf_counter()
        with urllib.request.urlopen(f"{base}/archive/passages.json?{query}", timeout=60) as response:
            data = json.load(response)
        if n >= 2:
            json_times.append((time.perf_counter() - started) * 1000)
            timed_out += len(set(FACETS) - set(data.get("facet_results", {})))  # 0.65 leaves timed-out facets out
    return times, json_times, timed_out, data.get("filtered_table_rows_count") or 0


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
    total = conn.execute("select count(*) from passage_facets").fetchone()[0]
    conn.close()
    terms = list(TERMS[:2]) + [term_near(db_path, 0.10 * total)]
    results = []
    runs = [("plugins", True, args.requests)] + ([("no plugins", False, max(3, args.requests // 4))] if args.baseline else [])
    for label, plugins, repeats in runs:
        with datasette(db_path, plugins=plugins) as base:
            for term in terms:
                times, json_times, timed_out, matches = over_http(base, term, repeats)
                result = {
                    "datasette": label, "search": term, "matches": matches,
                    "selectivity_pct": round(100 * matches / total, 3),
                    "http_p50_ms": round(statistics.median(times), 1), "http_p95_ms": round(percentile(times, 0.95), 1),
                    "json_p50_ms": round(statistics.median(json_times), 1), "json_p95_ms": round(percentile(json_times, 0.95), 1),
                    "facet_timeouts": timed_out, "requests": repeats,
                }
                for table in ("passages", "passage_facets"):
                    floor = direct(db_path, term, table, min(repeats, 5))
                    result[f"sqlite_{table}_p50_ms"] = round(statistics.median(floor), 1)
                    result[f"sqlite_{table}_p95_ms"] = round(percentile(floor, 0.95), 1)
                result["json_p95_over_sqlite_p95"] = round(result["json_p95_ms"] / result["sqlite_passages_p95_ms"], 2)
                result["http_p95_over_sqlite_p95"] = round(result["http_p95_ms"] / result["sqlite_passages_p95_ms"], 2)
                results.append(result)
                print(json.dumps(result), flush=True)
    (ROOT / "bench" / "out" / "search.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
