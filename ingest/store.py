"""Store: the one writer. The full build and the incremental update call the same functions.

The shape of the database is in ``ingest/schema.py``; this module only fills it:

- ``save_documents``: a batch of documents as the text stages made them (documents, passages,
  statements, removed spans, captures, figures, mentions);
- ``delete_documents``: everything a set of documents put in, FTS entries and facet counts included;
- ``save_registries``: affiliations, publishers, speakers and actors, from the registries and the
  voices found;
- ``save_clusters``: reuse clusters and each passage's cluster;
- ``finish`` (full build: FTS, in child processes with ``parallel``: ``ingest/fts.py``; facet
  tables, indexes) or ``index_new`` (update: the new rows only);
- ``save_build_state``: what was built from what.

Rows are written with plain ``executemany`` in one transaction.

The FTS tables hold ``normalise_fa(text)`` (``persian.normalise``; registered on every connection
``connect``/``connect_existing`` open): every insert into and delete from them goes through
``fts_insert``/``fts_delete`` below, never 'rebuild' (which would index the text as written).
"""

from __future__ import annotations

import json
import sqlite3

from . import fts, persian, schema
from .schema import FACET_COLUMNS, FACET_COUNTS_TABLE, FACET_TABLE, FTS_TABLES, TABLES, insert_rows

UNKNOWN_PUBLISHER = "unknown"
ORGANISATION_TYPES = ("body", "group", "organisation", "organization")


def connect(path) -> sqlite3.Connection:
    """A connection for a full build into a fresh file (renamed into place when complete)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MB
    persian.register(conn)
    return conn


def connect_existing(path) -> sqlite3.Connection:
    """A connection for updating a built archive in place: a rollback journal, so a failure
    leaves it as it was."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA cache_size = -262144")
    persian.register(conn)
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    """The tables, without indexes and FTS (built by ``finish`` after a bulk load)."""
    schema.ensure_db_shape(conn, indexes=False, fts=False)


# ---------------------------------------------------------------------------------------------
# Documents


DOCUMENT_PARTS = ("passages", "statements", "removed", "figures", "mentions")


def save_documents(conn: sqlite3.Connection, results: list[dict]) -> dict[str, int]:
    """Insert the rows of each document result (``build.document_rows``), in order. Returns counts."""
    counts = {"documents": len(results)}
    insert_rows(conn, "documents", [r["document"] for r in results])
    for part in DOCUMENT_PARTS:
        rows = [row for r in results for row in r.get(part, ())]
        insert_rows(conn, part, rows)
        counts[part] = len(rows)
    insert_rows(conn, "captures", [row for r in results for row in r.get("captures", ())])
    return counts


def delete_documents(conn: sqlite3.Connection, where: str, params=()) -> None:
    """Delete every row of the documents selected by ``SELECT id FROM documents WHERE <where>``,
    with their FTS entries, facet rows and counts. For an archive whose indexes are built."""
    conn.execute("DROP TABLE IF EXISTS temp.gone_documents")
    conn.execute(f"CREATE TEMP TABLE gone_documents AS SELECT id FROM documents WHERE {where}", params)
    conn.execute("CREATE INDEX temp.idx_gone_documents ON gone_documents (id)")
    old = "SELECT rowid FROM {} WHERE document_id IN (SELECT id FROM temp.gone_documents)"
    for fts, content in FTS_TABLES.items():
        fts_delete(conn, fts, content, f"rowid IN ({old.format(content)})")
    adjust_facet_counts(conn, f"rowid IN ({old.format('passages')})", (), -1)
    conn.execute(f"DELETE FROM {FACET_TABLE} WHERE rowid IN ({old.format('passages')})")
    in_passages = "passage_id IN (SELECT id FROM passages WHERE document_id IN (SELECT id FROM temp.gone_documents))"
    conn.execute(f"DELETE FROM figures WHERE {in_passages}")
    conn.execute(f"DELETE FROM mentions WHERE {in_passages}")
    for table in ("statements", "passages", "removed", "captures"):
        conn.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT id FROM temp.gone_documents)")
    conn.execute("DELETE FROM documents WHERE id IN (SELECT id FROM temp.gone_documents)")
    conn.execute("DROP TABLE temp.gone_documents")


