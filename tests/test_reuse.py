"""Reuse: near-duplicate passages across documents (MinHash + LSH, verified by containment)."""

from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from ingest import reuse
from ingest.reuse import (
    MIN_TOKENS,
    NUM_PERM,
    SEED,
    ReuseInput,
    find_clusters,
    segments,
    shingle_hashes,
    signatures,
    tokens,
)

ROOT = Path(__file__).resolve().parent.parent

QUOTE = (
    "The regional director said the detainees had been held for months without access to "
    "lawyers and that their families were never told where they were buried."
)
TWEET = (
    "Officials in the provincial capital have ordered the demolition of the old cemetery "
    "where hundreds of victims were secretly buried in unmarked graves. #Justice https://t.co/abc123"
)
STOCK = "crimes against humanity"


def inp(pid, doc, text, published=None, publisher=None, affiliation=None):
    return ReuseInput(pid, doc, publisher, affiliation, published, text)


def clustered(inputs):
    return [set(c.passage_ids) for c in find_clusters(inputs)]


# (name, passages as (passage_id, document_id, text), expected clusters as sets of passage ids)
CASES = [
    ("exact copy", [("a1", "A", QUOTE), ("b1", "B", QUOTE)], [{"a1", "b1"}]),
    (
        "a word changed",
        [("a1", "A", QUOTE), ("b1", "B", QUOTE.replace("never told", "not told"))],
        [{"a1", "b1"}],
    ),
    (
        "a sentence added",
        [("a1", "A", QUOTE),
         ("b1", "B", QUOTE + " The office did not respond to requests for comment on Tuesday.")],
        [{"a1", "b1"}],
    ),
    (
        "caption repeats a tweet",
        [("a1", "A", TWEET + "\n— Some Account (@someaccount) May 3, 2021"),
         ("b1", "B", "Photo: " + TWEET.split(" #")[0])],
        [{"a1", "b1"}],
    ),
    (
        "paragraph repeats a quote from another article",
        [("a1", "A", "“" + QUOTE + "”"),
         ("b1", "B", "Speaking at the conference in Geneva, she recalled the report: “" + QUOTE
          + "” She added that the government had ignored every appeal made since then by "
          "the relatives and by independent lawyers.")],
        [{"a1", "b1"}],
    ),
    (
        "three outlets, one chain",
        [("a1", "A", QUOTE), ("b1", "B", QUOTE), ("c1", "C", QUOTE.replace("months", "weeks"))],
        [{"a1", "b1", "c1"}],
    ),
    (
        "stock phrases shared by unrelated passages do not cluster",
        [("a1", "A", f"The court heard that the killings in the northern prisons were {STOCK} and "
                     "that the judges who signed the orders were never questioned."),
         ("b1", "B", f"Lawmakers in Brussels voted on Tuesday to describe the events as {STOCK}, "
                     "a move the foreign ministry rejected as interference."),
         ("c1", "C", "The 1988 massacre of political prisoners in Iran was discussed at length by "
                     "a panel of historians meeting in Paris last week."),
         ("d1", "D", "Survivors of the 1988 massacre of political prisoners in Iran gave evidence "
                     "to the tribunal over three days of hearings in The Hague.")],
        [],
    ),
    (
        "short passages are not candidates",
        [("a1", "A", "Follow us on Twitter and Facebook."), ("b1", "B", "Follow us on Twitter and Facebook.")],
        [],
    ),
    (
        "copies inside one document are not reuse between outlets",
        [("a1", "A", QUOTE), ("a2", "A", QUOTE)],
        [],
    ),
    (
        "unrelated passages",
        [("a1", "A", QUOTE), ("b1", "B", TWEET)],
        [],
    ),
]


@pytest.mark.parametrize("name,passages,expected", CASES, ids=[c[0] for c in CASES])
def test_cases(name, passages, expected):
    assert clustered([inp(p, d, t) for p, d, t in passages]) == expected


