"""ingest.captures: the same page captured twice is one document with every capture kept."""

import pytest

from ingest.captures import CAPTURES_COLUMNS, group_captures, normalise_url
from ingest.model import Source


def src(path, url=None, text="text", retrieved=None, sha="0" * 64):
    return Source(source_path=path, format="warc", text=text, sha256=sha, url=url, retrieved=retrieved)


def test_same_url_is_one_document_latest_capture_represents_it():
    a = src("a.warc", "https://www.x.org/p/", "old text", "2020-01-01T00:00:00Z", "a" * 64)
    b = src("b.warc", "http://x.org/p", "new text", "2021-01-01T00:00:00Z", "b" * 64)
    [(representative, rows)] = group_captures([a, b])
    assert representative is b
    assert rows == [
        {"document_id": None, "source_path": "a.warc", "url": "https://www.x.org/p/", "retrieved": "2020-01-01T00:00:00Z", "sha256": "a" * 64},
        {"document_id": None, "source_path": "b.warc", "url": "http://x.org/p", "retrieved": "2021-01-01T00:00:00Z", "sha256": "b" * 64},
    ]
    assert set(rows[0]) == set(CAPTURES_COLUMNS)


def test_same_text_different_urls_is_one_document():
    a = src("a.html", "https://x.org/amp/p", "Same words.\n")
    b = src("b.html", "https://x.org/p", "Same words.")
    groups = group_captures([a, b])
    assert len(groups) == 1 and len(groups[0][1]) == 2


def test_grouping_is_transitive_and_keeps_first_seen_order():
    a = src("a", "https://x.org/1", "one")
    other = src("o", "https://y.org/9", "other")
    b = src("b", "https://x.org/1", "two")  # a~b by URL
    c = src("c", "https://x.org/3", "two")  # b~c by text
    groups = group_captures([a, other, b, c])
    assert [[row["source_path"] for row in rows] for _, rows in groups] == [["a", "b", "c"], ["o"]]


def test_different_documents_stay_apart():
    groups = group_captures([src("a", "https://x.org/1", "one"), src("b", "https://x.org/2", "two")])
    assert len(groups) == 2


def test_empty_texts_do_not_join_documents():
    groups = group_captures([src("a", "https://x.org/1", ""), src("b", "https://x.org/2", "")])
    assert len(groups) == 2


def test_sources_without_url_group_by_text_only():
    groups = group_captures([src("a", None, "t"), src("b", None, "u"), src("c", None, "t")])
    assert [[r["source_path"] for r in rows] for _, rows in groups] == [["a", "c"], ["b"]]


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://WWW.X.org/a/#top", "//x.org/a"),
        ("http://x.org/a?b=1", "//x.org/a?b=1"),
        ("https://x.org/", "//x.org"),
        (None, None),
    ],
)
def test_normalise_url(url, expected):
    assert normalise_url(url) == expected
