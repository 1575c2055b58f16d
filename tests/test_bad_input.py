"""Broken and hostile source files: each is skipped with a one-line problem naming it, the rest
is built, and the `problems` table lists it; registry faults stop the build and keep the old DB."""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from ingest.build import build
from ingest.errors import ArchiveError
from .robust_corpus import article, counts, problems, run_cli, snapshot, write_corpus

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, b"".join(b"&lol%s;" % (b"" if i == 2 else str(i - 1).encode()) for _ in range(10)))
        for i in range(2, 10)
    )
    + b"]>\n<html><body><p>&lol9;</p></body></html>\n"
)
DEEP = b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>"
SCRIPTS_ONLY = b"<html><head><style>p{color:red}</style><script>var a=1;</script></head><body><script>document.write('x')</script><!-- nothing --></body></html>"


def truncated_warc_gz() -> bytes:
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://outlet.example/a\r\n"
        b"Content-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hello</p>\r\n\r\n\r\n"
    )
    data = b"".join(gzip.compress(record * 20) for _ in range(3))
    return data[: len(data) - 40]


def fifty_megabytes() -> bytes:
    paragraph = ("The commission met in secret and sent prisoners to their deaths. " * 15 + "\n\n").encode()
    return paragraph * (50_000_000 // len(paragraph) + 1)


# name -> (bytes, what the problem must say; None: any reason, the reader for the type decides)
BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "blank-utf16.txt": ("   \n\t\n".encode("utf-16"), "empty file"),
    "report.txt": (PDF, "binary content (a PDF file)"),
    "photo.txt": (PNG, "binary content (a PNG image)"),
    "photo.html": (PNG, None),
    "garbled.txt": (b"Executions\n\nca\x81\x8d\x90 \xe9t\xe9 \x9d", "not UTF-8, UTF-16 or cp1252 text"),
    "huge.txt": (None, "too large"),
    "deep.html": (DEEP, None),
    "scripts-only.html": (SCRIPTS_ONLY, None),
    "bomb.html": (BOMB, None),
    "capture.warc.gz": (truncated_warc_gz(), None),
}
CP1252_TEXT = "Café “quoted” — a dash\n\nThe naïve reader’s second paragraph, with œ and €.\n"
UTF16_TEXT = "Массовые казни 1988 года\n\nاعدام‌های ۱۳۶۷ — a second paragraph.\n"
GOOD_FILES = {
    "good one.txt": article(1988).encode(),
    "مقاله ۱۳۶۷.txt": article(1367).encode(),
    "статья 1988.txt": article(1989).encode(),
    "sub folder/deeper.txt": article(1990).encode(),
    "windows.txt": CP1252_TEXT.replace("\n", "\r\n").encode("cp1252"),
    "utf16.txt": UTF16_TEXT.encode("utf-16"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    outside = root / "outside-secret.txt"
    outside.write_text("a secret outside sources/\n")
    files = {name: data for name, data in GOOD_FILES.items()}
    files.update({name: data for name, (data, _) in BAD_FILES.items() if data is not None})
    files["unlisted.txt"] = article(2001).encode()
    sources = write_corpus(root, files, manifest=[{"file": name} for name in GOOD_FILES])
    (sources / "articles" / "huge.txt").write_bytes(fifty_megabytes())
    (sources / "articles" / "escape.txt").symlink_to(outside)
    (sources / "articles" / "dangling.txt").symlink_to(sources / "articles" / "gone.txt")
    db = root / "db" / "archive.db"
    lines = []
    report = build(sources, db, log=lines.append)
    return sources, db, report, lines


def path_of(name: str) -> str:
    return f"sources/articles/{name}"


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_skipped_with_its_reason(corpus, name):
    _, db, _, lines = corpus
    severity, problem = problems(db)[path_of(name)]
    assert severity == "error"
    expected = BAD_FILES[name][1]
    if expected:
        assert expected in problem
    assert "\n" not in problem
    logged = [line for line in lines if path_of(name) in line]
    assert len(logged) == 1 and logged[0].startswith(f"skipped {path_of(name)}: ")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("escape.txt", "a symbolic link pointing outside sources/articles/"),
        ("dangling.txt", "no such file"),
    ],
)
def test_links_are_skipped(corpus, name, expected):
    _, db, _, _ = corpus
    severity, problem = problems(db)[path_of(name)]
    assert severity == "error" and expected in problem


