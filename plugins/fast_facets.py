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
EXPORT_ROWS_PER_FETCH = 2000

original_execute = Database.execute


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
    for number, (key, value) in enumerate(request.args.items()):
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
def register_routes():
    return [(r"^/(?P<database>[^/]+)/passages\.csv-stream$", export_csv)]
