"""Build: sources/ -> db/archive.db, all or nothing.

1. Load and validate the manifest and registries (a fault stops the build before anything is written).
2. First pass over the articles: which short lines repeat across each publisher's documents.
3. Second pass: read -> clean -> split -> tag each document into rows; one writer stores them in a
   temporary file, builds the full-text index and the indexes, and renames the file into place.
A file that cannot be read is skipped with a one-line problem, listed in the `problems` table.
"""

from __future__ import annotations

import collections
import fcntl
import hashlib
import json
import multiprocessing
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import claims, store
from .attribute import SpeakerRegistry, attribute_document, load_speakers
from .clean import boilerplate_candidates, clean, repeated_threshold
from .errors import ArchiveError, BuildLockedError, RegistryError, SourceFileError
from .guard import reading
from .model import Source
from .read import read_text_file
from .registry import Registries, load_registries
from .split import split
# web pages and archives (issue 4)
from .captures import group_captures, normalise_url, text_sha256
from .domains import publisher_for_url
from .html import read_html_file
from .warc import read_wacz_file, read_warc_file

UNKNOWN_PUBLISHER = "unknown"
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


def passage_id(doc_id: str, text: str, occurrence: int) -> str:
    """Stable id of a passage: its document and its text (the n-th passage with that text)."""
    digest = hashlib.sha1(f"{occurrence}\0{' '.join(text.split())}".encode("utf-8")).hexdigest()[:8]
    return f"{doc_id}-{digest}"


def article_paths(articles: Path) -> list[str]:
    """Every file under articles/ as a path string, in Path order, hidden files left out.

    Plain strings: at 100,000 files pathlib's parsing and ``relative_to`` cost tens of seconds.
    """
    if not articles.is_dir():
        return []
    found = []
    for folder, directories, names in os.walk(str(articles), followlinks=False):
        directories[:] = [d for d in directories if not d.startswith(".")]
        found += [os.path.join(folder, name) for name in names if not name.startswith(".")]
        # symbolic links to folders are listed as files, as rglob did not follow them either
        links = [d for d in directories if os.path.islink(os.path.join(folder, d))]
        found += [os.path.join(folder, d) for d in links]
        directories[:] = [d for d in directories if d not in links]
    found.sort(key=lambda path: path.split(os.sep))
    return found


def read_sources(path: Path, source_path: str, articles: Path) -> list[Source]:
    """Read one file into its documents; raises SourceFileError for what cannot be read."""
    with reading(source_path):
        return read_file_sources(path, source_path, articles)


def read_file_sources(path: Path, source_path: str, articles: Path) -> list[Source]:
    if path.is_symlink() and not path.resolve().is_relative_to(articles.resolve()):
        raise SourceFileError(source_path, "a symbolic link pointing outside sources/articles/")
    reader = READERS.get(file_type(path))
    if reader is None:
        raise SourceFileError(source_path, f"unsupported file type {path.suffix or '(none)'!r} (supported: {', '.join(sorted(READERS))})")
    sources = reader(path, source_path)
    return sources if isinstance(sources, list) else [sources]


def publisher_of(source: Source, entry: dict | None, registries: Registries) -> str:
    """The manifest's publisher, else the one whose domain the page is on, else unknown.

    A page on a domain no publisher lists gets ``unknown:<domain>``."""
    if entry and entry.get("publisher"):
        return entry["publisher"]
    if source.url:
        return publisher_for_url(source.url, registries.publishers)
    return UNKNOWN_PUBLISHER


def document_rows(source: Source, entry: dict | None, registries: Registries, repeated: dict[str, dict[str, int]],
                  speaker_registry: SpeakerRegistry | None = None) -> dict:
    """Everything one document contributes to the database, as rows. Pure: knows no database."""
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
    }
    cleaned = clean(source.text, repeated.get(publisher_id))
    passages = split(source.text, cleaned.kept, source.hints)
    seen: collections.Counter = collections.Counter()
    passage_rows, speakers = [], {}
    if speaker_registry is not None:
        for new in attribute_document(passages, speaker_registry):
            speakers[new["id"]] = {
                "id": new["id"], "name": new["name"], "handle": new.get("handle"),
                "affiliation_id": None, "description": new["description"],
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
            }
        passage_rows.append({
            "id": passage_id(doc_id, passage.text, seen[normalised]),
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
        })
    removed_rows = [
        {"document_id": doc_id, "start": r.start, "end": r.end, "text": r.text, "reason": r.reason}
        for r in cleaned.removed
    ]
    return {"document": document, "passages": passage_rows, "removed": removed_rows, "speakers": speakers}