def test_cluster_fields_earliest_first():
    inputs = [
        inp("b1", "B", QUOTE, "2021-03-02", "pub-b", "ngo"),
        inp("a1", "A", QUOTE, "2021", "pub-a", "un"),  # a partial date sorts as its first day
        inp("c1", "C", QUOTE, None, "pub-b", "ngo"),  # unknown dates sort last
        inp("d1", "D", TWEET, "2019-01-01", "pub-d", "ngo"),
        inp("e1", "E", TWEET, "2018-05", "pub-e", None),
    ]
    first, second = find_clusters(inputs)
    assert first.passage_ids == ("e1", "d1")
    assert first.id == "reuse-e1" and first.first_published == "2018-05"
    assert first.affiliations == ("ngo",)
    assert second.passage_ids == ("a1", "b1", "c1")
    assert second.first_passage_id == "a1" and second.id == "reuse-a1"
    assert second.size == 3 and second.documents == ("A", "B", "C")
    assert second.publishers == ("pub-a", "pub-b") and second.affiliations == ("ngo", "un")
    assert second.row() == {
        "id": "reuse-a1", "size": 3, "documents": 3, "publishers": 2, "affiliations": 2,
        "first_published": "2021", "first_passage_id": "a1",
    }


def test_ids_do_not_depend_on_input_order():
    inputs = [inp("a1", "A", QUOTE), inp("b1", "B", QUOTE), inp("c1", "C", TWEET), inp("d1", "D", TWEET)]
    assert find_clusters(inputs) == find_clusters(list(reversed(inputs)))


def test_signatures_equal_datasketch():
    sets = [shingle_hashes(t) for t in segments(QUOTE + " " + TWEET)]
    ours = signatures(sets)
    for s, row in zip(sets, ours):
        m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
        m.update_batch(s.tolist())
        assert np.array_equal(m.hashvalues, row)


def test_segments_cut_quotes_and_drop_short_clauses():
    text = "He said: “We are concerned that the situation may amount to crimes against humanity.” Yes."
    assert segments(text) == [tokens("We are concerned that the situation may amount to crimes against humanity.")]
    assert all(len(s) >= MIN_TOKENS for s in segments(QUOTE + " " + TWEET))


def test_tokens():
    assert tokens("Khomeini’s fatwa #MEK https://t.co/x1 pic.twitter.com/Y2") == ["khomeini", "s", "fatwa", "mek"]


# The copies between seed articles (docs/reuse.md), with passages taken as the seeds' lines.
SEED_COPIES = [
    ("Iranian officials brazenly claim Khomeini’s fatwa still stands", {"000", "004"}),
    ("We are concerned that the situation may amount to crimes against humanity.", {"001", "004"}),
    ("Mojahedin Organization of Iran – MEK IRAN – YouTube", {"000", "002", "004"}),  # a footer
]


def seed_inputs():
    inputs = []
    for path in sorted((ROOT / "sources" / "articles").glob("*.txt")):
        doc = path.name[:3]
        lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        inputs += [inp(f"{doc}:{i:03d}", doc, line) for i, line in enumerate(lines)]
    return inputs


def test_seed_copies_found():
    inputs = seed_inputs()
    text = {i.passage_id: i.text for i in inputs}
    clusters = find_clusters(inputs)
    for phrase, documents in SEED_COPIES:
        matching = [c for c in clusters if all(phrase in text[p] for p in c.passage_ids)]
        assert len(matching) == 1, phrase
        assert set(matching[0].documents) == documents
    assert len(clusters) == len(SEED_COPIES)  # nothing else in the seeds clusters


def test_a_stock_phrase_with_common_words_around_it_is_not_a_copy():
    # Two sentences sharing a 13-word run: a stock phrase and the commonest words after it.
    # Seen in bench/reuse.py at 1M passages before shingle frequency was taken into account.
    a = shingle_hashes(tokens("Witnesses told the 1988 massacre of political prisoners in iran was in the news of"))
    b = shingle_hashes(tokens("Reporters said the 1988 massacre of political prisoners in iran was in the news of"))
    nothing_common = np.zeros(reuse.COMMON_BINS, dtype=bool)
    assert reuse._verified(a, b, nothing_common)  # on a small corpus: a copy
    common = nothing_common.copy()
    stock = shingle_hashes(tokens("said the 1988 massacre of political prisoners in iran was in the news of"))
    common[stock & np.uint32(reuse.COMMON_BINS - 1)] = True
    assert not reuse._verified(a, b, common)  # where those shingles are common: not a copy
    assert reuse._verified(a, a.copy(), common)  # an exact copy is one whatever its shingles


