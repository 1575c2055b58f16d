"""ingest.warc: every HTML response record of a WARC / WACZ is a document."""

import gzip
import io
import zipfile

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ingest.captures import group_captures
from ingest.warc import ArchiveError, read_wacz, read_warc

URL = "https://www.example-news.org/2020/09/22/un-urged/"


def page(words: str) -> bytes:
    body = " ".join([words] * 30)
    return (
        "<html><head><title>UN urged</title>"
        '<meta property="article:published_time" content="2020-09-22"></head>'
        f"<body><article><h1>UN urged</h1><p>{body}</p></article></body></html>"
    ).encode()


def write_warc(path, gz=True):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        records = [
            (URL, "text/html; charset=utf-8", page("First capture of the page."), "2021-03-01T10:00:00Z"),
            ("https://www.example-news.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "2021-03-01T10:00:01Z"),
            (URL, "text/html; charset=utf-8", page("Second capture, text was edited."), "2022-06-15T08:30:00Z"),
        ]
        for url, content_type, payload, when in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers,
                warc_headers_dict={"WARC-Date": when},
            )
            writer.write_record(record)
    return path


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def warc(tmp_path, request):
    return write_warc(tmp_path / ("a.warc.gz" if request.param else "a.warc"), gz=request.param)


def test_every_html_response_is_a_document_non_html_skipped(warc):
    sources = list(read_warc(warc, "sources/articles/a.warc.gz"))
    assert [(s.url, s.retrieved, s.format, s.key) for s in sources] == [
        (URL, "2021-03-01T10:00:00Z", "warc", URL),
        (URL, "2022-06-15T08:30:00Z", "warc", URL),
    ]
    assert "First capture of the page." in sources[0].text
    assert "Second capture, text was edited." in sources[1].text
    assert all(s.source_path == "sources/articles/a.warc.gz" for s in sources)
    # the capture time is never the publication date
    assert [(s.published, s.published_basis) for s in sources] == [("2020-09-22", "html: meta article:published_time")] * 2


def test_two_captures_of_one_url_are_one_document_with_both_captures(warc):
    [(representative, rows)] = group_captures(read_warc(warc, "a.warc.gz"))
    assert "Second capture" in representative.text
    assert [row["retrieved"] for row in rows] == ["2021-03-01T10:00:00Z", "2022-06-15T08:30:00Z"]


def test_wacz_reads_the_warcs_inside(tmp_path):
    warc = write_warc(tmp_path / "data.warc.gz")
    wacz = tmp_path / "crawl.wacz"
    with zipfile.ZipFile(wacz, "w") as z:
        z.write(warc, "archive/data.warc.gz")
        z.writestr("datapackage.json", "{}")
    sources = list(read_wacz(wacz, "sources/articles/crawl.wacz"))
    assert [s.retrieved for s in sources] == ["2021-03-01T10:00:00Z", "2022-06-15T08:30:00Z"]


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_warc_gz_raises_a_clear_error_naming_the_file(tmp_path, keep):
    data = write_warc(tmp_path / "whole.warc.gz").read_bytes()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ArchiveError) as info:
        list(read_warc(broken, "sources/articles/broken.warc.gz"))
    message = str(info.value)
    assert "broken.warc.gz" in message and "\n" not in message
    assert isinstance(info.value, ValueError)


def test_truncated_plain_warc_raises(tmp_path):
    data = write_warc(tmp_path / "whole.warc", gz=False).read_bytes()
    broken = tmp_path / "broken.warc"
    broken.write_bytes(data[:-300])
    with pytest.raises(ArchiveError, match="broken.warc"):
        list(read_warc(broken, "broken.warc"))


@pytest.mark.parametrize(
    "content",
    [b"not a zip at all", None],
    ids=["not-zip", "zip-without-archive"],
)
def test_bad_wacz_raises(tmp_path, content):
    path = tmp_path / "bad.wacz"
    if content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("datapackage.json", "{}")
    else:
        path.write_bytes(content)
    with pytest.raises(ArchiveError, match="bad.wacz"):
        list(read_wacz(path, "bad.wacz"))


def test_gzip_helper_sanity(tmp_path):
    # a gzipped file that is not a WARC at all is reported, not a traceback
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(gzip.compress(b"hello, this is not a warc\r\n\r\n"))
    with pytest.raises(ArchiveError, match="junk.warc.gz"):
        list(read_warc(path, "junk.warc.gz"))


def test_a_warc_gzipped_whole_is_read_too(tmp_path):
    """Not one gzip member per record (warcio refuses those to seek), but read start to end it is fine."""
    plain = write_warc(tmp_path / "a.warc", gz=False).read_bytes()
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain))
    assert [s.retrieved for s in read_warc(path, "whole.warc.gz")] == ["2021-03-01T10:00:00Z", "2022-06-15T08:30:00Z"]


def test_damage_inside_a_gzip_member_is_reported(tmp_path):
    data = bytearray(write_warc(tmp_path / "a.warc.gz").read_bytes())
    data[len(data) // 2: len(data) // 2 + 8] = b"\xff" * 8
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="^broken.warc.gz: truncated or damaged web archive"):
        list(read_warc(broken, "broken.warc.gz"))