def speaker_affiliation(speaker_id: str | None, speaker_registry: SpeakerRegistry | None) -> str | None:
    if speaker_id is None or speaker_registry is None:
        return None
    return (speaker_registry.speakers.get(speaker_id) or {}).get("affiliation")


def load_speaker_registry(sources: Path, registries: Registries) -> SpeakerRegistry | None:
    """sources/speakers.yml, validated against the affiliations; None when there is none."""
    path = sources / "speakers.yml"
    if not path.exists():
        return None
    try:
        return load_speakers(path, registries.affiliations)
    except (ValueError, OSError) as error:
        raise RegistryError(str(error)) from None


def file_line_keys(path: Path, source_path: str, entry: dict | None) -> list[tuple[str, set[str]]]:
    """First pass over one file: (publisher, keys of its short lines) per document; [] if unreadable."""
    try:
        sources = read_sources(path, source_path, WORKER["articles"])
    except ArchiveError:
        return []
    registries = WORKER["registries"]
    return [(publisher_of(source, entry, registries), boilerplate_candidates(source.text)) for source in sources]


def count_repeated_lines(files, articles: Path, registries: Registries, workers: int = 1, scratch: Path | None = None):
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
        conn.execute("CREATE TABLE lines (publisher_id TEXT, key TEXT)")
        conn.execute("BEGIN")
        documents: collections.Counter = collections.Counter()
        for per_document in pooled(file_line_keys, files, workers, {"articles": articles, "registries": registries}):
            for publisher_id, keys in per_document:
                documents[publisher_id] += 1
                conn.executemany("INSERT INTO lines VALUES (?, ?)", ((publisher_id, key) for key in keys))
        conn.execute(
            "CREATE TABLE line_counts AS SELECT publisher_id, key, count(*) AS documents FROM lines "
            "GROUP BY publisher_id, key ORDER BY publisher_id, key")
        conn.execute("DROP TABLE lines")
        conn.execute("COMMIT")
        minimum = min((repeated_threshold(n) for n in documents.values()), default=0)
        repeated = repeated_from_counts(
            conn.execute("SELECT publisher_id, key, documents FROM line_counts WHERE documents >= ?", (minimum,)), documents)
    finally:
        conn.close()
    return repeated, scratch, dict(documents)


def repeated_from_counts(line_counts, documents) -> dict[str, dict[str, int]]:
    """The lines that count as repeated boilerplate, per publisher, from all line counts."""
    repeated: dict[str, dict[str, int]] = collections.defaultdict(dict)
    for publisher_id, key, count in line_counts:
        if count >= repeated_threshold(documents.get(publisher_id, 0)):
            repeated[publisher_id][key] = count
    return dict(repeated)


# What a worker process needs, set once per pool (or in-process for a serial build).
WORKER: dict = {}
BATCH_FILES = 2000  # files in flight at once: bounds memory whatever the corpus size


def set_worker(state: dict) -> None:
    WORKER.clear()
    WORKER.update(state)


def call_worker(args):
    function, item = args
    return function(*item)


def pooled(function, items, workers: int, state: dict):
    """``function(*item)`` for each item, in order, over a process pool of ``workers``.

    Items are submitted in batches so that at most ``BATCH_FILES`` results are held at once.
    """
    if workers <= 1:
        set_worker(state)
        for item in items:
            yield function(*item)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=set_worker, initargs=(state,)) as pool:
        for batch in batched(items, BATCH_FILES):
            yield from pool.imap(call_worker, [(function, item) for item in batch], chunksize=16)


