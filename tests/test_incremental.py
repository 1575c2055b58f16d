"""Incremental builds, `archive add` and the parallel build give the same rows as a full serial build."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.build import add, build
from ingest.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus.py"
# Contract tables and the helper tables, with the columns that must match (autoincrement ids of
# `removed` and `problems` depend on insertion order and are left out).
TABLES = {
    "affiliations": "*", "publishers": "*", "speakers": "*", "documents": "*", "passages": "*",
    "removed": 'document_id, start, "end", text, reason', "problems": "source_path, severity, problem",
    "passage_facets": "document_id, kind, publisher_id, affiliation_id, published, year, speaker_id",
    "facet_counts": "*", "build_lines": "*", "build_publishers": "*",
    "statements": "*", "figures": "*", "mentions": "passage_id, actor_id, surface, name", "actors": "*",
    "reuse_clusters": "*",
}


def make_corpus(folder: Path, articles: int, seed: int, publishers: int = 3) -> Path:
    subprocess.run([sys.executable, str(CORPUS), "--articles", str(articles), "--out", str(folder),
                    "--seed", str(seed), "--publishers", str(publishers)], check=True, capture_output=True)
    return folder


def contents(db_path: Path) -> dict:
    conn = sqlite3.connect(db_path)
    try:
        data = {table: sorted(map(repr, conn.execute(f"SELECT {columns} FROM {table}"))) for table, columns in TABLES.items()}
        data["fts tribunal"] = sorted(row[0] for row in conn.execute(
            "SELECT passages.id FROM passages_fts JOIN passages ON passages.rowid = passages_fts.rowid WHERE passages_fts MATCH 'tribunal'"))
        data["statements fts tribunal"] = sorted(row[0] for row in conn.execute(
            "SELECT statements.id FROM statements_fts JOIN statements ON statements.rowid = statements_fts.rowid WHERE statements_fts MATCH 'tribunal'"))
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO statements_fts(statements_fts) VALUES ('integrity-check')")
        return data
    finally:
        conn.close()


def assert_same(a: Path, b: Path) -> None:
    first, second = contents(a), contents(b)
    for table in first:
        assert first[table] == second[table], table


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path / "sources", 40, seed=3)


def quiet(_line):
    pass


def test_parallel_build_equals_serial(corpus, tmp_path):
    serial = build(corpus, tmp_path / "serial.db", log=quiet, workers=1, full=True)
    parallel = build(corpus, tmp_path / "parallel.db", log=quiet, workers=2, full=True)
    assert (serial.documents, serial.passages) == (parallel.documents, parallel.passages)
    assert serial.passages > 300
    assert_same(tmp_path / "serial.db", tmp_path / "parallel.db")


def test_unchanged_sources_redo_nothing(corpus, tmp_path):
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    lines = []
    build(corpus, db_path, log=lines.append)
    assert "incremental: 0 changed, 0 deleted, 0 files redone" in lines


def test_touched_but_identical_file_is_unchanged(corpus, tmp_path):
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    path = sorted((corpus / "articles").rglob("*.txt"))[0]
    path.write_bytes(path.read_bytes())  # new mtime, same sha256
    lines = []
    build(corpus, db_path, log=lines.append)
    assert "incremental: 0 changed, 0 deleted, 0 files redone" in lines


def test_incremental_edits_equal_full_build(corpus, tmp_path):
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    files = sorted((corpus / "articles").rglob("*.txt"))
    with open(files[2], "a", encoding="utf-8") as out:
        out.write("A new closing paragraph about the tribunal, added later.\n")
    # a file deleted with its manifest entry
    files[5].unlink()
    manifest = (corpus / "manifest.yml").read_text(encoding="utf-8").split("\n- file: ")
    name = files[5].relative_to(corpus / "articles").as_posix()
    (corpus / "manifest.yml").write_text("\n- file: ".join(p for p in manifest if not p.startswith(name)), encoding="utf-8")
    # an entry that changes publisher: its rows change although its bytes did not
    text = (corpus / "manifest.yml").read_text(encoding="utf-8")
    name = files[7].relative_to(corpus / "articles").as_posix()
    head, tail = text.split(f"- file: {name}\n", 1)
    entry, rest = tail.split("\n- file: ", 1)
    entry = "\n".join("  publisher: synthetic-outlet-003" if line.startswith("  publisher:") else line for line in entry.split("\n"))
    (corpus / "manifest.yml").write_text(f"{head}- file: {name}\n{entry}\n- file: {rest}", encoding="utf-8")
    lines = []
    report = build(corpus, db_path, log=lines.append)
    assert any(line.startswith("incremental: 2 changed, 1 deleted") for line in lines), lines
    full = build(corpus, tmp_path / "full.db", log=quiet, full=True)
    assert (report.documents, report.passages) == (full.documents, full.passages)
    assert_same(db_path, tmp_path / "full.db")


def test_archive_add_equals_full_build(corpus, tmp_path):
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    extra = make_corpus(tmp_path / "extra", 6, seed=9)
    new_files = []
    for number, path in enumerate(sorted((extra / "articles").rglob("*.txt"))):
        target = tmp_path / f"added-{number}.txt"
        shutil.copyfile(path, target)
        new_files.append(str(target))
    result = CliRunner().invoke(cli, ["add", *new_files, "--publisher", "synthetic-outlet-001",
                                      "--sources", str(corpus), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "46 documents" in result.output
    for number in range(6):
        assert (corpus / "articles" / f"added-{number}.txt").exists()
    conn = sqlite3.connect(db_path)
    published, publisher = conn.execute(
        "SELECT published, publisher_id FROM documents WHERE source_path LIKE '%added-0.txt'").fetchone()
    conn.close()
    assert (published, publisher) == (None, "synthetic-outlet-001")  # no date invented
    build(corpus, tmp_path / "full.db", log=quiet, full=True)
    assert_same(db_path, tmp_path / "full.db")


def test_add_refuses_a_file_already_there(corpus, tmp_path):
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    existing = sorted((corpus / "articles").rglob("*.txt"))[0]
    copy = tmp_path / existing.name
    shutil.copyfile(existing, copy)
    (corpus / "articles" / existing.name).write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(copy), "--sources", str(corpus), "--db", str(db_path)])
    assert result.exit_code != 0
    assert "already in the archive" in result.output


def test_add_refuses_an_unknown_publisher(corpus, tmp_path):
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    new = tmp_path / "new.txt"
    new.write_text("A heading\n\nA paragraph of text about the tribunal.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(new), "--publisher", "nobody", "--sources", str(corpus), "--db", str(db_path)])
    assert result.exit_code != 0
    assert "'nobody'" in result.output
    assert not (corpus / "articles" / "new.txt").exists()


def test_seeds_build_the_same_serial_and_parallel(tmp_path):
    build(ROOT / "sources", tmp_path / "a.db", log=quiet, workers=1, full=True)
    build(ROOT / "sources", tmp_path / "b.db", log=quiet, workers=2, full=True)
    assert_same(tmp_path / "a.db", tmp_path / "b.db")


def test_an_added_copy_of_an_old_document_joins_its_reuse_clusters_as_a_full_build_would(corpus, tmp_path):
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    old = sorted((corpus / "articles").rglob("*.txt"))[4]
    copy = tmp_path / "copied.txt"
    copy.write_text("An outlet reprints a report.\n\n" + old.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(copy), "--publisher", "synthetic-outlet-002",
                                      "--sources", str(corpus), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "sketched again" not in result.output  # the stored LSH index was updated, not rebuilt
    conn = sqlite3.connect(db_path)
    clustered = conn.execute(
        "SELECT count(*) FROM passages JOIN documents ON documents.id = passages.document_id "
        "WHERE documents.source_path LIKE '%copied.txt' AND passages.reuse_cluster_id IS NOT NULL").fetchone()[0]
    conn.close()
    assert clustered > 0
    build(corpus, tmp_path / "full.db", log=quiet, full=True)
    assert_same(db_path, tmp_path / "full.db")


def test_an_archive_built_under_another_rules_version_is_rebuilt_in_full(corpus, tmp_path):
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE build_info SET value = 'rules 0, schema 0' WHERE key = 'version'")
    conn.commit()
    conn.close()
    lines = []
    build(corpus, db_path, log=lines.append)
    assert any("full rebuild" in line for line in lines), lines
    build(corpus, tmp_path / "full.db", log=quiet, full=True)
    assert_same(db_path, tmp_path / "full.db")
    lines = []
    build(corpus, db_path, log=lines.append)
    assert any(line.startswith("incremental: 0 changed") for line in lines), lines


def test_an_add_that_changes_large_buckets_and_common_shingles_equals_a_full_build(corpus, tmp_path, monkeypatch):
    """With tiny limits every add touches buckets over MAX_BUCKET and shingles crossing the
    common threshold: the update re-pairs the passages concerned, and still equals a full build."""
    from ingest import reuse
    from ingest.build import Progress, add

    monkeypatch.setattr(reuse, "MAX_BUCKET", 3)
    monkeypatch.setattr(reuse, "NEIGHBOURS", 2)
    monkeypatch.setattr(reuse, "COMMON_MIN", 4)
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet, workers=1)
    extra = make_corpus(tmp_path / "extra", 4, seed=5)
    new_files = []
    for number, path in enumerate(sorted((extra / "articles").rglob("*.txt"))):
        target = tmp_path / f"more-{number}.txt"
        shutil.copyfile(path, target)
        new_files.append(target)
    old = sorted((corpus / "articles").rglob("*.txt"))[7]
    (tmp_path / "copy.txt").write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    new_files.append(tmp_path / "copy.txt")
    lines = []
    add(corpus, db_path, new_files, publisher="synthetic-outlet-001", log=lines.append, workers=1,
        progress=Progress(lines.append, bar=False))
    assert not any("sketched again" in line for line in lines), lines
    build(corpus, tmp_path / "full.db", log=quiet, full=True, workers=1)
    assert_same(db_path, tmp_path / "full.db")


# ---------------------------------------------------------------- repeated lines per site (issue 12, section 2)

SHARED = "Witness statements gathered by volunteers"


def unattributed_article(n: int) -> str:
    return (f"Families remember the summer of {1980 + n}\n\n"
            f"A mother described the prison visits that stopped without warning in the year {1980 + n}.\n\n"
            f"{SHARED}\n\n"
            f"The letters she wrote were never answered, and number {n} of them is kept by her son.\n")


def page(n: int, domain: str) -> str:
    return (f"<html><head><title>Report {n}</title>"
            f'<link rel="canonical" href="https://{domain}/reports/{n}"></head><body><article>'
            f"<h1>Report {n}</h1>"
            f"<p>A mother described the prison visits that stopped without warning in the year {1980 + n}, "
            f"and how the family learned the news only months later.</p>"
            f"<p>{SHARED}</p>"
            f"<p>The letters she wrote were never answered, and number {n} of them is kept by her son, "
            f"who reads them aloud every summer.</p></article></body></html>")


def shared_line_rows(db_path: Path) -> tuple[int, list[str]]:
    """(passages holding the shared line, reasons of the removed spans holding it)."""
    conn = sqlite3.connect(db_path)
    try:
        kept = conn.execute("SELECT count(*) FROM passages WHERE text LIKE ?", (f"%{SHARED}%",)).fetchone()[0]
        reasons = [row[0] for row in conn.execute("SELECT reason FROM removed WHERE text LIKE ?", (f"%{SHARED}%",))]
        return kept, reasons
    finally:
        conn.close()


def test_unrelated_unattributed_files_keep_a_line_they_share(tmp_path):
    from .robust_corpus import write_corpus

    sources = write_corpus(tmp_path, {f"loose-{n}.txt": unattributed_article(n) for n in range(4)}, manifest=[])
    build(sources, tmp_path / "archive.db", log=quiet, workers=1)
    assert shared_line_rows(tmp_path / "archive.db") == (4, [])


def test_files_of_one_unlisted_domain_drop_a_line_they_share_with_its_reason(tmp_path):
    from .robust_corpus import write_corpus

    pages = {f"page-{n}.html": page(n, "unlisted.example") for n in range(3)}
    pages.update({f"other-{n}.html": page(10 + n, f"site{n}.example") for n in range(2)})
    sources = write_corpus(tmp_path, pages, manifest=[])
    build(sources, tmp_path / "archive.db", log=quiet, workers=1)
    kept, reasons = shared_line_rows(tmp_path / "archive.db")
    assert reasons == ["repeated in 3 of the publisher's documents"] * 3
    assert kept == 2  # the two pages of other sites keep it


def test_files_given_a_url_but_no_publisher_count_lines_by_its_domain(tmp_path):
    from .robust_corpus import write_corpus

    names = [f"entry-{n}.txt" for n in range(3)]
    sources = write_corpus(tmp_path, {name: unattributed_article(n) for n, name in enumerate(names)}, manifest=[])
    (sources / "manifest.yml").write_text("".join(
        f"- file: {name}\n  publisher: null\n  url: https://unlisted.example/{n}\n" for n, name in enumerate(names)),
        encoding="utf-8")
    build(sources, tmp_path / "archive.db", log=quiet, workers=1)
    kept, reasons = shared_line_rows(tmp_path / "archive.db")
    assert (kept, reasons) == (0, ["repeated in 3 of the publisher's documents"] * 3)
    conn = sqlite3.connect(tmp_path / "archive.db")
    assert {row[0] for row in conn.execute("SELECT publisher_id FROM documents")} == {"unknown:unlisted.example"}
    conn.close()


def test_adding_unattributed_files_redoes_no_other_and_equals_a_full_build(tmp_path):
    from .robust_corpus import write_corpus

    sources = write_corpus(tmp_path, {f"loose-{n}.txt": unattributed_article(n) for n in range(2)}, manifest=[])
    db_path = tmp_path / "archive.db"
    build(sources, db_path, log=quiet, workers=1)
    extra = tmp_path / "loose-9.txt"
    extra.write_text(unattributed_article(9), encoding="utf-8")
    lines = []
    add(sources, db_path, [extra], log=lines.append, workers=1)
    assert "incremental: 1 changed, 0 deleted, 1 files redone" in lines
    assert shared_line_rows(db_path) == (3, [])
    build(sources, tmp_path / "full.db", log=quiet, full=True, workers=1)
    assert_same(db_path, tmp_path / "full.db")


def test_an_archive_that_pooled_unattributed_files_is_rebuilt_in_full(tmp_path):
    from .robust_corpus import write_corpus

    sources = write_corpus(tmp_path, {f"loose-{n}.txt": unattributed_article(n) for n in range(3)}, manifest=[])
    db_path = tmp_path / "archive.db"
    build(sources, db_path, log=quiet, workers=1)
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO build_publishers VALUES ('unknown', 3)")  # what older rules stored
    conn.commit()
    conn.close()
    lines = []
    build(sources, db_path, log=lines.append, workers=1)
    assert any("older rules" in line and "full rebuild" in line for line in lines), lines


def file_state(path: Path) -> tuple:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, path.read_bytes()


def test_nothing_changed_writes_nothing_and_an_update_renames_a_new_file_into_place(corpus, tmp_path):
    from ingest.build import hold_serving_lock

    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    before = file_state(db_path)
    build(corpus, db_path, log=quiet)
    assert file_state(db_path) == before  # not even the file's time
    # a manifest whose text changed but not its entries: remembered, in place (no server runs)
    with open(corpus / "manifest.yml", "a", encoding="utf-8") as out:
        out.write("# a comment\n")
    lines = []
    build(corpus, db_path, log=lines.append)
    assert "incremental: 0 changed, 0 deleted, 0 files redone" in lines
    assert db_path.stat().st_ino == before[0] and file_state(db_path) != before
    again = file_state(db_path)
    build(corpus, db_path, log=quiet)
    assert file_state(db_path) == again
    # a changed file while `archive serve` holds the serving lock: a new inode, the old one
    # never written (the server reads it immutable, whole)
    held = open(db_path, "rb")
    serving = hold_serving_lock(db_path)
    try:
        path = sorted((corpus / "articles").rglob("*.txt"))[3]
        with open(path, "a", encoding="utf-8") as out:
            out.write("One more line about the tribunal.\n")
        build(corpus, db_path, log=quiet)
        assert db_path.stat().st_ino != again[0]
        assert held.read() == again[2]
    finally:
        held.close()
        os.close(serving)
    # the same without a server: in place, the same inode
    inode = db_path.stat().st_ino
    with open(path, "a", encoding="utf-8") as out:
        out.write("Another line about the tribunal.\n")
    build(corpus, db_path, log=quiet)
    assert db_path.stat().st_ino == inode
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith((".tmp", "-journal"))]


def test_a_marker_left_by_an_update_killed_in_place_makes_the_archive_stale(corpus, tmp_path):
    """An update killed in place leaves its marker (and maybe a journal a reader already rolled
    back, bumping the file's time): `archive serve` still builds, and so recovers, first."""
    from ingest.build import is_stale, updating_marker

    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    assert not is_stale(corpus, db_path)
    updating_marker(db_path).write_bytes(b"")
    assert is_stale(corpus, db_path)
    build(corpus, db_path, log=quiet)
    assert not updating_marker(db_path).exists() and not is_stale(corpus, db_path)


FIRST = ("The harbour commission voted on Tuesday to close the northern quay for repairs that engineers "
         "say will take most of the coming winter and cost far more than planned.")
SECOND = ("Residents of the valley gathered outside the town hall to demand that the regional council "
          "publish every report it holds on the quality of water drawn from the old reservoir.")


def clusters_of(db_path: Path, passage_text: str) -> set:
    conn = sqlite3.connect(db_path)
    try:
        return {row[0] for row in conn.execute(
            "SELECT reuse_cluster_id FROM passages WHERE text LIKE ? AND reuse_cluster_id IS NOT NULL", (f"%{passage_text[:40]}%",))}
    finally:
        conn.close()


def test_an_added_document_that_joins_two_clusters_merges_them_and_deleting_it_splits_them(corpus, tmp_path):
    # two clusters of two documents each, one around each paragraph
    for number, paragraph in enumerate((FIRST, FIRST, SECOND, SECOND)):
        (corpus / "articles" / f"quoted-{number}.txt").write_text(
            f"Report number {number}\n\nAn opening line of report {number}.\n\n{paragraph}\n", encoding="utf-8")
    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)
    first, second = clusters_of(db_path, FIRST), clusters_of(db_path, SECOND)
    assert len(first) == 1 and len(second) == 1 and first != second
    joined = tmp_path / "joined.txt"  # one paragraph that holds both: a pair with each cluster
    joined.write_text(f"A digest\n\n{FIRST} {SECOND}\n", encoding="utf-8")
    copy = tmp_path / "copy.txt"  # and a copy of an old document, which joins its cluster
    copy.write_text((corpus / "articles" / "quoted-0.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(joined), str(copy), "--publisher", "synthetic-outlet-002",
                                      "--sources", str(corpus), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "sketched again" not in result.output
    merged = clusters_of(db_path, FIRST) | clusters_of(db_path, SECOND)
    assert len(merged) == 1
    build(corpus, tmp_path / "full.db", log=quiet, full=True)
    assert_same(db_path, tmp_path / "full.db")
    # the joining paragraph taken out: the two clusters are apart again
    (corpus / "articles" / "joined.txt").write_text(f"A digest\n\n{FIRST}\n", encoding="utf-8")
    build(corpus, db_path, log=quiet)
    assert len(clusters_of(db_path, FIRST)) == 1 and clusters_of(db_path, FIRST) != clusters_of(db_path, SECOND)
    (tmp_path / "full.db").unlink()
    build(corpus, tmp_path / "full.db", log=quiet, full=True)
    assert_same(db_path, tmp_path / "full.db")


def test_adds_store_the_manifest_in_parts_that_read_back_as_the_parsed_manifest(corpus, tmp_path, monkeypatch):
    import hashlib

    from ingest import incremental
    from ingest.registry import load_registries, strip_lines

    db_path = tmp_path / "archive.db"
    build(corpus, db_path, log=quiet)

    def parts():
        conn = sqlite3.connect(db_path)
        try:
            return sorted(row[0] for row in conn.execute("SELECT key FROM build_info WHERE key LIKE 'manifest%'"))
        finally:
            conn.close()

    def cached_equals_parsed():
        sha = hashlib.sha256((corpus / "manifest.yml").read_bytes()).hexdigest()
        cached = incremental.cached_manifest(db_path, sha)
        assert cached is not None
        assert strip_lines(cached) == strip_lines(load_registries(corpus).manifest)
        assert list(cached) == list(load_registries(corpus).manifest)

    monkeypatch.setattr(incremental, "MAX_MANIFEST_PARTS", 2)
    expected = [["manifest", "manifest+1", "manifest_sha256"], ["manifest", "manifest+1", "manifest+2", "manifest_sha256"],
                ["manifest", "manifest_sha256"], ["manifest", "manifest+1", "manifest_sha256"]]
    for number in range(4):  # two parts at most: the third add stores the manifest whole again
        new = tmp_path / f"new-{number}.txt"
        new.write_text(f"Heading {number}\n\nA paragraph about the tribunal, number {number}.\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["add", str(new), "--publisher", "synthetic-outlet-002",
                                          "--sources", str(corpus), "--db", str(db_path)])
        assert result.exit_code == 0, result.output
        cached_equals_parsed()
        assert parts() == expected[number]
    # a manifest edited by hand: the update stores it whole, without the parts
    text = (corpus / "manifest.yml").read_text(encoding="utf-8")
    (corpus / "manifest.yml").write_text(text.replace("number 3", "number three") + "\n", encoding="utf-8")
    build(corpus, db_path, log=quiet)
    assert parts() == ["manifest", "manifest_sha256"]
    cached_equals_parsed()
    build(corpus, tmp_path / "full.db", log=quiet, full=True)
    assert_same(db_path, tmp_path / "full.db")
