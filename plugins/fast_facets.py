"""The passage search: one page, its JSON and its CSV, on Datasette's extension points.

``/{database}/-/search`` (and ``.json``, ``.csv``) answers a full-text search with filters, six
facets, the passages of one page with their matches highlighted, and an export of every matching
passage. It is a route of its own (``register_routes``); Datasette's table views, its
``Database.execute`` and its responses are left as they are.

Why a page of its own: Datasette counts each facet by reading whole ``passages`` rows (~700
bytes, text included) once per facet per search; six facets over a search matching 10% of a
million passages take seconds. Here the facet and sort columns of every passage are held in
memory as arrays of small codes indexed by rowid (``FacetIndex``, loaded in the background at
startup from ``passage_facets`` where the build wrote it, else from ``passages``): a search is
one FTS query for the matching rowids, then every facet is one ``bincount`` and the page's order
one ``lexsort``; the rows of the page are then read by rowid, and highlighted by one query.

Every request has one deadline: ``sql_time_limit_ms`` from its start, shared by all its queries
(the export: ``EXPORT_TIME_LIMIT_S`` overall, each batch of rows within ``sql_time_limit_ms``).
Past the deadline the page says so (status 400, like Datasette's own time-out); the CSV ends
with a last row saying where it stopped.

One archive at a time: each file database is served through ``ArchiveDatabase`` (below), whose
queries run on the connections of one *generation* of the file; the facet index and the table
counts belong to the generation too. A build that renames a new file into place is noticed on
the next request, opened and indexed in the background, then served whole; every request is
answered from the generation current when it arrived (docs/ui.md, "One archive at a time").

The voice facets (speaker, its affiliation and organisation, attribution, kind of voice) count
the *statements* that hold the match (``statements_fts``), from a second array index
(``StatementIndex``); the channel facets count passages. Each row and the CSV give the voice of
the matched words: "the outlet" where the match is in the outlet's own sentence, whoever else the
passage quotes (issue 11).

Unknown is a value of its own: every facet counts it and offers it, and excluding a value
(``column__not=value``) keeps the unknowns, so "not PMOI/MEK" includes the voices whose
affiliation is unknown; ``column__notnull=1`` leaves them out.
"""

from __future__ import annotations

import asyncio
import collections
import collections.abc
import contextvars
import csv
import io
import itertools
import json
import os
import queue
import re
import sqlite3
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.database import Database, QueryInterrupted
from datasette.utils.asgi import AsgiStream, Response

try:
    from ingest import persian, web
    from ingest.web import FORMULA_START, display_text, escape_control
except ImportError:  # served without the package installed: use the checkout beside plugins/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ingest import persian, web
    from ingest.web import FORMULA_START, display_text, escape_control

TABLE = "passages"
FACET_TABLE = "passage_facets"
FTS_TABLE = "passages_fts"
STATEMENTS = "statements"
STATEMENTS_FTS = "statements_fts"
# Facet and filter columns, in the order the page shows them: the channel (counted in passages),
# then the voice (counted in the statements that hold the match: issue 11, item 1).
CHANNEL_FACETS = ["publisher_id", "affiliation_id", "year", "kind"]
VOICE_FACETS = ["speaker_id", "speaker_affiliation_id", "speaker_organisation_id", "attribution", "voice"]
FACETS = CHANNEL_FACETS + VOICE_FACETS
# The passage index: the channel, and the passage's quoted voice (for sorting, and for an archive
# built without statements, whose voice facets count passages as before).
PASSAGE_COLUMNS = CHANNEL_FACETS + ["speaker_id", "speaker_affiliation_id", "attribution"]
SORTABLE = PASSAGE_COLUMNS + ["published"]
LABEL_TABLES = {"publisher_id": "publishers", "affiliation_id": "affiliations", "speaker_id": "speakers",
                "speaker_affiliation_id": "affiliations", "speaker_organisation_id": "speakers"}
FACET_TITLES = {
    "publisher_id": "Publisher", "affiliation_id": "Publisher's affiliation", "year": "Year", "kind": "Kind",
    "speaker_id": "Voice", "speaker_affiliation_id": "Voice's affiliation",
    "speaker_organisation_id": "Voice's organisation", "attribution": "Attribution", "voice": "Kind of voice",
}
VOICE_LABELS = {"outlet": "the outlet", "named": "a named voice", "unnamed": "an unnamed voice"}
UNKNOWN = "unknown"
OUTLET = "the outlet itself"
OUTLET_WHEN_NULL = ("speaker_id", "attribution")  # null here means no other voice: the outlet speaks
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
FACET_SIZE = 5
EXPORT_BATCH = 2000
EXPORT_AHEAD = 2  # batches read at once (each in its own search slot and SQL thread)
EXPORT_TIME_LIMIT_S = web.EXPORT_TIME_LIMIT_S
MATCH_CACHE = 8
EXPORT_COLUMNS = [
    "id", "published", "published_basis", "date",
    "publisher_id", "publisher", "affiliation_id", "affiliation",
    "speaker_id", "speaker", "speaker_affiliation_id", "speaker_affiliation", "attribution", "attribution_cue", "said_on",
    "kind", "text", "document_id", "title", "url", "seq", "start", "end", "reuse_cluster_id",
    # the voice of the words that match, as the page's row shows it ("the outlet" where the
    # match is in the outlet's own sentence); several separated by "; "
    "matched_voice", "matched_speaker_id",
]


class BadRequest(ValueError):
    """A request this page cannot answer: status 400 with the message."""


class TimeLimit(Exception):
    """The request's deadline passed."""


# ---------------------------------------------------------------- pure helpers

def is_estimate(basis: str | None) -> bool:
    return bool(basis) and basis.strip().lower().startswith("estimate")


def date_label(published: str | None, basis: str | None) -> str:
    """'2021', '2021 (estimate)' or 'unknown': a date with its precision."""
    if not published:
        return UNKNOWN
    return f"{published} (estimate)" if is_estimate(basis) else published


def parse_filters(args) -> list[tuple[str, str, str | None]]:
    """``(column, op, value)`` for each filter argument; BadRequest for an unknown column or op."""
    filters = []
    for key in args.keys():
        if key.startswith("_") or key in ("q",):
            continue
        column, _, op = key.partition("__")
        if column not in FACETS:
            raise BadRequest(f"unknown filter {key!r}: filters are {', '.join(FACETS)}")
        op = op or "exact"
        if op not in ("exact", "not", "isnull", "notnull"):
            raise BadRequest(f"unknown filter {key!r}: use {column}=, {column}__not=, {column}__isnull=1 or {column}__notnull=1")
        for value in args.getlist(key):
            filters.append((column, op, value if op in ("exact", "not") else None))
    return filters


def parse_sort(args) -> tuple[str, bool]:
    sort, sort_desc = args.get("_sort"), args.get("_sort_desc")
    if sort and sort_desc:
        raise BadRequest("give _sort or _sort_desc, not both")
    column = sort or sort_desc
    if column is None:
        return "published", True
    if column not in SORTABLE:
        raise BadRequest(f"cannot sort by {column!r}: sort by {', '.join(SORTABLE)}")
    return column, bool(sort_desc)


# ---------------------------------------------------------------- the index

