"""Persian: search normalisation, Solar Hijri dates and speech cues, as Iranian writers write them.

Pure functions; no database (``register`` only adds an SQL function to a connection you give it).

* ``normalise(text)``: the form both the FTS index and every search query go through, so that a
  query typed in any of the usual variant spellings finds what any other finds: Arabic yeh, kaf,
  alef and heh forms folded to one letter each, Persian and Arabic-Indic digits to ASCII, and the
  zero-width non-joiner (ZWNJ), tatweel and harakat removed where they sit on a word. ASCII and any
  text without Arabic script is returned unchanged. It keeps FTS5 token *positions* aligned with the
  text as written when the index uses ``fts_tokenizer()``, so snippet() and highlight() still mark
  the right words in the passage as written (docs/persian.md, "Why the tokenizer changes").
* ``solar_hijri_dates(text)`` / ``metadata_date(value)``: "۲۷ مرداد ۱۳۶۷", "مرداد ماه ۶۷",
  "تابستان ۱۳۶۷", "۱۳۶۷/۰۵/۲۷" read and converted to Gregorian at the precision the text gives
  (a day, or the range a month, season, year or decade spans), with a basis that says so.
* ``persian_quote_speakers(text)``: direct quotations in «guillemets» with the speaker a Persian
  speech cue names ("X گفت: «…»", "«…»، X افزود", "به گفته X، …"); ``speaker_slug(name)``.
* ``find_mentions_normalised(text, lexicon)``: ``names.find_mentions`` that finds the Persian
  names of sources/names.yml in any spelling.

Counts of people written in Persian ("۳۰ هزار زندانی سیاسی", "هزاران", "بیش از ۳۰٬۰۰۰") are read by
``figures.find_figures``, like English ones.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

# ---------------------------------------------------------------------------------------------
# Normalisation

ZWNJ = "\u200c"
TATWEEL = "\u0640"
# Arabic combining marks (harakat, shadda, sukun, superscript alef, hamza above/below, Quranic
# annotation marks). All are category Mn: FTS5's unicode61 splits words at them unless they are
# declared token characters (FTS_TOKENCHARS).
HARAKAT = "".join(
    chr(c)
    for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD),
              *range(0x06DF, 0x06E5), 0x06E7, 0x06E8, *range(0x06EA, 0x06EE)]
)
IGNORABLE = ZWNJ + TATWEEL + HARAKAT
# Characters unicode61 must treat as part of a word so that the text as written has the same
# tokens, in the same places, as its normalised form (tatweel already is one: category Lm).
FTS_TOKENCHARS = ZWNJ + HARAKAT

# One character to one character, so nothing but IGNORABLE changes the length. The folds follow
# Lucene's PersianAnalyzer (ArabicNormalizer + PersianNormalizer) and Persian typing habits.
FOLDS = {
    "ي": "ی", "ى": "ی", "ئ": "ی",  # Arabic yeh, alef maksura, yeh with hamza ("رئیس"/"رییس")
    "ك": "ک", "ڪ": "ک",  # Arabic kaf, swash kaf
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef with hamza, madda, wasla ("تأثیر"/"تاثیر")
    "ؤ": "و",  # waw with hamza ("مؤسسه"/"موسسه")
    "ۀ": "ه", "ة": "ه", "ۂ": "ه", "ہ": "ه",  # heh with yeh above ("خانۀ"), teh marbuta, heh goal
    "٬": ",", "٫": ".",  # Arabic thousands and decimal separators
}
FOLDS.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Persian digits ۰-۹
FOLDS.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits ٠-٩
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u200c]")
_IGNORABLE_RUN = re.compile(f"[{IGNORABLE}]+")
_FOLDABLE = re.compile("[" + "".join(FOLDS) + "]")


def _is_token_char(c: str) -> bool:
    """Whether unicode61 keeps the character inside a word (categories L*, N*, Co)."""
    return c.isalnum() or "\ue000" <= c <= "\uf8ff"


def _runs_to_drop(text: str):
    """(start, end) of every run of IGNORABLE characters that touches a letter or digit.

    A run standing alone between spaces or punctuation is kept: unicode61 would read it as a
    word of its own in the text as written, so dropping it would shift every later position."""
    for match in _IGNORABLE_RUN.finditer(text):
        start, end = match.span()
        if (start and _is_token_char(text[start - 1])) or (end < len(text) and _is_token_char(text[end])):
            yield start, end


def _fold(text: str) -> str:
    # FOLDS are rare in most text: substituting matches beats str.translate over every character
    return _FOLDABLE.sub(lambda m: FOLDS[m.group()], text)


def normalise(text: str) -> str:
    """The search form of a text: what the FTS index holds and what a query is turned into.

    >>> normalise("مُرداد ۱۳۶۷") == normalise("مرداد 1367") == "مرداد 1367"
    True
    >>> normalise("The regime's 1988 massacre")
    "The regime's 1988 massacre"
    """
    if not text or text.isascii() or not _ARABIC_SCRIPT.search(text):
        return text
    pieces, last = [], 0
    for start, end in _runs_to_drop(text):
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return _fold("".join(pieces))


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` and, for each of its characters, the index in ``text`` it came from
    (one more entry: ``len(text)``), so a match found in the normalised text maps back to the
    text as written: ``text[offsets[i]:offsets[j]]``."""
    if not text or not _ARABIC_SCRIPT.search(text):
        return text or "", list(range(len(text or "") + 1))
    dropped = [False] * len(text)
    for start, end in _runs_to_drop(text):
        for i in range(start, end):
            dropped[i] = True
    offsets = [i for i in range(len(text)) if not dropped[i]]
    kept = "".join(text[i] for i in offsets)
    offsets.append(len(text))
    return _fold(kept), offsets


