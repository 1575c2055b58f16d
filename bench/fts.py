"""The tail of a full build (``store.finish``: FTS indexes, facet tables, indexes, ANALYZE), serial
against parallel (ingest/fts.py), on the rows of a built archive. Prints figures.

    python bench/fts.py --db bench/out/archive-20k.db [--out DIR]

Copies the archive's rows (no FTS tables, indexes, facet rows nor statistics) into DIR once, then
for each mode copies that file and runs ``finish`` on it in a child process: wall seconds, CPU
seconds of the child and its FTS children, the peak RSS (MiB) of the writer and of the largest
FTS child, and the 1-minute load average before each run. Checks that both results hold the
same rows in every table (FTS shadow tables included).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.schema import FTS_TABLES  # noqa: E402

CHILD = """
import json, resource, sys, time
from ingest import store
started, cpu = time.monotonic(), time.process_time()
conn = store.connect(sys.argv[1])
store.finish(conn, parallel=sys.argv[2] == "parallel")
conn.close()
print(json.dumps({"seconds": time.monotonic() - started, "writer_cpu_s": time.process_time() - cpu,
                  "writer_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "fts_child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def rows_only(db: Path, target: Path) -> None:
    shutil.copy(db, target)
    conn = sqlite3.connect(target, isolation_level=None)
    for name in FTS_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {name}")
    for (index,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall():
        conn.execute(f'DROP INDEX "{index}"')
    conn.execute("DELETE FROM passage_facets")
    conn.execute("DELETE FROM facet_counts")
    conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
    conn.execute("VACUUM")
    conn.close()


def run(base: Path, target: Path, mode: str) -> dict:
    shutil.copy(base, target)
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([sys.executable, "-c", CHILD, str(target), mode], check=True, capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads(out)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"mode": mode, "finish_s": round(result["seconds"], 1), "cpu_s": round(cpu, 1),
            "writer_cpu_s": round(result["writer_cpu_s"], 1), "writer_rss_mb": round(result["writer_rss_mb"]),
            "fts_child_rss_mb": round(result["fts_child_rss_mb"]), "load_avg_1m_before": round(load, 1)}


def table_rows(path: Path) -> dict:
    """A digest of every table's rows in scan order (rowid or primary key; sqlite_stat1 sorted)."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") if r[0] not in FTS_TABLES]
    found = {}
    for table in tables:
        digest = hashlib.sha256()
        rows = conn.execute(f'SELECT * FROM "{table}"')
        for row in sorted(rows) if table == "sqlite_stat1" else rows:
            digest.update(repr(row).encode())
        found[table] = digest.hexdigest()
    conn.close()
    return found


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a built archive (bench/build.py's output)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    base = args.out / "finish-rows.db"
    rows_only(args.db, base)
    for _ in range(args.repeat):
        for mode in ("serial", "parallel"):
            print(json.dumps(run(base, args.out / f"finish-{mode}.db", mode)), flush=True)
    same = table_rows(args.out / "finish-serial.db") == table_rows(args.out / "finish-parallel.db")
    print(json.dumps({"same_rows": same, "cpus": len(os.sched_getaffinity(0))}))
    for name in ("rows", "serial", "parallel"):
        (args.out / f"finish-{name}.db").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