class CodedIndex:
    """Columns as arrays of small integer codes indexed by rowid (0: null), in the sorted order of
    their values; what a passage index and a statement index share."""

    def encode(self, columns, raw: dict, rowid_array, size: int) -> None:
        """Codes for each column's values ``raw[column]`` (one per rowid of ``rowid_array``)."""
        numpy = self.numpy
        self.values, self.codes, self.lookup = {}, {}, {}
        for c in columns:
            values = sorted({v for v in raw[c] if v is not None}, key=lambda v: (isinstance(v, str), v))
            lookup = {v: code for code, v in enumerate(values, start=1)}
            codes = numpy.zeros(size, dtype=numpy.int32)
            codes[rowid_array] = numpy.fromiter((lookup.get(v, 0) if v is not None else 0 for v in raw[c]),
                                                dtype=numpy.int32, count=len(rowid_array))
            self.values[c], self.codes[c], self.lookup[c] = [None] + values, codes, lookup
            raw[c] = None

    def unknown(self, column: str, rowids, codes):
        """Which of ``rowids`` (with these codes of ``column``) ``column__isnull=1`` keeps."""
        return codes == 0

    def outlet(self, column: str, rowids, codes, unknown: int) -> tuple[int, int]:
        """The ``unknown`` (code 0) among ``rowids`` split into (unknown, the outlet's own words)."""
        raise NotImplementedError

    def facet(self, column: str, rowids, size: int | None = FACET_SIZE) -> dict:
        """Counts of the values of ``column`` among ``rowids``: the top ``size`` (every value for
        None), unknown, and the outlet's own words."""
        numpy = self.numpy
        if column not in self.codes:
            return {"items": [], "unknown": 0, "outlet": 0, "distinct": 0}
        codes = self.codes[column][rowids]
        counts = numpy.bincount(codes, minlength=len(self.values[column]))
        order = numpy.argsort(-counts[1:], kind="stable") + 1
        items = [(self.values[column][int(code)], int(counts[code])) for code in order[:size] if counts[code]]
        unknown, outlet = self.outlet(column, rowids, codes, int(counts[0]))
        return {"items": items, "unknown": unknown, "outlet": outlet, "distinct": int(numpy.count_nonzero(counts[1:]))}

    def filter(self, rowids, filters):
        """The rowids left by (column, op, value) filters; ``not`` keeps the unknowns."""
        numpy = self.numpy
        for column, op, value in filters:
            if column not in self.codes:  # a column these rows do not have: no row has a value there
                if op in ("exact", "notnull"):
                    rowids = rowids[:0]
                continue
            codes = self.codes[column][rowids]
            if op == "exact":
                keep = codes == self.code(column, value)
            elif op == "not":
                keep = codes != self.code(column, value)  # unknowns (code 0) stay
            elif op == "isnull":
                keep = self.unknown(column, rowids, codes)
            else:
                keep = codes != 0
            rowids = rowids[keep]
        return rowids if len(rowids) else numpy.zeros(0, dtype=numpy.int64)


class FacetIndex(CodedIndex):
    """The facet and sort columns as arrays of small codes indexed by rowid (0: unknown).

    Codes follow the sorted order of the values, so sorting by code sorts by value.
    """

    def __init__(self, conn):
        import numpy

        self.numpy = numpy
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        source = FACET_TABLE if FACET_TABLE in tables else TABLE
        size = (conn.execute(f"select max(rowid) from {source}").fetchone()[0] or 0) + 1
        self.present = numpy.zeros(size, dtype=bool)
        columns = [c for c in SORTABLE if c in columns_of(conn, source)]
        raw = {c: [] for c in columns}
        rowids = []
        quoted = ", ".join(f'"{c}"' for c in columns)
        cursor = conn.execute(f"select rowid, {quoted} from {source}")
        while batch := cursor.fetchmany(50_000):
            for row in batch:
                rowids.append(row[0])
                for i, c in enumerate(columns, 1):
                    raw[c].append(row[i])
        rowid_array = numpy.array(rowids, dtype=numpy.int64)
        self.present[rowid_array] = True
        self.encode(columns, raw, rowid_array, size)
        self.all_rowids = rowid_array[numpy.argsort(rowid_array)]
        self.labels = {}
        for column, table in LABEL_TABLES.items():
            try:
                self.labels[column] = {row[0]: row[1] for row in conn.execute(f'select id, name from "{table}"')}
            except Exception:  # noqa: BLE001 - a table without names: ids are shown
                self.labels[column] = {}

    def has(self, column: str) -> bool:
        return column in self.codes

    def code(self, column: str, value: str) -> int:
        """The code of a value as given in a URL (text); -1 when no passage has it."""
        lookup = self.lookup[column]
        if value in lookup:
            return lookup[value]
        try:
            return lookup.get(int(value), -1)
        except ValueError:
            return -1

    def unknown(self, column: str, rowids, codes):
        keep = codes == 0
        if column == "speaker_affiliation_id":  # unknown: a voice whose affiliation is not known
            keep &= self.codes["speaker_id"][rowids] != 0
        return keep

    def outlet(self, column: str, rowids, codes, unknown: int) -> tuple[int, int]:
        if column == "speaker_id":  # a passage without a voice is the outlet's
            return unknown, unknown
        if column == "speaker_affiliation_id" and unknown:
            outlet = int(self.numpy.count_nonzero(self.codes["speaker_id"][rowids][codes == 0] == 0))
            return unknown - outlet, outlet
        return unknown, 0

    def order(self, rowids, column: str, descending: bool, limit: int | None = None):
        """Rowids ordered by ``column`` (unknowns last either way), ties by rowid; the first
        ``limit`` only when given (a partial sort: the first page of 100,000 matches is cheap)."""
        numpy = self.numpy
        codes = self.codes[column][rowids].astype(numpy.int64)
        last = len(self.values[column])  # unknown (code 0) sorts after every value
        rank = numpy.where(codes == 0, last, (last - codes) if descending else codes)
        keys = rank * len(self.present) + rowids  # unique: the rank, then the rowid
        if limit is not None and limit < len(keys):
            keys = keys[numpy.argpartition(keys, limit - 1)[:limit]]
        keys.sort()
        return keys % len(self.present)

    def label(self, column: str, value) -> str:
        if value is None:
            return OUTLET if column in OUTLET_WHEN_NULL else UNKNOWN
        return self.labels.get(column, {}).get(value) or str(value)


def columns_of(conn, table: str) -> set:
    return {row[1] for row in conn.execute(f'pragma table_info("{table}")')}


