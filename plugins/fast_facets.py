"""Fast facets, counts and CSV export for the passages table at a million rows.

Datasette counts facets and matches by reading whole ``passages`` rows (~700 bytes each, text
included) once per facet per match: six facets over a search matching 10% of a million passages
take seconds and time out. The build writes two helper tables (ingest/store.py):

- ``passage_facets``: the facet and filter columns only, keyed by the passages' rowid (which is
  also the FTS rowid), ~60 bytes a row;
- ``facet_counts``: every facet value's count over the whole table.

This plugin rewrites, on their way to SQLite, the two kinds of query Datasette 0.65 issues for
the passages table page: ``select count(*) from passages where …`` and the facet query
``select col as value, count(*) as count from (select … from passages where …) …``. With no
filter the facet is read from ``facet_counts``; with filters or a search the same WHERE clause
runs on ``passage_facets``. Anything else (another table, a filter on a column the narrow table
lacks, SQL of another shape) runs unchanged: a rewritten query that fails falls back to the
original one. Results are the same numbers; only the table they are read from changes.

It also adds ``/{database}/passages.csv-stream?_search=…&column=value``: CSV of every matching
passage from one query, streamed (Datasette's ``_stream=on`` re-runs the search for each page of
1,000 rows).
"""

from __future__ import annotations

import asyncio
import collections
import csv
import io
import re
import sqlite3

from datasette import hookimpl
from datasette.database import Database
from datasette.utils.asgi import AsgiStream, Response

TABLE = "passages"
FACET_TABLE = "passage_facets"
FACET_COUNTS_TABLE = "facet_counts"
FTS_TABLE = "passages_fts"

COUNT_SQL = re.compile(r"^select count\(\*\) from passages\s*(?P<where>where .*)?$", re.S | re.I)
FACET_SQL = re.compile(
    r"^\s*select (?P<col>\S+) as value, count\(\*\) as count from \(\s*"
    r"select .*? from passages\s*(?P<where>where .*?)?\s*"
    r"\)\s*where (?P=col) is not null\s*group by (?P=col) order by count desc, value limit (?P<limit>\d+)\s*$",
    re.S | re.I,
)
ROWS_SQL = re.compile(
    r"^select (?P<cols>.*?) from passages where (?P<where>.*?) order by (?P<col>[a-z_]+)(?P<desc> desc)? limit (?P<limit>\d+)$",
    re.S | re.I,
)
SEARCH_ONLY = re.compile(
    r"^rowid in \(select rowid from passages_fts where passages_fts match (?P<match>escape_fts\(:search\)|:search)\)\s*$", re.I
)
INDEXED = ["publisher_id", "affiliation_id", "kind", "year", "speaker_id", "speaker_affiliation_id", "published", "attribution"]
EXPORT_ROWS_PER_FETCH = 2000

original_execute = Database.execute


class FacetIndex:
    """The facet columns of passage_facets as arrays of small codes indexed by rowid (immutable
    databases only): counting a facet over a search's matches is then one ``bincount``."""

    def __init__(self, conn):
        import numpy

        self.numpy = numpy
        size = (conn.execute(f"select max(rowid) from {FACET_TABLE}").fetchone()[0] or 0) + 1
        self.present = numpy.zeros(size, dtype=bool)
        self.values, self.codes = {}, {}
        for column in INDEXED:
            values = [row[0] for row in conn.execute(f'select distinct "{column}" from {FACET_TABLE} where "{column}" is not null order by 1')]
            lookup = {value: code for code, value in enumerate(values, start=1)}
            codes = numpy.zeros(size, dtype=numpy.int32)
            rowids, column_codes = [], []
            for rowid, value in conn.execute(f'select rowid, "{column}" from {FACET_TABLE} where "{column}" is not null'):
                rowids.append(rowid)
                column_codes.append(lookup[value])
            codes[numpy.array(rowids, dtype=numpy.int64)] = numpy.array(column_codes, dtype=numpy.int32)
            self.values[column], self.codes[column] = [None] + values, codes
        self.present[[row[0] for row in conn.execute(f"select rowid from {FACET_TABLE}")]] = True

    def counts(self, column, rowids, limit):
        counts = self.numpy.bincount(self.codes[column][rowids], minlength=len(self.values[column]))
        pairs = [(self.values[column][code], int(n)) for code, n in enumerate(counts) if code and n]
        pairs.sort(key=lambda pair: (-pair[1], pair[0]))
        return pairs[:limit]

    def top(self, column, rowids, limit, descending):
        """Rowids of the first ``limit`` matches ordered by ``column`` (nulls as SQLite puts them)."""
        codes = self.codes[column][rowids].astype(self.numpy.int64)
        if descending:  # SQLite: nulls last in desc order
            order = self.numpy.lexsort((rowids, -codes))
        else:
            order = self.numpy.lexsort((rowids, codes))
        return [int(r) for r in rowids[order[:limit]]]


