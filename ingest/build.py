"""Build: sources/ -> db/archive.db, all or nothing.

1. Load and validate the manifest and every registry (a fault stops the build before anything is
   written).
2. First pass over the articles: which short lines repeat across each publisher's documents.
3. Second pass, in a pool of worker processes: read -> clean -> split -> attribute each document,
   and analyse it (statements, figures, mentions, reuse sketches) into rows. One writer
   (``ingest.store``) stores them in a temporary file, clusters the reuse sketches, builds the
   full-text indexes and the indexes, and the file is renamed into place.
An existing archive is updated in place instead when ``ingest.incremental.plan`` says how; the
update writes through the same store functions.
A file that cannot be read is skipped with a one-line problem, listed in the `problems` table.
"""

from __future__ import annotations

import collections
import fcntl
import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import sqlite3
import sys
import threading
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import click
import numpy as np

from . import incremental, reuse, schema, store
from .clean import boilerplate_candidates, clean
from .errors import ArchiveError, BuildLockedError, SourceFileError
from .guard import reading
from .incremental import entry_fingerprint, line_group, minimum_threshold, registries_fingerprint, repeated_from_counts
from .model import Passage, Source, Statement
from .language import document_language, preload as preload_language, unload as unload_language
from .read import list_article_paths, name_problem, printable_path, read_text_file
from .registry import LINE, Registries, load_registries
from .split import split
# web pages and archives (issue 4)
from .captures import group_captures, normalise_url, text_sha256
from .domains import publisher_for_url

UNKNOWN_PUBLISHER = store.UNKNOWN_PUBLISHER


# The readers of web formats, and the analysis modules, are imported when first used: a build
# with nothing to redo, or an add of text files, does not pay for importing them (~0.5 s).
def read_html_file(path: Path, source_path: str):
    from .html import read_html_file as read
    return read(path, source_path)


def read_warc_file(path: Path, source_path: str):
    from .warc import read_warc_file as read
    return read(path, source_path)


def read_wacz_file(path: Path, source_path: str):
    from .warc import read_wacz_file as read
    return read(path, source_path)


READERS = {
    ".txt": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
    ".wacz": read_wacz_file,
}


def file_type(path: Path) -> str:
    """The reader key of a file: its suffix, or ``.warc.gz`` for gzipped WARCs."""
    return ".warc.gz" if path.name.lower().endswith(".warc.gz") else path.suffix.lower()


@dataclass
class BuildReport:
    db_path: Path
    documents: int = 0
    passages: int = 0
    removed: int = 0
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (path, severity, problem)
    seconds: float = 0.0
    unregistered_speakers: dict[str, dict] = field(default_factory=dict)  # id -> speaker row, not in speakers.yml
    unknown_publishers: list[str] = field(default_factory=list)  # unknown:<domain>, not in publishers.yml
    statements: int = 0

    def summary(self) -> str:
        errors = sum(1 for _, severity, _ in self.problems if severity == "error")
        return (
            f"Built {self.db_path}: {self.documents} documents, {self.passages} passages, "
            f"{self.removed} removed spans, {errors} files skipped, "
            f"{len(self.problems) - errors} warnings in {self.seconds:.1f}s"
        )