class StatementIndex(CodedIndex):
    """The voice columns of every statement as arrays of small codes indexed by the statement's
    rowid (0: null), with the rowid of its passage; the voice facets count these.

    In a statement's voice columns null means two things: the outlet's own words (``voice`` is
    'outlet': shown as "the outlet itself") or a voice whose name, affiliation or organisation is
    not known ("unknown"; for ``speaker_id``, an unnamed voice). ``column__isnull=1`` keeps the
    second; ``voice=outlet`` the first.
    """

    def __init__(self, conn, passages: FacetIndex):
        import numpy

        self.numpy = numpy
        columns = [c for c in VOICE_FACETS if c in columns_of(conn, STATEMENTS)]
        size = (conn.execute(f"select max(rowid) from {STATEMENTS}").fetchone()[0] or 0) + 1
        self.passage = numpy.zeros(size, dtype=numpy.int64)
        self.present = numpy.zeros(size, dtype=bool)
        raw = {c: [] for c in columns}
        rowids, passage_rowids = [], []
        quoted = ", ".join(f's."{c}"' for c in columns)
        cursor = conn.execute(f"select s.rowid, p.rowid, {quoted} from {STATEMENTS} s join {TABLE} p on p.id = s.passage_id")
        while batch := cursor.fetchmany(50_000):
            for row in batch:
                rowids.append(row[0])
                passage_rowids.append(row[1])
                for i, c in enumerate(columns, 2):
                    raw[c].append(row[i])
        rowid_array = numpy.array(rowids, dtype=numpy.int64)
        self.passage[rowid_array] = numpy.array(passage_rowids, dtype=numpy.int64)
        self.present[rowid_array] = True
        self.present[rowid_array[self.passage[rowid_array] >= len(passages.present)]] = False
        self.encode(columns, raw, rowid_array, size)
        self.all_rowids = numpy.sort(rowid_array[self.present[rowid_array]])
        # the statements of each passage, by passage rowid: order[offsets[p]:offsets[p + 1]]
        by_passage = self.passage[self.all_rowids]
        order = numpy.argsort(by_passage, kind="stable")
        self.by_passage = self.all_rowids[order]
        self.offsets = numpy.zeros(len(passages.present) + 1, dtype=numpy.int64)
        numpy.cumsum(numpy.bincount(by_passage, minlength=len(passages.present)), out=self.offsets[1:])
        self.outlet_code = self.lookup.get("voice", {}).get("outlet", -1)
        self.labels = {}
        for column in ("speaker_id", "speaker_affiliation_id", "speaker_organisation_id"):
            self.labels[column] = passages.labels.get(column) or {}
        if "speaker_organisation_id" not in passages.labels or not self.labels["speaker_organisation_id"]:
            self.labels["speaker_organisation_id"] = passages.labels.get("speaker_id", {})

    def code(self, column: str, value: str) -> int:
        return self.lookup.get(column, {}).get(value, -1)

    def is_outlet(self, rowids):
        if "voice" not in self.codes:
            return self.codes["speaker_id"][rowids] == 0
        return self.codes["voice"][rowids] == self.outlet_code

    def of_passages(self, passage_rowids):
        """Every statement of these passages."""
        numpy = self.numpy
        starts, ends = self.offsets[passage_rowids], self.offsets[passage_rowids + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if total == 0:
            return numpy.zeros(0, dtype=numpy.int64)
        shift = numpy.repeat(starts - (numpy.cumsum(lengths) - lengths), lengths)
        return numpy.sort(self.by_passage[numpy.arange(total) + shift])

    def restrict(self, statements, passage_rowids, passage_present):
        """The statements among ``statements`` whose passage is in ``passage_rowids``; a passage
        matched by the search in no single statement (its words in two) brings all its statements."""
        numpy = self.numpy
        keep = numpy.zeros(len(passage_present), dtype=bool)
        keep[passage_rowids] = True
        statements = statements[keep[self.passage[statements]]]
        keep[self.passage[statements]] = False
        missing = numpy.flatnonzero(keep)
        if len(missing):
            statements = numpy.union1d(statements, self.of_passages(missing))
        return statements

    def unknown(self, column: str, rowids, codes):
        return (codes == 0) & ~self.is_outlet(rowids)

    def outlet(self, column: str, rowids, codes, unknown: int) -> tuple[int, int]:
        outlet = 0
        if column != "voice" and unknown:
            outlet = int(self.numpy.count_nonzero(self.is_outlet(rowids[codes == 0])))
        return unknown - outlet, outlet

    def label(self, column: str, value) -> str:
        if value is None:
            return UNKNOWN
        if column == "voice":
            return VOICE_LABELS.get(value, str(value))
        return self.labels.get(column, {}).get(value) or str(value)

    def voices(self, statements, passage_rowids) -> dict:
        """For each of these passages: the voices of its statements among ``statements`` (those
        that hold the match), in order, each once: (speaker_id, label, attribution)."""
        numpy = self.numpy
        wanted = numpy.isin(self.passage[statements], passage_rowids)
        out: dict = {}
        for rowid in statements[wanted]:
            passage = int(self.passage[rowid])
            speaker = self.values["speaker_id"][self.codes["speaker_id"][rowid]]
            kind = self.values["voice"][self.codes["voice"][rowid]] if "voice" in self.codes else None
            attribution = self.values["attribution"][self.codes["attribution"][rowid]] if "attribution" in self.codes else None
            if speaker is not None:
                label = self.label("speaker_id", speaker)
            elif kind == "unnamed":
                label = VOICE_LABELS["unnamed"]
            else:
                label, attribution = VOICE_LABELS["outlet"], None
            voice = (speaker, label, attribution)
            seen = out.setdefault(passage, [])
            if voice not in seen:
                seen.append(voice)
        return out


MATCHES: collections.OrderedDict = collections.OrderedDict()  # the last few searches' rowids
LOADING = object()  # kept for callers of older versions: the index now loads before a file is served


# ---------------------------------------------------------------- one archive at a time

REQUEST_GENERATIONS: contextvars.ContextVar = contextvars.ContextVar("archive_generations", default=None)
_NUMBERS = itertools.count(1)


def file_identity(path) -> tuple:
    """What changes when a build renames a new file into place, or an update rewrites it."""
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size


class FileChanged(Exception):
    """The file was replaced while a generation was being opened: open the new one instead."""


class Generation:
    """One file as it was when opened: the connections that serve it (all opened, and checked to
    be that file, before it is served), the table counts and the facet index read through them."""

    def __init__(self, ds, path: str, is_mutable: bool, name: str, first: bool = False):
        self.number = next(_NUMBERS)
        self.path = path
        self.identity = file_identity(path)
        self.users = 0
        self.retired = False
        threads = ds.setting("num_sql_threads") or 0
        opener = Database(ds, path=path, is_mutable=is_mutable)
        connections = []
        try:
            for _ in range(max(threads, 1) + 1):  # one per SQL thread, and one to load with
                conn = opener.connect()
                ds._prepare_connection(conn, name)  # what Datasette does to each connection it opens
                conn.execute("select count(*) from sqlite_master").fetchone()
                connections.append(conn)
            # the file still is the one stat()ed above, so every connection opened it: a file
            # renamed away never comes back
            if file_identity(path) != self.identity:
                raise FileChanged(path)
        except BaseException:
            for conn in connections:
                conn.close()
            raise
        self.loader = connections.pop()
        self.connections = connections
        self.pool: queue.SimpleQueue = queue.SimpleQueue()
        for conn in connections:
            self.pool.put(conn)
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=f"archive-{self.number}") if threads else None
        self.size = self.identity[3]
        self.normalised = is_normalised(self.loader)
        # the first file: Datasette's own counts (its inspect file, if given), and the index loads
        # while the server already answers (the search says "loading" meanwhile); a new file: all
        # of it is read before it is served
        self.counts: dict | None = None
        self.index = LOADING
        if not first:
            self.counts = read_counts(self.loader)
            self.load()

    def load(self) -> None:
        """Read the facet index through this generation's own connection (in a thread)."""
        try:
            self.index = load_index_from(self.loader)
        finally:
            self.loader.close()

    def run(self, fn):
        conn = self.pool.get()
        try:
            return fn(conn)
        finally:
            self.pool.put(conn)

    def close(self):
        """Called once its last request has ended: its threads end, its connections close (the
        replaced file's space is freed) and its index is dropped."""
        if self.executor is not None:
            self.executor.shutdown(wait=False)
        for conn in self.connections:
            conn.close()
        self.index = None


