"""Claims and copies: the figures and mentions of a passage, and the reuse clusters.

``figure_rows`` and ``mention_rows`` are pure (a passage row in, rows out): the build runs them
per document in its worker pool. ``derive_claims(conn)`` derives figures, mentions and reuse
clusters again from a stored passages table, through the writer (``ingest.store``).
The text stages it calls (figures, names, reuse) know no database.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from .attribute import inside, quote_spans
from .figures import find_figures
from .names import Lexicon, build_lexicon, find_mentions, load_lexicon
from .reuse import ReuseInput, find_clusters
from .text import SENTENCE_END as SENTENCE_BREAK
from . import persian, schema, store

PASSAGE_COLUMNS = (
    "id", "document_id", "kind", "publisher_id", "affiliation_id", "published", "speaker_id",
    "speaker_affiliation_id", "attribution", "attribution_cue", "text",
)
BATCH = 5000


def figure_rows(passage: dict, statements: list[dict] | None = None, voiced: bool = False) -> list[dict]:
    """The figures of one passage row, with the channel and, where it says them, the voice. Pure.

    A figure takes its voice from the statement that holds it (``statements``: the passage's
    statement rows, offsets into the document). With ``voiced`` the statements come from the
    attribution engine and their voices are used as they are; otherwise (one statement for the
    whole passage) the voice is read from the passage (``figure_voice``). A figure in the
    outlet's own words inside a passage that quotes someone is the outlet's, paraphrasing them
    (``paraphrasing_id``).
    """
    rows = []
    for figure in find_figures(passage["text"]):
        # the statement that holds the number itself (its last character): "Amnesty put the number at
        # 5,000" has the frame in the outlet's reporting clause and the number in Amnesty's content
        statement = statement_at(statements, passage.get("start", 0) + max(figure.number_start, figure.number_end - 1))
        paraphrasing_id = None
        if voiced and statement is not None:
            voice = STATEMENT_VOICES.get(statement.get("attribution"), statement.get("attribution"))
            speaker_id = statement.get("speaker_id")
            speaker_affiliation_id = statement.get("speaker_affiliation_id")
            if voice in PARAPHRASED_VOICES and not gives_number(statement.get("cue"), statement.get("text")):
                # "The General Assembly raised concern about … the massacre of 30,000": the
                # outlet's wording of what the voice said, never the voice's own number
                voice, paraphrasing_id, speaker_id, speaker_affiliation_id = None, speaker_id, None, None
        else:
            voice = figure_voice(passage, figure.start)
            speaker_id = passage.get("speaker_id") if voice else None
            speaker_affiliation_id = passage.get("speaker_affiliation_id") if voice else None
        if voice is None and speaker_id is None and paraphrasing_id is None:
            paraphrasing_id = passage.get("speaker_id")
        rows.append({
            "id": f"{passage['id']}:{figure.start}",
            "passage_id": passage["id"],
            "text": figure.text,
            "low": figure.low,
            "high": figure.high,
            "approximate": int(figure.approximate),
            "counts": figure.counts,
            "speaker_id": speaker_id,
            "publisher_id": passage.get("publisher_id"),
            "affiliation_id": passage.get("affiliation_id"),
            "speaker_affiliation_id": speaker_affiliation_id,
            "published": passage.get("published"),
            "voice": voice,
            "statement_id": statement["id"] if statement is not None else None,
            "paraphrasing_id": paraphrasing_id,
        })
    return rows


# a statement's attribution -> the figure's voice
STATEMENT_VOICES = {"quote": "quotation", "reported": "reported", "tweet": "tweet", "caption": "caption", "byline": "byline",
                    None: None}
# Voices whose words are the outlet's: a figure in them is the speaker's only when the reporting
# clause gives the number to the speaker ("Amnesty put the number at", "according to Amnesty").
PARAPHRASED_VOICES = {"reported", "caption"}
# The first word of a cue (after "as") that gives what follows to the voice, number included;
# "described … as", "raised concern", "urged", "condemned" only paraphrase.
NUMBER_CUES = set(
    "said says say saying stated states state told tells tell reported reports report estimated estimates "
    "estimate estimating put puts putting according counted counts count documented documents document "
    "recorded records record registered confirmed confirms confirm announced announces announce wrote writes "
    "write writing added adds adding claimed claims claim gave gives give noted notes testified testifies "
    "revealed reveals found finds concluded concludes acknowledged acknowledges admitted admits declared "
    "declares numbered calculated calculates tallied verified quoted argued argues insisted insists warned warns "
    "explained explains asserted asserts alleged alleges charged charges disclosed discloses indicated indicates "
    "maintained maintains contended contends recalled recalls replied responded tweeted posted "
    "believes believe believed identified listed lists compiled show shows showed figures published by "
    "suggest suggests suggested indicate indicates indicated cited cites tracked logged catalogued cataloged "
    "calculated reckons reckoned placed places recall remember remembered recount recounted fears feared fear "
    "suspects suspected projected projects forecast forecasts in knows knew received obtained aware information "
    "evidence details agree agreed agrees putting placing list remembers conceded concedes concede allege comes came "
    "conclusion finding findings answer reply view verdict reckoning guess tally figure recounts given used implied "
    "circulated offered advanced favoured favored accepted preferred argue contend maintain insist claiming stating "
    "reporting estimating noting alleging insisting arguing warning confirming announcing declaring acknowledging "
    "admitting held ruled heard arrives arrived arrive".split()
)
PERSIAN_CUES = {persian.normalise(cue) for cue in persian.SPEECH_CUES + persian.ACCORDING_TO_CUES + persian.REPORT_SOURCE_CUES}
# Verbs that give a number only when what they change is a count: "raised its count to 312" (not "raised concern")
REVISING = set("raised raises revised revises lowered lowers updated updates increased increases".split())
COUNT_OBJECT = re.compile(r"(?:its|their|the|his|her)\s+(?:[\w-]+\s+){0,2}?(?:count|toll|figure|estimate|tally|number|total)\b")

DIRECTIVE = re.compile(r"\s*to\s+[a-z]")
# "expressed concern that some 2,300 persons remained in detention": a that-clause, the voice's words (not "expressed
# concern at the execution of 312 prisoners", the outlet's description)
EXPRESSING = set("expressed expresses voiced voices".split())
EXPRESSED_THAT = re.compile(r"(?:[\w-]+\s+){0,2}?(?:concern|alarm|fears?|regret|doubts?|hope|dismay|outrage|shock)\s+that\b")

# "charged Hamid Nouri, a former assistant …, with …": the charge's object and its crime (not "charged that …")
CHARGED_WITH = re.compile(r"(?:[\w.’'-]+\s+){0,3}?[\w.’'-]+(?:,[^,;:.]{1,80},)?\s+with\s+")


def gives_number(cue: str | None, content: str | None = None) -> bool:
    """Whether a reporting cue gives the words that follow, a number among them, to its voice.

    A directive ("Khamenei told officials to do whatever it takes …") gives an order, not a
    number: what the outlet says followed from it is the outlet's.
    """
    if content and DIRECTIVE.match(content):
        return False
    words = (cue or "").lower().split()
    if words[:1] == ["as"]:
        words = words[1:]
    if words[:1] and words[0] in REVISING:
        return bool(content and COUNT_OBJECT.match(content))
    if words[:1] and words[0] in ("charged", "charges") and content and CHARGED_WITH.match(content):
        return False  # "charged Nouri with the murder of 100 prisoners": a prosecutor's act, not its count
    if words[:1] and words[0] in EXPRESSING:
        return bool(content and EXPRESSED_THAT.match(content))
    if cue and persian.normalise(cue) in PERSIAN_CUES:  # "X می‌گوید …", "به گفته X، …": a reporting clause
        return True
    return bool(words) and words[0] in NUMBER_CUES


def statement_at(statements: list[dict] | None, position: int) -> dict | None:
    """The statement holding document offset ``position`` (statements cover their passage)."""
    for statement in statements or ():
        if statement["start"] <= position < statement["end"]:
            return statement
    return None


def figure_voice(passage: dict, position: int) -> str | None:
    """Whether the passage's speaker says the figure at ``position``, and how; None: the outlet does.

    A tweet or a whole quotation is the speaker's throughout; elsewhere a figure is the
    speaker's inside quotation marks, or in the sentence whose reporting cue gives the number
    ("Amnesty said 5,000 …"); a figure the outlet words ("Robertson describes the massacre of
    over 30,000 … as …") or in the outlet's own sentences around them stays the outlet's.
    """
    if not passage.get("speaker_id"):
        return None
    if passage.get("kind") in ("tweet", "quote") or passage.get("attribution") == "tweet":
        return passage.get("attribution") or passage["kind"]
    text = passage["text"]
    if inside(position, quote_spans(text)):
        return "quotation"
    cue = (passage.get("attribution_cue") or "").split("…")[0].strip()
    if cue and cue not in ("colon", "signature") and gives_number(cue):
        sentence_start, sentence_end = sentence_around(text, position)
        if re.search(rf"\b{re.escape(cue)}\b", text[sentence_start:sentence_end], re.IGNORECASE):
            return "reported"
    return None


def sentence_around(text: str, position: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for match in SENTENCE_BREAK.finditer(text):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start() + 1
            break
    return start, end


def mention_rows(passage: dict, lexicon: Lexicon) -> list[dict]:
    """The mentions of one passage row. Pure."""
    return [
        {"passage_id": passage["id"], "actor_id": m.actor_id, "surface": m.surface, "name": m.name}
        for m in find_mentions(passage["text"], lexicon)
    ]


def create_schema(conn: sqlite3.Connection) -> None:
    """Empty the claims tables (creating any that are missing) and every passage's cluster."""
    schema.ensure_db_shape(conn, indexes=False, fts=False)
    for table in ("figures", "mentions", "reuse_clusters", "actors"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("UPDATE passages SET reuse_cluster_id = NULL WHERE reuse_cluster_id IS NOT NULL")


def create_indexes(conn: sqlite3.Connection) -> None:
    for table, columns in schema.INDEXES:
        if table in ("figures", "mentions", "reuse_clusters"):
            conn.execute(schema.create_index_sql(table, columns))


def derive_claims(conn: sqlite3.Connection, names_path: str | Path = "sources/names.yml",
                  indexes: bool = True) -> dict[str, int]:
    """Fill actors, figures, mentions, reuse_clusters and passages.reuse_cluster_id.

    Runs inside the caller's transaction if one is open. Returns row counts.
    """
    lexicon = load_lexicon(names_path) if Path(names_path).exists() else build_lexicon({})
    create_schema(conn)
    schema.insert_rows(conn, "actors", [a.row() for a in lexicon.actors.values()])
    counts = {"figures": 0, "mentions": 0}
    figures, mentions = [], []

    def inputs():
        cursor = conn.execute(
            "SELECT {} FROM passages ORDER BY rowid".format(", ".join(f'"{c}"' for c in PASSAGE_COLUMNS))
        )
        for values in cursor:
            passage = dict(zip(PASSAGE_COLUMNS, values))
            figures.extend(figure_rows(passage))
            mentions.extend(mention_rows(passage, lexicon))
            if len(figures) >= BATCH or len(mentions) >= BATCH:
                flush()
            yield ReuseInput(passage["id"], passage["document_id"], passage["publisher_id"],
                             passage["affiliation_id"], passage["published"], passage["text"])

    def flush():
        counts["figures"] += len(figures)
        counts["mentions"] += len(mentions)
        schema.insert_rows(conn, "figures", figures)
        schema.insert_rows(conn, "mentions", mentions)
        figures.clear()
        mentions.clear()

    clusters = find_clusters(inputs())
    flush()
    store.save_clusters(conn, clusters)
    if indexes:
        create_indexes(conn)
    counts["actors"] = len(lexicon.actors)
    counts["reuse_clusters"] = len(clusters)
    counts["passages_in_clusters"] = sum(c.size for c in clusters)
    return counts
