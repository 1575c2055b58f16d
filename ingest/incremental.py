"""Incremental build: update an existing archive from the sources that changed.

A source is unchanged when its size and mtime match the last build, or else when its sha256
does; its manifest entry must match too. Only changed, added and deleted files are redone,
plus every document of a publisher whose set of repeated boilerplate lines changed (cleaning
depends on it). The result equals a full build: same ids, same rows.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .registry import LINE

INGEST = Path(__file__).resolve().parent


CONTENT_MODULES = (
    "read.py", "clean.py", "split.py", "attribute.py", "model.py", "registry.py",
    "html.py", "warc.py", "guard.py", "captures.py", "domains.py",
)
WEB_SUFFIXES = (".html", ".htm", ".warc", ".warc.gz", ".wacz")


def code_fingerprint() -> str:
    """A hash of the code that decides the rows (the text stages, ``document_rows`` and the
    schema): an archive built by other code is rebuilt in full. Changes to how the build runs
    (pool, writer, indexes) do not force a rebuild."""
    import inspect

    from . import build, store

    digest = hashlib.sha256()
    for name in CONTENT_MODULES:
        path = INGEST / name
        if path.exists():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    for function in (build.document_rows, build.document_id, build.passage_id, build.publisher_of,
                     build.speaker_affiliation, build.registry_rows, build.file_rows):
        digest.update(inspect.getsource(function).encode())
    digest.update(repr((store.TABLES, store.FACET_COLUMNS, store.FTS_TOKENIZER)).encode())
    return digest.hexdigest()


def strip_lines(value):
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def entry_fingerprint(entry: dict | None) -> str:
    return json.dumps(strip_lines(entry), sort_keys=True, default=str)


def registries_fingerprint(registries) -> str:
    data = {"publishers": strip_lines(registries.publishers), "affiliations": strip_lines(registries.affiliations)}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def update(db_path, registries, files, manifest_sha256: str, log=print, workers: int = 1, articles: Path | None = None,
           speaker_registry=None, speakers_sha256: str = ""):
    """Update ``db_path`` in place of a rebuild; None when a full build is needed.

    Runs in one transaction with a rollback journal: a failure leaves the archive as it was.
    A Datasette serving the file immutable must be restarted to see the change.
    """
    import collections
    import os
    import sqlite3

    from . import claims, store
    from .build import (
        UNKNOWN_PUBLISHER, BuildReport, file_line_keys, processed_files, set_worker, unknown_publisher_row,
    )
    from .clean import boilerplate_candidates, clean, line_key, repeated_threshold

    before_update = os.stat(db_path)
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        try:
            info = dict(conn.execute("SELECT key, value FROM build_info"))
        except sqlite3.Error:
            return None
        if (info.get("code") != code_fingerprint() or info.get("registries") != registries_fingerprint(registries)
                or info.get("speakers", "") != speakers_sha256):
            log("the ingest code or the registries changed since the last build: full rebuild")
            return None
        previous = {row[0]: row[1:] for row in conn.execute("SELECT source_path, size, mtime_ns, sha256, entry FROM build_sources")}
        changed, stats, current = [], {}, set()
        for item in files:
            path, source_path, entry = item
            current.add(source_path)
            try:
                stat = path.stat()
            except OSError:
                changed.append(item)
                continue
            stats[source_path] = (stat.st_size, stat.st_mtime_ns)
            old = previous.get(source_path)
            fingerprint = entry_fingerprint(entry)
            if old and old[3] == fingerprint and (old[0], old[1]) == (stat.st_size, stat.st_mtime_ns):
                continue
            if old and old[3] == fingerprint and old[2] and file_sha256(path) == old[2]:
                continue
            changed.append(item)
        deleted = sorted(set(previous) - current)
        if any(path.lower().endswith(WEB_SUFFIXES) for path in [source_path for _, source_path, _ in changed] + deleted):
            # captures of one page may span files: the full build's writer merges them
            log("web pages or archives changed since the last build: full rebuild")
            return None
        report = BuildReport(db_path=Path(db_path))
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA cache_size = -262144")
        # archives built before this index existed get it once
        conn.execute("CREATE INDEX IF NOT EXISTS idx_documents_source_path ON documents (source_path)")
        conn.execute("BEGIN IMMEDIATE")
        # 1. line counts: take out the old documents of changed and deleted files, add the new ones
        publisher_documents = collections.Counter(dict(conn.execute("SELECT publisher_id, documents FROM build_publishers")))
        touched_paths = [source_path for _, source_path, _ in changed if source_path in previous] + deleted
        delta: dict = collections.defaultdict(collections.Counter)
        for source_path in touched_paths:
            for publisher_id, text in conn.execute("SELECT publisher_id, text FROM documents WHERE source_path = ?", (source_path,)):
                publisher_documents[publisher_id] -= 1
                delta[publisher_id].subtract(boilerplate_candidates(text))
        articles_dir = articles
        set_worker({"articles": articles_dir, "registries": registries})
        for path, source_path, entry in changed:
            for publisher_id, keys in file_line_keys(path, source_path, entry):
                publisher_documents[publisher_id] += 1
                delta[publisher_id].update(keys)
        redo_publishers = set()
        for publisher_id, counts in delta.items():
            old_threshold = repeated_threshold(dict(conn.execute("SELECT publisher_id, documents FROM build_publishers")).get(publisher_id, 0))
            old = {k: n for k, n in conn.execute(
                "SELECT key, documents FROM build_lines WHERE publisher_id = ? AND documents >= ?", (publisher_id, old_threshold))}
            for key, change in counts.items():
                if change:
                    conn.execute(
                        "INSERT INTO build_lines VALUES (?, ?, ?) ON CONFLICT (publisher_id, key) DO UPDATE SET documents = documents + excluded.documents",
                        (publisher_id, key, change))
            conn.execute("DELETE FROM build_lines WHERE publisher_id = ? AND documents <= 0", (publisher_id,))
            new = {k: n for k, n in conn.execute(
                "SELECT key, documents FROM build_lines WHERE publisher_id = ? AND documents >= ?",
                (publisher_id, repeated_threshold(publisher_documents[publisher_id])))}
            if set(new) != set(old):
                redo_publishers.add(publisher_id)
            elif new != old:
                # same lines removed, other counts in the reason: reword the reasons in place
                for row_id, text in conn.execute(
                    "SELECT removed.id, removed.text FROM removed JOIN documents ON documents.id = removed.document_id "
                    "WHERE documents.publisher_id = ? AND removed.reason LIKE 'repeated in %'", (publisher_id,)).fetchall():
                    key = line_key(text)
                    if key in new and new[key] != old.get(key):
                        reason = clean(text, {key: new[key]}).removed[0].reason
                        conn.execute("UPDATE removed SET reason = ? WHERE id = ?", (reason, row_id))
        conn.execute("DELETE FROM build_publishers")
        conn.executemany("INSERT INTO build_publishers VALUES (?, ?)", [(p, n) for p, n in publisher_documents.items() if n > 0])
        # 2. what to redo: changed files, and every file of a publisher whose repeated lines changed
        redo_paths = {source_path for _, source_path, _ in changed}
        for publisher_id in redo_publishers:
            redo_paths.update(row[0] for row in conn.execute("SELECT source_path FROM documents WHERE publisher_id = ?", (publisher_id,)))
        redo = [item for item in files if item[1] in redo_paths]
        # 3. take out the old rows
        gone = sorted(redo_paths | set(deleted))
        conn.execute("CREATE TEMP TABLE gone (source_path TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO gone VALUES (?)", [(p,) for p in gone])
        conn.execute("CREATE TEMP TABLE gone_documents AS SELECT id FROM documents WHERE source_path IN (SELECT source_path FROM gone)")
        old_passages = "SELECT rowid FROM passages WHERE document_id IN (SELECT id FROM gone_documents)"
        conn.execute(f"INSERT INTO passages_fts(passages_fts, rowid, text) SELECT 'delete', rowid, text FROM passages WHERE rowid IN ({old_passages})")
        store.adjust_facet_counts(conn, f"rowid IN ({old_passages})", (), -1)
        conn.execute(f"DELETE FROM {store.FACET_TABLE} WHERE rowid IN ({old_passages})")
        conn.execute("DELETE FROM passages WHERE document_id IN (SELECT id FROM gone_documents)")
        conn.execute("DELETE FROM removed WHERE document_id IN (SELECT id FROM gone_documents)")
        conn.execute("DELETE FROM captures WHERE document_id IN (SELECT id FROM gone_documents)")
        conn.execute("DELETE FROM documents WHERE id IN (SELECT id FROM gone_documents)")
        conn.execute("DELETE FROM problems WHERE source_path IN (SELECT source_path FROM gone)")
        # 4. the new rows, from the same worker function as a full build
        repeated: dict = collections.defaultdict(dict)
        for publisher_id, key, count in conn.execute("SELECT publisher_id, key, documents FROM build_lines WHERE documents >= 3"):
            if count >= repeated_threshold(publisher_documents[publisher_id]):
                repeated[publisher_id][key] = count
        before = conn.execute("SELECT coalesce(max(rowid), 0) FROM passages").fetchone()[0]
        speakers: dict = {}
        state = {"articles": articles_dir, "registries": registries, "repeated": dict(repeated), "speaker_registry": speaker_registry}
        for result in processed_files(redo, workers if len(redo) > 200 else 1, state, report, log):
            store.insert_rows(conn, "captures", [{**row, "document_id": result["document"]["id"]} for row in result["captures"]])
            store.insert_rows(conn, "documents", [result["document"]])
            store.insert_rows(conn, "passages", result["passages"])
            store.insert_rows(conn, "removed", result["removed"])
            speakers.update(result["speakers"])
            report.documents += 1
            report.passages += len(result["passages"])
            report.removed += len(result["removed"])
        store.insert_rows(conn, "problems", [
            {"source_path": path, "severity": severity, "problem": problem} for path, severity, problem in report.problems])
        conn.execute("INSERT INTO passages_fts(rowid, text) SELECT rowid, text FROM passages WHERE rowid > ?", (before,))
        columns = ", ".join(f'"{c}"' for c in store.FACET_COLUMNS)
        conn.execute(f"INSERT INTO {store.FACET_TABLE} (rowid, {columns}) SELECT rowid, {columns} FROM passages WHERE rowid > ?", (before,))
        store.adjust_facet_counts(conn, "rowid > ?", (before,), 1)
        # 5. speakers and the unknown publisher as a full build would have them
        conn.executemany(
            "INSERT OR REPLACE INTO speakers (id, name, handle, affiliation_id, description) VALUES (:id, :name, :handle, :affiliation_id, :description)",
            list(speakers.values()))
        registered = [row["id"] for row in speaker_registry.rows()] if speaker_registry is not None else []
        conn.execute("CREATE TEMP TABLE registered (id TEXT PRIMARY KEY)")
        conn.executemany("INSERT OR IGNORE INTO registered VALUES (?)", [(i,) for i in registered])
        conn.execute("DELETE FROM speakers WHERE id NOT IN (SELECT id FROM registered) AND id NOT IN (SELECT speaker_id FROM passages WHERE speaker_id IS NOT NULL)")
        report.unregistered_speakers = {k: v for k, v in speakers.items() if k not in set(registered)}
        unknown_used = conn.execute("SELECT 1 FROM documents WHERE publisher_id = ? LIMIT 1", (UNKNOWN_PUBLISHER,)).fetchone()
        conn.execute("DELETE FROM publishers WHERE id = ?", (UNKNOWN_PUBLISHER,))
        if unknown_used:
            store.insert_rows(conn, "publishers", [unknown_publisher_row()])
        # 6. remember what was built from what
        conn.execute("DELETE FROM build_sources WHERE source_path IN (SELECT source_path FROM gone)")
        hashes = dict(conn.execute("SELECT source_path, sha256 FROM documents WHERE source_path IN (SELECT source_path FROM gone) GROUP BY source_path"))
        conn.executemany("INSERT OR REPLACE INTO build_sources VALUES (?, ?, ?, ?, ?)", [
            (source_path, *stats.get(source_path, (None, None)), hashes.get(source_path), entry_fingerprint(entry))
            for _, source_path, entry in redo])
        # 7. figures, mentions and reuse clusters span the whole corpus: derived again
        claims.derive_claims(conn, Path(articles_dir).parent / "names.yml")
        conn.execute("INSERT OR REPLACE INTO build_info VALUES ('manifest_sha256', ?)", (manifest_sha256,))
        if info.get("manifest_sha256") != manifest_sha256:
            conn.execute("INSERT OR REPLACE INTO build_info VALUES ('manifest', ?)", (json.dumps(registries.manifest, default=str),))
        conn.execute("COMMIT")
        report.documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        report.passages = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
        report.removed = conn.execute("SELECT count(*) FROM removed").fetchone()[0]
        log(f"incremental: {len(changed)} changed, {len(deleted)} deleted, {len(redo)} files redone")
        os.utime(db_path)
        return report
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        # the content is back as it was (SQLite rolls back by itself on a full disk); so is the
        # file's time, so that the archive still looks stale to `archive serve`
        os.utime(db_path, ns=(before_update.st_atime_ns, before_update.st_mtime_ns))
        raise
    finally:
        conn.close()


def add(sources, db_path, paths, publisher: str | None = None, log=print, workers: int | None = None):
    """Copy article files into sources/articles/, append their manifest entries (publisher as
    given, date unknown) and update the archive incrementally. Returns the BuildReport."""
    import shutil

    from . import store
    from .build import build_from
    from .errors import ArchiveError
    from .registry import load_registries

    sources, db_path = Path(sources), Path(db_path)
    articles = sources / "articles"
    manifest_path = sources / "manifest.yml"
    text = manifest_path.read_text(encoding="utf-8") if manifest_path.exists() else ""
    cached = store.cached_manifest(db_path, hashlib.sha256(text.encode("utf-8")).hexdigest())
    registries = load_registries(sources, articles, manifest=cached)
    if publisher is not None and publisher not in registries.publishers:
        raise ArchiveError(f"--publisher {publisher!r}: not in {sources / 'publishers.yml'}")
    articles.mkdir(parents=True, exist_ok=True)
    if text and not text.endswith("\n"):
        text += "\n"
    line = text.count("\n") + 1
    for path in map(Path, paths):
        if not path.is_file():
            raise ArchiveError(f"{path}: no such file")
        if path.name in registries.manifest or (articles / path.name).exists():
            raise ArchiveError(f"{path}: {articles / path.name} is already in the archive")
    for path in map(Path, paths):
        shutil.copyfile(path, articles / path.name)
        entry = {"file": path.name, "title": None, "url": None, "publisher": publisher, "published": None, "retrieved": None}
        text += f"- file: {json.dumps(path.name)}\n  title: null\n  url: null\n  publisher: {json.dumps(publisher) if publisher else 'null'}\n  published: null\n"
        registries.manifest[path.name] = {**entry, LINE: line}
        line += 5
    manifest_path.write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return build_from(sources, db_path, registries, sha, log=log, workers=workers)