def read_counts(conn) -> dict:
    names = [row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")]
    counts = {}
    for name in names:
        try:
            counts[name] = conn.execute(f'select count(*) from "{name}"').fetchone()[0]
        except sqlite3.Error:  # a virtual table whose module is missing
            counts[name] = None
    return counts


def is_normalised(conn) -> bool:
    """Whether passages_fts was built with persian.fts_tokenizer(): filled with normalised text."""
    row = conn.execute("select sql from sqlite_master where name = ?", (FTS_TABLE,)).fetchone()
    return persian.is_normalised_index(row[0] if row else None)


def load_index_from(conn):
    try:
        tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
        if TABLE not in tables:
            return None
        index = FacetIndex(conn)
        index.statements = None
        if STATEMENTS in tables and STATEMENTS_FTS in tables:
            index.statements = StatementIndex(conn, index)
        return index
    except Exception:  # noqa: BLE001 - no numpy, or a database without passages
        return None


class ArchiveDatabase(Database):
    """A database file that a build may replace while it is served (issue 13, item 6).

    Datasette 0.65 keeps each SQL thread's connection to a database by the database's *name*, for
    the life of the thread (datasette/database.py; simonw/datasette#2465, fixed after 0.65), so
    ``remove_database`` and ``add_database`` of a new ``Database`` under the same name would go on
    reading the old file from some threads and the new one from others. This subclass overrides
    the documented ``execute_fn`` instead: every query runs on a connection of one *generation*
    (one file, as stat() saw it), in that generation's own threads. Every request is answered
    from the generation that was current when it arrived, so its pages, counts, facets and CSV
    rows all come from one file; when the file at the path changes, the next generation is opened
    and its index loaded in the background while the old one keeps answering, then it becomes
    current at once, and the old one is closed when its last request ends.
    """

    def __init__(self, ds, path, is_mutable, name, route, first: Generation):
        super().__init__(ds, path=path, is_mutable=is_mutable)
        self.name, self.route = name, route
        self.current = self.first_generation = first
        self.switching = False
        self.failed_identity = None

    # -- which generation a request uses
    @property
    def serving(self) -> Generation:
        pinned = REQUEST_GENERATIONS.get()
        if pinned is not None and id(self) in pinned:
            return pinned[id(self)]
        return self.current

    async def execute_fn(self, fn):
        generation = self.serving
        if generation.executor is None:
            return generation.run(fn)
        return await asyncio.get_running_loop().run_in_executor(generation.executor, generation.run, fn)

    @property
    def cached_table_counts(self):
        counts = self.serving.counts
        return counts if counts is not None else super().cached_table_counts

    @property
    def hash(self):
        if self.serving is not self.first_generation:
            return None
        try:
            return super().hash  # the inspect file's, else a hash of the file (read once)
        except OSError:  # the file was removed or replaced before it was read
            return None

    @property
    def size(self):
        return self.serving.size

    @property
    def mtime_ns(self):
        return self.serving.identity[2]

    # -- noticing a new file
    def changed(self) -> bool:
        try:
            identity = file_identity(self.path)
        except OSError:  # the file is being replaced, or was removed: keep serving what is open
            return False
        if identity == self.current.identity or identity == self.failed_identity:
            return False
        # an update in progress writes beside the file (rollback journal): wait until it is done
        return not os.path.exists(str(self.path) + "-journal")

    def open_next(self) -> Generation:
        for _ in range(5):
            try:
                return Generation(self.ds, self.path, self.is_mutable, self.name)
            except FileChanged:
                continue
        raise FileChanged(self.path)

    async def switch(self):
        """Open the new file (in a thread: the index takes seconds at a million passages), then
        serve it; the old generation is closed when its last request ends."""
        self.switching = True
        try:
            try:
                generation = await asyncio.get_running_loop().run_in_executor(None, self.open_next)
            except Exception as error:  # noqa: BLE001 - not a database (yet): keep serving the old one
                try:
                    self.failed_identity = file_identity(self.path)
                except OSError:
                    self.failed_identity = None
                sys.stderr.write(f"{self.path}: not switched to the new file ({error}); still serving the previous one\n")
                return
            old, self.current = self.current, generation
            for key in [k for k in MATCHES if k[0] == old.number]:
                MATCHES.pop(key, None)
            old.retired = True
            if old.users == 0:
                old.close()
        finally:
            self.switching = False


def archive_databases(datasette) -> list:
    return [db for db in datasette.databases.values() if isinstance(db, ArchiveDatabase)]


def generation_of(db) -> Generation | None:
    return db.serving if isinstance(db, ArchiveDatabase) else None


class InspectData(collections.abc.Mapping):
    """``datasette.inspect_data`` (the table counts of ``datasette inspect``, which the table view
    reads for an unfiltered count) as it is for the file this request is answered from: the
    inspect file's for the first file, the counts read when it was opened for a later one."""

    def __init__(self, datasette, original: dict):
        self.datasette, self.original = datasette, original

    def __getitem__(self, name):
        db = self.datasette.databases.get(name)
        if isinstance(db, ArchiveDatabase) and db.serving is not db.first_generation:
            generation = db.serving
            return {"file": str(db.path), "hash": None, "size": generation.size,
                    "tables": {table: {"count": count} for table, count in (generation.counts or {}).items()}}
        return self.original[name]

    def __iter__(self):
        return iter(self.original)

    def __len__(self):
        return len(self.original)


def install(datasette) -> None:
    """Serve each file database through ``ArchiveDatabase`` (once, at startup)."""
    if datasette.inspect_data and not isinstance(datasette.inspect_data, InspectData):
        datasette.inspect_data = InspectData(datasette, datasette.inspect_data)
    for name, db in list(datasette.databases.items()):
        if isinstance(db, ArchiveDatabase) or db.is_memory or not db.path or name == "_internal":
            continue
        first = Generation(datasette, db.path, db.is_mutable, name, first=True)
        archive = ArchiveDatabase(datasette, db.path, db.is_mutable, name, db.route, first)
        datasette.remove_database(name)
        datasette.add_database(archive, name=name, route=db.route)
        db.close()  # the connections Datasette opened to check the file before the plugin started
        asyncio.get_running_loop().run_in_executor(None, first.load)


def pin(datasette):
    """Start serving any new file (in the background), then pin this request to the generations
    current now; returns what ``unpin`` needs."""
    archives = archive_databases(datasette)
    if not archives:
        return None
    for db in archives:
        if not db.switching and db.changed():
            db.switching = True
            asyncio.ensure_future(db.switch())
    pinned = {id(db): db.current for db in archives}
    for generation in pinned.values():
        generation.users += 1
    label = ",".join(f"{db.name}={db.current.number}" for db in archives).encode()
    return pinned, REQUEST_GENERATIONS.set(pinned), label


def unpin(pinned) -> None:
    if pinned is None:
        return
    generations, token, _ = pinned
    REQUEST_GENERATIONS.reset(token)
    for generation in generations.values():
        generation.users -= 1
        if generation.retired and generation.users == 0:
            generation.close()


async def get_index(db, wait: float = 0):
    """The facet index of the generation this request is answered from: None where it does not
    apply; LOADING while the first file's index is still loading after ``wait`` seconds."""
    generation = generation_of(db)
    if generation is None:
        return None
    end = time.monotonic() + wait
    while generation.index is LOADING and time.monotonic() < end:
        await asyncio.sleep(0.05)
    return generation.index


# ---------------------------------------------------------------- one request, one deadline

class Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def remaining_ms(self) -> int:
        left = int((self.end - time.monotonic()) * 1000)
        if left <= 0:
            raise TimeLimit()
        return left

    async def execute(self, db, sql, params=None):
        try:
            return await db.execute(sql, params or {}, custom_time_limit=self.remaining_ms())
        except QueryInterrupted as error:
            raise TimeLimit() from error


SLOTS: dict = {}


def search_slots(db) -> asyncio.Semaphore:
    """Searches run at most ``num_sql_threads - 1`` at a time, so one of Datasette's SQL threads
    stays free for cheap pages however many expensive searches arrive; a search that waits
    past its deadline is answered as timed out."""
    key = (db.path, id(asyncio.get_running_loop()))
    if key not in SLOTS:
        SLOTS[key] = asyncio.Semaphore(max(1, (db.ds.setting("num_sql_threads") or 3) - 1))
    return SLOTS[key]


async def matching_rowids(db, index, expression: str | None, deadline: Deadline, fts: str = FTS_TABLE):
    """Sorted rowids of the passages the search matches (every passage without a search); with
    ``fts=STATEMENTS_FTS``, of the statements (``index`` is then the StatementIndex)."""
    if expression is None:
        return index.all_rowids
    generation = generation_of(db)
    key = (generation.number if generation else db.path, fts, expression)
    if key in MATCHES:
        MATCHES.move_to_end(key)
        return MATCHES[key]
    numpy = index.numpy
    limit = deadline.remaining_ms()

    def fetch(conn):
        from datasette.utils import sqlite_timelimit

        with sqlite_timelimit(conn, limit):
            cursor = conn.execute(f"select rowid from {fts} where {fts} match ?", (expression,))
            found = numpy.fromiter((row[0] for row in cursor), dtype=numpy.int64)
        found.sort()
        found = found[found < len(index.present)]
        return found[index.present[found]]

    searches = search_slots(db)
    try:
        await asyncio.wait_for(searches.acquire(), timeout=limit / 1000)
    except asyncio.TimeoutError as error:
        raise TimeLimit() from error
    try:
        limit = deadline.remaining_ms()
        rowids = await db.execute_fn(fetch)
    except TimeLimit:
        raise
    except Exception as error:  # noqa: BLE001
        if "interrupted" in str(error).lower():
            raise TimeLimit() from error
        if web.is_fts_syntax_error(str(error)):
            raise BadRequest(f"Advanced search could not read the query: {error}") from error
        raise
    finally:
        searches.release()
    MATCHES[key] = rowids
    while len(MATCHES) > MATCH_CACHE:
        MATCHES.popitem(last=False)
    return rowids


async def search_matches(db, index, expression, deadline):
    """The rowids of the passages the search matches, and of the statements that hold the match
    (None for an archive without statements)."""
    if index.statements is None:
        return await matching_rowids(db, index, expression, deadline), None
    # the two full-text queries at once, each in a search slot of its own
    return await asyncio.gather(
        matching_rowids(db, index, expression, deadline),
        matching_rowids(db, index.statements, expression, deadline, fts=STATEMENTS_FTS))


def search_sets(index, matched, held, filters):
    """The matching passages (channel and voice filters applied) and the statements that hold the
    match (voice filters applied, their passages among those), each as sorted rowids. numpy only:
    run in a thread."""
    statements = index.statements
    if held is None:  # an archive without statements: the passages' voice, as before
        return index.filter(matched, filters), None
    channel = [f for f in filters if f[0] not in VOICE_FACETS]
    voice = [f for f in filters if f[0] in VOICE_FACETS]
    rowids = index.filter(matched, channel)
    stmts = statements.restrict(held, rowids, index.present)
    if voice:
        stmts = statements.filter(stmts, voice)
        rowids = index.numpy.intersect1d(rowids, index.numpy.unique(statements.passage[stmts]), assume_unique=True)
    return rowids, stmts


ROW_SQL = """
select p.rowid as rowid, p.id, p.published, d.published_basis, p.publisher_id, p.affiliation_id,
  p.speaker_id, p.speaker_affiliation_id, p.attribution, p.attribution_cue, p.said_on, p.kind, p.text,
  p.document_id, d.title, d.url, p.seq, p.start, p."end", p.reuse_cluster_id
from passages p left join documents d on d.id = p.document_id
where p.rowid in ({ids})
"""


async def read_rows(db, index, rowids, deadline: Deadline) -> list[dict]:
    """The passages with these rowids, in this order, with names and date labels."""
    if len(rowids) == 0:
        return []
    ids = ", ".join(str(int(r)) for r in rowids)
    result = await deadline.execute(db, ROW_SQL.format(ids=ids))
    by_rowid = {row["rowid"]: dict(row) for row in result.rows}
    rows = []
    for rowid in rowids:
        row = by_rowid.get(int(rowid))
        if row is None:
            continue
        row["date"] = date_label(row["published"], row["published_basis"])
        for column, name in (("publisher_id", "publisher"), ("affiliation_id", "affiliation"),
                             ("speaker_id", "speaker"), ("speaker_affiliation_id", "speaker_affiliation")):
            row[name] = index.label(column, row[column])
        if row["speaker_id"] is None:
            row["speaker_affiliation"] = OUTLET
        row["title"] = row["title"] or "(untitled)"
        rows.append(row)
    return rows


async def highlights(db, expression: str | None, rowids, deadline: Deadline) -> dict:
    """The highlighted text of the page's passages, from one query; {} without a search or past the deadline."""
    if expression is None or len(rowids) == 0:
        return {}
    ids = ", ".join(str(int(r)) for r in rowids)
    try:
        result = await deadline.execute(
            db, f"select rowid, highlight({FTS_TABLE}, 0, :a, :b) as marked from {FTS_TABLE} "
            f"where {FTS_TABLE} match :q and rowid in ({ids})",
            {"a": web.MARK_START, "b": web.MARK_END, "q": expression},
        )
    except TimeLimit:
        return {}
    return {row["rowid"]: web.marked_segments(row["marked"]) for row in result.rows}


# ---------------------------------------------------------------- the route

async def check_permissions(datasette, request, database: str):
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (database, TABLE)), ("view-database", database), "view-instance",
    ])


