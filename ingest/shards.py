"""The archive in shards (``archive build --shard-by``) and one file again (``archive merge``).

A shard is a complete archive file for a part of the documents: its documents and every row they
put in (passages, statements, removed spans, captures, figures, mentions), the registries and the
reuse clusters whole, its own full-text indexes, facet tables and indexes (``store.finish``), and
the build's metadata (``build_info``). Rows keep the rowid they have in the single archive, so
that the shards together hold exactly its rows, and ``merge`` writes that archive's rows again
(one writer, each FTS index built once over the merged table).

The shards are cut from the archive the build has just written (every id is made once, by the
same reduce), and written in parallel: on the Dask cluster when there is one (the database folder
is then a shared filesystem), else over a local process pool. A manifest,
``<db stem>.shards.json`` next to the database, lists them; it is replaced last, so a failed
build leaves the previous shards and manifest as they were.

The incremental-build state (``build_sources``, ``build_lines``, the reuse index) stays in the
single archive only: a shard or a merged file is for serving.
"""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import os
import re
import shutil
import sqlite3
import threading
import time
from pathlib import Path

from . import build, store
from .errors import ArchiveError

MANIFEST_VERSION = 1
# tables whose rows belong to a document: (table, how a row is chosen from the shard's documents)
BY_DOCUMENT = [
    ("documents", "id IN (SELECT id FROM temp.shard_documents)"),
    ("passages", "document_id IN (SELECT id FROM temp.shard_documents)"),
    ("statements", "document_id IN (SELECT id FROM temp.shard_documents)"),
    ("removed", "document_id IN (SELECT id FROM temp.shard_documents)"),
    ("captures", "document_id IN (SELECT id FROM temp.shard_documents)"),
    ("figures", "passage_id IN (SELECT id FROM main.passages)"),
    ("mentions", "passage_id IN (SELECT id FROM main.passages)"),
]
WHOLE = ["affiliations", "publishers", "speakers", "actors", "reuse_clusters", "build_info"]  # in every shard
FIRST_ONLY = ["problems"]  # per file, not per document: kept by the first shard
CONTENT = [table for table, _ in BY_DOCUMENT] + FIRST_ONLY
COUNTED = ("documents", "passages", "statements", "figures")


def manifest_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".shards.json")


def shards_folder_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".shards")


def parse_shard_by(value: str) -> tuple[str, int]:
    """``year``, ``publisher`` or a number of shards N >= 1; anything else is a one-line error."""
    if value in ("year", "publisher"):
        return value, 0
    if value.isdigit() and int(value) >= 1:
        return "count", int(value)
    raise ArchiveError(f"--shard-by {value!r}: expected year, publisher or a number of shards (1 or more)")