def save_problems(conn: sqlite3.Connection, problems: list[tuple[str, str, str]], replace_paths=()) -> None:
    """The per-file problems of this run; ``replace_paths``: files whose old problems go."""
    conn.executemany("DELETE FROM problems WHERE source_path = ?", [(p,) for p in replace_paths])
    insert_rows(conn, "problems", [
        {"source_path": path, "severity": severity, "problem": problem} for path, severity, problem in problems
    ])


# ---------------------------------------------------------------------------------------------
# Registries


def registry_rows(registries) -> dict[str, list[dict]]:
    affiliations = [
        {"id": key, "name": value["name"], "description": " ".join((value.get("description") or "").split()) or None}
        for key, value in registries.affiliations.items()
    ]
    publishers = [
        {
            "id": key,
            "name": value["name"],
            "domain": ", ".join(value["domain"]) if isinstance(value.get("domain"), list) else value.get("domain"),
            "affiliation_id": value.get("affiliation"),
            "basis": " ".join((value.get("basis") or "").split()) or None,
        }
        for key, value in registries.publishers.items()
    ]
    return {"affiliations": affiliations, "publishers": publishers}


def unknown_publisher_row(publisher_id: str) -> dict:
    """The row of a publisher the registry lacks: ``unknown`` or ``unknown:<domain>``."""
    if publisher_id == UNKNOWN_PUBLISHER:
        return {
            "id": UNKNOWN_PUBLISHER, "name": "Unknown publisher (no manifest entry)",
            "domain": None, "affiliation_id": None,
            "basis": "No manifest entry names the publisher of these files.",
        }
    domain = publisher_id.split(":", 1)[1] if ":" in publisher_id else publisher_id
    return {
        "id": publisher_id, "name": domain, "domain": domain, "affiliation_id": None,
        "basis": "Not in publishers.yml: the publisher is unknown, named by the page's domain.",
    }


def registered_speaker_rows(speaker_registry) -> list[dict]:
    if speaker_registry is None:
        return []
    rows = []
    for row in speaker_registry.rows():
        entry = speaker_registry.speakers.get(row["id"]) or {}
        rows.append({
            **row,
            "aliases": json.dumps(row["aliases"], ensure_ascii=False) if row.get("aliases") else None,
            "member_of": row.get("member_of") or entry.get("member_of"),
        })
    return rows


def save_registries(conn: sqlite3.Connection, registries, speaker_registry=None, found_speakers: dict | None = None,
                    actors: list[dict] | None = None) -> list[str]:
    """Rewrite affiliations, publishers, speakers and actors as the registries and rows have them.

    Publishers: the registry's, plus a row for each publisher id the documents use that the
    registry lacks. Speakers: the registry's, plus the voices ``found_speakers`` (id -> row) and
    those already stored, kept only while a passage or statement still cites them. Returns the
    unknown publisher ids that are domains (``unknown:<domain>``).
    """
    rows = registry_rows(registries)
    for table in ("affiliations", "publishers", "actors"):
        conn.execute(f"DELETE FROM {table}")
    insert_rows(conn, "affiliations", rows["affiliations"])
    used = [row[0] for row in conn.execute("SELECT DISTINCT publisher_id FROM documents ORDER BY 1")]
    unknown = [p for p in used if p is not None and p not in registries.publishers]
    insert_rows(conn, "publishers", rows["publishers"] + [unknown_publisher_row(p) for p in unknown])
    if actors:
        insert_rows(conn, "actors", actors)
    # speakers: registered ones replaced, found ones added, unregistered ones no row cites dropped
    registered = registered_speaker_rows(speaker_registry)
    columns = list(TABLES["speakers"][0])
    conn.executemany("DELETE FROM speakers WHERE id = ?", [(row["id"],) for row in registered])
    insert_rows(conn, "speakers", [{c: row.get(c) for c in columns} for row in registered])
    new = [{c: row.get(c) for c in columns} for key, row in (found_speakers or {}).items()
           if key not in {r["id"] for r in registered}]
    conn.executemany("DELETE FROM speakers WHERE id = ?", [(row["id"],) for row in new])
    insert_rows(conn, "speakers", new)
    conn.execute("DROP TABLE IF EXISTS temp.registered")
    conn.execute("CREATE TEMP TABLE registered (id TEXT PRIMARY KEY)")
    conn.executemany("INSERT OR IGNORE INTO temp.registered VALUES (?)", [(row["id"],) for row in registered])
    conn.execute(
        "DELETE FROM speakers WHERE id NOT IN (SELECT id FROM temp.registered) "
        "AND id NOT IN (SELECT speaker_id FROM passages WHERE speaker_id IS NOT NULL) "
        "AND id NOT IN (SELECT speaker_id FROM statements WHERE speaker_id IS NOT NULL)")
    conn.execute("DROP TABLE temp.registered")
    return [p for p in unknown if p.startswith("unknown:")]