def search_expression(request, db=None) -> tuple[str, str | None]:
    """The query as typed, and the MATCH expression: normalised as the index was filled, where it
    was filled with ``persian.normalise(text)`` (the index as written gets the query as typed)."""
    query = request.args.get("_search") or request.args.get("q") or ""
    expression = web.match_expression(query, request.args.get("_searchmode") == "raw")
    generation = generation_of(db) if db is not None else None
    if expression and generation is not None and generation.normalised:
        expression = persian.normalise(expression)
    return query, expression


def page_number(request) -> tuple[int, int]:
    try:
        page = int(request.args.get("_page") or 1)
        size = int(request.args.get("_size") or PAGE_SIZE)
    except ValueError as error:
        raise BadRequest("_page and _size are whole numbers") from error
    if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
        raise BadRequest(f"_page starts at 1; _size is between 1 and {MAX_PAGE_SIZE}")
    return page, size


def arg_pairs(request) -> list[tuple[str, str]]:
    """The request's query arguments in order, repeated keys included."""
    return [(k, v) for k in request.args.keys() for v in request.args.getlist(k)]


def link(request, path: str, drop=(), **changes) -> str:
    """This request's arguments, with keys in ``drop`` removed and ``changes`` set (None removes)."""
    pairs = [(k, v) for k, v in arg_pairs(request) if k not in drop and k not in changes and k != "_page"]
    pairs += [(k, v) for k, v in changes.items() if v is not None]
    return path + ("?" + urlencode(pairs) if pairs else "")


