"""Building from saved pages and web archives: no manifest and no registries needed."""

import io
import shutil
import sqlite3
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.build import build

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def rows(db, sql):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def test_articles_folder_with_only_html_builds(tmp_path):
    articles = tmp_path / "sources" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(FIXTURES / "article_tweet.html", articles / "a.html")
    shutil.copy(FIXTURES / "jsonld_date.html", articles / "b.htm")
    report = build(tmp_path / "sources", tmp_path / "db" / "archive.db", log=lambda line: None)
    db = tmp_path / "db" / "archive.db"
    documents = rows(db, "select title, url, publisher_id, published, published_basis, format from documents order by source_path")
    assert documents == [
        {"title": "UN urged to investigate the 1988 massacre", "url": "https://www.example-news.org/2020/09/22/un-urged/",
         "publisher_id": "unknown:example-news.org", "published": "2020-09-22",
         "published_basis": "html: meta article:published_time", "format": "html"},
        {"title": "Families still wait for answers", "url": None, "publisher_id": "unknown",
         "published": "2019-08-29", "published_basis": "html: JSON-LD datePublished", "format": "html"},
    ]
    assert report.unknown_publishers == ["unknown:example-news.org"]
    assert rows(db, "select id, affiliation_id from publishers where id like 'unknown:%'") == [
        {"id": "unknown:example-news.org", "affiliation_id": None}
    ]
    kinds = {r["kind"] for r in rows(db, "select kind from passages")}
    assert {"tweet", "caption", "heading", "list_item"} <= kinds
    texts = " ".join(r["text"] for r in rows(db, "select text from passages"))
    assert "Share on Facebook" not in texts and "cookies" not in texts and "Related articles" not in texts
    tweet = rows(db, "select speaker_id, said_on from passages where kind = 'tweet'")
    assert tweet == [{"speaker_id": "sfundamentalism", "said_on": "2020-09-22"}]


def test_two_captures_of_one_url_in_a_warc_are_one_document(tmp_path):
    articles = tmp_path / "sources" / "articles"
    articles.mkdir(parents=True)
    url = "https://news.example.org/story"
    with open(articles / "crawl.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for when, words in (("2021-01-01T00:00:00Z", "first version"), ("2022-01-01T00:00:00Z", "second version")):
            body = f"<html><body><article><p>{' '.join([words] * 40)}</p></article></body></html>".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": when}))
    build(tmp_path / "sources", tmp_path / "archive.db", log=lambda line: None)
    db = tmp_path / "archive.db"
    documents = rows(db, "select id, retrieved, format, published from documents")
    assert len(documents) == 1
    assert documents[0]["retrieved"] == "2022-01-01T00:00:00Z" and documents[0]["format"] == "warc"
    assert documents[0]["published"] is None  # the capture time is not a publication date
    captures = rows(db, "select document_id, source_path, url, retrieved from captures order by retrieved")
    assert [(c["document_id"], c["url"], c["retrieved"]) for c in captures] == [
        (documents[0]["id"], url, "2021-01-01T00:00:00Z"),
        (documents[0]["id"], url, "2022-01-01T00:00:00Z"),
    ]


def test_truncated_archive_is_skipped_and_listed(tmp_path):
    articles = tmp_path / "sources" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(FIXTURES / "jsonld_date.html", articles / "ok.html")
    (articles / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 20)
    report = build(tmp_path / "sources", tmp_path / "archive.db", log=lambda line: None)
    assert report.documents == 1
    problems = rows(tmp_path / "archive.db", "select source_path, severity from problems where severity = 'error'")
    assert [p["source_path"].endswith("broken.warc.gz") for p in problems] == [True]


def test_a_refused_record_is_listed_and_the_good_one_kept(tmp_path):
    from .test_hostile_archives import GOOD_URL, deep_page, good_page, page_record, write_warc

    articles = tmp_path / "sources" / "articles"
    articles.mkdir(parents=True)
    write_warc(articles / "mixed.warc.gz", [
        page_record("https://news.example.org/deep", deep_page()),
        page_record(GOOD_URL, good_page()),
    ])
    lines = []
    report = build(tmp_path / "sources", tmp_path / "db" / "archive.db", log=lines.append, workers=1)
    db = tmp_path / "db" / "archive.db"
    assert [r["url"] for r in rows(db, "select url from documents")] == [GOOD_URL]
    refused = [r for r in rows(db, "select source_path, severity, problem from problems") if r["severity"] == "warning"
               and "deep" in r["problem"]]
    assert refused == [{
        "source_path": "sources/articles/mixed.warc.gz", "severity": "warning",
        "problem": "record 1 (https://news.example.org/deep): elements nested more than 512 levels deep (at least 513): refused",
    }]
    assert ("sources/articles/mixed.warc.gz", "warning", refused[0]["problem"]) in report.problems
    assert sum("news.example.org/deep" in line for line in lines) == 1
