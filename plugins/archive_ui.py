"""Datasette plugin: the archive's reading pages on top of Datasette's own views.

- template functions (``extra_template_vars``) that the small templates in templates/ call:
  highlighted search text, a passage with its neighbours and citation, a document with its
  removed spans, and counts for publisher, speaker and affiliation pages;
- ``render_cell`` for the canned ``search`` query: matches marked with <mark>, passage ids linked;
- an ASGI wrapper that drops a search box holding nothing searchable (a lone ``"``), and
  ``handle_exception`` that turns an FTS5 syntax error in advanced mode into a page explaining it.

All data reaches HTML through Jinja's autoescape or markupsafe.escape; nothing is marked safe
unless built here from escaped pieces. The pure logic lives in ingest/web.py.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from datasette import Response, hookimpl
from markupsafe import Markup, escape

try:
    from ingest import web
    from ingest.web import BIDI_CONTROL, CONTROL, display_text
except ImportError:  # served without the package installed: use the checkout beside plugins/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ingest import web
    from ingest.web import BIDI_CONTROL, CONTROL, display_text

DATABASE = "archive"


def is_raw(request) -> bool:
    return request is not None and request.args.get("_searchmode") == "raw"


async def rows(datasette, sql: str, params=None) -> list[dict]:
    result = await datasette.get_database(DATABASE).execute(sql, params or {})
    return [dict(row) for row in result.rows]


async def one(datasette, table: str, key) -> dict | None:
    if key is None:
        return None
    found = await rows(datasette, f'select * from "{table}" where id = :id', {"id": key})
    return found[0] if found else None


# ---------------------------------------------------------------- template functions

def template_functions(datasette, request) -> dict:
    async def archive_highlights(passage_ids: list) -> dict:
        """The page's passages' texts as (text, is_match) segments for the current search, keyed by
        passage id: one query for the whole page, within the time limit; {} without a search or
        when the limit is reached (the text is then shown without marks)."""
        query = request.args.get("_search") if request else None
        expression = web.match_expression(query or "", is_raw(request))
        ids = [i for i in passage_ids if isinstance(i, str)]
        if not expression or not ids:
            return {}
        params = {"a": web.MARK_START, "b": web.MARK_END, "q": expression}
        params.update({f"i{n}": i for n, i in enumerate(ids)})
        placeholders = ", ".join(f":i{n}" for n in range(len(ids)))
        try:
            found = await rows(
                datasette,
                "select p.id as id, highlight(passages_fts, 0, :a, :b) as marked from passages_fts "
                f"join passages p on p.rowid = passages_fts.rowid where passages_fts match search_form(:q) "
                f"and passages_fts.rowid in (select rowid from passages where id in ({placeholders}))",
                params,
            )
        except Exception:  # noqa: BLE001 - a time-out or a query FTS5 cannot read: no marks
            return {}
        return {row["id"]: web.marked_segments(row["marked"]) for row in found}

    async def archive_passage(passage_id: str) -> dict | None:
        """A passage with its document, neighbours, publisher, speaker and citation."""
        passage = await one(datasette, "passages", passage_id)
        if passage is None:
            return None
        document = await one(datasette, "documents", passage.get("document_id")) or {}
        document.pop("text", None)
        neighbours = await rows(
            datasette,
            "select * from passages where document_id = :d and seq in (:s - 1, :s + 1) order by seq",
            {"d": passage.get("document_id"), "s": passage.get("seq")},
        )
        publisher = await one(datasette, "publishers", passage.get("publisher_id"))
        speaker = await one(datasette, "speakers", passage.get("speaker_id"))
        statements = await passage_statements(datasette, passage)
        return {
            "statements": statements,
            # the passage's text as its stretches, each with its voice, where they cover it exactly
            "stretches": statements if "".join(s["text"] or "" for s in statements) == (passage.get("text") or "") else [],
            "passage": passage,
            "document": document,
            "previous": next((n for n in neighbours if n["seq"] < passage["seq"]), None),
            "next": next((n for n in neighbours if n["seq"] > passage["seq"]), None),
            "publisher": publisher,
            "publisher_affiliation": await one(datasette, "affiliations", passage.get("affiliation_id")),
            "speaker": speaker,
            "speaker_affiliation": await one(datasette, "affiliations", passage.get("speaker_affiliation_id")),
            "date": web.date_with_basis(document.get("published"), document.get("published_basis")),
            "url": web.safe_url(document.get("url")),
            "citation": web.citation(passage, document, publisher, speaker),
        }

    async def archive_document(document_id: str) -> dict | None:
        """A document's metadata, and its passages and removed spans in reading order."""
        document = await one(datasette, "documents", document_id)
        if document is None:
            return None
        document.pop("text", None)
        passages = await rows(
            datasette, "select p.*, s.name as speaker_name from passages p left join speakers s on s.id = p.speaker_id "
            "where p.document_id = :d order by p.seq", {"d": document_id})
        removed = await rows(datasette, 'select * from removed where document_id = :d order by start', {"d": document_id})
        return {
            "document": document,
            "publisher": await one(datasette, "publishers", document.get("publisher_id")),
            "date": web.date_with_basis(document.get("published"), document.get("published_basis")),
            "url": web.safe_url(document.get("url")),
            "segments": web.document_segments(passages, removed),
            "passage_count": len(passages),
            "removed_count": len(removed),
        }

    async def archive_counts(table: str, key: str) -> list[dict]:
        """Sections of counts for a publisher, speaker or affiliation page."""
        return await counts(datasette, table, key)

    return {
        "archive_highlights": archive_highlights,
        "archive_passage": archive_passage,
        "archive_document": archive_document,
        "archive_counts": archive_counts,
        "archive_safe_url": web.safe_url,
    }