def has_pair(request, key: str, value: str) -> bool:
    return value in request.args.getlist(key)


def without_pair(request, path: str, key: str, value: str | None) -> str:
    pairs = [(k, v) for k, v in arg_pairs(request) if not (k == key and (value is None or v == value)) and k != "_page"]
    return path + ("?" + urlencode(pairs) if pairs else "")


def with_pair(request, path: str, key: str, value: str) -> str:
    pairs = [(k, v) for k, v in arg_pairs(request) if k != "_page"]
    column = key.partition("__")[0]
    # one condition per column: choosing a value replaces the column's other conditions
    pairs = [(k, v) for k, v in pairs if k.partition("__")[0] != column] + [(key, value)]
    return path + "?" + urlencode(pairs)


async def search_view(request, datasette):
    database = request.url_vars["database"]
    fmt = request.url_vars.get("format") or "html"
    try:
        db = datasette.get_database(database)
    except KeyError:
        return Response.text("no such database", status=404)
    if not await db.table_exists(TABLE):
        return Response.text(f"database {database} has no {TABLE} table", status=404)
    await check_permissions(datasette, request, database)
    index = await get_index(db, datasette.setting("sql_time_limit_ms") / 1000)
    if index is None:
        return Response.text("the search index could not be loaded for this database", status=404)
    if index is LOADING:  # the first seconds after the server starts, at a million passages
        return Response.text("The search index is still loading: try again in a few seconds.", status=429,
                             headers={"retry-after": "5"})
    try:
        if fmt == "csv":
            return await export_csv(request, datasette, db, index)
        return await search_page(request, datasette, db, index, fmt)
    except BadRequest as error:
        return await error_response(datasette, request, fmt, str(error), 400)


async def error_response(datasette, request, fmt, message, status):
    if fmt == "json":
        return Response.json({"ok": False, "error": message, "status": status}, status=status)
    if fmt == "csv":
        return Response.text(message, status=status)
    html = await datasette.render_template("archive_search.html", {"error": message, "request_args": {}}, request=request)
    return Response.html(html, status=status)


def search_facets(index, rowids, stmts, size: int | None = FACET_SIZE) -> dict:
    """Every facet of a search: channel facets over its passages, voice facets over the
    statements that hold the match (over its passages in an archive without statements);
    ``size=None`` gives every value (plugins/shards.py adds them up across shards)."""
    facets = {column: index.facet(column, rowids, size) for column in CHANNEL_FACETS}
    for column in VOICE_FACETS:
        facets[column] = index.facet(column, rowids, size) if stmts is None else index.statements.facet(column, stmts, size)
    return facets


def with_segments_and_voices(rows: list[dict], marked: dict, voices: dict) -> list[dict]:
    """Each row's text as highlighted segments, and the voices of the words that match."""
    for row in rows:
        row["segments"] = marked.get(row["rowid"]) or [(row["text"] or "", False)]
        found = voices.get(row["rowid"])
        if found is None:  # no statements: the passage's voice
            found = [(row["speaker_id"], row["speaker"] if row["speaker_id"] else VOICE_LABELS["outlet"], row["attribution"])]
        row["voices"] = [{"speaker_id": s, "label": label, "attribution": a} for s, label, a in found]
    return rows


async def search_page(request, datasette, db, index, fmt):
    started = time.monotonic()
    deadline = Deadline(datasette.setting("sql_time_limit_ms") / 1000)
    query, expression = search_expression(request, db)
    filters = parse_filters(request.args)
    sort, descending = parse_sort(request.args)
    page, size = page_number(request)
    try:
        matched, held = await search_matches(db, index, expression, deadline)

        def count_and_order():  # in a thread: numpy over 100,000s of rowids, off the event loop
            rowids, stmts = search_sets(index, matched, held, filters)
            facets = search_facets(index, rowids, stmts)
            ordered = index.order(rowids, sort, descending, limit=page * size)
            shown = ordered[(page - 1) * size: page * size]
            voices = index.statements.voices(stmts, shown) if stmts is not None else {}
            return rowids, facets, shown, voices

        rowids, facets, shown, voices = await asyncio.to_thread(count_and_order)
        deadline.remaining_ms()
        rows = await read_rows(db, index, shown, deadline)
        marked = await highlights(db, expression, shown, deadline)
    except TimeLimit:
        limit = datasette.setting("sql_time_limit_ms")
        return await error_response(
            datasette, request, fmt,
            f"This search took longer than the time limit ({limit} ms) and was stopped. Narrow it with more words or a filter.", 400)
    with_segments_and_voices(rows, marked, voices)
    return await search_response(request, datasette, fmt, db.name, index, query, filters, sort, descending,
                                 page, size, int(len(rowids)), facets, rows, started)


async def search_response(request, datasette, fmt, database, index, query, filters, sort, descending,
                          page, size, total, facets, rows, started, extra=None):
    """The search as JSON or as the HTML page; ``extra`` adds keys to both (plugins/shards.py:
    ``at_least`` and the shards that answered)."""
    extra = extra or {}
    path = request.path.rsplit(".", 1)[0] if fmt != "html" else request.path
    if fmt == "json":
        return Response.json({
            "ok": True, "search": query, "count": total, "page": page, "size": size,
            "sort": sort, "descending": descending,
            "facets": {c: {"items": [{"value": v, "label": facet_label(index, c, v), "count": n} for v, n in f["items"]],
                           "unknown": f["unknown"], "outlet": f["outlet"],
                           "counts": "statements" if c in VOICE_FACETS and index.statements is not None else "passages"}
                       for c, f in facets.items()},
            "rows": [{k: v for k, v in row.items() if k not in ("segments", "rowid", "database")} for row in rows],
            "next": link(request, path + ".json", _page=str(page + 1)) if page * size < total else None,
            **extra,
            "query_ms": round((time.monotonic() - started) * 1000, 1),
        })
    context = {
        "query": query, "raw": request.args.get("_searchmode") == "raw", "count": total, "rows": rows,
        "facets": facet_context(request, index, facets, filters),
        "chosen": chosen_filters(request, index, filters), "sort": sort, "descending": descending,
        "sortable": SORTABLE, "page": page, "size": size,
        "previous_url": link(request, path, _page=str(page - 1)) if page > 1 else None,
        "next_url": link(request, path, _page=str(page + 1)) if page * size < total else None,
        "csv_url": link(request, path + ".csv", drop=("_size",)),
        "json_url": link(request, path + ".json"),
        "hidden": [(k, v) for k, v in arg_pairs(request)
                   if k not in ("_search", "q", "_searchmode", "_sort", "_sort_desc", "_page")],
        "database": database, "error": None,
        **extra,
        "query_ms": round((time.monotonic() - started) * 1000),
    }
    return Response.html(await datasette.render_template("archive_search.html", context, request=request))


