"""Read a source file's bytes and decode them to text, line endings normalised to \\n.

Also lists the files to read (``list_article_paths``): a file or folder whose name is not
valid UTF-8 cannot be stored or shown under its name, so it is skipped with one line naming it
(``printable_path`` shows its bytes as ``\\xe9``), never a traceback.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import unicodedata
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
NAME_NOT_UTF8 = "file name is not valid UTF-8: skipped (rename the file, e.g. with convmv)"
FOLDER_NOT_UTF8 = "folder name is not valid UTF-8: skipped with everything in it (rename it, e.g. with convmv)"


def is_utf8_name(name: str) -> bool:
    """Whether a name as the OS gave it (undecodable bytes as surrogates) is valid UTF-8."""
    try:
        os.fsencode(name).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def printable_path(path: str) -> str:
    """``path`` fit for one line of text and a database: bytes that are not UTF-8 as ``\\xe9``,
    control characters (a newline in a name) and bidi embeddings escaped. Joiners stay as written:
    a Persian name keeps its zero-width non-joiner (``می‌گویند.txt``)."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(repr(c)[1:-1] if unsafe_in_name(c) else c for c in text)


def unsafe_in_name(c: str) -> bool:
    return unicodedata.category(c) in ("Cc", "Zl", "Zp", "Cs") or c in BIDI_CONTROLS


BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def name_problem(path) -> str | None:
    """Why a listed path cannot be archived under its name (not valid UTF-8), or None.

    For the entries ``list_article_paths`` skips: call it before reading a file, and raise
    ``SourceFileError(printable_path(source_path), problem)`` when it answers.
    """
    if is_utf8_name(str(path)):
        return None
    return FOLDER_NOT_UTF8 if os.path.isdir(path) else NAME_NOT_UTF8


def list_article_paths(articles) -> tuple[list[str], list[tuple[str, str]]]:
    """``(paths, skipped)``: every file under ``articles`` as a path string, and the names skipped.

    ``paths``: hidden files and folders left out, symbolic links to folders listed as files and
    not followed, sorted by path parts, minus the ones
    whose name or folder name is not valid UTF-8. ``skipped`` holds ``(path, problem)`` for
    each of those: the path as the OS gave it (use ``printable_path`` on it, or on the source
    path made from it, before showing or storing it), one per file and one per folder, whose
    contents are not listed.
    """
    articles = str(articles)
    if not os.path.isdir(articles):
        return [], []
    found: list[str] = []
    skipped: list[tuple[str, str]] = []
    for folder, directories, names in os.walk(articles, followlinks=False):
        directories[:] = [d for d in directories if not d.startswith(".")]
        for name in directories:
            if not is_utf8_name(name):
                skipped.append((os.path.join(folder, name), FOLDER_NOT_UTF8))
        directories[:] = [d for d in directories if is_utf8_name(d)]
        # symbolic links to folders are listed as files, as rglob did not follow them either
        links = [d for d in directories if os.path.islink(os.path.join(folder, d))]
        directories[:] = [d for d in directories if d not in links]
        for name in [n for n in names if not n.startswith(".")] + links:
            if is_utf8_name(name):
                found.append(os.path.join(folder, name))
            else:
                skipped.append((os.path.join(folder, name), NAME_NOT_UTF8))
    found.sort(key=lambda path: path.split(os.sep))
    skipped.sort(key=lambda item: os.fsencode(item[0]).split(os.fsencode(os.sep)))
    return found, skipped


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
