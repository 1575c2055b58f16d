"""Language: the ISO 639-1 code of a document's text, for the ``language`` column and facet.

``detect_language(text) -> str | None`` uses py3langid (a maintained fork of langid.py whose
model, about 4 MB, ships inside the wheel: nothing is downloaded at run time). The manifest's
``language`` for a source, where given, wins over the detector (the integrator's build step).

Rules on top of the detector:

* fewer than ``MIN_LETTERS`` letters (a caption, a title alone) or a confidence below
  ``MIN_CONFIDENCE``: None, not a guess;
* text mostly in Arabic script that has letters only Persian uses (پ چ ژ گ, Persian yeh and keheh
  ی ک), where the detector says Arabic, Urdu, Pashto or another language written in that script:
  the detector's ranking restricted to those languages decides, Persian included;
* only the first ``SAMPLE_CHARS`` characters are read (speed; a document's language is settled
  long before).

The detector's scores are py3langid's own, computed faster (``scores``): py3langid walks its
byte automaton in a Python loop, one byte at a time. Its automaton forgets where it started
after ``SYNC_BYTES`` bytes (every state reads the same ``SYNC_BYTES`` bytes into the same
state; ``tests/test_language.py`` proves it on the installed model), so the state after each
byte is the walk from the start state over the bytes just before it: ``SYNC_BYTES`` numpy
steps over the whole sample. The features are counted in the order py3langid counts them, so
the scores are equal to the last bit.
"""

from __future__ import annotations

import itertools
import math
import re

import numpy as np

MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 1000
# Languages py3langid knows that are commonly written in Arabic script.
ARABIC_SCRIPT_LANGUAGES = ("fa", "ar", "ur", "ps", "ku", "ug")
ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
PERSIAN_ONLY = re.compile("[پچژگیک]")

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
# Every ISO 639-1 code: the manifest's ``language`` must be one of them.
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())


def is_language_code(value) -> bool:
    """Whether ``value`` is an ISO 639-1 code (two lower-case letters that name a language)."""
    return isinstance(value, str) and value in ISO_639_1

_identifier = None
_tables = None
SYNC_BYTES = 6  # py3langid 0.4's automaton: any 6 bytes lead every state to the same state


def document_language(text: str | None, override: str | None = None) -> str | None:
    """A document's language: the manifest's ``language`` if it gives one, else the detector's.
    ValueError for an override that is not an ISO 639-1 code (two lower-case letters)."""
    if override is not None:
        if not is_language_code(override):
            raise ValueError(f"language {override!r} is not an ISO 639-1 code (two lower-case letters, e.g. fa)")
        return override
    return detect_language(text)


def _get_identifier():
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _walk_tables():
    """py3langid's automaton as numpy arrays: (next state by row and byte, each state's row, each
    state's feature or -1)."""
    global _tables
    if _tables is None:
        identifier = _get_identifier()
        nextmove = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32)  # shared, not copied
        rowbase = np.asarray(identifier._rowbase, dtype=np.int64)
        output = np.asarray(identifier.tk_output, dtype=np.int64)
        # the model's float16 weights as float32, each row converted once, when first used (numpy
        # converts float16 slowly, and the matrix product converts them anyway): the same values
        weights = np.zeros(identifier.nb_ptc.shape, dtype=np.float32)  # pages untouched until used
        converted = np.zeros(len(weights), dtype=bool)
        _tables = nextmove, rowbase, output, weights, converted
    return _tables


def preload() -> None:
    """Load the model now (about 1 s, mostly xz decompression, which releases the GIL): the build
    does it in a thread of the writer during its first pass, and the workers forked after share
    it instead of each loading its own. A failure is left to the first detection to raise."""
    try:
        _walk_tables()
    except Exception:  # noqa: BLE001 - raised again, where it is reported, when first used
        pass


def unload() -> None:
    """Forget the model (the writer's copy, once its workers are done with theirs)."""
    global _identifier, _tables
    _identifier = _tables = None


def features(data: bytes, sync: int = SYNC_BYTES) -> tuple[np.ndarray, np.ndarray]:
    """The feature indices py3langid's automaton emits over ``data`` and their counts, in the
    order of their first emission (py3langid's ``visit_counts``), by ``sync`` vectorised steps."""
    nextmove, rowbase, output = _walk_tables()[:3]
    codes = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
    n = len(codes)
    states = np.zeros(n, dtype=np.int64)
    for step in range(sync):  # each position walks the ``sync`` bytes ending at it, from state 0
        offset = sync - 1 - step
        if offset >= n:
            continue
        states[offset:] = nextmove[rowbase[states[offset:]] + codes[:n - offset]]
    emitted = output[states]
    emitted = emitted[emitted >= 0]
    if not len(emitted):
        return emitted, emitted
    order = np.argsort(emitted, kind="stable")  # each feature's emissions together, first one first
    ordered = emitted[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    counts = np.diff(np.append(starts, len(ordered)))
    by_first = np.argsort(order[starts])  # the features in the order of their first emission
    return ordered[starts][by_first], counts[by_first]


def scores(sample: str) -> np.ndarray:
    """py3langid's ``_decide(sample)`` (normalised probabilities per class), equal to the bit."""
    identifier = _get_identifier()
    data = identifier._encode(sample)
    found, counts = features(data)
    if len(found):
        weights, converted = _walk_tables()[3:]
        new = found[~converted[found]]
        if len(new):
            weights[new] = identifier.nb_ptc[new]
            converted[new] = True
        rows = weights[found]
        result = np.log1p(counts.astype(np.float32)) @ rows + identifier.nb_pc
    else:
        result = np.full(len(identifier.nb_classes), 0.0, dtype=np.float32)
    result *= 1.0 / math.sqrt(len(data) or 1)
    np.exp(result - result.max(), out=result)
    result /= result.sum()
    for i, j in identifier._alias_pairs:
        result[i] += result[j]
        result[j] = 0.0
    return result


def ranked(identifier, result: np.ndarray) -> list[tuple[str, float]]:
    """py3langid's ``rank``: every language by its score, best first, one entry per label."""
    merged: dict[str, float] = {}
    for lang, score in zip(identifier.nb_classes, result.tolist()):
        merged.setdefault(lang, score)
    return sorted(merged.items(), key=lambda item: item[1], reverse=True)


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None if it cannot be told.

    >>> detect_language("The 1988 massacre of political prisoners in Iran was a crime against humanity.")
    'en'
    """
    if not text:
        return None
    sample = text[:SAMPLE_CHARS]
    arabic = len(ARABIC_LETTER.findall(sample))
    if arabic:
        letters = sum(map(str.isalpha, sample))
    else:  # only whether there are MIN_LETTERS letters matters: stop counting there
        letters = sum(1 for _ in itertools.islice(filter(str.isalpha, sample), MIN_LETTERS))
    if letters < MIN_LETTERS:
        return None
    identifier = _get_identifier()
    result = scores(sample)
    best = int(result.argmax())
    language, confidence = identifier.nb_classes[best], float(result[best])
    if arabic * 2 > letters and language != "fa":
        ranking = [(lang, p) for lang, p in ranked(identifier, result) if lang in ARABIC_SCRIPT_LANGUAGES]
        if PERSIAN_ONLY.search(sample) and ranking:
            total = sum(p for _, p in ranking) or 1.0
            language, confidence = ranking[0][0], ranking[0][1] / total
    if confidence < MIN_CONFIDENCE:
        return None
    return str(language)