VOICE_WORDS = {"outlet": "the outlet", "named": "a named voice", "unnamed": "an unnamed voice"}


async def passage_statements(datasette, passage: dict) -> list[dict]:
    """The passage's statements in order, each with a label for its voice: the speaker's name,
    "an unnamed voice" (with its role where known) or "the outlet"; [] for an archive without
    statements."""
    try:
        found = await rows(
            datasette,
            "select s.*, sp.name as speaker_name, org.name as organisation_name from statements s "
            "left join speakers sp on sp.id = s.speaker_id left join speakers org on org.id = s.speaker_organisation_id "
            "where s.passage_id = :p order by s.seq", {"p": passage["id"]})
    except Exception:  # noqa: BLE001 - an archive built before statements
        return []
    for statement in found:
        voice = statement.get("voice") or ("named" if statement.get("speaker_id") else "outlet")
        statement["voice"] = voice
        if statement.get("speaker_id"):
            label = statement.get("speaker_name") or statement["speaker_id"]
        elif voice == "unnamed":
            label = VOICE_WORDS["unnamed"] + (f" ({statement['speaker_role']})" if statement.get("speaker_role") else "")
        else:
            label = VOICE_WORDS["outlet"]
        statement["label"] = label
        statement["how"] = "the outlet's own words" if voice == "outlet" else (statement.get("attribution") or UNKNOWN)
    return found


def passages_link(**filters) -> str:
    return f"/{DATABASE}/passages?" + urlencode(filters)


