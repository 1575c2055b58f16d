"""Incremental builds, `archive add` and the parallel build give the same rows as a full serial build."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.build import build
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
