"""Datasette plugin: every ``.csv`` address Datasette offers answers a CSV a spreadsheet can open safely.

Datasette 0.65 offers CSV on every table page (``/archive/figures.csv``), row page, canned query
(``/archive/search.csv?q=…``) and SQL page (``/archive.csv?sql=…``), with "stream all rows"
(``_stream=on``), "expand labels" (``_labels=on``) and "download file" (``_dl=1``). Its own CSV
writes cells as they are stored: a cell starting with ``=``, ``+``, ``-`` or ``@`` is run as a
formula by Excel or LibreOffice, and control characters arrive raw.

This plugin registers (``register_routes``) one view for those same addresses. Datasette tries
plugin routes before its own, so every CSV link on every page, and the same address typed by
hand, reaches this view; Datasette's own CSV writer is never reached. The view reads the rows
from Datasette's own JSON for the same address (``datasette.client``, with the request's
cookies and headers, so the same actor, permissions, filters, sort, labels and
``sql_time_limit_ms`` per page apply), following ``next`` for ``_stream=on``, and writes them as
Datasette would (the same columns, ``column_label`` beside each expanded column) with each cell
guarded as the search export guards it (``ingest.web.guard_cell`` and
``escape_control``): a formula start gets a leading ``'``, control characters other than tab and
line breaks become visible ``\\xNN`` text. Datasette's limits stay: ``allow_csv_stream``,
``max_csv_mb``, and the export's overall ``EXPORT_TIME_LIMIT_S``; an export cut short ends with a
line that says so. A sorted stream gives each row once, in the sort order, where Datasette's own
repeats and loses rows that tie at the first page's end (``every_page``).

The search export (``/{database}/-/search.csv``) stays the fast way to export every matching
passage; this view is for the other pages.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import itertools
import sys
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from datasette import Response, hookimpl
from datasette.utils import path_from_row_pks
from datasette.utils.asgi import AsgiStream

try:
    from ingest import web
except ImportError:  # served without the package installed: use the checkout beside plugins/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ingest import web
from ingest.web import escape_control, guard_cell

EXPORT_TIME_LIMIT_S = web.EXPORT_TIME_LIMIT_S


# /db.csv (the SQL page), /db/table.csv (tables, views and canned queries), /db/table/pk.csv (rows):
# Datasette's own patterns for these views with the format fixed to csv; never /-/… pages.
CSV_PATH = (
    r"^/(?P<database>(?!-/)[^/.]+)"
    r"(?:/(?P<table>(?!-/)[^/.]+)(?:/(?P<pks>[^/]+?))?)?\.csv$"
)
# arguments that shape Datasette's CSV (read here) or its JSON (set here), never passed on
OWN_ARGS = {"_stream", "_dl", "_header", "_trace", "_shape", "_nl", "_json", "_json_infinity", "_format"}
# headers of the reader's request passed on to the JSON request: who they are (cookies,
# authorization, anything an authentication plugin reads), not how this connection is carried
NOT_PASSED = {"host", "content-length", "content-type", "connection", "transfer-encoding", "accept-encoding",
              "keep-alive", "upgrade", "te", "trailer", "expect"}


class CsvWriter:
    """CSV lines, guarded: formula starts prefixed with ', control characters as \\xNN."""

    def __init__(self):
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer)

    def lines(self, rows) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerows([guard_cell(cell) for cell in row] for row in rows)
        return escape_control(self.buffer.getvalue())


def headings(data: dict) -> list[str]:
    expanded = set(data.get("expanded_columns") or [])
    out = []
    for column in data["columns"]:
        out.append(column)
        if column in expanded:
            out.append(f"{column}_label")
    return out


def cells(datasette, request, data: dict, row: list) -> list:
    """A JSON row as Datasette's CSV writes it: an expanded column as value and label, a binary
    value as the address it can be downloaded from."""
    columns = data["columns"]
    expanded = set(data.get("expanded_columns") or [])
    if isinstance(row, dict):  # a table's JSON gives rows with expanded labels as objects
        row = [row.get(column) for column in columns]
    out = []
    for column, value in zip(columns, row):
        if isinstance(value, dict) and value.get("$base64"):
            value = blob_url(datasette, request, data, columns, row, column, value)
        if column in expanded:
            if isinstance(value, dict) and "value" in value:
                out.extend((value["value"], value.get("label")))
            else:
                out.extend((value, ""))
        else:
            out.append(value)
    return out