def plan_shards(db_path: Path, shard_by: str) -> list[dict]:
    """The shards of a built archive: each a label and the SQL that picks its documents."""
    kind, count = parse_shard_by(shard_by)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        if kind == "year":
            values = [row[0] for row in conn.execute(
                "SELECT DISTINCT coalesce(substr(published, 1, 4), '') FROM documents ORDER BY 1")]
            return [{"label": value or "undated", "where": "coalesce(substr(published, 1, 4), '') = ?", "params": [value]}
                    for value in values]
        if kind == "publisher":
            values = [row[0] for row in conn.execute(
                "SELECT DISTINCT coalesce(publisher_id, '') FROM documents ORDER BY 1")]
            return [{"label": value or "none", "where": "coalesce(publisher_id, '') = ?", "params": [value]}
                    for value in values]
        rowids = [row[0] for row in conn.execute("SELECT rowid FROM documents ORDER BY rowid")]
    finally:
        conn.close()
    shards = []
    for i in range(count):
        part = rowids[len(rowids) * i // count:len(rowids) * (i + 1) // count]
        low, high = (part[0], part[-1]) if part else (0, -1)
        shards.append({"label": f"{i + 1}-of-{count}", "where": "rowid BETWEEN ? AND ?", "params": [low, high]})
    return shards


def file_name(index: int, label: str) -> str:
    return f"{index:03d}-{re.sub(r'[^A-Za-z0-9._-]+', '_', label)}.db"


def columns_of(conn, table: str, database: str = "main") -> tuple[list[str], bool]:
    """The columns of ``table`` and whether its rowid must be copied (no INTEGER PRIMARY KEY)."""
    info = conn.execute(f'PRAGMA {database}.table_info("{table}")').fetchall()
    aliased = any(row[5] == 1 and (row[2] or "").upper() == "INTEGER" for row in info) and sum(row[5] > 0 for row in info) == 1
    return [row[1] for row in info], not aliased


def copy_table(conn, table: str, source: str, where: str = "1", params=()) -> int:
    """Copy the chosen rows of ``source.table`` into ``main.table``, each keeping its rowid."""
    columns, with_rowid = columns_of(conn, table, source)
    names = ", ".join(f'"{c}"' for c in columns)
    target = f"rowid, {names}" if with_rowid else names
    return conn.execute(f'INSERT INTO main."{table}" ({target}) SELECT {target} FROM {source}."{table}" '
                        f"WHERE {where} ORDER BY rowid", params).rowcount


def contiguous_range(conn, table: str, chosen: str) -> tuple[int, int] | None:
    """The rowids ``lo, hi`` of ``archive.table``'s rows chosen by ``chosen`` when they are every
    row from ``lo`` to ``hi`` (found through the index on the column ``chosen`` tests), else None.
    A build writes a document's rows together, in document order, so the rows of a run of
    documents (a shard by N) are one run of rowids: copied by a range scan, not by probing the
    index for each document and sorting."""
    lo, hi, n = conn.execute(f'SELECT min(rowid), max(rowid), count(*) FROM archive."{table}" WHERE {chosen}').fetchone()
    if n and hi - lo + 1 == n:
        return lo, hi
    return None


def write_shard(db_path: str, target: str, where: str, params: list, first: bool) -> dict:
    """Write one shard of the archive at ``db_path`` into ``target``: its rows, then its FTS
    indexes, facet tables and indexes. Returns its row counts, which tables were copied as one
    range of rowids, and its wall and CPU seconds. Runs in a worker."""
    started, cpu = time.monotonic(), time.process_time()
    Path(target).unlink(missing_ok=True)
    conn = store.connect(target)
    try:
        store.create_schema(conn)
        conn.execute("ATTACH DATABASE ? AS archive", (db_path,))
        conn.execute("BEGIN")
        conn.execute(f"CREATE TEMP TABLE shard_documents AS SELECT id FROM archive.documents WHERE {where}", params)
        counts, ranged = {}, []
        for table, chosen in BY_DOCUMENT:
            span = contiguous_range(conn, table, chosen)
            if span is not None:
                ranged.append(table)
                counts[table] = copy_table(conn, table, "archive", "rowid BETWEEN ? AND ?", span)
            else:
                counts[table] = copy_table(conn, table, "archive", chosen)
        for table in WHOLE + (FIRST_ONLY if first else []):
            copy_table(conn, table, "archive")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE archive")
        store.finish(conn)
    finally:
        conn.close()
    return {**{k: counts[k] for k in COUNTED}, "ranged": ranged, "seconds": round(time.monotonic() - started, 3),
            "cpu_seconds": round(time.process_time() - cpu, 3)}


def write_shards(db_path: Path, shard_by: str, client=None, workers: int | None = None, log=print) -> dict:
    """Cut the built archive at ``db_path`` into shards, written in parallel (on ``client``, a
    Dask client, else over ``workers`` processes), and write the manifest. Returns the manifest."""
    db_path = Path(db_path)
    kind, _ = parse_shard_by(shard_by)
    shards = plan_shards(db_path, shard_by)
    folder = shards_folder_for(db_path)
    staging = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        jobs = [(str(db_path.resolve()), str((staging / file_name(i, s["label"])).resolve()), s["where"], s["params"], i == 0)
                for i, s in enumerate(shards)]
        started = time.monotonic()
        results = run_parallel(write_shard, jobs, client, workers)
        seconds = time.monotonic() - started
        manifest = {
            "version": MANIFEST_VERSION,
            "database": db_path.name,
            "shard_by": shard_by,
            "kind": kind,
            "seconds": round(seconds, 3),
            "shards": [
                {"label": s["label"], "path": f"{folder.name}/{file_name(i, s['label'])}", "where": s["where"],
                 "params": s["params"], **{k: r[k] for k in COUNTED},
                 "seconds": r["seconds"], "cpu_seconds": r["cpu_seconds"]}
                for i, (s, r) in enumerate(zip(shards, results))
            ],
        }
        manifest["totals"] = {k: sum(s[k] for s in manifest["shards"]) for k in COUNTED}
        old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
        if folder.exists():
            os.replace(folder, old)
        os.replace(staging, folder)
        shutil.rmtree(old, ignore_errors=True)
        manifest_path = manifest_path_for(db_path)
        temporary = manifest_path.with_name(f".{manifest_path.name}.tmp")
        temporary.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, manifest_path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"Wrote {len(shards)} shards by {shard_by} in {seconds:.1f}s: {manifest_path}")
    return manifest


