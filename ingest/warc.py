"""Read web archives: every HTML response record of a WARC (or of the WARCs inside a WACZ)
is one document.

Pure over the file's bytes: yields ``Source`` records (``format="warc"``), with ``url``
from ``WARC-Target-URI`` and ``retrieved`` from ``WARC-Date``; the page itself is read by
``ingest.html.read_html``. Non-HTML records (images, scripts, requests, metadata) are
skipped. A damaged archive raises ``WebArchiveError`` naming the file.

Every page inside an archive meets the guards a saved ``.html`` page meets
(``ingest.guard.check_html_bytes``: size, entity declarations, nesting depth, element count,
visible text), and nothing is read whole:

- a record whose stored block is over ``MAX_RECORD_BYTES`` (its ``Content-Length``) is refused
  before its content is read; a page is read in chunks up to ``MAX_HTML_BYTES`` (after its
  HTTP ``Content-Encoding`` is undone), and refused past that;
- an archive (a WARC file, or one WARC inside a WACZ) unpacks to at most
  ``MAX_UNPACK_RATIO`` times its packed size (at least ``MIN_UNPACK_ALLOWANCE``); a WACZ member
  whose declared size (``ZipInfo.file_size``) is over that is refused before it is opened, and
  the members of one WACZ share one allowance. The count runs while reading, so a size that
  lies is caught too;
- warcio reads header lines whole: a record's header lines stop at ``MAX_HEADER_BYTES``, and an
  archive holds at most ``record_allowance(packed size)`` records with ``LINES_PER_RECORD``
  header lines each on average (an archive of millions of empty records costs time, not bytes).
  Past one of these limits the records can no longer be told apart, so the rest of that
  archive (or WACZ member) is refused, and what came before is kept.

A refused record is that record's problem: the archive's other records are kept, and the
reasons are listed on the result (``Documents.problems``, one ``SourceFileError`` each, naming
the file and the record). When every HTML record of a file is refused, the file itself is
refused with the reasons, so nothing is dropped silently.
"""

from __future__ import annotations

import gzip
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import SourceFileError
from .guard import MAX_HTML_BYTES, check_html_bytes, reading
from .html import read_html
from .model import Source

HTML_TYPES = ("text/html", "application/xhtml+xml")
# A record's stored block: the HTTP headers and the page, maybe still content-encoded.
MAX_RECORD_BYTES = MAX_HTML_BYTES + 1024 * 1024
# Real crawls compress 3-15 times (gzip) and stay near 1 inside a WACZ; a bomb does 1000.
MAX_UNPACK_RATIO = 100
MIN_UNPACK_ALLOWANCE = 32 * 1024 * 1024
# Reading costs about 30 microseconds a record and 2 a header line, however small: an archive may
# hold MIN_RECORDS records plus one per MIN_PACKED_RECORD_BYTES of its packed size (a real record
# packs to a kilobyte or more), and LINES_PER_RECORD header lines a record on average.
MIN_RECORDS = 1000
MIN_PACKED_RECORD_BYTES = 100
LINES_PER_RECORD = 64
# A record's WARC and HTTP header lines: a few kB in real crawls. warcio reads them whole, one by one.
MAX_HEADER_BYTES = 1024 * 1024
CHUNK = 1 << 16
SHOWN_URL_CHARS = 120
SHOWN_PROBLEMS = 3  # in the one line that refuses a file whose every record was refused
LISTED_PROBLEMS = 100  # refused records listed one by one for a file; then one line for the rest


class WebArchiveError(SourceFileError, ValueError):
    """A web archive that cannot be read to its end (truncated, not a WARC, bad WACZ).

    One line, naming the file: ``<file>: <problem>``. The build skips the file and lists it.
    """

    def __init__(self, message: str):
        path, _, problem = message.partition(": ")
        super().__init__(path, problem)


ArchiveError = WebArchiveError  # the name the tests and callers use in this module


class ArchiveLimit(Exception):
    """An archive goes past a limit where its records can no longer be told apart: the rest is refused."""


class UnpackLimit(ArchiveLimit):
    """Raised by a ``CappedReader`` when a stream unpacks past its allowance."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(f"the archive unpacks to more than {limit / 1e6:.1f} MB")


class HeaderLimit(ArchiveLimit):
    """Raised when one record's header lines (WARC and HTTP, and the blank lines after it) pass the limit."""

    def __init__(self):
        super().__init__(f"a record has more than {MAX_HEADER_BYTES / 1e6:.1f} MB of header lines")


