"""Incremental build: plan what to redo in an existing archive. It writes nothing itself.

A source is unchanged when its size and mtime match the last build, or else when its sha256
does; its manifest entry must match too. Only changed, added and deleted files are redone,
plus every document of a publisher whose set of repeated boilerplate lines changed (cleaning
depends on it). Lines are counted per site (``line_group``): a file with neither a publisher nor
a URL stands alone. ``plan`` says which; ``build.update`` carries it out through the same writer
(``ingest.store``) and the same worker function as a full build, so the result equals a full
build: same ids, same rows.

A full rebuild is needed when the archive was built under another declared version of the rules
or the schema (``schema.RULES_VERSION``, ``schema.SCHEMA_VERSION``), from other registries, or
when web pages or archives changed (captures of one page may span files).
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .clean import clean, line_key, repeated_threshold
from .registry import strip_lines
from .domains import UNKNOWN_PREFIX
from .store import UNKNOWN_PUBLISHER, build_version

WEB_SUFFIXES = (".html", ".htm", ".warc", ".warc.gz", ".wacz")


# The manifest as last built is stored in build_info: whole under "manifest", and the entries
# each ``archive add`` appended since under "manifest+1", "manifest+2", ... (rewriting 24 MB of
# JSON for 100,000 entries, and journalling the old ones, cost an add about a second).
MANIFEST_PARTS = "manifest+"
MAX_MANIFEST_PARTS = 64  # beyond this many appended parts the manifest is stored whole again


def read_info(conn: sqlite3.Connection) -> dict[str, str] | None:
    """build_info without the stored manifest; None when there is none."""
    try:
        return dict(conn.execute("SELECT key, value FROM build_info WHERE key = 'manifest_sha256' OR key NOT LIKE 'manifest%'"))
    except sqlite3.Error:
        return None


def cached_manifest(path, manifest_sha256: str) -> dict | None:
    """The manifest as the last build parsed it (with the entries appended since), if
    manifest.yml has the same sha256 and the archive was built under this version."""
    if not Path(path).exists():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        info = dict(conn.execute("SELECT key, value FROM build_info WHERE key IN ('manifest_sha256', 'version')"))
        if info.get("manifest_sha256") != manifest_sha256 or info.get("version") != build_version():
            return None
        whole = conn.execute("SELECT value FROM build_info WHERE key = 'manifest'").fetchone()
        if whole is None:
            return None
        manifest = json.loads(whole[0])
        parts = conn.execute("SELECT key, value FROM build_info WHERE key LIKE ?", (MANIFEST_PARTS + "%",)).fetchall()
        for _, value in sorted(parts, key=lambda row: int(row[0][len(MANIFEST_PARTS):])):
            manifest.update(json.loads(value))
        return manifest
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()


def entry_fingerprint(entry: dict | None) -> str:
    return json.dumps(strip_lines(entry), sort_keys=True, default=str)


def registries_fingerprint(registries) -> str:
    """The registries the rows depend on: publishers and affiliations (as parsed), speakers.yml
    and names.yml (as bytes)."""
    data = {
        "publishers": strip_lines(registries.publishers), "affiliations": strip_lines(registries.affiliations),
        "speakers": registries.fingerprints.get("speakers.yml"), "names": registries.fingerprints.get("names.yml"),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def file_sha256(path: Path | str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


# Publisher ids that name no site: a document under one of them shares its lines with no other
# (issue 12: unrelated unattributed files are never pooled, so their common lines are kept).
NO_SITE = (UNKNOWN_PUBLISHER, UNKNOWN_PREFIX + "no-url")


def line_group(publisher_id: str | None) -> str | None:
    """The group within which a document's short lines are counted as repeated: its publisher,
    or for a file without one the domain of its URL (``unknown:<domain>``); None when neither is
    known, and the document stands alone."""
    return None if publisher_id is None or publisher_id in NO_SITE else publisher_id


def repeated_from_counts(line_counts, documents) -> dict[str, dict[str, int]]:
    """The lines that count as repeated boilerplate, per publisher, from (publisher, line, count)
    rows and each publisher's number of documents. The full build and the update both use it."""
    repeated: dict[str, dict[str, int]] = collections.defaultdict(dict)
    for publisher_id, key, count in line_counts:
        if count >= repeated_threshold(documents.get(publisher_id, 0)):
            repeated[publisher_id][key] = count
    return dict(repeated)


def minimum_threshold(documents: dict[str, int]) -> int:
    return min((repeated_threshold(n) for n in documents.values()), default=0)


@dataclass
class Plan:
    """What an update redoes. ``redo``: (path, source_path, entry) of the files read again;
    ``gone``: source paths whose old rows are deleted (the redone and the deleted files)."""

    changed: list = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    redo: list = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)  # source_path -> (size, mtime_ns)
    publisher_documents: dict[str, int] = field(default_factory=dict)  # after the update
    line_delta: dict[str, dict[str, int]] = field(default_factory=dict)  # publisher -> line -> change
    reasons: list[tuple[str, int]] = field(default_factory=list)  # (new reason, removed.id) to reword


def why_full(info: dict | None, registries) -> str | None:
    """Why the archive must be rebuilt in full (None: an update will do)."""
    if info is None:
        return "the archive has no build state"
    if info.get("version") != build_version():
        return f"the archive was built under {info.get('version') or 'older code'}, this is {build_version()}"
    if info.get("registries") != registries_fingerprint(registries):
        return "the registries changed since the last build"
    return None


