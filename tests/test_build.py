import os
import sqlite3

import pytest
import sqlite_utils

from ingest.build import build, is_stale
from ingest.errors import RegistryError

from .conftest import SEEDS, SOURCES

BOILERPLATE = [
    "MEK Iran (follow us on Twitter and Facebook)",
    "MEK Iran (follow them on Twitter and Facebook)",
    "and People’s Mojahedin Organization of Iran – MEK IRAN – YouTube",
    "Tags: , , , , , , ,",
    "Copyright © 2020 All Rights Reserved | XML Sitemap",
    "Social media & sharing icons powered by UltimatelySocial",
    "Thursday, February 29, 2024",
    "HomeIran News NowIran Human RightsCall for an international commission of inquiry to investigate 1988 massacre of...",
]


def rows(db_path, sql, params=()):
    return sqlite_utils.Database(db_path).execute(sql, params).fetchall()


def test_every_seed_is_a_document(seed_db):
    paths = {path for (path,) in rows(seed_db, "select source_path from documents")}
    assert paths == {f"sources/articles/{seed.name}" for seed in SEEDS}


def test_document_text_is_the_file_as_read(seed_db):
    for path, text in rows(seed_db, "select source_path, text from documents"):
        assert text == (SOURCES.parent / path).read_text(encoding="utf-8")


def test_coverage_invariant_on_every_seed(seed_db):
    """Each non-space character lies in exactly one passage or exactly one removed span."""
    for document_id, text in rows(seed_db, "select id, text from documents"):
        owners = [0] * len(text)
        spans = rows(seed_db, 'select start, "end", text from passages where document_id = ? union all select start, "end", text from removed where document_id = ?', (document_id, document_id))
        for start, end, span_text in spans:
            assert text[start:end].split() == span_text.split()
            for index in range(start, end):
                owners[index] += 1
        for index, char in enumerate(text):
            if not char.isspace():
                assert owners[index] == 1, (document_id, index, text[index - 20:index + 20])


def test_no_boilerplate_line_of_any_seed_is_a_passage(seed_db):
    fold = lambda text: " ".join(text.split())  # noqa: E731 (the seeds use no-break spaces)
    passages = [fold(text) for (text,) in rows(seed_db, "select text from passages")]
    removed = [fold(text) for (text,) in rows(seed_db, "select text from removed")]
    for line in BOILERPLATE:
        assert line in removed
        assert not any(line in passage for passage in passages)


def test_ids_are_stable_across_builds(tmp_path, seed_db):
    again = tmp_path / "again.db"
    build(SOURCES, again, log=lambda line: None)
    for table in ("documents", "passages"):
        assert rows(again, f"select id from {table} order by id") == rows(seed_db, f"select id from {table} order by id")


def test_passages_carry_the_channel(seed_db):
    [(publisher, affiliation, published, year)] = rows(
        seed_db, "select publisher_id, affiliation_id, published, year from passages where text like '%Callamard%'"
    )
    assert (publisher, affiliation, published, year) == ("mek-iran", "pmoi-ncri", "2021", 2021)


def test_tweets_carry_author_handle_and_date(seed_db):
    tweets = rows(seed_db, "select speaker_id, said_on, attribution from passages where kind = 'tweet' order by said_on")
    assert tweets == [
        ("mek-iran-twitter", "2019-08-29", "tweet"),
        ("maryam-rajavi", "2019-12-24", "tweet"),
        ("morgan-ortagus", "2020-07-17", "tweet"),
        ("morgan-ortagus", "2020-09-20", "tweet"),
        ("stopfundamentalism", "2020-09-21", "tweet"),
        ("stopfundamentalism", "2020-09-22", "tweet"),
    ]


def test_fts_is_in_step_with_passages(seed_db):
    [(count,)] = rows(seed_db, "select count(*) from passages_fts where passages_fts match 'Callamard'")
    assert count == 1
    [(total,)] = rows(seed_db, "select count(*) from passages_fts")
    assert total == rows(seed_db, "select count(*) from passages")[0][0]


