"""Hostile web archives: every page inside meets the guards a saved page meets, nothing is read whole.

The inputs are built lazily: records are written by hand in chunks, and the 4 GiB WACZ member is
a few MB on disk (its deflate stream repeats one block of zeros). bench/hostile.py times them.
"""

from __future__ import annotations

import gzip
import io
import sqlite3
import zipfile
import zlib

import pytest

from ingest import warc
from ingest.build import build
from ingest.errors import SourceFileError
from ingest.warc import WebArchiveError, read_wacz_file, read_warc_file

GOOD_URL = "https://news.example.org/2021/05/04/good/"
WORDS = b"The minister said on Tuesday that the plan would go ahead. "
MIB = 1 << 20


def good_page(tag: str = "kept") -> bytes:
    return (
        b"<html><head><title>Good page</title></head><body><article><h1>A good page</h1>"
        + b"<p>" + WORDS * 5 + tag.encode() + b"</p></article></body></html>"
    )


def deep_page(depth: int = 100_000) -> bytes:
    return b"<html><body>" + b"<div>" * depth + b"deep" + b"</div>" * depth + b"</body></html>"


def repeated(unit: bytes, size: int):
    """``size`` bytes of ``unit`` repeated, in chunks of about 1 MiB, and their length."""
    block = unit * max(1, MIB // len(unit))
    whole, rest = divmod(size, len(block))
    return (block for _ in range(whole)), rest, block


def chunks_of(unit: bytes, size: int):
    blocks, rest, block = repeated(unit, size)
    yield from blocks
    yield block[:rest]


def write_record(out, url: str, body_size: int, body_chunks, number: int = 1, content_type: str = "text/html",
                 http_headers: tuple[str, ...] = (), date: str = "2021-05-04T10:00:00Z") -> None:
    """One WARC response record written in chunks: the payload is never held whole."""
    http = "".join(
        [f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {body_size}\r\n"]
        + [header + "\r\n" for header in http_headers] + ["\r\n"]
    ).encode()
    out.write(
        (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: {date}\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + body_size}\r\n\r\n"
        ).encode() + http
    )
    written = 0
    for chunk in body_chunks:
        out.write(chunk)
        written += len(chunk)
    assert written == body_size
    out.write(b"\r\n\r\n")


def write_warc(path, records, gz: bool = True):
    """``records``: (url, body size, body chunks[, http headers]); each a gzip member when ``gz``."""
    with open(path, "wb") as raw:
        for number, (url, size, chunks, *headers) in enumerate(records, start=1):
            if gz:
                with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) as out:
                    write_record(out, url, size, chunks, number, http_headers=tuple(headers[0]) if headers else ())
            else:
                write_record(raw, url, size, chunks, number, http_headers=tuple(headers[0]) if headers else ())
    return path


def page_record(url: str, page: bytes):
    return (url, len(page), [page])


def big_record(url: str, size: int):
    """An HTML page of ``size`` bytes of ordinary paragraphs, generated in chunks."""
    head, tail = b"<html><body>", b"</body></html>"
    body = size - len(head) - len(tail)

    def chunks():
        yield head
        yield from chunks_of(b"<p>" + WORDS + b"</p>\n", body)
        yield tail

    return (url, size, chunks())


class RepeatedZeros:
    """A deflate 'compressor' for zipfile that compresses 1 MiB of zeros once and repeats the block.

    The first chunk (anything, at most 1 MiB, ending in zeros) is compressed for real; every later
    chunk must be 1 MiB of zeros: after a sync flush with a window of zeros, the deflate block that
    encodes 1 MiB of zeros decodes the same wherever it stands, so a 4 GiB member costs seconds.
    """

    def __init__(self):
        self.real = zlib.compressobj(9, zlib.DEFLATED, -15)
        zeros = zlib.compressobj(9, zlib.DEFLATED, -15)
        zeros.compress(bytes(MIB))
        zeros.flush(zlib.Z_SYNC_FLUSH)
        self.block = zeros.compress(bytes(MIB)) + zeros.flush(zlib.Z_SYNC_FLUSH)
        self.started = False

    def compress(self, data) -> bytes:
        if not self.started:
            self.started = True
            return self.real.compress(data) + self.real.flush(zlib.Z_SYNC_FLUSH)
        assert len(data) == MIB and not any(data[:64])
        return self.block

    def flush(self) -> bytes:
        return b"\x03\x00"  # an empty final block; the stream is byte-aligned after a sync flush


