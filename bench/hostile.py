"""Hostile web archives (issue 13): time and peak RSS of refusing each, beside a floor. Prints figures.

    python bench/hostile.py [--workers N] [--skip-slow-floor] [--out DIR]

Cases, generated in a temporary folder (or ``--out``) and deleted after:

- ``deep``: a plain WARC whose one record is a 100,000-deep HTML page (1.1 MB);
- ``big-record``: a plain WARC with one 50 MB HTML record;
- ``wacz-bomb``: a 4 MB WACZ whose one member unpacks to 4 GiB;
- ``warc-gz-bomb`` (not in the issue): a 4 MB ``.warc.gz`` that gunzips to 4 GiB, where no
  declared size warns before reading: the running count stops it.

Each is measured twice in a child process of its own (``seconds``: the call; ``process_s``: the
child's wall time, Python's start and imports included; ``peak_rss_mb``: the child's, or its
pool workers' if larger): ``read`` (ingest.warc reading the file,
as the build's reader does) and ``build`` (``ingest.build.build(..., full=True)`` over a
sources folder holding only that file: both passes, the writer, the problems table). The
target is at most 10 s and 1 GB peak RSS for each. Two floors beside it: ``floor_stream_same_file``,
the least a reader must do to get past the same file (warcio streaming every record's bytes in
chunks, no parsing, stopped after 120 s); and ``floor_normal_archive``, the same measure on a
normal archive of the same size on disk: ordinary 50 kB pages in a plain WARC (for the WACZ: a
gzipped WARC stored inside). ``--skip-slow-floor`` leaves out the 50 MB normal archive (1,000 pages).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from tests.test_hostile_archives import (  # noqa: E402  (the same generators as the tests)
    big_record, deep_page, page_record, write_bomb_wacz, write_gzip_bomb_warc, write_record, write_warc,
)

TARGET_SECONDS = 10
CASES = ["deep", "big-record", "wacz-bomb", "warc-gz-bomb"]
TARGET_RSS_MB = 1024


VOCABULARY = (
    "minister council report said statement government people city police week year election court "
    "water plan health school budget vote today officials according spokesman told reporters added "
    "confirmed denied announced agency border trade union strike market price energy climate"
).split()


def normal_page(n: int, size: int = 50_000) -> bytes:
    """An ordinary article of about ``size`` bytes: a title, a heading and paragraphs of varied words
    (so gzip packs it about as well as a real page, three to four times)."""
    rng = random.Random(n)
    body, length = [], 0
    while length < size:
        words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(20, 60)))
        part = f"<p>{words.capitalize()}, the {rng.randint(2, 999)}th said.</p>\n".encode()
        body.append(part)
        length += len(part)
    return (b"<html><head><title>Page %d</title></head><body><article><h1>Page %d</h1>" % (n, n)
            + b"".join(body) + b"</article></body></html>")


def normal_warc(path: Path, size: int, gz: bool = False) -> Path:
    """A WARC of ordinary pages, written until it is ``size`` bytes on disk."""
    with open(path, "wb") as raw:
        n = 0
        while raw.tell() < size:
            page = normal_page(n)
            if gz:
                with gzip.GzipFile(fileobj=raw, mode="wb") as out:
                    write_record(out, f"https://news.example.org/{n}", len(page), [page], n + 1)
            else:
                write_record(raw, f"https://news.example.org/{n}", len(page), [page], n + 1)
            n += 1
    return path


def normal_wacz(path: Path, size: int, folder: Path) -> Path:
    inner = normal_warc(folder / "inner.warc.gz", size, gz=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.write(inner, "archive/data.warc.gz")
        archive.writestr("datapackage.json", "{}")
    inner.unlink()
    return path


def make_case(name: str, folder: Path) -> tuple[Path, Path | None]:
    """(hostile file, normal file of the same size or None) for one case."""
    folder.mkdir(parents=True, exist_ok=True)
    if name == "deep":
        hostile = write_warc(folder / "deep.warc", [page_record("https://news.example.org/deep", deep_page())], gz=False)
        return hostile, normal_warc(folder / "normal.warc", hostile.stat().st_size)
    if name == "big-record":
        hostile = write_warc(folder / "big.warc", [big_record("https://news.example.org/big", 50_000_000)], gz=False)
        return hostile, normal_warc(folder / "normal.warc", hostile.stat().st_size)
    if name == "wacz-bomb":
        hostile = write_bomb_wacz(folder / "bomb.wacz")
        return hostile, normal_wacz(folder / "normal.wacz", hostile.stat().st_size, folder)
    if name == "warc-gz-bomb":
        hostile = write_gzip_bomb_warc(folder / "bomb.warc.gz")
        return hostile, normal_warc(folder / "normal.warc.gz", hostile.stat().st_size, gz=True)
    raise ValueError(name)


# --- the child: one measure -----------------------------------------------------------------


def child(mode: str, path: Path, workers: int) -> dict:
    from ingest.errors import SourceFileError
    from ingest.warc import read_wacz_file, read_warc_file

    started = time.monotonic()
    if mode == "stream":
        outcome = {"unpacked_mb": round(stream_everything(path) / 1e6, 1)}
    elif mode == "read":
        reader = read_wacz_file if path.suffix == ".wacz" else read_warc_file
        try:
            documents = reader(path, path.name)
            outcome = {"documents": len(documents), "problems": [str(p) for p in documents.problems]}
        except SourceFileError as error:
            outcome = {"documents": 0, "refused": str(error)}
    else:
        from ingest.build import build

        sources = path.parent / "sources"
        (sources / "articles").mkdir(parents=True)
        os.link(path, sources / "articles" / path.name)
        db = path.parent / "archive.db"
        report = build(sources, db, log=lambda line: None, workers=workers, full=True)
        outcome = {"documents": report.documents, "problems": [f"{p}: {problem}" for p, _, problem in report.problems]}
        shutil.rmtree(sources)
        db.unlink()
    seconds = time.monotonic() - started
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(peak / 1024), **outcome}


def stream_everything(path: Path) -> int:
    """The least a reader must do to get past a file: every record's bytes, read in chunks, not parsed."""
    from warcio.archiveiterator import ArchiveIterator

    def records(stream) -> int:
        total = 0
        for record in ArchiveIterator(stream):
            content = record.content_stream()
            while chunk := content.read(1 << 16):
                total += len(chunk)
        return total

    if path.suffix == ".wacz":
        with zipfile.ZipFile(path) as archive:
            return sum(records(archive.open(name)) for name in archive.namelist() if name.startswith("archive/"))
    with open(path, "rb") as stream:
        return records(gzip.GzipFile(fileobj=stream) if path.name.endswith(".gz") else stream)