class LineLimit(ArchiveLimit):
    """Raised when an archive's header lines, together, pass ``LINES_PER_RECORD`` a record."""

    def __init__(self, lines: int):
        super().__init__(f"the archive has more than {lines:,} header lines for its size")


class RecordLimit(ArchiveLimit):
    def __init__(self, records: int):
        super().__init__(f"the archive has more than {records:,} records for its size")


class StreamDamaged(Exception):
    """The bytes under a ``CappedReader`` ended early or would not decompress.

    Not an EOFError: warcio takes an EOFError for the archive's regular end.
    """


class Documents(list):
    """The documents read from one file, with ``problems``: one SourceFileError per refused record."""

    def __init__(self, items=(), problems=None):
        super().__init__(items)
        self.problems: list[SourceFileError] = list(problems or [])


class CappedReader:
    """A read-only stream over ``stream`` that raises ``UnpackLimit`` past ``limit`` bytes.

    ``head`` is given back first (bytes already read to sniff the format). ``read()`` without a
    size reads at most ``limit + 1`` bytes, in chunks.
    """

    def __init__(self, stream, limit: int, head: bytes = b""):
        self.stream, self.limit, self.head, self.count = stream, limit, head, 0

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            parts = []
            while part := self.read(CHUNK):
                parts.append(part)
            return b"".join(parts)
        if self.head:
            data, self.head = self.head[:size], self.head[size:]
        else:
            try:
                data = self.stream.read(max(0, min(size, self.limit - self.count + 1)))
            except (EOFError, OSError, zlib.error) as error:
                raise StreamDamaged(_first_line(error)) from None
        self.count += len(data)
        if self.count > self.limit:
            raise UnpackLimit(self.limit)
        return data

    def tell(self) -> int:
        return self.count

    def readable(self) -> bool:
        return True


def record_allowance(packed_bytes: int) -> int:
    """How many records an archive of ``packed_bytes`` may hold."""
    return MIN_RECORDS + packed_bytes // MIN_PACKED_RECORD_BYTES


class Allowance:
    """What one archive file may cost, shared by the WARCs inside a WACZ: records and header lines."""

    def __init__(self, packed_bytes: int):
        self.records = self.records_left = record_allowance(packed_bytes)
        self.lines = self.lines_left = self.records * LINES_PER_RECORD

    def take_record(self) -> None:
        self.records_left -= 1
        if self.records_left < 0:
            raise RecordLimit(self.records)

    def take_line(self) -> None:
        self.lines_left -= 1
        if self.lines_left < 0:
            raise LineLimit(self.lines)


