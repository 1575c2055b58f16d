"""Full build of a synthetic corpus beside its floor, measured in the same run. Prints figures.

    python bench/build.py --articles 10000 [--articles 100000] [--workers N] [--out DIR] [--corpus DIR] [--delete]

For each size: generates the corpus with bench/corpus.py (once, kept under bench/out/), runs
``archive build --full`` in a child process (wall time, articles/s, MB/s of source text, peak RSS
of the largest process: the writer or a worker), then the floor: the same passages, read back from
the built database, loaded into a fresh file by bare ``sqlite3`` ``executemany`` in one
transaction plus an FTS5 ``rebuild`` with the same tokenizer.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from ingest.schema import FTS_TOKENIZER  # noqa: E402


def corpus(articles: int, seed: int = 1, out: Path = OUT) -> Path:
    folder = out / f"corpus-{articles // 1000}k"
    if not (folder / "manifest.yml").exists():
        subprocess.run([PYTHON, str(ROOT / "bench" / "corpus.py"), "--articles", str(articles), "--out", str(folder), "--seed", str(seed)], check=True)
    return folder


def source_bytes(folder: Path) -> int:
    return sum(entry.stat().st_size for entry in (folder / "articles").rglob("*.txt"))


def timed_child(command: list[str]) -> tuple[float, float, float]:
    """Run a child process; wall seconds, peak RSS (MB) of its largest process and the CPU
    seconds (user + system) of the child and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, max(after.ru_maxrss, before.ru_maxrss) / 1024, cpu


def floor(folder: Path, target: Path) -> dict:
    """Read the files, split paragraphs, bare executemany, FTS5 rebuild: one thread."""
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute('CREATE TABLE passages (id INTEGER PRIMARY KEY, document TEXT, seq INTEGER, text TEXT)')
    started = time.monotonic()

    def rows():
        for path in sorted((folder / "articles").rglob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for seq, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
                yield str(path), seq, paragraph.strip()

    conn.execute("BEGIN")
    conn.executemany("INSERT INTO passages (document, seq, text) VALUES (?, ?, ?)", rows())
    conn.execute("COMMIT")
    insert = time.monotonic() - started
    conn.execute(f"CREATE VIRTUAL TABLE passages_fts USING fts5(text, content=\"passages\", content_rowid=\"id\", tokenize='{FTS_TOKENIZER}')")
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
    total = time.monotonic() - started
    conn.close()
    target.unlink(missing_ok=True)
    return {"floor_read_insert_s": round(insert, 1), "floor_fts_s": round(total - insert, 1), "floor_s": round(total, 1)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, action="append", required=True)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the corpus, the databases and build.json")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="an existing corpus folder (bench/corpus.py's output) instead of generating one")
    parser.add_argument("--delete", action="store_true", help="delete the built database once measured (disk)")
    args = parser.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    results = []
    for articles in args.articles:
        folder = args.corpus or corpus(articles, out=out)
        db_path = out / f"archive-{articles // 1000}k.db"
        command = [PYTHON, "-m", "ingest", "build", "--full", "--sources", str(folder), "--db", str(db_path)]
        if args.workers:
            command += ["--workers", str(args.workers)]
        load_before = os.getloadavg()[0]
        seconds, peak_mb, cpu = timed_child(command)
        size = source_bytes(folder)
        conn = sqlite3.connect(db_path)
        passages = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        conn.close()
        result = {
            "articles": articles, "passages": passages, "source_mb": round(size / 1e6, 1),
            "build_s": round(seconds, 1), "build_cpu_s": round(cpu, 1), "articles_per_s": round(articles / seconds),
            "mb_per_s": round(size / 1e6 / seconds, 2), "peak_rss_mb": round(peak_mb),
            "db_mb": round(db_path.stat().st_size / 1e6), "load_avg_1m_before": round(load_before, 1),
            "load_avg_1m_after_build": round(os.getloadavg()[0], 1), **floor(folder, out / "floor.db"),
            "cpus": len(os.sched_getaffinity(0)), "load_avg_1m_after_floor": round(os.getloadavg()[0], 1),
        }
        result["build_over_floor"] = round(result["build_s"] / result["floor_s"], 2)
        results.append(result)
        print(json.dumps(result), flush=True)
        if args.delete:
            db_path.unlink(missing_ok=True)
    (out / "build.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