class Row(tuple):
    """A result row readable by position or by column name, like sqlite3.Row."""

    def __new__(cls, names, values):
        row = super().__new__(cls, values)
        row.names = names
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self):
        return list(self.names)


INDEXES: dict = {}
MATCHES: collections.OrderedDict = collections.OrderedDict()  # the last few searches' rowids


LOADING = object()


def load_facet_index(db: Database):
    """Build the index of ``db`` (seconds at a million rows); run in a thread."""
    try:
        conn = db.connect()
        try:
            INDEXES[db.path] = FacetIndex(conn)
        finally:
            conn.close()
    except Exception:  # noqa: BLE001 - no numpy, or an odd database: SQL path instead
        INDEXES[db.path] = None


def facet_index(db: Database):
    """The in-memory facet index of an immutable database with passage_facets; None while it
    loads (in the background, started at the first call) or where it does not apply."""
    if db.is_mutable or not has_facet_tables(db):
        return None
    index = INDEXES.get(db.path)
    if db.path not in INDEXES:
        INDEXES[db.path] = LOADING
        asyncio.get_running_loop().run_in_executor(None, load_facet_index, db)
        return None
    return None if index is LOADING else index


async def matching_rowids(db: Database, index, where: str, params, time_limit_ms):
    """Rowids matching a WHERE clause, shared by the count, the facets and the rows of one page."""
    key = (db.path, where, tuple(sorted((params or {}).items())))
    if key in MATCHES:
        MATCHES.move_to_end(key)
        return MATCHES[key]
    search = SEARCH_ONLY.match(where.strip()[len("where "):].strip()) if where.strip().lower().startswith("where ") else None
    if search:
        sql = f"select rowid from {FTS_TABLE} where {FTS_TABLE} match {search['match']}"
    else:
        sql = f"select rowid from {FACET_TABLE} {where}"
    numpy = index.numpy

    def fetch(conn):
        from datasette.utils import sqlite_timelimit

        with sqlite_timelimit(conn, time_limit_ms):
            rowids = numpy.fromiter((row[0] for row in conn.execute(sql, params or {})), dtype=numpy.int64)
        rowids.sort()
        return rowids[index.present[rowids]] if search else rowids

    rowids = await db.execute_fn(fetch)
    MATCHES[key] = rowids
    while len(MATCHES) > 8:
        MATCHES.popitem(last=False)
    return rowids


async def indexed_execute(db: Database, sql: str, params, custom_time_limit):
    """Answer a count, facet or rows query from the in-memory index; None when it does not apply."""
    from datasette.database import Results

    index = facet_index(db)
    if index is None:
        return None
    limit_ms = custom_time_limit or db.ds.setting("sql_time_limit_ms")
    match = COUNT_SQL.match(sql)
    if match and match["where"]:
        rowids = await matching_rowids(db, index, match["where"], params, limit_ms)
        return Results([Row(["count(*)"], [len(rowids)])], False, [("count(*)",)])
    match = FACET_SQL.match(sql)
    if match and match["where"] and match["col"].strip('"[]`') in index.codes:
        rowids = await matching_rowids(db, index, match["where"], params, limit_ms)
        pairs = index.counts(match["col"].strip('"[]`'), rowids, int(match["limit"]))
        return Results([Row(["value", "count"], pair) for pair in pairs], False, [("value",), ("count",)])
    match = ROWS_SQL.match(sql)
    if match and match["col"] in index.codes:
        rowids = await matching_rowids(db, index, "where " + match["where"], params, limit_ms)
        top = index.top(match["col"], rowids, int(match["limit"]), bool(match["desc"]))
        fast = (
            f"select {match['cols']} from passages where rowid in ({', '.join(map(str, top)) or 'null'}) "
            f"order by {match['col']}{match['desc'] or ''}, rowid limit {match['limit']}"
        )
        return await original_execute(db, fast, params, custom_time_limit=custom_time_limit)
    return None


def has_facet_tables(db: Database) -> bool:
    """Whether the database holds the helper tables (checked once per database)."""
    known = getattr(db, "_fast_facets", None)
    if known is None:
        try:
            conn = db.connect()
            try:
                names = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
            finally:
                conn.close()
            known = {FACET_TABLE, FACET_COUNTS_TABLE} <= names
        except Exception:  # noqa: BLE001 - a database we cannot inspect gets the default path
            known = False
        db._fast_facets = known
    return known