def _iterator(stream, allowance: Allowance):
    """warcio's ArchiveIterator over ``stream``, reading header lines with caps.

    warcio reads a header line by concatenating 16 kB pieces (quadratic in the line's length)
    and keeps every line; here a record's lines together stop at ``MAX_HEADER_BYTES``, and each
    line (blank lines between records too: each costs a call) is taken from ``allowance``.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class HeaderCappedReader(DecompressingBufferedReader):
        budget = MAX_HEADER_BYTES

        def readline(self, length=None):
            allowance.take_line()
            cap = self.budget + 1 if length is None else min(length, self.budget + 1)
            parts, size = [], 0
            while size < cap:
                self._fillbuff()
                if self.empty():
                    break
                part = self.buff.readline(cap - size)
                parts.append(part)
                size += len(part)
                if part.endswith(b"\n"):
                    break
            self.budget -= size
            if self.budget < 0:
                raise HeaderLimit()
            return b"".join(parts)

    class CappedIterator(ArchiveIterator):
        def __init__(self, fileobj):
            super().__init__(fileobj)
            self.reader = HeaderCappedReader(self.fh, block_size=self.reader.block_size)

        def _next_record(self, next_line):
            self.reader.budget = MAX_HEADER_BYTES  # reset for each record; the line count is not
            return super()._next_record(next_line)

    return CappedIterator(stream)


def unpack_allowance(packed_bytes: int) -> int:
    """How many bytes an archive of ``packed_bytes`` may unpack to."""
    return max(MIN_UNPACK_ALLOWANCE, MAX_UNPACK_RATIO * packed_bytes)


def unpacked_stream(raw: BinaryIO, limit: int) -> CappedReader:
    """``raw`` gunzipped when it is gzip, as a stream that refuses to give more than ``limit`` bytes."""
    head = raw.read(2)
    if head == b"\x1f\x8b":
        return CappedReader(gzip.GzipFile(fileobj=CappedReader(raw, float("inf"), head), mode="rb"), limit)
    return CappedReader(raw, limit, head)


def read_capped(stream, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``stream``, read in chunks; None if there are more."""
    parts, size = [], 0
    while size <= limit:
        part = stream.read(min(CHUNK, limit + 1 - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return None if size > limit else b"".join(parts)


def _is_html(record) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    content_type = ""
    if record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
        status = record.http_headers.get_statuscode()
        if status and not str(status).startswith("2"):
            return False
    if not content_type:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def shown(text: str | None, limit: int = SHOWN_URL_CHARS) -> str:
    """A header value fit for a one-line message: control characters escaped, long ones cut."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in (text or "")[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _megabytes(size: int | float) -> str:
    return f"{size / 1e6:.1f} MB"


class _Reader:
    """One web archive stream: its records in order, the refused ones listed in ``problems``."""

    def __init__(self, source_path: str, member: str | None, problems: list[SourceFileError], allowance: Allowance):
        self.source_path, self.member, self.problems, self.allowance = source_path, member, problems, allowance
        self.where = f"{shown(member, 200)}: " if member else ""

    def damaged(self, problem: str) -> WebArchiveError:
        name = f"{self.source_path}!{shown(self.member, 200)}" if self.member else self.source_path
        return WebArchiveError(f"{name}: {problem}")

    def refuse(self, what: str, problem: str) -> None:
        self.problems.append(SourceFileError(self.source_path, f"{self.where}{what}: {problem}"))

    def records(self, stream) -> Iterator[tuple[str, str | None, str | None, bytes]]:
        """(what, target URI, WARC-Date, page bytes) of each HTML response record that passes the guards."""
        iterator = iter(_iterator(stream, self.allowance))
        number = 0
        while True:
            try:
                record = next(iterator)
                self.allowance.take_record()
            except StopIteration:
                return
            except ArchiveLimit as limit:
                self.refuse(f"after record {number}" if number else "from its first record", f"{limit}; the rest of it is refused")
                return
            except (StreamDamaged, EOFError, OSError, zlib.error) as error:
                raise self.damaged(f"truncated or damaged web archive ({_first_line(error)})") from None
            except Exception as error:  # warcio reports damage with many exception types
                raise self.damaged(f"not a readable web archive ({_first_line(error)})") from None
            number += 1
            if record.format not in ("warc", "arc2warc"):
                # warcio reads anything without a WARC header as an old ARC file
                raise self.damaged("not a WARC file (no WARC record header)")
            try:
                html = _is_html(record)
            except Exception as error:
                raise self.damaged(f"truncated or damaged web archive ({_first_line(error)})") from None
            if not html:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            what = f"record {number} ({shown(url)})" if url else f"record {number}"
            if record.length is not None and record.length > MAX_RECORD_BYTES:
                self.refuse(what, f"{_megabytes(record.length)} stored, over the {_megabytes(MAX_RECORD_BYTES)} limit for one record")
                continue
            try:
                data = read_capped(record.content_stream(), MAX_HTML_BYTES)
                remaining = getattr(record.raw_stream, "limit", 0) or 0
                if data is not None and remaining > 0:
                    raise EOFError(f"record ends {remaining} bytes early")
            except ArchiveLimit as limit:
                self.refuse(what, f"{limit}; the rest of it is refused")
                return
            except Exception as error:
                raise self.damaged(f"truncated or damaged web archive ({_first_line(error)})") from None
            if data is None:
                self.refuse(what, f"too large for one page (over {_megabytes(MAX_HTML_BYTES)} once unpacked)")
                continue
            try:
                check_html_bytes(data, self.source_path)
            except SourceFileError as error:
                self.refuse(what, error.problem)
                continue
            yield what, url, record.rec_headers.get_header("WARC-Date"), data

    def sources(self, stream) -> Iterator[Source]:
        for what, url, retrieved, data in self.records(stream):
            try:
                with reading(self.source_path):
                    source = read_html(data, self.source_path, url=url, retrieved=retrieved, format="warc", key=url)
            except SourceFileError as error:
                self.refuse(what, error.problem)
                continue
            yield source


def _first_line(error: Exception) -> str:
    """The first line of an error's message, cut short: warcio quotes the whole offending line."""
    text = str(error).strip().splitlines()
    return shown(text[0], 200) if text else type(error).__name__


def read_warc(path: Path, source_path: str, problems: list | None = None) -> Iterator[Source]:
    """Every HTML response record of the ``.warc`` / ``.warc.gz`` at ``path``, in order.

    Refused records are appended to ``problems`` (a list of SourceFileError) when one is given.
    """
    problems = [] if problems is None else problems
    path = Path(path)
    try:
        stream = path.open("rb")
        packed = path.stat().st_size
    except OSError as error:
        raise WebArchiveError(f"{source_path}: cannot be read ({error.strerror})") from None
    reader = _Reader(source_path, None, problems, Allowance(packed))
    with stream:
        try:
            unpacked = unpacked_stream(stream, unpack_allowance(packed))
        except OSError as error:
            raise WebArchiveError(f"{source_path}: cannot be read ({error.strerror})") from None
        yield from reader.sources(unpacked)


def read_wacz(path: Path, source_path: str, problems: list | None = None) -> Iterator[Source]:
    """Every HTML response record of the WARCs under ``archive/`` in the WACZ at ``path``.

    A member that would unpack past its allowance is refused (listed in ``problems``) without
    being opened; the members together may unpack to ``unpack_allowance`` of the WACZ's size,
    and hold ``record_allowance`` of it in records.
    """
    problems = [] if problems is None else problems
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
        packed = path.stat().st_size
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise WebArchiveError(f"{source_path}: not a readable WACZ ({_first_line(error)})") from None
    with archive:
        members = sorted(
            (info for info in archive.infolist()
             if info.filename.startswith("archive/") and info.filename.endswith((".warc", ".warc.gz"))),
            key=lambda info: info.filename,
        )
        if not members:
            raise WebArchiveError(f"{source_path}: a WACZ without archive/*.warc(.gz)")
        budget, allowance = unpack_allowance(packed), Allowance(packed)
        for info in members:
            reader = _Reader(source_path, info.filename, problems, allowance)
            limit = min(unpack_allowance(info.compress_size), budget)
            if info.file_size > limit:
                reason = (
                    f"more than {MAX_UNPACK_RATIO} times its {_megabytes(info.compress_size)} packed size"
                    if limit < budget else "more than the WACZ's members may unpack to together "
                    f"({MAX_UNPACK_RATIO} times its size)"
                )
                problems.append(SourceFileError(
                    source_path, f"{shown(info.filename, 200)}: unpacks to {_megabytes(info.file_size)}, {reason}: refused unread"))
                continue
            try:
                member = archive.open(info)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
                raise reader.damaged(f"damaged ({_first_line(error)})") from None
            with member:
                try:
                    unpacked = unpacked_stream(member, limit)
                except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
                    raise reader.damaged(f"damaged ({_first_line(error)})") from None
                try:
                    yield from reader.sources(unpacked)
                finally:
                    budget -= unpacked.count


def _documents(sources: Iterator[Source], problems: list[SourceFileError], source_path: str) -> Documents:
    documents = Documents(sources)
    documents.problems = problems[:LISTED_PROBLEMS]
    if len(problems) > LISTED_PROBLEMS:
        documents.problems.append(SourceFileError(
            source_path, f"{len(problems) - LISTED_PROBLEMS:,} more refused records or members (the first {LISTED_PROBLEMS} are listed)"))
    if problems and not documents:
        reasons = "; ".join(error.problem for error in problems[:SHOWN_PROBLEMS])
        more = f" (and {len(problems) - SHOWN_PROBLEMS} more)" if len(problems) > SHOWN_PROBLEMS else ""
        raise WebArchiveError(f"{source_path}: no page could be kept: {reasons}{more}")
    return documents


def read_warc_file(path: Path, source_path: str) -> Documents:
    """The build's reader for ``.warc`` / ``.warc.gz``: all documents of the file, refused records in ``.problems``."""
    problems: list[SourceFileError] = []
    return _documents(read_warc(path, source_path, problems), problems, source_path)


def read_wacz_file(path: Path, source_path: str) -> Documents:
    """The build's reader for ``.wacz``: all documents of the file, refused records and members in ``.problems``."""
    problems: list[SourceFileError] = []
    return _documents(read_wacz(path, source_path, problems), problems, source_path)