def measure(mode: str, path: Path, workers: int, timeout: float | None = None) -> dict:
    """One child process: its own figures, plus ``process_s``, its wall time with Python's start and imports."""
    started = time.monotonic()
    try:
        result = subprocess.run([PYTHON, __file__, "--child", mode, str(path), "--workers", str(workers)],
                                capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"failed": f"still running after {timeout:.0f} s (stopped)"}
    if result.returncode:
        return {"failed": result.stderr.strip().splitlines()[-1:] or [f"exit {result.returncode}"]}
    return {**json.loads(result.stdout.strip().splitlines()[-1]), "process_s": round(time.monotonic() - started, 2)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--skip-slow-floor", action="store_true")
    parser.add_argument("--out", type=Path, default=None, help="folder for the generated inputs (default: a temporary one)")
    parser.add_argument("--case", action="append", choices=CASES)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.workers)))
        return
    base = Path(tempfile.mkdtemp(prefix="hostile-", dir=args.out))
    try:
        for name in args.case or CASES:
            started = time.monotonic()
            hostile, normal = make_case(name, base / name)
            made = time.monotonic() - started
            for mode in ("read", "build"):
                result = measure(mode, hostile, args.workers)
                met = ("seconds" in result and result["process_s"] <= TARGET_SECONDS and result["peak_rss_mb"] <= TARGET_RSS_MB)
                row = {"case": name, "mode": mode, "file_mb": round(hostile.stat().st_size / 1e6, 1), **result,
                       "target_met": met, "inputs_made_s": round(made, 1)}
                if mode == "read":
                    floor = measure("stream", hostile, args.workers, timeout=120)
                    row["floor_stream_same_file"] = {k: floor[k] for k in ("seconds", "process_s", "peak_rss_mb", "unpacked_mb", "failed") if k in floor}
                if not (name == "big-record" and args.skip_slow_floor):
                    floor = measure(mode, normal, args.workers)
                    row["floor_normal_archive"] = {"file_mb": round(normal.stat().st_size / 1e6, 1),
                                                   **{k: floor[k] for k in ("seconds", "process_s", "peak_rss_mb", "documents", "failed") if k in floor}}
                print(json.dumps(row), flush=True)
            shutil.rmtree(base / name)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(json.dumps({"cpus": len(os.sched_getaffinity(0)), "load_avg_1m": round(os.getloadavg()[0], 1)}))


if __name__ == "__main__":
    main()