def facet_label(index, column, value) -> str:
    if column in VOICE_FACETS and index.statements is not None:
        return index.statements.label(column, value)
    return index.label(column, value)


def facet_context(request, index, facets, filters) -> list[dict]:
    path = request.path
    out = []
    for column in FACETS:
        f = facets[column]
        items = []
        for value, count in f["items"]:
            text = str(value)
            items.append({
                "label": facet_label(index, column, value), "count": count,
                "selected": has_pair(request, column, text),
                "only": with_pair(request, path, column, text),
                "exclude": with_pair(request, path, f"{column}__not", text),
                "unselect": without_pair(request, path, column, text),
            })
        by_statement = column in VOICE_FACETS and index.statements is not None
        if by_statement:  # the outlet's own words: voice=outlet; an unknown: a voice not known
            if f["outlet"]:
                items.append({"label": OUTLET, "count": f["outlet"], "selected": has_pair(request, "voice", "outlet"),
                              "only": with_pair(request, path, "voice", "outlet"), "exclude": with_pair(request, path, "voice__not", "outlet"),
                              "unselect": without_pair(request, path, "voice", "outlet"), "unknown": True})
            if f["unknown"]:
                label = VOICE_LABELS["unnamed"] if column == "speaker_id" else UNKNOWN
                items.append({"label": label, "count": f["unknown"], "selected": has_pair(request, f"{column}__isnull", "1"),
                              "only": with_pair(request, path, f"{column}__isnull", "1"),
                              "exclude": with_pair(request, path, f"{column}__notnull", "1"),
                              "unselect": without_pair(request, path, f"{column}__isnull", "1"), "unknown": True})
        elif column == "speaker_affiliation_id" and f["outlet"]:
            items.append({"label": OUTLET, "count": f["outlet"], "selected": has_pair(request, "speaker_id__isnull", "1"),
                          "only": with_pair(request, path, "speaker_id__isnull", "1"), "exclude": with_pair(request, path, "speaker_id__notnull", "1"),
                          "unselect": without_pair(request, path, "speaker_id__isnull", "1"), "unknown": True})
        if f["unknown"] and not by_statement:
            label = OUTLET if column in OUTLET_WHEN_NULL else UNKNOWN
            items.append({"label": label, "count": f["unknown"], "selected": has_pair(request, f"{column}__isnull", "1"),
                          "only": with_pair(request, path, f"{column}__isnull", "1"),
                          "exclude": with_pair(request, path, f"{column}__notnull", "1"),
                          "unselect": without_pair(request, path, f"{column}__isnull", "1"), "unknown": True})
        if not items and column not in PASSAGE_COLUMNS and index.statements is None:
            continue  # a column this archive does not have
        out.append({"column": column, "title": FACET_TITLES[column], "items": items,
                    "counts": "statements" if by_statement else "passages",
                    "more": max(0, f["distinct"] - len(f["items"]))})
    return out


def chosen_filters(request, index, filters) -> list[dict]:
    chosen = []
    for column, op, value in filters:
        title = FACET_TITLES[column]
        if column in VOICE_FACETS and index.statements is not None:
            if op == "isnull":
                text = f"{title}: {VOICE_LABELS['unnamed'] if column == 'speaker_id' else UNKNOWN}"
                chosen.append({"text": text, "remove": without_pair(request, request.path, f"{column}__isnull", "1")})
                continue
            if column == "voice" and op in ("exact", "not"):
                value_label = OUTLET if value == "outlet" else facet_label(index, column, value)
                text = f"{title}: {value_label}" if op == "exact" else f"{title}: not {value_label}"
                chosen.append({"text": text, "remove": without_pair(request, request.path, column if op == "exact" else "voice__not", value)})
                continue
        if op == "exact":
            text = f"{title}: {facet_label(index, column, value)}"
            key = column
        elif op == "not":
            text = f"{title}: not {facet_label(index, column, value)} (unknown included)"
            key = f"{column}__not"
        elif op == "isnull":
            text = f"{title}: {OUTLET if column in OUTLET_WHEN_NULL else UNKNOWN}"
            key, value = f"{column}__isnull", "1"
        else:
            text = f"{title}: known"
            key, value = f"{column}__notnull", "1"
        chosen.append({"text": text, "remove": without_pair(request, request.path, key, value)})
    return chosen


# ---------------------------------------------------------------- the export

EXPORT_SQL = """
select p.id, p.published, d.published_basis,
  case when p.published is null then 'unknown'
    when lower(substr(d.published_basis, 1, 8)) = 'estimate' then p.published || ' (estimate)'
    else p.published end,
  p.publisher_id, p.affiliation_id, p.speaker_id, p.speaker_affiliation_id, p.attribution, p.attribution_cue,
  p.said_on, p.kind, p.text, p.document_id, coalesce(d.title, '(untitled)'), d.url, p.seq, p.start, p."end",
  p.reuse_cluster_id, j.value
from json_each(:rowids) as j
  join passages p on p.rowid = j.value
  left join documents d on d.id = p.document_id
order by j.key
"""
FORMULA_CHARS = frozenset(FORMULA_START)


def export_batch(conn, index, rowids, statements=None) -> tuple[str, int]:
    """CSV lines for these passages, in this order: one query, then names from the index's
    lookups (column by column), formulas guarded, control characters escaped; the voice of the
    matched words from ``statements`` (those that hold the match), else the passage's. Runs in
    Datasette's SQL thread."""
    voices = index.statements.voices(statements, rowids) if statements is not None else {}
    rows = conn.execute(EXPORT_SQL, {"rowids": json.dumps(rowids.tolist())}).fetchall()
    if not rows:
        return "", 0
    publishers = index.labels.get("publisher_id", {})
    affiliations = index.labels.get("affiliation_id", {})
    speakers = index.labels.get("speaker_id", {})
    c = list(zip(*rows))
    publisher = [publishers.get(v, v) if v else UNKNOWN for v in c[4]]
    affiliation = [affiliations.get(v, v) if v else UNKNOWN for v in c[5]]
    speaker = [speakers.get(v, v) if v else OUTLET for v in c[6]]
    speaker_affiliation = [(affiliations.get(v, v) if v else UNKNOWN) if who else OUTLET for v, who in zip(c[7], c[6])]
    matched_voice, matched_speaker = [], []
    for rowid, who, name in zip(c[-1], c[6], speaker):
        found = voices.get(rowid)
        if found is None:
            found = [(who, name if who else VOICE_LABELS["outlet"], None)]
        matched_voice.append("; ".join(label for _, label, _ in found))
        matched_speaker.append("; ".join(s for s, _, _ in found if s))
    lines = zip(c[0], c[1], c[2], c[3], c[4], publisher, c[5], affiliation, c[6], speaker, c[7], speaker_affiliation,
                *c[8:-1], matched_voice, matched_speaker)
    guarded = [[("'" + v) if v.__class__ is str and v[:1] in FORMULA_CHARS else v for v in line] for line in lines]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(guarded)
    return escape_control(buffer.getvalue()), len(rows)


