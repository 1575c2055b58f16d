"""CSV export of a ~10% search, MB/s, beside its floor measured in the same run. Prints figures.

    python bench/export.py --db bench/out/archive-1m.db [--cap 60] [--baseline]

The one export path, ``/archive/-/search.csv?_search=…`` (every match in the page's order, names
beside ids, the date's basis, formulas neutralised, each batch of rows inside the time limit),
and the floor: the same columns and rows in the same order straight from SQLite through Python's
csv writer. ``--baseline`` adds the table page's ``/archive/passages.csv?_stream=on`` (plugins/guarded_csv.py
over Datasette's JSON pages, re-running the search for each page of rows; stopped after ``--cap``
seconds and its rate so far reported).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from search import term_near  # noqa: E402
from server import datasette, served_copy  # noqa: E402


def download(url: str, cap: float) -> tuple[int, float, bool]:
    started = time.monotonic()
    size, complete, tail = 0, True, b""
    with urllib.request.urlopen(url, timeout=600) as response:
        while True:
            chunk = response.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            tail = (tail + chunk)[-400:]
            if time.monotonic() - started > cap:
                complete = False
                break
    if b"export stopped after" in tail:  # the export says where a time limit stopped it
        complete = False
    return size, time.monotonic() - started, complete


FLOOR_SQL = """
select p.id, p.published, d.published_basis, p.publisher_id, pub.name, p.affiliation_id, a.name,
  p.speaker_id, s.name, p.speaker_affiliation_id, sa.name, p.attribution, p.attribution_cue, p.said_on,
  p.kind, p.text, p.document_id, d.title, d.url, p.seq, p.start, p."end", p.reuse_cluster_id
from passages p
  left join documents d on d.id = p.document_id
  left join publishers pub on pub.id = p.publisher_id
  left join affiliations a on a.id = p.affiliation_id
  left join speakers s on s.id = p.speaker_id
  left join affiliations sa on sa.id = p.speaker_affiliation_id
where p.rowid in (select rowid from passages_fts where passages_fts match ?)
order by p.published is null, p.published desc, p.rowid
"""


def floor(db_path: Path, term: str) -> tuple[int, float]:
    conn = sqlite3.connect(f"file:{db_path}?immutable=1", uri=True)
    started = time.monotonic()
    cursor = conn.execute(FLOOR_SQL, (term,))
    buffer, size = io.StringIO(), 0
    out = csv.writer(buffer)
    out.writerow([d[0] for d in cursor.description])
    while rows := cursor.fetchmany(2000):
        out.writerows(rows)
        size += len(buffer.getvalue().encode("utf-8"))
        buffer.seek(0)
        buffer.truncate()
    conn.close()
    return size, time.monotonic() - started


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--cap", type=float, default=60)
    parser.add_argument("--baseline", action="store_true")
    args = parser.parse_args(argv)
    db_path = served_copy(args.db.resolve(), ROOT / "bench" / "out" / "search")
    conn = sqlite3.connect(f"file:{db_path}?immutable=1", uri=True)
    total = conn.execute("select count(*) from passages").fetchone()[0]
    conn.close()
    term = term_near(db_path, 0.10 * total)
    query = urllib.parse.urlencode({"_search": term})
    results = []
    with datasette(db_path) as base:
        exports = [("search page CSV (the one export path)", f"{base}/archive/-/search.csv?{query}")]
        if args.baseline:
            exports.append(("table page _stream=on", f"{base}/archive/passages.csv?{query}&_stream=on&_size=max"))
        for label, url in exports:
            size, seconds, complete = download(url, args.cap)
            results.append({"export": label, "search": term, "mb": round(size / 1e6, 1), "seconds": round(seconds, 1),
                            "mb_per_s": round(size / 1e6 / seconds, 1), "complete": complete})
            print(json.dumps(results[-1]), flush=True)
    size, seconds = floor(db_path, term)
    results.append({"export": "floor: the same rows, sqlite3 + csv writer", "search": term, "mb": round(size / 1e6, 1),
                    "seconds": round(seconds, 1), "mb_per_s": round(size / 1e6 / seconds, 1), "complete": True})
    print(json.dumps(results[-1]), flush=True)
    (ROOT / "bench" / "out" / "export.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