def rewrite(sql: str) -> str | None:
    """The same query answered from the narrow helper tables, or None."""
    match = COUNT_SQL.match(sql)
    if match:
        return f"select count(*) from {FACET_TABLE} {match['where'] or ''}"
    match = FACET_SQL.match(sql)
    if match:
        column = match["col"].strip('"[]`')
        if not match["where"]:
            return (
                f"select value, count from {FACET_COUNTS_TABLE} where \"column\" = '{column}' "
                f"order by count desc, value limit {match['limit']}"
            )
        return (
            f"select {match['col']} as value, count(*) as count from {FACET_TABLE} {match['where']} "
            f"{'and' if match['where'] else 'where'} {match['col']} is not null "
            f"group by {match['col']} order by count desc, value limit {match['limit']}"
        )
    return None


async def execute(self, sql, params=None, *args, **kwargs):
    if has_facet_tables(self):
        try:
            results = await indexed_execute(self, sql, params, kwargs.get("custom_time_limit"))
        except sqlite3.OperationalError as error:
            if "no such column" not in str(error):
                raise
            results = None
        if results is not None:
            return results
    fast = rewrite(sql) if has_facet_tables(self) else None
    if fast is not None:
        try:
            return await original_execute(self, fast, params, *args, **kwargs)
        except sqlite3.OperationalError as error:
            if "no such column" not in str(error):
                raise
        except Exception as error:  # noqa: BLE001 - fall back on anything but a time-out
            if type(error).__name__ == "QueryInterrupted":
                raise
    return await original_execute(self, sql, params, *args, **kwargs)


Database.execute = execute


# --- CSV export from one query -----------------------------------------------------------------

def export_query(request, columns: list[str]) -> tuple[str, dict]:
    """SQL and parameters for ``_search`` and exact ``column=value`` filters, in rowid order."""
    where, params = [], {}
    search = request.args.get("_search")
    if search:
        where.append(f"rowid in (select rowid from {FTS_TABLE} where {FTS_TABLE} match :search)")
        params["search"] = search
    for number, (key, value) in enumerate((key, request.args.get(key)) for key in request.args.keys()):
        if key in columns:
            where.append(f'"{key}" = :p{number}')
            params[f"p{number}"] = value
        elif not key.startswith("_"):
            raise ValueError(f"unknown column {key!r}")
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f"select {quoted} from {TABLE} {'where ' + ' and '.join(where) if where else ''} order by rowid", params


async def export_csv(request, datasette):
    name = request.url_vars["database"]
    try:
        db = datasette.get_database(name)
    except KeyError:
        return Response.text("no such database", status=404)
    if not datasette.setting("allow_csv_stream"):
        return Response.text("CSV streaming is disabled (allow_csv_stream)", status=403)
    conn = sqlite3.connect(f"file:{db.path}?mode=ro{'&immutable=1' if not db.is_mutable else ''}", uri=True, check_same_thread=False)
    columns = [row[1] for row in conn.execute(f"pragma table_info({TABLE})")]
    try:
        sql, params = export_query(request, columns)
        cursor = conn.execute(sql, params)
    except (ValueError, sqlite3.Error) as error:
        conn.close()
        return Response.text(f"bad export request: {error}", status=400)

    async def stream(writer):
        try:
            buffer = io.StringIO()
            out = csv.writer(buffer)
            out.writerow(columns)
            while True:
                rows = await asyncio.to_thread(cursor.fetchmany, EXPORT_ROWS_PER_FETCH)
                if not rows:
                    break
                out.writerows(rows)
                await writer.write(buffer.getvalue())
                buffer.seek(0)
                buffer.truncate()
            if buffer.tell():
                await writer.write(buffer.getvalue())
        finally:
            conn.close()

    filename = f"{TABLE}.csv"
    return AsgiStream(stream, headers={"content-disposition": f'attachment; filename="{filename}"'}, content_type="text/csv; charset=utf-8")


@hookimpl
def startup(datasette):
    """Start loading the facet index of each immutable database in the background."""

    async def inner():
        for db in datasette.databases.values():
            if not db.is_mutable and db.path:
                facet_index(db)

    return inner


async def status(request, datasette):
    """Which databases have their facet index loaded: /-/fast-facets.json"""
    return Response.json({
        name: ("loaded" if INDEXES.get(db.path) not in (None, LOADING) else "loading" if INDEXES.get(db.path) is LOADING else "off")
        for name, db in datasette.databases.items() if not db.is_memory
    })


@hookimpl
def register_routes():
    return [
        (r"^/-/fast-facets\.json$", status),
        (r"^/(?P<database>[^/]+)/passages\.csv-stream$", export_csv),
    ]