def blob_url(datasette, request, data, columns, row, column, value) -> str:
    if data.get("table"):
        pks = data.get("primary_keys") or []
        keyed = dict(zip(columns, row))
        path = datasette.urls.row_blob(data["database"], data["table"], path_from_row_pks(keyed, pks, not pks), column)
    else:
        digest = hashlib.sha256(base64.b64decode(value.get("encoded") or "")).hexdigest()
        args = [(k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True) if k not in OWN_ARGS]
        args += [("_blob_column", column), ("_blob_hash", digest)]
        path = request.path[: -len(".csv")] + ".blob?" + urlencode(args)
    return datasette.absolute_url(request, path)


def json_path(request) -> str:
    """The address of the same rows as Datasette's JSON (relative to base_url)."""
    parts = [request.url_vars["database"], request.url_vars.get("table"), request.url_vars.get("pks")]
    return "/" + "/".join(part for part in parts if part) + ".json"


class Stopped(Exception):
    """A limit or an unreadable page ended the export: the message says which."""


def row_value(data: dict, row, column: str):
    """A row's stored value in ``column`` (the value of an expanded label)."""
    value = row.get(column) if isinstance(row, dict) else row[data["columns"].index(column)]
    return value["value"] if isinstance(value, dict) and "value" in value else value


def sort_boundary(datasette, request, data: dict):
    """(sort column, the first page's last value in it, the key column, the last row's key, whether
    ordering by the key needs ``_sort``) for the
    first page of a sorted table that has more pages; None otherwise (a query, a view, no sort, one
    page, a compound key: then the pages are read as Datasette gives them)."""
    table = data.get("table")
    if not table or data.get("is_view") or not data.get("next") or not data.get("rows"):
        return None
    keys = data.get("primary_keys") or ["rowid"]
    metadata = datasette.table_metadata(data.get("database"), table) or {}
    column = request.args.get("_sort") or request.args.get("_sort_desc")
    if not (request.args.get("_sort") or request.args.get("_sort_desc")):
        column = metadata.get("sort") or metadata.get("sort_desc")
    if len(keys) != 1 or not column or column in keys or column not in data["columns"] or keys[0] not in data["columns"]:
        return None
    last = data["rows"][-1]
    by_key = bool(metadata.get("sort") or metadata.get("sort_desc"))  # without it Datasette orders by key
    return column, row_value(data, last, column), keys[0], row_value(data, last, keys[0]), by_key


def in_key_order(data: dict, rows: list, column: str, key: str) -> list:
    """Rows already in the sort column's order, with the rows that tie on it in key order (as
    Datasette orders every page after the first)."""
    ordered = []
    for _, tied in itertools.groupby(rows, key=lambda row: row_value(data, row, column)):
        ordered += sorted(tied, key=lambda row: (type(row_value(data, row, key)).__name__, row_value(data, row, key)))
    return ordered


def stopped(written: int, why: str) -> str:
    return CsvWriter().lines([[f"export stopped after {written} rows: {why}"]])


