"""Store: the database's shape (as data) and the one writer that fills it.

Rows are written with plain ``executemany`` in one transaction; the FTS index and the indexes
are built once at the end, which is several times faster than keeping them up to date row by row.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

# table -> (columns in order, primary key, foreign keys as (column, other table))
TABLES: dict[str, tuple[dict[str, type], str | None, list[tuple[str, str]]]] = {
    "affiliations": ({"id": str, "name": str, "description": str}, "id", []),
    "publishers": (
        {"id": str, "name": str, "domain": str, "affiliation_id": str, "basis": str},
        "id",
        [("affiliation_id", "affiliations")],
    ),
    "speakers": (
        {
            "id": str, "name": str, "handle": str, "affiliation_id": str, "description": str,
            "type": str, "aliases": str, "basis": str,
        },
        "id",
        [("affiliation_id", "affiliations")],
    ),
    "documents": (
        {
            "id": str, "title": str, "url": str, "publisher_id": str, "published": str,
            "published_basis": str, "retrieved": str, "source_path": str, "sha256": str,
            "format": str, "encoding": str, "text": str,
        },
        "id",
        [("publisher_id", "publishers")],
    ),
    "passages": (
        {
            "id": str, "document_id": str, "seq": int, "kind": str, "text": str,
            "start": int, "end": int, "publisher_id": str, "affiliation_id": str,
            "published": str, "year": int, "speaker_id": str, "speaker_affiliation_id": str,
            "attribution": str, "attribution_cue": str, "said_on": str,
        },
        "id",
        [
            ("document_id", "documents"), ("publisher_id", "publishers"),
            ("affiliation_id", "affiliations"), ("speaker_id", "speakers"),
            ("speaker_affiliation_id", "affiliations"),
        ],
    ),
    "removed": (
        {"id": int, "document_id": str, "start": int, "end": int, "text": str, "reason": str},
        "id",
        [("document_id", "documents")],
    ),
    "problems": ({"id": int, "source_path": str, "severity": str, "problem": str}, "id", []),
    "captures": (
        {"id": int, "document_id": str, "source_path": str, "url": str, "retrieved": str, "sha256": str},
        "id",
        [("document_id", "documents")],
    ),
}
INDEXES: list[tuple[str, list[str]]] = [
    ("passages", ["document_id", "seq"]),
    ("passages", ["publisher_id"]),
    ("passages", ["affiliation_id"]),
    ("passages", ["kind"]),
    ("passages", ["year"]),
    ("passages", ["published"]),
    ("passages", ["speaker_id"]),
    ("passages", ["speaker_affiliation_id"]),
    ("passages", ["attribution"]),
    ("documents", ["publisher_id"]),
    ("documents", ["published"]),
    ("documents", ["source_path"]),  # incremental builds find a file's documents
    ("publishers", ["affiliation_id"]),
    ("speakers", ["affiliation_id"]),
    ("removed", ["document_id"]),
    ("removed", ["reason"]),
    ("problems", ["severity"]),
    ("captures", ["document_id"]),
]
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"


def connect(path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")  # a fresh file renamed into place when complete
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MB
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    db = sqlite_utils.Database(conn)
    for table, (columns, pk, foreign_keys) in TABLES.items():
        db[table].create(columns, pk=pk, foreign_keys=foreign_keys)


def insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = [c for c in TABLES[table][0] if c in rows[0]]
    sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
        table, ", ".join(f'"{c}"' for c in columns), ", ".join("?" for _ in columns)
    )
    conn.executemany(sql, ([row.get(c) for c in columns] for row in rows))


# A narrow copy of the passages' facet and filter columns, keyed by the same rowid as passages
# and passages_fts: counting facets over a search reads ~60-byte rows instead of ~700-byte ones
# (plugins/fast_facets.py answers Datasette's facet and count queries from it).
FACET_TABLE = "passage_facets"
FACET_COLUMNS = [
    "document_id", "kind", "publisher_id", "affiliation_id", "published", "year",
    "speaker_id", "speaker_affiliation_id", "attribution",
]
# Precomputed counts of every facet value over the whole passages table (no filter, no search).
FACET_COUNTS_TABLE = "facet_counts"
# What an incremental build needs to know about the last build (hidden tables).
BUILD_TABLES = {
    "build_info": "key TEXT PRIMARY KEY, value TEXT",
    "build_sources": "source_path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT, entry TEXT",
    "build_publishers": "publisher_id TEXT PRIMARY KEY, documents INTEGER",
    "build_lines": "publisher_id TEXT, key TEXT, documents INTEGER, PRIMARY KEY (publisher_id, key)",
}


def finish(conn: sqlite3.Connection) -> None:
    """Build the full-text index, the facet tables and the indexes.

    The FTS index is built with automerge off and merged once by ``optimize`` (faster than
    merging while building); automerge is then set back for later incremental inserts.
    """
    conn.execute("PRAGMA cache_size = -262144")  # 256 MB while the index is built (peak RSS <= 1 GB)
    conn.execute(
        "CREATE VIRTUAL TABLE passages_fts USING fts5("
        f"text, content=\"passages\", content_rowid=\"rowid\", tokenize='{FTS_TOKENIZER}')"
    )
    conn.execute("INSERT INTO passages_fts(passages_fts, rank) VALUES ('automerge', 0)")
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
    conn.execute("INSERT INTO passages_fts(passages_fts, rank) VALUES ('automerge', 4)")
    conn.execute("BEGIN")
    create_facet_tables(conn)
    for table, columns in INDEXES:
        name = f"idx_{table}_{'_'.join(columns)}"
        quoted = ", ".join(f'"{column}"' for column in columns)
        conn.execute(f'CREATE INDEX "{name}" ON "{table}" ({quoted})')
    conn.execute("COMMIT")
    conn.execute("ANALYZE")


def create_facet_tables(conn: sqlite3.Connection) -> None:
    columns = ", ".join(f'"{c}"' for c in FACET_COLUMNS)
    conn.execute(f"CREATE TABLE {FACET_TABLE} (rowid INTEGER PRIMARY KEY, {columns})")
    conn.execute(f"INSERT INTO {FACET_TABLE} (rowid, {columns}) SELECT rowid, {columns} FROM passages ORDER BY rowid")
    conn.execute(f'CREATE TABLE {FACET_COUNTS_TABLE} ("column" TEXT, value, count INTEGER)')
    refresh_facet_counts(conn)
    conn.execute(f'CREATE INDEX idx_{FACET_COUNTS_TABLE}_column ON {FACET_COUNTS_TABLE} ("column", count)')


def adjust_facet_counts(conn: sqlite3.Connection, where: str, params, sign: int) -> None:
    """Add (sign=1) or take out (sign=-1) the facet counts of the passage_facets rows matching ``where``."""
    for column in FACET_COLUMNS:
        if column == "document_id":
            continue
        for value, count in conn.execute(
                f'SELECT "{column}", count(*) FROM {FACET_TABLE} WHERE {where} AND "{column}" IS NOT NULL GROUP BY 1', params).fetchall():
            updated = conn.execute(f'UPDATE {FACET_COUNTS_TABLE} SET count = count + ? WHERE "column" = ? AND value = ?',
                                   (sign * count, column, value)).rowcount
            if not updated:
                conn.execute(f'INSERT INTO {FACET_COUNTS_TABLE} ("column", value, count) VALUES (?, ?, ?)', (column, value, sign * count))
    conn.execute(f"DELETE FROM {FACET_COUNTS_TABLE} WHERE count <= 0")


def refresh_facet_counts(conn: sqlite3.Connection) -> None:
    conn.execute(f"DELETE FROM {FACET_COUNTS_TABLE}")
    for column in FACET_COLUMNS:
        if column == "document_id":
            continue
        conn.execute(
            f'INSERT INTO {FACET_COUNTS_TABLE} ("column", value, count) '
            f'SELECT ?, "{column}", count(*) FROM {FACET_TABLE} WHERE "{column}" IS NOT NULL GROUP BY "{column}"',
            (column,),
        )


def cached_manifest(path, manifest_sha256: str) -> dict | None:
    """The manifest as the last build parsed it, if manifest.yml has the same sha256."""
    import json

    if not Path(path).exists():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = dict(conn.execute("SELECT key, value FROM build_info WHERE key IN ('manifest_sha256', 'manifest')"))
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if rows.get("manifest_sha256") != manifest_sha256 or "manifest" not in rows:
        return None
    return json.loads(rows["manifest"])


def save_build_state(path, files, line_counts, publisher_documents, registries, manifest_sha256: str,
                     speakers_sha256: str = "") -> None:
    """Record what was built from what, for the next incremental build."""
    import json

    from .incremental import code_fingerprint, entry_fingerprint, registries_fingerprint

    conn = connect(path)
    try:
        conn.execute("ATTACH DATABASE ? AS scratch", (str(line_counts),))  # count_repeated_lines' scratch file
        conn.execute("BEGIN")
        for table, columns in BUILD_TABLES.items():
            conn.execute(f"CREATE TABLE {table} ({columns})")
        conn.executemany("INSERT INTO build_info VALUES (?, ?)", [
            ("code", code_fingerprint()), ("registries", registries_fingerprint(registries)),
            ("speakers", speakers_sha256), ("manifest_sha256", manifest_sha256), ("manifest", json.dumps(registries.manifest, default=str)),
        ])
        hashes = dict(conn.execute("SELECT source_path, sha256 FROM documents GROUP BY source_path"))
        rows = []
        for file_path, source_path, entry in files:
            try:
                stat = file_path.stat()
            except OSError:
                continue
            rows.append((source_path, stat.st_size, stat.st_mtime_ns, hashes.get(source_path), entry_fingerprint(entry)))
        conn.executemany("INSERT INTO build_sources VALUES (?, ?, ?, ?, ?)", rows)
        conn.executemany("INSERT INTO build_publishers VALUES (?, ?)", publisher_documents.items())
        conn.execute("INSERT INTO build_lines SELECT publisher_id, key, documents FROM scratch.line_counts")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE scratch")
    finally:
        conn.close()