def fts_tokenizer(base: str = "porter unicode61 remove_diacritics 2") -> str:
    """The FTS5 ``tokenize`` argument: ``base`` with the ignorable Arabic marks and ZWNJ declared
    token characters, so the text as written splits into the same words as its normalised form.
    It goes inside ``tokenize='…'`` in a CREATE statement: the quotes around the token
    characters are already doubled for that."""
    return f"{base} tokenchars ''{FTS_TOKENCHARS}''"


def is_normalised_index(create_sql: str | None) -> bool:
    """Whether an FTS5 table's CREATE statement (from sqlite_master) uses ``fts_tokenizer()``,
    the mark of an index filled with ``normalise(text)``: only such an index should be searched
    with a normalised query. Against an index of the text as written, a normalised query would
    miss what the query as typed found: "منافقين" typed with an Arabic yeh would be searched as
    "منافقین" and no longer match the text that spells it with an Arabic yeh too."""
    return bool(create_sql) and FTS_TOKENCHARS in create_sql


def _sql_normalise(value):
    return normalise(value) if isinstance(value, str) else value


def register(conn: sqlite3.Connection) -> None:
    """Add the SQL function ``normalise_fa(text)`` to a connection (the build's writer and
    Datasette's ``prepare_connection``)."""
    conn.create_function("normalise_fa", 1, _sql_normalise, deterministic=True)


# ---------------------------------------------------------------------------------------------
# Solar Hijri (Jalali) calendar: the arithmetic of jalaali-js (Borkowski's algorithm), which
# follows the astronomical calendar for Solar Hijri years -61 to 3177.

_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192,
           2262, 2324, 2394, 2456, 3178)


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero (JavaScript's ``~~(a / b)``)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _jal_cal(jy: int) -> tuple[bool, int, int]:
    """(is leap year, Gregorian year of its Nowruz, day of March of its Nowruz)."""
    if not _BREAKS[0] <= jy < _BREAKS[-1]:
        raise ValueError(f"Solar Hijri year {jy} is outside {_BREAKS[0]}..{_BREAKS[-1] - 1}")
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    if leap == -1:
        leap = 4
    return leap == 0, gy, march


def is_leap(jy: int) -> bool:
    """Whether Solar Hijri year ``jy`` has 366 days (Esfand has 30)."""
    return _jal_cal(jy)[0]


def month_length(jy: int, jm: int) -> int:
    if not 1 <= jm <= 12:
        raise ValueError(f"Solar Hijri month {jm} is not 1..12")
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if is_leap(jy) else 29


def to_gregorian(jy: int, jm: int, jd: int) -> date:
    """The Gregorian date of Solar Hijri ``jy/jm/jd``; ValueError if there is no such day.

    >>> to_gregorian(1367, 5, 27)
    datetime.date(1988, 8, 18)
    """
    if not 1 <= jd <= month_length(jy, jm):
        raise ValueError(f"Solar Hijri {jy}/{jm}/{jd} does not exist")
    _, gy, march = _jal_cal(jy)
    return date(gy, 3, march) + timedelta(days=(jm - 1) * 31 - _div(jm, 7) * (jm - 7) + jd - 1)


def month_span(jy: int, jm: int) -> tuple[date, date]:
    """First and last Gregorian day of a Solar Hijri month."""
    return to_gregorian(jy, jm, 1), to_gregorian(jy, jm, month_length(jy, jm))


# ---------------------------------------------------------------------------------------------
# Solar Hijri dates in text

MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
          "بهمن", "اسفند")
MONTH_LATIN = ("Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban",
               "Azar", "Dey", "Bahman", "Esfand")
MONTH_VARIANTS = {"امرداد": 5}  # the older name of Mordad
SEASONS = {"بهار": (1, "spring"), "تابستان": (4, "summer"), "پاییز": (7, "autumn"),
           "زمستان": (10, "winter")}
ORDINAL_DAYS = {"اول": 1, "یکم": 1, "دوم": 2, "سوم": 3}
TWO_DIGIT_PIVOT = 30  # "۶۷" is 1367, "۰۲" is 1402: two-digit years below 30 are in the 1400s

