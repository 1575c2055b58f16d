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
"""

from __future__ import annotations

import re

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


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None if it cannot be told.

    >>> detect_language("The 1988 massacre of political prisoners in Iran was a crime against humanity.")
    'en'
    """
    if not text:
        return None
    sample = text[:SAMPLE_CHARS]
    letters = sum(1 for c in sample if c.isalpha())
    if letters < MIN_LETTERS:
        return None
    identifier = _get_identifier()
    language, confidence = identifier.classify(sample)
    arabic = len(ARABIC_LETTER.findall(sample))
    if arabic * 2 > letters and language != "fa":
        ranked = [(lang, p) for lang, p in identifier.rank(sample) if lang in ARABIC_SCRIPT_LANGUAGES]
        if PERSIAN_ONLY.search(sample) and ranked:
            total = sum(p for _, p in ranked) or 1.0
            language, confidence = ranked[0][0], ranked[0][1] / total
    if confidence < MIN_CONFIDENCE:
        return None
    return str(language)