async def counts(datasette, table: str, key: str) -> list[dict]:
    """What a publisher published, a speaker said, or an affiliation's outlets and voices carry."""
    sections = []

    async def section(title, sql, params, href, link, total_href):
        found = await rows(datasette, sql, params)
        sections.append({
            "title": title,
            "href": total_href,
            "rows": [{"label": r["label"], "count": r["n"], "href": link(r)} for r in found],
        })

    if table == "publishers":
        await section(
            "Documents", "select d.id, coalesce(d.title, '(untitled) ' || d.source_path) as label, d.published, "
            "(select count(*) from passages p where p.document_id = d.id) as n from documents d "
            "where d.publisher_id = :k order by d.published, d.id", {"k": key},
            f"/{DATABASE}/documents?publisher_id={key}", lambda r: f"/{DATABASE}/documents/{r['id']}",
            f"/{DATABASE}/documents?" + urlencode({"publisher_id": key}),
        )
        await section(
            "Passages by kind", "select kind as label, count(*) as n from passages where publisher_id = :k "
            "group by kind order by n desc", {"k": key}, None,
            lambda r: passages_link(publisher_id=key, kind=r["label"]), passages_link(publisher_id=key),
        )
        await section(
            "Voices in its passages", "select coalesce(s.name, 'the outlet itself') as label, p.speaker_id as id, "
            "count(*) as n from passages p left join speakers s on s.id = p.speaker_id where p.publisher_id = :k "
            "group by p.speaker_id order by n desc", {"k": key}, None,
            lambda r: passages_link(publisher_id=key, speaker_id=r["id"]) if r["id"] else passages_link(publisher_id=key, speaker_id__isnull=1),
            passages_link(publisher_id=key),
        )
    elif table == "speakers":
        await section(
            "Passages by publisher", "select coalesce(pub.name, 'unknown') as label, p.publisher_id as id, "
            "count(*) as n from passages p left join publishers pub on pub.id = p.publisher_id "
            "where p.speaker_id = :k group by p.publisher_id order by n desc", {"k": key}, None,
            lambda r: passages_link(speaker_id=key, publisher_id=r["id"]), passages_link(speaker_id=key),
        )
        await section(
            "Passages by kind", "select kind as label, count(*) as n from passages where speaker_id = :k "
            "group by kind order by n desc", {"k": key}, None,
            lambda r: passages_link(speaker_id=key, kind=r["label"]), passages_link(speaker_id=key),
        )
        await section(
            "Attributed by", "select coalesce(attribution, 'the outlet itself') || coalesce(': ' || attribution_cue, '') as label, "
            "attribution, count(*) as n from passages where speaker_id = :k group by attribution, attribution_cue "
            "order by n desc", {"k": key}, None,
            lambda r: passages_link(speaker_id=key, attribution=r["attribution"] or ""), passages_link(speaker_id=key),
        )
    elif table == "affiliations":
        await section(
            "Publishers with this affiliation", "select pub.id, pub.name as label, "
            "(select count(*) from passages p where p.publisher_id = pub.id) as n from publishers pub "
            "where pub.affiliation_id = :k order by n desc", {"k": key}, None,
            lambda r: f"/{DATABASE}/publishers/{r['id']}", passages_link(affiliation_id=key),
        )
        await section(
            "Speakers with this affiliation", "select s.id, s.name as label, "
            "(select count(*) from passages p where p.speaker_id = s.id) as n from speakers s "
            "where s.affiliation_id = :k order by n desc, s.name", {"k": key}, None,
            lambda r: f"/{DATABASE}/speakers/{r['id']}", passages_link(speaker_affiliation_id=key),
        )
        await section(
            "Passages", "select 'published by outlets with this affiliation' as label, count(*) as n, 'a' as w "
            "from passages where affiliation_id = :k union all select 'spoken by voices with this affiliation', "
            "count(*), 's' from passages where speaker_affiliation_id = :k", {"k": key}, None,
            lambda r: passages_link(affiliation_id=key) if r["w"] == "a" else passages_link(speaker_affiliation_id=key),
            passages_link(affiliation_id=key),
        )
    return sections


@hookimpl
def extra_template_vars(datasette, request):
    return template_functions(datasette, request)


# ---------------------------------------------------------------- canned search query cells

FOREIGN = {"publisher_id": "publishers", "affiliation_id": "affiliations", "speaker_affiliation_id": "affiliations",
           "speaker_id": "speakers", "document_id": "documents", "passage_id": "passages", "actor_id": "actors",
           "first_passage_id": "passages", "reuse_cluster_id": "reuse_clusters"}
UNKNOWN = "unknown"
OUTLET = "the outlet itself"
CELL_TEXT_LIMIT = 300  # characters of documents.text shown in a table cell


# right-to-left letters (Hebrew, Arabic script and their presentation forms) and RLM
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f]")


# the basis of a row's date, by the row's key (a table's published date is its document's)
ESTIMATE_SQL = {
    "passages": ("document_id", "select published_basis from documents where id = :k"),
    "documents": ("id", "select published_basis from documents where id = :k"),
    "figures": ("passage_id", "select d.published_basis from passages p join documents d on d.id = p.document_id where p.id = :k"),
}
BASES: collections.OrderedDict = collections.OrderedDict()  # (file, table, key) -> is an estimate