# ---------------------------------------------------------------------------------------------
# Reuse clusters


def save_clusters(conn: sqlite3.Connection, clusters) -> None:
    """Make ``reuse_clusters`` and each passage's ``reuse_cluster_id`` what ``clusters`` says,
    changing only the rows that differ (an update touches few)."""
    rows = {c.id: c.row() for c in clusters}
    columns = list(TABLES["reuse_clusters"][0])
    old = {row[0]: dict(zip(columns, row)) for row in conn.execute(
        "SELECT {} FROM reuse_clusters".format(", ".join(f'"{c}"' for c in columns)))}
    gone = [key for key, row in old.items() if rows.get(key) != row]
    conn.executemany("DELETE FROM reuse_clusters WHERE id = ?", [(key,) for key in gone])
    insert_rows(conn, "reuse_clusters", [row for key, row in rows.items() if old.get(key) != row])
    member_of = {pid: c.id for c in clusters for pid in c.passage_ids}
    before = dict(clustered_passages(conn))
    changed = [(member_of.get(pid), pid) for pid in before if member_of.get(pid) != before[pid]]
    changed += [(cluster, pid) for pid, cluster in member_of.items() if pid not in before]
    conn.executemany("UPDATE passages SET reuse_cluster_id = ? WHERE id = ?", changed)


