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

import re
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from datasette import Response, hookimpl
from markupsafe import Markup, escape

try:
    from ingest import web
except ImportError:  # served without the package installed: use the checkout beside plugins/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ingest import web

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
    async def archive_highlight(passage_id: str) -> list[tuple[str, bool]]:
        """The passage's text as (text, is_match) segments for the current search, or [] if none."""
        query = request.args.get("_search") if request else None
        expression = web.match_expression(query or "", is_raw(request))
        if not expression:
            return []
        found = await rows(
            datasette,
            "select highlight(passages_fts, 0, :a, :b) as marked from passages_fts "
            "where passages_fts match :q and rowid = (select rowid from passages where id = :id)",
            {"a": web.MARK_START, "b": web.MARK_END, "q": expression, "id": passage_id},
        )
        return web.marked_segments(found[0]["marked"]) if found else []

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
        return {
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
        passages = await rows(datasette, "select * from passages where document_id = :d order by seq", {"d": document_id})
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
        "archive_highlight": archive_highlight,
        "archive_passage": archive_passage,
        "archive_document": archive_document,
        "archive_counts": archive_counts,
        "archive_safe_url": web.safe_url,
    }


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
            "Voices in its passages", "select coalesce(s.name, '(the outlet itself)') as label, p.speaker_id as id, "
            "count(*) as n from passages p left join speakers s on s.id = p.speaker_id where p.publisher_id = :k "
            "group by p.speaker_id order by n desc", {"k": key}, None,
            lambda r: passages_link(publisher_id=key, speaker_id=r["id"]) if r["id"] else passages_link(publisher_id=key, speaker_id__isnull=1),
            passages_link(publisher_id=key),
        )
    elif table == "speakers":
        await section(
            "Passages by publisher", "select coalesce(pub.name, p.publisher_id) as label, p.publisher_id as id, "
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
            "Attributed by", "select coalesce(attribution, '(none)') || coalesce(': ' || attribution_cue, '') as label, "
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

@hookimpl
def render_cell(value, column, table, database):
    if database != DATABASE or table is not None or not isinstance(value, str):
        return None
    if column == "snippet" and (web.MARK_START in value or web.MARK_END in value):
        return Markup("").join(
            Markup("<mark>{}</mark>").format(text) if hit else escape(text)
            for text, hit in web.marked_segments(value)
        )
    if column == "passage_id":
        return Markup('<a href="/{}/passages/{}">{}</a>').format(DATABASE, value, value)
    return None


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


# Datasette 0.65 orders the first page of a sorted table by the sort column alone, and later pages
# by the sort column then the primary key: rows that tie on the sort column (every passage of a
# year) are repeated or lost across pages, and a streamed CSV (_stream=on) misses rows. Starting
# the first page from a `_next` token placed before every row makes it use the full order too.
# A streamed CSV refuses `_next`, so it is sorted by the primary key instead: every row, once.
BEFORE_ALL_DESC = "\uffff"  # sorts after any number or text, so `column < it` holds for every value
BEFORE_ALL_KEY = "-9223372036854775808"  # below every integer key; below text keys starting with a letter or digit


async def stable_order(datasette, path: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The query's arguments, changed so that a sorted table pages through every row exactly once."""
    parts = path.strip("/").split("/")
    if len(parts) != 2 or parts[0] != DATABASE or any(k == "_next" for k, _ in pairs):
        return pairs
    table = parts[1].rsplit(".", 1)[0] if parts[1].endswith((".csv", ".json")) else parts[1]
    database = datasette.get_database(DATABASE)
    if not await database.table_exists(table):
        return pairs
    args = dict(pairs)
    metadata = datasette.table_metadata(DATABASE, table) or {}
    if args.get("_sort") or args.get("_sort_desc"):
        column, descending = (args["_sort_desc"], True) if args.get("_sort_desc") else (args["_sort"], False)
    elif metadata.get("sort_desc") or metadata.get("sort"):
        column, descending = (metadata["sort_desc"], True) if metadata.get("sort_desc") else (metadata["sort"], False)
    else:
        return pairs
    pks = await database.primary_keys(table)
    if len(pks) > 1 or column in pks or (not pks and column == "rowid"):
        return pairs
    if args.get("_stream"):
        return [(k, v) for k, v in pairs if k not in ("_sort", "_sort_desc")] + [("_sort", pks[0] if pks else "rowid")]
    return pairs + [("_next", (BEFORE_ALL_DESC if descending else "$null") + "," + BEFORE_ALL_KEY)]


SENTINEL_IN_HTML = re.compile(
    r'<input type="hidden" name="_next" value="[^"]*' + BEFORE_ALL_KEY + r'">'
    r"|(?<=\?)_next=[^&\"'#]*" + BEFORE_ALL_KEY + r"(?:&amp;|&|(?=[\"'#]))"
    r"|(?:&amp;|&)_next=[^&\"'#]*" + BEFORE_ALL_KEY
)


def strip_first_page_token(html: str) -> str:
    """The page without the injected `_next` token in its links and forms (they stay first pages)."""
    return SENTINEL_IN_HTML.sub("", html)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def wrapped(scope, receive, send):
            if scope.get("type") != "http":
                return await app(scope, receive, send)
            query_string = scope.get("query_string", b"")
            if b"_search" in query_string:
                query_string = drop_empty_search(query_string)
            pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
            stable = await stable_order(datasette, scope.get("path", ""), pairs)
            if stable != pairs:
                query_string = urlencode(stable).encode("latin-1")
            scope = dict(scope, query_string=query_string)
            injected = any(k == "_next" for k, _ in stable) and not any(k == "_next" for k, _ in pairs)
            if not injected:
                return await app(scope, receive, send)
            # hold the response back to take the injected token out of its links and redirects
            start, body = {}, []

            async def holding_send(message):
                if message["type"] == "http.response.start":
                    start.update(message)
                elif message["type"] == "http.response.body":
                    body.append(message.get("body", b""))
                    if not message.get("more_body"):
                        content = b"".join(body)
                        headers = [
                            (k, strip_first_page_token(v.decode("latin-1")).encode("latin-1") if k.lower() == b"location" else v)
                            for k, v in start.get("headers", []) if k.lower() != b"content-length"
                        ]
                        if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                            content = strip_first_page_token(content.decode("utf-8")).encode("utf-8")
                        headers.append((b"content-length", str(len(content)).encode()))
                        await send(dict(start, headers=headers))
                        await send({"type": "http.response.body", "body": content})
                else:
                    await send(message)

            await app(scope, receive, holding_send)
        return wrapped
    return wrap


@hookimpl
def handle_exception(datasette, request, exception):
    message = str(getattr(exception, "message", None) or exception)
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