def test_pairs_verified_at_once_as_one_by_one():
    """``verify_batch`` (numpy, many pairs) decides every pair as ``_verified`` does: random
    sets around the thresholds, some sharing most of their shingles, some common shingles."""
    rng = np.random.default_rng(17)
    sets, pairs = [], []
    for _ in range(400):
        size = int(rng.integers(1, 40))
        a = np.unique(rng.integers(0, 5000, size).astype(np.uint32))
        keep = rng.random(len(a)) < rng.random()
        b = np.unique(np.concatenate((a[keep], rng.integers(0, 5000, int(rng.integers(0, 30))).astype(np.uint32))))
        pairs.append((len(sets), len(sets) + 1))
        sets += [a, b]
    pairs += [(int(i), int(j)) for i, j in rng.integers(0, len(sets), (200, 2))]
    common = np.zeros(reuse.COMMON_BINS, dtype=bool)
    common[rng.integers(0, 5000, 1500)] = True
    flat = np.concatenate(sets)
    offsets = np.concatenate(([0], np.cumsum([len(x) for x in sets]))).astype(np.int64)
    pairs = np.asarray(pairs, dtype=np.int64)
    batch = reuse.verify_batch(flat, offsets, pairs[:, 0], flat, offsets, pairs[:, 1], common)
    expected = [reuse._verified(sets[i], sets[j], common) for i, j in pairs.tolist()]
    assert batch.tolist() == expected
    assert 20 < sum(expected) < len(expected) - 20  # both outcomes are tested


def test_band_order_is_the_lexsort_of_keys_then_ranks():
    rng = np.random.default_rng(5)
    for n, keys in ((0, 1), (1, 1), (7, 3), (5000, 2000), (5000, 1 << 32)):
        col = rng.integers(0, keys, n, dtype=np.uint64).astype(np.uint32)
        rank = rng.integers(0, 4, n).astype(np.uint64)
        order, sorted_col = reuse.band_order(col, rank)
        assert order.tolist() == np.lexsort((rank, col)).tolist()
        assert sorted_col.tolist() == col[order].tolist()


def test_unique_is_numpys():
    rng = np.random.default_rng(9)
    for values in (np.zeros(0, dtype=np.int64), np.asarray([7], dtype=np.uint32), rng.integers(0, 50, 1000),
                   rng.integers(0, 1 << 62, 5000, dtype=np.uint64), rng.integers(0, 3, 100).astype(np.uint32)):
        got = reuse.unique(values)
        assert got.dtype == np.unique(values).dtype and got.tolist() == np.unique(values).tolist()


def test_band_rows_split_sorted_keys_by_prefix():
    keys = np.sort(np.random.default_rng(4).integers(0, 1 << 32, 3000, dtype=np.uint64).astype(np.uint32))
    rowids = np.arange(len(keys), dtype=np.uint32)
    rows = reuse.band_rows(keys, rowids, bits=6)
    assert sorted(rows) == np.unique(keys >> np.uint32(26)).tolist()
    assert np.concatenate([rows[p][0] for p in sorted(rows)]).tolist() == keys.tolist()
    assert np.concatenate([rows[p][1] for p in sorted(rows)]).tolist() == rowids.tolist()
    assert all((rows[p][0] >> np.uint32(26) == p).all() for p in rows)
    assert reuse.band_rows(keys[:0], rowids[:0], bits=6) == {}


