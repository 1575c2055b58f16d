"""Passages that travel between documents: near-duplicates found with MinHash + LSH.

``find_clusters(passages)`` is pure: ``ReuseInput`` records in, ``Cluster`` records out.

How (docs/reuse.md has the reasoning and the measured costs):

1. Each passage is cut into *segments* at sentence and clause ends (``. ! ? : ;``), at line
   breaks and at double quotation marks, so that a quote repeated inside a longer paragraph, or a
   tweet repeated as a caption, is a unit of its own. Segments longer than ``WINDOW_OVER`` tokens
   are covered by overlapping windows of ``WINDOW`` tokens. Tokens are lower-cased words
   (URLs and ``#``/``@`` signs dropped, curly and straight apostrophes alike).
2. Segments shorter than ``MIN_TOKENS`` tokens are not candidates: stock phrases ("crimes
   against humanity", "the 1988 massacre of political prisoners") are shorter than that.
3. Each segment's set of word 3-shingles gets a MinHash signature (datasketch's ``affine32``
   scheme, computed for many segments at once; a test checks it equals ``datasketch.MinHash``).
   The signature is cut into ``BANDS`` bands of ``ROWS`` rows; segments that agree on a band
   fall into one bucket (LSH). Buckets are found by sorting one band column at a time, so the cost
   is O(n log n) per band and no pair of segments is compared unless they share a bucket.
4. A candidate pair of segments from two different documents is *verified* when the shorter
   one's shingles are at least ``MIN_CONTAINMENT`` contained in the longer one's and they share at
   least ``MIN_SHARED`` shingles (containment ``|A ∩ B| / min(|A|, |B|) >= 0.7``), counting only
   shingles that are not common in the corpus (a stock phrase and the commonest words around it
   do not make a copy); or at containment ``NEAR_IDENTICAL`` (0.9) whatever the shingles.
5. Passages joined by a verified pair are merged (union-find); a cluster is kept when it spans at
   least two documents.
"""

from __future__ import annotations

import hashlib
import itertools
import mmap
import os
import re
import time
from array import array
import zlib
from dataclasses import dataclass
from typing import Iterable

import numpy as np

SHINGLE = 3  # words per shingle
MIN_TOKENS = 10  # a segment shorter than this is not a candidate
WINDOW_OVER = 40  # segments longer than this are covered by windows
WINDOW = 30
STRIDE = 15
NUM_PERM = 128
BANDS = 32
ROWS = 4  # BANDS * ROWS == NUM_PERM; P(candidate | Jaccard s) = 1 - (1 - s**4)**32
MIN_CONTAINMENT = 0.7
MIN_SHARED = 8
NEAR_IDENTICAL = 0.9  # containment that verifies whatever the shingles' frequency
COMMON_SHARE = 0.001  # a shingle in more than this share of segments is common ...
COMMON_MIN = 1000  # ... and in more than this many
COMMON_BINS = 1 << 22  # hashed counters for shingle frequency (16 MB of uint32; a bin sums
# the counts of the shingles that share it, far below the threshold for rare ones)
MAX_BUCKET = 50  # a bigger bucket pairs each member with its NEIGHBOURS next members only
NEIGHBOURS = 5
SEED = 1
ROW_KEYS = 256  # the stored LSH index splits each band's keys by their first bits, about this many keys a row
MAX_PREFIX_BITS = 16
VERIFY_PAIRS = 16_384  # candidate pairs verified at once (numpy): bounds the working memory (a few 10 MB)
VERIFY_BLOCK = 1 << 22  # shingles (16 MB) per block of the spilled shingles: pairs are verified
# block pair by block pair, each side a map of its block only, so that the pages mapped in (the
# kernel maps 64 KB around each page read) stay under two blocks, not the whole file
BATCH_SHINGLES = 32_768  # shingles hashed per numpy batch: bounds the working memory (x NUM_PERM x 4 bytes)

URL_RE = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S+", re.IGNORECASE)
# a clause's end takes its punctuation mark with it (no token has one). Written as one character
# set first, each alternative checking it by a look-behind, so that re finds the set by a fast
# scan (an alternation of sets, r"[.!?:;][\"”’)\]]*\s+|\n+|[\"“”«»]+", the same matches, is tried at
# every position: 3x slower)
SEGMENT_END = re.compile(r"[.!?:;\n\"“”«»](?:(?<=[.!?:;])[\"”’)\]]*\s+|(?<=\n)\n*|(?<=[\"“”«»])[\"“”«»]*)")
TOKEN_RE = re.compile(r"[^\W_]+")

