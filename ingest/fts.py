"""The full-text indexes of a full build, each filled in a child process beside the writer.

``store.finish`` fills every FTS5 table after a bulk load. Filling one is CPU-bound Python
(``normalise_fa`` on every text) and SQLite, and the two tables do not depend on each other
nor on the facet tables and indexes the writer builds meanwhile. ``start`` puts the committed
database in WAL mode (readers and the writer do not block each other) and starts one child per
FTS table (``python -m ingest.fts DATABASE SCRATCH NAME``): it reads the content table from the
database, fills the FTS table in a scratch file of its own exactly as ``fill`` does in the serial
build, and exits. ``copy`` waits for the children, creates each FTS table in the database and
copies its shadow tables (``<name>_data``, ``_idx``, ``_docsize``, ``_config``) row for row from
the scratch file, then puts the database back in rollback-journal mode and deletes the scratch
files. The result is the serial build's, shadow row for shadow row (``tests/test_fts.py``).

A child that fails (or dies) fails the build with an ``sqlite3.OperationalError`` naming the FTS
table and the child's last line of error output: never a missing index.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import persian, schema, store
from .schema import FTS_TABLES

CHILD = [sys.executable, "-m", "ingest.fts"]  # + DATABASE SCRATCH NAME
CHILD_CACHE_KIB = 65536  # 64 MB of page cache per child (the writer keeps 256 MB: peak RSS <= 1 GB in all)
# FTS5 buffers the terms of the rows inserted in memory up to its 'hashsize' (1 MiB unless set)
# before it writes them out as a segment; the bulk fill lets it buffer this much instead: a few
# large segments instead of hundreds, so that less is merged while inserting and by 'optimize'
# (the passages of 30k articles: 3.0 s of CPU with the default, 2.3 s with 64 MiB). Set back to
# the default afterwards, for the incremental inserts (the same search results; only the
# segments' layout in ``<name>_data`` differs).
FILL_HASH_BYTES = 64 << 20
DEFAULT_HASH_BYTES = 1 << 20


def fill(conn: sqlite3.Connection, name: str, content: str | None = None) -> None:
    """Create and fill the FTS table ``name`` from its content table (``content``: where that
    table is, when not beside it). Automerge off and a large in-memory buffer while inserting,
    one ``optimize``, then automerge 4 and the default buffer for later incremental inserts: the
    serial build and the children run this."""
    content = content or FTS_TABLES[name]
    conn.execute(schema.create_fts_sql(name))
    conn.execute(f"INSERT INTO {name}({name}, rank) VALUES ('automerge', 0)")
    conn.execute(f"INSERT INTO {name}({name}, rank) VALUES ('hashsize', {FILL_HASH_BYTES})")
    store.fts_insert(conn, name, content)
    conn.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")
    conn.execute(f"INSERT INTO {name}({name}, rank) VALUES ('automerge', 4)")
    conn.execute(f"INSERT INTO {name}({name}, rank) VALUES ('hashsize', {DEFAULT_HASH_BYTES})")
    conn.execute(f"DELETE FROM \"{name}_config\" WHERE k = 'hashsize'")  # the default, stored as before: no row


@dataclass
class Child:
    name: str
    scratch: Path
    process: subprocess.Popen
    done: bool = False  # exited, successfully (``wait``)


def database_path(conn: sqlite3.Connection) -> Path:
    [path] = [row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"]
    if not path:
        raise ValueError("the FTS tables can be built in child processes only for a database in a file")
    return Path(path)


def scratch_path(db_path: Path, name: str) -> Path:
    return db_path.with_name(f"{db_path.name}.{name}.tmp")


def start(conn: sqlite3.Connection, names=tuple(FTS_TABLES)) -> list[Child]:
    """Start one child per FTS table in ``names``, reading the database ``conn`` has committed.
    ``conn`` must hold no open transaction; it stays in WAL mode until ``copy``."""
    db_path = database_path(conn)
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode != "wal":
        raise sqlite3.OperationalError(f"{db_path}: could not switch to WAL mode for the full-text indexes ({mode})")
    children = []
    try:
        for name in names:
            scratch = scratch_path(db_path, name)
            scratch.unlink(missing_ok=True)
            process = subprocess.Popen([*CHILD, str(db_path), str(scratch), name],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            children.append(Child(name, scratch, process))
    except OSError:
        stop(children)
        raise
    return children


def stop(children: list[Child]) -> None:
    """Kill the children still running and delete their scratch files (a build that failed)."""
    for child in children:
        if child.process.poll() is None:
            child.process.kill()
        child.process.wait()
        if child.process.stderr is not None:
            child.process.stderr.close()
        child.scratch.unlink(missing_ok=True)


def copy(conn: sqlite3.Connection, children: list[Child], progress=None) -> None:
    """Wait for each child, copy its FTS table into the database, then put the database back in
    rollback-journal mode (``journal_mode`` OFF, as ``store.connect`` opens a build) and delete
    the scratch files. Raises ``sqlite3.OperationalError`` for a child that failed."""
    progress = progress or (lambda phase: None)
    try:
        wait(children)
        for child in children:
            progress(f"full-text index {child.name} (copied)")
            copy_shadow_tables(conn, child.name, child.scratch)
    finally:
        stop(children)
    leave_wal(conn)


def wait(children: list[Child]) -> None:
    """Wait for each child to end (they no longer read the database). Raises
    ``sqlite3.OperationalError`` for a child that failed."""
    for child in children:
        if child.done:
            continue
        error = child.process.stderr.read().decode("utf-8", "replace")
        if child.process.wait() != 0:
            last = next((line for line in reversed(error.splitlines()) if line.strip()), "no error output")
            raise sqlite3.OperationalError(
                f"the full-text index {child.name} failed in its child process (exit {child.process.returncode}): {last}")
        child.done = True


def leave_wal(conn: sqlite3.Connection) -> None:
    """Put the database back in rollback-journal mode, ``journal_mode`` OFF as ``store.connect``
    opens a build (once no child reads it)."""
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA journal_mode = OFF")


def shadow_tables(conn: sqlite3.Connection, name: str, database: str = "main") -> list[str]:
    return [row[0] for row in conn.execute(
        f"SELECT name FROM {database}.sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\' ORDER BY name",
        (name.replace("_", "\\_") + "\\_%",))]


def copy_shadow_tables(conn: sqlite3.Connection, name: str, scratch: Path) -> None:
    """Create the FTS table ``name`` and make its shadow tables those of the same table in
    ``scratch`` (``INSERT … SELECT *`` into empty tables of the same shape: SQLite's transfer
    optimisation copies the records as they are)."""
    def tables() -> list[str]:
        conn.execute(schema.create_fts_sql(name))
        tables = shadow_tables(conn, name)
        if not tables or shadow_tables(conn, name, "scratch") != tables:
            raise sqlite3.OperationalError(f"the full-text index {name}: the child's scratch file {scratch.name} "
                                           f"lacks its shadow tables")
        return tables

    store.copy_tables(conn, scratch, tables)


def build_child(db_path: str, scratch: str, name: str) -> None:
    """The child: fill the FTS table ``name`` in a fresh ``scratch`` file from the content table
    of the database at ``db_path`` (read only)."""
    if name not in FTS_TABLES:
        raise ValueError(f"no FTS table {name!r}")
    Path(scratch).unlink(missing_ok=True)
    conn = sqlite3.connect(scratch, isolation_level=None, uri=True)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(f"PRAGMA cache_size = -{CHILD_CACHE_KIB}")
        persian.register(conn)
        conn.execute("ATTACH DATABASE ? AS archive", (Path(db_path).resolve().as_uri() + "?mode=ro",))
        fill(conn, name, f'archive."{FTS_TABLES[name]}"')
    finally:
        conn.close()


if __name__ == "__main__":
    build_child(*sys.argv[1:4])
