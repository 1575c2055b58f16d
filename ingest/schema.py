"""The database's shape, declared once: every table, index, FTS table and helper table.

No other module writes DDL. ``ensure_db_shape(conn)`` creates whatever is missing and is safe to
run on a new file, on an archive built by this code, and at the end of every build.

A full build loads rows first and builds the full-text indexes and the indexes at the end
(several times faster than keeping them up to date row by row): it calls
``ensure_db_shape(conn, indexes=False)`` before the load and ``ensure_db_shape(conn)`` after.
"""

from __future__ import annotations

import operator
import sqlite3

from . import persian

# What decides the rows. An archive built under other versions is rebuilt in full by
# `archive build` (the incremental update refuses it). Bump RULES_VERSION when a text stage
# (read, clean, split, attribute, figures, names, reuse) changes what it produces, and
# SCHEMA_VERSION when a table, column, index or FTS table below changes.
SCHEMA_VERSION = 5
RULES_VERSION = 11

# table -> (columns in order, primary key, foreign keys as (column, other table))
Table = tuple[dict[str, type], str | None, list[tuple[str, str]]]
TABLES: dict[str, Table] = {
    "affiliations": ({"id": str, "name": str, "description": str}, "id", []),
    "publishers": (
        {"id": str, "name": str, "domain": str, "affiliation_id": str, "basis": str},
        "id",
        [("affiliation_id", "affiliations")],
    ),
    "speakers": (
        {
            "id": str, "name": str, "handle": str, "affiliation_id": str, "description": str,
            "type": str, "aliases": str, "basis": str, "member_of": str,
        },
        "id",
        [("affiliation_id", "affiliations"), ("member_of", "speakers")],
    ),
    "documents": (
        {
            "id": str, "title": str, "url": str, "publisher_id": str, "published": str,
            "published_basis": str, "retrieved": str, "source_path": str, "sha256": str,
            "format": str, "encoding": str, "text": str, "language": str,
        },
        "id",
        [("publisher_id", "publishers")],
    ),
    "passages": (
        {
            "id": str, "document_id": str, "seq": int, "kind": str, "text": str,
            "start": int, "end": int, "publisher_id": str, "affiliation_id": str,
            "published": str, "year": int, "speaker_id": str, "speaker_affiliation_id": str,
            "attribution": str, "attribution_cue": str, "said_on": str, "reuse_cluster_id": str,
            "language": str,
        },
        "id",
        [
            ("document_id", "documents"), ("publisher_id", "publishers"),
            ("affiliation_id", "affiliations"), ("speaker_id", "speakers"),
            ("speaker_affiliation_id", "affiliations"),
            # a passage's page links to its cluster, whose page lists the others
            ("reuse_cluster_id", "reuse_clusters"),
        ],
    ),
    # Each stretch of a passage with one voice (the outlet's own words included): every
    # character of a passage lies in exactly one statement.
    "statements": (
        {
            "id": str, "passage_id": str, "document_id": str, "seq": int, "start": int, "end": int,
            "text": str, "speaker_id": str, "speaker_affiliation_id": str, "speaker_role": str,
            "speaker_organisation_id": str, "voice": str, "attribution": str, "cue": str,
            "said_on": str, "publisher_id": str, "affiliation_id": str, "published": str, "year": int,
            "language": str,
        },
        "id",
        [
            ("passage_id", "passages"), ("document_id", "documents"), ("speaker_id", "speakers"),
            ("speaker_affiliation_id", "affiliations"), ("speaker_organisation_id", "speakers"),
            ("publisher_id", "publishers"), ("affiliation_id", "affiliations"),
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
    # claims and copies (docs/figures.md, docs/names.md, docs/reuse.md)
    "actors": ({"id": str, "name": str, "description": str}, "id", []),
    "figures": (
        {
            "id": str, "passage_id": str, "text": str, "low": int, "high": int,
            "approximate": int, "counts": str, "speaker_id": str, "publisher_id": str,
            "affiliation_id": str, "speaker_affiliation_id": str, "published": str, "voice": str,
            "statement_id": str, "paraphrasing_id": str,
        },
        "id",
        [
            ("passage_id", "passages"), ("speaker_id", "speakers"), ("publisher_id", "publishers"),
            ("affiliation_id", "affiliations"), ("speaker_affiliation_id", "affiliations"),
            ("statement_id", "statements"), ("paraphrasing_id", "speakers"),
        ],
    ),
    "mentions": (
        {"id": int, "passage_id": str, "actor_id": str, "surface": str, "name": str},
        "id",
        [("passage_id", "passages"), ("actor_id", "actors")],
    ),
    "reuse_clusters": (
        {
            "id": str, "size": int, "documents": int, "publishers": int, "affiliations": int,
            "first_published": str, "first_passage_id": str,
        },
        "id",
        [("first_passage_id", "passages")],
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
    ("passages", ["reuse_cluster_id"]),
    ("passages", ["language"]),
    ("statements", ["passage_id", "seq"]),
    ("statements", ["document_id"]),
    ("statements", ["speaker_id"]),
    ("statements", ["speaker_organisation_id"]),
    ("statements", ["voice"]),
    ("documents", ["publisher_id"]),
    ("documents", ["published"]),
    ("documents", ["source_path"]),  # incremental builds find a file's documents
    ("documents", ["language"]),
    ("publishers", ["affiliation_id"]),
    ("speakers", ["affiliation_id"]),
    ("speakers", ["member_of"]),
    ("removed", ["document_id"]),
    ("removed", ["reason"]),
    ("problems", ["severity"]),
    ("captures", ["document_id"]),
    ("figures", ["passage_id"]),
    ("figures", ["counts"]),
    ("figures", ["affiliation_id"]),
    ("figures", ["speaker_affiliation_id"]),
    ("mentions", ["passage_id"]),
    ("mentions", ["actor_id", "name"]),
    ("reuse_clusters", ["first_published"]),
]

# The FTS tables index ``persian.normalise(text)`` (SQL ``normalise_fa``, registered on the
# writer's connection by ``store``): Persian variant spellings fold to one form, and the
# tokenizer keeps ZWNJ and harakat inside words so that the tokens of the text as written and of
# its normalised form line up (snippets and highlights mark the words as written). English text
# is unchanged by the normalisation. docs/persian.md, "Integration steps".
FTS_TOKENIZER = persian.fts_tokenizer("porter unicode61 remove_diacritics 2")
# FTS5 table -> its content table (external content: the text is stored once)
FTS_TABLES = {"passages_fts": "passages", "statements_fts": "statements"}

# A narrow copy of the passages' facet and filter columns, keyed by the same rowid as passages
# and passages_fts: counting facets over a search reads ~60-byte rows instead of ~700-byte ones
# (plugins/fast_facets.py answers Datasette's facet and count queries from it).
FACET_TABLE = "passage_facets"
FACET_COLUMNS = [
    "document_id", "kind", "publisher_id", "affiliation_id", "published", "year",
    "speaker_id", "speaker_affiliation_id", "attribution", "language",
]
# Precomputed counts of every facet value over the whole passages table (no filter, no search).
FACET_COUNTS_TABLE = "facet_counts"

# Hidden tables: what an incremental build needs to know about the last build.
BUILD_TABLES = {
    "build_info": "key TEXT PRIMARY KEY, value TEXT",
    "build_sources": "source_path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT, entry TEXT",
    "build_publishers": "publisher_id TEXT PRIMARY KEY, documents INTEGER",
    "build_lines": "publisher_id TEXT, key TEXT, documents INTEGER, PRIMARY KEY (publisher_id, key)",
    # The reuse index (ingest/reuse.py), so that an update finds the copies of new passages
    # without sketching the corpus again: each LSH band's keys, split by their first bits, with
    # the rowid of the passage each comes from; the verified pairs of passages (rowids); the
    # shingle frequency counts (per hashed bin, BIN_CHUNK bins a row, rows of zeros left out) and the number of segments;
    # each passage's shingles (to find the passages a change in the common shingles touches).
    "reuse_bands": "band INTEGER, prefix INTEGER, keys BLOB, passages BLOB, PRIMARY KEY (band, prefix)",
    "reuse_edges": "a INTEGER, b INTEGER, PRIMARY KEY (a, b)",
    "reuse_state": "key TEXT PRIMARY KEY, value",
    "reuse_bins": "chunk INTEGER PRIMARY KEY, counts BLOB",
    "reuse_shingles": "passage_rowid INTEGER PRIMARY KEY, shingles BLOB",
}
BIN_CHUNK = 16  # shingle bins a reuse_bins row holds: an update rewrites only the rows it touches
BUILD_INDEXES: list[tuple[str, list[str]]] = [("reuse_edges", ["b"])]
# Scratch tables of a build (in a separate scratch file): lines counted per publisher.
SCRATCH_TABLES = {
    "lines": "publisher_id TEXT, key TEXT",
}

SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "FLOAT", bytes: "BLOB"}


def create_table_sql(name: str) -> str:
    columns, pk, foreign_keys = TABLES[name]
    references = dict(foreign_keys)
    parts = []
    for column, kind in columns.items():
        part = f'"{column}" {SQL_TYPES[kind]}'
        if column == pk:
            part += " PRIMARY KEY"
        if column in references:
            part += f' REFERENCES "{references[column]}"("id")'
        parts.append(part)
    return f'CREATE TABLE IF NOT EXISTS "{name}" (\n   ' + ",\n   ".join(parts) + "\n)"


def index_name(table: str, columns: list[str]) -> str:
    return f"idx_{table}_{'_'.join(columns)}"


def create_index_sql(table: str, columns: list[str]) -> str:
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f'CREATE INDEX IF NOT EXISTS "{index_name(table, columns)}" ON "{table}" ({quoted})'


def create_fts_sql(name: str) -> str:
    content = FTS_TABLES[name]
    return (f"CREATE VIRTUAL TABLE IF NOT EXISTS \"{name}\" USING fts5("
            f"text, content=\"{content}\", content_rowid=\"rowid\", tokenize='{FTS_TOKENIZER}')")


def facet_table_sql() -> list[str]:
    columns = ", ".join(f'"{c}"' for c in FACET_COLUMNS)
    return [
        f"CREATE TABLE IF NOT EXISTS {FACET_TABLE} (rowid INTEGER PRIMARY KEY, {columns})",
        f'CREATE TABLE IF NOT EXISTS {FACET_COUNTS_TABLE} ("column" TEXT, value, count INTEGER)',
    ]


def existing(conn: sqlite3.Connection, kind: str) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def ensure_db_shape(conn: sqlite3.Connection, indexes: bool = True, fts: bool = True) -> None:
    """Create every table (and, unless told not to, every index and FTS table) that is missing.

    ``indexes=False``/``fts=False`` leave the indexes and FTS tables for after a bulk load
    (``store.finish`` fills the FTS tables and then calls this again). Safe to call twice.
    """
    for name in TABLES:
        conn.execute(create_table_sql(name))
    for sql in facet_table_sql():
        conn.execute(sql)
    for name, columns in BUILD_TABLES.items():
        conn.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({columns})')
    if fts:
        for name in FTS_TABLES:
            conn.execute(create_fts_sql(name))
    if indexes:
        for table, columns in INDEXES + BUILD_INDEXES:
            conn.execute(create_index_sql(table, columns))
        conn.execute(f'CREATE INDEX IF NOT EXISTS idx_{FACET_COUNTS_TABLE}_column ON {FACET_COUNTS_TABLE} ("column", count)')


def missing_from(conn: sqlite3.Connection) -> list[str]:
    """Tables and columns this schema declares that the database lacks (empty: the same shape)."""
    tables = existing(conn, "table")
    missing = [name for name in list(TABLES) + list(BUILD_TABLES) + list(FTS_TABLES) if name not in tables]
    for name, (columns, _, _) in TABLES.items():
        if name in tables:
            have = {row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')}
            missing += [f"{name}.{column}" for column in columns if column not in have]
    return missing


def insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict]) -> None:
    """Insert ``rows`` (dicts) into ``table``: the columns the first row has, in schema order.

    A column that is None in every row is left out of the statement (it is NULL all the same:
    no column has a default). Binding None costs ``sqlite3`` a failed search for an adapter,
    about 0.4 µs a value: more than the rest of a short column's insert."""
    if not rows:
        return
    columns = [c for c in TABLES[table][0] if c in rows[0]]
    columns = [c for c in columns if any(row.get(c) is not None for row in rows)] or columns
    sql = 'INSERT INTO "{}" ({}) VALUES ({})'.format(
        table, ", ".join(f'"{c}"' for c in columns), ", ".join("?" for _ in columns)
    )
    if len(columns) > 1:
        values = operator.itemgetter(*columns)
        try:
            conn.executemany(sql, [values(row) for row in rows])  # every row has every column
            return
        except KeyError:
            pass  # not inserted: a KeyError is raised before the statement runs
    conn.executemany(sql, ([row.get(c) for c in columns] for row in rows))


def scratch_shape(conn: sqlite3.Connection) -> None:
    for name, columns in SCRATCH_TABLES.items():
        conn.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({columns})')
