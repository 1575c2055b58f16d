"""derive_claims: figures, mentions and reuse clusters filled from a passages table."""

import sqlite3
from pathlib import Path

import pytest

from ingest import store
from ingest.claims import derive_claims, figure_rows

ROOT = Path(__file__).resolve().parent.parent
QUOTE = "We are concerned that the situation may amount to crimes against humanity in this case."


def passage(pid, doc, text, **kw):
    row = {
        "id": pid, "document_id": doc, "seq": 1, "kind": "paragraph", "text": text, "start": 0,
        "end": len(text), "publisher_id": kw.get("publisher"), "affiliation_id": kw.get("affiliation"),
        "published": kw.get("published"), "year": None, "speaker_id": kw.get("speaker"),
        "speaker_affiliation_id": kw.get("speaker_affiliation"), "attribution": kw.get("attribution"),
        "attribution_cue": kw.get("cue"), "said_on": None,
    }
    return row


def database(passages):
    conn = sqlite3.connect(":memory:")
    store.create_schema(conn)
    store.insert_rows(conn, "passages", passages)
    return conn


def rows(conn, sql):
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute(sql)]


def test_derive_claims():
    conn = database([
        passage("a-1", "a", "Rajavi said 30,000 political prisoners were hanged by the mullahs.",
                publisher="pub-a", affiliation="pmoi-ncri", published="2017-08-18",
                speaker="rajavi", speaker_affiliation="pmoi-ncri", attribution="reported", cue="said"),
        passage("a-2", "a", "The experts said: “" + QUOTE + "”", publisher="pub-a",
                affiliation="pmoi-ncri", published="2017-08-18"),
        passage("b-1", "b", QUOTE + " The MKO was not named.", publisher="pub-b",
                affiliation="un", published="2016"),
    ])
    counts = derive_claims(conn, ROOT / "sources" / "names.yml")
    assert counts["figures"] == 1 and counts["reuse_clusters"] == 1
    assert rows(conn, "select * from figures") == [{
        "id": "a-1:12", "passage_id": "a-1", "text": "30,000 political prisoners", "low": 30000,
        "high": 30000, "approximate": 0, "counts": "political prisoners", "speaker_id": "rajavi",
        "publisher_id": "pub-a", "affiliation_id": "pmoi-ncri", "speaker_affiliation_id": "pmoi-ncri",
        "published": "2017-08-18", "voice": "reported", "statement_id": None, "paraphrasing_id": None,
    }]
    assert [(r["passage_id"], r["actor_id"], r["surface"]) for r in rows(conn, "select * from mentions order by id")] == [
        ("a-1", "islamic-republic", "the mullahs"), ("b-1", "pmoi", "MKO"),
    ]
    assert rows(conn, "select * from reuse_clusters") == [{
        "id": "reuse-b-1", "size": 2, "documents": 2, "publishers": 2, "affiliations": 2,
        "first_published": "2016", "first_passage_id": "b-1",
    }]
    assert rows(conn, "select id, reuse_cluster_id from passages order by id") == [
        {"id": "a-1", "reuse_cluster_id": None},
        {"id": "a-2", "reuse_cluster_id": "reuse-b-1"},
        {"id": "b-1", "reuse_cluster_id": "reuse-b-1"},
    ]
    assert {r["id"] for r in rows(conn, "select id from actors")} >= {"pmoi", "ncri", "islamic-republic"}


def test_derive_claims_twice_gives_the_same_rows():
    conn = database([passage("a-1", "a", QUOTE), passage("b-1", "b", QUOTE)])
    derive_claims(conn, ROOT / "sources" / "names.yml")
    first = rows(conn, "select * from reuse_clusters"), rows(conn, "select * from passages")
    derive_claims(conn, ROOT / "sources" / "names.yml")
    assert (rows(conn, "select * from reuse_clusters"), rows(conn, "select * from passages")) == first


# The built archive (tests/conftest.py: seed_db), through the site.
import yaml  # noqa: E402
from datasette.app import Datasette  # noqa: E402

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


