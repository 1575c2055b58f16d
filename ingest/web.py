"""Web: pure helpers behind the archive's pages (plugins/archive_ui.py). No database, no HTML.

The pages are Datasette's own views plus a few small templates; everything here turns rows
(plain dicts) into what those templates show: highlighted segments, a document laid out with
its removed spans, a citation, a safe link.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from datasette.utils import escape_fts as datasette_escape_fts

# Markers FTS5 highlight()/snippet() put around matches. Private-use code points, so a
# passage's own brackets or angle brackets are never mistaken for a match.
MARK_START = "\ue000"
MARK_END = "\ue001"
SAFE_SCHEMES = ("http", "https")
FTS_ERROR = re.compile(r"fts5: syntax error|unterminated string|no such column|unknown special query", re.I)


def escape_fts(query: str) -> str | None:
    """Datasette's escape_fts (every word quoted, so punctuation and stray quotes are not syntax),
    but None where nothing searchable is left (``"``, spaces): ``MATCH NULL`` finds nothing, while
    ``MATCH ''`` is an FTS5 syntax error."""
    return datasette_escape_fts(query or "") or None


def match_expression(query: str, raw: bool) -> str | None:
    """The FTS5 MATCH expression for a query: as typed in advanced (raw) mode, else escaped."""
    return (query or None) if raw else escape_fts(query)


def marked_segments(text: str | None) -> list[tuple[str, bool]]:
    """Split highlight()/snippet() output into (text, is_match) pieces; markers are dropped.

    >>> marked_segments("a \\ue000b\\ue001 c")
    [('a ', False), ('b', True), (' c', False)]
    """
    if not text:
        return []
    segments: list[tuple[str, bool]] = []
    inside = False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", text):
        if piece == MARK_START:
            inside = True
        elif piece == MARK_END:
            inside = False
        elif piece:
            segments.append((piece, inside))
    return segments


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) address, else None (a javascript: URL never becomes a link)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc and not any(c in url for c in "\x00\r\n\t"):
        return url
    return None


def is_fts_syntax_error(message: str) -> bool:
    """Whether a database error message is SQLite complaining about an FTS5 query."""
    return bool(FTS_ERROR.search(message or ""))


def document_segments(passages: list[dict], removed: list[dict]) -> list[dict]:
    """A document laid out in reading order: its passages and its removed spans, by start offset.

    Each item is ``{"type": "passage" | "removed", "row": row}``; passages come before removed
    spans that start at the same offset.
    """
    items = [{"type": "passage", "row": row} for row in passages]
    items += [{"type": "removed", "row": row} for row in removed]
    return sorted(items, key=lambda item: (item["row"].get("start") or 0, item["type"] != "passage"))


def date_with_basis(published: str | None, basis: str | None) -> str:
    """A publication date as a citation states it: the date and how it is known, or 'date unknown'."""
    if not published:
        return "date unknown" + (f" ({basis})" if basis else "")
    return f"{published} ({basis})" if basis else published


def citation(passage: dict, document: dict, publisher: dict | None, speaker: dict | None = None) -> str:
    """A plain-text citation of one passage, with everything needed to find and check it again."""
    publisher_name = (publisher or {}).get("name") or passage.get("publisher_id") or "publisher unknown"
    title = document.get("title") or "(untitled)"
    lines = [
        f"{publisher_name}, “{title}”, {date_with_basis(document.get('published'), document.get('published_basis'))}.",
        f"URL: {document.get('url') or 'unknown'}",
        f"Source file: {document.get('source_path')}, characters {passage.get('start')}–{passage.get('end')}"
        f" (sha256 {document.get('sha256')})",
        f"Passage {passage.get('id')} ({passage.get('kind')}, no. {passage.get('seq')} of document {document.get('id')})",
    ]
    if speaker:
        lines.append(f"Speaker: {speaker.get('name') or speaker.get('id')}")
    return "\n".join(lines)


# ---------------------------------------------------------------- text as shown and exported

# A cell starting with one of these is run as a formula by Excel or LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidi embeddings, overrides and isolates: in a title or passage they could reorder what follows
# them. Shown as visible text wherever text is shown (the stored text and the export keep them).
# LRM and RLM (U+200E/F) are left as they are: Persian typing uses them, and they only move
# neutral characters inside the element that isolates each text (dir="auto" or <bdi>).
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
EXPORT_TIME_LIMIT_S = 120  # an export's overall limit (each batch also within sql_time_limit_ms)


def escape_control(text: str) -> str:
    """Control characters (other than tab and line breaks) as visible ``\\xNN`` text."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def display_text(text: str) -> str:
    """Text as shown on a page: control characters as ``\\xNN`` and bidi embeddings, overrides
    and isolates as ``\\u202e``, visible and unable to reorder anything."""
    text = escape_control(text)
    return BIDI_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if BIDI_CONTROL.search(text) else text


def guard_cell(value):
    """A cell a spreadsheet shows as text: a string starting with = + - @ (or tab, CR) gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
