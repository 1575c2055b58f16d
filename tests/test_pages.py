"""The archive's pages through Datasette's own client (no browser): plugins/archive_ui.py and templates/."""

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from tests.conftest_browser import HOSTILE_URL, write_sources
from ingest.build import build
from ingest.cli import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    db = folder / "archive.db"
    build(write_sources(folder), db, log=lambda line: None)
    return Datasette(
        immutables=[str(db)],
        metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()),
        template_dir=str(ROOT / "templates"),
        plugins_dir=str(ROOT / "plugins"),
        settings=SETTINGS,
    )


async def get(ds, path, status=200):
    response = await ds.client.get(path)
    assert response.status_code == status, (path, response.text[:500])
    return response


async def one_value(ds, sql):
    return (await ds.get_database("archive").execute(sql)).rows[0][0]


@pytest.mark.parametrize("query", ['"', '""', " ", '"unbalanced', "it's (1988) -", "NEAR(", "a:b", "*", "^x"])
async def test_plain_search_never_errors(ds, query):
    for path in ("/archive/passages", "/archive/passages.json", "/archive/passages.csv"):
        await get(ds, f"{path}?_search={query}")
    await get(ds, f"/archive/search?q={query}")


@pytest.mark.parametrize("path", ["/archive/passages?_search=massacre", "/archive/-/search?_search=massacre"])
async def test_search_highlights_matches(ds, path):
    html = (await get(ds, path)).text
    marks = re.findall(r"<mark>([^<]*)</mark>", html)
    assert marks and all(re.fullmatch(r"massacr\w*", m, re.I) for m in marks if m != "highlighted")


async def test_search_page_counts_channel_and_voice_with_unknowns(ds):
    html = (await get(ds, "/archive/-/search?_search=massacre")).text
    for column in ("publisher_id", "affiliation_id", "year", "kind", "speaker_id", "speaker_affiliation_id", "attribution"):
        assert f'id="facet-{column}"' in html
    assert re.search(r'<a class="archive-only" href="[^"]*speaker_affiliation_id__isnull=1[^"]*"><bdi>unknown</bdi></a>', html)
    assert re.search(r'href="[^"]*speaker_affiliation_id__not=pmoi-ncri[^"]*"', html)
    assert 'id="archive-csv"' in html
    assert html.index('id="_search"') < html.index('class="archive-results"')


@pytest.mark.parametrize("query, status", [
    ('"death commission"', 200), ("massac*", 200), ("Evin OR zanzibarite", 200),
    ("NEAR(fatwa Khomeini, 10)", 200), ('"massacre OR', 400), ("massacre NEAR(", 400), ("AND", 400),
])
async def test_advanced_search(ds, query, status):
    response = await get(ds, f"/archive/passages?_searchmode=raw&_search={query}", status)
    if status == 400:
        assert "Advanced search could not read this query" in response.text
        json = await get(ds, f"/archive/passages.json?_searchmode=raw&_search={query}", 400)
        assert json.json()["ok"] is False


async def test_canned_search_marks_and_links(ds):
    html = (await get(ds, "/archive/search?q=massacre")).text
    assert "<mark>" in html
    assert re.search(r'<a href="/archive/passages/[0-9a-f]{12}-[0-9a-f]{8}">', html)


async def test_passage_page(ds):
    pid = await one_value(ds, "select id from passages where speaker_id is not null and seq > 1 limit 1")
    html = (await get(ds, f"/archive/passages/{pid}")).text
    assert 'id="previous"' in html and 'id="passage"' in html
    assert 'id="copy-citation"' in html and re.search(r"sha256 [0-9a-f]{64}", html)
    assert "/archive/speakers/" in html and "Attribution" in html


async def test_document_page_lists_passages_and_removed_spans(ds):
    doc = await one_value(ds, "select document_id from removed limit 1")
    html = (await get(ds, f"/archive/documents/{doc}")).text
    passages = await one_value(ds, f"select count(*) from passages where document_id = '{doc}'")
    removed = await one_value(ds, f"select count(*) from removed where document_id = '{doc}'")
    assert html.count('class="archive-passage ') == passages
    assert html.count('class="archive-removed"') == removed
    assert 'class="archive-document archive-hide-removed"' in html


