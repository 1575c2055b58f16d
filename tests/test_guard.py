"""The guards the readers call before parsing: table-driven, bytes in, a one-line refusal out."""

from __future__ import annotations

import gzip

import pytest

from ingest.errors import SourceFileError
from ingest.guard import MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, check_html_bytes, element_count, nesting_depth, reading

PAGE = b"<html><head><title>T</title></head><body><article><h1>Title</h1><p>One<p>Two<ul><li>a<li>b</ul><br><img src=x.png></article></body></html>"
BOMB = b'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><html><body>&b;</body></html>'


def nested(depth: int, tag: bytes = b"div") -> bytes:
    return b"<html><body>" + b"<%s>" % tag * depth + b"x" + b"</%s>" % tag * depth + b"</body></html>"


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("page", PAGE, None),
        ("nested within the limit", nested(MAX_HTML_DEPTH - 10), None),
        ("unclosed paragraphs", b"<body>" + b"<p>para" * 5000 + b"</body>", None),
        ("self-closing", b"<body>" + b"<div/>" * 5000 + b"text</body>", None),
        ("nested 100,000 deep", nested(100_000), "nested more than 512 levels deep"),
        ("nested spans", nested(10_000, b"span"), "nested more than 512 levels deep"),
        ("many elements", b"<body>" + b"<b>x</b>" * (MAX_HTML_ELEMENTS + 1) + b"</body>", "more than 100,000 elements"),
        ("many void elements", b"<body>x" + b"<br>" * (MAX_HTML_ELEMENTS + 1) + b"</body>", "more than 100,000 elements"),
        ("many elements in a script", b"<body>x<script>" + b"<b>x</b>" * (MAX_HTML_ELEMENTS + 1) + b"</script></body>", None),
        ("just under the element limit", b"<body>" + b"<b>x</b>" * (MAX_HTML_ELEMENTS - 1) + b"</body>", None),
        ("scripts and styles only", b"<html><head><style>p{}</style></head><body><script>x()</script><noscript></noscript></body></html>", "no visible text"),
        ("markup and blank entities only", b"<html><body><div>&nbsp;</div><p> </p><!-- a comment --></body></html>", "no visible text"),
        ("unclosed script", b"<html><body><script>var a = '<p>text</p>';", "no visible text"),
        ("entity bomb", BOMB, "declares XML entities"),
        ("entity bomb, lowercase", BOMB.replace(b"<!ENTITY", b"<!entity"), "declares XML entities"),
        ("PNG", b"\x89PNG\r\n\x1a\n\x00\x00", "binary content (a PNG image)"),
        ("PDF", b"%PDF-1.4\n<html>", "binary content (a PDF file)"),
        ("NUL bytes", b"<html>\x00\x00\x00</html>", "binary content (NUL bytes)"),
        ("empty", b"  \n", "empty file"),
        ("too large", b"<p>" + b"a" * (16 * 1024 * 1024) + b"</p>", "too large for one page"),
    ],
)
def test_check_html_bytes(name, data, expected):
    if expected is None:
        check_html_bytes(data, "page.html")
        return
    with pytest.raises(SourceFileError) as raised:
        check_html_bytes(data, "page.html")
    assert str(raised.value).startswith("page.html: ")
    assert expected in raised.value.problem
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "markup, depth",
    [
        (b"<div><div></div></div>", 2),
        (b"<div><span></div><div><div></div></div>", 2),  # </div> closes the span opened inside it
        (b"<div></span></div>", 1),  # a stray closing tag closes nothing
        (b"<p><p><p><li><li>", 0),
        (b'<div title="a>b"><div>', 2),
    ],
)
def test_nesting_depth(markup, depth):
    assert nesting_depth(markup) == depth


@pytest.mark.parametrize(
    "markup, count",
    [
        (b"<div><p>a</p><br><img src=x></div>", 4),
        (b"</div></p>", 0),
        (b"<b>x</b>" * 10, 10),
    ],
)
def test_element_count(markup, count):
    assert element_count(markup) == count
    assert element_count(markup, stop_at=2) == min(count, 2)


@pytest.mark.parametrize(
    "error, expected",
    [
        (RecursionError("maximum recursion depth exceeded"), "too deeply nested"),
        (ValueError("bad\nthing"), "could not be read (ValueError: bad thing)"),
        (KeyError("x"), "could not be read (KeyError: 'x')"),
    ],
)
def test_reading_turns_reader_exceptions_into_file_problems(error, expected):
    with pytest.raises(SourceFileError) as raised:
        with reading("x.html"):
            raise error
    assert raised.value.path == "x.html" and raised.value.problem.startswith(expected)


def test_reading_lets_file_problems_through():
    with pytest.raises(SourceFileError, match="^x.txt: empty file$"):
        with reading("x.txt"):
            raise SourceFileError("x.txt", "empty file")