def plan(conn: sqlite3.Connection, registries, files, line_keys, log=print, same_manifest: bool = False) -> Plan | None:
    """What to redo to bring the archive up to date with ``files``; None when a full build is needed.

    ``line_keys(path, source_path, entry)`` is the full build's first pass over one file:
    (publisher, keys of its short lines) per document. ``same_manifest``: manifest.yml has the
    sha256 the archive was last built from, so every stored entry fingerprint is the current
    one's (each build stores them all with that sha256) and they are not compared again.
    """
    info = read_info(conn)
    reason = why_full(info, registries)
    if reason is None and conn.execute(
            f"SELECT 1 FROM build_publishers WHERE publisher_id IN ({', '.join('?' * len(NO_SITE))}) AND documents > 0",
            NO_SITE).fetchone():
        reason = "the archive counted repeated lines of unattributed files together (older rules)"
    if reason:
        log(f"{reason}: full rebuild")
        return None
    result = Plan()
    # the stored entry fingerprints only when they are compared (they are most of the table's bytes)
    previous = {row[0]: row[1:] for row in conn.execute(
        f"SELECT source_path, size, mtime_ns, sha256, {'NULL' if same_manifest else 'entry'} FROM build_sources")}
    current = set()
    for item in files:
        path, source_path, entry = item
        current.add(source_path)
        try:
            stat = os.stat(path)
        except OSError:
            result.changed.append(item)
            continue
        result.stats[source_path] = (stat.st_size, stat.st_mtime_ns)
        old = previous.get(source_path)
        if old is None:
            result.changed.append(item)
            continue
        if not same_manifest and old[3] != entry_fingerprint(entry):
            result.changed.append(item)
            continue
        if (old[0], old[1]) == (stat.st_size, stat.st_mtime_ns):
            continue
        if old[2] and file_sha256(path) == old[2]:
            continue
        result.changed.append(item)
    result.deleted = sorted(set(previous) - current)
    if any(path.lower().endswith(WEB_SUFFIXES) for path in [s for _, s, _ in result.changed] + result.deleted):
        log("web pages or archives changed since the last build: full rebuild")
        return None
    # 1. line counts: take out the old documents of changed and deleted files, add the new ones
    old_documents = dict(conn.execute("SELECT publisher_id, documents FROM build_publishers"))
    documents = collections.Counter(old_documents)
    touched = [s for _, s, _ in result.changed if s in previous] + result.deleted
    delta: dict = collections.defaultdict(collections.Counter)
    from .clean import boilerplate_candidates

    for source_path in touched:
        for publisher_id, text in conn.execute("SELECT publisher_id, text FROM documents WHERE source_path = ?", (source_path,)):
            if line_group(publisher_id) is None:
                continue
            documents[publisher_id] -= 1
            delta[publisher_id].subtract(boilerplate_candidates(text))
    for path, source_path, entry in result.changed:
        for publisher_id, keys in line_keys(path, source_path, entry):
            if line_group(publisher_id) is None:
                continue
            documents[publisher_id] += 1
            delta[publisher_id].update(keys)
    redo_publishers = set()
    for publisher_id, counts in delta.items():
        old_threshold = repeated_threshold(old_documents.get(publisher_id, 0))
        new_threshold = repeated_threshold(documents[publisher_id])
        stored = dict(conn.execute("SELECT key, documents FROM build_lines WHERE publisher_id = ? AND documents >= ?",
                                   (publisher_id, min(old_threshold, new_threshold) - max([0] + list(counts.values())))))
        old = {k: n for k, n in stored.items() if n >= old_threshold}
        after = dict(stored)
        for key, change in counts.items():
            if not change:
                continue
            if key not in stored:
                row = conn.execute("SELECT documents FROM build_lines WHERE publisher_id = ? AND key = ?", (publisher_id, key)).fetchone()
                stored[key] = row[0] if row else 0
            after[key] = stored[key] + change
        new = {k: n for k, n in after.items() if n >= new_threshold}
        result.line_delta[publisher_id] = {k: n for k, n in counts.items() if n}
        if set(new) != set(old):
            redo_publishers.add(publisher_id)
        elif new != old:
            # same lines removed, other counts in the reason: reword the reasons in place (a
            # repeated line is removed from many documents: each text is reworded once)
            reworded: dict[str, str | None] = {}
            for row_id, text in conn.execute(
                "SELECT removed.id, removed.text FROM removed JOIN documents ON documents.id = removed.document_id "
                "WHERE documents.publisher_id = ? AND removed.reason LIKE 'repeated in %'", (publisher_id,)).fetchall():
                if text not in reworded:
                    key = line_key(text)
                    reworded[text] = clean(text, {key: new[key]}).removed[0].reason if key in new and new[key] != old.get(key) else None
                if reworded[text] is not None:
                    result.reasons.append((reworded[text], row_id))
    result.publisher_documents = {p: n for p, n in documents.items() if n > 0}
    # 2. what to redo: changed files, and every file of a publisher whose repeated lines changed
    redo_paths = {source_path for _, source_path, _ in result.changed}
    for publisher_id in redo_publishers:
        redo_paths.update(row[0] for row in conn.execute("SELECT source_path FROM documents WHERE publisher_id = ?", (publisher_id,)))
    result.redo = [item for item in files if item[1] in redo_paths]
    result.gone = sorted(redo_paths | set(result.deleted))
    return result
