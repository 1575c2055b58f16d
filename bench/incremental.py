"""Incremental build on the 100k archive: adding 10 articles, and a build with nothing changed,
beside the full rebuild of the same archive measured in the same session. Prints figures, with
the phase lines each command printed (wall time includes starting Python and its imports).

    python bench/incremental.py --db bench/out/archive-100k-inc.db --sources bench/out/corpus-100k \
        --full-seconds S

Works on copies (bench/out/inc/): the article files are hard-linked, manifest.yml and the
database copied, so the originals stay as they are. With no server running, an add updates the
file in place; ``add_10_served_s`` is a second add of 10 other articles while this process holds
the serving lock as ``archive serve`` does, so the update is written to a copy renamed into place. ``--full-seconds``: the wall time of
``archive build --full`` of the same sources (bench/build.py prints it); with ``--measure-full``
it is measured here instead (minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "inc"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from ingest.build import hold_serving_lock  # noqa: E402


def run(*args) -> tuple[float, str]:
    started = time.monotonic()
    result = subprocess.run([PYTHON, "-m", "ingest", *args], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            capture_output=True, text=True, check=True)
    return time.monotonic() - started, (result.stdout + result.stderr).strip()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--full-seconds", type=float, default=None)
    parser.add_argument("--measure-full", action="store_true")
    args = parser.parse_args(argv)
    args.sources = args.sources.resolve()  # a symlink would be copied as a link, and its manifest deleted below
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    sources = OUT / args.sources.name  # same folder name: same source paths, same document ids
    subprocess.run(["cp", "-al", str(args.sources), str(sources)], check=True)
    (sources / "manifest.yml").unlink()
    shutil.copyfile(args.sources / "manifest.yml", sources / "manifest.yml")
    db_path = OUT / "archive.db"
    shutil.copyfile(args.db, db_path)
    # on disk before anything is timed: else the update's first fsync writes the whole fresh copy
    # (3.4 GB at 1M), which an archive that has been sitting there has not to do
    for path in (db_path, sources / "manifest.yml"):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    subprocess.run([PYTHON, str(ROOT / "bench" / "corpus.py"), "--articles", "10", "--out", str(OUT / "new"), "--seed", "99"],
                   check=True, capture_output=True)
    subprocess.run([PYTHON, str(ROOT / "bench" / "corpus.py"), "--articles", "10", "--out", str(OUT / "served"), "--seed", "98"],
                   check=True, capture_output=True)
    new, served = [], []
    for folder, prefix, names in (("new", "added", new), ("served", "served", served)):
        for number, path in enumerate(sorted((OUT / folder / "articles").rglob("*.txt"))):
            target = OUT / f"{prefix}-{number:02d}.txt"
            shutil.copyfile(path, target)
            names.append(str(target))
    results = {"load_avg_1m_before": round(os.getloadavg()[0], 1)}
    results["nothing_changed_s"], log = run("build", "--sources", str(sources), "--db", str(db_path))
    results["nothing_changed_log"] = [line for line in log.splitlines() if not line.startswith("  ")]
    results["add_10_s"], log = run("add", *new, "--publisher", "synthetic-outlet-001", "--sources", str(sources), "--db", str(db_path))
    results["add_10_log"] = [line for line in log.splitlines() if not line.startswith("  ")]
    results["load_avg_1m_before_served"] = round(os.getloadavg()[0], 1)
    lock = hold_serving_lock(db_path)
    try:
        results["add_10_served_s"], log = run("add", *served, "--publisher", "synthetic-outlet-001", "--sources", str(sources),
                                              "--db", str(db_path))
    finally:
        os.close(lock)
    results["add_10_served_log"] = [line for line in log.splitlines() if not line.startswith("  ")]
    if args.measure_full:
        results["full_s"], _ = run("build", "--full", "--sources", str(sources), "--db", str(OUT / "full.db"))
    elif args.full_seconds:
        results["full_s"] = args.full_seconds
    if results.get("full_s"):
        results["add_10_over_full"] = round(results["add_10_s"] / results["full_s"], 4)
    results["load_avg_1m_after"] = round(os.getloadavg()[0], 1)
    for key, value in results.items():
        if isinstance(value, float):
            results[key] = round(value, 2)
    print(json.dumps(results, indent=1))
    (ROOT / "bench" / "out" / "incremental.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