def test_a_manifest_error_leaves_the_previous_database_untouched(sources, tmp_path):
    db_path = tmp_path / "archive.db"
    build(sources, db_path, log=lambda line: None)
    before = db_path.read_bytes()
    (sources / "manifest.yml").write_text("- file: 000_e8de499f15e36025.txt\n  publisher: nobody\n")
    with pytest.raises(RegistryError):
        build(sources, db_path, log=lambda line: None)
    assert db_path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_bad_file_is_skipped_and_listed_and_the_rest_is_built(sources, tmp_path):
    (sources / "articles" / "broken.txt").write_bytes(b"%PDF-1.4 binary")
    (sources / "articles" / "extra.txt").write_text("An article nobody listed.\n")
    db_path = tmp_path / "archive.db"
    report = build(sources, db_path, log=lambda line: None)
    assert report.documents == 6
    assert rows(db_path, "select source_path, severity, problem from problems order by source_path") == [
        ("sources/articles/broken.txt", "error", "binary content (a PDF file), not text"),
        ("sources/articles/extra.txt", "warning", "no manifest entry: archived with publisher unknown and date unknown"),
    ]
    assert rows(db_path, "select publisher_id, published from documents where source_path like '%extra.txt'") == [("unknown", None)]


def test_lines_repeated_across_a_publishers_documents_are_removed(tmp_path):
    sources = tmp_path / "sources"
    (sources / "articles").mkdir(parents=True)
    manifest = []
    for number in range(3):
        name = f"a{number}.txt"
        (sources / "articles" / name).write_text(f"Story number {number} is about the prisoners.\nSubscribe to the Example Daily newsletter\n")
        manifest.append(f"- file: {name}\n  publisher: example\n")
    (sources / "manifest.yml").write_text("".join(manifest))
    (sources / "publishers.yml").write_text("example:\n  name: Example Daily\n")
    db_path = tmp_path / "archive.db"
    build(sources, db_path, log=lambda line: None)
    assert rows(db_path, "select distinct reason from removed") == [("repeated in 3 of the publisher's documents",)]
    assert rows(db_path, "select count(*) from passages where text like 'Subscribe%'") == [(0,)]


def test_is_stale(sources, tmp_path):
    db_path = tmp_path / "archive.db"
    assert is_stale(sources, db_path)
    build(sources, db_path, log=lambda line: None)
    assert not is_stale(sources, db_path)
    (sources / "articles" / "new.txt").write_text("New.\n")
    assert is_stale(sources, db_path)


def test_database_passes_integrity_check(seed_db):
    conn = sqlite3.connect(seed_db)
    assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
    assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_statements_cover_every_passage_exactly(seed_db):
    """Every character of a passage lies in exactly one statement, in order, with document offsets."""
    documents = dict(rows(seed_db, "select id, text from documents"))
    passages = rows(seed_db, 'select id, document_id, start, "end", text from passages')
    assert passages
    for passage_id, document_id, start, end, text in passages:
        statements = rows(seed_db, 'select seq, start, "end", text, document_id, id from statements '
                                   "where passage_id = ? order by seq", (passage_id,))
        assert statements, passage_id
        assert [s[0] for s in statements] == list(range(1, len(statements) + 1))
        assert [s[5] for s in statements] == [f"{passage_id}-{s[0]}" for s in statements]
        assert statements[0][1] == start
        assert statements[-1][2] == start + len(text)
        for before, after in zip(statements, statements[1:]):
            assert before[2] == after[1], passage_id
        assert "".join(s[3] for s in statements) == text
        for _, s_start, s_end, s_text, s_document, _ in statements:
            assert s_document == document_id
            assert documents[document_id][s_start:s_end].split() == s_text.split()