async def dated(datasette, database, table, row, value):
    """'2021 (estimate)' where the date is inferred; None (Datasette's own cell) otherwise."""
    column, sql = ESTIMATE_SQL[table]
    try:
        key = row[column]
    except (IndexError, KeyError):
        return None
    if isinstance(key, dict):
        key = key.get("value")
    db = datasette.get_database(database)
    cache_key = (file_key(db), table, key)
    if cache_key not in BASES:
        try:
            found = (await db.execute(sql, {"k": key})).rows
        except Exception:  # noqa: BLE001 - the date is shown as it is
            return None
        BASES[cache_key] = bool(found) and str(found[0][0] or "").lower().startswith("estimate")
        while len(BASES) > 10_000:
            BASES.popitem(last=False)
    if BASES[cache_key]:
        return Markup('{} <span class="archive-estimate">(estimate)</span>').format(value)
    return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Cells of the archive's pages: names (never ids beside them), one word for unknown, long
    texts cut short, control characters shown as ``\\xNN``, search marks in the canned search."""
    if database != DATABASE:
        return None
    return cell(row, value, column, table, database, datasette)


def cell(row, value, column, table, database, datasette):
    if isinstance(value, dict) and "value" in value and column in FOREIGN:  # a foreign key Datasette expanded
        target = FOREIGN[column]
        label = value.get("label")
        if label is None or label == value["value"]:
            label = "(untitled)" if target == "documents" else str(value["value"])
        href = datasette.urls.table(database, target) + "/" + tilde(str(value["value"]))
        return Markup('<a href="{}"><bdi>{}</bdi></a>').format(href, display_text(str(label)))
    if value is None and table == "documents" and column == "title":
        return Markup('<span class="archive-none">(untitled)</span>')
    if value is None and table is not None and column in FOREIGN and column != "document_id":
        word = OUTLET if column == "speaker_id" and table in ("passages", "figures") else UNKNOWN
        return Markup('<span class="archive-none">{}</span>').format(word)
    if not isinstance(value, str):
        return None
    if column == "published" and table in ESTIMATE_SQL:
        return dated(datasette, database, table, row, value)
    if table is not None and column in NAMED and FOREIGN.get(column) != table:  # a row page: ids not expanded
        return named_link(datasette, database, column, value)
    if table is None and column == "snippet" and (web.MARK_START in value or web.MARK_END in value):
        return Markup('<div dir="auto">{}</div>').format(Markup("").join(
            Markup("<mark>{}</mark>").format(display_text(text)) if hit else escape(display_text(text))
            for text, hit in web.marked_segments(value)
        ))
    if table is None and column in ("passage_id", "example_passage", "first_passage_id") and value:
        return Markup('<a href="/{}/passages/{}">{}</a>').format(DATABASE, tilde(value), value)
    if table is None and column == "passage_link" and value.startswith(f"/{DATABASE}/passages/"):
        return Markup('<a href="{}">{}</a>').format(value, value.rsplit("/", 1)[1])
    if table == "documents" and column == "text" and len(value) > CELL_TEXT_LIMIT:
        return Markup('<bdi dir="auto">{}</bdi><span class="archive-more"> … ({:,} characters: open the document)</span>').format(
            display_text(value[:CELL_TEXT_LIMIT]), len(value))
    if RTL.search(value) or BIDI_CONTROL.search(value):
        # right-to-left or bidi-controlled text: its own direction, isolated from the page around it
        return Markup('<div dir="auto">{}</div>').format(display_text(value))
    if CONTROL.search(value):
        return Markup("{}").format(display_text(value))
    return None


NAMED = ("publisher_id", "affiliation_id", "speaker_affiliation_id", "speaker_id")
NAMES: dict = {}  # (file, table) -> {id: name}: the small lookup tables, read once per file


async def named_link(datasette, database, column, value):
    target = FOREIGN[column]
    db = datasette.get_database(database)
    key = (file_key(db), target)
    if key not in NAMES:
        try:
            result = await db.execute(f'select id, name from "{target}"')
            NAMES[key] = {row[0]: row[1] for row in result.rows}
        except Exception:  # noqa: BLE001 - no such table: leave the cell to Datasette
            NAMES[key] = {}
    name = NAMES[key].get(value)
    if name is None:
        return None
    href = datasette.urls.table(database, target) + "/" + tilde(value)
    return Markup('<a href="{}"><bdi>{}</bdi></a>').format(href, display_text(name))


def file_key(db):
    """The file a request is answered from (plugins/fast_facets.py: a new build is a new
    generation), so cached names and date bases never outlive the file they were read from."""
    serving = getattr(db, "serving", None)
    return (db.path, serving.number) if serving is not None else db.path


def tilde(value: str) -> str:
    from datasette.utils import tilde_encode

    return tilde_encode(value)


# ---------------------------------------------------------------- search that never errors

def drop_empty_search(query_string: bytes) -> bytes:
    """The query string without search terms that leave nothing to match."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    raw = ("_searchmode", "raw") in pairs
    kept = [
        (k, v) for k, v in pairs
        if not (k.startswith("_search") and k != "_searchmode" and web.match_expression(v, raw) is None)
    ]
    if len(kept) == len(pairs):
        return query_string
    return urlencode(kept).encode("latin-1")


