"""Store: the database's shape (as data) and the one writer that fills it.

Rows are written with plain ``executemany`` in one transaction; the FTS index and the indexes
are built once at the end, which is several times faster than keeping them up to date row by row.
"""

from __future__ import annotations

import sqlite3

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
        {"id": str, "name": str, "handle": str, "affiliation_id": str, "description": str},
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
    ("publishers", ["affiliation_id"]),
    ("speakers", ["affiliation_id"]),
    ("removed", ["document_id"]),
    ("removed", ["reason"]),
    ("problems", ["severity"]),
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


def finish(conn: sqlite3.Connection) -> None:
    """Build the full-text index and the indexes, then compact the file."""
    conn.execute(
        "CREATE VIRTUAL TABLE passages_fts USING fts5("
        f"text, content=\"passages\", content_rowid=\"rowid\", tokenize='{FTS_TOKENIZER}')"
    )
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
    for table, columns in INDEXES:
        name = f"idx_{table}_{'_'.join(columns)}"
        quoted = ", ".join(f'"{column}"' for column in columns)
        conn.execute(f'CREATE INDEX "{name}" ON "{table}" ({quoted})')
    conn.execute("ANALYZE")
