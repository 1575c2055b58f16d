"""Persian: normalisation and FTS5 search, Solar Hijri dates, speech cues, names, language,
and the Datasette plugin (plugins/persian.py). Fixtures in tests/fixtures/persian/ are short
paragraphs written for these tests in the styles of state media, an opposition outlet and a
testimony; the people in them are invented."""

from __future__ import annotations

import datetime
import shutil
import socket
import sqlite3
from pathlib import Path

import pytest
from datasette.app import Datasette
from datasette.utils import escape_fts
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import language, persian
from ingest.names import find_mentions, load_lexicon
from ingest.persian import normalise

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "persian"
DEFAULT_TOKENIZER = "porter unicode61 remove_diacritics 2"


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# normalise


@pytest.mark.parametrize("text, expected", [
    ("ايران", "ایران"),  # Arabic yeh
    ("على", "علی"),  # alef maksura
    ("كشور", "کشور"),  # Arabic kaf
    ("می\u200cگویند", "میگویند"),  # ZWNJ inside a word
    ("مـــرداد", "مرداد"),  # tatweel
    ("مُرداد", "مرداد"),  # damma
    ("محمّد", "محمد"),  # shadda
    ("خانهٔ", "خانه"),  # hamza above
    ("خانۀ", "خانه"),  # heh with yeh above
    ("تأثیر", "تاثیر"),
    ("رئیس", "رییس"),
    ("مؤسسه", "موسسه"),
    ("آب", "اب"),
    ("۱۳۶۷", "1367"),
    ("١٣٦٧", "1367"),
    ("۳۰٬۰۰۰", "30,000"),
    ("۳٫۵", "3.5"),
    ("«سلام»، چرا؟", "«سلام»، چرا؟"),  # punctuation as written
    (" \u200c ", " \u200c "),  # a ZWNJ alone is a word of its own to FTS5: kept
    (" ـــ ", " ـــ "),
    ("", ""),
    ("The regime's 1988 massacre", "The regime's 1988 massacre"),
    ("café naïve Ünïcode — “quotes”", "café naïve Ünïcode — “quotes”"),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


@settings(deadline=None)  # no timed tests: a loaded machine must not fail them
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_normalise_is_the_identity_on_ascii(text):
    assert normalise(text) == text


@settings(deadline=None)  # no timed tests: a loaded machine must not fail them
@given(st.text(alphabet=st.characters(blacklist_characters="\u200c",
                                      blacklist_categories=("Cs",)).filter(
    lambda c: not 0x0600 <= ord(c) <= 0x08FF)))
def test_normalise_is_the_identity_without_arabic_script(text):
    assert normalise(text) == text


PERSIANISH = st.text(alphabet=st.sampled_from(
    list("ابپتجچخدرزژسشصطعغفقکگلمنوهیيكىئؤأإآۀة") + list("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789")
    + ["\u200c", "\u0640", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0654", "\u0670"]
    + list(" .،؛؟«»:-\n") + list("abcXYZ'")
), max_size=60)


@settings(deadline=None)  # no timed tests: a loaded machine must not fail them
@given(PERSIANISH)
def test_normalise_is_idempotent(text):
    assert normalise(normalise(text)) == normalise(text)


@settings(deadline=None)  # no timed tests: a loaded machine must not fail them
@given(PERSIANISH)
def test_normalise_with_offsets_maps_back(text):
    norm, offsets = persian.normalise_with_offsets(text)
    assert norm == normalise(text)
    assert len(offsets) == len(norm) + 1 and offsets[-1] == len(text)
    assert offsets == sorted(set(offsets))
    for i, c in enumerate(norm):
        assert normalise(text[offsets[i]]) in (c, text[offsets[i]])


def tokens(text: str, tokenizer: str) -> list[str]:
    db = sqlite3.connect(":memory:")
    db.execute(f"create virtual table t using fts5(x, tokenize='{tokenizer}')")
    db.execute("create virtual table v using fts5vocab(t, 'instance')")
    db.execute("insert into t(rowid, x) values (1, ?)", (text,))
    return [r[0] for r in db.execute("select term from v order by offset")]


@settings(max_examples=200, deadline=None)
@given(PERSIANISH)
def test_text_as_written_and_normalised_have_the_same_number_of_fts_tokens(text):
    """What keeps snippet() and highlight() on the text as written marking the right words."""
    tokenizer = persian.fts_tokenizer()
    assert len(tokens(text, tokenizer)) == len(tokens(normalise(text), tokenizer))


def test_unicode61_splits_at_zwnj_and_harakat_unless_told_otherwise():
    """Why the FTS table needs ``fts_tokenizer()``: the default splits words at ZWNJ and at every
    haraka (category Mn), so the text as written has more tokens than its normalised form."""
    assert tokens("می\u200cگویند مُرداد", DEFAULT_TOKENIZER) == ["می", "گویند", "م", "رداد"]
    assert tokens("می\u200cگویند مُرداد", persian.fts_tokenizer()) == ["می\u200cگویند", "مُرداد"]
    assert tokens("The regime's prisoners", persian.fts_tokenizer()) == tokens(
        "The regime's prisoners", DEFAULT_TOKENIZER) == ["the", "regim", "s", "prison"]


# ---------------------------------------------------------------------------------------------
# FTS5: a query in any variant finds what any other variant finds

# (variant a, variant b, what differs). Both are spellings a Persian reader treats as the same.
VARIANT_PAIRS = [
    ("ايران", "ایران", "yeh"), ("زنداني", "زندانی", "yeh"), ("على", "علی", "alef maksura"),
    ("مجاهدين", "مجاهدین", "yeh"), ("منافقين", "منافقین", "yeh"), ("ياد", "یاد", "yeh"),
    ("تيرباران", "تیرباران", "yeh"), ("كشور", "کشور", "kaf"), ("حكم", "حکم", "kaf"),
    ("كميته", "کمیته", "kaf, yeh"), ("كيفر", "کیفر", "kaf, yeh"), ("شكنجه", "شکنجه", "kaf"),
    ("می\u200cگویند", "میگویند", "ZWNJ"), ("زندانی\u200cها", "زندانیها", "ZWNJ"),
    ("نمی\u200cدهند", "نمیدهند", "ZWNJ"), ("پرونده\u200cهای", "پروندههای", "ZWNJ"),
    ("خانواده\u200cها", "خانوادهها", "ZWNJ"), ("بی\u200cگناه", "بیگناه", "ZWNJ"),
    ("قتل\u200cعام", "قتلعام", "ZWNJ"), ("دست\u200cکم", "دستکم", "ZWNJ"),
    ("می\u200cشود", "میشود", "ZWNJ"), ("گزارش\u200cها", "گزارشها", "ZWNJ"),
    ("۱۳۶۷", "1367", "Persian digits"), ("١٣٦٧", "1367", "Arabic-Indic digits"),
    ("۱۳۶۷", "١٣٦٧", "Persian and Arabic-Indic digits"), ("۳۰", "30", "Persian digits"),
    ("۱۹۸۸", "1988", "Persian digits"), ("۲۷", "٢٧", "Persian and Arabic-Indic digits"),
    ("۱۴۰۲", "1402", "Persian digits"), ("۵۰۰۰", "٥٠٠٠", "Persian and Arabic-Indic digits"),
    ("مُرداد", "مرداد", "damma"), ("مُجاهِدین", "مجاهدین", "damma, kasra"),
    ("محمّد", "محمد", "shadda"), ("قَتل", "قتل", "fatha"), ("دادگاهِ", "دادگاه", "kasra"),
    ("خانهٔ", "خانه", "hamza above"), ("شهادَت", "شهادت", "fatha"), ("اعدامً", "اعدام", "tanwin"),
    ("مـرداد", "مرداد", "tatweel"), ("اعـــدام", "اعدام", "tatweel"),
    ("تأثیر", "تاثیر", "alef with hamza"), ("رئیس", "رییس", "yeh with hamza"),
    ("مؤسسه", "موسسه", "waw with hamza"), ("خانۀ", "خانه", "heh with yeh above"),
    ("سازمان مجاهدين خلق", "سازمان مجاهدین خلق", "yeh, phrase"),
    ("۲۷ مرداد ۱۳۶۷", "27 مُرداد 1367", "digits, damma, phrase"),
    ("زندانيان سياسي", "زندانیان سیاسی", "yeh, phrase"),
    ("می\u200cگويند", "ميگويند", "ZWNJ and yeh"), ("كُشتار", "کشتار", "kaf and damma"),
    ("مـُنافقین", "منافقین", "tatweel and damma"),
]
FILLER = "در گزارش امروز آمده است که {} در متن دیده می‌شود. The report was published."


def search_db(tokenizer: str, normalised: bool = True) -> sqlite3.Connection:
    """Passages and an external-content FTS5 index as docs/persian.md tells the writer to fill it."""
    db = sqlite3.connect(":memory:")
    persian.register(db)
    db.create_function("escape_fts", 1, escape_fts)
    db.execute("create table passages (id text primary key, text text)")
    db.execute(
        f"create virtual table passages_fts using fts5(text, content=\"passages\", "
        f"content_rowid=\"rowid\", tokenize='{tokenizer}')")
    rows = []
    for i, (a, b, _) in enumerate(VARIANT_PAIRS):
        rows += [(f"{i}a", FILLER.format(a)), (f"{i}b", FILLER.format(b))]
    rows.append(("english", "The regime executed prisoners in 1988; witnesses said so."))
    db.executemany("insert into passages (id, text) values (?, ?)", rows)
    fill = "normalise_fa(text)" if normalised else "text"
    db.execute(f"insert into passages_fts (rowid, text) select rowid, {fill} from passages")
    return db


def found(db, query: str, normalised: bool = True) -> set[str]:
    expression = "escape_fts(normalise_fa(:q))" if normalised else "escape_fts(:q)"
    return {r[0] for r in db.execute(
        "select passages.id from passages_fts join passages on passages.rowid = passages_fts.rowid "
        f"where passages_fts match {expression}", {"q": query})}


def variant_recall(db, normalised: bool = True) -> tuple[int, int]:
    """(directions in which a query found everything the other variant's query found, directions)."""
    ok = total = 0
    for a, b, _ in VARIANT_PAIRS:
        found_a, found_b = found(db, a, normalised), found(db, b, normalised)
        for this, other in ((found_a, found_b), (found_b, found_a)):
            total += 1
            ok += bool(other) and other <= this
    return ok, total


def test_there_are_at_least_40_variant_pairs():
    assert len(VARIANT_PAIRS) >= 40
    assert all(a != b for a, b, _ in VARIANT_PAIRS)


@pytest.mark.parametrize("tokenizer", [persian.fts_tokenizer(), DEFAULT_TOKENIZER])
@pytest.mark.parametrize("i", range(len(VARIANT_PAIRS)))
def test_a_variant_query_finds_what_the_other_finds(tokenizer, i):
    db = search_db(tokenizer)
    a, b, _ = VARIANT_PAIRS[i]
    assert found(db, a) == found(db, b)
    assert {f"{i}a", f"{i}b"} <= found(db, a)


def test_variant_recall_is_100_percent_and_was_not_without_normalising():
    assert variant_recall(search_db(persian.fts_tokenizer())) == (2 * len(VARIANT_PAIRS), 2 * len(VARIANT_PAIRS))
    ok, total = variant_recall(search_db(DEFAULT_TOKENIZER, normalised=False), normalised=False)
    assert ok < total / 2  # the same table, indexed and queried as typed


def test_english_search_is_unchanged_by_normalising():
    plain, normalised = search_db(DEFAULT_TOKENIZER, normalised=False), search_db(persian.fts_tokenizer())
    for query in ["regime", "prisoners", "witnesses said", "report published", "executed", "s"]:
        assert found(plain, query, normalised=False) == found(normalised, query)
    # the one change, on purpose: ASCII digits now also find Persian digits ("۱۹۸۸" in pair 26)
    assert found(plain, "1988", normalised=False) == {"english", "26b"}
    assert found(normalised, "1988") == {"english", "26a", "26b"}


def test_highlight_marks_the_words_as_written():
    db = search_db(persian.fts_tokenizer())
    text = "مادرم گفت: «دیگر ملاقات نمی\u200cدهند، بِرگرد خانه.» نگهبان دمِ در ايستاده بود"
    db.execute("insert into passages (id, text) values ('t', ?)", (text,))
    db.execute("insert into passages_fts (rowid, text) select rowid, normalise_fa(text) from passages where id = 't'")
    for query, marked in [("ایستاده", "[ايستاده]"), ("خانه", "[خانه]"), ("نگهبان", "[نگهبان]"),
                          ("برگرد", "[بِرگرد]"), ("نمیدهند", "[نمی\u200cدهند]")]:
        (highlighted,) = db.execute(
            "select highlight(passages_fts, 0, '[', ']') from passages_fts join passages "
            "on passages.rowid = passages_fts.rowid where passages_fts match escape_fts(normalise_fa(?)) "
            "and passages.id = 't'", (query,)).fetchone()
        assert marked in highlighted
        assert highlighted.replace("[", "").replace("]", "") == text


def test_with_the_default_tokenizer_highlight_lands_on_the_wrong_word():
    """Recall does not need the tokenizer change; highlight does (see fts_tokenizer)."""
    db = search_db(DEFAULT_TOKENIZER)
    db.execute("insert into passages (id, text) values ('t', ?)", ("بِرگرد خانه",))
    db.execute("insert into passages_fts (rowid, text) select rowid, normalise_fa(text) from passages where id = 't'")
    (highlighted,) = db.execute(
        "select highlight(passages_fts, 0, '[', ']') from passages_fts join passages on passages.rowid = "
        "passages_fts.rowid where passages_fts match 'خانه' and passages.id = 't'").fetchone()
    assert highlighted != "بِرگرد [خانه]"


def test_deleting_with_the_normalised_text_empties_the_index():
    """External content: a row leaves the index only if 'delete' is given what was indexed."""
    db = search_db(persian.fts_tokenizer())
    db.execute("insert into passages_fts (passages_fts, rowid, text) "
               "select 'delete', rowid, normalise_fa(text) from passages")
    for a, b, _ in VARIANT_PAIRS:
        assert found(db, a) == found(db, b) == set()
    assert found(db, "regime") == set()
    db.execute("insert into passages_fts (passages_fts) values ('integrity-check')")


def test_the_sql_function_passes_null_and_numbers_through():
    db = sqlite3.connect(":memory:")
    persian.register(db)
    assert db.execute("select normalise_fa(null), normalise_fa(3), normalise_fa('كتاب')").fetchone() == (
        None, 3, "کتاب")


# ---------------------------------------------------------------------------------------------
# Solar Hijri calendar


def test_conversion_agrees_with_jdatetime_on_every_day_1300_to_1420():
    import jdatetime

    day, end = jdatetime.date(1300, 1, 1), jdatetime.date(1421, 1, 1)
    checked = disagreements = 0
    while day < end:
        checked += 1
        if persian.to_gregorian(day.year, day.month, day.day) != day.togregorian():
            disagreements += 1
        day += datetime.timedelta(days=1)
    assert disagreements == 0
    assert checked == (end.togregorian() - jdatetime.date(1300, 1, 1).togregorian()).days == 44195
    for year in range(1300, 1421):
        assert persian.is_leap(year) == jdatetime.date(year, 1, 1).isleap()


@pytest.mark.parametrize("jy, jm, jd", [(1367, 12, 30), (1367, 7, 31), (1367, 13, 1), (1367, 1, 0)])
def test_days_that_do_not_exist_are_refused(jy, jm, jd):
    assert not persian.is_leap(1367)
    with pytest.raises(ValueError):
        persian.to_gregorian(jy, jm, jd)


# ---------------------------------------------------------------------------------------------
# Solar Hijri dates in text

@pytest.mark.parametrize("text, surface, precision, gregorian", [
    ("در ۲۷ مرداد ۱۳۶۷ اعدام شد", "۲۷ مرداد ۱۳۶۷", "day", "1988-08-18"),
    ("در ٢٧ مرداد ١٣٦٧ اعدام شد", "٢٧ مرداد ١٣٦٧", "day", "1988-08-18"),
    ("in 27 مرداد 1367", "27 مرداد 1367", "day", "1988-08-18"),
    ("روز ۲۷ مردادماه ۱۳۶۷", "۲۷ مردادماه ۱۳۶۷", "day", "1988-08-18"),
    ("اول مهر ۱۳۶۷", "اول مهر ۱۳۶۷", "day", "1988-09-23"),
    ("۲۹ اسفند ۱۳۶۷ ه.ش", "۲۹ اسفند ۱۳۶۷ ه.ش", "day", "1989-03-20"),
    ("۳۰ اسفند ۱۴۰۳", "۳۰ اسفند ۱۴۰۳", "day", "2025-03-20"),
    ("مرداد ماه ۶۷", "مرداد ماه ۶۷", "month", "1988-07-23/1988-08-22"),
    ("مرداد\u200cماه ۶۷", "مرداد\u200cماه ۶۷", "month", "1988-07-23/1988-08-22"),
    ("در امرداد ۱۳۶۷", "امرداد ۱۳۶۷", "month", "1988-07-23/1988-08-22"),
    ("دی ۱۴۰۱", "دی ۱۴۰۱", "month", "2022-12-22/2023-01-20"),
    ("تابستان ۱۳۶۷", "تابستان ۱۳۶۷", "season", "1988-06-22/1988-09-22"),
    ("تابستان ٦٧", "تابستان ٦٧", "season", "1988-06-22/1988-09-22"),
    ("پائیز ۱۳۶۷", "پائیز ۱۳۶۷", "season", "1988-09-23/1988-12-21"),
    ("زمستان ۱۳۶۷", "زمستان ۱۳۶۷", "season", "1988-12-22/1989-03-20"),
    ("سال ۱۳۶۷", "سال ۱۳۶۷", "year", "1988-03-21/1989-03-20"),
    ("در سال ۶۷", "سال ۶۷", "year", "1988-03-21/1989-03-20"),
    ("۱۳۶۷ شمسی", "۱۳۶۷ شمسی", "year", "1988-03-21/1989-03-20"),
    ("دهه ۶۰", "دهه ۶۰", "decade", "1981-03-21/1991-03-20"),
    ("۱۳۶۷/۰۵/۲۷", "۱۳۶۷/۰۵/۲۷", "day", "1988-08-18"),
    ("1367-5-27", "1367-5-27", "day", "1988-08-18"),
    ("۲۷/۵/۱۳۶۷", "۲۷/۵/۱۳۶۷", "day", "1988-08-18"),
    ("۳۱ مهر ۱۳۶۷", "مهر ۱۳۶۷", "month", "1988-09-23/1988-10-22"),  # Mehr has 30 days
])
def test_dates_in_text(text, surface, precision, gregorian):
    dates = persian.solar_hijri_dates(text)
    assert [(d.surface, d.precision, d.gregorian) for d in dates] == [(surface, precision, gregorian)]
    d = dates[0]
    assert text[d.start:d.end] == d.surface
    assert d.basis.startswith("converted from Solar Hijri: ")


@pytest.mark.parametrize("text", [
    "۲۷ مرداد",  # no year: cannot be told
    "۱۳۰۰ زندانی سیاسی",  # a number, not a year
    "سال ۲۰۲۳",  # Gregorian
    "۱۹۸۸/۰۸/۱۸",
    "August 18, 1988",
    "۳۰ اسفند ۱۴۰۲",  # 1402 is not a leap year: read as the month only
])
def test_not_solar_hijri_days(text):
    assert all(d.precision != "day" for d in persian.solar_hijri_dates(text))
    if text != "۳۰ اسفند ۱۴۰۲":
        assert persian.solar_hijri_dates(text) == []


def test_a_month_basis_says_it_spans_two_gregorian_months():
    (d,) = persian.solar_hijri_dates("مرداد ماه ۶۷")
    assert d.basis == ("converted from Solar Hijri: Mordad 1367 SH spans 1988-07-23 to 1988-08-22 "
                       '(a Solar Hijri month falls across two Gregorian months); the two-digit year "67" '
                       "read as 1367")
    assert (d.first, d.last, d.solar_hijri) == ("1988-07-23", "1988-08-22", "1367-05")


@pytest.mark.parametrize("value, gregorian", [
    ("۱۳۶۷/۰۵/۲۷ - ۱۰:۳۰", "1988-08-18"),
    ("سه\u200cشنبه ۲۷ مرداد ۱۳۶۷ ساعت ۱۰:۳۰", "1988-08-18"),
    ("1402-05-27T10:30:00+03:30", "2023-08-18"),
    ("تاریخ انتشار: ۱۴۰۱/۰۵/۲۷", "2022-08-18"),
    ("مرداد ۱۴۰۲", "2023-07-23/2023-08-22"),
])
def test_metadata_dates(value, gregorian):
    assert persian.metadata_date(value).gregorian == gregorian


@pytest.mark.parametrize("value", [None, "", "2023-08-18", "Tuesday, August 18, 1988"])
def test_metadata_without_a_solar_hijri_date(value):
    assert persian.metadata_date(value) is None


def test_fixture_dates():
    got = {name: [(d.surface, d.gregorian) for d in persian.solar_hijri_dates(fixture(name))]
           for name in ("state_media", "opposition", "testimony")}
    assert got == {
        "state_media": [("۱۴ مهر ۱۴۰۲", "2023-10-06"), ("تابستان ۱۳۶۷", "1988-06-22/1988-09-22")],
        "opposition": [("تابستان ۶۷", "1988-06-22/1988-09-22"), ("مرداد ماه ۶۷", "1988-07-23/1988-08-22"),
                       ("دهه ۶۰", "1981-03-21/1991-03-20")],
        "testimony": [("۱۴۰۱/۰۵/۲۷", "2022-08-18"), ("۲۷ مرداد ۱۳۶۷", "1988-08-18"),
                      ("زمستان ۱۳۶۷", "1988-12-22/1989-03-20"), ("شهریور ۶۷", "1988-08-23/1988-09-22")],
    }


# ---------------------------------------------------------------------------------------------
# Speech cues


def speakers(text: str) -> list[tuple[str, str, str]]:
    """(the quotation's first words, speaker, cue) for each attributed quotation."""
    return [(" ".join(text[s:e].strip("«»“”").split()[:2]), who, cue)
            for s, e, who, cue in persian.persian_quote_speakers(text)]


def test_fixture_speakers():
    assert speakers(fixture("state_media")) == [
        ("پرونده\u200cهای مربوط", "حسن کریمی", "گفت"),
        ("سازمان منافقین", "حسن کریمی", "افزود"),  # وی: the speaker named before
        ("اسناد این", "کریمی", "به گفته"),
        ("دستگاه قضايي", "غلامرضا صالحی", "اظهار داشت"),
    ]
    assert speakers(fixture("opposition")) == [
        ("قتل\u200cعام زندانیان", "سازمان مجاهدین خلق ایران", "اعلام کرد"),
        ("شمار قربانیان", "مجاهدین خلق", "می\u200cگویند"),  # reported speech, no quotation marks
        ("خانواده\u200cها هنوز", "مریم احمدی", "تصریح کرد"),
        ("دست\u200cکم ۱۲", "احمدی", "به گفته"),
    ]
    assert speakers(fixture("testimony")) == [
        ("دیگر ملاقات", "مادرم", "گفت"),
        ("این\u200cها تمام", "پدرم", "گفت"),
    ]


def test_reported_speech_without_quotation_marks():
    text = ("حسن کریمی روز دوشنبه گفت که زندانیان را شبانه منتقل کردند. وی افزود که خانواده‌ها خبر نداشتند. "
            "این ادعاها بی‌اساس است، وزیر گفت. علی رضایی گفت: «این حکم اجرا خواهد شد.»")
    assert [(text[s:e], who, cue) for s, e, who, cue in persian.persian_quote_speakers(text)] == [
        ("زندانیان را شبانه منتقل کردند", "حسن کریمی", "گفت"),
        ("خانواده‌ها خبر نداشتند", "حسن کریمی", "افزود"),  # وی: the speaker named before
        # "…، وزیر گفت.": the cue closes its sentence; what it covers is not guessed
        ("«این حکم اجرا خواهد شد.»", "علی رضایی", "گفت"),  # a quotation once, as a quotation
    ]


def test_quotation_offsets_include_the_guillemets():
    text = fixture("testimony")
    for start, end, _, _ in persian.persian_quote_speakers(text):
        assert text[start] == "«" and text[end - 1] == "»"


@pytest.mark.parametrize("text, expected", [
    ("علی رضایی گفت: «این حکم اجرا خواهد شد.»", [("این حکم", "علی رضایی", "گفت")]),
    ("آقای علی رضایی در این باره اظهار داشت که «این حکم اجرا خواهد شد.»",
     [("این حکم", "علی رضایی", "اظهار داشت")]),
    ("«این حکم اجرا خواهد شد»، علی رضایی افزود.", [("این حکم", "علی رضایی", "افزود")]),
    ("«این حکم اجرا خواهد شد»، این را علی رضایی گفت.", [("این حکم", "علی رضایی", "گفت")]),
    ("به گفته علی رضایی، «این حکم اجرا خواهد شد.»", [("این حکم", "علی رضایی", "به گفته")]),
    ("به گفته علی رضایی، این حکم اجرا خواهد شد.", [("این حکم", "علی رضایی", "به گفته")]),
    ("علي رضايي مي گويد: «اين حكم اجرا خواهد شد.»", [("اين حكم", "علي رضايي", "مي گويد")]),
    ("سخنگوی دولت، علی رضایی، روز شنبه گفت: «این حکم اجرا خواهد شد.»",
     [("این حکم", "علی رضایی", "گفت")]),
    ("وی گفت: «این حکم اجرا خواهد شد.»", []),  # a pronoun with nobody named before it
    ("روزنامه از «منافقین» نوشت.", []),  # one word in guillemets: a name, not a quotation
    ("«این حکم اجرا خواهد شد.» خبر کوتاه بود.", []),  # nobody named
    ("He said: “the sentence will be carried out.”", []),
])
def test_speech_cues(text, expected):
    assert speakers(text) == expected


def test_speech_cue_list_has_the_common_cues():
    for cue in ("گفت", "اظهار داشت", "اعلام کرد", "افزود", "تصریح کرد"):
        assert cue in persian.SPEECH_CUES
    assert "به گفته" in persian.ACCORDING_TO_CUES


# ---------------------------------------------------------------------------------------------
# Names

LEXICON = load_lexicon(ROOT / "sources" / "names.yml")


def test_persian_names_are_found_in_any_spelling():
    text = "سازمان مُجاهدين خلق و گروهک منافقين و رژیم آخوندي؛ سازمان مجاهدین انقلاب اسلامی جداست."
    assert [(m.actor_id, m.surface, m.name) for m in persian.find_mentions_normalised(text, LEXICON)] == [
        ("pmoi", "سازمان مُجاهدين خلق", "سازمان مجاهدین خلق"),
        ("pmoi", "گروهک منافقين", "گروهک منافقین"),
        ("islamic-republic", "رژیم آخوندي", "رژیم آخوندی"),
        ("miro", "سازمان مجاهدین انقلاب اسلامی", "سازمان مجاهدین انقلاب اسلامی"),
    ]
    for m in persian.find_mentions_normalised(text, LEXICON):
        assert text[m.start:m.end] == m.surface


def test_fixture_names():
    got = {name: [(m.actor_id, m.surface) for m in persian.find_mentions_normalised(fixture(name), LEXICON)]
           for name in ("state_media", "opposition")}
    assert got == {
        "state_media": [("pmoi", "منافقين"), ("pmoi", "سازمان منافقین")],
        "opposition": [("pmoi", "سازمان مجاهدین خلق ایران"), ("pmoi", "مجاهدین خلق")],
    }


@settings(deadline=None)  # no timed tests: a loaded machine must not fail them
@given(st.text(alphabet=st.sampled_from(list("PMOI MEK the regime mullahs NCRI IRGC Tehran #@'’."))))
def test_names_in_english_text_are_found_as_before(text):
    assert persian.find_mentions_normalised(text, LEXICON) == find_mentions(text, LEXICON)


def test_the_brief_names_are_in_the_lexicon():
    names = {n["name"]: a.id for a in LEXICON.actors.values() for n in a.names}
    for name in ("مجاهدین خلق", "منافقین", "سازمان مجاهدین", "سازمان مجاهدین خلق ایران"):
        assert names[name] == "pmoi"
    assert names["جمهوری اسلامی"] == "islamic-republic" and names["سپاه پاسداران"] == "irgc"


# ---------------------------------------------------------------------------------------------
# Language


@pytest.mark.parametrize("text, expected", [
    (fixture("state_media"), "fa"),
    (fixture("opposition"), "fa"),
    (fixture("testimony"), "fa"),
    ("The 1988 massacre of political prisoners in Iran was a crime against humanity.", "en"),
    ("Le massacre de 1988 des prisonniers politiques en Iran est un crime contre l'humanité.", "fr"),
    ("أعلنت الحكومة اليوم عن خطة جديدة لإعادة إعمار المدن المتضررة من الحرب", "ar"),
    ("مادرم گفت دیگر ملاقات نمی\u200cدهند", "fa"),
    ("", None),
    (None, None),
    ("۱۳۶۷", None),
    ("PMOI", None),
])
def test_detect_language(text, expected):
    assert language.detect_language(text) == expected


def test_language_model_is_read_from_the_package_not_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the language detector tried to open a socket")

    monkeypatch.setattr(language, "_identifier", None)
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert language.detect_language(fixture("testimony")) == "fa"


# ---------------------------------------------------------------------------------------------
# The Datasette plugin


def test_normalised_search_params_name_what_datasette_binds():
    from datasette.utils import MultiParams

    import importlib.util
    spec = importlib.util.spec_from_file_location("persian_plugin", ROOT / "plugins" / "persian.py")
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    assert plugin.normalised_search_params(MultiParams({"_search": ["منافقين"]})) == {"search": "منافقین"}
    assert plugin.normalised_search_params(MultiParams({"_search": ["regime"]})) == {}
    assert plugin.normalised_search_params(
        MultiParams({"_search_text": ["۱۳۶۷"], "_searchmode": ["raw"]})) == {"search_0": "1367"}


def make_site(tmp_path, normalised: bool = True) -> Datasette:
    """A small archive served with plugins/persian.py: its FTS index filled as docs/persian.md
    says (normalised), or as the build fills it before that change (the text as written)."""
    db_path = tmp_path / "archive.db"
    conn = sqlite3.connect(db_path)
    persian.register(conn)
    conn.execute("create table passages (id text primary key, text text)")
    tokenizer = persian.fts_tokenizer() if normalised else DEFAULT_TOKENIZER
    conn.execute(
        "create virtual table passages_fts using fts5(text, content=\"passages\", content_rowid=\"rowid\", "
        f"tokenize='{tokenizer}')")
    conn.executemany("insert into passages values (?, ?)", [
        ("fa-1", fixture("state_media")), ("fa-2", fixture("opposition")), ("fa-3", fixture("testimony")),
        ("en-1", "The regime executed thousands of prisoners in 1988, witnesses said."),
    ])
    if normalised:
        conn.execute("insert into passages_fts (rowid, text) select rowid, normalise_fa(text) from passages")
    else:
        conn.execute("insert into passages_fts (passages_fts) values ('rebuild')")
    conn.commit()
    conn.close()
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    shutil.copy(ROOT / "plugins" / "persian.py", plugins / "persian.py")
    metadata = {"databases": {"archive": {"queries": {"search": {"sql": (
        "select passages.id, snippet(passages_fts, 0, '[', ']', '…', 8) as snippet from passages_fts "
        "join passages on passages.rowid = passages_fts.rowid "
        "where passages_fts match coalesce(nullif(escape_fts(normalise_fa(:q)), ''), '\"-\"') order by passages.id")}}}}}
    return Datasette([str(db_path)], metadata=metadata, plugins_dir=str(plugins))


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path)


async def ids(ds, path: str) -> list[str]:
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text
    return sorted(row["id"] for row in response.json())


@pytest.mark.parametrize("query, expected", [
    ("منافقين", ["fa-1"]), ("منافقین", ["fa-1"]),
    ("ميگويند", ["fa-2"]), ("می\u200cگویند", ["fa-2"]),
    ("1367", ["fa-1", "fa-3"]), ("١٣٦٧", ["fa-1", "fa-3"]), ("۱۳۶۷", ["fa-1", "fa-3"]),
    ("بِرگرد", ["fa-3"]), ("برگرد", ["fa-3"]),
    ("regime", ["en-1"]), ("1988", ["en-1"]),
])
async def test_table_search_canned_search_and_raw_mode_normalise_the_query(site, query, expected):
    assert await ids(site, f"/archive/passages.json?_search={query}&_shape=array") == expected
    assert await ids(site, f"/archive/passages.json?_search={query}&_searchmode=raw&_shape=array") == expected
    assert await ids(site, f"/archive/passages.json?_search_text={query}&_shape=array") == expected
    assert await ids(site, f"/archive/search.json?q={query}&_shape=array") == expected


async def test_raw_mode_keeps_fts_syntax(site):
    assert await ids(site, "/archive/passages.json?_search=منافقين OR regime&_searchmode=raw&_shape=array") == [
        "en-1", "fa-1"]
    assert await ids(site, '/archive/passages.json?_search="زندانی سیاسی"&_searchmode=raw&_shape=array') == ["fa-2"]


async def test_the_page_shows_the_query_as_typed(site):
    response = await site.client.get("/archive/passages?_search=منافقين")
    assert response.status_code == 200
    assert 'value="منافقين"' in response.text


async def test_canned_snippet_marks_the_word_as_written(site):
    response = await site.client.get("/archive/search.json?q=قضایی&_shape=array")
    (row,) = response.json()
    assert "[قضايي]" in row["snippet"]


@pytest.mark.parametrize("text, expected", [
    ("علی رضایی گفت: «این حکم اجرا خواهد شد» و افزود: «هیچ تخفیفی در کار نیست.»",
     [("این حکم", "علی رضایی", "گفت"), ("هیچ تخفیفی", "علی رضایی", "افزود")]),
    ("علی رضایی گفت: «این حکم اجرا خواهد شد.» سپس مریم احمدی افزود: «هیچ تخفیفی در کار نیست.»",
     [("این حکم", "علی رضایی", "گفت"), ("هیچ تخفیفی", "مریم احمدی", "افزود")]),
    ("مریم احمدی در گفت و گو با ما گفت: «هیچ تخفیفی در کار نیست.»", [("هیچ تخفیفی", "مریم احمدی", "گفت")]),
    ("علی رضایی گفت: «این حکم اجرا خواهد شد.» به گفته وی، هیچ تخفیفی در کار نیست.",
     [("این حکم", "علی رضایی", "گفت"), ("هیچ تخفیفی", "علی رضایی", "به گفته")]),
])
def test_speech_cues_across_sentences(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, enclosing", [
    ("۲۷ مرداد ۱۳۶۷", "1988-08-18"),
    ("مرداد ۱۳۶۷", "1988"),  # 1988-07-23/1988-08-22
    ("تابستان ۱۳۶۷", "1988"),
    ("دی ۱۴۰۱", "2022-12-22/2023-01-20"),
    ("سال ۱۳۶۷", "1988-03-21/1989-03-20"),
])
def test_enclosing_iso_value(text, enclosing):
    (d,) = persian.solar_hijri_dates(text)
    assert d.enclosing == enclosing


def test_the_index_passes_integrity_checks_that_do_not_compare_it_with_the_text_as_written():
    db = search_db(persian.fts_tokenizer())
    assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    db.execute("insert into passages_fts (passages_fts) values ('integrity-check')")
    with pytest.raises(sqlite3.DatabaseError):  # rank 1 re-reads passages.text: not what was indexed
        db.execute("insert into passages_fts (passages_fts, rank) values ('integrity-check', 1)")


def test_document_language_override():
    assert language.document_language(fixture("testimony"), "en") == "en"
    assert language.document_language(fixture("testimony")) == "fa"
    with pytest.raises(ValueError, match="ISO 639-1"):
        language.document_language("text", "Persian")


def test_speaker_slug_is_the_same_for_every_spelling():
    assert persian.speaker_slug("حسن کریمی") == persian.speaker_slug("حسن كريمي") == "حسن-کریمی"
    assert persian.speaker_slug("غلامرضا صالحی،") == "غلامرضا-صالحی"
    assert persian.speaker_slug("Diana Eltahawy") == "diana-eltahawy"


@pytest.mark.parametrize("text, expected", [
    ("به گزارش خبرگزاری رسمی، علی رضایی گفت: «این حکم اجرا خواهد شد.»", [("این حکم", "علی رضایی", "گفت")]),
    ("خبرگزاری رسمی به نقل از علی رضایی نوشت: «این حکم اجرا خواهد شد.»", [("این حکم", "علی رضایی", "نوشت")]),
    ("روزنامه کیهان نوشت: «این حکم اجرا خواهد شد.»", [("این حکم", "روزنامه کیهان", "نوشت")]),
    ("برادرم همیشه می‌گفت: «این روزها هم می‌گذرد.»", [("این روزها", "برادرم", "می‌گفت")]),
    ("علی رضایی گفت: «این حکم اجرا خواهد شد.» این مقام قضایی افزود: «هیچ تخفیفی در کار نیست.»",
     [("این حکم", "علی رضایی", "گفت"), ("هیچ تخفیفی", "علی رضایی", "افزود")]),
    ("این مقام قضایی افزود: «هیچ تخفیفی در کار نیست.»", []),  # nobody named before
    ("مریم احمدی دوشنبه گفت: «هیچ تخفیفی در کار نیست.»", [("هیچ تخفیفی", "مریم احمدی", "گفت")]),
])
def test_speech_cues_with_sources_and_references(text, expected):
    assert speakers(text) == expected


# ---------------------------------------------------------------------------------------------
# Figures: figures.find_figures reads Persian counts (tests/test_figures.py has the table cases)


def test_fixture_figures_are_read_by_find_figures():
    from ingest.figures import find_figures

    got = {name: [(f.text, f.low, f.high, f.approximate, f.counts) for f in find_figures(fixture(name))]
           for name in ("state_media", "opposition", "testimony")}
    assert got == {
        "state_media": [("هزاران شهروند بی\u200cگناه", 2000, 9999, True, "شهروند بی\u200cگناه")],
        "opposition": [("بیش از ۳۰٬۰۰۰ زندانی سیاسی", 30000, 30000, True, "زندانی سیاسی"),
                       ("ده\u200cها هزار اعدام", 20000, 99999, True, "اعدام")],
        "testimony": [("نزدیک به ۲۰۰ نفر", 200, 200, True, "نفر"), ("سه نفر", 3, 3, False, "نفر")],
    }
    for name in ("state_media", "opposition", "testimony"):
        text = fixture(name)
        assert all(text[f.start:f.end] == f.text for f in find_figures(text))


def test_there_is_one_reader_of_persian_figures():
    assert not hasattr(persian, "persian_figures")


async def test_an_index_of_the_text_as_written_is_searched_as_typed(tmp_path):
    """Served before the FTS fill changes, the plugin leaves the table search alone: an exact
    spelling finds what it found before, and nothing else changes."""
    site = make_site(tmp_path, normalised=False)
    assert await ids(site, "/archive/passages.json?_search=منافقين&_shape=array") == ["fa-1"]  # Arabic yeh, as written
    assert await ids(site, "/archive/passages.json?_search=قضايي&_shape=array") == ["fa-1"]
    assert await ids(site, "/archive/passages.json?_search=regime&_shape=array") == ["en-1"]


def test_is_normalised_index():
    assert persian.is_normalised_index(
        f"CREATE VIRTUAL TABLE x USING fts5(text, tokenize='{persian.fts_tokenizer()}')")
    assert not persian.is_normalised_index(f"CREATE VIRTUAL TABLE x USING fts5(text, tokenize='{DEFAULT_TOKENIZER}')")
    assert not persian.is_normalised_index(None)