_month_numbers = {normalise(name): i + 1 for i, name in enumerate(MONTHS)}
_month_numbers.update({normalise(k): v for k, v in MONTH_VARIANTS.items()})
_MONTH_ALT = "|".join(sorted(map(re.escape, _month_numbers), key=len, reverse=True))
_SEASON_ALT = "|".join(normalise(s) for s in SEASONS)
_season_numbers = {normalise(k): v for k, v in SEASONS.items()}
_DAY_ALT = r"[0-3]?\d|" + "|".join(normalise(w) for w in ORDINAL_DAYS)
_B = r"(?<![\w/.\-])"  # not glued to a word or to another number
_E = r"(?![\w/\-]|\.\d)"
_E_NUMERIC = r"(?!\d|[/\-.:]\d)"  # "1402-05-27T10:30" is a date, "1367/05/270" is not
_YEAR = r"(?P<year>1[2-4]\d\d|\d\d)"
# Dates are read in normalised text (digits ASCII, ZWNJ dropped: "مرداد‌ماه" is "مردادماه").
_ERA_WORD = r"(?:ه\.?\s*ش\.?|هـ\.?\s*ش\.?|شمسی|خورشیدی)"  # "ه.ش" (hejri shamsi), "شمسی", "خورشیدی"
_ERA = rf"(?:\s*{_ERA_WORD})?"
_MONTH = rf"(?P<mname>{_MONTH_ALT})(?:\s*ماه)?"  # "مرداد", "مرداد ماه", "مردادماه"
_IN_YEAR = rf"\s*،?\s*(?:سال\s+)?{_YEAR}{_ERA}"  # "۱۳۶۷", "، سال ۱۳۶۷", "۶۷ ه.ش"
_SEP = r"\s*([/\-.])\s*"
# Dates are read in normalised text (digits ASCII, ZWNJ dropped: "مرداد‌ماه" is "مردادماه"),
# most precise first.
DATE_PATTERNS = (
    ("numeric", re.compile(
        _B + rf"(?P<year>1[2-4]\d\d){_SEP}(?P<month>\d{{1,2}})\s*\2\s*(?P<day>\d{{1,2}})" + _E_NUMERIC)),
    ("numeric_dmy", re.compile(
        _B + rf"(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}})\s*\2\s*(?P<year>1[2-4]\d\d)" + _E_NUMERIC)),
    ("day", re.compile(_B + rf"(?P<day>{_DAY_ALT})(?:\s*ام)?\s+{_MONTH}{_IN_YEAR}" + _E)),
    ("month", re.compile(_B + rf"{_MONTH}{_IN_YEAR}" + _E)),
    ("season", re.compile(_B + rf"(?P<season>{_SEASON_ALT})\s*(?:سال\s+)?{_YEAR}{_ERA}" + _E)),
    ("decade", re.compile(_B + r"دهه\s*(?:ی\s+)?(?P<decade>[1-9]0)" + _E)),
    ("year", re.compile(_B + rf"(?:سال\s+{_YEAR}{_ERA}|(?P<year2>1[2-4]\d\d)\s*{_ERA_WORD})" + _E)),
)


@dataclass
class SolarHijriDate:
    start: int  # offsets in the text as written
    end: int
    surface: str
    precision: str  # "day", "month", "season", "year" or "decade"
    solar_hijri: str  # "1367-05-27", "1367-05", "1367 summer", "1367", "1360s"
    gregorian: str  # an ISO date, or "first/last" for the span a month, season, year or decade covers
    basis: str

    @property
    def first(self) -> str:
        return self.gregorian.split("/")[0]

    @property
    def last(self) -> str:
        return self.gregorian.split("/")[-1]

    @property
    def enclosing(self) -> str:
        """The most precise plain ISO value (YYYY-MM-DD, YYYY-MM or YYYY) that holds the whole
        span, for a column that takes only those ("1988" for Mordad 1367, which runs from July
        into August); the interval itself where the span crosses a Gregorian year (Dey 1401)."""
        first, last = self.first, self.last
        if first == last:
            return first
        if first[:7] == last[:7]:
            return first[:7]
        if first[:4] == last[:4]:
            return first[:4]
        return self.gregorian


def _year(digits: str) -> tuple[int, str]:
    """The Solar Hijri year of "1367" or "67", and what the basis says about reading it."""
    if len(digits) == 4:
        return int(digits), ""
    yy = int(digits)
    year = (1400 if yy < TWO_DIGIT_PIVOT else 1300) + yy
    return year, f'; the two-digit year "{digits}" read as {year}'


def _span(first: date, last: date) -> str:
    return f"{first.isoformat()}/{last.isoformat()}"