def write_bomb_wacz(path, size: int = 4 << 30, members: dict[str, bytes] | None = None):
    """A WACZ whose ``archive/bomb.warc`` unpacks to ``size`` bytes (a WARC header declaring one huge
    HTML record, then zeros), a few MB on disk, plus ``members`` written as they are."""
    header = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"WARC-Target-URI: https://bomb.example.org/\r\nContent-Type: text/html\r\nContent-Length: {size}\r\n\r\n<html>"
    ).encode()
    zeros = bytes(MIB)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in (members or {}).items():
            archive.writestr(name, data)
        info = zipfile.ZipInfo("archive/bomb.warc", date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            member._compressor = RepeatedZeros()  # zipfile's writer calls compress() per write
            member.write(header + zeros[len(header):])
            for _ in range(size // MIB - 1):
                member.write(zeros)
    return path


def write_gzip_bomb_warc(path, size: int = 4 << 30):
    """A ``.warc.gz`` of one gzip member that unpacks to ``size`` bytes (a WARC header declaring one
    huge HTML record, then zeros), a few MB on disk: the gzip container is written by hand around
    the deflate stream of ``RepeatedZeros``."""
    header = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"WARC-Target-URI: https://bomb.example.org/\r\nContent-Type: text/html\r\nContent-Length: {size}\r\n\r\n<html>"
    ).encode()
    zeros = bytes(MIB)
    first = header + zeros[len(header):]
    compressor = RepeatedZeros()
    with open(path, "wb") as out:
        out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff")
        out.write(compressor.compress(first))
        crc = zlib.crc32(first)
        for _ in range(size // MIB - 1):
            out.write(compressor.compress(zeros))
            crc = zlib.crc32(zeros, crc)
        out.write(compressor.flush())
        out.write(crc.to_bytes(4, "little") + (size % (1 << 32)).to_bytes(4, "little"))
    return path


def good_warc_bytes(tmp_path, tag: str = "kept") -> bytes:
    return write_warc(tmp_path / f"good-{tag}.warc.gz", [page_record(GOOD_URL + tag, good_page(tag))]).read_bytes()


def problems_of(documents) -> list[str]:
    assert all(isinstance(error, SourceFileError) for error in documents.problems)
    return [str(error) for error in documents.problems]


# --- the three archives of issue 13 ---------------------------------------------------------


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_100000_deep_page_is_refused_and_the_other_records_kept(tmp_path, gz):
    path = write_warc(tmp_path / "deep.warc", [
        page_record(GOOD_URL + "before", good_page("before")),
        page_record("https://news.example.org/deep", deep_page()),
        page_record(GOOD_URL + "after", good_page("after")),
    ], gz=gz)
    assert path.stat().st_size > 1_000_000 or gz
    documents = read_warc_file(path, "sources/articles/deep.warc")
    assert [d.url for d in documents] == [GOOD_URL + "before", GOOD_URL + "after"]
    assert problems_of(documents) == [
        "sources/articles/deep.warc: record 2 (https://news.example.org/deep): "
        "elements nested more than 512 levels deep (at least 513): refused"
    ]


def test_a_warc_whose_one_record_is_refused_is_refused_with_the_reason(tmp_path):
    path = write_warc(tmp_path / "deep.warc.gz", [page_record("https://news.example.org/deep", deep_page())])
    with pytest.raises(WebArchiveError) as raised:
        read_warc_file(path, "sources/articles/deep.warc.gz")
    message = str(raised.value)
    assert message.startswith("sources/articles/deep.warc.gz: no page could be kept: record 1 (https://news.example.org/deep): ")
    assert "nested more than 512 levels deep" in message and "\n" not in message


def test_a_50_mb_record_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = write_warc(tmp_path / "big.warc.gz", [
        big_record("https://news.example.org/big", 50_000_000),
        page_record(GOOD_URL, good_page()),
    ], gz=False)
    read, real = [], warc.read_capped
    monkeypatch.setattr(warc, "read_capped", lambda stream, limit: read.append(limit) or real(stream, limit))
    documents = warc.Documents(warc.read_warc(path, "big.warc.gz", problems := []), problems)
    assert read == [warc.MAX_HTML_BYTES]  # only the good record's content was read
    [problem] = problems_of(documents)
    assert problem.startswith("big.warc.gz: record 1 (https://news.example.org/big): 50.0 MB stored, over the 17.8 MB limit")


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_50_mb_record_leaves_the_rest_of_the_archive(tmp_path, gz, monkeypatch):
    monkeypatch.setattr(warc, "MAX_UNPACK_RATIO", 1000)  # the generated filler packs 140 times
    path = write_warc(tmp_path / "big.warc", [
        big_record("https://news.example.org/big", 50_000_000),
        page_record(GOOD_URL, good_page()),
    ], gz=gz)
    documents = read_warc_file(path, "big.warc")
    assert [d.url for d in documents] == [GOOD_URL]
    assert problems_of(documents) == [
        "big.warc: record 1 (https://news.example.org/big): 50.0 MB stored, over the 17.8 MB limit for one record"
    ]


def test_a_4_gib_wacz_member_is_refused_unread_and_the_other_members_kept(tmp_path, monkeypatch):
    path = write_bomb_wacz(tmp_path / "bomb.wacz", members={"archive/good.warc.gz": good_warc_bytes(tmp_path)})
    assert path.stat().st_size < 6_000_000
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("archive/bomb.warc").file_size == 4 << 30
        with archive.open("archive/bomb.warc") as member:  # the input is what it says
            start = member.read(3 * MIB)
        assert start.startswith(b"WARC/1.0\r\n") and start.endswith(bytes(MIB))
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, name, *a, **k: opened.append(getattr(name, "filename", name)) or real_open(self, name, *a, **k))
    documents = read_wacz_file(path, "sources/articles/bomb.wacz")
    assert opened == ["archive/good.warc.gz"]
    assert [d.url for d in documents] == [GOOD_URL + "kept"]
    assert problems_of(documents) == [
        "sources/articles/bomb.wacz: archive/bomb.warc: unpacks to 4295.0 MB, "
        "more than 100 times its 4.2 MB packed size: refused unread"
    ]


def test_a_wacz_with_only_the_bomb_is_refused_with_the_reason(tmp_path):
    path = write_bomb_wacz(tmp_path / "bomb.wacz", size=256 * MIB)
    with pytest.raises(WebArchiveError, match=r"^bomb.wacz: no page could be kept: archive/bomb.warc: unpacks to 268.4 MB"):
        read_wacz_file(path, "bomb.wacz")


def test_a_gzip_bomb_warc_is_cut_at_its_allowance(tmp_path, monkeypatch):
    monkeypatch.setattr(warc, "MAX_UNPACK_RATIO", 10)
    path = write_gzip_bomb_warc(tmp_path / "bomb.warc.gz", size=1 << 30)
    assert path.stat().st_size < 1_500_000
    with gzip.open(path) as unpacked:  # the input is what it says
        assert unpacked.read(10) == b"WARC/1.0\r\n"
    with pytest.raises(WebArchiveError) as raised:
        read_warc_file(path, "bomb.warc.gz")
    assert str(raised.value) == (
        "bomb.warc.gz: no page could be kept: record 1 (https://bomb.example.org/): 1073.7 MB stored, over the 17.8 MB "
        f"limit for one record; after record 1: the archive unpacks to more than {warc.unpack_allowance(path.stat().st_size) / 1e6:.1f} MB; "
        "the rest of it is refused"
    )


# --- the caps while reading -------------------------------------------------------------------


def test_a_page_that_unpacks_past_the_page_limit_is_refused(tmp_path):
    """A small record whose HTTP Content-Encoding unpacks to more than one page may be."""
    packed = gzip.compress(b"".join(chunks_of(b"<p>" + WORDS + b"</p>", 40 * MIB)), compresslevel=1)
    path = write_warc(tmp_path / "encoded.warc.gz", [
        ("https://news.example.org/encoded", len(packed), [packed], ["Content-Encoding: gzip"]),
        page_record(GOOD_URL, good_page()),
    ])
    documents = read_warc_file(path, "encoded.warc.gz")
    assert [d.url for d in documents] == [GOOD_URL]
    assert problems_of(documents) == [
        "encoded.warc.gz: record 1 (https://news.example.org/encoded): too large for one page (over 16.8 MB once unpacked)"
    ]


def test_an_archive_that_unpacks_past_its_allowance_keeps_what_came_before(tmp_path, monkeypatch):
    monkeypatch.setattr(warc, "MIN_UNPACK_ALLOWANCE", 2 * MIB)
    monkeypatch.setattr(warc, "MAX_UNPACK_RATIO", 2)
    path = write_warc(tmp_path / "zipped.warc.gz", [
        page_record(GOOD_URL + "1", good_page("one")),
        big_record("https://news.example.org/big", 8 * MIB),
        page_record(GOOD_URL + "3", good_page("three")),
    ])
    assert path.stat().st_size * warc.MAX_UNPACK_RATIO < 2 * MIB  # the allowance is the minimum
    documents = read_warc_file(path, "zipped.warc.gz")
    assert [d.url for d in documents] == [GOOD_URL + "1"]
    assert problems_of(documents) == [
        "zipped.warc.gz: record 2 (https://news.example.org/big): the archive unpacks to more than 2.1 MB; the rest of it is refused"
    ]


def test_a_gzip_bomb_stored_in_a_wacz_is_cut_at_the_allowance(tmp_path, monkeypatch):
    """The ZipInfo sizes are honest (the member is stored), but the WARC inside gunzips 1000 to 1."""
    monkeypatch.setattr(warc, "MIN_UNPACK_ALLOWANCE", 4 * MIB)
    monkeypatch.setattr(warc, "MAX_UNPACK_RATIO", 10)
    inner = write_warc(tmp_path / "inner.warc.gz", [
        page_record(GOOD_URL, good_page()),
        ("https://news.example.org/zeros", 12 * MIB, chunks_of(b"\x00", 12 * MIB)),
    ]).read_bytes()
    path = tmp_path / "nested.wacz"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("archive/a.warc.gz", inner)
    documents = read_wacz_file(path, "nested.wacz")
    assert [d.url for d in documents] == [GOOD_URL]
    [problem] = problems_of(documents)
    assert problem.startswith("nested.wacz: archive/a.warc.gz: record 2 (https://news.example.org/zeros): ")
    assert "the archive unpacks to more than 4.2 MB; the rest of it is refused" in problem


def test_the_members_of_one_wacz_share_one_allowance(tmp_path, monkeypatch):
    """Each member may unpack to the minimum allowance, but not every member of one WACZ."""
    monkeypatch.setattr(warc, "MIN_UNPACK_ALLOWANCE", 5 * MIB)
    monkeypatch.setattr(warc, "MAX_UNPACK_RATIO", 1)
    member = io.BytesIO()
    write_record(member, "https://x.example.org/blob", 2 * MIB, chunks_of(b"\x00", 2 * MIB), content_type="application/octet-stream")
    path = tmp_path / "many.wacz"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("archive/good.warc.gz", good_warc_bytes(tmp_path))
        for n in range(10):
            archive.writestr(f"archive/z{n}.warc", member.getvalue())
    documents = read_wacz_file(path, "many.wacz")
    assert [d.url for d in documents] == [GOOD_URL + "kept"]
    assert problems_of(documents) == [
        f"many.wacz: archive/z{n}.warc: unpacks to 2.1 MB, more than the WACZ's members may unpack to together "
        "(1 times its size): refused unread"
        for n in range(2, 10)
    ]


def test_the_members_of_one_wacz_share_one_record_allowance(tmp_path, monkeypatch):
    monkeypatch.setattr(warc, "MIN_RECORDS", 10)
    monkeypatch.setattr(warc, "MIN_PACKED_RECORD_BYTES", 10 ** 9)
    tiny = b"WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n" * 5
    path = tmp_path / "tiny.wacz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("archive/good.warc.gz", good_warc_bytes(tmp_path))
        for n in range(3):
            archive.writestr(f"archive/z{n}.warc", tiny)
    documents = read_wacz_file(path, "tiny.wacz")
    assert [d.url for d in documents] == [GOOD_URL + "kept"]
    assert problems_of(documents) == [
        "tiny.wacz: archive/z1.warc: after record 4: the archive has more than 10 records for its size; the rest of it is refused",
        "tiny.wacz: archive/z2.warc: from its first record: the archive has more than 10 records for its size; the rest of it is refused",
    ]


def test_an_archive_with_exactly_its_allowance_of_records_is_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(warc, "MIN_RECORDS", 3)
    monkeypatch.setattr(warc, "MIN_PACKED_RECORD_BYTES", 10 ** 9)
    path = write_warc(tmp_path / "three.warc.gz", [page_record(f"{GOOD_URL}{n}", good_page(str(n))) for n in range(3)])
    documents = read_warc_file(path, "three.warc.gz")
    assert len(documents) == 3 and documents.problems == []


# --- the guards of a saved page, for every record -------------------------------------------


@pytest.mark.parametrize(
    "page, reason",
    [
        (b'<!DOCTYPE z [<!ENTITY a "aaaa">]><html><body>&a;</body></html>', "declares XML entities"),
        (b"<html><body>" + b"<b>x</b>" * 100_001 + b"</body></html>", "more than 100,000 elements"),
        (b"<html><head><script>x()</script></head><body></body></html>", "no visible text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content (a PNG image)"),
        (b"   ", "empty file"),
    ],
    ids=["entities", "elements", "no-text", "binary", "empty"],
)
def test_every_page_guard_applies_to_records(tmp_path, page, reason):
    path = write_warc(tmp_path / "a.warc.gz", [page_record("https://x.example.org/bad", page), page_record(GOOD_URL, good_page())])
    documents = read_warc_file(path, "a.warc.gz")
    assert [d.url for d in documents] == [GOOD_URL]
    [problem] = problems_of(documents)
    assert problem.startswith("a.warc.gz: record 1 (https://x.example.org/bad): ") and reason in problem


def test_a_record_the_parser_fails_on_is_that_records_problem(tmp_path, monkeypatch):
    real = warc.read_html

    def failing(data, source_path, **kwargs):
        if kwargs["url"].endswith("/bad"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(data, source_path, **kwargs)

    monkeypatch.setattr(warc, "read_html", failing)
    path = write_warc(tmp_path / "a.warc.gz", [page_record("https://x.example.org/bad", good_page()), page_record(GOOD_URL, good_page())])
    documents = read_warc_file(path, "a.warc.gz")
    assert [d.url for d in documents] == [GOOD_URL]
    assert problems_of(documents) == [
        "a.warc.gz: record 1 (https://x.example.org/bad): too deeply nested to read (the parser's recursion limit was reached)"
    ]


def test_a_hostile_url_is_shown_on_one_line(tmp_path):
    url = "https://x.example.org/" + "a" * 500 + "\x1b[31m"
    path = write_warc(tmp_path / "a.warc.gz", [page_record(url, deep_page(600)), page_record(GOOD_URL, good_page())])
    [problem] = problems_of(read_warc_file(path, "a.warc.gz"))
    assert "\n" not in problem and "\x1b" not in problem and len(problem) < 300


def test_many_refused_records_make_one_line(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", [page_record(f"https://x.example.org/{n}", deep_page(600)) for n in range(10)])
    with pytest.raises(WebArchiveError) as raised:
        read_warc_file(path, "a.warc.gz")
    assert str(raised.value).endswith("(and 7 more)") and "\n" not in str(raised.value)


# --- the build -------------------------------------------------------------------------------


def test_the_build_lists_a_hostile_archive_and_keeps_the_rest(tmp_path):
    articles = tmp_path / "sources" / "articles"
    articles.mkdir(parents=True)
    write_warc(articles / "deep.warc.gz", [page_record("https://news.example.org/deep", deep_page())])
    write_bomb_wacz(articles / "bomb.wacz", size=1 << 30)
    write_warc(articles / "good.warc.gz", [page_record(GOOD_URL, good_page())])
    db = tmp_path / "archive.db"
    build(tmp_path / "sources", db, log=lambda line: None, workers=1, full=True)
    conn = sqlite3.connect(db)
    try:
        urls = [row[0] for row in conn.execute("select url from documents")]
        problems = dict(conn.execute("select source_path, problem from problems where severity = 'error'"))
    finally:
        conn.close()
    assert urls == [GOOD_URL]
    assert "nested more than 512 levels deep" in problems["sources/articles/deep.warc.gz"]
    assert "archive/bomb.warc: unpacks to 1073.7 MB" in problems["sources/articles/bomb.wacz"]


@pytest.mark.parametrize(
    "filler",
    [b"X-Long: " + b"a" * (3 * MIB) + b"\r\n", b"X-Many: a\r\n" * 300_000],
    ids=["one long line", "many lines"],
)
def test_header_lines_are_capped_and_what_came_before_kept(tmp_path, filler):
    """warcio reads a header line in quadratic time and keeps every line: a record's headers are capped."""
    path = tmp_path / "headers.warc"
    with open(path, "wb") as out:
        write_record(out, GOOD_URL, len(good_page()), [good_page()])
        out.write(b"WARC/1.0\r\nWARC-Type: response\r\n" + filler + b"Content-Length: 4\r\n\r\nabcd\r\n\r\n")
    documents = read_warc_file(path, "headers.warc")
    assert [d.url for d in documents] == [GOOD_URL]
    assert problems_of(documents) == [
        "headers.warc: after record 1: a record has more than 1.0 MB of header lines; the rest of it is refused"
    ]


def test_blank_lines_between_records_are_capped(tmp_path):
    path = tmp_path / "blank.warc.gz"
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb") as out:
            write_record(out, GOOD_URL, len(good_page()), [good_page()])
            for chunk in chunks_of(b"\r\n", 64 * MIB):
                out.write(chunk)
    documents = read_warc_file(path, "blank.warc.gz")
    assert [d.url for d in documents] == [GOOD_URL]
    [problem] = problems_of(documents)
    assert problem.startswith("blank.warc.gz: after record 1: the archive has more than ")
    assert problem.endswith(" header lines for its size; the rest of it is refused")


def test_a_record_may_have_a_megabyte_of_blank_lines(tmp_path, monkeypatch):
    monkeypatch.setattr(warc, "LINES_PER_RECORD", 10 ** 9)
    path = tmp_path / "blank.warc"
    with open(path, "wb") as out:
        write_record(out, GOOD_URL, len(good_page()), [good_page()])
        out.write(b"\r\n" * (MIB // 2 + 1))
    [problem] = problems_of(read_warc_file(path, "blank.warc"))
    assert problem == "blank.warc: after record 1: a record has more than 1.0 MB of header lines; the rest of it is refused"


def test_a_bomb_of_tiny_records_stops_at_the_record_allowance(tmp_path):
    path = tmp_path / "tiny.warc.gz"
    record = b"WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb") as out:
            write_record(out, GOOD_URL, len(good_page()), [good_page()])
            for chunk in chunks_of(record, 8 * MIB):
                out.write(chunk)
    documents = read_warc_file(path, "tiny.warc.gz")
    most = warc.record_allowance(path.stat().st_size)
    assert most < 2000 and [d.url for d in documents] == [GOOD_URL]
    assert problems_of(documents) == [
        f"tiny.warc.gz: after record {most}: the archive has more than {most:,} records for its size; the rest of it is refused"
    ]


def test_refused_records_are_listed_up_to_a_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(warc, "LISTED_PROBLEMS", 3)
    path = write_warc(tmp_path / "a.warc.gz", [page_record(GOOD_URL, good_page())]
                      + [page_record(f"https://x.example.org/{n}", deep_page(600)) for n in range(5)])
    problems = problems_of(read_warc_file(path, "a.warc.gz"))
    assert [p.split(": ")[1] for p in problems] == [
        "record 2 (https://x.example.org/0)", "record 3 (https://x.example.org/1)", "record 4 (https://x.example.org/2)",
        "2 more refused records or members (the first 3 are listed)",
    ]


def test_first_record_headers_capped(tmp_path):
    path = tmp_path / "first.warc"
    path.write_bytes(b"WARC/1.0\r\nX: " + b"a" * (2 * MIB) + b"\r\n\r\n")
    with pytest.raises(WebArchiveError, match="^first.warc: no page could be kept: from its first record: a record has more than 1.0 MB"):
        read_warc_file(path, "first.warc")


def test_a_hostile_member_name_is_shown_on_one_line(tmp_path):
    path = tmp_path / "names.wacz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("archive/good.warc.gz", good_warc_bytes(tmp_path))
        archive.writestr("archive/a\nb\x1b.warc.gz", b"not a warc")
    with pytest.raises(WebArchiveError) as raised:
        read_wacz_file(path, "names.wacz")
    assert str(raised.value).startswith("names.wacz!archive/a\\nb\\x1b.warc.gz: not a readable web archive")
