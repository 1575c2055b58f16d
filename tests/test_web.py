"""ingest.web: the pure helpers behind the pages, table-driven."""

import sqlite3

import pytest
from hypothesis import given, settings, strategies as st

from ingest import web

A, B = web.MARK_START, web.MARK_END


@pytest.mark.parametrize("marked, expected", [
    (None, []),
    ("", []),
    ("plain", [("plain", False)]),
    (f"a {A}b{B} c", [("a ", False), ("b", True), (" c", False)]),
    (f"{A}x{B}{A}y{B}", [("x", True), ("y", True)]),
    (f"<script>{A}alert{B}</script>", [("<script>", False), ("alert", True), ("</script>", False)]),
    (f"[not a match] {A}hit{B}", [("[not a match] ", False), ("hit", True)]),
])
def test_marked_segments(marked, expected):
    assert web.marked_segments(marked) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    ("http://example.org", "http://example.org"),
    ("  https://example.org  ", "https://example.org"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("vbscript:msgbox", None),
    ("//example.org", None),
    ("https:alert(1)", None),
    ("https://exa\nmple.org", None),
    ("", None),
    (None, None),
])
def test_safe_url(url, expected):
    assert web.safe_url(url) == expected


@pytest.mark.parametrize("query, raw, expected", [
    ("massacre", False, '"massacre"'),
    ('"', False, None),
    ("   ", False, None),
    ('a "b c', False, '"a" "b c"'),
    ("NEAR(a b)", False, '"NEAR(a" "b)"'),
    ("NEAR(a b)", True, "NEAR(a b)"),
    ("", True, None),
])
def test_match_expression(query, raw, expected):
    assert web.match_expression(query, raw) == expected


@pytest.fixture(scope="module")
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(text)")
    conn.executemany("insert into t values (?)", [("the 1988 massacre",), ("death commission",), ('quote " and (paren',)])
    return conn


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab "*()-:^+.NEAROR\'{}\\', max_size=12))
def test_an_escaped_query_is_never_an_fts5_error(fts, query):
    expression = web.match_expression(query, raw=False)
    if expression is not None:
        fts.execute("select count(*) from t where t match ?", (expression,)).fetchall()


@pytest.mark.parametrize("message, expected", [
    ('fts5: syntax error near ""', True),
    ("unterminated string", True),
    ("no such column: foo", True),
    ("database is locked", False),
    ("", False),
])
def test_is_fts_syntax_error(message, expected):
    assert web.is_fts_syntax_error(message) is expected


def test_document_segments_in_reading_order():
    passages = [{"start": 0, "end": 5, "seq": 1}, {"start": 20, "end": 30, "seq": 2}]
    removed = [{"start": 6, "end": 19, "reason": "share line"}, {"start": 31, "end": 40, "reason": "footer"}]
    kinds = [(item["type"], item["row"]["start"]) for item in web.document_segments(passages, removed)]
    assert kinds == [("passage", 0), ("removed", 6), ("passage", 20), ("removed", 31)]


@pytest.mark.parametrize("published, basis, expected", [
    ("2020-09-22", "dateline", "2020-09-22 (dateline)"),
    ("2021", "estimate: from the text", "2021 (estimate: from the text)"),
    ("2021", None, "2021"),
    (None, None, "date unknown"),
    (None, "no evidence", "date unknown (no evidence)"),
])
def test_date_with_basis(published, basis, expected):
    assert web.date_with_basis(published, basis) == expected


def test_citation_names_everything_needed_to_check_it():
    passage = {"id": "d1-p1", "kind": "quote", "seq": 3, "start": 10, "end": 42, "publisher_id": "pub"}
    document = {"id": "d1", "title": "T", "url": None, "published": "2021", "published_basis": "estimate: x",
                "source_path": "sources/articles/a.txt", "sha256": "ab" * 32}
    text = web.citation(passage, document, {"name": "Publisher P"}, {"name": "Speaker S"})
    assert text.splitlines() == [
        "Publisher P, “T”, 2021 (estimate: x).",
        "URL: unknown",
        f"Source file: sources/articles/a.txt, characters 10–42 (sha256 {'ab' * 32})",
        "Passage d1-p1 (quote, no. 3 of document d1)",
        "Speaker: Speaker S",
    ]
    assert web.citation(passage, document, None).startswith("pub, “T”")


def test_formula_guard():
    assert [web.guard_cell(v) for v in ("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "plain", "", 3, -3, None)] == [
        "'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain", "", 3, -3, None]


def test_control_characters_are_shown_as_text():
    assert web.escape_control("a\x01b\x1bc\x0bd\x7f\te\nf") == "a\\x01b\\x1bc\\x0bd\\x7f\te\nf"
    assert web.display_text("a\u202eb\u200fc\x01") == "a\\u202eb\u200fc\\x01"  # RLM stays: Persian typing uses it
