"""Attribution inside the build: registry speakers stored, voices denormalised, unknown names listed."""

import sqlite3

from click.testing import CliRunner

from ingest.cli import cli


def rows(db_path, sql):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_passages_carry_the_voice_and_its_affiliation(seed_db):
    assert rows(seed_db, "select speaker_id, speaker_affiliation_id, attribution, attribution_cue, kind from passages "
                         "where text like '%Agnès Callamard described%'") == [
        ("agnes-callamard", "human-rights-ngo", "quote", "described … as", "paragraph"),
    ]
    assert rows(seed_db, "select speaker_id, speaker_affiliation_id, attribution, kind from passages "
                         "where text like 'He added:%'") == [("struan-stevenson", None, "quote", "quote")]


def test_every_registry_speaker_is_a_row_and_every_passage_speaker_exists(seed_db):
    assert rows(seed_db, "select name, affiliation_id from speakers where id = 'morgan-ortagus'") == [
        ("Morgan Ortagus", "us-government"),
    ]
    assert rows(seed_db, "select count(*) from passages where speaker_id is not null "
                         "and speaker_id not in (select id from speakers)") == [(0,)]
    assert rows(seed_db, "select count(*) from passages p join speakers s on s.id = p.speaker_id "
                         "where p.speaker_affiliation_id is not s.affiliation_id") == [(0,)]


def test_build_lists_the_names_not_in_the_registry(sources, tmp_path):
    (sources / "articles" / "900_extra.txt").write_text(
        "“These allegations are baseless and politically motivated,” judiciary spokesman Karim Nourbakhsh told reporters.\n",
        encoding="utf-8",
    )
    db_path = tmp_path / "archive.db"
    result = CliRunner().invoke(cli, ["build", "--sources", str(sources), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "1 speakers not in speakers.yml" in result.output
    assert result.output.rstrip().endswith("karim-nourbakhsh: Karim Nourbakhsh [person]")  # each with its type (issue 11)
    assert rows(db_path, "select name, affiliation_id, description from speakers where id = 'karim-nourbakhsh'") == [
        ("Karim Nourbakhsh", None, "not in registry"),
    ]


def test_a_bad_speaker_registry_stops_the_build_with_one_line(sources, tmp_path):
    (sources / "speakers.yml").write_text("someone:\n  name: Someone\n  affiliation: martians\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--sources", str(sources), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert "speakers.yml: entry 'someone' field 'affiliation': unknown affiliation id 'martians'" in result.output
    assert not (tmp_path / "a.db").exists()


def doc_queries():
    """The SQL blocks of docs/attribution.md, by the heading above them."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "attribution.md").read_text(encoding="utf-8")
    return dict(re.findall(r"### `(\w+)`.*?```sql\n(.*?)```", text, re.DOTALL))


def test_the_documented_queries_run_and_answer(seed_db):
    queries = doc_queries()
    assert set(queries) == {"voices_by_affiliation", "speaker_passages", "cross_affiliation_voices"}
    conn = sqlite3.connect(seed_db)
    try:
        crosstab = conn.execute(queries["voices_by_affiliation"]).fetchall()
        assert sum(row[2] for row in crosstab) == conn.execute("select count(*) from passages").fetchone()[0]
        assert ("PMOI/MEK and NCRI", "(the outlet itself)") in {(row[0], row[1]) for row in crosstab}
        ortagus = conn.execute(queries["speaker_passages"], {"speaker": "morgan-ortagus"}).fetchall()
        assert [row[0] for row in ortagus] == ["2020", "2020-07-17", "2020-09-20"]  # a year-only date sorts first
        assert {row[1] for row in ortagus} == {"tweet", "reported"}
        cross = conn.execute(queries["cross_affiliation_voices"]).fetchall()
        assert cross and all(row[1] != row[3] for row in cross)
        assert "Agnès Callamard" in {row[2] for row in cross}
    finally:
        conn.close()