def test_seed_build_has_the_copies_and_the_figures(seed_db):
    conn = sqlite3.connect(seed_db)
    clusters = conn.execute(
        "select reuse_cluster_id, group_concat(text, ' || ') from passages "
        "where reuse_cluster_id is not null group by reuse_cluster_id order by reuse_cluster_id"
    ).fetchall()
    texts = sorted(t for _, t in clusters)
    assert len(texts) == 2
    assert sum("Khomeini’s fatwa still stands" in t for t in texts) == 1
    assert sum("We are concerned that the situation may amount to crimes against humanity" in t for t in texts) == 1
    assert conn.execute("select count(*) from figures").fetchone()[0] == 25
    assert conn.execute("select count(*) from figures where text = 'over 30,000 political prisoners'").fetchone()[0] == 1


@pytest.mark.parametrize("query", ["counts_claimed", "copies_between_outlets", "names_by_affiliation"])
async def test_canned_queries_answer(seed_db, query):
    ds = Datasette([str(seed_db)], metadata=METADATA, immutables=[])
    response = await ds.client.get(f"/archive/{query}.json?counts=&_shape=objects")
    assert response.status_code == 200, response.text
    assert response.json()["rows"]


async def test_passage_links_to_where_else_it_appears(seed_db):
    conn = sqlite3.connect(seed_db)
    pid, cluster = conn.execute(
        "select id, reuse_cluster_id from passages where reuse_cluster_id is not null limit 1").fetchone()
    others = {r[0] for r in conn.execute("select id from passages where reuse_cluster_id = ?", (cluster,))}
    ds = Datasette([str(seed_db)], metadata=METADATA, immutables=[])
    # the passages table links the cluster (Datasette 0.65's row page shows the id unlinked)
    page = await ds.client.get(f"/archive/passages?id={pid}")
    assert f'href="/archive/reuse_clusters/{cluster}"' in page.text
    # the cluster's page counts the passages that point to it: where else the passage appears
    cluster_page = await ds.client.get(f"/archive/reuse_clusters/{cluster}")
    assert f"/archive/passages?reuse_cluster_id={cluster}" in cluster_page.text
    listed = await ds.client.get(f"/archive/passages.json?reuse_cluster_id={cluster}&_shape=array&_col=id")
    assert {r["id"] for r in listed.json()} == others and len(others) >= 2


@pytest.mark.parametrize(
    "text, attribution, cue, kind, voices",
    [
        # the outlet's own sentence after the one it attributes to the speaker
        ("Khomeini stated that they should be executed. More than 30,000 political prisoners were executed.",
         "reported", "stated", "paragraph", [None]),
        # the outlet's wording of what Robertson said: never his own number (issue 11)
        ("Robertson describes the massacre of over 30,000 political prisoners as the worst crime.",
         "reported", "describes … as", "paragraph", [None]),
        ("The ministry said 17,000 people were killed by the group.",
         "reported", "said", "paragraph", ["reported"]),
        ("He said: “30,000 political prisoners were hanged.” Later 12,000 people were detained.",
         "quote", "said", "paragraph", ["quotation", None]),
        ("In 1988 the regime executed tens of thousands of political prisoners.\n— MEK Iran (@MEK_Iran) August 29, 2019",
         "tweet", "signature", "tweet", ["tweet"]),
    ],
)
def test_a_figure_has_the_speakers_voice_only_where_the_speaker_says_it(text, attribution, cue, kind, voices):
    row = passage("p-1", "d", text, speaker="someone", speaker_affiliation="un", attribution=attribution, cue=cue)
    row["kind"] = kind
    figures = figure_rows(row)
    assert [f["voice"] for f in figures] == voices
    assert [f["speaker_id"] for f in figures] == ["someone" if v else None for v in voices]


def test_a_figure_takes_its_voice_from_the_statement_that_holds_it():
    """In a passage that quotes someone, a number in the outlet's own words is the outlet's,
    paraphrasing them; a number inside their statement is theirs."""
    from ingest.build import statement_rows
    from ingest.model import Statement

    outlet = "Reports put the toll at 30,000 political prisoners. "
    quoted = "“We counted 5,000 executions,” the group said."
    text = outlet + quoted
    row = passage("p-1", "d", text, speaker="amnesty", attribution="quote", cue="said")
    row.update(start=100, end=100 + len(text))
    statements = statement_rows(row, [Statement(0, len(outlet)),
                                      Statement(len(outlet), len(text), speaker_id="amnesty", attribution="quote", cue="said")],
                                None, {"amnesty": {"type": "body"}})
    assert [s["voice"] for s in statements] == ["outlet", "named"]
    assert statements[1]["start"] == 100 + len(outlet) and statements[1]["speaker_organisation_id"] == "amnesty"
    figures = figure_rows(row, statements, voiced=True)
    assert [(f["text"], f["voice"], f["speaker_id"], f["paraphrasing_id"], f["statement_id"]) for f in figures] == [
        ("30,000 political prisoners", None, None, "amnesty", "p-1-1"),
        ("5,000 executions", "quotation", "amnesty", None, "p-1-2"),
    ]


