import codecs
import hashlib
import os
from pathlib import Path

import pytest

from ingest.errors import SourceFileError
from ingest.read import (FOLDER_NOT_UTF8, NAME_NOT_UTF8, decode, is_utf8_name, list_article_paths, name_problem,
                         printable_path, read_text_file)

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


# --- listing the files to read: names that are not UTF-8 -----------------------------------


def make_tree(root, names):
    """Files (and folders, ending in /) named by bytes, so names that are not UTF-8 can be made."""
    root_bytes = os.fsencode(root)
    for name in names:
        path = os.path.join(root_bytes, name)
        if name.endswith(b"/"):
            os.makedirs(path, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(b"Some text.\n")


def test_names_that_are_not_utf8_are_skipped_one_line_each(tmp_path):
    make_tree(tmp_path, [b"a.txt", b"caf\xe9.txt", "café.txt".encode(), b".hidden.txt", b"d\xe9j\xe0/x.txt", b"d\xe9j\xe0/y.txt", b"sub/z.txt"])
    paths, skipped = list_article_paths(tmp_path)
    root = str(tmp_path) + os.sep
    assert [p[len(root):] for p in paths] == ["a.txt", "café.txt", "sub/z.txt"]
    shown = [(printable_path(p[len(root):]), problem) for p, problem in skipped]
    assert shown == [("caf\\xe9.txt", NAME_NOT_UTF8), ("d\\xe9j\\xe0", FOLDER_NOT_UTF8)]
    for path, problem in skipped:
        line = f"skipped {printable_path(path)}: {problem}"
        assert "\n" not in line
        line.encode("utf-8")  # can be printed and stored
    # the skipped file itself can still be read by its OS name
    assert read_text_file(Path(skipped[0][0]), printable_path(skipped[0][0])).text == "Some text.\n"


def test_listing_of_ordinary_names(tmp_path):
    make_tree(tmp_path, [b"b.txt", b"a/c.html", b"a/.git/x", b"a b/d.txt", b"z.warc.gz", b".h", b"a-b/e.txt"])
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)
    paths, skipped = list_article_paths(tmp_path)
    root = str(tmp_path) + os.sep
    # hidden files and folders left out, a link to a folder listed and not followed, sorted by path parts
    assert [p[len(root):] for p in paths] == ["a/c.html", "a b/d.txt", "a-b/e.txt", "b.txt", "link", "z.warc.gz"]
    assert skipped == []


def test_missing_folder_lists_nothing(tmp_path):
    assert list_article_paths(tmp_path / "nope") == ([], [])


@pytest.mark.parametrize(
    "name, shown",
    [
        ("plain.txt", "plain.txt"),
        ("café.txt", "café.txt"),
        (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"),
        ("two\nlines.txt", "two\\nlines.txt"),
        ("esc\x1b[31m.txt", "esc\\x1b[31m.txt"),
    ],
)
def test_printable_path(name, shown):
    assert printable_path(name) == shown
    assert is_utf8_name(name) == ("\\xe9" not in shown)


def test_name_problem(tmp_path):
    make_tree(tmp_path, [b"ok.txt", b"caf\xe9.txt", b"d\xe9j\xe0/x.txt"])
    assert name_problem(tmp_path / "ok.txt") is None
    assert name_problem(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"))) == NAME_NOT_UTF8
    assert name_problem(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"d\xe9j\xe0"))) == FOLDER_NOT_UTF8