def _permutations(seed: int, num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations (a odd, b) of ``datasketch.MinHash(num_perm, seed, scheme="affine32")``,
    drawn the same way without importing datasketch (it loads scipy: 0.7 s at every start);
    ``tests/test_reuse.py`` checks the signatures still equal datasketch's."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_A, _B = _permutations(SEED, NUM_PERM)


def unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-d array (its distinct values, sorted), by sorting. numpy 2 finds them
    with a hash table: 30-100 times slower here (250 ms against 4.5 ms for 500,000 integers)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


@dataclass
class ReuseInput:
    passage_id: object
    document_id: object
    publisher_id: str | None
    affiliation_id: str | None
    published: str | None  # ISO date, possibly partial ("2020", "2020-09"); None if unknown
    text: str


@dataclass
class Cluster:
    id: str
    passage_ids: tuple
    size: int
    documents: tuple
    publishers: tuple
    affiliations: tuple
    first_published: str | None
    first_passage_id: object

    def row(self) -> dict:
        """The ``reuse_clusters`` row: counts of distinct documents, publishers, affiliations."""
        return {
            "id": self.id,
            "size": self.size,
            "documents": len(self.documents),
            "publishers": len(self.publishers),
            "affiliations": len(self.affiliations),
            "first_published": self.first_published,
            "first_passage_id": self.first_passage_id,
        }


def _drop_urls(text: str) -> str:
    if "://" in text or "pic.twitter" in text or "www." in text:
        return URL_RE.sub(" ", text)
    return text


def tokens(text: str) -> list[str]:
    """Lower-cased words; URLs dropped; '#MEK' -> 'mek'; 'Khomeini’s' -> 'khomeini', 's'."""
    return TOKEN_RE.findall(_drop_urls(text).lower())


def segments(text: str) -> list[list[str]]:
    """The token lists compared: clauses of at least MIN_TOKENS tokens, long ones windowed."""
    out = []
    for piece in SEGMENT_END.split(_drop_urls(text).lower()):
        toks = TOKEN_RE.findall(piece)
        if len(toks) < MIN_TOKENS:
            continue
        if len(toks) <= WINDOW_OVER:
            out.append(toks)
            continue
        starts = list(range(0, len(toks) - WINDOW + 1, STRIDE))
        if starts[-1] + WINDOW < len(toks):
            starts.append(len(toks) - WINDOW)
        out.extend(toks[s : s + WINDOW] for s in starts)
    return out


def _token_hash(tok: str) -> int:
    return zlib.crc32(tok.encode("utf-8"))


def shingle_hashes(toks: list[str]) -> np.ndarray:
    """Sorted unique uint32 hashes of the word 3-shingles of ``toks``."""
    h = np.fromiter((_token_hash(t) for t in toks), dtype=np.uint64, count=len(toks))
    flat, _ = shingle_sets(h, [len(toks)])
    return flat


def shingle_sets(token_hashes: np.ndarray, seg_lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Shingle sets of many segments at once.

    ``token_hashes`` holds the segments' token hashes end to end, ``seg_lengths`` their token
    counts. Returns the sets end to end (each sorted, unique; uint32) and their lengths.
    """
    n = len(seg_lengths)
    lengths = np.asarray(seg_lengths, dtype=np.int64)
    seg_of_token = np.repeat(np.arange(n, dtype=np.uint64), lengths)
    h = token_hashes
    with np.errstate(over="ignore"):
        mixed = h[:-2] * np.uint64(0x9E3779B97F4A7C15) ^ h[1:-1] * np.uint64(0xC2B2AE3D27D4EB4F) ^ h[2:]
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    same = seg_of_token[:-2] == seg_of_token[2:]  # all three words in one segment
    coded = unique((seg_of_token[:-2][same] << np.uint64(32)) | (mixed[same] & np.uint64(0xFFFFFFFF)))
    flat = (coded & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    counts = np.bincount((coded >> np.uint64(32)).astype(np.int64), minlength=n)
    return flat, counts


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch's affine32 scheme applies it."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signatures(sets: list[np.ndarray]) -> np.ndarray:
    """MinHash signatures (len(sets) x NUM_PERM, uint32) of non-empty uint32 hash sets.

    Equal to ``datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int,
    scheme="affine32")`` updated with the same values, computed for a batch at once.
    """
    return signatures_flat(np.concatenate(sets), np.asarray([len(s) for s in sets]))


def signatures_flat(flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``signatures`` of sets given end to end (``flat``) with their ``lengths`` (all > 0)."""
    out = np.empty((len(lengths), NUM_PERM), dtype=np.uint32)
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    i = 0
    with np.errstate(over="ignore"):
        while i < len(lengths):
            # as many sets as fit in BATCH_SHINGLES shingles (at least one)
            j = max(i + 1, int(np.searchsorted(offsets, offsets[i] + BATCH_SHINGLES, side="right")) - 1)
            hv = _fmix32(flat[offsets[i] : offsets[j]])[None, :]
            phv = _A[:, None] * hv + _B[:, None]  # NUM_PERM x shingles: rows reduce faster
            out[i:j] = np.minimum.reduceat(phv, offsets[i:j] - offsets[i], axis=1).T
            i = j
    return out


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """One uint32 key per band (len(sigs) x BANDS): a hash of the band's ROWS values."""
    s = sigs.reshape(len(sigs), BANDS, ROWS).astype(np.uint64)
    key = np.zeros((len(sigs), BANDS), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            key = (key ^ s[:, :, r]) * np.uint64(0x100000001B3)
            key ^= key >> np.uint64(31)
    return (key & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _sort_key(published, passage_id):
    return (published is None, published or "", passage_id)


@dataclass
class Sketch:
    """The segments of a batch of passages, sketched: what clustering needs, without the text.

    ``passage`` gives each segment's passage (an index into the batch), ``lengths`` its number
    of shingles, ``shingles`` the shingle sets end to end and ``keys`` the LSH band keys
    (segments x BANDS). Computed per document in the build's worker pool.
    """

    passages: int
    passage: np.ndarray
    lengths: np.ndarray
    shingles: np.ndarray
    keys: np.ndarray


class _TokenHashes(dict):
    """token -> ``_token_hash(token)``, computed on first use (looked up by ``map``: no Python
    loop per token)."""

    def __missing__(self, token: str) -> int:
        value = self[token] = _token_hash(token)
        return value


_TOKEN_CACHE = _TokenHashes()


def sketch(texts: list[str]) -> Sketch:
    """The segments of ``texts`` with their shingle sets and band keys. Pure."""
    token_hashes: list[int] = []
    seg_lengths: list[int] = []
    seg_passage: list[int] = []
    cache = _TOKEN_CACHE
    if len(cache) > 2_000_000:  # bound the cache
        cache.clear()
    lookup = cache.__getitem__
    for index, text in enumerate(texts):
        for toks in segments(text):
            token_hashes.extend(map(lookup, toks))
            seg_lengths.append(len(toks))
            seg_passage.append(index)
    if not seg_lengths:
        empty = np.zeros(0, dtype=np.int64)
        return Sketch(len(texts), empty, empty, np.zeros(0, dtype=np.uint32), np.zeros((0, BANDS), dtype=np.uint32))
    flat, counts = shingle_sets(np.asarray(token_hashes, dtype=np.uint64), seg_lengths)
    return Sketch(len(texts), np.asarray(seg_passage, dtype=np.int64), counts.astype(np.int64), flat,
                  band_keys(signatures_flat(flat, counts)))


def passage_shingles(sketched: Sketch) -> list[bytes]:
    """Each passage's distinct shingles (uint32, little-endian), as stored for updates."""
    owner = np.repeat(sketched.passage.astype(np.uint64), sketched.lengths)
    coded = unique((owner << np.uint64(32)) | sketched.shingles.astype(np.uint64))  # by passage, then value
    data = (coded & np.uint64(0xFFFFFFFF)).astype("<u4").tobytes()
    bounds = (4 * np.searchsorted(coded >> np.uint64(32), np.arange(sketched.passages + 1, dtype=np.uint64))).tolist()
    return [data[bounds[p]:bounds[p + 1]] for p in range(sketched.passages)]


def concat_sketches(parts: list[tuple[int, Sketch]]) -> Sketch:
    """One sketch of several batches: (number of passages, sketch) each, passages numbered on."""
    passage, lengths, shingles, keys, offset = [], [], [], [], 0
    for count, part in parts:
        passage.append(part.passage + offset)
        lengths.append(part.lengths)
        shingles.append(part.shingles)
        keys.append(part.keys.reshape(-1, BANDS))
        offset += count
    if not parts:
        return sketch([])
    return Sketch(offset, np.concatenate(passage), np.concatenate(lengths), np.concatenate(shingles), np.concatenate(keys))


def prefix_bits(segments: int) -> int:
    """How many first bits of a key choose its stored row: about ROW_KEYS keys a row."""
    return int(min(MAX_PREFIX_BITS, max(4, np.ceil(np.log2(max(segments, 1) / ROW_KEYS)))))


def band_rows(sorted_keys: np.ndarray, rowids: np.ndarray, bits: int = 16) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """A band's keys (sorted) and their passages' rowids, split by the keys' first ``bits`` bits."""
    prefixes = sorted_keys >> np.uint32(32 - bits)
    starts = np.flatnonzero(np.concatenate(([True], prefixes[1:] != prefixes[:-1]))) if len(prefixes) else np.zeros(0, dtype=np.int64)
    values = prefixes[starts]
    ends = list(starts[1:]) + [len(sorted_keys)]
    return {int(v): (sorted_keys[a:b], rowids[a:b]) for v, a, b in zip(values, starts, ends)}


def prefix_of(keys: np.ndarray, bits: int = 16) -> np.ndarray:
    return keys >> np.uint32(32 - bits)


def verified_pairs(a: Sketch, b: Sketch, pairs, common: np.ndarray) -> list[tuple[int, int]]:
    """The candidate (segment of a, segment of b) pairs that verify, as (passage of a, passage of b)."""
    a_offsets = np.concatenate(([0], np.cumsum(a.lengths))).astype(np.int64)
    b_offsets = np.concatenate(([0], np.cumsum(b.lengths))).astype(np.int64)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    found = []
    for start in range(0, len(pairs), VERIFY_PAIRS):
        part = pairs[start:start + VERIFY_PAIRS]
        ok = verify_batch(a.shingles, a_offsets, part[:, 0], b.shingles, b_offsets, part[:, 1], common)
        found += zip(a.passage[part[ok, 0]].tolist(), b.passage[part[ok, 1]].tolist())
    return found


def _gather(flat: np.ndarray, offsets: np.ndarray, segments: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shingles of ``segments`` end to end, and for each the number of its pair (0, 1, ...)."""
    starts = offsets[segments]
    lengths = offsets[segments + 1] - starts
    pair = np.repeat(np.arange(len(segments), dtype=np.int64), lengths)
    positions = np.arange(len(pair), dtype=np.int64) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return np.asarray(flat[positions], dtype=np.uint32), pair


def verify_batch(flat_a: np.ndarray, offsets_a: np.ndarray, segments_a: np.ndarray, flat_b: np.ndarray,
                 offsets_b: np.ndarray, segments_b: np.ndarray, common: np.ndarray) -> np.ndarray:
    """``_verified`` of many candidate pairs at once: True where segment ``segments_a[k]`` (its
    shingles ``flat_a[offsets_a[i]:offsets_a[i + 1]]``, sorted and unique) and ``segments_b[k]``
    make a copy. The same test, counted for all pairs by one ``searchsorted``: each pair's
    shingles keyed by the pair's number are sorted end to end."""
    count = len(segments_a)
    if not count:
        return np.zeros(0, dtype=bool)
    values_a, pair_a = _gather(flat_a, offsets_a, np.asarray(segments_a, dtype=np.int64))
    values_b, pair_b = _gather(flat_b, offsets_b, np.asarray(segments_b, dtype=np.int64))
    keys_a = (pair_a.astype(np.uint64) << np.uint64(32)) | values_a.astype(np.uint64)
    keys_b = (pair_b.astype(np.uint64) << np.uint64(32)) | values_b.astype(np.uint64)
    at = np.minimum(np.searchsorted(keys_a, keys_b), len(keys_a) - 1)
    hit = keys_a[at] == keys_b
    mask = np.uint32(COMMON_BINS - 1)
    rare_values_b = ~common[values_b & mask]
    length_a = np.bincount(pair_a, minlength=count)
    length_b = np.bincount(pair_b, minlength=count)
    shared = np.bincount(pair_b[hit], minlength=count)
    rare_a = np.bincount(pair_a, weights=~common[values_a & mask], minlength=count)
    rare_b = np.bincount(pair_b, weights=rare_values_b, minlength=count)
    rare_shared = np.bincount(pair_b[hit], weights=rare_values_b[hit], minlength=count)
    enough = shared >= MIN_SHARED
    near = shared >= NEAR_IDENTICAL * np.minimum(length_a, length_b)
    rare = (rare_shared >= MIN_SHARED) & (rare_shared >= MIN_CONTAINMENT * np.minimum(rare_a, rare_b))
    return enough & (near | rare)


class PassageIds:
    """The passage ids of a ``ReuseIndex``, in order, kept compactly, with each one's rank
    (``passage_rank``, computed as it comes). Ids that are all ``str`` are kept as UTF-8 end to end
    with their end offsets: about 30 bytes an id of 21 characters, against about 80 in a list
    (80 MB at a million passages); once an id is not a ``str``, every id is kept in a list."""

    def __init__(self):
        self.data = bytearray()
        self.ends = array("q")
        self.objects: list | None = None
        self.ranks = array("Q")

    def __len__(self) -> int:
        return len(self.ranks)

    def extend(self, ids) -> None:
        ids = list(ids)
        if self.objects is None and all(type(i) is str for i in ids):
            encoded = [i.encode("utf-8") for i in ids]
            self.ranks.extend([_rank_of(e) for e in encoded])
            self.ends.extend(itertools.islice(itertools.accumulate(map(len, encoded), initial=len(self.data)), 1, None))
            self.data += b"".join(encoded)
            return
        if self.objects is None:
            self.objects = list(self)
            self.data, self.ends = bytearray(), array("q")
        self.objects.extend(ids)
        self.ranks.extend([passage_rank(i) for i in ids])

    def append(self, passage_id) -> None:
        self.extend((passage_id,))

    def __getitem__(self, i: int):
        if self.objects is not None:
            return self.objects[i]
        i = range(len(self))[i]  # negative indexes and bounds as a list's
        return self.data[self.ends[i - 1] if i else 0:self.ends[i]].decode("utf-8")

    def __iter__(self):
        if self.objects is not None:
            return iter(self.objects)
        return (self[i] for i in range(len(self)))


class ReuseIndex:
    """Passages added batch by batch (their channel and a ``Sketch``), clustered at the end.

    Sketches are gathered into chunks of about CHUNK_SEGMENTS segments. With a ``scratch``
    folder the chunks' band keys (one file per band) and shingles go to files there, so the
    writer's memory holds only a few bytes per passage and segment; without, they stay in memory.
    """

    CHUNK_SEGMENTS = 1 << 16

    def __init__(self, scratch=None):
        # Kept per passage (no text): its id, and small indexes into tables of distinct values.
        self.passage_ids = PassageIds()
        self.passage_doc = array("i")  # 4 bytes each (C int): indexes into ``interned``
        self.passage_pub = array("i")
        self.passage_aff = array("i")
        self.passage_date = array("i")
        self.interned: dict[str, dict] = {"doc": {}, "pub": {}, "aff": {}, "date": {}}
        self.seg_passage: list[np.ndarray] = []  # segment -> passage index, per chunk
        self.seg_len: list[np.ndarray] = []  # segment -> number of shingles, per chunk
        self.bins = np.zeros(COMMON_BINS, dtype=np.uint32)  # shingle frequency counts
        self.segments = 0
        self.scratch = scratch
        self.pending: list[tuple[int, Sketch]] = []
        self.pending_segments = 0
        self.flat_chunks: list[np.ndarray] = []  # in memory (no scratch)
        self.keys_chunks: list[np.ndarray] = []
        if scratch is not None:
            os.makedirs(scratch, exist_ok=True)
            self.flat_file = open(os.path.join(scratch, "shingles.u32"), "wb")
            self.band_files = [open(os.path.join(scratch, f"band-{band:02d}.u32"), "wb") for band in range(BANDS)]

    def _intern(self, kind, value):
        table = self.interned[kind]
        return table.setdefault(value, len(table))

    def add(self, passages: list[ReuseInput], sketched: Sketch | None = None) -> None:
        """Add passages (``text`` may be empty when ``sketched`` is given: their sketch)."""
        sketched = sketched if sketched is not None else sketch([p.text for p in passages])
        first = len(self.passage_ids)
        self.passage_ids.extend([p.passage_id for p in passages])
        for p in passages:
            self.passage_doc.append(self._intern("doc", p.document_id))
            self.passage_pub.append(self._intern("pub", p.publisher_id))
            self.passage_aff.append(self._intern("aff", p.affiliation_id))
            self.passage_date.append(self._intern("date", p.published))
        self._pend(first, sketched)

    def add_document(self, passage_ids: list, document_id, publisher_id, affiliation_id, published,
                     sketched: Sketch) -> None:
        """``add`` of passages that share their document, publisher, affiliation and date (one
        document's): the same, without a record per passage."""
        first = len(self.passage_ids)
        count = len(passage_ids)
        if not count:
            return
        self.passage_ids.extend(passage_ids)
        self.passage_doc.extend(array("i", (self._intern("doc", document_id),)) * count)
        self.passage_pub.extend(array("i", (self._intern("pub", publisher_id),)) * count)
        self.passage_aff.extend(array("i", (self._intern("aff", affiliation_id),)) * count)
        self.passage_date.extend(array("i", (self._intern("date", published),)) * count)
        self._pend(first, sketched)

    def _pend(self, first: int, sketched: Sketch) -> None:
        if len(sketched.lengths):
            self.pending.append((first, sketched))
            self.pending_segments += len(sketched.lengths)
            if self.pending_segments >= self.CHUNK_SEGMENTS:
                self._consolidate()

    def _consolidate(self) -> None:
        if not self.pending:
            return
        small = np.int32 if len(self.passage_ids) < 1 << 31 else np.int64  # 4 bytes a segment, not 8
        seg_passage = np.concatenate([(part.passage + first).astype(small) for first, part in self.pending])
        seg_len = np.concatenate([part.lengths for _, part in self.pending]).astype(np.int32)
        flat = np.concatenate([part.shingles for _, part in self.pending])
        keys = np.concatenate([part.keys.reshape(-1, BANDS) for _, part in self.pending])
        self.pending, self.pending_segments = [], 0
        self.seg_passage.append(seg_passage)
        self.seg_len.append(seg_len)
        self.segments += len(seg_len)
        self.bins += np.bincount(flat & np.uint32(COMMON_BINS - 1), minlength=COMMON_BINS).astype(np.uint32)
        if self.scratch is None:
            self.flat_chunks.append(flat)
            self.keys_chunks.append(keys)
        else:
            self.flat_file.write(flat.astype("<u4").tobytes())
            for band in range(BANDS):
                self.band_files[band].write(np.ascontiguousarray(keys[:, band]).astype("<u4").tobytes())

    def finish_adding(self) -> None:
        self._consolidate()
        if self.scratch is not None and not self.flat_file.closed:
            self.flat_file.close()
            for handle in self.band_files:
                handle.close()

    def band_column(self, band: int) -> np.ndarray:
        """Every segment's key in ``band``, in segment order."""
        if self.scratch is None:
            return np.concatenate([chunk[:, band] for chunk in self.keys_chunks]) if self.keys_chunks else np.zeros(0, dtype=np.uint32)
        return np.fromfile(self.band_files[band].name, dtype="<u4")

    def shingles(self, lo: int = 0, hi: int | None = None) -> np.ndarray:
        """The shingles ``lo:hi`` of every segment's shingles end to end (with a scratch folder:
        a read-only map of that stretch of the scratch file only)."""
        if self.scratch is None:
            if len(self.flat_chunks) != 1:
                self.flat_chunks = [np.concatenate(self.flat_chunks) if self.flat_chunks else np.zeros(0, dtype=np.uint32)]
            return self.flat_chunks[0][lo:hi]
        total = os.path.getsize(self.flat_file.name) // 4
        hi = total if hi is None else min(hi, total)
        if hi <= lo:
            return np.zeros(0, dtype=np.uint32)
        first = 4 * lo // mmap.ALLOCATIONGRANULARITY * mmap.ALLOCATIONGRANULARITY  # a map starts on a page
        with open(self.flat_file.name, "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 4 * hi - first, access=mmap.ACCESS_READ, offset=first)
        return np.frombuffer(mapped, dtype="<u4")[(4 * lo - first) // 4:]  # a plain array over the map

    def clusters(self, stats: dict | None = None, on_band=None) -> list[Cluster]:
        """The clusters; afterwards ``edges``, ``bins`` and ``segments`` hold what an update needs."""
        stats = {} if stats is None else stats
        self.finish_adding()
        return _clusters(self, stats, on_band)


def find_clusters(passages: Iterable[ReuseInput], stats: dict | None = None) -> list[Cluster]:
    """Clusters of near-duplicate passages spanning at least two documents, earliest first.

    ``stats``, if given, is filled with counts and seconds per phase (for bench/reuse.py).
    """
    stats = {} if stats is None else stats
    clock = time.perf_counter()
    index = ReuseIndex()
    batch: list[ReuseInput] = []
    for p in passages:
        batch.append(p)
        if len(batch) >= 2048:
            index.add(batch)
            batch = []
    index.add(batch)
    stats["seconds_sketch"] = time.perf_counter() - clock
    return index.clusters(stats)


def _clusters(index: ReuseIndex, stats: dict, on_band=None) -> list[Cluster]:
    """Cluster everything added to ``index``. Sets ``index.edges`` (the verified passage pairs,
    as passage indexes a < b) and ``index.bins`` (the shingle frequency counts); ``on_band(band,
    sorted keys, segment order)`` is called with each band's keys sorted (to store the LSH index)."""
    n_passages = len(index.passage_ids)
    seg_p = np.concatenate(index.seg_passage) if index.seg_passage else np.zeros(0, dtype=np.int64)
    index.seg_passage = [seg_p]  # held once, not as chunks and their concatenation
    stats["passages"], stats["segments"] = n_passages, len(seg_p)
    index.edges = np.zeros((0, 2), dtype=np.int64)
    if not len(seg_p):
        if on_band is not None:
            for band in range(BANDS):
                on_band(band, np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64))
        return []
    seg_doc = np.frombuffer(index.passage_doc, dtype=np.intc)[seg_p]

    clock = time.perf_counter()
    pairs = _candidate_pairs(index.band_column, seg_doc, dense_ranks(np.frombuffer(index.passage_ids.ranks, dtype=np.uint64))[seg_p], on_band)
    del seg_doc
    stats["candidate_pairs"] = len(pairs)
    stats["seconds_buckets"] = time.perf_counter() - clock

    clock = time.perf_counter()
    common = common_bitmap(index.bins, len(seg_p))
    seg_len = np.concatenate(index.seg_len)
    index.seg_len = [seg_len]
    offsets = np.zeros(len(seg_len) + 1, dtype=np.int64)
    np.cumsum(seg_len, out=offsets[1:])
    del seg_len
    edges = [np.zeros((0, 2), dtype=np.int64)]
    verified = 0
    for part, (a_first, a_flat, a_offsets), (b_first, b_flat, b_offsets) in _block_pairs(index, pairs, offsets):
        good = part[verify_batch(a_flat, a_offsets, part[:, 0] - a_first, b_flat, b_offsets, part[:, 1] - b_first, common)]
        verified += len(good)
        pa, pb = seg_p[good[:, 0]], seg_p[good[:, 1]]
        edges.append(np.stack((np.minimum(pa, pb), np.maximum(pa, pb)), axis=1))
    del offsets, pairs
    index.edges = np.unique(np.concatenate(edges), axis=0).astype(np.int64).reshape(-1, 2)
    stats["verified_pairs"] = verified
    stats["seconds_verify"] = time.perf_counter() - clock

    values = {kind: list(table) for kind, table in index.interned.items()}
    members = {}
    for i in unique(index.edges.reshape(-1)).tolist():
        members[i] = (index.passage_ids[i], values["doc"][index.passage_doc[i]], values["pub"][index.passage_pub[i]],
                      values["aff"][index.passage_aff[i]], values["date"][index.passage_date[i]])
    return clusters_from_edges(index.edges.tolist(), members)


def _block_pairs(index: ReuseIndex, pairs: np.ndarray, offsets: np.ndarray):
    """The candidate ``pairs`` in batches of at most VERIFY_PAIRS, grouped by the blocks of
    VERIFY_BLOCK shingles their two segments start in, each batch with, for each side, (its first
    segment, the shingles of the segments from there, their offsets in those shingles): a map of
    the block only, made once per block pair, so that the pages mapped in stay under two blocks."""
    if not len(pairs):
        return
    blocks = int(offsets[-1] // VERIFY_BLOCK) + 1
    small = np.int32 if blocks * blocks < 1 << 31 else np.int64
    key = (offsets[pairs[:, 0]] // VERIFY_BLOCK).astype(small)
    key *= blocks
    key += (offsets[pairs[:, 1]] // VERIFY_BLOCK).astype(small)
    order = np.argsort(key, kind="stable")
    key = key[order]
    if len(pairs) < 1 << 31:
        order = order.astype(np.int32)
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    ends = np.append(starts[1:], len(key))
    del key

    def side(first, last):
        local = offsets[first:last + 1] - offsets[first]
        return first, index.shingles(int(offsets[first]), int(offsets[last])), local

    for start, end in zip(starts.tolist(), ends.tolist()):
        group = pairs[order[start:end]]
        a_first, a_last = int(group[:, 0].min()), int(group[:, 0].max()) + 1
        b_first, b_last = int(group[:, 1].min()), int(group[:, 1].max()) + 1
        if b_first < a_last:  # one block (the stretches overlap): one map for both sides
            a_side = b_side = side(min(a_first, b_first), max(a_last, b_last))
        else:
            a_side, b_side = side(a_first, a_last), side(b_first, b_last)
        for at in range(0, len(group), VERIFY_PAIRS):
            yield group[at:at + VERIFY_PAIRS], a_side, b_side
        del a_side, b_side  # the maps are closed with their last array


def clusters_from_edges(edges, members: dict) -> list[Cluster]:
    """The clusters of the graph of verified passage pairs: its connected components that span
    at least two documents. ``members``: node -> (passage id, document, publisher, affiliation,
    published) of every node in ``edges``."""
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict = {}
    for node in parent:
        groups.setdefault(find(node), []).append(node)
    clusters = []
    for nodes in groups.values():
        recs = sorted((members[node] for node in nodes), key=lambda r: _sort_key(r[4], r[0]))
        documents = {r[1] for r in recs}
        if len(recs) < 2 or len(documents) < 2:
            continue
        first = recs[0]
        clusters.append(
            Cluster(
                id=f"reuse-{first[0]}",
                passage_ids=tuple(r[0] for r in recs),
                size=len(recs),
                documents=tuple(sorted(documents, key=str)),
                publishers=tuple(sorted({r[2] for r in recs if r[2] is not None})),
                affiliations=tuple(sorted({r[3] for r in recs if r[3] is not None})),
                first_published=first[4],
                first_passage_id=first[0],
            )
        )
    clusters.sort(key=lambda c: _sort_key(c.first_published, c.first_passage_id))
    return clusters


def shingle_bins(flat_chunks: list[np.ndarray]) -> np.ndarray:
    """How many segments hold each hashed shingle bin (COMMON_BINS counters; a bin sums the
    shingles that share it)."""
    counts = np.zeros(COMMON_BINS, dtype=np.uint32)
    for chunk in flat_chunks:
        counts += np.bincount(chunk & np.uint32(COMMON_BINS - 1), minlength=COMMON_BINS).astype(np.uint32)
    return counts


def common_threshold(n_segments: int) -> int:
    """How many segments a shingle bin must exceed to be common: COMMON_SHARE of the number of
    segments rounded down to a power of two (so the threshold moves only when the corpus doubles,
    and an update rarely changes which shingles are common), and at least COMMON_MIN."""
    rounded = 1 << (max(int(n_segments), 1).bit_length() - 1)
    return max(COMMON_MIN, int(COMMON_SHARE * rounded))


def common_bitmap(bins: np.ndarray, n_segments: int) -> np.ndarray:
    """True where a shingle bin is common (``common_threshold``)."""
    return bins > common_threshold(n_segments)


def _common_shingles(flat_chunks: list[np.ndarray], n_segments: int) -> np.ndarray:
    """A bitmap over hashed shingles: True where a shingle is common (see ``common_bitmap``)."""
    return common_bitmap(shingle_bins(flat_chunks), n_segments)


def bucket_pairs(keys: np.ndarray, docs: np.ndarray) -> list[tuple[int, int]]:
    """The candidate pairs among the members of one LSH bucket of at most MAX_BUCKET members
    (every pair from different documents), as ``_candidate_pairs`` makes them."""
    return [(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys)) if docs[i] != docs[j]]


def _verified(sa: np.ndarray, sb: np.ndarray, common: np.ndarray) -> bool:
    """The similarity test of a candidate pair of segments' shingle sets.

    A copy when the shorter set is contained in the longer at MIN_CONTAINMENT with MIN_SHARED
    shingles in common, counting only shingles that are not common in the corpus (so a stock
    phrase and the common words around it do not make a match); or, whatever the shingles, when
    the containment is NEAR_IDENTICAL (a text copied so often that its own shingles are common).
    """
    shared = np.intersect1d(sa, sb, assume_unique=True)
    if len(shared) < MIN_SHARED:
        return False
    if len(shared) >= NEAR_IDENTICAL * min(len(sa), len(sb)):
        return True
    mask = np.uint32(COMMON_BINS - 1)
    rare_a = int((~common[sa & mask]).sum())
    rare_b = int((~common[sb & mask]).sum())
    rare_shared = int((~common[shared & mask]).sum())
    return rare_shared >= MIN_SHARED and rare_shared >= MIN_CONTAINMENT * min(rare_a, rare_b)


def dense_ranks(ranks: np.ndarray) -> np.ndarray:
    """Each passage's ``passage_rank`` (``ranks``, uint64) replaced by its place among the
    distinct ranks (int32): it orders and ties the passages as the 64-bit ranks do, in half the
    memory."""
    order = np.argsort(ranks, kind="stable")
    ordered = ranks[order]
    new = np.ones(len(ranks), dtype=np.int32)
    if len(ranks):
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    del ranks, ordered
    dense = np.empty(len(order), dtype=np.int32 if len(order) < 1 << 31 else np.int64)
    dense[order] = np.cumsum(new, dtype=dense.dtype) - 1
    return dense


def passage_rank(passage_id) -> int:
    """A passage's rank in a large bucket: a hash of its id (the same in every build)."""
    return _rank_of(str(passage_id).encode("utf-8"))


def _rank_of(encoded: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(encoded, digest_size=8).digest(), "little")


def anchor_ranks(ranks) -> set:
    """The ranks of the anchor passages of a bucket bigger than MAX_BUCKET: its NEIGHBOURS
    smallest distinct passage ranks."""
    return set(sorted(set(ranks))[:NEIGHBOURS])


def band_order(col: np.ndarray, seg_rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.lexsort((seg_rank, col))`` (keys, then ranks, then position) and the sorted keys,
    computed faster: one sort of (key, position) packed in 64 bits, then ranks sorted only among
    the keys that repeat (most keys of a band are unique). The packed array is built and sorted
    in place and read back through 32-bit views: one 64-bit array at a time (memory)."""
    n = len(col)
    if n >= 1 << 32:
        order = np.lexsort((seg_rank, col))
        return order, col[order]
    packed = col.astype(np.uint64)
    packed <<= np.uint64(32)
    packed |= np.arange(n, dtype=np.uint64)
    packed.sort()
    halves = packed.view(np.uint32).reshape(n, 2)  # (low, high) halves on a little-endian machine
    low, high = (0, 1) if np.little_endian else (1, 0)
    order = halves[:, low].astype(np.int32 if n < 1 << 31 else np.int64)
    sorted_col = halves[:, high].copy()
    del packed, halves
    repeated = np.flatnonzero(sorted_col[1:] == sorted_col[:-1])
    if len(repeated):
        among = np.zeros(n, dtype=bool)
        among[repeated] = True
        among[repeated + 1] = True
        among = np.flatnonzero(among)
        members = order[among]
        order[among] = members[np.lexsort((members, seg_rank[members], sorted_col[among]))]
    return order, sorted_col


def _candidate_pairs(band_column, seg_doc: np.ndarray, seg_rank: np.ndarray, on_band=None) -> np.ndarray:
    """Segment pairs (a < b) from different documents that share an LSH bucket in some band.

    Per band: sort the band's keys; members of a bucket are then adjacent. In a bucket of at most
    MAX_BUCKET members every pair is a candidate. A bigger bucket (a text copied 50+ times) pairs
    every member with the bucket's anchors only: the segments of its NEIGHBOURS passages of
    smallest rank (``passage_rank``), which does not depend on the order passages came in, so that
    an update pairs new members exactly as a full build does.

    Memory: one band's column at a time, per-segment arrays of 32 bits or less (the segments of
    big buckets are worked on apart), and the pairs found so far as one sorted array of codes.
    """
    codes = np.zeros(0, dtype=np.int64)  # the pairs found so far (a * n + b), unique
    n = len(seg_doc)
    for band in range(BANDS if n else 0):
        found = [codes]  # merged after each band: a pair found in many bands is held once
        order, sorted_col = band_order(band_column(band), seg_rank)  # one column at a time
        if on_band is not None:
            on_band(band, sorted_col, order)
        boundary = np.empty(n, dtype=bool)
        boundary[:1] = True
        np.not_equal(sorted_col[1:], sorted_col[:-1], out=boundary[1:])
        del sorted_col
        gid = np.cumsum(boundary, dtype=np.int64 if n >= 1 << 31 else np.int32)
        gid -= 1
        sizes = np.bincount(gid)
        big = (sizes > MAX_BUCKET)[gid]

        def keep(x, y, found=found):  # this band's list (the name is deleted at the band's end)
            cross = seg_doc[x] != seg_doc[y]
            x, y = x[cross].astype(np.int64), y[cross].astype(np.int64)  # a * n + b needs 64 bits
            found.append(unique(np.minimum(x, y) * n + np.maximum(x, y)))

        # buckets of 2..MAX_BUCKET members, each kept whole (they are contiguous): the k-th
        # next member of one is k places on in this selection too
        small = np.flatnonzero(((sizes > 1) & (sizes <= MAX_BUCKET))[gid])
        small_gid, small_order = gid[small], order[small]
        del small
        for k in range(1, min(int(sizes.max()), MAX_BUCKET + 1)):
            same = small_gid[:-k] == small_gid[k:]
            if not same.any():
                break
            keep(small_order[:-k][same], small_order[k:][same])
        del small_gid, small_order
        members = np.flatnonzero(big)  # the segments of big buckets, whole buckets, in order
        del big, gid, sizes
        if len(members):
            first = boundary[members]  # a bucket's first member
            bucket = np.cumsum(first) - 1  # its bucket, numbered among the big ones
            start = np.flatnonzero(first)[bucket]  # where its bucket starts, in ``members``
            position = np.arange(len(members)) - start  # its place in its bucket
            sorted_rank = seg_rank[order[members]]
            new_passage = first.copy()
            new_passage[1:] |= sorted_rank[1:] != sorted_rank[:-1]
            distinct = np.cumsum(new_passage) - 1
            distinct -= distinct[start]  # distinct passages before it in its bucket
            anchors = np.bincount(bucket, weights=distinct < NEIGHBOURS).astype(np.int64)[bucket]
            for a in range(int(anchors.max())):
                at = (position > a) & (anchors > a)
                keep(order[members[start[at] + a]], order[members[at]])
        del boundary, order
        codes = unique(np.concatenate(found)) if len(found) > 1 else codes
        del found
    pairs = np.empty((len(codes), 2), dtype=np.int32 if n < 1 << 31 else np.int64)
    pairs[:, 0] = codes // n
    pairs[:, 1] = codes % n
    return pairs
