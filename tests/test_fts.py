"""The full-text indexes built in child processes (ingest/fts.py) are the serial build's, row for
row; a child that fails fails the build."""

import shutil
import sqlite3
import sys

import pytest

from ingest import fts, store
from ingest.build import build
from ingest.errors import ArchiveError
from ingest.schema import FTS_TABLES

from .conftest import SOURCES

TERMS = ["iran", "said", "human rights", "massacre*", "NEAR(prison executions)", "قضاییه", "کرد"]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The seed archive with its rows only, as the build has it before ``store.finish``: no FTS
    tables, indexes, facet rows nor statistics."""
    folder = tmp_path_factory.mktemp("fts")
    built = folder / "built.db"
    build(SOURCES, built, log=lambda line: None, full=True)
    conn = sqlite3.connect(built, isolation_level=None)
    for name in FTS_TABLES:
        conn.execute(f"DROP TABLE {name}")
    for (index,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall():
        conn.execute(f'DROP INDEX "{index}"')
    conn.execute("DELETE FROM passage_facets")
    conn.execute("DELETE FROM facet_counts")
    conn.execute("DROP TABLE sqlite_stat1")
    # Persian as written with Arabic yeh and kaf: found only through normalise_fa
    for table in FTS_TABLES.values():
        conn.execute(f"INSERT INTO {table} (id, document_id, seq, text) SELECT 'fa-' || id, document_id, 999, "
                     f"'قوه قضاييه اعلام كرد' FROM {table} LIMIT 1")
    conn.execute("VACUUM")
    conn.close()
    return built


def finished(loaded, target, parallel):
    shutil.copy(loaded, target)
    conn = store.connect(target)
    try:
        store.finish(conn, parallel=parallel)
    finally:
        conn.close()
    return target


def contents(db_path) -> dict:
    """Every table's rows (the FTS shadow tables and sqlite_stat1 included), the schema, and
    what each FTS table matches."""
    conn = sqlite3.connect(db_path)
    store.persian.register(conn)
    data = {"schema": sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if table not in FTS_TABLES:
            data[table] = sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
    for name in FTS_TABLES:
        conn.execute(f"INSERT INTO {name}({name}) VALUES ('integrity-check')")
        for term in TERMS:
            data[name, term] = [row[0] for row in conn.execute(
                f"SELECT rowid FROM {name} WHERE {name} MATCH ? ORDER BY rank", (term,))]
    conn.close()
    return data


def test_parallel_fts_is_the_serial_build_row_for_row(loaded, tmp_path):
    serial = contents(finished(loaded, tmp_path / "serial.db", parallel=False))
    parallel = contents(finished(loaded, tmp_path / "parallel.db", parallel=True))
    assert sorted(serial, key=repr) == sorted(parallel, key=repr)
    for key in serial:
        assert serial[key] == parallel[key], key
    assert any(serial[name, "iran"] for name in FTS_TABLES)
    assert all(serial[name, "قضاییه"] for name in FTS_TABLES)  # Persian text normalised in the child too
    for name in FTS_TABLES:
        assert len(serial[f"{name}_data"]) > 2  # more than the empty table's two rows
        assert serial[f"{name}_config"] == [("automerge", 4), ("version", 4)]


def test_the_parallel_build_leaves_a_rollback_journal_database_and_no_scratch(loaded, tmp_path):
    target = finished(loaded, tmp_path / "parallel.db", parallel=True)
    assert target.read_bytes()[18:20] == b"\x01\x01"  # not WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parallel.db"]


def test_the_incremental_path_works_on_a_parallel_build(loaded, tmp_path):
    target = finished(loaded, tmp_path / "parallel.db", parallel=True)
    conn = store.connect_existing(target)
    [rowid] = conn.execute("SELECT rowid FROM passages ORDER BY rowid LIMIT 1").fetchone()
    store.fts_delete(conn, "passages_fts", "passages", "rowid = ?", (rowid,))
    conn.execute("UPDATE passages SET text = 'Zanzibarian testword' WHERE rowid = ?", (rowid,))
    store.fts_insert(conn, "passages_fts", "passages", "rowid = ?", (rowid,))
    assert [r[0] for r in conn.execute("SELECT rowid FROM passages_fts WHERE passages_fts MATCH 'testword'")] == [rowid]
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")  # the old text's terms gone
    conn.close()


@pytest.mark.parametrize("child, said", [
    ([sys.executable, "-c", "import sys; sys.exit('no such table: archive.passages')"], "no such table: archive.passages"),
    ([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"], "exit -9"),
    ([sys.executable, "-c", "pass"], "lacks its shadow tables"),  # exits 0 having built nothing
])
def test_a_failing_child_is_an_error_naming_the_index(loaded, tmp_path, monkeypatch, child, said):
    monkeypatch.setattr(fts, "CHILD", child)
    target = tmp_path / "parallel.db"
    shutil.copy(loaded, target)
    conn = store.connect(target)
    with pytest.raises(sqlite3.OperationalError, match="passages_fts") as error:
        store.finish(conn, parallel=True)
    conn.close()
    assert said in str(error.value)
    assert not list(tmp_path.glob("*fts*"))  # scratch files deleted


def test_a_failing_child_fails_the_build_in_one_line_and_keeps_the_old_database(sources, tmp_path, monkeypatch):
    db_path = tmp_path / "archive.db"
    build(sources, db_path, log=lambda line: None, full=True)
    before = db_path.read_bytes()
    monkeypatch.setattr(fts, "CHILD", [sys.executable, "-c", "import sys; sys.exit('disk I/O error')"])
    with pytest.raises(ArchiveError) as error:
        build(sources, db_path, log=lambda line: None, full=True)
    message = str(error.value)
    assert "\n" not in message and "full-text index passages_fts" in message and "disk I/O error" in message
    assert "unchanged" in message
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db", "archive.db.lock", "sources"]