def test_a_member_speaks_for_its_organisation():
    from ingest.attribute import SpeakerRegistry
    from ingest.build import statement_rows
    from ingest.model import Statement

    registry = SpeakerRegistry(speakers={
        "agnes-callamard": {"name": "Agnès Callamard", "type": "person", "member_of": "amnesty-international"},
        "amnesty-international": {"name": "Amnesty International", "type": "body", "affiliation": "ngo"},
        "someone": {"name": "Someone", "type": "person"},
    })
    text = "She said so. They said so. He said so. Nobody did."
    row = passage("p-1", "d", text)
    spans = [(0, 13, "agnes-callamard"), (13, 27, "amnesty-international"), (27, 40, "someone"), (40, len(text), None)]
    statements = statement_rows(row, [Statement(s, e, speaker_id=k, attribution="reported" if k else None) for s, e, k in spans],
                                registry, {})
    assert [s["speaker_organisation_id"] for s in statements] == ["amnesty-international", "amnesty-international", None, None]
    assert [s["speaker_affiliation_id"] for s in statements] == [None, "ngo", None, None]


@pytest.mark.parametrize(
    "clause, cue, voice",
    [
        ("The General Assembly raised concern about the massacre of 30,000 political prisoners.", "raised concern", None),
        ("The experts urged an inquiry into the execution of 30,000 political prisoners.", "urged", None),
        ("Amnesty International has put the number at around 5,000 executed.", "put", "reported"),
        ("According to Amnesty International, around 5,000 prisoners were executed.", "according to", "reported"),
    ],
)
def test_a_reported_figure_is_the_voices_only_when_the_clause_gives_the_number(clause, cue, voice):
    """Only a quotation, or a reporting clause that gives the number to X, makes it X's; a number
    in a paraphrase is shown as the outlet's, paraphrasing X."""
    assert_figure_voice(clause, 0, cue, voice)


def test_a_charge_gives_no_number():
    """"X charged Y with the killing of 40": the prosecutor's act; "X charged that 40 …" is X's claim."""
    clause = "The prosecutor charged Arash Kiani, a former warden, with the killing of 40 prisoners."
    assert_figure_voice(clause, clause.index("Arash"), "charged", None)
    clause = "The prosecutor charged that guards had killed 40 prisoners."
    assert_figure_voice(clause, clause.index("guards"), "charged", "reported")


def test_a_directive_gives_no_number():
    """"X told officials to …, which left 1,500 dead": X gave an order, the outlet the number."""
    clause = "Khamenei told officials to do whatever it takes, which resulted in the shooting of 1,500 protesters."
    assert_figure_voice(clause, clause.index("to do"), "told", None)


def assert_figure_voice(clause, content_start, cue, voice):
    from ingest.build import statement_rows
    from ingest.model import Statement

    row = passage("p-1", "d", clause, speaker="un", attribution="reported", cue=cue)
    row.update(start=0, end=len(clause))
    spans = [Statement(0, content_start)] if content_start else []
    spans.append(Statement(content_start, len(clause), speaker_id="un", attribution="reported", cue=cue))
    statements = statement_rows(row, spans, None, {"un": {"type": "body"}})
    [figure] = figure_rows(row, statements, voiced=True)
    assert (figure["voice"], figure["speaker_id"], figure["paraphrasing_id"]) == (
        (voice, "un", None) if voice else (None, None, "un"))