SQLITE_MAX_INTEGER = 2**63 - 1


DATABASE_JSON = re.compile(r"^/[^/]+\.json$")


def bad_arguments(query_string: bytes, path: str = "") -> str | None:
    """Why Datasette 0.65 would answer this query string with a 500 instead of a 400, or None.

    Its table and query views read ``_timelimit`` with ``int()`` and ``_through`` with
    ``json.loads`` without catching the errors, its filters turn a number too large for SQLite
    into an int that cannot be bound, and SQLite refuses a NUL character in SQL text (a
    ``_facet`` or ``sql`` holding one) with a ProgrammingError."""
    if not query_string:
        return None
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    keys = {key for key, _ in pairs}
    for key, value in pairs:
        if key == "_shape" and value in ("array", "arrayfirst") and "sql" not in keys and DATABASE_JSON.match(path):
            return f"_shape={value} applies to a query: give sql=…"
        if key.startswith("_facet") and value.lstrip().startswith("{"):
            try:
                config = json.loads(value)
            except ValueError:
                config = None
            if not (isinstance(config, dict) and isinstance(config.get("simple"), str)):
                return f'{key} is a column name, or JSON like {{"simple": "column"}}'
        if "\x00" in key or "\x00" in value:
            return "the query string holds a NUL character (%00)"
        if (not key.startswith("_") and value.lstrip("-").isascii() and value.lstrip("-").isdigit()
                and abs(int(value)) > SQLITE_MAX_INTEGER):
            return f"{key}: the number is larger than SQLite can hold"
        if key == "_timelimit" and not (value.isascii() and value.isdigit()):
            return "_timelimit is a whole number of milliseconds"
        if key == "_through":
            try:
                through = json.loads(value)
            except ValueError:
                through = None
            if not (isinstance(through, dict) and {"table", "column", "value"} <= set(through)
                    and all(isinstance(through[k], (str, int, float)) for k in ("table", "column", "value"))):
                return '_through is JSON like {"table": "…", "column": "…", "value": "…"}'
    return None


async def refuse(scope, send, message: str) -> None:
    path = scope.get("path", "")
    if path.endswith(".json"):
        body = json.dumps({"ok": False, "error": message, "status": 400}).encode()
        content_type = b"application/json; charset=utf-8"
    else:
        body = f"Bad request: {message}".encode()
        content_type = b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": 400, "headers": [(b"content-type", content_type)]})
    await send({"type": "http.response.body", "body": body})


@hookimpl
def asgi_wrapper(datasette):
    """Drop search boxes that hold nothing searchable before Datasette reads the request, and
    answer 400 to arguments Datasette would fail on with a 500 (the response of every other
    request is never touched)."""
    def wrap(app):
        async def wrapped(scope, receive, send):
            if scope.get("type") == "http":
                problem = bad_arguments(scope.get("query_string", b""), scope.get("path", ""))
                if problem:
                    return await refuse(scope, send, problem)
                if b"_search" in scope.get("query_string", b""):
                    scope = dict(scope, query_string=drop_empty_search(scope["query_string"]))
            return await app(scope, receive, send)
        return wrapped
    return wrap


BAD_REQUEST = re.compile(r"^(Cannot sort table by|Cannot use _sort and _sort_desc|Cannot sort by)")


@hookimpl
def handle_exception(datasette, request, exception):
    message = str(getattr(exception, "message", None) or exception)
    if request is not None and BAD_REQUEST.match(message):
        async def bad_request():
            if request.path.endswith((".json", ".csv")):
                return Response.json({"ok": False, "error": message, "status": 400}, status=400)
            return Response.html(await datasette.render_template(
                "error.html", {"ok": False, "error": message, "status": 400, "title": "Bad request"}, request=request), status=400)
        return bad_request
    if request is None or "_search" not in str(request.query_string) or not web.is_fts_syntax_error(message):
        return None

    async def inner():
        args = [(k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True) if k != "_searchmode"]
        if request.path.endswith(".json"):
            return Response.json({"ok": False, "error": f"Advanced search could not read the query: {message}",
                                  "status": 400}, status=400)
        html = await datasette.render_template(
            "archive_search_error.html",
            {
                "query": request.args.get("_search", ""),
                "error": message,
                "plain_url": request.path.replace(".csv", "") + "?" + urlencode(args),
                "action": request.path.replace(".csv", ""),
            },
            request=request,
        )
        return Response.html(html, status=400)

    return inner