async def guarded_csv(request, datasette):
    if request.method not in ("GET", "HEAD"):
        return Response.text("CSV is read with GET", status=405)
    stream = bool(request.args.get("_stream"))
    if stream and not datasette.setting("allow_csv_stream"):
        return Response.text("CSV streaming is disabled", status=400)
    if stream and request.args.get("_next"):
        return Response.text("_next not allowed for CSV streaming", status=400)
    args = [(k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True) if k not in OWN_ARGS]
    keys = {k for k, _ in args}
    if stream:
        args = [(k, v) for k, v in args if k != "_size"] + [("_size", "max")]
    # no facets, counts or suggestions: rows only (as Datasette's own CSV asks)
    args += [(k, "1") for k in ("_nofacet", "_nocount", "_nosuggest") if k not in keys] + [("_shape", "arrays")]
    path = json_path(request)
    headers = {k: v for k, v in request.headers.items() if k.lower() not in NOT_PASSED}

    async def page(extra=(), replace=None):
        query = (args if replace is None else replace) + list(extra)
        response = await datasette.client.get(path + "?" + urlencode(query), headers=headers)
        try:
            data = response.json()
        except ValueError:
            data = {"error": response.text[:500]}
        if response.status_code != 200 or not isinstance(data, dict) or "columns" not in data or "rows" not in data:
            error = data.get("error") if isinstance(data, dict) else None
            return None, response.status_code if response.status_code != 200 else 400, error or "these rows cannot be read as CSV"
        return data, 200, None

    first, status, error = await page()
    if first is None:
        return Response.text(str(error), status=status)

    async def pages(data, replace=None):
        """``data`` and the pages after it (``_next``), while the time limit lasts; a page that
        cannot be read ends the export with a line saying why."""
        while True:
            yield data
            following = data.get("next")
            if not (stream and following):
                return
            if time.monotonic() > deadline:
                raise Stopped(f"the time limit of {EXPORT_TIME_LIMIT_S} s was reached")
            data, _, error = await page([("_next", following)], replace)
            if data is None:
                raise Stopped(str(error))

    deadline = time.monotonic() + EXPORT_TIME_LIMIT_S
    boundary = sort_boundary(datasette, request, first) if stream else None

    async def every_page():
        """Every page of the stream. Datasette 0.65 orders a sorted table's first page by the sort
        column alone and the pages after it by the sort column and the primary key, so rows that
        tie with the first page's last value would be repeated or lost at the seam: the first page
        keeps the rows before that value, the tied rows up to the seam follow in key order, then
        the pages after the seam."""
        if boundary is None:
            async for data in pages(first):
                yield data
            return
        column, value, key, last_key, by_key = boundary
        before = [row for row in first["rows"] if row_value(first, row, column) != value]
        yield dict(first, rows=in_key_order(first, before, column, key))
        tied = [(k, v) for k, v in args if k not in ("_sort", "_sort_desc", "_next", "_size")]
        tied += [(f"{column}__isnull", "1") if value is None else (f"{column}__exact", str(value)),
                 (f"{key}__lte", str(last_key)), ("_size", "max")] + ([("_sort", key)] if by_key else [])
        data, _, error = await page(replace=tied)
        if data is None:
            raise Stopped(str(error))
        async for data in pages(data, tied):
            yield data
        async for data in pages(dict(first, rows=[])):
            yield data

    async def write(writer):
        limit = datasette.setting("max_csv_mb") * 1024 * 1024
        sent = 0
        written = 0
        out = CsvWriter()
        if request.args.get("_header") != "off":
            text = out.lines([headings(first)])
            sent += len(text.encode("utf-8"))
            await writer.write(text)
        try:
            async for data in every_page():
                text = out.lines(cells(datasette, request, data, row) for row in data["rows"])
                size = len(text.encode("utf-8"))
                if limit and sent + size > limit:
                    raise Stopped(f"the file reached max_csv_mb ({datasette.setting('max_csv_mb')} MB)")
                sent += size
                written += len(data["rows"])
                await writer.write(text)
                if data.get("truncated"):  # a query's rows end at max_returned_rows: say so
                    raise Stopped(f"a query gives at most max_returned_rows ({datasette.setting('max_returned_rows')}) rows")
        except Stopped as why:
            await writer.write(stopped(written, str(why)))

    response_headers = {}
    content_type = "text/plain; charset=utf-8"
    if request.args.get("_dl"):
        content_type = "text/csv; charset=utf-8"
        name = request.url_vars.get("table") or request.url_vars["database"]
        response_headers["content-disposition"] = f'attachment; filename="{name}.csv"'
    return AsgiStream(write, headers=response_headers, content_type=content_type)


@hookimpl
def register_routes():
    return [(CSV_PATH, guarded_csv)]
