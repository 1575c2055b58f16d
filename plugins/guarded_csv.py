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
guarded as the search export guards it (plugins/fast_facets.py ``guard_cell``,
``escape_control``): a formula start gets a leading ``'``, control characters other than tab and
line breaks become visible ``\\xNN`` text. Datasette's limits stay: ``allow_csv_stream``,
``max_csv_mb``, and the export's overall ``EXPORT_TIME_LIMIT_S``; an export cut short ends with a
line that says so.

The search export (``/{database}/-/search.csv``) stays the fast way to export every matching
passage; this view is for the other pages.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import time
from urllib.parse import parse_qsl, urlencode

from datasette import Response, hookimpl
from datasette.utils import path_from_row_pks
from datasette.utils.asgi import AsgiStream

# The search export's guard and limit (plugins/fast_facets.py: FORMULA_START, CONTROL,
# EXPORT_TIME_LIMIT_S; tests/test_exports.py checks that the two stay the same). Datasette loads
# each file in plugins/ as a module of its own, so they are repeated here rather than imported.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EXPORT_TIME_LIMIT_S = 120


def guard_cell(value):
    """A cell a spreadsheet shows as text: a string starting with = + - @ (or tab, CR) gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def escape_control(text: str) -> str:
    """Control characters (other than tab and line breaks) as visible ``\\xNN`` text."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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

    async def page(extra=()):
        response = await datasette.client.get(path + "?" + urlencode(args + list(extra)), headers=headers)
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

    async def write(writer):
        deadline = time.monotonic() + EXPORT_TIME_LIMIT_S
        limit = datasette.setting("max_csv_mb") * 1024 * 1024
        sent = 0
        written = 0
        out = CsvWriter()
        if request.args.get("_header") != "off":
            text = out.lines([headings(first)])
            sent += len(text.encode("utf-8"))
            await writer.write(text)
        data = first
        while True:
            text = out.lines(cells(datasette, request, data, row) for row in data["rows"])
            size = len(text.encode("utf-8"))
            if limit and sent + size > limit:
                await writer.write(stopped(written, f"the file reached max_csv_mb ({datasette.setting('max_csv_mb')} MB)"))
                return
            sent += size
            written += len(data["rows"])
            await writer.write(text)
            following = data.get("next")
            if not (stream and following):
                return
            if time.monotonic() > deadline:
                await writer.write(stopped(written, f"the time limit of {EXPORT_TIME_LIMIT_S} s was reached"))
                return
            data, _, error = await page([("_next", following)])
            if data is None:
                await writer.write(stopped(written, str(error)))
                return

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
