"""Faults during a build: killed at random moments, disk full, two builds at once.

Afterwards db/archive.db is the complete old or the complete new database, never a mix: as
SQLite reads it (a rollback journal left by an update killed in place is rolled back by the
next connection that may write, and by ``recover`` before any build and ``archive serve``),
and, while an ``archive serve`` holds the serving lock, as a server reading it immutable sees
it (updates then write a copy and rename it)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from ingest.build import build, build_lock, hold_serving_lock, is_stale, recover
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


@contextlib.contextmanager
def serving(db: Path, served: bool = True):
    """As while `archive serve` serves ``db``: its shared serving lock held (nothing if not
    ``served``)."""
    if not served:
        yield
        return
    descriptor = hold_serving_lock(db)
    try:
        yield
    finally:
        os.close(descriptor)


def settle(db: Path) -> None:
    """What the next SQLite connection that may write does first: roll back a hot journal."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    finally:
        conn.close()


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


@pytest.mark.parametrize("served", [True, False])
def test_kill_9_at_random_moments_leaves_old_or_new(old_and_new, served):
    sources, db, old_db, old, new, seconds = old_and_new
    moments = sorted(random.Random(1988).uniform(0.05, 1.3) * (seconds + 0.5) for _ in range(6))
    outcomes = []
    for moment in [0.02, *moments]:
        db.write_bytes(old_db)  # start each round from the complete old database
        with serving(db, served):
            process = start_build(sources, db)
            time.sleep(moment)
            process.send_signal(signal.SIGKILL)
            process.communicate()
        if served:
            assert not Path(str(db) + "-journal").exists()  # never written in place
        else:
            settle(db)
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


# ---------------------------------------------------------------- incremental updates (issue 13, item 5)

UPDATE_ADDED = 200  # articles an update adds to the OLD_ARTICLES


def immutable_check(db: Path) -> tuple[str, dict]:
    """What `archive serve` sees: the file opened immutable (no journal looked at), its
    integrity and its row counts."""
    conn = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    try:
        found = {table: conn.execute(f"select count(*) from {table}").fetchone()[0]
                 for table in ("documents", "passages", "problems")}
        return conn.execute("PRAGMA integrity_check").fetchone()[0], found
    finally:
        conn.close()


