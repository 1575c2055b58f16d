"""Read a source file's bytes and decode them to text, line endings normalised to \\n."""

from __future__ import annotations

import codecs
import hashlib
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
            return normalise_newlines(text), encoding
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise SourceFileError(path, f"binary content ({what}), not text")
    if b"\x00" in data[:8192]:
        raise SourceFileError(path, "binary content (NUL bytes), not text")
    try:
        return normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; a file using them is not cp1252 text.
    try:
        return normalise_newlines(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError as error:
        raise SourceFileError(path, f"not UTF-8, UTF-16 or cp1252 text (byte 0x{data[error.start]:02x} at offset {error.start})") from None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_text_file(path: Path, source_path: str) -> Source:
    """A plain-text article: one document, the decoded file."""
    data = read_bytes(path, source_path)
    text, encoding = decode(data, source_path)
    return Source(source_path=source_path, format="txt", text=text, sha256=sha256(data), encoding=encoding)


def read_bytes(path: Path, source_path: str) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise SourceFileError(source_path, "not readable (permission denied)") from None
    except IsADirectoryError:
        raise SourceFileError(source_path, "is a directory, not a file") from None
    except OSError as error:
        raise SourceFileError(source_path, f"cannot be read ({error.strerror})") from None
