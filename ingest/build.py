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
from .captures import group_captures
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


def article_files(articles: Path) -> list[Path]:
    """Every file under articles/, sorted, hidden files left out."""
    if not articles.is_dir():
        return []
    return sorted(
        path for path in articles.rglob("*")
        if not any(part.startswith(".") for part in path.relative_to(articles).parts)
        and (path.is_file() or path.is_symlink())
    )


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


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


def count_repeated_lines(files: list[tuple[Path, str, dict | None]], articles: Path, registries: Registries) -> dict[str, dict[str, int]]:
    """First pass: per publisher, the short lines that repeat in enough of its documents."""
    line_documents: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    documents: collections.Counter = collections.Counter()
    for path, source_path, entry in files:
        try:
            sources = read_sources(path, source_path, articles)
        except ArchiveError:
            continue
        for source in sources:
            publisher_id = publisher_of(source, entry, registries)
            documents[publisher_id] += 1
            line_documents[publisher_id].update(boilerplate_candidates(source.text))
    return {
        publisher_id: {
            key: count for key, count in counter.items()
            if count >= repeated_threshold(documents[publisher_id])
        }
        for publisher_id, counter in line_documents.items()
    }


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


def build(sources: Path, db_path: Path, log=print, strict: bool = False) -> BuildReport:
    """Build the archive database from ``sources`` into ``db_path``, atomically.

    With ``strict``, any per-file problem (a skipped file, a file without a manifest entry) fails
    the build before the new database replaces the old one.
    """
    started = time.monotonic()
    sources, db_path = Path(sources), Path(db_path)
    articles = sources / "articles"
    registries = load_registries(sources, articles)
    speaker_registry = load_speaker_registry(sources, registries)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    report = BuildReport(db_path=db_path)
    root = sources.resolve().parent
    with build_lock(db_path):
        files = [
            (path, relative(path.absolute(), root), registries.manifest.get(relative(path, articles)))
            for path in article_files(articles)
        ]
        repeated = count_repeated_lines(files, articles, registries)
        remove_stale_temporaries(db_path)
        temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
        try:
            write_database(temporary, files, articles, registries, repeated, report, log, speaker_registry)
            if strict:
                refuse_problems(report)
            os.replace(temporary, db_path)
        except (sqlite3.Error, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise ArchiveError(f"{db_path}: could not write the database ({reason}); the previous database is unchanged") from None
        finally:
            temporary.unlink(missing_ok=True)
    report.seconds = time.monotonic() - started
    return report


def remove_stale_temporaries(db_path: Path) -> None:
    """Delete what killed builds left behind; only called with the build lock held."""
    for stale in db_path.parent.glob(f".{db_path.name}.*.tmp"):
        stale.unlink(missing_ok=True)


def refuse_problems(report: BuildReport) -> None:
    """For --strict: fail when any file was skipped or archived without its manifest entry."""
    if report.problems:
        path, severity, problem = report.problems[0]
        raise ArchiveError(
            f"{report.db_path}: --strict: {len(report.problems)} file problem(s), first {path} ({severity}: {problem}); "
            "the previous database is unchanged"
        )


def write_database(temporary, files, articles, registries, repeated, report, log, speaker_registry=None) -> None:
    conn = store.connect(temporary)
    try:
        store.create_schema(conn)
        conn.execute("BEGIN")
        rows = registry_rows(registries)
        speakers: dict[str, dict] = {}
        unknown_publisher_used = False
        unknown_domains: set[str] = set()
        documents, passages, removed = [], [], []
        read: list[tuple[Source, dict | None]] = []
        for path, source_path, entry in files:
            try:
                file_sources = read_sources(path, source_path, articles)
            except SourceFileError as error:
                log(f"skipped {error}")
                report.problems.append((source_path, "error", error.problem))
                continue
            if entry is None:
                if file_type(path) == ".txt":
                    report.problems.append((source_path, "warning", "no manifest entry: archived with publisher unknown and date unknown"))
                else:
                    report.problems.append((source_path, "warning", "no manifest entry: title, URL and date read from the page, publisher from its domain"))
            read.extend((source, entry) for source in file_sources)
        # the same URL or the same extracted text captured twice is one document (issue 4)
        entries = {id(source): entry for source, entry in read}
        captures = []
        for source, capture_rows in group_captures([source for source, _ in read]):
            try:
                with reading(source.source_path):
                    result = document_rows(source, entries[id(source)], registries, repeated, speaker_registry)
            except SourceFileError as error:
                log(f"skipped {error}")
                report.problems.append((source.source_path, "error", error.problem))
                continue
            publisher_id = result["document"]["publisher_id"]
            unknown_publisher_used |= publisher_id == UNKNOWN_PUBLISHER
            if publisher_id.startswith("unknown:"):
                unknown_domains.add(publisher_id)
            documents.append(result["document"])
            passages.extend(result["passages"])
            removed.extend(result["removed"])
            speakers.update(result["speakers"])
            captures.extend({**row, "document_id": result["document"]["id"]} for row in capture_rows)
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
            rows["publishers"].append({
                "id": UNKNOWN_PUBLISHER, "name": "Unknown publisher (no manifest entry)",
                "domain": None, "affiliation_id": None,
                "basis": "No manifest entry names the publisher of these files.",
            })
        store.insert_rows(conn, "affiliations", rows["affiliations"])
        store.insert_rows(conn, "publishers", rows["publishers"])
        if speaker_registry is not None:
            report.unregistered_speakers = dict(speakers)
            for row in speaker_registry.rows():
                speakers.setdefault(row["id"], {
                    "id": row["id"], "name": row["name"], "handle": row["handle"],
                    "affiliation_id": row["affiliation_id"], "description": row["description"],
                })
        store.insert_rows(conn, "speakers", list(speakers.values()))
        store.insert_rows(conn, "problems", [
            {"source_path": path, "severity": severity, "problem": problem}
            for path, severity, problem in report.problems
        ])
        claims.derive_claims(conn, articles.parent / "names.yml")  # figures, mentions, reuse (issue 8)
        conn.execute("COMMIT")
        store.finish(conn)
    finally:
        conn.close()


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