def _figure_voices_bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("figure_voices_bench", Path(__file__).parent.parent / "bench" / "figure_voices.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "fixture, floor",
    [
        # the report set: never tuned on; 20/20 reached (19/20 until the nested-frame rule of issue 11's
        # second round: "…, its chairman, Marcus Hale, told reporters" after the commission's own estimate)
        ("figure_voices.yml", 20),
        # the tuning set (its own phrasings): 46/48 reached
        ("figure_voices_tune.yml", 46),
        # the sixth round: 10/20 when first measured (four were not counts of people, then rewritten), 19/20 reached
        ("figure_voices_round6.yml", 20),
        # the seventh round: 14/20 when first measured, 19/20 reached
        ("figure_voices_round7.yml", 19),
        # the eighth round: 14/20 when first measured (17/20 with three right voices named otherwise), 20/20 reached
        ("figure_voices_round8.yml", 20),
        # the ninth round: 14/20 when first measured, 20/20 reached
        ("figure_voices_round9.yml", 20),
        # an inventory of counting frames ("placed the toll at", "cited 312 deaths", "…, X found."): 15/27 first, 26/27
        ("figure_voices_frames.yml", 27),
        # an inventory of ways to name the voice: 25/28 first, 28/28
        ("figure_voices_speakers.yml", 28),
        # an inventory of numbers that stay the outlet's near a voice: 14/15
        ("figure_voices_outlet.yml", 14),
        # an inventory of frame positions: 12/16 first, 14/16
        ("figure_voices_positions.yml", 14),
        # the tenth round, written after all of the above: 7/20 first (9/20 with two right voices named otherwise), 18/20
        ("figure_voices_round10.yml", 19),
        # a second inventory of frames (knowing, fearing, projecting, revising): 15/30 first, 29/30
        ("figure_voices_frames2.yml", 29),
        # Persian: 2/10 first, 10/10
        ("figure_voices_persian.yml", 10),
        # vague and unnamed sources: 13/16 first, 16/16
        ("figure_voices_vague.yml", 16),
        # the eleventh round, after all of the above: 10/20 first (13/19 with three right voices named otherwise and a
        # count of countries left out), 18/19
        ("figure_voices_round11.yml", 18),
        # the twelfth round: 9/20 first, 18/20 (left open: docs/attribution.md)
        ("figure_voices_round12.yml", 18),
        # the thirteenth and fourteenth rounds, written by a session that had not read the rules: 21/30 first each
        # (22/30 with the NCRI named otherwise), 29/30 and 27/30
        ("figure_voices_round13.yml", 30),
        ("figure_voices_round14.yml", 29),
        # the fifteenth round, written the same way and measured after the two above: 19/30 first (20/30 with the
        # PMOI named otherwise), 26/30
        ("figure_voices_round15.yml", 27),
        # the sixteenth round, paragraphs that introduce the voice before it speaks: 18/30 first (19/30 with the PMOI
        # named otherwise), 28/30
        ("figure_voices_round16.yml", 29),
        # the seventeenth round, written the same way and measured after all of the above: 22/30 first (24/30 with two
        # right voices named otherwise), 30/30
        ("figure_voices_round17.yml", 30),
        # the eighteenth and nineteenth rounds, written together the same way: 23/30 first (24/30 with a voice described
        # otherwise) and 20/30, 30/30 and 29/30
        ("figure_voices_round18.yml", 30),
        ("figure_voices_round19.yml", 29),
        # the twentieth round, written the same way: 20/30 first (22/30 with two right voices named otherwise), 28/30
        ("figure_voices_round20.yml", 29),
        # the twenty-first and twenty-second, written together the same way and measured after every rule above: 18/30
        # each first (21/30 and 19/30 with right voices named otherwise), 24/30 and 21/30 (left open: docs/attribution.md)
        ("figure_voices_round21.yml", 27),
        ("figure_voices_round22.yml", 25),
        # the twenty-third and twenty-fourth, written together the same way and measured after every rule above:
        # 25/30 and 24/30 first, 26/30 and 29/30
        ("figure_voices_round23.yml", 27),
        ("figure_voices_round24.yml", 30),
        # the twenty-fifth and twenty-sixth, written together the same way and measured after every rule above:
        # 24/30 (25/30 with a right voice named otherwise) and 18/30 first, 28/30 and 24/30 (left open)
        ("figure_voices_round25.yml", 29),
        ("figure_voices_round26.yml", 24),
        # the twenty-seventh and twenty-eighth, written together the same way and measured after every rule of the
        # day, with no rule changed for them: the last held-out figures, 26/30 and 22/30 (20/30 as first scored)
        ("figure_voices_round27.yml", 30),
        ("figure_voices_round28.yml", 27),
        # the twenty-ninth and thirtieth, written with the thirty-first and thirty-second and measured after every rule
        # above: 26/30 and 16/30 first (18/30 with right voices named otherwise), then tuned on: 28/30 and 22/30
        ("figure_voices_round29.yml", 30),
        ("figure_voices_round30.yml", 25),
        # the thirty-first and thirty-second, measured after every rule of the day and left untuned: 21/30 each
        ("figure_voices_round31.yml", 27),
        ("figure_voices_round32.yml", 27),
        # the thirty-third to thirty-sixth, written together and measured after every rule of the day, left untuned:
        # 22/30, 21/30 (22 with a voice named otherwise), 21/30, 20/30 (22 with two voices named otherwise)
        ("figure_voices_round33.yml", 28),
        ("figure_voices_round34.yml", 27),
        ("figure_voices_round35.yml", 26),
        ("figure_voices_round36.yml", 29),
        # the thirty-seventh to fortieth (written together), first measured with the day's opening rules at 19, 15, 18
        # and 12 of 30, then tuned on
        ("figure_voices_round37.yml", 27),
        ("figure_voices_round38.yml", 22),
        ("figure_voices_round39.yml", 24),
        ("figure_voices_round40.yml", 23),
        # the forty-first to forty-fourth (local features, legal text, social media, academic prose), first measured at
        # 13, 12, 17 and 14, then tuned on
        ("figure_voices_round41.yml", 21),
        ("figure_voices_round42.yml", 24),
        ("figure_voices_round43.yml", 24),
        ("figure_voices_round44.yml", 19),
        # the forty-fifth to forty-eighth, first measured at 23, 19, 20 and 18, then partly tuned on
        ("figure_voices_round45.yml", 25),
        ("figure_voices_round46.yml", 24),
        ("figure_voices_round47.yml", 23),
        ("figure_voices_round48.yml", 26),
        # the forty-ninth to fifty-second, never read: the day's held-out figure (94/120)
        ("figure_voices_round49.yml", 24),
        ("figure_voices_round50.yml", 24),
        ("figure_voices_round51.yml", 21),
        ("figure_voices_round52.yml", 25),
    ],
)
def test_figures_whose_voice_the_text_names_get_that_voice(fixture, floor):
    """A floor, not a target: the share of figures given to the voice the text names must not fall
    below what the rules reach (bench/figure_voices.py prints the misses)."""
    from ingest import persian
    from ingest.attribute import is_persian, plausible_name
    from ingest.registry import load_registries

    bench = _figure_voices_bench()
    registries = load_registries(Path(__file__).parent.parent / "sources")
    cases = yaml.safe_load((Path(__file__).parent / "fixtures" / fixture).read_text(encoding="utf-8"))
    right, misses = bench.score(cases, registries)
    assert right >= floor, "\n".join(misses)
    import hashlib

    from ingest.build import document_rows
    from ingest.model import Source

    for case in cases:  # every new speaker the cases name is a person or an organisation: 0 non-voices
        source = Source(source_path="case.txt", format="txt", text=case["text"] + "\n",
                        sha256=hashlib.sha256(case["text"].encode()).hexdigest())
        rows = document_rows(source, None, registries, {}, registries.speakers, registries.lexicon)
        for speaker in rows["speakers"].values():
            if is_persian(speaker["name"]):  # a Persian name: no pronoun, stop word or leading conjunction in it
                words = persian.normalise(speaker["name"]).split()
                assert words and not set(words) & (persian._PRONOUNS | persian._STOPS | persian._LEADS), (speaker, case["text"])
            else:
                assert plausible_name(speaker["name"]), (speaker, case["text"])


async def test_counts_claimed_name_an_unnamed_voice_the_outlet_paraphrases(sources, tmp_path):
    """ "Local officials condemned the execution of 312 prisoners": the number is the outlet's wording, and the
    reader sees whom it paraphrases, though the voice has no name."""
    from ingest.build import build

    (sources / "articles" / "zz_unnamed.txt").write_text(
        "Local officials condemned the execution of 312 prisoners in the spring.\n\n"
        "A prison doctor said that 40 prisoners had been freed.\n", encoding="utf-8")
    db_path = tmp_path / "archive.db"
    build(sources, db_path, log=lambda line: None)
    ds = Datasette([str(db_path)], metadata=METADATA, immutables=[])
    response = await ds.client.get("/archive/counts_claimed.json?counts=prisoners&_shape=objects")
    said_by = {row["words"]: row["said_by"] for row in response.json()["rows"]}
    assert said_by["“312 prisoners”"] == "the outlet, paraphrasing an unnamed voice: Local officials"
    assert said_by["“40 prisoners”"] == "an unnamed voice: A prison doctor"