def _build(kind: str, m: re.Match) -> tuple[str, str, str, str] | None:
    """(precision, solar_hijri, gregorian, basis) for one pattern match, or None if no such date."""
    try:
        if kind == "decade":
            decade = 1300 + int(m["decade"])
            first, last = to_gregorian(decade, 1, 1), to_gregorian(decade + 10, 1, 1) - timedelta(days=1)
            return ("decade", f"{decade}s", _span(first, last),
                    f"converted from Solar Hijri: the {decade}s SH ({decade}-{decade + 9}) span "
                    f"{first} to {last}")
        digits = m["year"] or m.groupdict().get("year2")
        jy, note = _year(digits)
        if kind == "season":
            month, name = _season_numbers[m["season"]]
            first, last = to_gregorian(jy, month, 1), month_span(jy, month + 2)[1]
            return ("season", f"{jy} {name}", _span(first, last),
                    f"converted from Solar Hijri: {name} {jy} SH ({MONTH_LATIN[month - 1]} to "
                    f"{MONTH_LATIN[month + 1]}) spans {first} to {last}{note}")
        if kind == "year":
            first, last = to_gregorian(jy, 1, 1), to_gregorian(jy + 1, 1, 1) - timedelta(days=1)
            return ("year", str(jy), _span(first, last),
                    f"converted from Solar Hijri: the year {jy} SH spans {first} to {last}{note}")
        jm = int(m["month"]) if kind.startswith("numeric") else _month_numbers[m["mname"]]
        if kind == "month":
            first, last = month_span(jy, jm)
            return ("month", f"{jy}-{jm:02d}", _span(first, last),
                    f"converted from Solar Hijri: {MONTH_LATIN[jm - 1]} {jy} SH spans {first} to {last} "
                    f"(a Solar Hijri month falls across two Gregorian months){note}")
        day = m["day"]
        jd = int(day) if day.isdigit() else ORDINAL_DAYS[day]
        g = to_gregorian(jy, jm, jd)
        return ("day", f"{jy}-{jm:02d}-{jd:02d}", g.isoformat(),
                f"converted from Solar Hijri: {jd} {MONTH_LATIN[jm - 1]} {jy} SH = {g}{note}")
    except (ValueError, IndexError, KeyError):
        return None


def solar_hijri_dates(text: str) -> list[SolarHijriDate]:
    """Every Solar Hijri date in a text, in order, each at the precision the text gives.

    The most precise reading wins where readings overlap ("۲۷ مرداد ۱۳۶۷" is a day, not also a
    month or a year). A day and month with no year ("۲۷ مرداد") is not a date here: its year
    cannot be told. Years are 1200-1499 SH written in full, or two digits after a month, a
    season or "سال" ("مرداد ۶۷", "سال ۶۷")."""
    norm, offsets = normalise_with_offsets(text)
    taken: list[tuple[int, int]] = []  # spans in the normalised text
    dates: list[SolarHijriDate] = []
    for kind, pattern in DATE_PATTERNS:  # most precise first
        for m in pattern.finditer(norm):
            start, end = m.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            built = _build(kind, m)
            if built is None:  # no such day ("۳۱ مهر"): a less precise reading may still apply
                continue
            taken.append((start, end))
            raw_start, raw_end = offsets[start], offsets[end]
            dates.append(SolarHijriDate(raw_start, raw_end, text[raw_start:raw_end], *built))
    dates.sort(key=lambda d: d.start)
    return dates


def metadata_date(value: str | None) -> SolarHijriDate | None:
    """The Solar Hijri date in a page's date metadata ("۱۳۶۷/۰۵/۲۷ - ۱۰:۳۰",
    "سه‌شنبه ۲۷ مرداد ۱۳۶۷", "1402-05-27T10:30:00"), the most precise if there are several."""
    if not value:
        return None
    dates = solar_hijri_dates(value)
    order = ("day", "month", "season", "year", "decade")
    return min(dates, key=lambda d: order.index(d.precision)) if dates else None


# ---------------------------------------------------------------------------------------------
# Speech cues