def batched(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def file_rows(path: Path, source_path: str, entry: dict | None):
    """Second pass over one file: its documents' rows, or the problem that stopped it.

    Captures of one page inside the file (a WARC holding the same URL twice) are one document,
    the latest capture with text; each result lists its capture rows and, for web formats, the
    keys (URL, text) under which the writer merges captures found in other files.
    """
    registries, repeated, speakers = WORKER["registries"], WORKER["repeated"], WORKER.get("speaker_registry")
    try:
        file_sources = read_sources(path, source_path, WORKER["articles"])
        results = []
        with reading(source_path):
            for source, capture_rows in group_captures(file_sources):
                result = document_rows(source, entry, registries, repeated, speakers)
                result["captures"] = capture_rows
                result["capture_keys"] = capture_keys(source) if source.format != "txt" else []
                results.append(result)
    except SourceFileError as error:
        return source_path, error.problem, []
    return source_path, None, results


def processed_files(files, workers: int, state: dict, report: BuildReport, log):
    """Each file's document rows, from the pool, in file order; a file's problem goes to the report."""
    for (path, source_path, entry), (_, problem, results) in zip(files, pooled(file_rows, files, workers, state)):
        if problem is not None:
            log(f"skipped {source_path}: {problem}")
            report.problems.append((source_path, "error", problem))
            continue
        if entry is None:
            report.problems.append((source_path, "warning", missing_entry_warning(path)))
        yield from results


def capture_keys(source: Source) -> list[tuple[str, str]]:
    keys = [("text", text_sha256(source))] if source.text.strip() else []
    url = normalise_url(source.url)
    return keys + ([("url", url)] if url else [])


def missing_entry_warning(path: Path) -> str:
    if file_type(path) == ".txt":
        return "no manifest entry: archived with publisher unknown and date unknown"
    return "no manifest entry: title, URL and date read from the page, publisher from its domain"


@contextmanager
def build_lock(db_path: Path):
    """One build at a time per database: a second one refuses with a clear message."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(f"{db_path}: another build is running (lock held on {lock_path}); try again when it ends") from None
        yield


def registry_rows(registries: Registries) -> dict[str, list[dict]]:
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


def speakers_fingerprint(sources: Path) -> str:
    path = Path(sources) / "speakers.yml"
    return hashlib.sha256(path.read_bytes() if path.exists() else b"").hexdigest()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def source_files(sources: Path, registries: Registries):
    """(path, source_path, manifest entry) for every article file, sorted."""
    articles = sources / "articles"
    root = str(sources.resolve().parent) + os.sep
    articles_prefix = str(articles) + os.sep
    cwd = os.getcwd()
    files = []
    for path in article_paths(articles):
        absolute = path if os.path.isabs(path) else os.path.join(cwd, path)
        source_path = absolute[len(root):] if absolute.startswith(root) else absolute
        name = path[len(articles_prefix):] if path.startswith(articles_prefix) else path
        files.append((Path(path), source_path, registries.manifest.get(name)))
    return files


def build(sources: Path, db_path: Path, log=print, workers: int | None = None, full: bool = False,
          strict: bool = False) -> BuildReport:
    """Build the archive database from ``sources`` into ``db_path``, atomically.

    Reading, cleaning, splitting and tagging run over ``workers`` processes (default: every
    core); one writer stores the rows. Unless ``full``, an existing archive built by the same
    code is updated in place of a rebuild: only sources whose bytes (sha256) or manifest entry
    changed are redone (see ingest/incremental.py). With ``strict``, any per-file problem (a
    skipped file, a file without a manifest entry) fails the build before the new database
    replaces the old one.
    """
    started = time.monotonic()
    sources, db_path = Path(sources), Path(db_path)
    articles = sources / "articles"
    manifest_bytes = (sources / "manifest.yml").read_bytes() if (sources / "manifest.yml").exists() else b""
    manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
    cached = None if full else store.cached_manifest(db_path, manifest_sha256)
    registries = load_registries(sources, articles, manifest=cached)
    speaker_registry = load_speaker_registry(sources, registries)
    report = build_from(sources, db_path, registries, manifest_sha256, log, workers, full, speaker_registry, strict)
    report.seconds = time.monotonic() - started
    return report


def build_from(sources: Path, db_path: Path, registries: Registries, manifest_sha256: str, log=print,
               workers: int | None = None, full: bool = False, speaker_registry=None, strict: bool = False) -> BuildReport:
    """``build`` with the registries already loaded (``archive add`` extends the cached manifest)."""
    articles = sources / "articles"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    workers = workers or default_workers()
    with build_lock(db_path):
        remove_stale_temporaries(db_path)
        files = source_files(sources, registries)
        temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
        try:
            if not full and not strict and db_path.exists():
                from .incremental import update
                report = update(db_path, registries, files, manifest_sha256, log=log, workers=workers, articles=articles,
                                speaker_registry=speaker_registry, speakers_sha256=speakers_fingerprint(sources))
                if report is not None:
                    return report
            report = BuildReport(db_path=db_path)
            scratch = temporary.with_name(temporary.name + ".lines")
            repeated, line_counts, publisher_documents = count_repeated_lines(files, articles, registries, workers, scratch=scratch)
            write_database(temporary, files, articles, registries, repeated, report, log, workers, speaker_registry)
            if strict:
                refuse_problems(report)
            store.save_build_state(temporary, files, line_counts, publisher_documents, registries, manifest_sha256,
                                   speakers_fingerprint(sources))
            os.replace(temporary, db_path)
        except (sqlite3.Error, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise ArchiveError(f"{db_path}: could not write the database ({reason}); the previous database is unchanged") from None
        finally:
            temporary.unlink(missing_ok=True)
            temporary.with_name(temporary.name + ".lines").unlink(missing_ok=True)
    return report


def remove_stale_temporaries(db_path: Path) -> None:
    """Delete what killed builds left behind; only called with the build lock held."""
    for stale in db_path.parent.glob(f".{db_path.name}.*.tmp*"):
        stale.unlink(missing_ok=True)


def refuse_problems(report: BuildReport) -> None:
    """For --strict: fail when any file was skipped or archived without its manifest entry."""
    if report.problems:
        path, severity, problem = report.problems[0]
        raise ArchiveError(
            f"{report.db_path}: --strict: {len(report.problems)} file problem(s), first {path} ({severity}: {problem}); "
            "the previous database is unchanged"
        )


def write_database(temporary, files, articles, registries, repeated, report, log, workers: int = 1, speaker_registry=None) -> None:
    conn = store.connect(temporary)
    try:
        store.create_schema(conn)
        conn.execute("BEGIN")
        rows = registry_rows(registries)
        speakers: dict[str, dict] = {}
        unknown_publisher_used = False
        unknown_domains: set[str] = set()
        documents, passages, removed = [], [], []
        captures: list[dict] = []
        capture_keys: dict[tuple[str, str], str] = {}  # a web capture's URL or text -> its document
        state = {"articles": articles, "registries": registries, "repeated": repeated, "speaker_registry": speaker_registry}
        for result in processed_files(files, workers, state, report, log):
            # the same URL or the same extracted text captured in two files is one document (issue 4)
            document_id = result["document"]["id"]
            known = next((capture_keys[key] for key in result["capture_keys"] if key in capture_keys), None)
            captures.extend({**row, "document_id": known or document_id} for row in result["captures"])
            if known:
                continue
            capture_keys.update((key, document_id) for key in result["capture_keys"])
            publisher_id = result["document"]["publisher_id"]
            unknown_publisher_used |= publisher_id == UNKNOWN_PUBLISHER
            if publisher_id.startswith("unknown:"):
                unknown_domains.add(publisher_id)
            documents.append(result["document"])
            passages.extend(result["passages"])
            removed.extend(result["removed"])
            speakers.update(result["speakers"])
            if len(passages) > 5000:
                flush(conn, documents, passages, removed, report)
        flush(conn, documents, passages, removed, report)
        store.insert_rows(conn, "captures", captures)
        for publisher_id in sorted(unknown_domains):
            domain = publisher_id.split(":", 1)[1]
            rows["publishers"].append({
                "id": publisher_id, "name": domain, "domain": domain, "affiliation_id": None,
                "basis": "Not in publishers.yml: the publisher is unknown, named by the page's domain.",
            })
        report.unknown_publishers = sorted(unknown_domains)
        if unknown_publisher_used:
            rows["publishers"].append(unknown_publisher_row())
        store.insert_rows(conn, "affiliations", rows["affiliations"])
        store.insert_rows(conn, "publishers", rows["publishers"])
        if speaker_registry is not None:
            report.unregistered_speakers = dict(speakers)
            for row in speaker_registry.rows():
                speakers.setdefault(row["id"], {**row, "aliases": json.dumps(row["aliases"], ensure_ascii=False) if row["aliases"] else None})
        columns = store.TABLES["speakers"][0]
        store.insert_rows(conn, "speakers", [{column: row.get(column) for column in columns} for row in speakers.values()])
        store.insert_rows(conn, "problems", [
            {"source_path": path, "severity": severity, "problem": problem}
            for path, severity, problem in report.problems
        ])
        claims.derive_claims(conn, articles.parent / "names.yml")  # figures, mentions, reuse (issue 8)
        conn.execute("COMMIT")
        store.finish(conn)
    finally:
        conn.close()


def unknown_publisher_row() -> dict:
    return {
        "id": UNKNOWN_PUBLISHER, "name": "Unknown publisher (no manifest entry)",
        "domain": None, "affiliation_id": None,
        "basis": "No manifest entry names the publisher of these files.",
    }


def flush(conn, documents, passages, removed, report) -> None:
    store.insert_rows(conn, "documents", documents)
    store.insert_rows(conn, "passages", passages)
    store.insert_rows(conn, "removed", removed)
    report.documents += len(documents)
    report.passages += len(passages)
    report.removed += len(removed)
    documents.clear()
    passages.clear()
    removed.clear()


def is_stale(sources: Path, db_path: Path) -> bool:
    """Whether the database is missing or older than any file under ``sources``."""
    if not db_path.exists():
        return True
    built = db_path.stat().st_mtime
    return any(
        path.stat().st_mtime > built
        for path in Path(sources).rglob("*")
        if path.is_file()
    )