@pytest.mark.parametrize("path", [
    "/archive/publishers/mek-iran", "/archive/affiliations/pmoi-ncri", "/archive/publishers/hostile-test-site",
])
async def test_counts_pages(ds, path):
    html = (await get(ds, path)).text
    assert 'class="archive-counts"' in html and "with CSV and JSON" in html


async def test_speaker_page_counts(ds):
    speaker = await one_value(ds, "select speaker_id from passages where speaker_id is not null limit 1")
    html = (await get(ds, f"/archive/speakers/{speaker}")).text
    assert "Passages by publisher" in html


async def test_hostile_text_is_escaped_everywhere(ds):
    doc = await one_value(ds, "select id from documents where publisher_id = 'hostile-test-site'")
    ids = [row[0] for row in (await ds.get_database("archive").execute(
        f"select id from passages where document_id = '{doc}'")).rows]
    for path in [f"/archive/documents/{doc}", "/archive/publishers/hostile-test-site",
                 "/archive/passages?_search=zanzibarite", "/archive/search?q=zanzibarite",
                 "/-/dashboards/archive"] + [f"/archive/passages/{i}" for i in ids]:
        html = (await get(ds, path)).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html, path
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I), path
    html = (await get(ds, f"/archive/passages/{ids[1]}")).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert HOSTILE_URL.replace("'", "&#39;") in html


async def test_default_pages_hold_every_row_once(ds):
    total = await one_value(ds, "select count(*) from passages")
    for query in ("", "&_search=massacre", "&kind=paragraph"):
        url, ids = "/archive/passages.json?_size=6&_shape=objects" + query, []
        expected = (await get(ds, url)).json()["filtered_table_rows_count"]
        while url:
            data = (await get(ds, url)).json()
            ids += [row["id"] for row in data["rows"]]
            url = data.get("next_url") and re.sub(r"^https?://[^/]+", "", data["next_url"])
        assert len(ids) == len(set(ids)) == expected, query
    rows = list(csv.DictReader(io.StringIO((await get(ds, "/archive/passages.csv?_stream=on&_labels=on")).text)))
    assert len(rows) == len({r["id"] for r in rows}) == total


@pytest.mark.parametrize("path, status", [
    ("/archive/passages?_sort=nonsense", 400), ("/archive/passages.json?_sort_desc=nonsense", 400),
    ("/archive/passages?_sort=kind&_sort_desc=kind", 400), ("/archive/-/search?_sort=nonsense", 400),
    ("/_internal/passages.csv-stream", 404), ("/archive/no/such/page", 404), ("/archive/-/search.xml", 400),
])
async def test_bad_requests_are_4xx_never_500(ds, path, status):
    await get(ds, path, status)


async def test_names_not_ids_and_one_word_for_unknown(ds):
    html = (await get(ds, "/archive/publishers/mek-iran")).text
    assert "PMOI/MEK and NCRI</bdi></a>" in html and "<em>pmoi-ncri</em>" not in html
    html = (await get(ds, "/archive/passages?_size=50")).text
    assert '<span class="archive-none">the outlet itself</span>' in html
    assert re.search(r'<td class="col-speaker_affiliation_id[^>]*><span class="archive-none">unknown</span>', html)
    doc = await one_value(ds, "select document_id from passages where speaker_id = 'geoffrey-robertson'")
    html = (await get(ds, f"/archive/documents/{doc}")).text
    assert ">Geoffrey Robertson</bdi></a>" in html and ">geoffrey-robertson</a>" not in html


async def test_documents_table_cuts_texts_short(ds):
    longest = await one_value(ds, "select max(length(text)) from documents")
    html = (await get(ds, "/archive/documents")).text
    untitled = await one_value(ds, "select count(*) from documents where title is null")
    assert html.count('<span class="archive-none">(untitled)</span>') == untitled > 0 and ">None<" not in html
    assert longest > 1000 and f"({longest:,} characters: open the document)" in html


async def test_control_characters_are_escaped_where_shown(ds):
    stored = await one_value(ds, "select count(*) from passages where text like '%' || char(1) || '%'")
    if not stored:
        pytest.skip("the build no longer stores control characters")
    html = (await get(ds, "/archive/passages?_search=zanzibarite")).text + (await get(ds, "/archive/-/search?_search=zanzibarite")).text
    assert "\\x01" in html and "\x01" not in html and "\x1b" not in html
    csv_text = (await get(ds, "/archive/-/search.csv?_search=zanzibarite")).text
    assert "\\x01" in csv_text and "\x01" not in csv_text