# Verbs and phrases that introduce what someone said, as written (normalised when matched).
# Past, present-perfect and present forms; compound verbs with کرد/داشت/شد/داد.
SPEECH_CUES = (
    "گفت", "گفته است", "گفته بود", "می‌گوید", "می‌گویند", "گفتند",
    "اظهار داشت", "اظهار کرد", "اظهار داشته است", "ابراز داشت", "ابراز کرد",
    "اعلام کرد", "اعلام کردند", "اعلام داشت", "اعلام کرده است",
    "افزود", "افزودند", "ادامه داد", "تصریح کرد", "تاکید کرد", "تأکید کرد", "تاکید کردند",
    "خاطرنشان کرد", "خاطرنشان ساخت", "یادآور شد", "یادآوری کرد", "عنوان کرد", "بیان کرد",
    "بیان داشت", "توضیح داد", "پاسخ داد", "نوشت", "نوشته است", "می‌نویسد", "اذعان کرد",
    "مدعی شد", "ادعا کرد", "هشدار داد", "تشریح کرد", "اضافه کرد", "شهادت داد", "روایت کرد",
    "تعریف کرد", "پرسید", "می‌گفت", "می‌گفتند", "گفته‌اند", "گفته بودند", "نوشته‌اند",
    "افزوده است", "تاکید کرده است", "اعلام کرده‌اند", "اظهار کرده است",
    # a count's reporting verbs: "X گزارش داد که …", "X برآورد کرد که …"
    "گزارش داد", "گزارش دادند", "گزارش کرد", "گزارش داده است", "برآورد کرد", "برآورد کرده است", "تخمین زد",
    "تخمین زده است", "ثبت کرده است", "مستند کرده است",
)
# Cues that come before the speaker: "به گفته X، …".
ACCORDING_TO_CUES = ("به گفته", "به نقل از", "از قول")
# A report's source before a clause of the outlet's: "به گزارش ایرنا، ۱۲ نفر بازداشت شدند" gives the clause to IRNA;
# when the clause names a speaker of its own ("به گزارش ایرنا، X گفت …") that speaker is the voice
REPORT_SOURCE_CUES = ("به گزارش", "بر اساس گزارش", "براساس گزارش", "طبق گزارش", "بنا بر گزارش", "بنابر گزارش",
                      "بنا به گفته", "بر اساس آمار", "طبق آمار")
PRONOUNS = ("وی", "او", "ایشان", "آنها", "آن‌ها")
HONORIFICS = ("آقای", "خانم", "جناب", "سرکار خانم", "دکتر")
# Words that end the subject: an adverbial or a clause begins after the speaker's name.
SUBJECT_STOPS = (
    "روز", "امروز", "دیروز", "امشب", "دیشب", "شب", "صبح", "عصر", "ظهر", "بامداد", "هفته",
    "در", "با", "ضمن", "طی", "پس", "هنگام", "به", "که", "نیز", "هم", "همچنین", "سپس", "بعد",
    "برای", "از", "درباره", "دربارهٔ", "خطاب", "اخیرا", "اخیراً", "شامگاه", "را",
    "همیشه", "هنوز", "بارها", "بعدها", "اکنون", "حالا", "قبلا", "پیشتر", "بعدا", "دوباره",
    "صراحتا", "سال", "ماه", "شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه",
    "پنج‌شنبه", "جمعه",
)
# "این مقام قضایی گفت": a reference back to someone named before, like a pronoun.
DEMONSTRATIVES = ("این", "آن")
LEAD_WORDS = ("و", "اما", "ولی", "همچنین", "سپس", "بعد", "پس", "نیز", "هم", "در", "ادامه", "آنگاه")
TITLE_WORDS = (
    "سخنگوی", "سخنگو", "دادستان", "رئیس", "رییس", "وزیر", "نماینده", "عضو", "مدیر", "دبیر",
    "فرمانده", "معاون", "مشاور", "رهبر", "قاضی", "مسئول", "مسئولان", "رئیس‌جمهور", "دبیرکل",
)
SUBJECT_MAX_WORDS = 6
_QUOTE = re.compile(r"«([^«»]*)»|“([^“”]*)”")
_CLAUSE_END = re.compile(r"[.!?؟؛:\n»”]")


def _word_pattern(word: str) -> str:
    """A cue as a pattern: any whitespace between its words, and "می" written joined, with a
    ZWNJ (dropped by normalise) or with a space ("می‌گوید", "میگوید", "می گوید")."""
    parts = [re.escape(w) for w in normalise(word).split()]
    pattern = r"\s+".join(parts)
    return re.sub(r"^(ن?می)", r"\1\\s?", pattern)


def _words_re(words) -> str:
    return "|".join(sorted((_word_pattern(w) for w in words), key=len, reverse=True))


_CUE_RE = re.compile(rf"(?<!\w)(?:{_words_re(SPEECH_CUES)})(?!\w)")
_ACCORDING_RE = re.compile(rf"(?<!\w)(?:{_words_re(ACCORDING_TO_CUES)})(?!\w)")
_REPORT_SOURCE_RE = re.compile(rf"(?<!\w)(?:{_words_re(REPORT_SOURCE_CUES)})(?!\w)")
_STOPS = {normalise(w) for w in SUBJECT_STOPS}
_LEADS = {normalise(w) for w in LEAD_WORDS}
_PRONOUNS = {normalise(w) for w in PRONOUNS}
_DEMONSTRATIVES = {normalise(w) for w in DEMONSTRATIVES}
_PRONOUN = normalise(PRONOUNS[0])  # what a demonstrative reference is read as
_HONORIFIC_RE = re.compile(rf"^(?:{_words_re(HONORIFICS)})\s+")
_TITLES = {normalise(w) for w in TITLE_WORDS}


