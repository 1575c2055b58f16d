"""Faults during a build: killed at random moments, disk full, two builds at once.

Afterwards db/archive.db is the complete old or the complete new database, never a mix."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from ingest.build import build, build_lock
from .robust_corpus import PYTHON, ROOT, article, counts, run_cli, snapshot, write_corpus

OLD_ARTICLES = 300
NEW_ARTICLES = 1500


def corpus(root: Path, count: int) -> Path:
    return write_corpus(root, {f"a{i:05d}.txt": article(i) * 3 for i in range(count)})


def integrity(db: Path) -> str:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def start_build(sources: Path, db: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-m", "ingest", "build", "--sources", str(sources), "--db", str(db), *options],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def temporaries(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory):
    """The row counts of the old database (a small corpus) and the new one (the corpus grown)."""
    root = tmp_path_factory.mktemp("kill")
    sources = corpus(root, OLD_ARTICLES)
    db = root / "db" / "archive.db"
    build(sources, db, log=lambda line: None)
    old = counts(db)
    old_db = db.read_bytes()
    sources = corpus(root, NEW_ARTICLES)
    started = time.monotonic()
    build(sources, db, log=lambda line: None)
    seconds = time.monotonic() - started
    new = counts(db)
    assert old["documents"] == OLD_ARTICLES and new["documents"] == NEW_ARTICLES
    return sources, db, old_db, old, new, seconds


def test_kill_9_at_random_moments_leaves_old_or_new(old_and_new):
    sources, db, old_db, old, new, seconds = old_and_new
    moments = sorted(random.Random(1988).uniform(0.05, 1.3) * (seconds + 0.5) for _ in range(6))
    outcomes = []
    for moment in [0.02, *moments]:
        db.write_bytes(old_db)  # start each round from the complete old database
        process = start_build(sources, db)
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        assert integrity(db) == "ok"
        found = counts(db)
        assert found in (old, new), (moment, found)
        outcomes.append("new" if found == new else "old")
    assert "old" in outcomes  # the kills did land mid-build
    result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert counts(db) == new and integrity(db) == "ok"
    assert temporaries(db) == []


def test_next_build_removes_temporaries_left_by_a_killed_build(old_and_new):
    sources, db, *_ = old_and_new
    leftover = db.with_name(f".{db.name}.999999.tmp")
    leftover.write_bytes(b"half a database")
    result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert temporaries(db) == []


def test_second_build_refuses_while_the_first_holds_the_lock(old_and_new):
    sources, db, _, _, new, _ = old_and_new
    before = snapshot(db)
    with build_lock(db):
        result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"Error: {db}: another build is running (lock held on {db}.lock); try again when it ends"
    )
    assert snapshot(db) == before


def test_two_builds_at_once_neither_corrupts(old_and_new, tmp_path):
    sources, db, _, _, new, _ = old_and_new
    other = corpus(tmp_path, 3)  # small, so the second build reaches the lock while the first holds it
    first = start_build(sources, db, "--full")  # a full build writes a temporary file, then renames it
    deadline = time.monotonic() + 120
    while not temporaries(db) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)  # the temporary file appears once the first build holds the lock
    assert first.poll() is None, "the first build ended before the second could start"
    second = run_cli("build", "--sources", str(other), "--db", str(db))
    still_running = first.poll() is None
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert "Traceback" not in second.stderr
    if still_running:
        assert second.returncode == 1 and "another build is running" in second.stderr
    assert counts(db) == new and integrity(db) == "ok"


def mount_tmpfs(path: Path, size: str) -> None:
    path.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")


def test_disk_full_is_a_clear_error_and_keeps_the_old_database(tmp_path):
    small = corpus(tmp_path / "small", 5)
    large = corpus(tmp_path / "large", NEW_ARTICLES)
    disk = tmp_path / "disk"
    mount_tmpfs(disk, "1m")
    try:
        db = disk / "archive.db"
        result = run_cli("build", "--sources", str(small), "--db", str(db))
        assert result.returncode == 0, result.stderr
        before = snapshot(db)
        result = run_cli("build", "--sources", str(large), "--db", str(db))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.strip() == (
            f"Error: {db}: could not write the database (database or disk is full); the previous database is unchanged"
        )
        assert snapshot(db) == before and integrity(db) == "ok"
        assert temporaries(db) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)
