"""Claims and copies: fill figures, mentions, actors and reuse_clusters from the passages table.

``derive_claims(conn)`` is the one call the build makes, after the passages are stored and
before the indexes are built (``store.finish``). It reads ``passages`` once, in rowid order,
writes ``figures`` and ``mentions`` as it goes, then finds the reuse clusters
(``ingest.reuse``), writes ``reuse_clusters`` and sets ``passages.reuse_cluster_id``.
The text stages it calls (figures, names, reuse) know no database.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import sqlite_utils

from .attribute import SENTENCE_END as SENTENCE_BREAK, inside, quote_spans
from .figures import find_figures
from .names import Lexicon, build_lexicon, find_mentions, load_lexicon
from .reuse import ReuseInput, find_clusters

# table -> (columns in order, primary key, foreign keys), as in store.TABLES
TABLES: dict[str, tuple[dict[str, type], str | None, list[tuple[str, str]]]] = {
    "actors": ({"id": str, "name": str, "description": str}, "id", []),
    "figures": (
        {
            "id": str, "passage_id": str, "text": str, "low": int, "high": int,
            "approximate": int, "counts": str, "speaker_id": str, "publisher_id": str,
            "affiliation_id": str, "speaker_affiliation_id": str, "published": str, "voice": str,
        },
        "id",
        [
            ("passage_id", "passages"), ("speaker_id", "speakers"), ("publisher_id", "publishers"),
            ("affiliation_id", "affiliations"), ("speaker_affiliation_id", "affiliations"),
        ],
    ),
    "mentions": (
        {"id": int, "passage_id": str, "actor_id": str, "surface": str, "name": str},
        "id",
        [("passage_id", "passages"), ("actor_id", "actors")],
    ),
    "reuse_clusters": (
        {
            "id": str, "size": int, "documents": int, "publishers": int, "affiliations": int,
            "first_published": str, "first_passage_id": str,
        },
        "id",
        [("first_passage_id", "passages")],
    ),
}
INDEXES = [
    ("figures", ["passage_id"]),
    ("figures", ["counts"]),
    ("figures", ["affiliation_id"]),
    ("figures", ["speaker_affiliation_id"]),
    ("mentions", ["passage_id"]),
    ("mentions", ["actor_id", "name"]),
    ("passages", ["reuse_cluster_id"]),
    ("reuse_clusters", ["first_published"]),
]
PASSAGE_COLUMNS = (
    "id", "document_id", "kind", "publisher_id", "affiliation_id", "published", "speaker_id",
    "speaker_affiliation_id", "attribution", "attribution_cue", "text",
)
BATCH = 5000


def figure_rows(passage: dict) -> list[dict]:
    """The figures of one passage row, with the channel and, where it says them, the voice. Pure."""
    rows = []
    for figure in find_figures(passage["text"]):
        voice = figure_voice(passage, figure.start)
        rows.append({
            "id": f"{passage['id']}:{figure.start}",
            "passage_id": passage["id"],
            "text": figure.text,
            "low": figure.low,
            "high": figure.high,
            "approximate": int(figure.approximate),
            "counts": figure.counts,
            "speaker_id": passage.get("speaker_id") if voice else None,
            "publisher_id": passage.get("publisher_id"),
            "affiliation_id": passage.get("affiliation_id"),
            "speaker_affiliation_id": passage.get("speaker_affiliation_id") if voice else None,
            "published": passage.get("published"),
            "voice": voice,
        })
    return rows


def figure_voice(passage: dict, position: int) -> str | None:
    """Whether the passage's speaker says the figure at ``position``, and how; None: the outlet does.

    A tweet or a whole quotation is the speaker's throughout; elsewhere a figure is the
    speaker's inside quotation marks, or in the sentence that carries the reporting cue
    ("Robertson describes the massacre of over 30,000 …"); a figure in the outlet's own
    sentences around them stays the outlet's.
    """
    if not passage.get("speaker_id"):
        return None
    if passage.get("kind") in ("tweet", "quote") or passage.get("attribution") == "tweet":
        return passage.get("attribution") or passage["kind"]
    text = passage["text"]
    if inside(position, quote_spans(text)):
        return "quotation"
    cue = (passage.get("attribution_cue") or "").split("…")[0].strip()
    if cue and cue not in ("colon", "signature"):
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


def _insert(conn, table, rows):
    if not rows:
        return
    columns = [c for c in TABLES[table][0] if c in rows[0]]
    conn.executemany(
        'INSERT INTO "{}" ({}) VALUES ({})'.format(
            table, ", ".join(f'"{c}"' for c in columns), ", ".join("?" for _ in columns)
        ),
        ([row.get(c) for c in columns] for row in rows),
    )
    rows.clear()


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the claims tables (dropping old ones) and passages.reuse_cluster_id if missing."""
    db = sqlite_utils.Database(conn)
    for table in TABLES:
        if db[table].exists():
            db[table].drop()
    for table, (columns, pk, foreign_keys) in TABLES.items():
        db[table].create(columns, pk=pk, foreign_keys=foreign_keys)
    if "reuse_cluster_id" not in db["passages"].columns_dict:
        # a foreign key, so a passage's page links to its cluster, whose page lists the others
        conn.execute('ALTER TABLE passages ADD COLUMN "reuse_cluster_id" TEXT REFERENCES reuse_clusters(id)')
    else:
        conn.execute("UPDATE passages SET reuse_cluster_id = NULL")


def create_indexes(conn: sqlite3.Connection) -> None:
    for table, columns in INDEXES:
        name = f"idx_{table}_{'_'.join(columns)}"
        quoted = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({quoted})')


def derive_claims(conn: sqlite3.Connection, names_path: str | Path = "sources/names.yml",
                  indexes: bool = True) -> dict[str, int]:
    """Fill actors, figures, mentions, reuse_clusters and passages.reuse_cluster_id.

    Runs inside the caller's transaction if one is open. Returns row counts.
    """
    lexicon = load_lexicon(names_path) if Path(names_path).exists() else build_lexicon({})
    create_schema(conn)
    _insert(conn, "actors", [a.row() for a in lexicon.actors.values()])
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
        _insert(conn, "figures", figures)
        _insert(conn, "mentions", mentions)

    clusters = find_clusters(inputs())
    flush()
    _insert(conn, "reuse_clusters", [c.row() for c in clusters])
    conn.executemany(
        "UPDATE passages SET reuse_cluster_id = ? WHERE id = ?",
        ((c.id, pid) for c in clusters for pid in c.passage_ids),
    )
    if indexes:
        create_indexes(conn)
    counts["actors"] = len(lexicon.actors)
    counts["reuse_clusters"] = len(clusters)
    counts["passages_in_clusters"] = sum(c.size for c in clusters)
    return counts