def test_nothing_of_the_outside_file_is_archived(corpus):
    _, db, _, _ = corpus
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from documents where text like '%secret outside%'").fetchone() == (0,)


def documents(db: Path) -> dict[str, dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return {row["source_path"]: dict(row) for row in conn.execute("select * from documents")}


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_good_files_beside_bad_ones_are_built(corpus, name):
    _, db, _, _ = corpus
    document = documents(db)[path_of(name)]
    assert document["publisher_id"] == "outlet"
    assert document["published"] == "2020-09-01"
    conn = sqlite3.connect(db)
    (passages,) = conn.execute("select count(*) from passages where document_id = ?", (document["id"],)).fetchone()
    assert passages >= 2


@pytest.mark.parametrize(
    "name, encoding, text",
    [
        ("windows.txt", "cp1252", CP1252_TEXT),  # invalid UTF-8, valid cp1252: read as cp1252, not garbled
        ("utf16.txt", "utf-16", UTF16_TEXT),
        ("مقاله ۱۳۶۷.txt", "utf-8", article(1367)),
    ],
)
def test_encodings_are_read_without_garbling(corpus, name, encoding, text):
    _, db, _, _ = corpus
    document = documents(db)[path_of(name)]
    assert (document["encoding"], document["text"]) == (encoding, text)


def test_a_file_without_manifest_entry_is_archived_with_a_warning(corpus):
    _, db, _, _ = corpus
    document = documents(db)[path_of("unlisted.txt")]
    assert document["publisher_id"] == "unknown"
    assert document["published"] is None
    assert document["published_basis"].startswith("unknown")
    severity, problem = problems(db)[path_of("unlisted.txt")]
    assert severity == "warning" and "no manifest entry" in problem
    conn = sqlite3.connect(db)
    assert conn.execute("select name from publishers where id = 'unknown'").fetchone()[0].startswith("Unknown")


def test_problems_lists_every_skipped_file_and_nothing_else(corpus):
    _, db, report, _ = corpus
    listed = problems(db)
    expected = {path_of(name) for name in BAD_FILES} | {path_of("escape.txt"), path_of("dangling.txt"), path_of("unlisted.txt")}
    assert set(listed) == expected
    assert report.documents == len(GOOD_FILES) + 1


def test_cli_reports_skipped_files_in_one_line_each_without_traceback(tmp_path):
    sources = write_corpus(tmp_path, {"ok.txt": article(1), "empty.txt": b"", "bomb.html": BOMB, "photo.txt": PNG},
                           manifest=[{"file": "ok.txt"}])
    result = run_cli("build", "--sources", str(sources), "--db", str(tmp_path / "db" / "archive.db"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert sorted(line.split(":")[0] for line in skipped) == [
        "skipped sources/articles/bomb.html", "skipped sources/articles/empty.txt", "skipped sources/articles/photo.txt",
    ]
    assert "1 documents" in result.stdout and "3 files skipped, 0 warnings" in result.stdout


def unreadable_prefix() -> list[str]:
    """As root, permissions do not stop reads: drop the capabilities that override them."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root, which reads a chmod 000 file, and setpriv is missing to drop that power")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_unreadable_file_is_skipped(tmp_path):
    prefix = unreadable_prefix()
    sources = write_corpus(tmp_path, {"ok.txt": article(1), "locked.txt": article(2)})
    (sources / "articles" / "locked.txt").chmod(0)
    db = tmp_path / "db" / "archive.db"
    result = run_cli("build", "--sources", str(sources), "--db", str(db), prefix=prefix)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "skipped sources/articles/locked.txt: not readable (permission denied)" in result.stderr.splitlines()
    assert problems(db) == {"sources/articles/locked.txt": ("error", "not readable (permission denied)")}
    assert counts(db)["documents"] == 1


# --- registry and manifest faults: nothing is written ------------------------------------------

GOOD_MANIFEST = (
    '- file: "a.txt"\n  publisher: outlet\n  published: "2020-09-01"\n  published_basis: the dateline\n'
    '- file: "b.txt"\n  publisher: outlet\n  published: "2020"\n  published_basis: the dateline\n'
)
# (case, file, new content, what the one-line error must contain)
REGISTRY_FAULTS = [
    ("missing file", "manifest.yml", GOOD_MANIFEST + '- file: "gone.txt"\n  publisher: outlet\n',
     ["manifest.yml:9:", "entry 'gone.txt'", "field 'file'", "no such file"]),
    ("unknown publisher", "manifest.yml", GOOD_MANIFEST.replace("publisher: outlet", "publisher: nobody", 1),
     ["manifest.yml:1:", "entry 'a.txt'", "field 'publisher'", "unknown publisher id 'nobody'"]),
    ("unknown affiliation", "publishers.yml", "outlet:\n  name: The Outlet\n  affiliation: secret-service\n",
     ["publishers.yml:2:", "entry 'outlet'", "field 'affiliation'", "unknown affiliation id 'secret-service'"]),
    ("impossible date", "manifest.yml", GOOD_MANIFEST.replace('"2020"', '"2021-02-30"'),
     ["manifest.yml:5:", "entry 'b.txt'", "field 'published'", "impossible date '2021-02-30'"]),
    ("not a date", "manifest.yml", GOOD_MANIFEST.replace('"2020"', '"last spring"'),
     ["manifest.yml:5:", "field 'published'", "not an ISO 8601 date"]),
    ("duplicate manifest entry", "manifest.yml", GOOD_MANIFEST + GOOD_MANIFEST.split("- file: \"b.txt\"")[0],
     ["manifest.yml:9:", "entry 'a.txt'", "field 'file'", "duplicate entry (first at line 1)"]),
    ("duplicate publisher id", "publishers.yml", "outlet:\n  name: The Outlet\nother:\n  name: Other\noutlet:\n  name: Again\n",
     ["publishers.yml:5:", "duplicate key 'outlet' (first at line 1)"]),
    ("YAML syntax error", "manifest.yml", GOOD_MANIFEST + "- file: [unclosed\n",
     ["manifest.yml:", "YAML syntax error"]),
    ("tabs", "manifest.yml", GOOD_MANIFEST.replace("  publisher: outlet\n  published: \"2020\"", "\tpublisher: outlet\n  published: \"2020\""),
     ["manifest.yml:6:", "a tab: YAML indents with spaces only"]),
    ("path outside articles", "manifest.yml", GOOD_MANIFEST + '- file: "../publishers.yml"\n',
     ["manifest.yml:9:", "field 'file'", "relative to articles/"]),
    ("publisher is a list", "manifest.yml", GOOD_MANIFEST.replace("publisher: outlet", "publisher: [outlet]", 1),
     ["manifest.yml:1:", "field 'publisher'", "expected a publisher id"]),
    ("missing basis", "manifest.yml", GOOD_MANIFEST.replace("  published_basis: the dateline\n", "", 1),
     ["manifest.yml:1:", "field 'published_basis'", "required"]),
    ("unknown field", "manifest.yml", GOOD_MANIFEST.replace("publisher: outlet", "publisher: outlet\n  author: someone", 1),
     ["manifest.yml:1:", "field 'author'", "unknown field"]),
    ("manifest not a list", "manifest.yml", "a.txt: outlet\n", ["manifest.yml: expected a list of entries"]),
    ("not UTF-8", "manifest.yml", GOOD_MANIFEST.encode("utf-16"), ["manifest.yml: not UTF-8 text"]),
]


@pytest.fixture
def built(tmp_path):
    sources = write_corpus(tmp_path, {"a.txt": article(1), "b.txt": article(2)})
    (sources / "manifest.yml").write_text(GOOD_MANIFEST, encoding="utf-8")
    db = tmp_path / "db" / "archive.db"
    result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert counts(db)["documents"] == 2
    return sources, db


@pytest.mark.parametrize("case, name, content, expected", REGISTRY_FAULTS, ids=[case for case, *_ in REGISTRY_FAULTS])
def test_registry_fault_stops_the_build_and_keeps_the_old_database(built, case, name, content, expected):
    sources, db = built
    before = snapshot(db)
    path = sources / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}"), result.stderr
    for part in expected:
        assert part in lines[0]
    assert snapshot(db) == before
    assert [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    "args, expected",
    [
        (["build", "--sources", "{tmp}/no-such-folder"], "no such folder"),
        (["build", "--db", "{tmp}/a-file/archive.db"], "a-file"),
        (["stats", "--db", "{tmp}/missing.db"], "no such database"),
        (["build", "--no-such-option"], "No such option"),
    ],
)
def test_cli_mistakes_are_one_line_errors(tmp_path, args, expected):
    (tmp_path / "a-file").write_text("not a folder")
    result = run_cli(*(arg.format(tmp=tmp_path) for arg in args))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("Error")] != []


def test_strict_fails_on_a_skipped_file_and_keeps_the_old_database(built):
    sources, db = built
    before = snapshot(db)
    (sources / "articles" / "photo.txt").write_bytes(PNG)
    result = run_cli("build", "--strict", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Error: " in result.stderr and "--strict: 1 file problem(s), first sources/articles/photo.txt" in result.stderr
    assert snapshot(db) == before
    result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 0
    assert counts(db) == {"documents": 2, "passages": counts(db)["passages"], "problems": 1}


def test_strict_fails_on_a_file_without_manifest_entry(built):
    sources, db = built
    before = snapshot(db)
    (sources / "articles" / "new.txt").write_text(article(3))
    with pytest.raises(ArchiveError, match="--strict: 1 file problem.*new.txt \\(warning: no manifest entry"):
        build(sources, db, log=lambda line: None, strict=True)
    assert snapshot(db) == before


def test_strict_passes_a_clean_corpus(built):
    sources, db = built
    report = build(sources, db, log=lambda line: None, strict=True)
    assert report.documents == 2 and report.problems == []


def test_a_file_name_that_is_not_utf8_is_one_line_and_the_rest_is_built(tmp_path):
    sources = write_corpus(tmp_path, {"ok.txt": article(1)}, manifest=[{"file": "ok.txt"}])
    folder = os.fsencode(sources / "articles")
    with open(folder + b"/caf\xe9.txt", "wb") as bad:
        bad.write(article(2).encode("utf-8"))
    os.mkdir(folder + b"/dossier-\xe9t\xe9")
    with open(folder + b"/dossier-\xe9t\xe9/inside.txt", "wb") as inside:
        inside.write(article(3).encode("utf-8"))
    result = run_cli("build", "--sources", str(sources), "--db", str(tmp_path / "db" / "archive.db"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    named = [line for line in result.stderr.splitlines() if "\\xe9" in line]
    assert named == [
        "skipped sources/articles/caf\\xe9.txt: file name is not valid UTF-8: skipped (rename the file, e.g. with convmv)",
        "skipped sources/articles/dossier-\\xe9t\\xe9: folder name is not valid UTF-8: skipped with everything in it "
        "(rename it, e.g. with convmv)",
    ]
    db = tmp_path / "db" / "archive.db"
    assert counts(db)["documents"] == 1
    listed = problems(db)
    assert listed["sources/articles/caf\\xe9.txt"][0] == "error"
    assert listed["sources/articles/dossier-\\xe9t\\xe9"][0] == "error"
    assert len(listed) == 2


@pytest.mark.parametrize("name, content, expected", [
    ("empty.txt", b"", "empty file"),
    ("image.txt", PNG, "a PNG image"),
    ("report.pdf.txt", PDF, "a PDF file"),
    ("bomb.html", BOMB, ""),
])
def test_archive_add_refuses_a_file_the_build_would_skip_and_adds_none(tmp_path, name, content, expected):
    """`archive add` reads each file first: one the build would skip is refused in one line,
    and the good files given with it are not added either."""
    sources = write_corpus(tmp_path, {"a.txt": article(1)})
    db = tmp_path / "archive.db"
    build(sources, db, log=lambda line: None)
    before = snapshot(db), (sources / "manifest.yml").read_bytes()
    good, bad = tmp_path / "good.txt", tmp_path / name
    good.write_text(article(2), encoding="utf-8")
    bad.write_bytes(content)
    result = run_cli("add", str(good), str(bad), "--sources", str(sources), "--db", str(db))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {bad}: ") and expected in line and line.endswith("nothing was added"), line
    assert (snapshot(db), (sources / "manifest.yml").read_bytes()) == before
    assert sorted(p.name for p in (sources / "articles").iterdir()) == ["a.txt"]