def serve_accepts(db: Path, tmp_path: Path) -> None:
    """`archive serve`'s own steps before it serves: not stale (no journal left to recover),
    and Datasette's inspect of the file succeeds."""
    assert not Path(str(db) + "-journal").exists()
    inspect = subprocess.run(
        [PYTHON, "-m", "datasette", "inspect", str(db), "--inspect-file", str(tmp_path / "inspect.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert inspect.returncode == 0, inspect.stderr


@pytest.fixture(scope="module")
def before_and_after_update(tmp_path_factory):
    """An archive of OLD_ARTICLES, then updated incrementally with UPDATE_ADDED more."""
    root = tmp_path_factory.mktemp("update")
    corpus(root, OLD_ARTICLES)
    sources = root / "sources"
    db = root / "db" / "archive.db"
    build(sources, db, log=lambda line: None)
    old, old_db = counts(db), db.read_bytes()
    corpus(root, OLD_ARTICLES + UPDATE_ADDED)  # same bytes for the old ones, and new ones
    lines: list[str] = []
    started = time.monotonic()
    build(sources, db, log=lines.append)
    seconds = time.monotonic() - started
    assert any(line.startswith(f"incremental: {UPDATE_ADDED} changed") for line in lines), lines
    new = counts(db)
    assert new["documents"] == OLD_ARTICLES + UPDATE_ADDED
    return sources, db, old_db, old, new, seconds


@pytest.mark.parametrize("served", [True, False])
def test_kill_9_during_an_update_leaves_the_old_database_whole(before_and_after_update, tmp_path, served):
    """With a server running, the update writes a copy: the file it serves is never written.
    Without, the update writes in place: a kill leaves a hot journal, and `archive serve` would
    build (recover) before serving, which leaves the old archive or the new one."""
    sources, db, old_db, old, new, seconds = before_and_after_update
    outcomes = []
    for moment in sorted(random.Random(13).uniform(0.1, 1.2) * seconds for _ in range(5)):
        db.write_bytes(old_db)
        with serving(db, served):
            process = start_build(sources, db)
            time.sleep(moment)
            process.send_signal(signal.SIGKILL)
            process.communicate()
        journal = Path(str(db) + "-journal")
        if served:
            assert not journal.exists()  # nothing was written in place
        elif journal.exists():
            assert is_stale(sources, db)  # so `archive serve` builds, and recovers, first
            recover(db)
        check, found = immutable_check(db)
        assert check == "ok" and found in (old, new), (moment, found)
        outcomes.append("new" if found == new else "old")
    assert "old" in outcomes
    serve_accepts(db, tmp_path)
    result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "incremental:" in result.stderr
    assert counts(db) == new and temporaries(db) == []


@pytest.mark.parametrize("served", [True, False])
def test_kill_9_mid_commit_of_an_update_leaves_the_old_database_and_serve_accepts_it(before_and_after_update, tmp_path, served):
    """Killed while the update's transaction is open (its rollback journal exists). With a
    server running: the copy is half written, the archive itself untouched. Without: the archive
    is half written beside its hot journal, which `archive serve` rolls back before serving."""
    sources, db, old_db, old, new, _ = before_and_after_update
    db.write_bytes(old_db)
    suffix = ".tmp-journal" if served else f"{db.name}-journal"
    with serving(db, served):
        process = start_build(sources, db)
        deadline = time.monotonic() + 120
        journal = None
        while journal is None and process.poll() is None and time.monotonic() < deadline:
            journal = next((p for p in db.parent.iterdir() if p.name.endswith(suffix)), None)
        assert journal is not None, "the update never opened its transaction"
        process.send_signal(signal.SIGKILL)
        process.communicate()
    if served:
        assert db.read_bytes() == old_db
    else:
        assert Path(str(db) + "-journal").exists() and is_stale(sources, db)
        recover(db)  # what `archive serve` does first (through its build)
    check, found = immutable_check(db)
    assert check == "ok" and found == old
    serve_accepts(db, tmp_path)
    result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert counts(db) == new and temporaries(db) == []
    assert not [p for p in db.parent.iterdir() if p.name.endswith("-journal")]


HALF_WRITE = """
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 8")  # tiny: changed pages spill into the file before the commit
conn.execute("BEGIN")
conn.execute("UPDATE passages SET text = text || ' changed', kind = 'changed'")
os.kill(os.getpid(), signal.SIGKILL)
"""


def half_written_in_place(db: Path) -> None:
    """What a kill -9 during an in-place commit (older code) left: a hot journal beside the file."""
    subprocess.run([PYTHON, "-c", HALF_WRITE, str(db)], check=False, timeout=120)
    assert Path(str(db) + "-journal").exists()


@pytest.mark.parametrize("full", [False, True])
def test_a_hot_journal_left_in_place_is_recovered_before_the_file_is_served(before_and_after_update, tmp_path, full):
    from ingest.build import is_stale

    sources, db, old_db, old, new, _ = before_and_after_update
    result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 0, result.stderr
    half_written_in_place(db)
    assert is_stale(sources, db)  # so `archive serve` builds (and recovers) before it serves
    result = run_cli("build", "--sources", str(sources), "--db", str(db), *(["--full"] if full else []))
    assert result.returncode == 0, result.stderr
    assert not Path(str(db) + "-journal").exists()
    check, found = immutable_check(db)
    assert check == "ok" and found == new
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM passages WHERE kind = 'changed'").fetchone()[0] == 0
    conn.close()
    serve_accepts(db, tmp_path)