def document_id(source: Source) -> str:
    """Stable id of a document: from its source path (and record key inside an archive file)."""
    key = source.source_path + ("#" + source.key if source.key else "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def passage_id(doc_id: str, text: str, occurrence: int, normalised: str | None = None) -> str:
    """Stable id of a passage: its document and its text (the n-th passage with that text).
    ``normalised``: ``' '.join(text.split())`` when the caller has it already."""
    if normalised is None:
        normalised = " ".join(text.split())
    digest = hashlib.sha1(f"{occurrence}\0{normalised}".encode("utf-8")).hexdigest()[:8]
    return f"{doc_id}-{digest}"


def read_sources(path: Path, source_path: str, articles: Path) -> list[Source]:
    """Read one file into its documents; raises SourceFileError for what cannot be read."""
    with reading(source_path):
        return read_file_sources(path, source_path, articles)


def read_file_sources(path: Path, source_path: str, articles: Path) -> list[Source]:
    """The documents of one file; for a web archive, a ``warc.Documents`` whose ``problems``
    lists the records it refused. A name that is not valid UTF-8 is refused before reading."""
    refused = name_problem(path)
    if refused:
        raise SourceFileError(printable_path(source_path), refused)
    if path.is_symlink() and not path.resolve().is_relative_to(articles.resolve()):
        raise SourceFileError(source_path, "a symbolic link pointing outside sources/articles/")
    reader = READERS.get(file_type(path))
    if reader is None:
        raise SourceFileError(source_path, f"unsupported file type {path.suffix or '(none)'!r} (supported: {', '.join(sorted(READERS))})")
    sources = reader(path, source_path)
    return sources if isinstance(sources, list) else [sources]


def publisher_of(source: Source, entry: dict | None, registries: Registries) -> str:
    """The manifest's publisher, else the one whose domain the page is on (the URL in the
    manifest, else the page's own), else unknown.

    A page on a domain no publisher lists gets ``unknown:<domain>``."""
    if entry and entry.get("publisher"):
        return entry["publisher"]
    url = (entry or {}).get("url") or source.url
    if url:
        return publisher_for_url(url, registries.publishers)
    return UNKNOWN_PUBLISHER


DETECT = object()  # document_rows's ``language`` when the caller has not detected it


def document_rows(source: Source, entry: dict | None, registries: Registries, repeated: dict[str, dict[str, int]],
                  speaker_registry=None, lexicon=None, language=DETECT) -> dict:
    """Everything one document contributes to the database, as rows. Pure: knows no database.

    Besides the document, its passages and removed spans: the statements of each passage, the
    figures and the mentions (with ``lexicon``), the voices found that the registry lacks, and the
    reuse sketch of the passages (``reuse.Sketch``, clustered by the writer). ``language``: the
    document's ``document_language``, when the caller has it already.
    """
    from .attribute import attribute_document
    from .claims import figure_rows, mention_rows

    entry = entry or {}
    doc_id = document_id(source)
    publisher_id = publisher_of(source, entry, registries)
    publisher = registries.publishers.get(publisher_id, {})
    affiliation_id = publisher.get("affiliation")
    published = entry.get("published") or source.published
    basis = entry.get("published_basis") if entry.get("published") else source.published_basis
    document = {
        "id": doc_id,
        "title": entry.get("title", source.title),
        "url": entry.get("url") or source.url,
        "publisher_id": publisher_id,
        "published": published,
        "published_basis": basis if published else (basis or "unknown: no date in the manifest or the file"),
        "retrieved": entry.get("retrieved") or source.retrieved,
        "source_path": source.source_path,
        "sha256": source.sha256,
        "format": source.format,
        "encoding": source.encoding,
        "text": source.text,
        "language": document_language(source.text, entry.get("language")) if language is DETECT else language,
    }
    language = document["language"]  # its passages and statements are taken to be in it
    cleaned = clean(source.text, repeated.get(publisher_id), hints=None if source.format == "txt" else source.hints)
    passages = split(source.text, cleaned.kept, source.hints)
    seen: collections.Counter = collections.Counter()
    passage_rows, statement_rows_, figure_rows_, mention_rows_, speakers = [], [], [], [], {}
    if speaker_registry is not None:
        for new in attribute_document(passages, speaker_registry):
            speakers[new["id"]] = {
                "id": new["id"], "name": new["name"], "handle": new.get("handle"),
                "affiliation_id": None, "description": new["description"], "type": new.get("type"),
                "member_of": new.get("member_of"),
            }
    for seq, passage in enumerate(passages, start=1):
        normalised = " ".join(passage.text.split())
        seen[normalised] += 1
        if passage.tweet_handle and not passage.speaker_id:
            passage.speaker_id = passage.tweet_handle.lower()
            passage.attribution = "tweet"
            speakers[passage.speaker_id] = {
                "id": passage.speaker_id,
                "name": passage.tweet_author,
                "handle": passage.tweet_handle,
                "affiliation_id": None,
                "description": "not in registry (tweet author)",
                "type": "person",
            }
        row = {
            "id": passage_id(doc_id, passage.text, seen[normalised], normalised),
            "document_id": doc_id,
            "seq": seq,
            "kind": passage.kind,
            "text": passage.text,
            "start": passage.start,
            "end": passage.end,
            "publisher_id": publisher_id,
            "affiliation_id": affiliation_id,
            "published": published,
            "year": int(published[:4]) if published else None,
            "speaker_id": passage.speaker_id,
            "speaker_affiliation_id": speaker_affiliation(passage.speaker_id, speaker_registry),
            "attribution": passage.attribution,
            "attribution_cue": passage.attribution_cue,
            "said_on": passage.said_on,
            "language": language,
        }
        passage_rows.append(row)
        voiced = bool(passage.statements)
        statements = statement_rows(row, passage.statements or whole_passage_statements(passage),
                                    speaker_registry, speakers)
        for statement in statements:
            statement["language"] = language
        statement_rows_ += statements
        figure_rows_ += figure_rows(row, statements, voiced=voiced)
        if lexicon is not None:
            mention_rows_ += mention_rows(row, lexicon)
    removed_rows = [
        {"document_id": doc_id, "start": r.start, "end": r.end, "text": r.text, "reason": r.reason}
        for r in cleaned.removed
    ]
    return {
        "document": document, "passages": passage_rows, "statements": statement_rows_, "removed": removed_rows,
        "figures": figure_rows_, "mentions": mention_rows_, "speakers": speakers,
    }


def whole_passage_statements(passage: Passage) -> list[Statement]:
    """One statement covering the whole passage, with the passage's own voice: what a passage
    gets while attribution leaves its ``statements`` empty. (Delete once attribution always
    fills them.)"""
    return [Statement(start=0, end=len(passage.text), speaker_id=passage.speaker_id,
                      attribution=passage.attribution, cue=passage.attribution_cue, said_on=passage.said_on)]


def statement_rows(passage: dict, statements: list[Statement], speaker_registry,
                   found: dict[str, dict]) -> list[dict]:
    """The ``statements`` rows of one passage row: offsets into the document, the voice and the
    channel. Pure."""
    rows = []
    for seq, statement in enumerate(statements, start=1):
        speaker_id = statement.speaker_id
        if speaker_id:
            voice = "named"
        elif statement.attribution:
            voice = "unnamed"
        else:
            voice = "outlet"
        rows.append({
            "id": f"{passage['id']}-{seq}",
            "passage_id": passage["id"],
            "document_id": passage["document_id"],
            "seq": seq,
            "start": passage["start"] + statement.start,
            "end": passage["start"] + statement.end,
            "text": passage["text"][statement.start:statement.end],
            "speaker_id": speaker_id,
            "speaker_affiliation_id": speaker_affiliation(speaker_id, speaker_registry),
            "speaker_role": statement.role,
            "speaker_organisation_id": speaker_organisation(speaker_id, speaker_registry, found),
            "voice": voice,
            "attribution": statement.attribution,
            "cue": statement.cue,
            "said_on": statement.said_on,
            "publisher_id": passage["publisher_id"],
            "affiliation_id": passage["affiliation_id"],
            "published": passage["published"],
            "year": passage["year"],
        })
    return rows


def speaker_affiliation(speaker_id: str | None, speaker_registry) -> str | None:
    if speaker_id is None or speaker_registry is None:
        return None
    return (speaker_registry.speakers.get(speaker_id) or {}).get("affiliation")


def speaker_organisation(speaker_id: str | None, speaker_registry, found: dict) -> str | None:
    """The organisation or body a voice speaks for: its ``member_of`` in speakers.yml, or itself
    when it is an organisation or a body (Agnès Callamard's words count under Amnesty International)."""
    if speaker_id is None:
        return None
    entry = (speaker_registry.speakers.get(speaker_id) if speaker_registry is not None else None) or found.get(speaker_id) or {}
    if entry.get("member_of"):
        return entry["member_of"]
    if entry.get("type") in store.ORGANISATION_TYPES:
        return speaker_id
    return None


def file_line_keys(path: Path | str, source_path: str, entry: dict | None) -> list[tuple[str, set[str]]]:
    """First pass over one file: (publisher, keys of its short lines) per document whose lines
    are counted with others (``incremental.line_group``: not a document that stands alone); []
    if unreadable."""
    path = Path(path)
    try:
        sources = read_sources(path, source_path, WORKER["articles"])
    except ArchiveError:
        return []
    registries = WORKER["registries"]
    found = ((publisher_of(source, entry, registries), source) for source in sources)
    return [(publisher_id, boilerplate_candidates(source.text)) for publisher_id, source in found
            if line_group(publisher_id) is not None]


def count_repeated_lines(files, articles: Path, registries: Registries, workers: int = 1, scratch: Path | None = None,
                         advance=None):
    """First pass: per publisher, the short lines that repeat in enough of its documents.

    Memory stays bounded: the (publisher, line) pairs go to a scratch SQLite file and are
    counted there. Returns ``(repeated, scratch, publisher_documents)``; the scratch file's
    ``line_counts`` table holds every (publisher_id, key, documents), which the archive keeps
    for incremental builds (the caller deletes the file).
    """
    conn = sqlite3.connect(str(scratch) if scratch else ":memory:", isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        schema.scratch_shape(conn)
        conn.execute("BEGIN")
        documents: collections.Counter = collections.Counter()
        for per_document in pooled(file_line_keys, files, workers, {"articles": articles, "registries": registries}):
            for publisher_id, keys in per_document:
                documents[publisher_id] += 1
                conn.executemany("INSERT INTO lines VALUES (?, ?)", ((publisher_id, key) for key in keys))
            if advance:
                advance(1)
        conn.execute(
            "CREATE TABLE line_counts AS SELECT publisher_id, key, count(*) AS documents FROM lines "
            "GROUP BY publisher_id, key ORDER BY publisher_id, key")
        conn.execute("DROP TABLE lines")
        conn.execute("COMMIT")
        repeated = repeated_from_counts(
            conn.execute("SELECT publisher_id, key, documents FROM line_counts WHERE documents >= ?",
                         (minimum_threshold(documents),)), documents)
    finally:
        conn.close()
    return repeated, scratch, dict(documents)


# What a worker process needs, set once per pool (or in-process for a serial build).
WORKER: dict = {}
BATCH_FILES = 2000  # files in flight at once: bounds memory whatever the corpus size


def set_worker(state: dict) -> None:
    WORKER.clear()
    WORKER.update(state)


def init_worker(state: dict) -> None:
    """A pool worker's start: die with the build (a killed build must not leave workers blocked
    on a pipe nobody reads), then take the build's state."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass
    set_worker(state)


# Another map in place of the pool (``ingest.cluster``: Dask): mapper(function, items, state, batch).
MAPPER = None
TASKS_AHEAD = 4  # chunks queued per worker process: it never waits for the writer to hand it one
PIPE_BYTES = 1 << 20  # a worker's results pipe: it sends a few chunks' results without waiting for the writer


def pooled(function, items, workers: int, state: dict, batch: int = BATCH_FILES, chunksize: int = 16):
    """``function(*item)`` for each item, in order, over ``workers`` processes forked with
    ``state`` (or over ``MAPPER`` when one is set).

    Items go out in chunks of ``chunksize``, to whichever worker has the fewest chunks queued;
    at most ``batch`` items are out (sent, or done and not yet yielded) at once, which bounds
    the results held. Each worker has a pipe of its own each way and the writer reads the
    results itself, when it needs the next one: no thread in the writer (``multiprocessing.Pool``
    keeps three, one of which polls while a result waits in the pipe, and they take the writer's
    CPU from the workers). A worker's exception is raised here; a worker that dies stops the map.
    """
    if MAPPER is not None:
        yield from MAPPER(function, items, state, batch)
        return
    if workers <= 1:
        set_worker(state)
        for item in items:
            yield function(*item)
        return
    context = multiprocessing.get_context("fork")
    processes, tasks, results = [], [], []
    try:
        for _ in range(workers):
            task_reader, task_writer = context.Pipe(duplex=False)
            result_reader, result_writer = context.Pipe(duplex=False)
            try:
                fcntl.fcntl(result_writer.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
            except OSError:
                pass  # the system's default size (64 KiB on Linux)
            process = context.Process(target=pool_worker, args=(task_reader, result_writer, function, state), daemon=True)
            process.start()
            task_reader.close()
            result_writer.close()
            processes.append(process)
            tasks.append(task_writer)
            results.append(result_reader)
        yield from pool_map(batched(items, chunksize), processes, tasks, results, max(1, batch // chunksize))
    finally:
        for process in processes:
            process.kill()
        for process in processes:
            process.join()
        for connection in tasks + results:
            connection.close()


def pool_map(chunks, processes, tasks, results, ahead: int):
    """The results of ``chunks``, in order, from the workers of ``pooled``; at most ``ahead``
    chunks out at once."""
    from multiprocessing.connection import wait

    queued = [0] * len(processes)  # chunks sent to each worker and not yet received
    done: dict[int, list] = {}
    sent = received = 0
    chunks = iter(chunks)
    while True:
        while sent - received < ahead:
            w = min(range(len(processes)), key=queued.__getitem__)
            chunk = next(chunks, None) if queued[w] < TASKS_AHEAD else None
            if chunk is None:
                break
            tasks[w].send_bytes(pickle.dumps((sent, chunk), protocol=pickle.HIGHEST_PROTOCOL))
            queued[w] += 1
            sent += 1
        if received in done:
            yield from done.pop(received)
            received += 1
            continue
        if received == sent:
            return
        busy = [w for w in range(len(processes)) if queued[w]]
        ready = wait([results[w] for w in busy] + [processes[w].sentinel for w in busy])
        for w in busy:
            if results[w] in ready:
                try:
                    index, error, value = pickle.loads(results[w].recv_bytes())
                except (EOFError, OSError):  # died while sending
                    processes[w].join()
                    raise ArchiveError(f"a build worker process died (exit code {processes[w].exitcode})") from None
                queued[w] -= 1
                if error is not None:
                    raise error
                done[index] = value
            elif processes[w].sentinel in ready:
                processes[w].join()
                raise ArchiveError(f"a build worker process died (exit code {processes[w].exitcode})")


def pool_worker(tasks, results, function, state: dict) -> None:
    """A worker of ``pooled``: ``function(*item)`` for each item of each chunk it is sent, until
    its task pipe closes; sends (chunk number, error or None, results)."""
    init_worker(state)
    while True:
        try:
            index, chunk = pickle.loads(tasks.recv_bytes())
        except EOFError:
            return
        try:
            message = (index, None, [function(*item) for item in chunk])
        except Exception as error:
            message = (index, error, None)
        try:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # an exception that does not pickle
            data = pickle.dumps((index, RuntimeError(f"{type(error).__name__}: {error}"), None))
        results.send_bytes(data)


def batched(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def file_rows(path: Path | str, source_path: str, entry: dict | None):
    """Second pass over one file: ``(source_path, problem, results, refused)``: its documents'
    rows, or the problem that stopped it; ``refused``: the problems of the records a web archive
    refused while keeping the others (one line each).

    Captures of one page inside the file (a WARC holding the same URL twice) are one document,
    the latest capture with text; each result lists its capture rows and, for web formats, the
    keys (URL, text) under which the writer merges captures found in other files.
    """
    return analysed_file(path, source_path, entry, read_file(path, source_path, entry))


def read_file(path: Path | str, source_path: str, entry: dict | None):
    """The first half of ``file_rows``: ``(problem, documents, refused)``, the documents as
    ``(source, capture rows, language)``."""
    path = Path(path)
    try:
        file_sources = read_sources(path, source_path, WORKER["articles"])
        refused = [error.problem for error in getattr(file_sources, "problems", ())]
        with reading(source_path):
            override = (entry or {}).get("language")
            documents = [(source, capture_rows, document_language(source.text, override))
                         for source, capture_rows in group_captures(file_sources)]
    except SourceFileError as error:
        return error.problem, [], []
    return None, documents, refused


def analysed_file(path: Path | str, source_path: str, entry: dict | None, read):
    """The second half of ``file_rows``: the rows of the documents ``read_file`` read."""
    problem, documents, refused = read
    if problem is not None:
        return source_path, problem, [], []
    registries, repeated = WORKER["registries"], WORKER["repeated"]
    results = []
    try:
        with reading(source_path):
            for source, capture_rows, language in documents:
                result = document_rows(source, entry, registries, repeated, registries.speakers, registries.lexicon,
                                       language)
                result["captures"] = capture_rows
                result["capture_keys"] = capture_keys(source) if source.format != "txt" else []
                results.append(result)
    except SourceFileError as error:
        return source_path, error.problem, [], []
    return source_path, None, results, refused


FILES_PER_TASK = 16  # files a worker analyses at once: their passages are sketched together (numpy's
# fixed costs per call are larger than one document's work)


def files_rows(*items):
    """``file_rows`` of several files, with the reuse sketch of each document computed for all
    their passages at once: ``result["sketch"]`` is ``(whole, first, a, b, lo, hi)``, its place
    in the files' one sketch (``document_sketch`` cuts it out: sent to the writer, the one
    sketch is pickled once, not four arrays a document)."""
    # every file read and every document's language detected before any is analysed: the
    # detector's tables (~100 MB) stay in the processor's caches from one document to the next
    read = [read_file(*item) for item in items]
    done = [analysed_file(*item, one) for item, one in zip(items, read)]
    results = [result for _, _, file_results, _ in done for result in file_results]
    whole = reuse.sketch([row["text"] for result in results for row in result["passages"]])
    shingles = reuse.passage_shingles(whole)  # what the writer stores for updates, per passage
    firsts = np.cumsum([0] + [len(r["passages"]) for r in results])
    segments = np.searchsorted(whole.passage, firsts, side="left").tolist()  # each document's first segment
    offsets = np.concatenate(([0], np.cumsum(whole.lengths))).astype(np.int64)[segments].tolist()
    firsts = firsts.tolist()
    for i, result in enumerate(results):
        result["sketch"] = (whole, firsts[i], segments[i], segments[i + 1], offsets[i], offsets[i + 1])
        result["shingles"] = shingles[firsts[i]:firsts[i + 1]]
    return done


def document_sketch(result: dict) -> reuse.Sketch:
    """The reuse sketch of one document's passages, from its place in ``files_rows``'s sketch
    (views of it: no copy but the passage numbers)."""
    whole, first, a, b, lo, hi = result["sketch"]
    return reuse.Sketch(len(result["passages"]), whole.passage[a:b] - first, whole.lengths[a:b], whole.shingles[lo:hi],
                        whole.keys[a:b])


def processed_files(files, workers: int, state: dict, report: BuildReport, log, advance=None):
    """Each file's document rows, from the pool, in file order; a file's problem goes to the report."""
    tasks = [files[i:i + FILES_PER_TASK] for i in range(0, len(files), FILES_PER_TASK)]
    done = (one for many in pooled(files_rows, tasks, workers, state, batch=BATCH_FILES // FILES_PER_TASK, chunksize=1)
            for one in many)
    for (path, source_path, entry), (_, problem, results, refused) in zip(files, done):
        if advance:
            advance(1)
        if problem is not None:
            log(f"skipped {source_path}: {problem}")
            report.problems.append((source_path, "error", problem))
            continue
        for reason in refused:
            log(f"refused in {source_path}: {reason}")
            report.problems.append((source_path, "warning", reason))
        if entry is None:
            report.problems.append((source_path, "warning", missing_entry_warning(Path(path))))
        yield from results


def capture_keys(source: Source) -> list[tuple[str, str]]:
    keys = [("text", text_sha256(source))] if source.text.strip() else []
    url = normalise_url(source.url)
    return keys + ([("url", url)] if url else [])


def missing_entry_warning(path: Path) -> str:
    if file_type(path) == ".txt":
        return "no manifest entry: archived with publisher unknown and date unknown"
    return "no manifest entry: title, URL and date read from the page, publisher from its domain"


HELD_LOCKS: set[str] = set()  # lock files this process holds: taking one again is a no-op


@contextmanager
def build_lock(db_path: Path):
    """One build at a time per database: a second one refuses with a clear message. Re-entrant
    within a process (``archive add`` holds it around its copy and its update)."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    key = os.path.abspath(lock_path)
    if key in HELD_LOCKS:
        yield
        return
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(f"{db_path}: another build is running (lock held on {lock_path}); try again when it ends") from None
        HELD_LOCKS.add(key)
        try:
            yield
        finally:
            HELD_LOCKS.discard(key)


class Progress:
    """Progress of the long phases: a bar per phase on a terminal, else one line per phase with
    its time (through ``log``). ``with progress.phase("read", total) as advance: advance(n)``."""

    def __init__(self, log=print, bar: bool | None = None):
        self.log = log
        self.bar = sys.stderr.isatty() if bar is None else bar
        self.times: dict[str, float] = {}

    @contextmanager
    def phase(self, label: str, total: int | None = None, unit: str = "files"):
        started = time.monotonic()
        if self.bar and total:
            with click.progressbar(length=total, label=f"{label:<24}", file=sys.stderr, show_pos=True,
                                   show_eta=True, item_show_func=None) as bar:
                yield bar.update
        else:
            yield lambda n=1: None
        seconds = time.monotonic() - started
        self.times[label] = seconds
        rate = f", {total / seconds:,.0f} {unit}/s" if total and seconds > 0 else ""
        self.log(f"{label}: {seconds:.1f}s" + (f" ({total:,} {unit}{rate})" if total else ""))


def quiet(_line) -> None:
    pass


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def source_files(sources: Path, registries: Registries):
    """(path, source_path, manifest entry) for every article file, sorted; ``path`` is a string
    (100,000 ``Path`` objects cost half a second: the worker functions make one per file read).

    A file or folder whose name is not valid UTF-8 is listed too, under its name made printable
    (``\\xe9``) and with no entry: reading it is refused (``read_file_sources``), so it is one
    line in the log and in ``problems`` while the rest is built."""
    articles = sources / "articles"
    # the folder as given, not resolved: a sources folder reached through a symlink keeps source
    # paths (and so document ids) that do not depend on where its target lies
    root = os.path.dirname(os.path.abspath(sources)) + os.sep
    articles_prefix = str(articles) + os.sep
    cwd = os.getcwd()
    found, skipped = list_article_paths(articles)
    if skipped:  # ``found`` is already in this order
        found = sorted(found + [bad for bad, _ in skipped], key=lambda path: path.split(os.sep))
    # every listed path starts with ``articles_prefix``: its source path is one prefix and its name
    absolute_prefix = articles_prefix if os.path.isabs(articles_prefix) else os.path.join(cwd, articles_prefix)
    source_prefix = absolute_prefix[len(root):] if absolute_prefix.startswith(root) else absolute_prefix
    manifest, skip = registries.manifest, len(articles_prefix)
    fast = len(absolute_prefix) >= len(root)  # then ``absolute_prefix + name`` starts with root as the prefix does
    files = []
    for path in found:
        if fast and path.startswith(articles_prefix):
            name = path[skip:]
            files.append((path, printable(source_prefix + name), manifest.get(name)))
            continue
        absolute = path if os.path.isabs(path) else os.path.join(cwd, path)
        source_path = printable(absolute[len(root):] if absolute.startswith(root) else absolute)
        files.append((path, source_path, manifest.get(path)))
    return files


def printable(path: str) -> str:
    """``printable_path``, at once for the common name (printable ASCII: nothing to escape)."""
    return path if path.isascii() and path.isprintable() else printable_path(path)


def manifest_sha256_of(sources: Path) -> str:
    path = sources / "manifest.yml"
    return hashlib.sha256(path.read_bytes() if path.exists() else b"").hexdigest()


def build(sources: Path, db_path: Path, log=print, workers: int | None = None, full: bool = False,
          strict: bool = False, progress: Progress | None = None) -> BuildReport:
    """Build the archive database from ``sources`` into ``db_path``, atomically.

    Every registry is loaded and checked first: a fault stops the build before anything is
    written. Reading, cleaning, splitting, attribution and per-document analysis run over
    ``workers`` processes (default: every core); one writer stores the rows. Unless ``full``, an
    existing archive built under the same rules and schema version is updated in place of a
    rebuild: only sources whose bytes (sha256) or manifest entry changed are redone (see
    ingest/incremental.py). With ``strict``, any per-file problem (a skipped file, a file without
    a manifest entry) fails the build before the new database replaces the old one.
    """
    started = time.monotonic()
    sources, db_path = Path(sources), Path(db_path)
    manifest_sha256 = manifest_sha256_of(sources)
    cached = None if full else incremental.cached_manifest(db_path, manifest_sha256)
    with (progress or Progress(log, bar=False)).phase("registries"):
        registries = load_registries(sources, sources / "articles", manifest=cached)
    report = build_from(sources, db_path, registries, manifest_sha256, log, workers, full, strict=strict, progress=progress)
    report.seconds = time.monotonic() - started
    return report


def build_from(sources: Path, db_path: Path, registries: Registries, manifest_sha256: str, log=print,
               workers: int | None = None, full: bool = False, speaker_registry=None, strict: bool = False,
               progress: Progress | None = None, entries_as_built: bool = False, appended: dict | None = None) -> BuildReport:
    """``build`` with the registries already loaded (``archive add`` extends the cached manifest;
    ``entries_as_built``: every manifest entry of a file already built is as it was built;
    ``appended``: the manifest is the one last built plus these entries, stored as one more part)."""
    started = time.monotonic()
    articles = sources / "articles"
    progress = progress or Progress(log, bar=False)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    workers = workers or default_workers()
    with build_lock(db_path):
        remove_stale_temporaries(db_path)
        recover(db_path)
        files = source_files(sources, registries)
        temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
        try:
            if not full and not strict and db_path.exists():
                report = update(db_path, registries, files, manifest_sha256, log, workers, articles, progress,
                                entries_as_built=entries_as_built, appended=appended)
                if report is not None:
                    report.seconds = time.monotonic() - started
                    return report
            report = BuildReport(db_path=db_path)
            scratch = temporary.with_name(temporary.name + ".lines")
            loading = preload_language_model() if workers > 1 and MAPPER is None else None
            with progress.phase("count repeated lines", len(files)) as advance:
                repeated, line_counts, publisher_documents = count_repeated_lines(
                    files, articles, registries, workers, scratch=scratch, advance=advance)
            if loading is not None:
                loading.join()
            write_database(temporary, files, articles, registries, repeated, report, log, workers, progress)
            if strict:
                refuse_problems(report)
            save_build_state(temporary, files, line_counts, publisher_documents, registries, manifest_sha256)
            os.replace(temporary, db_path)
        except (sqlite3.Error, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise ArchiveError(f"{db_path}: could not write the database ({reason}); the previous database is unchanged") from None
        finally:
            temporary.unlink(missing_ok=True)
            temporary.with_name(temporary.name + ".lines").unlink(missing_ok=True)
            shutil.rmtree(str(temporary) + ".reuse", ignore_errors=True)
    report.seconds = time.monotonic() - started
    return report


def preload_language_model() -> threading.Thread:
    """The language detector's model loaded in a thread while the first pass runs (which leaves
    the writer mostly waiting): the second pass's workers, forked after, share it instead of each
    spending ~1.1 s of CPU loading its own at their start."""
    import py3langid.langid  # noqa: F401 - imported here, not in the thread that a fork may interrupt

    thread = threading.Thread(target=preload_language, name="language model", daemon=True)
    thread.start()
    return thread


def remove_stale_temporaries(db_path: Path) -> None:
    """Delete what killed builds left behind; only called with the build lock held."""
    for stale in db_path.parent.glob(f".{db_path.name}.*.tmp*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


def refuse_problems(report: BuildReport) -> None:
    """For --strict: fail when any file was skipped or archived without its manifest entry."""
    if report.problems:
        path, severity, problem = report.problems[0]
        raise ArchiveError(
            f"{report.db_path}: --strict: {len(report.problems)} file problem(s), first {path} ({severity}: {problem}); "
            "the previous database is unchanged"
        )


class Writer:
    """Collects document results and writes them in batches through ``store``; feeds the reuse
    index. The full build and the update both write through it."""

    def __init__(self, conn, report: BuildReport, reuse_index: reuse.ReuseIndex | None = None):
        self.conn, self.report, self.reuse_index = conn, report, reuse_index
        self.batch: list[dict] = []
        self.pending = 0
        self.speakers: dict[str, dict] = {}
        self.sketches: list[tuple[int, reuse.Sketch]] = []  # an update's new passages, sketched

    def add(self, result: dict) -> None:
        self.batch.append(result)
        self.pending += len(result["passages"])
        self.speakers.update(result["speakers"])
        if self.reuse_index is not None:
            passages = result["passages"]
            document = result["document"]  # every passage row carries its document's channel
            self.reuse_index.add_document([p["id"] for p in passages], document["id"], document["publisher_id"],
                                          passages[0]["affiliation_id"] if passages else None, document["published"],
                                          document_sketch(result))
        else:
            self.sketches.append((len(result["passages"]), document_sketch(result)))
        if self.pending > 5000:
            self.flush()

    def flush(self) -> None:
        first = self.conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM passages").fetchone()[0]
        store.save_passage_shingles(self.conn, first, [blob for r in self.batch for blob in r["shingles"]])
        counts = store.save_documents(self.conn, self.batch)
        self.report.documents += counts["documents"]
        self.report.passages += counts["passages"]
        self.report.statements += counts["statements"]
        self.report.removed += counts["removed"]
        self.batch, self.pending = [], 0


def actor_rows(registries: Registries) -> list[dict]:
    return [a.row() for a in registries.lexicon.actors.values()] if registries.lexicon is not None else []


def write_database(temporary, files, articles, registries, repeated, report, log, workers: int = 1,
                   progress: Progress | None = None) -> None:
    progress = progress or Progress(log, bar=False)
    conn = store.connect(temporary)
    try:
        store.create_schema(conn)
        conn.execute("PRAGMA cache_size = -65536")  # 64 MB while rows are appended (finish takes 256 MB)
        conn.execute("BEGIN")
        reuse_index = reuse.ReuseIndex(scratch=Path(str(temporary) + ".reuse"))
        writer = Writer(conn, report, reuse_index)
        capture_keys: dict[tuple[str, str], str] = {}  # a web capture's URL or text -> its document
        captures: list[dict] = []
        state = {"articles": articles, "registries": registries, "repeated": repeated}
        with progress.phase("read, split, attribute, analyse", len(files)) as advance:
            for result in processed_files(files, workers, state, report, log, advance):
                # the same URL or the same extracted text captured in two files is one document (issue 4)
                document_id = result["document"]["id"]
                known = next((capture_keys[key] for key in result["capture_keys"] if key in capture_keys), None)
                captures.extend({**row, "document_id": known or document_id} for row in result["captures"])
                if known:
                    continue
                capture_keys.update((key, document_id) for key in result["capture_keys"])
                writer.add({**result, "captures": ()})
            writer.flush()
        unload_language()
        release_memory()
        store.insert_rows(conn, "captures", captures)
        store.save_problems(conn, report.problems)
        report.unknown_publishers = store.save_registries(conn, registries, registries.speakers, writer.speakers,
                                                          actor_rows(registries))
        report.unregistered_speakers = unregistered(conn, writer.speakers, registries.speakers)
        rowids = np.arange(1, len(reuse_index.passage_ids) + 1, dtype=np.int64)  # a fresh table: in order
        if threading.active_count() > 1:  # (a Dask client's threads): no fork, clustered here
            with progress.phase("reuse clusters", report.passages, unit="passages"):
                store.save_clusters(conn, store_reuse_index(conn, reuse_index, rowids))
            del reuse_index, writer
            conn.execute("COMMIT")
            with progress.phase("full-text indexes and indexes"):
                store.finish(conn, parallel=True)
            return
        clustering = ReuseClustering(reuse_index, rowids, Path(str(temporary) + ".reuse") / "index.db")
        del reuse_index, writer  # the child has its copy
        try:
            conn.execute("COMMIT")
            release_memory()
            with progress.phase("reuse clusters, full-text indexes and indexes"):
                store.finish(conn, parallel=True, reuse=clustering.save)
        finally:
            clustering.stop()
    finally:
        conn.close()


class ReuseClustering:
    """The reuse clusters of a full build, computed in a forked child process while the writer
    builds the facet tables and the indexes (and the full-text indexes fill in processes of
    their own): clustering is numpy and Python on one core, and the writer's indexes are SQLite
    on another. The child stores the LSH index, verified pairs and shingle counts
    (``store_reuse_index``) in a scratch database of its own and sends the clusters back;
    ``save`` (``store.finish``'s ``reuse``) copies those tables in and stores the clusters: the
    rows of clustering in the writer."""

    def __init__(self, index: reuse.ReuseIndex, rowids: np.ndarray, scratch: Path):
        index.finish_adding()  # its scratch files flushed and closed here, not in both processes
        scratch.parent.mkdir(parents=True, exist_ok=True)
        scratch.unlink(missing_ok=True)
        self.scratch = scratch
        context = multiprocessing.get_context("fork")
        self.results, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=cluster_child, args=(index, rowids, scratch, sender), daemon=True)
        self.process.start()
        sender.close()

    def save(self, conn) -> None:
        """Wait for the child; store its reuse index and clusters through ``conn`` (no open
        transaction). Raises the child's error."""
        try:
            error, clusters = pickle.loads(self.results.recv_bytes())
        except (EOFError, OSError):
            self.process.join()
            raise ArchiveError(f"the reuse clustering process died (exit code {self.process.exitcode})") from None
        if error is not None:
            raise error
        self.process.join()
        store.copy_reuse_index(conn, self.scratch)
        conn.execute("BEGIN")
        store.save_clusters(conn, clusters)
        conn.execute("COMMIT")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.results.close()
        self.scratch.unlink(missing_ok=True)


def cluster_child(index: reuse.ReuseIndex, rowids: np.ndarray, scratch: Path, results) -> None:
    """``ReuseClustering``'s child: cluster ``index`` into the scratch database, send (error or
    None, clusters)."""
    init_worker({})  # dies with the build
    try:
        conn = sqlite3.connect(str(scratch), isolation_level=None)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        store.reuse_index_shape(conn)  # the archive's tables, indexes included: the copy is then row for row
        conn.execute("BEGIN")
        clusters = store_reuse_index(conn, index, rowids)
        conn.execute("COMMIT")
        conn.close()
        message = (None, clusters)
    except Exception as error:
        message = (error, None)
    try:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # an exception that does not pickle
        data = pickle.dumps((RuntimeError(f"{type(error).__name__}: {error}"), None))
    results.send_bytes(data)


def release_memory() -> None:
    """Give the memory freed since the rows were read back to the system (glibc keeps freed heap
    for reuse: the peak of the clustering would add to it)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def unregistered(conn, found: dict[str, dict], speaker_registry) -> dict[str, dict]:
    """The voices found that speakers.yml lacks and that a stored row cites, with name and type."""
    registered = speaker_registry.speakers if speaker_registry is not None else {}
    kept = {row[0] for row in conn.execute("SELECT id FROM speakers")}
    return {key: row for key, row in found.items() if key not in registered and key in kept}


def save_build_state(path, files, line_counts, publisher_documents, registries, manifest_sha256: str) -> None:
    """Record what was built from what, for the next incremental build."""
    conn = store.connect(path)
    try:
        conn.execute("BEGIN")
        store.save_build_info(conn, build_info(registries, manifest_sha256, manifest=True))
        hashes = dict(conn.execute("SELECT source_path, sha256 FROM documents GROUP BY source_path"))
        rows = []
        for file_path, source_path, entry in files:
            try:
                stat = os.stat(file_path)
            except OSError:
                continue
            rows.append((source_path, stat.st_size, stat.st_mtime_ns, hashes.get(source_path), entry_fingerprint(entry)))
        store.save_sources(conn, rows)
        store.save_line_counts(conn, publisher_documents, line_counts)
        conn.execute("COMMIT")
        store.detach_scratch(conn)
    finally:
        conn.close()


def build_info(registries: Registries, manifest_sha256: str, manifest: bool) -> dict[str, str]:
    info = {"version": store.build_version(), "registries": registries_fingerprint(registries),
            "manifest_sha256": manifest_sha256}
    if manifest:
        info["manifest"] = json.dumps(registries.manifest, default=str)
    return info


def save_build_info(conn, registries: Registries, manifest_sha256: str, manifest: bool, appended: dict | None = None) -> None:
    """Store ``build_info``; with ``manifest``, the manifest too: whole, or, when ``appended`` (the
    entries an add appended to the manifest last built, which is stored), as one more part
    (``incremental.MANIFEST_PARTS``)."""
    info = build_info(registries, manifest_sha256, manifest=False)
    if manifest:
        parts = [row[0] for row in conn.execute("SELECT key FROM build_info WHERE key LIKE ?", (incremental.MANIFEST_PARTS + "%",))]
        numbers = [int(key[len(incremental.MANIFEST_PARTS):]) for key in parts]
        if (appended is not None and len(parts) < incremental.MAX_MANIFEST_PARTS
                and conn.execute("SELECT 1 FROM build_info WHERE key = 'manifest'").fetchone()):
            info[f"{incremental.MANIFEST_PARTS}{max(numbers, default=0) + 1}"] = json.dumps(appended, default=str)
        else:
            conn.executemany("DELETE FROM build_info WHERE key = ?", [(key,) for key in parts])
            info["manifest"] = json.dumps(registries.manifest, default=str)
    store.save_build_info(conn, info)


def update(db_path: Path, registries: Registries, files, manifest_sha256: str, log=print, workers: int = 1,
           articles: Path | None = None, progress: Progress | None = None, entries_as_built: bool = False,
           appended: dict | None = None) -> BuildReport | None:
    """Update ``db_path`` as ``incremental.plan`` says, through the same writer as a full build;
    None when a full build is needed.

    Nothing is written when nothing changed. Otherwise the update is one transaction
    (``updating``): in place with a rollback journal, or, while an ``archive serve`` holds the
    serving lock, on a copy renamed over the file once complete; every reader, a server
    included, sees the old archive or the new one, never a half-written one, and a failure or a
    kill leaves the old one. Called with the build lock held.
    """
    progress = progress or Progress(log, bar=False)
    conn = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)  # ``recover`` ran first
    try:
        set_worker({"articles": articles, "registries": registries})
        with progress.phase("plan"):
            same_manifest = entries_as_built or (incremental.read_info(conn) or {}).get("manifest_sha256") == manifest_sha256
            plan = incremental.plan(conn, registries, files, file_line_keys, log, same_manifest=same_manifest)
        if plan is None:
            return None
        report = BuildReport(db_path=Path(db_path))
        if not (plan.gone or plan.redo or plan.reasons or any(plan.line_delta.values())):
            # nothing to redo: only a new manifest text (same entries) is remembered
            if (incremental.read_info(conn) or {}).get("manifest_sha256") != manifest_sha256:
                conn.close()
                with updating(db_path, progress) as copy:
                    copy.execute("BEGIN IMMEDIATE")
                    save_build_info(copy, registries, manifest_sha256, manifest=True)
                    copy.execute("COMMIT")
                    count_rows(copy, report)
            else:
                count_rows(conn, report)
            log("incremental: 0 changed, 0 deleted, 0 files redone")
            return report
    finally:
        conn.close()
    with updating(db_path, progress) as conn:
        apply_plan(conn, plan, registries, manifest_sha256, report, log, workers, articles, progress, appended)
        count_rows(conn, report)
    log(f"incremental: {len(plan.changed)} changed, {len(plan.deleted)} deleted, {len(plan.redo)} files redone")
    return report


def updating_path(db_path: Path) -> Path:
    """The copy an update writes (a name ``remove_stale_temporaries`` deletes if left behind)."""
    return db_path.with_name(f".{db_path.name}.{os.getpid()}.update.tmp")


def updating_marker(db_path: Path) -> Path:
    """A file that exists while an update writes ``db_path`` in place (left by a killed one)."""
    return db_path.with_name(db_path.name + ".updating")


def serving_lock_path(db_path: Path) -> Path:
    """The lock file ``archive serve`` holds (shared) for as long as it serves ``db_path``."""
    return db_path.with_name(db_path.name + ".serving")


def hold_serving_lock(db_path: Path) -> int | None:
    """For ``archive serve``: take a shared lock on ``serving_lock_path`` and return its file
    descriptor, inheritable, so that the server the process becomes (``os.execv``) holds it until
    it ends. Waits while an update writes ``db_path`` in place. An update that finds the lock
    held writes a copy and renames it into place instead: a server reading the file immutable
    (no locks, no journal) never sees a page change under it. None when the lock file cannot be
    made (a read-only folder: no update can write there either)."""
    path = serving_lock_path(db_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            return None
    fcntl.flock(descriptor, fcntl.LOCK_SH)
    os.set_inheritable(descriptor, True)
    return descriptor


@contextmanager
def updating(db_path: Path, progress: Progress):
    """A connection that updates ``db_path`` whole or not at all; committed on a clean exit.

    When no ``archive serve`` holds the serving lock: in place, in one transaction with a
    rollback journal (SQLite's own atomic commit: a failure or a kill leaves a hot journal that
    the next writer, or ``recover`` before any build and ``archive serve``, rolls back), with
    the serving lock held exclusively so that no server starts meanwhile. A copy of a 3 GB file
    costs seconds; this costs the pages the update changes.

    When a server holds it: on a copy of ``db_path``, which replaces ``db_path`` on a clean exit
    (``os.replace``: atomic, a new inode) and is deleted on any error, ``db_path`` as it was:
    the server reads the file immutable, so the file it has open must never change.
    """
    lock = None
    try:
        lock = os.open(serving_lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        in_place = True
    except OSError:  # held by a server (BlockingIOError), or the lock file cannot be made
        in_place = False
    try:
        if in_place:
            before = os.stat(db_path)
            marker = updating_marker(db_path)
            marker.write_bytes(b"")  # until committed or rolled back: ``is_stale`` says so
            conn = store.connect_existing(db_path)
            try:
                yield conn
                if conn.in_transaction:
                    conn.execute("COMMIT")
            except BaseException:
                conn.close()  # the open transaction is rolled back
                # as it was, time included (``is_stale`` compares it with the sources')
                os.utime(db_path, ns=(before.st_atime_ns, before.st_mtime_ns))
                marker.unlink(missing_ok=True)
                raise
            conn.close()
            marker.unlink(missing_ok=True)
            return
        copy = updating_path(db_path)
        try:
            with progress.phase("copy the database"):
                copy_file(db_path, copy)
            conn = store.connect_existing(copy)
            try:
                yield conn
                if conn.in_transaction:
                    conn.execute("COMMIT")
            finally:
                conn.close()
            os.replace(copy, db_path)
        finally:
            for leftover in (copy, copy.with_name(copy.name + "-journal")):
                leftover.unlink(missing_ok=True)
    finally:
        if lock is not None:
            os.close(lock)


FICLONE = 0x40049409  # Linux ioctl: share the blocks of a file (btrfs, xfs); a copy costs nothing


def copy_file(source: Path, target: Path) -> None:
    """Copy ``source`` to a new ``target``: a reflink where the file system offers it, else bytes."""
    with open(source, "rb") as reader, open(target, "wb") as writer:
        try:
            fcntl.ioctl(writer.fileno(), FICLONE, reader.fileno())
            return
        except OSError:
            pass
    shutil.copyfile(source, target)


def recover(db_path: Path) -> None:
    """Roll back what an update killed in place left: a hot rollback journal beside the file
    (and the ``updating_marker``). SQLite does that when it opens the file for writing; a read-only or
    immutable reader (``archive serve``) would instead read the half-written file. Also done
    before a full build replaces the file: the journal would otherwise be played into the new
    one. Called with the build lock held."""
    journal = Path(str(db_path) + "-journal")
    marker = updating_marker(db_path)
    if not journal.exists():
        marker.unlink(missing_ok=True)  # killed before it wrote, or after it committed
        return
    if db_path.exists():
        conn = sqlite3.connect(str(db_path), isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            pass  # not a database: the build rebuilds it in full
        finally:
            conn.close()
    journal.unlink(missing_ok=True)
    marker.unlink(missing_ok=True)


def apply_plan(conn, plan, registries: Registries, manifest_sha256: str, report: BuildReport, log, workers: int,
               articles: Path | None, progress: Progress, appended: dict | None = None) -> None:
    """Carry out ``plan`` on ``conn`` (the copy being updated), in one transaction."""
    schema.ensure_db_shape(conn)
    conn.execute("BEGIN IMMEDIATE")
    # 1. line counts and the repeated lines after the update
    store.save_line_delta(conn, plan.line_delta, plan.publisher_documents, plan.reasons)
    repeated = repeated_from_counts(
        conn.execute("SELECT publisher_id, key, documents FROM build_lines WHERE documents >= ?",
                     (minimum_threshold(plan.publisher_documents),)), plan.publisher_documents)
    # 2. take out the old rows of the files redone or deleted
    conn.execute("CREATE TEMP TABLE gone (source_path TEXT PRIMARY KEY)")
    conn.executemany("INSERT INTO gone VALUES (?)", [(p,) for p in plan.gone])
    gone_passages, gone_clusters = [], set()
    for rowid, passage, document, text, cluster in conn.execute(
            "SELECT rowid, id, document_id, text, reuse_cluster_id FROM passages WHERE document_id IN "
            "(SELECT id FROM documents WHERE source_path IN (SELECT source_path FROM temp.gone))"):
        gone_passages.append((rowid, passage, document, text))
        if cluster is not None:
            gone_clusters.add(cluster)
    store.delete_documents(conn, "source_path IN (SELECT source_path FROM temp.gone)")
    # 3. the new rows, from the same worker function and the same writer as a full build
    after = store.last_rowids(conn)
    writer = Writer(conn, report)
    state = {"articles": articles, "registries": registries, "repeated": repeated}
    with progress.phase("read, split, attribute, analyse", len(plan.redo)) as advance:
        for result in processed_files(plan.redo, workers if len(plan.redo) > 200 else 1, state, report, log, advance):
            writer.add(result)
        writer.flush()
    store.save_problems(conn, report.problems, replace_paths=plan.gone)
    with progress.phase("indexes"):
        store.index_new(conn, after)
    # 4. registries, speakers and publishers as a full build would have them
    report.unknown_publishers = store.save_registries(conn, registries, registries.speakers, writer.speakers,
                                                      actor_rows(registries))
    report.unregistered_speakers = unregistered(conn, writer.speakers, registries.speakers)
    # 5. reuse clusters: the new passages looked up in the stored LSH index, clusters merged
    with progress.phase("reuse clusters"):
        new_passages = conn.execute("SELECT rowid, id, document_id FROM passages WHERE rowid > ? ORDER BY rowid",
                                    (after["passages"],)).fetchall()
        if gone_passages or new_passages:
            try:
                region = update_reuse(conn, gone_passages, reuse.concat_sketches(writer.sketches), new_passages)
                save_cluster_delta(conn, region, gone_clusters)
            except ReuseFallback as reason:
                progress.log(f"reuse: the stored index cannot be updated exactly ({reason}): all passages sketched again")
                store.save_clusters(conn, corpus_reuse(conn))
    # 6. remember what was built from what
    hashes = dict(conn.execute("SELECT source_path, sha256 FROM documents WHERE source_path IN (SELECT source_path FROM temp.gone) GROUP BY source_path"))
    store.save_sources(conn, [
        (source_path, *plan.stats.get(source_path, (None, None)), hashes.get(source_path), entry_fingerprint(entry))
        for _, source_path, entry in plan.redo], replace_paths=plan.gone)
    info = incremental.read_info(conn) or {}
    save_build_info(conn, registries, manifest_sha256, manifest=info.get("manifest_sha256") != manifest_sha256, appended=appended)
    conn.execute("COMMIT")


def store_reuse_index(conn, index: reuse.ReuseIndex, rowids: np.ndarray) -> list:
    """Cluster what ``index`` holds (its passage i is stored at ``rowids[i]``) and store its LSH
    index, verified pairs and shingle counts for later updates. Returns the clusters."""
    store.clear_reuse_index(conn)
    segment_rowids: list = []
    index.finish_adding()
    bits = reuse.prefix_bits(index.segments)

    def on_band(band, sorted_keys, order):
        if not segment_rowids:
            seg_p = np.concatenate(index.seg_passage) if index.seg_passage else np.zeros(0, dtype=np.int64)
            segment_rowids.append(rowids[seg_p].astype(np.uint32))  # stored as uint32
        store.save_reuse_band(conn, band, reuse.band_rows(sorted_keys, segment_rowids[0][order], bits))

    clusters = index.clusters(on_band=on_band)
    store.replace_reuse_edges(conn, [], rowids[index.edges].tolist())
    store.save_reuse_state(conn, index.bins, index.segments, prefix_bits=bits)
    return clusters


def count_rows(conn, report: BuildReport) -> None:
    report.documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    report.passages = conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    report.statements = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
    report.removed = conn.execute("SELECT count(*) FROM removed").fetchone()[0]


def corpus_reuse(conn) -> list:
    """The reuse clusters of every stored passage, sketched again from their text (and the
    stored reuse index rebuilt)."""
    index = reuse.ReuseIndex()
    rowids: list[int] = []
    batch: list[reuse.ReuseInput] = []
    conn.execute("DELETE FROM reuse_shingles")

    def add(batch, first):
        sketched = reuse.sketch([p.text for p in batch])
        index.add(batch, sketched)
        conn.executemany("INSERT INTO reuse_shingles VALUES (?, ?)",
                         zip(rowids[first:], reuse.passage_shingles(sketched)))

    for rowid, *row in conn.execute(
            "SELECT rowid, id, document_id, publisher_id, affiliation_id, published, text FROM passages ORDER BY rowid").fetchall():
        rowids.append(rowid)
        batch.append(reuse.ReuseInput(*row))
        if len(batch) >= 2048:
            add(batch, len(rowids) - len(batch))
            batch = []
    add(batch, len(rowids) - len(batch))
    return store_reuse_index(conn, index, np.asarray(rowids, dtype=np.int64))


class ReuseFallback(Exception):
    """The stored reuse index cannot be updated exactly at a bearable cost: cluster again."""


MAX_REDONE_PASSAGES = 20_000  # beyond this many passages to re-pair, clustering the corpus again is as quick
MAX_REPAIR_CANDIDATES = 2_000_000  # (segment, partner) candidates an update checks before it clusters again


def update_reuse(conn, gone: list[tuple], added: reuse.Sketch, new_passages: list[tuple]) -> list:
    """Update the stored reuse index for the passages taken out (``gone``: rowid, id, document,
    text) and added (``added``: their sketch; ``new_passages``: rowid, id, document, in the same
    order), and return every cluster.

    The verified pairs of the new passages are found again from scratch, and so are those of
    every passage whose candidates or verification change: the members of a bucket that crosses
    MAX_BUCKET members or whose anchors change, and the passages holding a shingle that became
    common or stopped being common. Every other pair stays as it is, as a full build would find
    it. Raises ReuseFallback when too much changed for that to pay: the caller then clusters the
    corpus again. Returns the rowids whose verified pairs changed (``save_cluster_delta``
    redoes the clusters around them).
    """
    removed = reuse.sketch([text for _, _, _, text in gone])
    gone_rowids = np.asarray([row[0] for row in gone], dtype=np.int64)
    mask = np.uint32(reuse.COMMON_BINS - 1)
    changed_bins = reuse.unique(np.concatenate(((removed.shingles & mask), (added.shingles & mask))).astype(np.int64))
    state = dict(conn.execute("SELECT key, value FROM reuse_state"))
    if "segments" not in state or "prefix_bits" not in state or int(state.get("bins", 0)) != reuse.COMMON_BINS:
        raise ReuseFallback("no stored reuse index")
    segments, bits = int(state["segments"]), int(state["prefix_bits"])
    after_segments = segments - len(removed.lengths) + len(added.lengths)
    if reuse.common_threshold(segments) == reuse.common_threshold(after_segments):
        # only the bins counted here can become common or stop being common: the other counts
        # are read when a verification needs them (all of them are 16 MB)
        bins = StoredBins(conn, changed_bins)
    else:
        state = store.read_reuse_state(conn)
        if state is None or len(state[2]) != reuse.COMMON_BINS:
            raise ReuseFallback("no stored reuse index")
        bins = StoredBins(conn, changed_bins, state[2])
    after_bins = bins.after  # the counts after the update, made here in place
    np.subtract.at(after_bins, (removed.shingles & mask).astype(np.int64), 1)
    np.add.at(after_bins, (added.shingles & mask).astype(np.int64), 1)
    flipped = bins.flipped(segments, after_segments)
    if len(flipped) > 64:
        raise ReuseFallback(f"{len(flipped)} shingle bins became common or stopped being common")
    added_rowids = np.asarray([row[0] for row in new_passages], dtype=np.int64)
    if set(gone_rowids.tolist()) & set(added_rowids.tolist()):
        raise ReuseFallback("rowids of passages taken out were given to new ones")
    ranks = PassageRanks(conn, list(gone) + list(new_passages))
    seg_rowid = added_rowids[added.passage] if len(added.lengths) else np.zeros(0, dtype=np.int64)
    redo: set[int] = set(added_rowids.tolist())  # passages whose pairs are found again
    store.delete_passage_shingles(conn, gone_rowids.tolist())
    if len(flipped):
        # a shingle became common or stopped being common: the pairs of every passage holding it
        redo.update(store.passages_with_bins(conn, flipped.tolist(), reuse.COMMON_BINS - 1))
    empty = np.zeros(0, dtype=np.uint32)
    for band in range(reuse.BANDS):  # (prefixes computed once per band, rowids taken out only if any)
        removed_keys = removed.keys[:, band] if len(removed.lengths) else empty
        added_keys = added.keys[:, band] if len(added.lengths) else empty
        touched = reuse.unique(np.concatenate((removed_keys, added_keys)))
        if not len(touched):
            continue
        rows = store.read_reuse_band(conn, band, reuse.unique(reuse.prefix_of(touched, bits)).tolist())
        changed_rows = {}
        added_prefix, removed_prefix = reuse.prefix_of(added_keys, bits), reuse.prefix_of(removed_keys, bits)
        for prefix, (keys, rowids) in rows.items():
            kept_keys, kept_rowids = keys, rowids
            if len(gone_rowids):
                keep = ~np.isin(rowids, gone_rowids)
                kept_keys, kept_rowids = keys[keep], rowids[keep]
            mine = np.flatnonzero(added_prefix == prefix)
            merged_keys = np.concatenate((kept_keys, added_keys[mine]))
            merged_rowids = np.concatenate((kept_rowids.astype(np.int64), seg_rowid[mine]))
            for key in reuse.unique(np.concatenate((removed_keys[removed_prefix == prefix], added_keys[mine]))):
                before, after = rowids[keys == key].tolist(), merged_rowids[merged_keys == key].tolist()
                if len(before) <= reuse.MAX_BUCKET and len(after) <= reuse.MAX_BUCKET:
                    continue  # every pair of the bucket: only the new members' pairs are new
                if (len(before) > reuse.MAX_BUCKET and len(after) > reuse.MAX_BUCKET
                        and ranks.anchors(before) == ranks.anchors(after)):
                    continue  # the same anchors: the new members pair with them, the others as before
                redo.update(after)
            order = np.argsort(merged_keys, kind="stable")
            changed_rows[prefix] = (merged_keys[order], merged_rowids[order])
        store.save_reuse_band(conn, band, changed_rows)
    if len(redo) > MAX_REDONE_PASSAGES:
        raise ReuseFallback(f"{len(redo)} passages to pair again")
    edges = passage_edges(conn, sorted(redo), bits, lambda *sketches: bins.common(after_segments, *sketches), ranks)
    store.replace_reuse_edges(conn, sorted(set(gone_rowids.tolist()) | redo), edges)
    store.save_reuse_state(conn, np.clip(after_bins, 0, None), after_segments, changed=changed_bins, prefix_bits=bits)
    return redo | set(gone_rowids.tolist())


class StoredBins:
    """The stored shingle bin counts an update needs: ``after`` (a full-size array of the stored
    counts, right at the ``changed`` bins, or everywhere when ``every`` count was read, that the
    caller makes the counts after the update), those before it, and the other bins' counts as
    verifications need them (``common``)."""

    def __init__(self, conn, changed: np.ndarray, every: np.ndarray | None = None):
        self.conn, self.changed, self.every = conn, changed, every is not None
        self.after = every if every is not None else self.read(changed)
        self.before_changed = self.after[changed].copy()
        self.before_all = every.copy() if every is not None else None

    def read(self, bins: np.ndarray) -> np.ndarray:
        """A full-size array holding the stored counts of the rows of ``bins`` (zero elsewhere)."""
        counts = np.zeros(reuse.COMMON_BINS, dtype=np.int64)
        chunks = reuse.unique(np.asarray(bins, dtype=np.int64) // schema.BIN_CHUNK).tolist()
        for start in range(0, len(chunks), 5000):
            part = ",".join(map(str, chunks[start:start + 5000]))
            for chunk, values in self.conn.execute(f"SELECT chunk, counts FROM reuse_bins WHERE chunk IN ({part})"):
                counts[chunk * schema.BIN_CHUNK:(chunk + 1) * schema.BIN_CHUNK] = np.frombuffer(values, dtype="<u4")
        return counts

    def flipped(self, segments: int, after_segments: int) -> np.ndarray:
        """The bins that became common or stopped being common."""
        if self.every:
            return np.flatnonzero(reuse.common_bitmap(self.before_all, segments) != reuse.common_bitmap(self.after, after_segments))
        at = self.changed
        return at[reuse.common_bitmap(self.before_changed, segments) != reuse.common_bitmap(self.after[at], after_segments)]

    def common(self, after_segments: int, *sketches) -> np.ndarray:
        """The common bitmap after the update, right at every shingle of ``sketches``."""
        if self.every:
            return reuse.common_bitmap(self.after, after_segments)
        mask = np.uint32(reuse.COMMON_BINS - 1)
        wanted = reuse.unique(np.concatenate([np.zeros(0, dtype=np.int64)] + [
            (sketched.shingles & mask).astype(np.int64) for sketched in sketches]))
        counts = self.read(wanted)
        at = self.changed
        counts[at] = self.after[at]
        return reuse.common_bitmap(counts, after_segments)


class PassageRanks:
    """Passage ranks (``reuse.passage_rank``) by rowid, read from the passages table as needed."""

    def __init__(self, conn, known: list[tuple]):
        self.conn = conn
        self.ranks = {row[0]: reuse.passage_rank(row[1]) for row in known}

    def of(self, rowids) -> list[int]:
        missing = sorted({r for r in rowids if r not in self.ranks})
        for start in range(0, len(missing), 5000):
            part = ",".join(map(str, missing[start:start + 5000]))
            self.ranks.update((r, reuse.passage_rank(i)) for r, i in self.conn.execute(
                f"SELECT rowid, id FROM passages WHERE rowid IN ({part})"))
        return [self.ranks[r] for r in rowids]

    def anchors(self, rowids) -> set:
        return reuse.anchor_ranks(self.of(rowids))


def passage_rows(conn, rowids) -> dict[int, tuple]:
    """rowid -> (document_id, text) of stored passages."""
    found = {}
    rowids = sorted(rowids)
    for start in range(0, len(rowids), 5000):
        part = ",".join(map(str, rowids[start:start + 5000]))
        found.update((r, (d, t)) for r, d, t in conn.execute(f"SELECT rowid, document_id, text FROM passages WHERE rowid IN ({part})"))
    return found


def passage_edges(conn, rowids: list[int], bits: int, common, ranks: PassageRanks) -> set[tuple[int, int]]:
    """Every verified pair of passages that involves one of ``rowids``, found as a full build
    finds them, from the stored (already updated) LSH bands. ``common(*sketches)``: the bitmap of
    common shingle bins, right at least for the shingles of those sketches."""
    if not rowids:
        return set()
    stored = passage_rows(conn, rowids)
    rowids = [r for r in rowids if r in stored]
    mine = reuse.sketch([stored[r][1] for r in rowids])
    candidates: dict[int, set[tuple[int, int]]] = collections.defaultdict(set)  # partner rowid -> (my segment, band)
    work = 0
    for band in range(reuse.BANDS):
        keys = mine.keys[:, band] if len(mine.lengths) else np.zeros(0, dtype=np.uint32)
        rows = store.read_reuse_band(conn, band, reuse.unique(reuse.prefix_of(keys, bits)).tolist())
        by_key: dict[int, list[int]] = collections.defaultdict(list)
        for segment, key in enumerate(keys.tolist()):
            by_key[key].append(segment)
        for key, segments in by_key.items():
            bucket_keys, bucket_rowids = rows[int(key >> (32 - bits))]
            members = sorted(set(bucket_rowids[bucket_keys == key].tolist()))
            anchored = members
            if int((bucket_keys == key).sum()) > reuse.MAX_BUCKET:
                anchors = ranks.anchors(members)
                anchored = [m for m, rank in zip(members, ranks.of(members)) if rank in anchors]
            for segment in segments:
                me = rowids[int(mine.passage[segment])]
                partners = members if len(anchored) == len(members) or me in anchored else anchored
                work += len(partners)
                if work > MAX_REPAIR_CANDIDATES:
                    raise ReuseFallback("too many candidate pairs to check again")
                for member in partners:
                    candidates[member].add((segment, band))
    partners = sorted(candidates)
    stored.update(passage_rows(conn, [r for r in partners if r not in stored]))
    partners = [r for r in partners if r in stored]
    theirs = reuse.sketch([stored[r][1] for r in partners])
    pairs = set()
    for j in range(len(theirs.lengths)):
        partner = partners[int(theirs.passage[j])]
        for segment, band in candidates[partner]:
            me = rowids[int(mine.passage[segment])]
            if stored[me][0] != stored[partner][0] and theirs.keys[j, band] == mine.keys[segment, band]:
                pairs.add((segment, j))
    edges = set()
    for pa, pb in reuse.verified_pairs(mine, theirs, sorted(pairs), common(mine, theirs)):
        a, b = rowids[pa], partners[pb]
        edges.add((min(a, b), max(a, b)))
    return edges


def save_cluster_delta(conn, changed: set[int], gone_clusters: set[str]) -> None:
    """Redo the reuse clusters around ``changed`` (passage rowids whose verified pairs changed,
    taken out or added), as ``store.save_clusters`` of every stored pair would leave them.

    A component of the pair graph that holds none of them kept every pair, so it keeps its
    cluster. The region redone: ``changed``, every member of the clusters they were in
    (``gone_clusters``: those of the passages taken out), and all that the stored pairs connect
    to them now. Its components are clustered again, and only its old clusters are replaced."""
    region = set(changed)
    old_clusters: set[str] = set()
    index = schema.index_name("passages", ["reuse_cluster_id"])  # the planner would rather scan every passage
    by_cluster = f' INDEXED BY "{index}"' if conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (index,)).fetchone() else ""
    frontier, clusters = sorted(region), set(gone_clusters)
    while frontier or clusters:  # the clusters of the frontier's passages, then their pairs, to a fixed point
        grown: set[int] = set()
        for start in range(0, len(frontier), 5000):
            part = ",".join(map(str, frontier[start:start + 5000]))
            clusters.update(row[0] for row in conn.execute(
                f"SELECT DISTINCT reuse_cluster_id FROM passages WHERE rowid IN ({part}) AND reuse_cluster_id IS NOT NULL"))
            for a, b in conn.execute(f"SELECT a, b FROM reuse_edges WHERE a IN ({part}) UNION ALL "
                                     f"SELECT a, b FROM reuse_edges WHERE b IN ({part})"):
                grown.add(a)
                grown.add(b)
        new_clusters = sorted(clusters - old_clusters)
        old_clusters.update(new_clusters)
        for start in range(0, len(new_clusters), 500):
            names = new_clusters[start:start + 500]
            grown.update(row[0] for row in conn.execute(
                f"SELECT rowid FROM passages{by_cluster} WHERE reuse_cluster_id IN ({', '.join('?' * len(names))})", names))
        frontier, clusters = sorted(grown - region), set()
        region.update(frontier)
    edges = set()
    nodes = sorted(region)
    for start in range(0, len(nodes), 5000):
        part = ",".join(map(str, nodes[start:start + 5000]))
        edges.update(conn.execute(f"SELECT a, b FROM reuse_edges WHERE a IN ({part})"))
    members, before = {}, {}
    for start in range(0, len(nodes), 5000):
        part = ",".join(map(str, nodes[start:start + 5000]))
        for rowid, *row, cluster in conn.execute(
                "SELECT rowid, id, document_id, publisher_id, affiliation_id, published, reuse_cluster_id "
                f"FROM passages WHERE rowid IN ({part})"):
            members[rowid] = tuple(row)
            before[row[0]] = cluster
    clusters = reuse.clusters_from_edges(sorted(edges), members)
    columns = list(schema.TABLES["reuse_clusters"][0])
    names = sorted(old_clusters)
    old = {}
    for start in range(0, len(names), 500):
        part = names[start:start + 500]
        old.update((row[0], dict(zip(columns, row))) for row in conn.execute(
            "SELECT {} FROM reuse_clusters WHERE id IN ({})".format(", ".join(f'"{c}"' for c in columns), ", ".join("?" * len(part))),
            part))
    rows = {c.id: c.row() for c in clusters}
    conn.executemany("DELETE FROM reuse_clusters WHERE id = ?", [(key,) for key, row in old.items() if rows.get(key) != row])
    store.insert_rows(conn, "reuse_clusters", [row for key, row in rows.items() if old.get(key) != row])
    member_of = {pid: c.id for c in clusters for pid in c.passage_ids}
    conn.executemany("UPDATE passages SET reuse_cluster_id = ? WHERE id = ?",
                     [(member_of.get(pid), pid) for pid, cluster in before.items() if member_of.get(pid) != cluster])


def add(sources, db_path, paths, publisher: str | None = None, log=print, workers: int | None = None,
        progress: Progress | None = None) -> BuildReport:
    """Copy article files into sources/articles/, append their manifest entries (publisher as
    given, date unknown) and update the archive incrementally. Returns the BuildReport.

    All or nothing: every file is checked before anything is written (``add_problem``), and if
    copying, the manifest or the update fails, the copied files are deleted and manifest.yml is
    put back as it was, so the same ``archive add`` can be run again.
    """
    started = time.monotonic()
    sources, db_path = Path(sources), Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(db_path):  # no other build or add between the checks and the update
        report = add_locked(sources, db_path, [Path(path) for path in paths], publisher, log, workers, progress)
    report.seconds = time.monotonic() - started
    return report


def add_locked(sources: Path, db_path: Path, paths: list[Path], publisher: str | None, log, workers: int | None,
               progress: Progress | None) -> BuildReport:
    articles = sources / "articles"
    manifest_path = sources / "manifest.yml"
    original = manifest_path.read_bytes() if manifest_path.exists() else None
    text = original.decode("utf-8") if original is not None else ""
    cached = incremental.cached_manifest(db_path, hashlib.sha256(text.encode("utf-8")).hexdigest())
    registries = load_registries(sources, articles, manifest=cached)
    if publisher is not None and publisher not in registries.publishers:
        raise ArchiveError(f"--publisher {publisher!r}: not in {sources / 'publishers.yml'}")
    seen: dict[str, Path] = {}
    for path in paths:
        problem = add_problem(path, articles, registries, seen)
        if problem:
            raise ArchiveError(f"{printable_path(str(path))}: {problem}; nothing was added")
        seen[path.name] = path
    for path in paths:  # a file the build would skip is refused now, with the others
        try:
            read_sources(path, printable_path(str(path)), path.parent)
        except SourceFileError as error:
            raise ArchiveError(f"{printable_path(str(path))}: {error.problem}; nothing was added") from None
    if text and not text.endswith("\n"):
        text += "\n"
    line = text.count("\n") + 1
    copied: list[Path] = []
    manifest_stat = manifest_path.stat() if original is not None else None
    try:
        articles.mkdir(parents=True, exist_ok=True)
        for path in paths:
            target = articles / path.name
            copy_article(path, target, copied)
            entry = {"file": path.name, "title": None, "url": None, "publisher": publisher, "published": None, "retrieved": None}
            text += (f"- file: {json.dumps(path.name, ensure_ascii=False)}\n  title: null\n  url: null\n"
                     f"  publisher: {json.dumps(publisher, ensure_ascii=False) if publisher else 'null'}\n  published: null\n")
            registries.manifest[path.name] = {**entry, LINE: line}
            line += 5
        replace_file(manifest_path, text.encode("utf-8"))
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        # the entries of the files already built are the ones they were built from when the
        # manifest before the add is the one last built (``cached``): the add only appends
        report = build_from(sources, db_path, registries, sha, log=log, workers=workers, progress=progress,
                            entries_as_built=cached is not None,
                            appended={path.name: registries.manifest[path.name] for path in paths} if cached is not None else None)
    except BaseException as error:
        for target in copied:
            target.unlink(missing_ok=True)
        if original is None:
            manifest_path.unlink(missing_ok=True)
        else:
            replace_file(manifest_path, original)
            os.utime(manifest_path, ns=(manifest_stat.st_atime_ns, manifest_stat.st_mtime_ns))
        if isinstance(error, OSError):
            where = printable_path(str(error.filename)) if error.filename else str(articles)
            raise ArchiveError(f"{where}: {error.strerror or error}; nothing was added") from None
        raise
    return report


def add_problem(path: Path, articles: Path, registries: Registries, seen: dict[str, Path]) -> str | None:
    """Why ``archive add`` refuses ``path`` (None: it can be added). ``seen``: name -> the file
    added under it earlier in the same call."""
    name = path.name
    if name_problem(name):
        return "file name is not valid UTF-8 (rename the file, e.g. with convmv)"
    if not name or name.startswith("."):
        return "a hidden file name (starting with '.'): the build would ignore it"
    if any(unicodedata.category(c) == "Cc" for c in name):
        return "a control character in the file name (rename the file)"
    if os.path.islink(path):
        return "a symbolic link: the archive keeps only regular files (add the file it points to)"
    if not os.path.lexists(path):
        return "no such file"
    if os.path.isdir(path):
        return "a directory, not a file (add the files in it)"
    if not os.path.isfile(path):
        return "not a regular file (a FIFO, socket or device)"
    if file_type(path) not in READERS:
        return f"unsupported file type {path.suffix or '(none)'!r} (supported: {', '.join(sorted(READERS))})"
    if name in seen:
        return f"has the same name as {printable_path(str(seen[name]))}, also given: add one of them, or rename one"
    if name in registries.manifest or os.path.lexists(articles / name):
        return f"{articles / name} is already in the archive"
    return None


def copy_article(source: Path, target: Path, copied: list[Path]) -> None:
    """Copy ``source`` (never following a symbolic link) to a new ``target``, appended to
    ``copied`` as soon as it exists so that a failure can delete it."""
    reader = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        writer = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        copied.append(target)
        with open(reader, "rb", closefd=False) as stream, open(writer, "wb") as out:
            shutil.copyfileobj(stream, out)
    finally:
        os.close(reader)


def replace_file(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, renamed over it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def is_stale(sources: Path, db_path: Path) -> bool:
    """Whether the database is missing or older than any file under ``sources``, or left with
    a rollback journal or the ``updating_marker`` (an update killed in place: ``recover``, which
    every build runs first, before serving)."""
    if not db_path.exists() or os.path.exists(str(db_path) + "-journal") or updating_marker(db_path).exists():
        return True
    built = db_path.stat().st_mtime
    return any(
        path.stat().st_mtime > built
        for path in Path(sources).rglob("*")
        if path.is_file()
    )
