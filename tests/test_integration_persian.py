"""The build wires in the Persian and language modules (docs/persian.md, "Integration steps"):
the FTS tables hold normalised text under persian.fts_tokenizer(), every update keeps them so,
documents, passages and statements carry a language, and Solar Hijri page dates are read."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ingest import persian
from ingest.build import build
from ingest.errors import ArchiveError
from ingest.html import read_html

ROOT = Path(__file__).resolve().parent.parent

# Short texts written for these tests. The Persian one spells قضاییه with Arabic yeh (ي), as
# some sites do, and پرونده‌ها with a ZWNJ.
PERSIAN = (
    "گزارش کمیسیون\n\n"
    "سخنگوی قوه قضاييه روز دوشنبه گفت که پرونده‌های زندانیان سیاسی دوباره بررسی خواهد شد "
    "و خانواده‌ها باید صبور باشند.\n\n"
    "خانواده‌های زندانیان در تهران تجمع کردند و خواستار پاسخ روشن درباره سرنوشت عزیزانشان شدند.\n"
)
PERSIAN_EDITED = PERSIAN.replace("تجمع کردند", "گرد هم آمدند")
ENGLISH = (
    "Commission report\n\n"
    "The commission said on Monday that the files of political prisoners would be reviewed again.\n\n"
    "Families of prisoners gathered in the capital and asked for a clear answer about their relatives.\n"
)
FILES = {"fa.txt": (PERSIAN, None), "en.txt": (ENGLISH, None), "told.txt": (ENGLISH.replace("Monday", "Tuesday"), "de")}


def make_sources(folder: Path, files=FILES) -> Path:
    sources = folder / "sources"
    (sources / "articles").mkdir(parents=True)
    for registry in (ROOT / "sources").glob("*.yml"):
        if registry.name != "manifest.yml":
            shutil.copy(registry, sources / registry.name)
    manifest = ""
    for name, (text, language) in files.items():
        (sources / "articles" / name).write_text(text, encoding="utf-8")
        manifest += f"- file: {name}\n  title: null\n  publisher: null\n  published: null\n"
        if language is not None:
            manifest += f"  language: {language}\n"
    (sources / "manifest.yml").write_text(manifest, encoding="utf-8")
    return sources


def query(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def matches(db: Path, table: str, term: str) -> int:
    """Index entries matching ``term``, searched as the site searches: normalised."""
    return query(db, f"select count(*) from {table} where {table} match ?", (f'"{persian.normalise(term)}"',))[0][0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("integration")
    sources = make_sources(folder)
    db = folder / "db" / "archive.db"
    build(sources, db, log=lambda line: None, workers=1)
    return sources, db


@pytest.mark.parametrize("table", ["passages_fts", "statements_fts"])
def test_the_fts_tables_are_made_with_the_persian_tokenizer(built, table):
    _, db = built
    [(create,)] = query(db, "select sql from sqlite_master where name = ?", (table,))
    assert persian.is_normalised_index(create)


@pytest.mark.parametrize("table", ["passages_fts", "statements_fts"])
@pytest.mark.parametrize("typed", ["قضاییه", "قضاييه", "پرونده‌های", "پروندههای"])
def test_every_spelling_of_a_persian_word_finds_it(built, table, typed):
    _, db = built
    assert matches(db, table, typed) > 0


def test_english_is_indexed_as_before(built):
    _, db = built
    for term in ("prisoners", "prisoner", "commission"):  # porter stemming still applies
        assert matches(db, "passages_fts", term) == 4, term  # two passages in each English article
    assert matches(db, "passages_fts", "Tuesday") == 1
    # FTS5's own check that the index is consistent
    conn = sqlite3.connect(db)
    conn.execute("insert into passages_fts(passages_fts) values ('integrity-check')")
    conn.execute("insert into statements_fts(statements_fts) values ('integrity-check')")
    conn.close()


def test_documents_passages_and_statements_have_a_language(built):
    _, db = built
    languages = dict(query(db, "select source_path, language from documents"))
    assert {Path(path).name: language for path, language in languages.items()} == {
        "fa.txt": "fa", "en.txt": "en", "told.txt": "de"}  # the manifest's language wins
    assert query(db, "select count(*) from passages p join documents d on d.id = p.document_id "
                     "where p.language is not d.language") == [(0,)]
    assert query(db, "select count(*) from statements s join documents d on d.id = s.document_id "
                     "where s.language is not d.language") == [(0,)]


def test_language_is_a_facet(built):
    _, db = built
    counts = dict(query(db, "select value, count from facet_counts where \"column\" = 'language'"))
    expected = dict(query(db, "select language, count(*) from passages group by 1"))
    assert counts == expected and set(counts) == {"fa", "en", "de"}
    assert query(db, "select count(*) from passage_facets f join passages p on p.rowid = f.rowid "
                     "where f.language is not p.language") == [(0,)]


@pytest.mark.parametrize("value", ["xx", "fa-IR", "Persian", 12])
def test_an_unknown_language_in_the_manifest_is_a_one_line_error(tmp_path, value):
    sources = make_sources(tmp_path, {"en.txt": (ENGLISH, None)})
    manifest = sources / "manifest.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"  language: {value}\n", encoding="utf-8")
    with pytest.raises(ArchiveError) as raised:
        build(sources, tmp_path / "archive.db", log=lambda line: None, workers=1)
    message = str(raised.value)
    assert "manifest.yml" in message and "'en.txt'" in message and "field 'language'" in message
    assert "ISO 639-1" in message and "\n" not in message
    assert not (tmp_path / "archive.db").exists()


def test_an_update_keeps_the_index_normalised(tmp_path):
    """The incremental update deletes what was indexed (the normalised text) and indexes the new
    rows normalised: no term of the old text is left behind."""
    sources = make_sources(tmp_path)
    db = tmp_path / "archive.db"
    build(sources, db, log=lambda line: None, workers=1)
    assert matches(db, "passages_fts", "تجمع") == 1
    (sources / "articles" / "fa.txt").write_text(PERSIAN_EDITED.replace("قضاييه", "قضاییه"), encoding="utf-8")
    lines = []
    build(sources, db, log=lines.append, workers=1)
    assert any(line.startswith("incremental: 1 changed") for line in lines), lines
    for table in ("passages_fts", "statements_fts"):
        assert matches(db, table, "تجمع") == 0, table  # gone from the index, not only from the text
        assert matches(db, table, "آمدند") == 1, table
        assert matches(db, table, "قضاییه") == 1, table
    conn = sqlite3.connect(db)
    conn.execute("insert into passages_fts(passages_fts) values ('integrity-check')")
    conn.execute("insert into statements_fts(statements_fts) values ('integrity-check')")
    conn.close()
    counts = dict(query(db, "select value, count from facet_counts where \"column\" = 'language'"))
    assert counts == dict(query(db, "select language, count(*) from passages group by 1"))


PAGE = """<html><head><title>گزارش</title>
<meta property="article:published_time" content="{date}"></head>
<body><article><h1>گزارش کمیسیون</h1><p>{text}</p></article></body></html>"""


@pytest.mark.parametrize("stated, published", [
    ("1402-05-27T10:30:00", "2023-08-18"),
    ("۱۳۶۷/۰۵/۲۷ - ۱۰:۳۰", "1988-08-18"),
    ("سه‌شنبه ۲۷ مرداد ۱۳۶۷ ساعت ۱۰:۳۰", "1988-08-18"),
])
def test_a_solar_hijri_page_date_is_converted(stated, published):
    body = PERSIAN.split("\n\n")[1]
    source = read_html(PAGE.format(date=stated, text=body).encode("utf-8"), "a.html")
    assert source.published == published
    assert source.published_basis.startswith("html: meta article:published_time")
    assert "Solar Hijri" in source.published_basis


def test_a_gregorian_page_date_is_read_as_before():
    source = read_html(PAGE.format(date="2023-08-18T10:30:00", text=ENGLISH).encode("utf-8"), "a.html")
    assert (source.published, source.published_basis) == ("2023-08-18", "html: meta article:published_time")