async def test_csv_neutralises_formulas(ds):
    rows = list(csv.DictReader(io.StringIO((await get(ds, "/archive/-/search.csv?_search=zanzibarite")).text)))
    formula = [row["text"] for row in rows if "HYPERLINK" in row["text"]]
    assert formula and all(text.startswith("'=HYPERLINK(") for text in formula)


async def test_home_page_links_to_the_faceted_search(ds):
    html = (await get(ds, "/")).text
    assert 'href="/archive/-/search"' in html and "`" not in html


async def test_counts_claimed_cite_their_words_passage_and_date_basis(ds):
    rows = (await get(ds, "/archive/counts_claimed.json?counts=&_shape=array")).json()
    assert rows
    for row in rows:
        assert row["words"].startswith("“") and row["example_passage"]
        assert row["first_published"] == "unknown" or row["first_published"].endswith(" (estimate)") == (
            (row["first_published_basis"] or "").startswith("estimate"))
        text = await one_value(ds, f"select text from passages where id = '{row['example_passage']}'")
        assert any(words.strip("“”") in text for words in row["words"].split("”,“"))
    html = (await get(ds, "/archive/counts_claimed?counts=prisoners")).text
    assert re.search(r'<td class="col-example_passage[^>]*><a href="/archive/passages/[0-9a-f-]+">', html)


async def test_copies_show_ties_on_a_date_as_ties(ds):
    rows = (await get(ds, "/archive/copies_between_outlets.json?_shape=array")).json()
    by_cluster = {}
    for row in rows:
        by_cluster.setdefault(row["cluster"], []).append(row)
    for members in by_cluster.values():
        firsts = [m for m in members if m["first"]]
        assert firsts
        assert (len(firsts) > 1) == all(m["first"] == "tied first" for m in firsts)
        assert len({m["published"] for m in firsts}) == 1


async def test_dashboard_page(ds):
    html = (await get(ds, "/-/dashboards/archive?q=massacre&date_from=2020-01-01")).text
    assert html.count("renderChart(") == 3
    config = ds.plugin_config("datasette-dashboards")["archive"]
    for chart in config["charts"].values():
        for params in ({}, {"q": "massacre", "affiliation": "PMOI/MEK and NCRI", "date_from": "2020-01-01", "date_to": "2021-12-31"}):
            sql = re.sub(r"\[\[(.*?)\]\]", lambda m: m.group(1) if re.search(r":(\w+)", m.group(1)).group(1) in params else "", chart["query"], flags=re.S)
            rows = (await ds.get_database("archive").execute(sql, params)).rows
            assert rows, (chart["title"], params)


async def test_table_pages_fold_column_descriptions_and_wrap_facets_between_words(ds):
    html = (await get(ds, "/archive/documents?_facet=publisher_id")).text
    assert "ul.tight-bullets li { word-break: normal;" in html
    assert "archive-column-descriptions" in html


@pytest.mark.parametrize("path, table", [
    ("/archive/passages?_size=100", "passages"), ("/archive/documents", "documents"), ("/archive/figures?_size=100", "figures"),
])
async def test_dates_carry_their_precision_on_table_pages(ds, path, table):
    html = (await get(ds, path)).text
    estimated = await one_value(ds, {
        "passages": "select count(*) from (select * from passages order by id limit 100) p join documents d "
                    "on d.id = p.document_id where d.published_basis like 'estimate%' and p.published is not null",
        "documents": "select count(*) from documents where published_basis like 'estimate%' and published is not null",
        "figures": "select count(*) from (select * from figures order by id limit 100) f join passages p on p.id = f.passage_id "
                   "join documents d on d.id = p.document_id where d.published_basis like 'estimate%' and f.published is not null",
    }[table])
    assert estimated > 0 and html.count('<span class="archive-estimate">(estimate)</span>') == estimated


OUTLET_KINDS = {"the outlet's own words", "paraphrase: the outlet's words"}