def clustered_passages(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, reuse_cluster_id) of the passages in a reuse cluster. Through the index on the
    column where it exists: the query planner, which counts the NULLs as values, would rather
    scan every passage (a second or more at a million passages)."""
    sql = "SELECT id, reuse_cluster_id FROM passages{} WHERE reuse_cluster_id IS NOT NULL"
    try:
        index = schema.index_name("passages", ["reuse_cluster_id"])
        return conn.execute(sql.format(f' INDEXED BY "{index}"')).fetchall()
    except sqlite3.OperationalError:  # no such index (a full build indexes at the end)
        return conn.execute(sql.format("")).fetchall()


def save_reuse_band(conn: sqlite3.Connection, band: int, rows: dict) -> None:
    """Replace the stored keys of one LSH band for the given prefixes: prefix -> (keys, rowids)."""
    conn.executemany("INSERT OR REPLACE INTO reuse_bands VALUES (?, ?, ?, ?)", [
        (band, int(prefix), keys.astype("<u4").tobytes(), rowids.astype("<u4").tobytes())
        for prefix, (keys, rowids) in rows.items()])


def read_reuse_band(conn: sqlite3.Connection, band: int, prefixes) -> dict:
    """prefix -> (keys, passage rowids) as stored for one band (empty arrays where none)."""
    import numpy as np

    found = {int(p): (np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.uint32)) for p in prefixes}
    wanted = sorted(found)
    for start in range(0, len(wanted), 5000):
        part = ",".join(map(str, wanted[start:start + 5000]))
        for prefix, keys, rowids in conn.execute(
                f"SELECT prefix, keys, passages FROM reuse_bands WHERE band = ? AND prefix IN ({part})", (band,)):
            found[prefix] = (np.frombuffer(keys, dtype="<u4"), np.frombuffer(rowids, dtype="<u4"))
    return found


def save_reuse_state(conn: sqlite3.Connection, bins, segments: int, changed=None, prefix_bits: int = 16) -> None:
    """The shingle frequency counts (``bins``: every bin's count; ``changed``: only the rows of
    these bins are written), the number of segments indexed and the key bits that choose a band row."""
    import numpy as np
    from .reuse import unique

    counts = np.asarray(bins).astype("<u4").reshape(-1, schema.BIN_CHUNK)
    if changed is None:
        chunks = np.flatnonzero(counts.any(axis=1)).tolist()
    else:
        chunks = unique(np.asarray(changed, dtype=np.int64) // schema.BIN_CHUNK).tolist()
        conn.executemany("DELETE FROM reuse_bins WHERE chunk = ?", [(c,) for c in chunks if not counts[c].any()])
        chunks = [c for c in chunks if counts[c].any()]
    conn.executemany("INSERT OR REPLACE INTO reuse_bins VALUES (?, ?)", ((c, counts[c].tobytes()) for c in chunks))
    conn.executemany("INSERT OR REPLACE INTO reuse_state VALUES (?, ?)",
                     [("segments", int(segments)), ("prefix_bits", int(prefix_bits)), ("bins", len(bins))])


def read_reuse_state(conn: sqlite3.Connection):
    """(segments indexed, prefix bits, every bin's count) of the stored reuse index; None if there is none."""
    import numpy as np

    state = dict(conn.execute("SELECT key, value FROM reuse_state"))
    if "segments" not in state or "prefix_bits" not in state:
        return None
    rows = conn.execute("SELECT chunk, counts FROM reuse_bins ORDER BY chunk").fetchall()
    chunks = np.asarray([row[0] for row in rows], dtype=np.int64)
    values = np.frombuffer(b"".join(row[1] for row in rows), dtype="<u4").reshape(-1, schema.BIN_CHUNK)
    size = int(state.get("bins", 0))
    bins = np.zeros((size // schema.BIN_CHUNK, schema.BIN_CHUNK), dtype=np.int64)
    if len(chunks) and (chunks.max() >= len(bins) or len(values) != len(chunks)):
        return None
    bins[chunks] = values
    return int(state["segments"]), int(state["prefix_bits"]), bins.reshape(-1)


def replace_reuse_edges(conn: sqlite3.Connection, gone_rowids, edges) -> None:
    """Take out the verified pairs touching ``gone_rowids`` and add ``edges`` (rowid pairs)."""
    conn.executemany("DELETE FROM reuse_edges WHERE a = ?", [(int(r),) for r in gone_rowids])
    conn.executemany("DELETE FROM reuse_edges WHERE b = ?", [(int(r),) for r in gone_rowids])
    conn.executemany("INSERT OR IGNORE INTO reuse_edges VALUES (?, ?)", [(int(a), int(b)) for a, b in edges])


def save_passage_shingles(conn: sqlite3.Connection, first_rowid: int, shingles: list[bytes]) -> None:
    conn.executemany("INSERT OR REPLACE INTO reuse_shingles VALUES (?, ?)",
                     ((first_rowid + i, blob) for i, blob in enumerate(shingles)))


def delete_passage_shingles(conn: sqlite3.Connection, rowids) -> None:
    conn.executemany("DELETE FROM reuse_shingles WHERE passage_rowid = ?", [(int(r),) for r in rowids])


def passages_with_bins(conn: sqlite3.Connection, bins, mask: int) -> list[int]:
    """The rowids of the passages holding a shingle in one of ``bins`` (hashed with ``mask``)."""
    import numpy as np
    from .reuse import unique

    wanted = np.asarray(sorted(bins), dtype=np.int64)
    found = []
    cursor = conn.execute("SELECT passage_rowid, shingles FROM reuse_shingles")
    while True:
        rows = cursor.fetchmany(100_000)
        if not rows:
            break
        flat = np.frombuffer(b"".join(row[1] for row in rows), dtype="<u4")
        lengths = np.fromiter((len(row[1]) // 4 for row in rows), dtype=np.int64, count=len(rows))
        hit = np.isin((flat & np.uint32(mask)).astype(np.int64), wanted)
        owners = np.repeat(np.arange(len(rows)), lengths)
        found += [rows[i][0] for i in unique(owners[hit]).tolist()]
    return found


REUSE_INDEX_TABLES = ("reuse_bands", "reuse_edges", "reuse_state", "reuse_bins")


def clear_reuse_index(conn: sqlite3.Connection) -> None:
    for table in REUSE_INDEX_TABLES:
        conn.execute(f"DELETE FROM {table}")


def reuse_index_shape(conn: sqlite3.Connection) -> None:
    """Only the tables of the stored reuse index, with their indexes, as ``schema`` declares them
    (a scratch database that ``copy_reuse_index`` copies from)."""
    for name in REUSE_INDEX_TABLES:
        conn.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({schema.BUILD_TABLES[name]})')
    for table, columns in schema.BUILD_INDEXES:
        if table in REUSE_INDEX_TABLES:
            conn.execute(schema.create_index_sql(table, columns))


def copy_reuse_index(conn: sqlite3.Connection, scratch) -> None:
    """Make the stored reuse index (``REUSE_INDEX_TABLES``) that of the database ``scratch``, row
    for row, rowids included."""
    copy_tables(conn, scratch, lambda: REUSE_INDEX_TABLES)


def copy_tables(conn: sqlite3.Connection, scratch, tables) -> None:
    """Make the tables ``tables()`` names (called inside the transaction, after the scratch file is
    attached as ``scratch``) those of the database ``scratch``, row for row. Outside a transaction
    (``ATTACH``); into empty tables of the same shape, indexes included, ``INSERT … SELECT *`` copies
    the records as they are (SQLite's transfer optimisation)."""
    conn.execute("ATTACH DATABASE ? AS scratch", (str(scratch),))
    try:
        conn.execute("BEGIN")
        for table in tables():
            conn.execute(f'DELETE FROM main."{table}"')
            conn.execute(f'INSERT INTO main."{table}" SELECT * FROM scratch."{table}"')
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("DETACH DATABASE scratch")


# ---------------------------------------------------------------------------------------------
# Indexes


def finish(conn: sqlite3.Connection, progress=None, parallel: bool = False, reuse=None) -> None:
    """Build the full-text indexes, the facet tables and the indexes, after a bulk load.

    Each FTS index is built with automerge off and merged once by ``optimize`` (faster than
    merging while building); automerge is then set back for later incremental inserts
    (``fts.fill``). With ``parallel`` (a database in a file, nothing uncommitted), each FTS index
    is filled in a child process while this one builds the facet tables and indexes, then copied
    in (``ingest/fts.py``): the same rows as the serial build. ``reuse(conn)``, if given, stores
    the reuse clusters once every index exists, outside a transaction (the full build computes
    them in a child process meanwhile: ``build.ReuseClustering``); the indexes it touches are
    kept up to date as it writes, so the rows are those of storing them first.
    ``progress(phase)`` is called before each phase.
    """
    progress = progress or (lambda phase: None)
    conn.execute("PRAGMA cache_size = -262144")  # 256 MB while the index is built (peak RSS <= 1 GB)
    children = fts.start(conn) if parallel else []
    try:
        if not parallel:
            for name in FTS_TABLES:
                progress(f"full-text index {name}")
                fts.fill(conn, name)
        progress("facet tables and indexes")
        conn.execute("BEGIN")
        fill_facet_tables(conn)
        schema.ensure_db_shape(conn, fts=not parallel)
        conn.execute("COMMIT")
        if reuse is not None:
            if parallel:  # the children are done reading: the reuse tables are written out of WAL mode (2x faster)
                fts.wait(children)
                fts.leave_wal(conn)
            progress("reuse clusters")
            reuse(conn)
        conn.execute("ANALYZE")
    except BaseException:
        fts.stop(children)
        raise
    if parallel:
        fts.copy(conn, children, progress)
        for name in FTS_TABLES:  # the statistics the serial build's ANALYZE gathers on them
            for table in fts.shadow_tables(conn, name):
                conn.execute(f'ANALYZE "{table}"')


def fts_insert(conn: sqlite3.Connection, fts: str, content: str, where: str = "1", params=()) -> None:
    """Index the rows of ``content`` matching ``where`` in ``fts``: their normalised text
    (external content: the rowids line up with the content table's)."""
    conn.execute(f"INSERT INTO {fts}(rowid, text) SELECT rowid, normalise_fa(text) FROM {content} "
                 f"WHERE {where} ORDER BY rowid", params)


def fts_delete(conn: sqlite3.Connection, fts: str, content: str, where: str, params=()) -> None:
    """Take the rows of ``content`` matching ``where`` out of ``fts``. FTS5 must be given what
    was indexed (the normalised text): given the text as written, it would leave the Persian
    terms that normalisation changed in the index."""
    conn.execute(f"INSERT INTO {fts}({fts}, rowid, text) SELECT 'delete', rowid, normalise_fa(text) FROM {content} "
                 f"WHERE {where}", params)


def fill_facet_tables(conn: sqlite3.Connection) -> None:
    columns = ", ".join(f'"{c}"' for c in FACET_COLUMNS)
    conn.execute(f"DELETE FROM {FACET_TABLE}")
    conn.execute(f"INSERT INTO {FACET_TABLE} (rowid, {columns}) SELECT rowid, {columns} FROM passages ORDER BY rowid")
    refresh_facet_counts(conn)


def index_new(conn: sqlite3.Connection, after: dict[str, int]) -> None:
    """Index the rows inserted after ``after`` (table -> the largest rowid before): FTS entries,
    facet rows and facet counts. The incremental update's ``finish``."""
    for fts, content in FTS_TABLES.items():
        fts_insert(conn, fts, content, "rowid > ?", (after[content],))
    columns = ", ".join(f'"{c}"' for c in FACET_COLUMNS)
    conn.execute(f"INSERT INTO {FACET_TABLE} (rowid, {columns}) SELECT rowid, {columns} FROM passages WHERE rowid > ?",
                 (after["passages"],))
    adjust_facet_counts(conn, "rowid > ?", (after["passages"],), 1)


def last_rowids(conn: sqlite3.Connection) -> dict[str, int]:
    return {table: conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
            for table in set(FTS_TABLES.values())}


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


# ---------------------------------------------------------------------------------------------
# Build state


def build_version() -> str:
    """What decides the rows: the declared rules and schema versions (ingest/schema.py)."""
    return f"rules {schema.RULES_VERSION}, schema {schema.SCHEMA_VERSION}"


def read_build_info(conn: sqlite3.Connection) -> dict[str, str] | None:
    try:
        return dict(conn.execute("SELECT key, value FROM build_info"))
    except sqlite3.Error:
        return None


def save_build_info(conn: sqlite3.Connection, info: dict[str, str]) -> None:
    conn.executemany("INSERT OR REPLACE INTO build_info VALUES (?, ?)", list(info.items()))


def save_sources(conn: sqlite3.Connection, rows: list[tuple], replace_paths=()) -> None:
    """(source_path, size, mtime_ns, sha256, entry fingerprint) of each file built."""
    conn.executemany("DELETE FROM build_sources WHERE source_path = ?", [(p,) for p in replace_paths])
    conn.executemany("INSERT OR REPLACE INTO build_sources VALUES (?, ?, ?, ?, ?)", rows)


def save_line_counts(conn: sqlite3.Connection, publisher_documents: dict[str, int], line_counts=None) -> None:
    """The per-publisher document counts and, from ``line_counts`` (a scratch file holding
    ``line_counts``), every (publisher, line, documents) of the first pass."""
    conn.execute("DELETE FROM build_publishers")
    conn.executemany("INSERT INTO build_publishers VALUES (?, ?)", [(p, n) for p, n in publisher_documents.items() if n > 0])
    if line_counts is not None:
        conn.execute("ATTACH DATABASE ? AS scratch", (str(line_counts),))
        conn.execute("INSERT INTO build_lines SELECT publisher_id, key, documents FROM scratch.line_counts")


def detach_scratch(conn: sqlite3.Connection) -> None:
    conn.execute("DETACH DATABASE scratch")


def save_line_delta(conn: sqlite3.Connection, line_delta: dict[str, dict[str, int]], publisher_documents: dict[str, int],
                    reasons: list[tuple[str, int]] = ()) -> None:
    """Apply an update's changes to the line counts (``incremental.Plan``) and reword the
    removed spans whose counts changed."""
    for publisher_id, changes in line_delta.items():
        conn.executemany(
            "INSERT INTO build_lines VALUES (?, ?, ?) ON CONFLICT (publisher_id, key) DO UPDATE SET documents = documents + excluded.documents",
            [(publisher_id, key, change) for key, change in changes.items()])
        conn.execute("DELETE FROM build_lines WHERE publisher_id = ? AND documents <= 0", (publisher_id,))
    save_line_counts(conn, publisher_documents)
    conn.executemany("UPDATE removed SET reason = ? WHERE id = ?", reasons)