def _subject(norm: str, start: int, end: int) -> str | None:
    """The speaker named in ``norm[start:end]``, a clause that ends at the cue verb.

    The clause is cut at commas. A segment's subject is its first words up to an adverbial or a
    stop word (after leading conjunctions); a segment that opens with one ("به گزارش ایرنا"،
    "روز دوشنبه در نشست خبری") names nobody and is passed over. Of an apposition, the name is
    taken rather than a title before it ("سخنگوی دولت، علی رضایی، گفت"). A clause that opens
    with "به نقل از X" or "به گفته X" inside ("ایرنا به نقل از X نوشت") is X's."""
    inner = [a for a in _ACCORDING_RE.finditer(norm, start, end)]
    if inner:
        start = inner[-1].end()
    subjects: list[list[str]] = []
    for segment in re.split(r"[،,]", norm[start:end]):
        words = segment.split()
        while words and words[0] in _LEADS:
            words.pop(0)
        if not words:
            continue
        if words[0] in _DEMONSTRATIVES and not subjects:
            return _PRONOUN
        kept = []
        for word in words:
            if word in _STOPS or word[0].isdigit():
                break
            kept.append(word)
        if kept:
            subjects.append(kept)
        elif subjects:
            break  # an adverbial after the subject: the subject is complete
    if not subjects:
        return None
    chosen = subjects[1] if len(subjects) > 1 and subjects[0][0] in _TITLES else subjects[0]
    if len(chosen) > SUBJECT_MAX_WORDS:
        return None
    return " ".join(chosen)


def _clause_start(norm: str, position: int, floor: int = 0) -> int:
    """Where the clause that ends at ``position`` begins: after the last sentence end, colon,
    semicolon or closing quotation mark."""
    start = floor
    for m in _CLAUSE_END.finditer(norm, floor, position):
        start = m.end()
    return start


def persian_quote_speakers(text: str) -> list[tuple[int, int, str, str]]:
    """Direct quotations and who a Persian speech cue says spoke them:
    ``(quote_start, quote_end, speaker_name, cue)``, offsets into ``text`` as written, the span
    including its guillemets (or, for "به گفته X، …" without quotation marks, the clause after the
    comma up to the sentence end). ``speaker_name`` and ``cue`` are as written; a leading
    honorific ("آقای", "خانم") is left out of the name.

    * "X گفت: «…»", "X در این باره اظهار داشت که «…»": the subject of the cue before the quotation;
    * "«…»، X افزود." / "«…» این را X گفت.": the subject between the quotation and the cue;
    * "به گفته X، «…»" / "به گفته X، …";
    * "X گفت که …", "X اعلام کرد: …" with no quotation marks: the rest of the sentence (reported);
    * "X گفت: «…» و افزود: «…»": the second quotation is X's too;
    * a pronoun subject ("وی گفت", "او افزود") is the speaker named last before it; with none, the
      quotation is skipped, as is a quotation whose speaker no cue names (null is preferred to a
      guess). Quotations of one word are names or scare quotes, not speech.
    """
    norm, offsets = normalise_with_offsets(text)
    quotes = [m.span() for m in _QUOTE.finditer(norm) if len((m[1] or m[2] or "").split()) >= 2]

    def outside_quotes(pos: int) -> bool:
        return not any(s < pos < e for s, e in quotes)

    def written(start: int, end: int) -> str:
        return text[offsets[start]:offsets[end]]

    results: list[tuple[int, int, str, str]] = []
    last_named: str | None = None  # the last speaker named, for pronouns
    previous_end, previous_speaker = 0, None
    used_cues: set[int] = set()  # a cue after one quotation is not also the cue before the next
    for q_start, q_end in quotes:
        sentence_start = previous_end
        for m in re.finditer(r"[.!?؟\n]", norm[previous_end:q_start]):
            sentence_start = previous_end + m.end()
        # (name, where it is, cue) or None
        found = _speaker_before(norm, sentence_start, q_start, outside_quotes, used_cues)
        if found is None and previous_speaker and sentence_start == previous_end:
            found = _continuation(norm, previous_end, q_start, previous_speaker, written)
        if found is None:
            found = _speaker_after(norm, q_end, used_cues)
        speaker = None
        if found:
            name, name_at, cue_span = found
            if name is previous_speaker:
                speaker = previous_speaker
            elif name in _PRONOUNS:
                speaker = last_named
            else:
                speaker = last_named = _raw_name(text, norm, offsets, name, name_at)
            if speaker:
                results.append((offsets[q_start], offsets[q_end], speaker, written(*cue_span)))
        previous_end, previous_speaker = q_end, speaker
    results += _according_to_clauses(text, norm, offsets, quotes, outside_quotes, results)
    results += _reported_clauses(text, norm, offsets, quotes, outside_quotes, results)
    results.sort()
    return results