def run_parallel(function, jobs: list[tuple], client=None, workers: int | None = None) -> list:
    """``function(*job)`` for each job, in parallel, results in order."""
    if client is not None:
        from .cluster import TASK_TIMEOUT, require_dask
        distributed = require_dask()
        futures = [client.submit(function, *job, pure=False, retries=1) for job in jobs]
        try:
            return [future.result(timeout=TASK_TIMEOUT) for future in futures]
        except (distributed.scheduler.KilledWorker, TimeoutError, OSError) as error:
            raise ArchiveError(f"the Dask cluster could not write the shards ({type(error).__name__}); "
                               "the previous shards are unchanged") from None
    workers = min(len(jobs), workers or build.default_workers())
    if workers <= 1:
        return [function(*job) for job in jobs]
    # fork when this process has no other thread (nothing to import again: a forkserver's child
    # imports the main module, the whole CLI, before its first shard); else forkserver
    method = "fork" if threading.active_count() == 1 else "forkserver"
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        return list(pool.map(function, *zip(*jobs)))


def read_manifest(manifest_path: Path) -> dict:
    manifest_path = Path(manifest_path)
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArchiveError(f"{manifest_path}: no such shards manifest") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError(f"{manifest_path}: not a shards manifest ({error})") from None
    if not isinstance(manifest, dict) or manifest.get("version") != MANIFEST_VERSION or not isinstance(manifest.get("shards"), list):
        raise ArchiveError(f"{manifest_path}: not a shards manifest (version {MANIFEST_VERSION} with a list of shards expected)")
    for shard in manifest["shards"]:
        path = manifest_path.parent / str(shard.get("path"))
        if not path.is_file():
            raise ArchiveError(f"{manifest_path}: shard {shard.get('label')!r} is missing ({path})")
        shard["file"] = path
    return manifest


def merge_shards(manifest_path: Path, db_path: Path) -> str:
    """Write one archive at ``db_path`` from the shards a manifest lists: their rows (each with
    its rowid), the registries of the first, then the FTS indexes, facet tables and indexes once.
    Atomic: the file appears complete or not at all."""
    started = time.monotonic()
    manifest = read_manifest(manifest_path)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.merge.tmp")
    temporary.unlink(missing_ok=True)
    try:
        conn = store.connect(temporary)
        try:
            store.create_schema(conn)
            for i, shard in enumerate(manifest["shards"]):
                conn.execute("ATTACH DATABASE ? AS shard", (str(shard["file"]),))
                conn.execute("BEGIN")
                for table in CONTENT:
                    copy_table(conn, table, "shard")
                if i == 0:
                    for table in WHOLE:
                        copy_table(conn, table, "shard")
                conn.execute("COMMIT")
                conn.execute("DETACH DATABASE shard")
            store.finish(conn)
            counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
        finally:
            conn.close()
        expected = manifest.get("totals") or {}
        for table, count in counts.items():
            if table in expected and expected[table] != count:
                raise ArchiveError(f"{manifest_path}: the shards hold {count} {table}, the manifest says {expected[table]}")
        os.replace(temporary, db_path)
    except sqlite3.Error as error:
        raise ArchiveError(f"{db_path}: could not merge the shards ({error})") from None
    finally:
        temporary.unlink(missing_ok=True)
    return (f"Merged {len(manifest['shards'])} shards into {db_path}: {counts['documents']} documents, "
            f"{counts['passages']} passages, {counts['statements']} statements in {time.monotonic() - started:.1f}s")


