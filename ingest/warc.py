"""Read web archives: every HTML response record of a WARC (or of the WARCs inside a WACZ)
is one document.

Pure over the file's bytes: yields ``Source`` records (``format="warc"``), with ``url``
from ``WARC-Target-URI`` and ``retrieved`` from ``WARC-Date``; the page itself is read by
``ingest.html.read_html``. Non-HTML records (images, scripts, requests, metadata) are
skipped. A damaged archive raises ``ArchiveError`` naming the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import SourceFileError
from .html import read_html
from .model import Source

HTML_TYPES = ("text/html", "application/xhtml+xml")


class WebArchiveError(SourceFileError, ValueError):
    """A web archive that cannot be read to its end (truncated, not a WARC, bad WACZ).

    One line, naming the file: ``<file>: <problem>``. The build skips the file and lists it.
    """

    def __init__(self, message: str):
        path, _, problem = message.partition(": ")
        super().__init__(path, problem)


ArchiveError = WebArchiveError  # the name the tests and callers use in this module


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


def _check_gzip(stream: BinaryIO, name: str) -> None:
    """Decompress a gzipped archive to its end once, so truncation is found before reading."""
    import gzip
    import zlib

    head = stream.read(2)
    stream.seek(0)
    if head != b"\x1f\x8b":
        return
    try:
        with gzip.GzipFile(fileobj=stream) as unzipped:
            while unzipped.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as error:
        raise WebArchiveError(f"{name}: truncated or damaged web archive ({_first_line(error)})") from None
    finally:
        stream.seek(0)


def _records(stream: BinaryIO, name: str) -> Iterator[tuple[str | None, str | None, bytes]]:
    """(target URI, WARC-Date, payload) of each HTML response record; damage -> ArchiveError."""
    from warcio.archiveiterator import ArchiveIterator

    _check_gzip(stream, name)
    iterator = iter(ArchiveIterator(stream))
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except Exception as error:  # warcio reports damage with many exception types
            raise WebArchiveError(f"{name}: not a readable web archive ({_first_line(error)})") from None
        if record.format not in ("warc", "arc2warc"):
            # warcio reads anything without a WARC header as an old ARC file
            raise WebArchiveError(f"{name}: not a WARC file (no WARC record header)")
        try:
            html = _is_html(record)
            data = record.content_stream().read() if html else None
            if html:
                remaining = getattr(record.raw_stream, "limit", 0) or 0
                if remaining > 0:
                    raise EOFError(f"record ends {remaining} bytes early")
        except Exception as error:
            raise WebArchiveError(f"{name}: truncated or damaged web archive ({_first_line(error)})") from None
        if html:
            yield (
                record.rec_headers.get_header("WARC-Target-URI"),
                record.rec_headers.get_header("WARC-Date"),
                data,
            )


def _iter_stream(stream: BinaryIO, name: str, source_path: str) -> Iterator[Source]:
    for url, retrieved, data in _records(stream, name):
        yield read_html(data, source_path, url=url, retrieved=retrieved, format="warc", key=url)


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def read_warc(path: Path, source_path: str) -> Iterator[Source]:
    """Every HTML response record of the ``.warc`` / ``.warc.gz`` at ``path``, in order."""
    path = Path(path)
    try:
        stream = path.open("rb")
    except OSError as error:
        raise WebArchiveError(f"{source_path}: cannot be read ({error.strerror})") from None
    with stream:
        yield from _iter_stream(stream, source_path, source_path)


def read_wacz(path: Path, source_path: str) -> Iterator[Source]:
    """Every HTML response record of the WARCs under ``archive/`` in the WACZ at ``path``."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise WebArchiveError(f"{source_path}: not a readable WACZ ({_first_line(error)})") from None
    with archive:
        names = sorted(
            n for n in archive.namelist() if n.startswith("archive/") and (n.endswith(".warc") or n.endswith(".warc.gz"))
        )
        if not names:
            raise WebArchiveError(f"{source_path}: a WACZ without archive/*.warc(.gz)")
        for name in names:
            try:
                data = archive.read(name)
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                raise WebArchiveError(f"{source_path}!{name}: damaged ({_first_line(error)})") from None
            yield from _iter_stream(io.BytesIO(data), f"{source_path}!{name}", source_path)


def read_warc_file(path: Path, source_path: str) -> list[Source]:
    """The build's reader for ``.warc`` / ``.warc.gz``: all documents of the file."""
    return list(read_warc(path, source_path))


def read_wacz_file(path: Path, source_path: str) -> list[Source]:
    """The build's reader for ``.wacz``."""
    return list(read_wacz(path, source_path))