def _speaker_before(norm, sentence_start, q_start, outside_quotes, used_cues):
    """"X گفت: «" or "به گفته X، «": the speaker named before the quotation in its sentence."""
    cues = [c for c in _CUE_RE.finditer(norm, sentence_start, q_start) if outside_quotes(c.start())]
    accs = [a for a in _ACCORDING_RE.finditer(norm, sentence_start, q_start) if outside_quotes(a.start())]
    if accs and (not cues or accs[-1].start() > cues[-1].start()):
        a = accs[-1]
        comma = norm.find("،", a.end(), q_start)
        name = _subject(norm, a.end(), comma if comma != -1 else q_start)
        return (name, a.end(), a.span()) if name else None
    if cues:
        c = cues[-1]
        # the cue must lead into the quotation: nothing but a colon or "که" between them
        if re.fullmatch(r"\s*(?::\s*)?(?:که)?\s*", norm[c.end():q_start]):
            clause_start = _clause_start(norm, c.start(), sentence_start)
            name = _subject(norm, clause_start, c.start())
            if name:
                used_cues.add(c.start())
                return name, clause_start, c.span()
    return None


def _continuation(norm, previous_end, q_start, previous_speaker, written):
    """"… «…» و افزود: «…»": a cue with no subject of its own right after the speaker's last
    quotation continues that speaker."""
    cue = _CUE_RE.search(norm, previous_end, q_start)
    if not cue or not re.fullmatch(r"\s*(?::\s*)?(?:که)?\s*", norm[cue.end():q_start]):
        return None
    lead = norm[previous_end:cue.start()].strip(" \t،,")
    if all(word in _LEADS for word in lead.split()):
        return previous_speaker, previous_end, cue.span()
    return None


def _speaker_after(norm, q_end, used_cues):
    """"«…»، X افزود.": the speaker between the quotation and a cue later in its sentence."""
    sentence_end = len(norm)
    m_end = re.search(r"[.!?؟\n«“]", norm[q_end:])
    if m_end:
        sentence_end = q_end + m_end.start()
    after = [c for c in _CUE_RE.finditer(norm, q_end, sentence_end) if c.start() not in used_cues]
    if not after:
        return None
    c = after[0]
    segment = re.sub(r"^\s*[،,]?\s*(?:(?:این|ان)\s+را\s+)?", "", norm[q_end:c.start()])
    if not segment.strip():
        return None
    name = _subject(norm, c.start() - len(segment), c.start())
    if name:
        used_cues.add(c.start())
        return name, c.start() - len(segment), c.span()
    return None


_SENTENCE_END = re.compile(r"[.!?؟\n]")
# A count as the object of a cue that closes its sentence: "شمار / تعداد / آمار … را ۲۸۰۰ نفر" (digits, Persian or Latin)
_COUNT_OBJECT = re.compile(r"(?<!\w)(?:شمار|تعداد|آمار|رقم)[^.!?؟\n،«»]{0,60}?\sرا\s[^.!?؟\n«»]{0,40}?[0-9۰-۹][^.!?؟\n«»]{0,30}?\s*$")


def _sentence_end(norm: str, position: int) -> int:
    """Where the sentence that holds ``position`` ends (its stop excluded), or the text's end."""
    stop = _SENTENCE_END.search(norm, position)
    return stop.start() if stop else len(norm)


def _according_to_clauses(text, norm, offsets, quotes, outside_quotes, results):
    """"به گفته X، …", "به گزارش X، …" with no quotation marks: the clause after the comma is X's (a report's
    source gives way to a speaker the clause names with a cue of its own)."""
    found = []
    last_named = None
    sources = [(a, False) for a in _ACCORDING_RE.finditer(norm)] + [(a, True) for a in _REPORT_SOURCE_RE.finditer(norm)]
    for a, report in sorted(sources, key=lambda pair: pair[0].start()):
        if not outside_quotes(a.start()):
            continue
        sentence_end = _sentence_end(norm, a.end())
        comma = norm.find("،", a.end(), sentence_end)
        if comma == -1 or any(comma <= s < sentence_end for s, _ in quotes):
            continue  # no clause, or a quotation the main loop attributes
        if report and any(outside_quotes(c.start()) for c in _CUE_RE.finditer(norm, comma, sentence_end)):
            continue  # "به گزارش ایرنا، X گفت …": X is the voice (_reported_clauses)
        body_start = comma + 1
        while body_start < sentence_end and norm[body_start].isspace():
            body_start += 1
        name = _subject(norm, a.end(), comma)
        if not name or body_start >= sentence_end:
            continue
        if name in _PRONOUNS:
            earlier = [r for r in results if r[0] < offsets[a.start()]]
            speaker = earlier[-1][2] if earlier else last_named
        else:
            speaker = last_named = _raw_name(text, norm, offsets, name, a.end())
        if speaker:
            found.append((offsets[body_start], offsets[sentence_end], speaker,
                          text[offsets[a.start()]:offsets[a.end()]]))
    return found