def run_cluster_build(sources: Path, db_path: Path, cluster: str | None = None, ship: bool = False,
                      shard_by: str | None = None, echo=print, echo_report=None, **options):
    """``archive build`` with --cluster and/or --shard-by: the build (on the cluster when given),
    then the shards (on the cluster when given)."""
    if shard_by is not None:
        parse_shard_by(shard_by)  # a bad value fails before anything runs
    log = options.pop("log", None) or (lambda line: echo(line, err=True) if echo is not print else print(line))
    progress = build.Progress(echo)
    if cluster:
        from .cluster import client_for, using
        with client_for(cluster) as client, using(client, ship_files=ship):
            report = build.build(sources, db_path, log=log, progress=progress, **options)
            (echo_report or (lambda r: echo(r.summary())))(report)
            if shard_by:
                # without a shared filesystem (--ship) the shards are written here
                write_shards(db_path, shard_by, client=None if ship else client, workers=options.get("workers"), log=echo)
        return report
    report = build.build(sources, db_path, log=log, progress=progress, **options)
    (echo_report or (lambda r: echo(r.summary())))(report)
    if shard_by:
        write_shards(db_path, shard_by, workers=options.get("workers"), log=echo)
    return report


def set_name(manifest_path: Path, manifest: dict | None = None) -> str:
    """The name the shards are served under: the stem of the database they were cut from
    (``archive``); the search across them is ``/-/shards/<name>/search``."""
    manifest = manifest if manifest is not None else read_manifest(manifest_path)
    return Path(str(manifest.get("database") or Path(manifest_path).name.removesuffix(".json").removesuffix(".shards"))).stem


def database_name(path: Path) -> str:
    """The name Datasette gives a served file: its stem."""
    return Path(path).stem


def serving_metadata(manifest_path: Path, metadata: dict) -> tuple[dict, dict]:
    """Datasette's metadata for serving a manifest's shards as one archive, and the settings every
    shard gets: those of the database the shards were cut from (descriptions, hidden tables,
    facets, labels, canned queries). The ``shards`` plugin is told the manifest. Plugin settings
    that name that database (a dashboard over ``archive``) are dropped: on one shard they would
    count a part of the archive as if it were all of it.

    The shards' settings are kept apart (``write_serving_metadata`` writes them to a file of their
    own, which plugins/shards.py gives Datasette one shard at a time): Datasette 0.65 copies its
    whole metadata for every table permission check, so a copy per shard in it would make each
    check of each shard as slow as the number of shards."""
    manifest = read_manifest(manifest_path)
    source = set_name(manifest_path, manifest)
    metadata = json.loads(json.dumps(metadata or {}))
    databases = metadata.get("databases") or {}
    settings = databases.pop(source, None) or {}
    metadata["databases"] = databases
    plugins = {name: config for name, config in (metadata.get("plugins") or {}).items()
               if not (isinstance(config, dict) and source in config)}
    plugins["shards"] = {"manifests": [str(Path(manifest_path).resolve())]}
    metadata["plugins"] = plugins
    for key in ("description_html", "description"):  # the search across shards, not one shard's
        if isinstance(metadata.get(key), str):
            metadata[key] = metadata[key].replace(f"/{source}/-/search", f"/-/shards/{source}/search")
    shared = {"databases": [database_name(shard["file"]) for shard in manifest["shards"]], "settings": settings}
    return metadata, shared


def write_serving_metadata(manifest_path: Path, metadata: dict) -> Path:
    """Write ``serving_metadata`` beside the manifest (``<stem>-metadata.json``, given to
    Datasette, and ``<stem>-databases.json``, the shards' settings, named in the first); returns
    the first's path."""
    metadata, shared = serving_metadata(manifest_path, metadata)
    stem = Path(manifest_path).name.removesuffix(".json")
    shared_path = Path(manifest_path).with_name(f"{stem}-databases.json")
    metadata["plugins"]["shards"]["database_metadata"] = str(shared_path.resolve())
    metadata_path = Path(manifest_path).with_name(f"{stem}-metadata.json")
    for path, content in ((shared_path, shared), (metadata_path, metadata)):
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    return metadata_path


def shard_paths(manifest_path: Path) -> list[Path]:
    """The files of a manifest's shards, checked to exist (one-line ArchiveError otherwise)."""
    return [Path(shard["file"]) for shard in read_manifest(manifest_path)["shards"]]
