"""Guards against hostile or broken source files, checked before a reader parses them.

Each check raises SourceFileError with a one-line problem, so the build skips the file, lists it in
`problems` and goes on with the rest. The checks are cheap scans over the bytes; they run before a
parser that could recurse, explode or silently lose data:

- ``check_html_bytes``: too large, an entity declaration (``<!ENTITY``, the "billion laughs"
  expansion bomb), elements nested deeper than ``MAX_HTML_DEPTH``, more elements than
  ``MAX_HTML_ELEMENTS`` (the parser's time and memory grow with them), no visible text outside
  scripts, styles and comments. Saved pages and the pages inside web archives meet the same
  checks;
- ``reading``: any other exception a reader raises on a file (a parser's RecursionError, a
  decompressor's error) becomes that file's problem instead of stopping the build.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from .errors import ArchiveError, SourceFileError
from .read import BINARY_SIGNATURES

MAX_HTML_BYTES = 16 * 1024 * 1024
MAX_HTML_DEPTH = 512  # real pages nest a few dozen levels; parsers recurse on depth
# Outside scripts, styles and SVG a long article has a few thousand elements; parsing costs about
# 50 microseconds and 2.5 kB of memory for each, so this bounds one page to seconds and 250 MB.
MAX_HTML_ELEMENTS = 100_000
ENTITY_DECLARATION = re.compile(rb"<!ENTITY\b", re.I)
INVISIBLE = re.compile(
    rb"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    rb"|<(script|style|template|noscript|svg|head)\b[^>]*>.*?(?:</\1\s*>|\Z)",
    re.I | re.S,
)
TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
MARKUP = re.compile(rb"<[!?/]?[A-Za-z][^>]*>|<!--.*?-->|<!\[CDATA\[|\]\]>|<![^>]*>", re.S)
ENTITY = re.compile(rb"&(?:nbsp|#160|#xa0|#x0*a0|zwj|zwnj|#8203|#x200b);", re.I)
# Elements that never hold children, and ones HTML closes implicitly (so need not be closed).
VOID = {
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"param", b"source", b"track", b"wbr",
}
IMPLICITLY_CLOSED = {b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option", b"thead", b"tbody", b"tfoot", b"colgroup", b"rp", b"rt"}


def check_html_bytes(data: bytes, path: str) -> None:
    """Refuse an HTML page that is too large, binary, declares entities, nests too deep or has no text.

    Call it first thing in the HTML reader: ``check_html_bytes(data, source_path)``.
    """
    if len(data) > MAX_HTML_BYTES:
        raise SourceFileError(path, f"too large for one page ({len(data) / 1e6:.1f} MB; the limit is {MAX_HTML_BYTES / 1e6:.1f} MB)")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise SourceFileError(path, f"binary content ({what}), not HTML")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceFileError(path, "binary content (NUL bytes), not HTML")
    if not data.strip():
        raise SourceFileError(path, "empty file")
    if ENTITY_DECLARATION.search(data):
        raise SourceFileError(path, "declares XML entities (<!ENTITY ...>): refused, entity expansion can explode")
    visible = INVISIBLE.sub(b" ", data)
    depth = nesting_depth(visible)
    if depth > MAX_HTML_DEPTH:
        raise SourceFileError(path, f"elements nested more than {MAX_HTML_DEPTH} levels deep (at least {depth}): refused")
    if element_count(visible) > MAX_HTML_ELEMENTS:
        raise SourceFileError(path, f"more than {MAX_HTML_ELEMENTS:,} elements outside scripts and styles: refused")
    if not has_visible_text(visible):
        raise SourceFileError(path, "no visible text (only scripts, styles, comments or markup)")


def nesting_depth(data: bytes, stop_at: int = MAX_HTML_DEPTH + 1) -> int:
    """The deepest element nesting in ``data`` (markup), up to ``stop_at``.

    Void and implicitly closed elements do not count; a closing tag closes the innermost open
    element of its name and every element opened inside it, as browsers do.
    """
    stack: list[bytes] = []
    open_count: dict[bytes, int] = {}
    deepest = 0
    for match in TAG.finditer(data):
        name = match.group(2).lower()
        if name in VOID or name in IMPLICITLY_CLOSED:
            continue
        if match.group(1):  # a closing tag
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
        elif not match.group(3):  # not self-closing
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if len(stack) > deepest:
                deepest = len(stack)
                if deepest >= stop_at:
                    return deepest
    return deepest


def element_count(data: bytes, stop_at: int = MAX_HTML_ELEMENTS + 1) -> int:
    """How many elements ``data`` (markup) opens (closing tags do not count), up to ``stop_at``."""
    count = 0
    for match in TAG.finditer(data):
        if not match.group(1):
            count += 1
            if count >= stop_at:
                break
    return count


def has_visible_text(markup: bytes) -> bool:
    """Whether anything but whitespace is left once tags and blank entities are taken out."""
    text = ENTITY.sub(b" ", MARKUP.sub(b" ", markup))
    return bool(text.strip())


@contextmanager
def reading(source_path: str):
    """Turn any exception a reader raises on one file into that file's SourceFileError.

    A parser meeting hostile input can raise anything (RecursionError, zlib.error, ValueError,
    a library's own errors); the file is skipped with the exception named, and the build goes on.
    """
    try:
        yield
    except ArchiveError:
        raise
    except RecursionError:
        raise SourceFileError(source_path, "too deeply nested to read (the parser's recursion limit was reached)") from None
    except MemoryError:
        raise SourceFileError(source_path, "too large to read (out of memory)") from None
    except Exception as error:  # noqa: BLE001 - one file's failure must not stop the build
        message = " ".join(str(error).split())[:200]
        raise SourceFileError(source_path, f"could not be read ({type(error).__name__}: {message})") from None