def _reported_clauses(text, norm, offsets, quotes, outside_quotes, results):
    """"X گفت که …", "X اعلام کرد: …" with no quotation marks: what follows the cue, to the end of
    the sentence, is X's (reported speech). A sentence that holds a quotation is the main loop's; a
    cue that closes its sentence ("…، وزیر گفت.") gives nothing here (null rather than a guess)."""
    found = []
    last_named = None
    for cue in _CUE_RE.finditer(norm):
        if not outside_quotes(cue.start()):
            continue
        sentence_end = _sentence_end(norm, cue.end())
        if any(cue.end() <= s < sentence_end for s, _ in quotes):
            continue
        body = re.match(r"[\s:،]*(?:که\s+)?", norm[cue.end():sentence_end])
        body_start = cue.end() + body.end()
        clause_start = _clause_start(norm, cue.start())
        counted = _COUNT_OBJECT.search(norm, clause_start, cue.start())  # "$" matches at the end position
        if len(norm[body_start:sentence_end].split()) < 2 and counted:
            # "منتظری شمار اعدام‌شدگان را ۲۸۰۰ تا ۳۸۰۰ نفر اعلام کرد": the count, object of the cue, is the
            # subject's (X put the number of … at N)
            name = _subject(norm, clause_start, counted.start())
            if name and name not in _PRONOUNS:
                speaker = last_named = _raw_name(text, norm, offsets, name, clause_start)
                found.append((offsets[counted.start()], offsets[cue.start()], speaker,
                              text[offsets[cue.start()]:offsets[cue.end()]]))
            continue
        if len(norm[body_start:sentence_end].split()) < 2:
            continue
        name = _subject(norm, clause_start, cue.start())
        if not name:
            continue
        if name in _PRONOUNS:  # the speaker of the nearest attribution before it, or the last named
            earlier = max((r for r in results + found if r[0] < offsets[cue.start()]), key=lambda r: r[0], default=None)
            speaker = earlier[2] if earlier else last_named
        else:
            speaker = last_named = _raw_name(text, norm, offsets, name, clause_start)
        if speaker and not any(r[0] <= offsets[body_start] < r[1] for r in results + found):
            found.append((offsets[body_start], offsets[sentence_end], speaker, text[offsets[cue.start()]:offsets[cue.end()]]))
    return found


def _raw_name(text: str, norm: str, offsets: list[int], name: str, search_from: int) -> str:
    """The speaker's name as written in ``text``, without a leading honorific."""
    at = norm.find(name, search_from)
    if at == -1:
        return name
    written = text[offsets[at]:offsets[at + len(name)]]
    stripped = _HONORIFIC_RE.sub("", normalise(written))
    if stripped != normalise(written):
        cut = len(normalise(written)) - len(stripped)
        # cut the honorific in the written form too: find the same number of normalised chars
        _, sub_offsets = normalise_with_offsets(written)
        written = written[sub_offsets[cut]:]
    return written.strip()


# ---------------------------------------------------------------------------------------------
# Names (sources/names.yml) in Persian text

_normalised_lexicons: dict[int, tuple[object, object, dict[str, str]]] = {}


def normalised_lexicon(lexicon):
    """A twin of a ``names.Lexicon`` whose names are normalised, and a map from each normalised
    name back to the lexicon's name as written (cached per lexicon object)."""
    from .names import build_lexicon

    cached = _normalised_lexicons.get(id(lexicon))
    if cached and cached[0] is lexicon:
        return cached[1], cached[2]
    back: dict[str, str] = {}
    data = {}
    for actor_id, actor in lexicon.actors.items():
        names = []
        for n in actor.names:
            normal = normalise(n["name"])
            back.setdefault(normal, n["name"])
            names.append({**n, "name": normal})
        data[actor_id] = {"name": actor.name, "description": actor.description, "basis": actor.basis,
                          "names": names}
    twin = build_lexicon(data)
    _normalised_lexicons[id(lexicon)] = (lexicon, twin, back)
    return twin, back


def find_mentions_normalised(text: str, lexicon) -> list:
    """``names.find_mentions`` that also finds Persian names written with Arabic letters, ZWNJ,
    tatweel or harakat ("منافقين", "مُجاهدین خلق"): matched in ``normalise(text)``, with
    ``start``, ``end`` and ``surface`` in the text as written and ``name`` the lexicon's name.
    Text without Arabic script gives exactly what ``names.find_mentions`` gives."""
    from .names import Mention, find_mentions

    if not _ARABIC_SCRIPT.search(text or ""):
        return find_mentions(text, lexicon)
    twin, back = normalised_lexicon(lexicon)
    norm, offsets = normalise_with_offsets(text)
    found = []
    for m in find_mentions(norm, twin):
        start, end = offsets[m.start], offsets[m.end]
        found.append(Mention(m.actor_id, text[start:end], start, end, back.get(m.name, m.name)))
    return found


def speaker_slug(name: str) -> str:
    """A stable id for a speaker named in Persian: the normalised name, words joined by "-"
    ("حسن کریمی" and "حسن كريمي" are both "حسن-کریمی"). ``attribute.slug`` keeps ASCII only and
    would give every Persian name the same id ("unnamed")."""
    return re.sub(r"[\W_]+", "-", normalise(name)).strip("-").lower() or "unnamed"