async def test_counts_claimed_give_each_number_its_voice_and_how_it_was_established(ds):
    """A number in the outlet's words is the outlet's: never "X: 30,000" for its paraphrase of X."""
    rows = (await get(ds, "/archive/counts_claimed.json?counts=&_shape=array")).json()
    assert rows and {"words", "counts", "said_by", "voice", "voice_established", "first_published", "first_published_basis",
                     "example_passage"} <= set(rows[0])
    names = {row[0] for row in (await ds.get_database("archive").execute("select name from speakers")).rows}
    for row in rows:
        assert row["voice_established"] in OUTLET_KINDS | {"quotation", "reported speech", "tweet", "caption"}
        if row["voice_established"] in OUTLET_KINDS:
            assert row["said_by"] == "the outlet" or row["said_by"].startswith("the outlet, paraphrasing ")
            assert row["said_by_affiliation"] == "the outlet itself"
        else:
            # a named voice by its name; an unnamed one by its description as the text gives it
            assert row["said_by"] in names or re.fullmatch(r"an unnamed voice(?:: \S.*)?", row["said_by"])
    # every figure in the outlet's words, and only those, is counted as the outlet's
    outlet_figures = await one_value(ds, "select count(*) from figures where voice is null")
    assert sum(row["times"] for row in rows if row["voice_established"] in OUTLET_KINDS) == outlet_figures > 0
    assert any(row["said_by"].startswith("the outlet, paraphrasing ") for row in rows)


async def test_counts_claimed_never_give_the_outlets_paraphrase_to_the_one_paraphrased(seed_db, tmp_path):
    """The UN General Assembly is not the voice of "30,000" when the number is the outlet's
    paraphrase, even where a figure row still names it as the passage's speaker."""
    import shutil
    import sqlite3

    copy = tmp_path / "archive.db"
    shutil.copy(seed_db, copy)
    conn = sqlite3.connect(copy)
    with conn:
        changed = conn.execute(
            "update figures set voice = null, paraphrasing_id = 'un-general-assembly', speaker_id = 'un-general-assembly' "
            "where low = 30000 and passage_id in (select passage_id from statements where speaker_id = 'un-general-assembly')").rowcount
    conn.close()
    assert changed >= 1
    ds = Datasette(immutables=[str(copy)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()),
                   template_dir=str(ROOT / "templates"), plugins_dir=str(ROOT / "plugins"), settings=SETTINGS)
    rows = (await get(ds, "/archive/counts_claimed.json?counts=prisoners&_shape=array")).json()
    thirty = [row for row in rows if row["low"] == 30000]
    assert thirty
    assert all(row["said_by"] != "UN General Assembly" for row in thirty)
    assert any(row["said_by"] == "the outlet, paraphrasing UN General Assembly"
               and row["voice_established"] == "paraphrase: the outlet's words" for row in thirty)
    html = (await get(ds, "/archive/counts_claimed?counts=prisoners")).text
    assert "UN General Assembly: 30,000" not in html and "the outlet, paraphrasing UN General Assembly" in html


async def test_passage_page_marks_each_stretch_with_its_voice(ds):
    db = ds.get_database("archive")
    passage_id = (await db.execute(
        "select passage_id from statements group by passage_id "
        "having sum(voice = 'outlet') > 0 and sum(voice = 'named') > 0 limit 1")).rows[0][0]
    statements = [dict(r) for r in (await db.execute(
        "select s.seq, s.voice, s.text, sp.name from statements s left join speakers sp on sp.id = s.speaker_id "
        "where passage_id = :p order by seq", {"p": passage_id})).rows]
    html = (await get(ds, f"/archive/passages/{passage_id}")).text
    passage = html.split('id="passage"')[1].split("</div>")[0]
    marked = re.findall(r'<span class="archive-statement voice-(\w+)" data-seq="(\d+)" data-voice="([^"]*)"', passage)
    assert [(v, int(seq)) for v, seq, _ in marked] == [(s["voice"], s["seq"]) for s in statements]
    for (_, _, label), statement in zip(marked, statements):
        if statement["voice"] == "outlet":
            assert label == "the outlet"
        elif statement["name"]:
            assert label == statement["name"]
    table = html.split('id="statements"')[1].split("</table>")[0]
    assert table.count("<tr class=\"voice-") == len(statements)
    assert "the outlet&#39;s own words" in table or "the outlet's own words" in table