async def export_csv(request, datasette, db, index):
    """Every matching passage, in the page's order, as CSV with names beside ids; streamed."""
    if not datasette.setting("allow_csv_stream"):
        raise BadRequest("CSV export of every row is turned off on this server (allow_csv_stream)")
    limit_ms = datasette.setting("sql_time_limit_ms")
    deadline = Deadline(limit_ms / 1000)
    query, expression = search_expression(request, db)
    filters = parse_filters(request.args)
    sort, descending = parse_sort(request.args)
    try:
        matched, held = await search_matches(db, index, expression, deadline)
    except TimeLimit:
        return Response.text(f"This search took longer than the time limit ({limit_ms} ms).", status=400)
    def sets_and_order():
        rowids, stmts = search_sets(index, matched, held, filters)
        return index.order(rowids, sort, descending), stmts

    ordered, stmts = await asyncio.to_thread(sets_and_order)

    def batch(rowids):
        def run(conn):
            from datasette.utils import sqlite_timelimit

            with sqlite_timelimit(conn, limit_ms):
                return export_batch(conn, index, rowids, stmts)
        return run

    slots = search_slots(db)

    async def read(rowids):
        """One batch, in one of the search slots (taken for the batch only, so searches and
        other exports take turns, and a cheap page always has a thread)."""
        await slots.acquire()
        try:
            return await db.execute_fn(batch(rowids))
        finally:
            slots.release()

    async def stream(writer):
        export_deadline = time.monotonic() + EXPORT_TIME_LIMIT_S
        header = io.StringIO()
        csv.writer(header).writerow(EXPORT_COLUMNS)
        await writer.write(header.getvalue())
        written = 0
        starts = collections.deque(range(0, len(ordered), EXPORT_BATCH))
        pending: collections.deque = collections.deque()  # batches being read while earlier ones are sent

        def read_ahead():
            while starts and len(pending) < EXPORT_AHEAD and time.monotonic() <= export_deadline:
                start = starts.popleft()
                pending.append(asyncio.ensure_future(read(ordered[start:start + EXPORT_BATCH])))

        try:
            read_ahead()
            while pending:
                try:
                    text, count = await pending.popleft()
                except Exception as error:  # noqa: BLE001 - interrupted by the time limit
                    if "interrupted" not in str(error).lower():
                        raise
                    await writer.write(stopped(written, len(ordered), f"a batch took longer than {limit_ms} ms"))
                    return
                read_ahead()
                written += count
                await writer.write(text)
            if written < len(ordered):
                await writer.write(stopped(written, len(ordered), f"the time limit of {EXPORT_TIME_LIMIT_S} s was reached"))
        finally:
            for future in pending:  # the client went away or a batch failed: drop what is left
                future.cancel()

    headers = {"content-disposition": 'attachment; filename="passages.csv"'}
    return AsgiStream(stream, headers=headers, content_type="text/csv; charset=utf-8")


def stopped(written: int, total: int, why: str) -> str:
    line = io.StringIO()
    csv.writer(line).writerow([f"export stopped after {written} of {total} rows: {why}"])
    return line.getvalue()


# ---------------------------------------------------------------- hooks

@hookimpl
def startup(datasette):
    """Serve each file through ``ArchiveDatabase``; its facet index loads in the background."""

    async def inner():
        install(datasette)

    return inner


# The table's .csv is not gated itself: plugins/guarded_csv.py answers it from the table's .json
# pages, and each of those takes a slot in turn (holding one for the whole file would leave its
# own pages waiting for a slot).
TABLE_SEARCH = re.compile(r"^/(?P<database>[^/]+)/passages(\.json)?$")


@hookimpl
def asgi_wrapper(datasette):
    """Datasette's own table page with a search runs in the same search slots as the search page
    (admission only: the request and the response pass through unchanged). Waiting longer than
    the time limit for a slot is answered 429, with a Retry-After."""
    def wrap(app):
        async def pinned(scope, receive, send):
            """Every request is answered from one file: the one current when it arrived."""
            if scope.get("type") != "http":
                return await app(scope, receive, send)
            held = pin(datasette)
            if held is None:
                return await gated(scope, receive, send)
            files = held[2]

            async def send_with_file(message):
                # which file answered, for clients that compare two responses (and the tests)
                if message["type"] == "http.response.start":
                    message = dict(message, headers=list(message.get("headers", [])) + [(b"x-archive-file", files)])
                await send(message)

            try:
                return await gated(scope, receive, send_with_file)
            finally:
                unpin(held)

        async def gated(scope, receive, send):
            if b"_search" not in scope.get("query_string", b""):
                return await app(scope, receive, send)
            match = TABLE_SEARCH.match(scope.get("path", ""))
            db = datasette.databases.get(match["database"]) if match else None
            if db is None or db.is_memory:
                return await app(scope, receive, send)
            slots = search_slots(db)
            try:
                await asyncio.wait_for(slots.acquire(), timeout=datasette.setting("sql_time_limit_ms") / 1000)
            except asyncio.TimeoutError:
                await send({"type": "http.response.start", "status": 429,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", b"5")]})
                await send({"type": "http.response.body", "body": b"The server is busy with other searches: try again in a few seconds."})
                return
            try:
                return await app(scope, receive, send)
            finally:
                slots.release()
        return pinned
    return wrap


async def status(request, datasette):
    """Which databases have their index loaded: /-/fast-facets.json; with ``?files=1``, which file
    (generation) each is answered from."""
    def state(db):
        index = getattr(generation_of(db), "index", None)
        return "loading" if index is LOADING else "off" if index is None else "loaded"
    if request.args.get("files"):
        return Response.json({db.name: {
            "index": state(db), "generation": db.serving.number, "inode": db.serving.identity[1],
            "mtime_ns": db.serving.identity[2], "size": db.serving.identity[3],
            "normalised_search": db.serving.normalised, "switching": db.switching,
        } for db in archive_databases(datasette)})
    return Response.json({name: state(db) for name, db in datasette.databases.items() if not db.is_memory})


@hookimpl
def register_routes():
    return [
        (r"^/-/fast-facets\.json$", status),
        (r"^/(?P<database>[^/]+)/-/search(\.(?P<format>json|csv))?$", search_view),
        # the export's older address: the same view, inside the same limits
        (r"^/(?P<database>[^/]+)/passages\.(?P<format>csv)-stream$", search_view),
    ]


@hookimpl
def prepare_jinja2_environment(env):
    """``|control``: control characters shown as ``\\xNN`` text and bidi controls as ``\\u202e``
    (Jinja escapes only HTML's own)."""
    env.filters["control"] = lambda text: display_text(text) if isinstance(text, str) else text