def test_statements_carry_the_voice_and_the_channel(seed_db):
    mismatched = rows(seed_db, """
        select count(*) from statements s join passages p on p.id = s.passage_id
        where s.publisher_id is not p.publisher_id or s.affiliation_id is not p.affiliation_id
           or s.published is not p.published or s.year is not p.year""")
    assert mismatched == [(0,)]
    assert rows(seed_db, "select distinct voice from statements where speaker_id is not null") == [("named",)]
    assert rows(seed_db, "select count(*) from statements where voice = 'outlet' and (speaker_id is not null or attribution is not null)") == [(0,)]
    [(callamard,)] = rows(seed_db, "select count(*) from statements_fts where statements_fts match 'Callamard'")
    assert callamard >= 1
    [(total,)] = rows(seed_db, "select count(*) from statements_fts")
    assert total == rows(seed_db, "select count(*) from statements")[0][0]


def test_every_declared_table_and_column_is_built(seed_db):
    from ingest import schema

    conn = sqlite3.connect(seed_db)
    try:
        assert schema.missing_from(conn) == []
    finally:
        conn.close()


def test_a_sources_folder_reached_through_a_symlink_keeps_relative_source_paths(sources, tmp_path):
    link = tmp_path / "elsewhere" / "linked"
    link.parent.mkdir()
    link.symlink_to(sources, target_is_directory=True)
    db_path = tmp_path / "archive.db"
    build(link, db_path, log=lambda line: None)
    paths = [path for (path,) in rows(db_path, "select source_path from documents")]
    assert paths and all(path.startswith("linked/articles/") for path in paths), paths


def square_in_worker(n):
    from ingest.build import WORKER

    if n == WORKER["fail_at"]:
        raise ValueError(f"no square for {n}")
    if n == WORKER["die_at"]:
        os._exit(3)
    return n * n, os.getpid()


def test_pool_gives_every_result_in_order_from_its_workers():
    from ingest.build import pooled

    state = {"fail_at": None, "die_at": None}
    results = list(pooled(square_in_worker, [(n,) for n in range(50)], 2, state, batch=6, chunksize=3))
    assert [square for square, _ in results] == [n * n for n in range(50)]
    workers = {pid for _, pid in results}
    assert len(workers) == 2 and os.getpid() not in workers


def test_pool_raises_a_workers_exception():
    from ingest.build import pooled

    with pytest.raises(ValueError, match="no square for 7"):
        list(pooled(square_in_worker, [(n,) for n in range(20)], 2, {"fail_at": 7, "die_at": None}, chunksize=2))


def test_pool_stops_when_a_worker_dies():
    from ingest.build import pooled
    from ingest.errors import ArchiveError

    with pytest.raises(ArchiveError, match="worker process died"):
        list(pooled(square_in_worker, [(n,) for n in range(20)], 2, {"fail_at": None, "die_at": 11}, chunksize=2))


def failing_clustering(conn, index, rowids):
    raise sqlite3.OperationalError("database or disk is full")


def dying_clustering(conn, index, rowids):
    os._exit(9)


@pytest.mark.parametrize("clustering, said", [
    (failing_clustering, "could not write the database (database or disk is full)"),
    (dying_clustering, "the reuse clustering process died (exit code 9)"),
])
def test_a_failing_clustering_child_fails_the_build_and_keeps_the_old_database(sources, tmp_path, monkeypatch,
                                                                                clustering, said):
    from ingest import build as build_module
    from ingest.errors import ArchiveError

    db_path = tmp_path / "archive.db"
    build(sources, db_path, log=lambda line: None, full=True)
    before = db_path.read_bytes()
    monkeypatch.setattr(build_module, "store_reuse_index", clustering)  # the forked child runs it
    # (a thread an earlier test left running would make the build cluster in this process, and the dying clustering
    # would end the test run: the child's path is the one under test)
    monkeypatch.setattr(build_module.threading, "active_count", lambda: 1)
    with pytest.raises(ArchiveError) as error:
        build(sources, db_path, log=lambda line: None, full=True)
    assert said in str(error.value) and "\n" not in str(error.value)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db", "archive.db.lock", "sources"]
