"""The archive in shards (issue 15): ``--shard-by year|publisher|N`` cuts a built archive into
shard files, each a complete archive for its documents (FTS index, facet tables, registries,
metadata); the shards add up to the archive, and ``archive merge`` writes its rows again."""

from __future__ import annotations

import collections
import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest import build, shards
from ingest.cli import cli
from ingest.errors import ArchiveError

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ["documents", "passages", "statements", "removed", "captures", "figures", "mentions", "problems"]
WHOLE = ["affiliations", "publishers", "speakers", "actors", "reuse_clusters"]
SERVED = CONTENT + WHOLE + ["passage_facets", "facet_counts"]
BUILD_STATE = ["build_sources", "build_lines", "build_publishers"]
TABLES = SERVED + BUILD_STATE


def quiet(_line):
    pass


def dump(db_path: Path, tables=TABLES) -> dict:
    """Every row of every table, with its rowid, in rowid order."""
    conn = sqlite3.connect(db_path)
    try:
        return {t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    finally:
        conn.close()


def synthetic_sources(folder: Path, articles: int = 200) -> Path:
    """The repository's sources plus ``articles`` synthetic ones (bench/corpus.py) in articles/synthetic/."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    sources = folder / "sources"
    shutil.copytree(ROOT / "sources", sources)
    made = folder / "made"
    corpus.Generator(seed=7, publishers=6, affiliations=3).write(articles, made)
    shutil.move(str(made / "articles"), str(sources / "articles" / "synthetic"))
    for name in ("publishers.yml", "affiliations.yml"):
        with open(sources / name, "a", encoding="utf-8") as out:
            out.write("\n" + (made / name).read_text(encoding="utf-8"))
    manifest = (made / "manifest.yml").read_text(encoding="utf-8").replace("- file: ", "- file: synthetic/")
    with open(sources / "manifest.yml", "a", encoding="utf-8") as out:
        out.write("\n" + manifest)
    return sources


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shards")
    sources = synthetic_sources(folder, articles=60)
    db_path = folder / "archive.db"
    build.build(sources, db_path, log=quiet, workers=2, full=True)
    return sources, db_path


def shard_files(manifest_path: Path) -> list[Path]:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return [manifest_path.parent / s["path"] for s in manifest["shards"]]


def search_count(db_path: Path, table: str, query: str) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (query,)).fetchone()[0]
    finally:
        conn.close()


def facet_counts(db_path: Path) -> collections.Counter:
    conn = sqlite3.connect(db_path)
    try:
        return collections.Counter({(c, v): n for c, v, n in conn.execute('SELECT "column", value, count FROM facet_counts')})
    finally:
        conn.close()


@pytest.mark.parametrize("shard_by", ["year", "publisher", "3"])
def test_the_shards_add_up_to_the_archive_and_merge_into_its_rows(archive, tmp_path, shard_by):
    _, original = archive
    db_path = tmp_path / "archive.db"
    shutil.copyfile(original, db_path)
    manifest = shards.write_shards(db_path, shard_by, workers=2, log=quiet)
    files = shard_files(shards.manifest_path_for(db_path))
    expected = dump(db_path)
    if shard_by == "3":
        assert len(files) == 3
    else:
        assert len(files) == len({row[0] for row in sqlite3.connect(db_path).execute(
            "SELECT coalesce(substr(published, 1, 4), '') FROM documents" if shard_by == "year"
            else "SELECT publisher_id FROM documents")}) > 1
    parts = [dump(f, SERVED) for f in files]
    for table in CONTENT + ["passage_facets"]:
        together = sorted(row for part in parts for row in part[table])
        assert together == expected[table], table  # every row once, with its rowid
    for part in parts:
        for table in WHOLE:
            assert part[table] == expected[table], table
        assert part["documents"]  # no empty shard
    assert manifest["totals"] == {t: len(expected[t]) for t in shards.COUNTED}
    # each shard searches its own rows; the counts add up (the fanned-out search's sum)
    for table, query in (("passages_fts", "prisoners"), ("statements_fts", "said OR regime")):
        whole = search_count(db_path, table, query)
        assert whole > 0 and sum(search_count(f, table, query) for f in files) == whole
    assert sum((facet_counts(f) for f in files), collections.Counter()) == facet_counts(db_path)
    merged = tmp_path / "merged.db"
    shards.merge_shards(shards.manifest_path_for(db_path), merged)
    got = dump(merged, SERVED)
    for table in SERVED:
        assert got[table] == expected[table], table
    assert search_count(merged, "passages_fts", "prisoners") == search_count(db_path, "passages_fts", "prisoners")


def test_the_cli_writes_shards_and_merges_them(archive, tmp_path):
    sources, original = archive
    db_path = tmp_path / "db" / "archive.db"
    result = CliRunner().invoke(cli, ["build", "--sources", str(sources), "--db", str(db_path), "--full",
                                      "--workers", "2", "--shard-by", "2"])
    assert result.exit_code == 0, result.output
    manifest_path = tmp_path / "db" / "archive.shards.json"
    assert len(shard_files(manifest_path)) == 2 and all(f.is_file() for f in shard_files(manifest_path))
    result = CliRunner().invoke(cli, ["merge", str(manifest_path), "--db", str(tmp_path / "merged.db")])
    assert result.exit_code == 0, result.output
    assert dump(tmp_path / "merged.db", SERVED) == dump(original, SERVED)


def test_shards_written_again_replace_the_old_ones(archive, tmp_path):
    _, original = archive
    db_path = tmp_path / "archive.db"
    shutil.copyfile(original, db_path)
    shards.write_shards(db_path, "3", workers=1, log=quiet)
    shards.write_shards(db_path, "2", workers=1, log=quiet)
    files = shard_files(shards.manifest_path_for(db_path))
    assert sorted(p.name for p in shards.shards_folder_for(db_path).iterdir()) == sorted(f.name for f in files)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("content, problem", [
    (None, "no such shards manifest"),
    ("{not json", "not a shards manifest"),
    ('{"version": 1, "shards": [{"label": "a", "path": "gone.db"}]}', "shard 'a' is missing"),
])
def test_merge_of_a_bad_manifest_is_one_line(tmp_path, content, problem):
    manifest_path = tmp_path / "archive.shards.json"
    if content is not None:
        manifest_path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["merge", str(manifest_path), "--db", str(tmp_path / "merged.db")])
    assert result.exit_code != 0 and problem in result.output and str(manifest_path) in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "merged.db").exists()


def test_a_bad_shard_by_fails_before_anything_is_built(tmp_path):
    with pytest.raises(ArchiveError, match="--shard-by 'decade'"):
        shards.parse_shard_by("decade")
    result = CliRunner().invoke(cli, ["build", "--sources", str(ROOT / "sources"), "--db", str(tmp_path / "a.db"),
                                      "--shard-by", "0"])
    assert result.exit_code != 0 and "--shard-by '0'" in result.output
    assert not (tmp_path / "a.db").exists()


def test_a_shard_by_number_copies_runs_of_rowids_and_falls_back_when_rows_are_scattered(archive, tmp_path):
    _, original = archive
    db_path = tmp_path / "archive.db"
    shutil.copyfile(original, db_path)
    # a capture of a document of the first shard moved to the end of the table (as a capture found
    # in a later file is): the first shard's captures are no longer one run of rowids
    conn = sqlite3.connect(db_path)
    moved = conn.execute("SELECT c.rowid FROM captures c JOIN documents d ON d.id = c.document_id "
                         "WHERE d.rowid <= (SELECT count(*) FROM documents) / 2 ORDER BY c.rowid LIMIT 1").fetchone()[0]
    conn.execute("UPDATE captures SET id = (SELECT max(id) + 1 FROM captures) WHERE id = ?", (moved,))
    conn.commit()
    conn.close()
    plan = shards.plan_shards(db_path, "2")
    results = [shards.write_shard(str(db_path), str(tmp_path / f"{i}.db"), s["where"], s["params"], i == 0)
               for i, s in enumerate(plan)]
    assert {"documents", "passages", "statements"} <= set(results[0]["ranged"])
    assert "captures" not in results[0]["ranged"] and "captures" in results[1]["ranged"]
    expected = dump(db_path, CONTENT)
    parts = [dump(tmp_path / f"{i}.db", CONTENT) for i in range(2)]
    for table in CONTENT:
        assert sorted(row for part in parts for row in part[table]) == expected[table], table
