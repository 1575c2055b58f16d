import codecs
import hashlib

import pytest

from ingest.errors import SourceFileError
from ingest.read import decode, read_text_file

TEXT = "Line one – “quoted”\nLine two é\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_recognises_encodings_and_drops_bom(data, encoding):
    assert decode(data) == (TEXT, encoding)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_decode_normalises_line_endings(newline):
    text, _ = decode(f"a{newline}b{newline}".encode())
    assert text == "a\nb\n"


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary content (a PDF file)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content (a PNG image)"),
        (b"abc\x00def", "binary content (NUL bytes)"),
        (b"caf\x81 \x8d", "not UTF-8, UTF-16 or cp1252 text"),
    ],
)
def test_decode_rejects_what_is_not_text(data, problem):
    with pytest.raises(SourceFileError) as error:
        decode(data, "articles/x.txt")
    assert str(error.value).startswith("articles/x.txt: " + problem)
    assert "\n" not in str(error.value)


def test_read_text_file_keeps_source_facts(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Hello\r\n")
    source = read_text_file(path, "sources/articles/a.txt")
    assert (source.text, source.format, source.encoding, source.source_path) == ("Hello\n", "txt", "utf-8-sig", "sources/articles/a.txt")
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