def reference_pairs(columns, docs, ranks):
    """The candidate pairs as docs/reuse.md states them, bucket by bucket in plain Python."""
    found = set()
    for col in columns:
        buckets: dict = {}
        for segment, key in enumerate(col.tolist()):
            buckets.setdefault(key, []).append(segment)
        for members in buckets.values():
            members.sort(key=lambda s: (int(ranks[s]), s))
            if len(members) <= reuse.MAX_BUCKET:
                candidates = [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
            else:
                smallest = sorted({int(ranks[s]) for s in members})[:reuse.NEIGHBOURS]
                anchors = sum(1 for s in members if int(ranks[s]) in smallest)
                candidates = [(members[k], b) for k in range(anchors) for b in members[k + 1:]]
            found.update((min(a, b), max(a, b)) for a, b in candidates if docs[a] != docs[b])
    return sorted(found)


@pytest.mark.parametrize("n, alphabet, seed", [(0, 1, 1), (1, 1, 2), (300, 1000, 3), (400, 40, 4), (600, 3, 5), (700, 1, 6)])
def test_candidate_pairs_are_the_buckets_pairs(n, alphabet, seed):
    """Small buckets give every pair, big ones (over MAX_BUCKET) each member with the anchors;
    never two segments of one document."""
    rng = np.random.default_rng(seed)
    columns = [rng.integers(0, alphabet, n).astype(np.uint32) * np.uint32(2654435761) for _ in range(reuse.BANDS)]
    docs = rng.integers(0, max(1, n // 4), n).astype(np.int32)
    ranks = rng.integers(0, max(1, n // 2), n).astype(np.int32)  # passages with several segments
    pairs = reuse._candidate_pairs(lambda band: columns[band], docs, ranks)
    assert [tuple(p) for p in pairs.tolist()] == reference_pairs(columns, docs, ranks)


def test_dense_ranks_order_and_tie_as_the_ranks():
    ranks = np.asarray([2**63 + 5, 7, 2**64 - 1, 7, 0, 2**63 + 5], dtype=np.uint64)
    dense = reuse.dense_ranks(ranks)
    assert dense.dtype == np.int32 and dense.tolist() == [2, 1, 3, 1, 0, 2]
    assert reuse.dense_ranks(np.zeros(0, dtype=np.uint64)).tolist() == []


def test_passage_ids_keep_every_id_and_its_rank():
    ids = reuse.PassageIds()
    ids.extend(["a-1", "é-2"])
    ids.append("b-3")
    assert len(ids) == 3 and list(ids) == ["a-1", "é-2", "b-3"] and ids[1] == "é-2" and ids[-1] == "b-3"
    assert list(ids.ranks) == [reuse.passage_rank(p) for p in ["a-1", "é-2", "b-3"]]
    ids.extend([4, "c-5"])  # an id that is not a str: every id kept as given
    assert list(ids) == ["a-1", "é-2", "b-3", 4, "c-5"] and ids[3] == 4
    assert list(ids.ranks) == [reuse.passage_rank(p) for p in ["a-1", "é-2", "b-3", 4, "c-5"]]
    with pytest.raises(IndexError):
        ids[5]


def copied_corpus(n=400, seed=3):
    """Passages of random words, every fifth one a copy (some edited) of an earlier one in another document."""
    rng = np.random.default_rng(seed)
    words = [f"word{i}" for i in range(300)]
    texts = []
    for i in range(n):
        if i > 10 and i % 5 == 0:
            text = texts[int(rng.integers(0, i - 5))]
            if i % 2:
                text = text.replace(text.split()[3], "changed", 1)
        else:
            text = ". ".join(" ".join(rng.choice(words, int(rng.integers(10, 30)))) for _ in range(int(rng.integers(1, 4))))
        texts.append(text)
    return [inp(f"p{i}", f"d{i // 4}", text) for i, text in enumerate(texts)]


def test_spilled_index_verified_block_by_block_as_in_memory(tmp_path, monkeypatch):
    """With a scratch folder the shingles are read back one block pair at a time: the same
    clusters and verified pairs as in memory, however small the blocks."""
    inputs = copied_corpus()
    memory = reuse.ReuseIndex()
    memory.add(inputs)
    expected = memory.clusters()
    assert len(expected) > 10
    for block in (64, 1000, 1 << 23):
        monkeypatch.setattr(reuse, "VERIFY_BLOCK", block)
        monkeypatch.setattr(reuse, "VERIFY_PAIRS", 7)
        spilled = reuse.ReuseIndex(scratch=tmp_path / f"scratch-{block}")
        spilled.CHUNK_SEGMENTS = 50  # several chunks written
        for start in range(0, len(inputs), 37):
            spilled.add(inputs[start:start + 37])
        assert spilled.clusters() == expected
        assert spilled.edges.tolist() == memory.edges.tolist()


def test_segments_part_at_clause_ends_after_closing_quotes_and_brackets():
    clause = "the families of the victims still ask where their relatives are buried"
    text = f"{clause}.” {clause}!) {clause}?\n{clause}; {clause}:{clause}"
    assert segments(text) == [tokens(clause)] * 4 + [tokens(f"{clause}:{clause}")]
