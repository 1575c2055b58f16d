"""Read a source file's bytes and decode them to text, line endings normalised to \\n."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from pathlib import Path

from .errors import SourceFileError
from .model import Source

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of binary formats people save by mistake under a text name.
BINARY_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "a gzip archive",
}
# No article is this long; a file this size is a mistake (a dump, a log) and would swamp the index.
MAX_FILE_BYTES = 16 * 1024 * 1024


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252.

    Returns ``(text, encoding)``; the BOM is dropped and line endings become ``\\n``.
    Raises SourceFileError for empty or binary input.
    """
    if not data.strip():
        raise SourceFileError(path, "empty file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise SourceFileError(path, f"invalid {encoding} after its byte-order mark ({error.reason} at byte {error.start})") from None
            return not_blank(normalise_newlines(text), path), encoding
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise SourceFileError(path, f"binary content ({what}), not text")
    if b"\x00" in data[:8192]:
        raise SourceFileError(path, "binary content (NUL bytes), not text")
    try:
        return not_blank(normalise_newlines(data.decode("utf-8")), path), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; a file using them is not cp1252 text.
    try:
        return not_blank(normalise_newlines(data.decode("cp1252")), path), "cp1252"
    except UnicodeDecodeError as error:
        raise SourceFileError(path, f"not UTF-8, UTF-16 or cp1252 text (byte 0x{data[error.start]:02x} at offset {error.start})") from None


def not_blank(text: str, path: str) -> str:
    """The text, unless it is only whitespace once decoded (a UTF-16 file of spaces, a lone BOM)."""
    if not text.strip():
        raise SourceFileError(path, "empty file (only whitespace)")
    return text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_text_file(path: Path, source_path: str) -> Source:
    """A plain-text article: one document, the decoded file."""
    data = read_bytes(path, source_path)
    text, encoding = decode(data, source_path)
    return Source(source_path=source_path, format="txt", text=text, sha256=sha256(data), encoding=encoding)


def read_bytes(path: Path, source_path: str, max_bytes: int | None = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; a SourceFileError for what is not a readable regular file of sane size.

    The checks run on the open file, before reading: a FIFO or device would block or never end.
    """
    try:
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise SourceFileError(source_path, "not a regular file (a FIFO, socket or device)")
            if max_bytes is not None and status.st_size > max_bytes:
                raise SourceFileError(
                    source_path,
                    f"too large for one article ({status.st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)",
                )
            return stream.read()
    except PermissionError:
        raise SourceFileError(source_path, "not readable (permission denied)") from None
    except IsADirectoryError:
        raise SourceFileError(source_path, "is a directory, not a file") from None
    except FileNotFoundError:
        raise SourceFileError(source_path, "no such file (a broken symbolic link?)") from None
    except OSError as error:
        raise SourceFileError(source_path, f"cannot be read ({error.strerror})") from None
