"""Numeric claims about people in a passage: "30,000 political prisoners", "۳۰ هزار زندانی سیاسی".

``find_figures(text)`` is a pure function: text in, ``Figure`` records out, with offsets into
the text. It reads English and Persian.

English: digits ("30,000", "1500", "1.5 million"), number words ("seven", "twenty-five", "three
hundred") and vague quantities ("thousands", "tens of thousands", "several hundred", "in the
thousands") into ``low``/``high`` (the table ``VAGUE``; stated in docs/figures.md). A number is a
count of people only when it is tied to people:

* followed by a counted noun, optionally after up to three modifiers
  ("87 Death Commission members", "seven top human rights experts", "thousands of MEK members");
* or followed by a verb of what is done to people ("12,000 are being detained", "5,000 died",
  "as many as 5,000 are believed to have been executed");
* or standing after a frame that makes it a count of people ("the death toll of 1500",
  "the massacre of over 30,000", "Amnesty put the number at around 5,000", "estimates range from
  2,800 to 30,000", "the number of those executed exceeded 30,000", "the regime hanged some 5,000").

Persian (``۰-۹``, ``٠-٩`` or ASCII digits, separators ``٬ , ،``, decimal ``٫``; number words
سی هزار, دو هزار و پانصد; vague هزاران, ده‌ها هزار, صدها): a number followed by a classifier
(نفر, تن, مورد), a counted noun (زندانی سیاسی, کشته, اعدام, …) or a verb (اعدام شدند, کشته شدند),
or after a frame (شمار قربانیان را … , اعدام / قتل‌عام + number), with the qualifiers حدود, بیش از,
دست‌کم, نزدیک به, تا … and ranges (۲۸۰۰ تا ۳۸۰۰, بین … و …).

Everything else is left out: years (1988; Solar Hijri ۱۳۶۷), dates, ages and durations, money,
percentages, page, article, ward and resolution numbers, list numbering, phone numbers, numbers
glued to words or inside hashtags, handles and URLs, counts of organisations and "N of the X"
("one of the key officials": a part of a group, not a count).

Speed: the text is scanned once for anchors (a digit or a number word); everything else is
anchored matching around each anchor, so a passage without numbers costs one regex scan (two when
it holds Arabic script).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- English numbers -------------------------------------------------------------------------

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# Vague quantities: phrase -> (low, high). The documented table (docs/figures.md).
VAGUE = {
    "dozens": (24, 99),
    "a few dozen": (24, 60),
    "several dozen": (36, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "several hundred": (300, 999),
    "a few hundred": (200, 500),
    "thousands": (2_000, 9_999),
    "several thousand": (3_000, 9_999),
    "a few thousand": (2_000, 5_000),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}
EXACT_WORDS = {"a dozen": 12, "a hundred": 100, "a thousand": 1_000, "a million": 1_000_000}

# Words that make a number approximate when they come right before it.
QUALIFIERS = (
    "more than", "over", "about", "around", "nearly", "almost", "some", "up to", "at least",
    "roughly", "approximately", "close to", "as many as", "in excess of", "upwards of",
    "fewer than", "less than", "under", "an estimated", "estimated", "at most", "well over",
    "as high as", "as low as", "as much as", "just over", "just under", "well above", "above",
    "below", "no fewer than", "no less than", "not less than", "not fewer than", "no more than",
    "not more than", "a minimum of", "a maximum of", "at minimum", "at a minimum", "far more than", "many more than",
    "somewhere", "anywhere", "perhaps as many as", "possibly as many as", "an approximate",
    "a reported", "reportedly", "close on", "nearer", "near", "more like", "closer to", "maybe", "perhaps", "possibly",
    "nearer to", "nearly as many as", "almost as many as", "more than double", "in the region of",
    "on the order of", "of the order of", "a total of more than", "c.", "ca.", "circa",
    "approx.", "est.", "not even",
)
# Words after a number that make it approximate: "5,000 or more", "5,000-plus".
SUFFIXES = r"\s+or\s+(?:more|so)|\+|-plus"

# Counted nouns: heads of a noun phrase that names people (plural and singular).
PEOPLE_NOUNS = (
    "people", "persons", "person", "individuals", "individual", "prisoners", "prisoner",
    "detainees", "detainee", "inmates", "dissidents", "dissident", "protesters", "protester",
    "protestors", "demonstrators", "members", "member", "supporters", "sympathizers",
    "sympathisers", "activists", "activist", "officials", "official", "experts", "rapporteurs",
    "victims", "victim", "women", "woman", "men", "man", "girls", "boys", "children", "child",
    "teenagers", "juveniles", "minors", "youths", "students", "workers", "teachers",
    "journalists", "lawyers", "mayors", "ministers", "judges", "clerics", "commanders", "agents",
    "guards", "executions", "hangings", "killings", "deaths", "dead", "martyrs", "families",
    "relatives", "survivors", "witnesses", "Iranians", "citizens", "civilians", "refugees",
    "residents", "parliamentarians", "lawmakers", "MPs", "senators", "dignitaries", "signatories",
    "politicians", "leaders", "delegates", "participants", "defenders", "opponents", "fighters",
    "perpetrators", "prosecutors", "doctors", "nurses", "mothers", "fathers", "sons",
    "daughters", "siblings", "soldiers", "troops", "casualties", "fatalities",
    # added for NGO, press and state phrasing
    "Baha'is", "Bahá'ís", "Baháʼís", "Bahais", "Kurds", "Arabs", "Baluchis", "Sunnis",
    "Christians", "Muslims", "Mojahedin", "Mujahedin", "Mojahedeen", "leftists", "Marxists",
    "communists", "monarchists", "followers", "mourners", "captives", "hostages", "bodies",
    "lives", "souls", "adolescents", "youth", "pupils", "others", "convicts", "inmate",
    "prisoners-of-war", "POWs", "arrestees", "defendants", "believers", "worshippers",
    "pilgrims", "migrants", "deportees", "Afghans", "rioters", "thugs", "terrorists",
    "hypocrites", "mercenaries", "spies", "insurgents", "militants", "gunmen", "assailants",
    "attackers", "criminals", "offenders", "bystanders", "passengers", "villagers", "peasants",
    "clergy", "clergymen", "monks", "nuns", "priests", "Mujahideen", "mujahedeen", "comrades",
    "cellmates", "partisans", "combatants", "Jews", "Zoroastrians", "Sufis", "dervishes",
    "names",  # "a list of 790 names": the named dead or detained
    "arrests", "detentions", "disappearances", "abductions",  # events that each befall a person, as "executions"
    "smugglers", "traffickers",
    # peoples and faiths, as the press counts them ("more than one million Uighurs")
    "Uighurs", "Uyghurs", "Balochs", "Azeris", "Turkmen", "Yazidis", "Rohingya", "Tamils", "Palestinians",
    "Israelis", "Syrians", "Iraqis", "Shias", "Shiites", "Alawites", "Druze", "Armenians", "Assyrians",
    "Hazaras", "Pashtuns", "Tajiks", "Chechens", "Tigrayans", "Amhara", "Sudanese", "Somalis", "Eritreans",
    "ethnic Kurds", "men and women", "men and boys", "women and children", "staff", "employees",
    "crew", "crew members", "patients", "miners", "farmers", "fishermen", "athletes", "artists",
    "writers", "poets", "intellectuals", "academics", "scholars", "clerks", "conscripts", "recruits", "clients",
    "asylum seekers", "asylum-seekers", "returnees", "evacuees", "displaced people", "internally displaced people",
    # trades the press counts ("37 Kurdish porters", "thousands of coca growers")
    "porters", "kolbars", "growers", "labourers", "laborers", "herders", "nomads", "truckers", "drivers", "vendors",
    "traders", "shopkeepers", "merchants", "bakers", "medics", "engineers", "officers", "policemen",
    "police", "riot police", "police officers", "security forces", "militiamen", "paramilitaries",
    "plaintiffs", "complainants", "claimants", "exiles", "émigrés", "emigres", "jurists", "volunteers", "campaigners",
    "prisoners of conscience", "schoolgirls", "schoolboys", "schoolchildren", "pupils and teachers",
    # nationals as the press counts them ("19 Bahrainis", "dozens of Afghans")
    "Bahrainis", "Saudis", "Emiratis", "Kuwaitis", "Yemenis", "Pakistanis", "Bangladeshis", "Indians", "Americans",
    "Britons", "Europeans", "Africans", "Nigerians", "Egyptians", "Libyans", "Tunisians", "Algerians", "Moroccans",
    "Lebanese", "Jordanians", "Turks", "Chinese", "Tibetans", "Burmese", "Vietnamese", "Filipinos", "Indonesians",
    "Russians", "Ukrainians", "Belarusians", "Georgians", "Azerbaijanis", "Mexicans", "Venezuelans", "Hondurans",
    "Haitians", "Cubans", "Ethiopians", "foreigners", "nationals", "foreign nationals", "dual nationals",
)
# Singular heads: after a number above one they modify another noun ("three individual chargers",
# "five separate inmate counts", "hundreds of member companies"), so they count nothing.
SINGULAR_NOUNS = {
    "person", "individual", "prisoner", "detainee", "dissident", "protester", "member", "activist",
    "official", "victim", "woman", "man", "child", "inmate",
}
# Passive verbs of what is done to people: "12,000 are being detained".
PEOPLE_VERBS = (
    "executed", "killed", "hanged", "hung", "arrested", "detained", "imprisoned", "jailed",
    "disappeared", "massacred", "murdered", "tortured", "sentenced", "injured", "wounded",
    "shot", "slain", "held", "put to death", "shot dead", "gunned down", "beheaded", "stoned",
    "slaughtered", "buried", "rounded up", "abducted", "forcibly disappeared", "condemned",
    "flogged", "lashed", "released", "freed", "pardoned", "taken", "sent to the gallows",
    "tried", "convicted", "exiled", "expelled", "martyred", "assassinated", "lynched",
    "executed by firing squad", "shot by firing squad", "displaced", "evacuated", "deported", "rescued",
)
# Verbs whose subject is the counted people: "5,000 died", "thousands perished".
PEOPLE_ACTIVE = ("died", "perished", "lost their lives", "vanished", "went missing", "disappeared",
                 "to their deaths", "to the gallows",  # "(the commission that sent) thousands to their deaths"
                 # "fewer than 500 survived", "hundreds of thousands marched", "thousands fled"
                 "survived", "fled", "marched", "rallied", "protested", "demonstrated", "took to the streets")
AUXILIARIES = (
    r"(?:(?:are|were|is|was)\s+(?:believed|thought|estimated|said|reported|known|feared|alleged|"
    r"understood|presumed)\s+to\s+have\s+been|are\s+being|were\s+being|have\s+been|has\s+been|"
    r"had\s+been|would\s+be|will\s+be|could\s+be|may\s+be|are|were|was|is|being|been|got)"
)
# Before an intransitive verb: "some 2,000 are thought to have died".
ACTIVE_AUX = (
    r"(?:(?:are|were|is|was)\s+(?:believed|thought|estimated|said|reported|known|feared|presumed)\s+to\s+have"
    r"|(?:may|might|could|must|would)\s+have|have|has|had)"
)
ADVERB = r"(?:\w+ly|later|then|also|all|subsequently|soon|ultimately|eventually|either|still|now|already|since)"
# Frames before a number that make it a count of people.
FRAMES = (
    r"(?:death|casualty|execution)\s+(?:toll|count|figure)s?\s+(?:of|at|to|is|was|reached|rose\s+to|"
    r"stands\s+at|stood\s+at|now\s+stands\s+at)",
    r"(?:massacre|execution|executions|killing|killings|murder|murders|slaughter|deaths|hanging|"
    r"hangings|arrest|arrests|detention|imprisonment|disappearance|deaths|names|identities)\s+of",
    r"number\s+of\s+(?:victims|dead|deaths|executions|prisoners)\s+(?:at|to|is|was)",
    r"toll\s+(?:of|at|to)",
)
# Active verbs before a number: "the regime hanged some 5,000", "killed at least 300".
ACTIVE_BEFORE = (
    "executed", "executing", "killed", "killing", "hanged", "hanging", "massacred",
    "massacring", "murdered", "slaughtered", "arrested", "detained", "imprisoned", "jailed",
    "put to death", "sent to the gallows", "claimed the lives of", "took the lives of",
    "martyred", "assassinated", "abducted", "disappeared", "executed by firing squad",
    "wounding", "wounded", "injuring", "injured",  # "fired on mourners, wounding dozens"
)
# Verb phrases that tie "the number / the toll / estimates (of X)" to the number after them.
REPORT_VERBS = (
    r"(?:has\s+|have\s+|had\s+)?(?:(?:is|was|were|are|been|be|could\s+be|may\s+be|might\s+be|would\s+be)\s+)?"
    r"(?:(?:could|may|might|would|will|must)\s+(?:be|have\s+been|have)\s+)?"
    r"(?:(?:now|probably|likely|actually|reportedly|officially|generally|widely|variously|already)\s+)?"
    r"(?P<rv>put\s+at|placed\s+at|estimated\s+at|estimated\s+to\s+be|believed\s+to\s+be|thought\s+to\s+be|"
    r"said\s+to\s+be|set\s+at|given\s+as|reported\s+as|counted\s+at|exceeded|exceeds|exceed|exceeding|"
    r"surpassed|surpasses|surpass|topped|tops|passed|reached|reaches|reach|rose\s+to|risen\s+to|"
    r"climbed\s+to|jumped\s+to|increased\s+to|grew\s+to|stood\s+at|stands\s+at|stand\s+at|range|ranged|"
    r"ranging|ranges|vary|varied|varying|varies|run|ran|runs|go|goes|went|"
    r"(?:could|may|might|would|will|must)\s+be|is|was|were|are|be|been|"
    r"totalled|totaled|totals|numbered|numbers|amounted\s+to|amounts\s+to|came\s+to|comes\s+to|"
    r"of|at|to)"
)
# The reporter's own verbs: "Amnesty International put the number at …".
PUT_VERBS = (
    "put", "puts", "putting", "placed", "places", "placing", "estimated", "estimates",
    "estimate", "estimating", "set", "sets", "setting", "gave", "gives", "giving", "reckoned",
    "reckons", "calculated", "calculates", "counted", "counts", "recorded", "records",
    "documented", "documents", "tallied", "tallies", "raised", "raises", "revised", "revises",
    "fixed", "fixes", "pegged", "pegs", "cited", "cites", "quoted", "quotes",
)
# Words that may stand between a number and its counted noun ("87 Death Commission members"):
# any word except these (which end a noun phrase or start a new clause).
STOPWORDS = {
    "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with",
    "who", "whom", "which", "that", "this", "these", "those", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "will", "would", "can", "could", "may", "might",
    "they", "them", "their", "he", "she", "it", "its", "his", "her", "we", "our", "you", "as",
    "than", "but", "not", "no", "after", "before", "during", "since", "until", "per", "across",
    "over", "under", "about", "into", "out", "up", "if", "so", "then", "there",
}
# Units that make a number a duration, an age, money, a measure: never counts of people.
NON_PEOPLE_UNITS = {
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    "minute", "minutes", "second", "seconds", "decade", "decades", "century", "centuries",
    "percent", "per", "dollars", "euros", "pounds", "rials", "tomans", "usd", "eur", "pages",
    "page", "times", "km", "kilometers", "miles", "organizations", "organisations",
    "ngos", "groups", "countries", "states", "cities", "provinces", "questions", "cases",
    "pc", "percentage", "billion", "dollar", "euro", "rial", "toman", "am", "pm", "a.m", "p.m",
    "kg", "kilograms", "tons", "tonnes", "meters", "metres", "feet", "articles", "paragraphs",
    "votes", "seats", "prisons", "cells", "wards", "graves", "documents", "letters",
}
# Words right before a number that make it a label, not a count: "Article 6", "Ward 209".
LABELS = (
    "article", "articles", "section", "sections", "chapter", "paragraph", "paragraphs", "page",
    "pages", "resolution", "resolutions", "ward", "hall", "block", "room", "cell",
    "unit", "wing", "building", "bus", "flight", "route", "highway", "road", "street", "avenue",
    "floor", "volume", "issue", "file", "law", "decree", "act", "item", "principle",
    "clause", "rule", "annex", "appendix", "table", "figure", "footnote", "note", "session",
    "aged", "age", "ages", "born", "class", "grade", "district", "zone", "level", "phase",
    "stage", "version", "season", "episode", "book", "verse", "tier", "category",
    "type", "model", "code", "phone", "telephone", "fax", "box", "station", "gate", "platform",
    "plot", "row", "seat", "question", "step",
    "aged between", "ages of", "between the ages of", "under the age of", "over the age of",
)
# Abbreviated labels, written with their full stop: "p. 12", "No. 5", "Art. 6".
ABBR_LABELS = (
    "p", "pp", "no", "nos", "art", "arts", "sec", "para", "paras", "fig", "vol", "st", "res",
    "tel", "ext", "ch", "cl", "n",
)
MONTHS = (
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
)
# Determiners before "one" that make it a pronoun: "no one was killed".
ONE_PRONOUN = ("no", "any", "every", "each", "some", "this", "that", "the", "which", "someone")

# What a figure counts, in English: the verb or noun as written -> the category.
CATEGORIES = {
    "executed": (
        "executed", "executions", "execution", "hanged", "hung", "hangings", "hanging",
        "put to death", "beheaded", "stoned", "executing", "sent to the gallows", "to the gallows",
        "executed by firing squad", "shot by firing squad",
    ),
    "killed": (
        "killed", "killing", "killings", "dead", "deaths", "died", "perished", "lost their lives",
        "massacred", "massacre", "massacring", "slaughtered", "slaughter", "murdered", "murder",
        "murders", "slain", "shot dead", "gunned down", "death toll", "fatalities", "martyrs",
        "bodies", "lives", "souls", "claimed the lives of", "took the lives of", "toll",
        "martyred", "assassinated", "lynched", "to their deaths",
    ),
    "imprisoned": (
        "prisoners", "prisoner", "political prisoners", "inmates", "inmate", "imprisoned",
        "jailed", "held", "imprisonment", "captives", "convicts", "hostages", "prisoners-of-war",
        "POWs",
    ),
    "detained": ("detained", "detainees", "detainee", "detention", "arrestees"),
    "arrested": ("arrested", "arrests", "arrest", "rounded up"),
    "disappeared": (
        "disappeared", "forcibly disappeared", "disappearance", "vanished", "went missing",
        "abducted",
    ),
    "injured": ("injured", "wounded", "injuring", "wounding"),
    "sentenced": ("sentenced", "condemned", "convicted"),
    "tortured": ("tortured", "flogged", "lashed"),
    "released": ("released", "freed", "pardoned"),
}
CATEGORY_OF = {w.lower(): c for c, words in CATEGORIES.items() for w in words}

def _word(words) -> str:
    """An alternation of the words, longest first, lowercased, spaces matching any whitespace."""
    escaped = {re.escape(w.lower()).replace(r"\ ", r"\s+") for w in words}
    return "|".join(sorted(escaped, key=lambda w: (-len(w), w)))

_NUM_WORD = (
    rf"(?:(?:{_word(TENS)})(?:[-\s](?:{_word(UNITS)}))?|{_word(UNITS)}|{_word(EXACT_WORDS)})\b"
)
NUMBER_WORDS_RE = (
    rf"{_NUM_WORD}(?:\s+(?:and\s+)?(?:hundred|thousand|million|billion)\b(?:\s+(?:and\s+)?{_NUM_WORD})?)*"
)
DIGITS_RE = r"(?>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
NUMBER_RE = rf"(?:{DIGITS_RE}(?:\s+(?:thousand|million|billion)\b)?|{NUMBER_WORDS_RE})"
# Qualifiers inside a range, before its upper end: "from 2,800 to more than 30,000".
HI_QUAL = r"more\s+than|over|about|around|nearly|almost|perhaps|possibly|as\s+many\s+as|as\s+high\s+as|well\s+over|roughly"
VAGUE_CORE = r"tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions"

# Anchors: where a quantity may start. Scanning for these is the only pass over the whole text.
# (On the lowercased text; the lookahead and the first letters let the engine skip fast.)
EN_ANCHOR = re.compile(
    r"(?=[0-9otfsenhdm])(?:[0-9]+|\b(?:o(?:ne)|t(?:wo|hree|en|wenty|hirty|welve|hirteen|housands?|ens)|"
    r"f(?:our|ive|ourteen|ifteen|orty|ifty)|s(?:ix|even|ixteen|eventeen|ixty|eventy|cores)|"
    r"e(?:ight|leven|ighteen|ighty)|n(?:ine|ineteen|inety)|h(?:undreds?)|d(?:ozens?)|m(?:illions?))\b)"
)
# The quantity at an anchor: a vague quantity, a bare scale word ("several hundred", "a dozen":
# the words before it are read backwards), or a number with an optional range and suffix.
EN_CORE = re.compile(
    rf"""
    (?:
        (?P<vague>{VAGUE_CORE})
      | (?P<bare>hundred|thousand|million|dozen)
      | (?P<lo>{NUMBER_RE})
        (?:(?:\s?(?P<dash>[-–])\s?|\s+(?P<sep>to|and|or)\s+(?:(?P<hiqual>{HI_QUAL})\s+)?)(?P<hi>{NUMBER_RE}))?
    )
    (?P<suffix>{SUFFIXES})?
    (?![\w\-–%]|[:/][0-9])                  # not "1980s", "94-page", "15-year", "30%", "10:30"
    """,
    re.VERBOSE,
)
GLUED_BEFORE = set("#@/$€£¥.,:+-_&=") | {"\u2011"}
RANGE_PREFIX = re.compile(r"\b(?P<p>between|from)\s+$")
BARE_PREFIX = re.compile(r"\b(?P<p>several|a\s+few|a)\s+$")
QUAL_BEFORE = re.compile(rf"\b(?P<qual>{_word(QUALIFIERS)})\s+$")
LABEL_BEFORE = re.compile(
    rf"(?:\b(?:{_word(LABELS)})\s*|(?<![\w.])(?:{_word(ABBR_LABELS)})\.\s*|[§№#]\s*)$")
LABEL_LAST = {w.split()[-1] for w in LABELS} | {a + "." for a in ABBR_LABELS} | {"§", "№", "#"}
QUAL_LAST = {q.split()[-1] for q in QUALIFIERS}
MONTH_BEFORE = re.compile(rf"\b(?:(?i:{_word(MONTHS)})|May)\.?\s+$")  # on the original text
MONTH_AFTER = re.compile(rf"\s+(?i:{_word(MONTHS)})\b")
ONE_BEFORE = re.compile(rf"\b(?:{_word(ONE_PRONOUN)})\s+$")
IN_THE = re.compile(r"\b(?:in|into)\s+(?:the|their)\s+$")

_WORD = r"[a-z][\w’'\-]*"
NOUN_AFTER = re.compile(
    # a noun in quotation marks counts too: 19 "rioters", the outlet quoting a state's word
    rf"(?P<of>\s+of)?(?P<mods>(?:\s+{_WORD}){{0,3}}?)\s+(?P<mark>[\"“‘'])?(?P<noun>{_word(PEOPLE_NOUNS)})(?(mark)(?!\w)|(?![\w’']))",
)
# The same inside quotation marks that open before the number or its first word ('thousands of persons' killed, 14
# 'armed rioters'): a closing mark after the noun is no possessive
NOUN_AFTER_QUOTED = re.compile(
    rf"(?P<of>\s+of)?(?P<mods>(?:\s+[\"“‘']?{_WORD}){{0,3}}?)\s+(?P<mark>[\"“‘'])?(?P<noun>{_word(PEOPLE_NOUNS)})(?!\w)",
)
_OTHERS = (
    r"(?:\s+(?:more|others|other\s+people|in\s+all|in\s+total|altogether|of\s+them|in\s+\w+"
    r"|of\s+(?:the|these|those)\s+[\w,]+|a\s+(?:day|week|night|month)|per\s+day|each\s+day|every\s+day|at\s+a\s+time))?"
    r"[”\"’']?"  # "five of the seven were executed": five; "'between 150 and 200 a day' were hanged"
)
VERB_AFTER = re.compile(
    rf"{_OTHERS}\s+(?:{AUXILIARIES}\s+(?:{ADVERB}\s+)?(?P<verb>{_word(PEOPLE_VERBS)})"
    rf"|(?:{ACTIVE_AUX}\s+)?(?:{ADVERB}\s+)?(?P<active>{_word(PEOPLE_ACTIVE)})"
    rf"|(?P<bare>executed|killed|dead|hanged|injured|wounded|arrested|detained)(?=\s*(?:[,.;:!?)\]]|$|in\b|on\b|at\b|as\b|after\b|since\b|during\b|and\b|so\b|by\b|over\b)))\b",
)
# The verb later in the clause that says what happened to the counted people (category only):
# "30,000 political prisoners in Iran were summarily executed".
VERB_LATER = re.compile(
    rf"(?:\s+(?!whose\b|and\s+(?:[0-9]|{_NUM_WORD}|{VAGUE_CORE})|but\b|while\b|when\b|after\b|before\b|because\b|"
    rf"although\b)[^\s.,;:!?\"“”()]+){{0,4}}?"
    rf"\s+(?:who\s+|that\s+)?(?:{AUXILIARIES}\s+(?:{ADVERB}\s+)?(?P<verb>{_word(PEOPLE_VERBS)})"
    rf"|(?:{ACTIVE_AUX}\s+)?(?:{ADVERB}\s+)?(?P<active>{_word(PEOPLE_ACTIVE)}))\b",
)
# A plural noun outside the lists, when a verb that only befalls people follows it at once ("37 Kurdish porters
# were executed", "dozens of coca growers were arrested"; not "50 documents were released", "two planes were shot")
HUMAN_VERBS = ("executed", "killed", "hanged", "arrested", "detained", "imprisoned", "jailed", "tortured", "sentenced",
               "murdered", "massacred", "abducted", "injured", "wounded", "beheaded", "flogged", "lashed", "deported",
               "martyred", "assassinated", "lynched", "shot dead", "put to death", "forcibly disappeared")
ANY_NOUN_AFTER = re.compile(rf"(?P<of>\s+of)?(?P<mods>(?:\s+{_WORD}){{0,2}}?)\s+(?P<noun>[a-z][a-z-]{{2,}}s)(?!\w)"
                            # "thousands of suspected drug users and dealers were killed": a second noun joined
                            rf"(?=(?:\s+(?:and|or)\s+[a-z][a-z-]{{2,}}s)?[’'\"”]?\s+(?:who\s+|that\s+)?(?:(?:{AUXILIARIES})\s+(?:{ADVERB}\s+)?(?:{_word(HUMAN_VERBS)})"
                            rf"|(?:{ACTIVE_AUX}\s+)?(?:died|perished|fled|survived))\b)")
OF_THOSE = re.compile(rf"\s+of\s+(?:(?:those|the\s+people|the\s+ones)\s+(?:who\s+(?:were|had\s+been)\s+)?"
                      rf"(?P<verb>{_word(PEOPLE_VERBS + PEOPLE_ACTIVE)})|(?P<us>us)|(?P<them>them)|the\s+(?P<those>dead|wounded|injured|missing))\b")
# "412 cases of enforced disappearance", "1,206 documented cases of torture": each case befalls a person
CASES_OF = re.compile(r"\s+(?:(?:documented|reported|confirmed|recorded|verified|new)\s+)?cases\s+of\s+"
                      r"(?:(?:enforced|forced|involuntary|arbitrary|extrajudicial|summary|unlawful)\s+)*"
                      r"(?P<event>disappearance|torture|execution|killing|detention|arrest|abduction|ill-treatment|people|persons|"
                      r"individuals)s?\b")
CASE_EVENTS = {"disappearance": "disappeared", "execution": "executed", "killing": "killed", "detention": "detained",
               "arrest": "arrested", "abduction": "abducted", "torture": "tortured"}  # what befell each, in CATEGORIES' words
# a people's name after the number, in the original's capitals: "thousands of Chileans", "19 Bahrainis", "300 Sudanese"
PEOPLES_AFTER = re.compile(r"(?:\s+of)?\s+(?P<noun>[A-Z][a-z]+(?:ians|eans|ans|ese|is))(?![\w’'-])")
# a count alone in brackets, with its source: "(at least 127, according to Amnesty International)"
PAREN_SOURCED = re.compile(r"\s*[,;]\s*(?:according\s+to|by\s+[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?\s+count|citing|per)\b")
# "We were 43 in the church", "they numbered 300": the speakers counted
WE_WERE = re.compile(r"\b(?:we|they)\s+(?:were|are|numbered|number)\s+(?:only\s+|just\s+)?$")
# "The hangings bring to 97 the number of people executed", "raising to 212 the death toll"
BRING_TO = re.compile(r"\b(?:brings?|brought|bringing|raises?|raised|raising|takes?|took|taking|pushe[sd]|pushing)\s+to\s+$")
NUMBER_AFTER_BRING = re.compile(r"\s+the\s+(?:(?:overall|official|total|confirmed)\s+)?(?:death\s+toll|toll|number|total|tally)\b")
POSSESSIVE_OF = re.compile(r"\s+(?:our|his|her|their|its|my|your)\s")
FRAME_BEFORE = re.compile(rf"\b(?P<frame>{'|'.join(FRAMES)})\s+$")
ACTIVE_BEFORE_RE = re.compile(rf"\b(?P<verb>{_word(ACTIVE_BEFORE)})\s+$")
# An "of" phrase: no clause break and no number, except a year ("the toll from the 1988 massacre").
_OF_NP = (r"(?:[^.;:!?()\[\]\"“”0-9]|(?<![0-9,])[12][0-9]{3}(?![0-9,])"
          # a day of a month ("the number of people killed in Zahedan on 30 september at 96")
          r"|(?<![0-9,])[0-3]?[0-9](?:[–-][0-3]?[0-9])?(?=\s+(?:january|february|march|april|may|june|july|august|september|october|"
          r"november|december)\b)"
          # "the shooting on september 30 in zahedan"
          r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+[0-3]?[0-9]"
          r"(?![0-9,])){1,70}?")
# "the death toll / the number (of those executed) / estimates (of …) <verb> [qualifier] N"
SUBJECT_FRAME = re.compile(
    rf"\b(?P<what>death\s+toll|toll|number|figure|tally|count|total|estimates?|numbers)"
    rf"(?:\s+(?P<prep>of|from|in|for|among|by)\s+(?P<of>{_OF_NP}))?"
    # "the death toll, the governor told state television on Sunday, had risen to 38": an aside between
    rf"(?:\s*,[^,;:.!?()\"“”]{{3,90}},)?\s+(?:{REPORT_VERBS})(?:\s+from)?\s+[\"“‘']?$",
)
# "the number convicted of moharebeh in that period was around 1,200": the people the number counts, by what befell them
NUMBER_PARTICIPLE = re.compile(
    rf"\b(?P<what>number|total|toll)\s+(?P<of>(?:{_word(PEOPLE_VERBS)})\b[^.;:!?()\[\]\"“”0-9]{{0,70}}?)\s+(?:{REPORT_VERBS})\s+[\"“‘']?$")
# "Estimates range from 2,800, according to …, to more than 30,000": the far end of a range an aside splits
SPLIT_RANGE = re.compile(r"\b(?P<what>estimates?|figures?|tolls?)\s+(?:[a-z]+\s+){0,6}?(?:range|ranged|ranging|ranges|vary|varied|"
                         r"varying|varies|run|runs|ran)\s+(?:widely\s+)?from\s+[^;.!?]{1,200}?,?\s+to\s+$")
# "the number of people driven from their homes (more than 700,000 …": a count in brackets after what it counts
NUMBER_ASIDE = re.compile(rf"\b(?P<what>death\s+toll|toll|number|total)\s+(?P<prep>of)\s+(?P<of>{_OF_NP})\s*[(—–]\s*$")
# "X put the number (of Y) at [qualifier] N"
PUT_FRAME = re.compile(
    rf"\b(?P<put>{_word(PUT_VERBS)})\s+(?:the|its|their|a|his|her|this|that|our)\s+"
    rf"(?:(?:total|overall|final|real|true|actual|official|likely|own)\s+)?"
    rf"(?P<what>death\s+toll|toll|number|figure|tally|count|total|numbers|crowds?|turnout|losses|casualties|dead)"
    rf"(?:\s+(?P<prep>of|from|in|for|among)\s+(?P<of>{_OF_NP}))?"
    rf"(?:\s+(?:at|as|to|of|closer\s+to|near|nearer))?\s+[\"“‘']?$",
)
# "… killed hundreds (rights groups estimated the toll at several hundred, while the government put it at 187)": "it"
# for a toll or a count named just before
PUT_IT = re.compile(rf"\b(?:{_word(PUT_VERBS)})\s+it(?:\s+(?:at|as|closer\s+to|near))?\s+$")
# "Amnesty's figure of 5,000", "a conservative estimate of 5,000" (100 or more: no people named)
ESTIMATE_FRAME = re.compile(
    r"(?:\b(?:an?|the|their|its|his|her|our|this|that)|['’]s)\s+(?:[a-z\-]+\s+)?"
    r"(?P<what>estimate|figure|tally|count)\s+(?:of\s+)?[\"“‘']?$"  # ("supported a figure “in the region of 4,000")
)
# "those executed numbered some 5,000", "the victims may have exceeded 30,000"
PEOPLE_NUMBERED = re.compile(
    # "the prisoners, who numbered about 300, …"
    rf"\b(?:(?:those|the|all)\s+)?(?P<who>{_word(PEOPLE_NOUNS + PEOPLE_VERBS)})(?:\s*,\s*(?:who|which))?\s+"
    rf"(?:(?:is|was|were|are|may\s+have|might\s+have|"
    rf"could\s+have|had|have|has|probably|likely)\s+)?(?P<rv>numbered|number|numbering|totalled|totaled|"
    rf"totals|total|amounted\s+to|amount\s+to|reached|exceeded|exceed|topped|ran\s+to|run\s+to|ran\s+into|"
    rf"run\s+into|ran\s+in|reached|(?:estimated|put|placed|reckoned)\s+at|(?:believed|thought|said|estimated|reported)\s+"
    rf"to\s+(?:number|be|total|exceed))\s+$",
)
PEOPLE_IN = re.compile(
    rf"\b(?P<w>{_word(PEOPLE_NOUNS + PEOPLE_VERBS + PEOPLE_ACTIVE)}|those|victims)\b")
CLAUSE_END = re.compile(r"[.;:!?\n]")
TOLL_BEFORE = re.compile(r"\b(?:death\s+toll|toll|killed|dead|deaths|victims|crowds?|turnout)\b")
TOLL_WORD = re.compile(r"\b(?:death\s+toll|toll|number|figure)\b")
YEAR_RE = re.compile(r"(?:1[89][0-9][0-9]|20[0-9][0-9])")
UNIT_AFTER = re.compile(r"\s+([a-z][a-z.]*)")
LAST_WORD = re.compile(r"([a-z]+)\s+[\"“‘']?$")  # (a quotation may open before the number: "at 'not less than 3,000'")
NEXT_IS_DIGIT = re.compile(r"[ \t]+[0-9]")
WORD_AFTER = re.compile(r"\s*(?:$|[^\w\s]|(\w+))")

DETERMINERS = {"the", "its", "their", "these", "those", "our", "his", "her", "whom", "them"}
EXCEEDING = {"exceeded", "exceeds", "exceed", "exceeding", "surpassed", "surpasses", "surpass",
             "topped", "tops", "passed"}
RANGE_VERBS = {"range", "ranged", "ranging", "ranges", "vary", "varied", "varying", "varies", "run",
               "ran", "runs", "go", "goes", "went"}
BE_VERBS = {"is", "was", "were", "are", "be", "been", "of", "at", "to", "could be", "may be", "might be",
            "would be", "will be", "must be"}
# The last word of every frame (checked before the frames are searched: most numbers have none).
FRAME_LAST = {
    "at", "as", "to", "near", "nearer", "number", "figure", "toll", "tally", "count", "total",
    "numbers", "be", "is", "was", "were", "are", "been", "of", "reached", "into", "in", "the",
    "their", "numbered", "numbering", "totalled", "totaled", "totals", "reaches", "reach",
    "passed", "the", "death", "gallows", "topped", "tops", "from", "it",
} | EXCEEDING | RANGE_VERBS | {w.split()[-1] for w in ACTIVE_BEFORE}


@dataclass(slots=True)
class Figure:
    """One numeric claim about people, with offsets into the passage text.

    ``text``/``start``/``end``: the figure's words as they are stored and shown ("over 30,000
    political prisoners", "death toll of 1500", "put the number at around 5,000").
    ``number_start``/``number_end``: the quantity alone, qualifier included ("over 30,000").
    ``claim_start``/``claim_end``: the whole claim, the verb that says what happened included
    ("30,000 political prisoners were executed"); at least ``start``/``end``.
    ``category``: what is counted, in one word (executed, killed, imprisoned, detained, arrested,
    disappeared, injured, sentenced, tortured, released) when the text says; else None.
    ``qualifier``: the words that make it approximate, as written ("more than", "بیش از").
    ``lang``: "en" or "fa".
    """

    text: str
    start: int
    end: int
    low: int
    high: int
    approximate: bool
    counts: str | None
    number_start: int = -1
    number_end: int = -1
    claim_start: int = -1
    claim_end: int = -1
    category: str | None = None
    qualifier: str | None = None
    lang: str = "en"

    def __post_init__(self):
        if self.number_start < 0:
            self.number_start, self.number_end = self.start, self.end
        if self.claim_start < 0:
            self.claim_start, self.claim_end = self.start, self.end


def parse_number(s: str) -> int:
    """'30,000' -> 30000, '1.5 million' -> 1500000, 'twenty-five' -> 25, '۳۰ هزار' -> 30000."""
    s = s.translate(FA_TABLE)
    if FA_LETTER.search(s):
        return _parse_persian(s)
    s = " ".join(s.lower().replace("-", " ").split())
    if s in EXACT_WORDS:
        return EXACT_WORDS[s]
    m = re.fullmatch(r"([\d.,]+)(?:\s+(thousand|million|billion))?", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= SCALES[m.group(2)]
        return int(round(value))
    total, current = 0, 0
    for word in s.split():
        if word == "and":
            continue
        if word == "a":
            current = 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "million", "billion"):
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            raise ValueError(f"not a number: {s!r}")
    return total + current


def find_figures(text: str) -> list[Figure]:
    """Every numeric claim about people in ``text``, in order of appearance.

    >>> [(f.low, f.high, f.approximate, f.counts) for f in find_figures("over 30,000 political prisoners")]
    [(30000, 30000, True, 'political prisoners')]
    >>> [(f.low, f.category) for f in find_figures("حدود ۵ هزار نفر اعدام شدند")]
    [(5000, 'executed')]
    """
    figures = _english(text)
    if not text.isascii() and FA_SCRIPT.search(text):  # isascii: a flag of the string, no scan
        persian = _persian(text)
        if persian:
            figures = _merge(figures, persian)
    return figures


def _merge(a: list[Figure], b: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    last_end = 0
    for f in sorted(a + b, key=lambda f: (f.start, -f.end)):
        if f.start >= last_end:
            out.append(f)
            last_end = f.end
    return out


# --- English ---------------------------------------------------------------------------------

def _last_word(text: str, p: int) -> str:
    """The word that ends just before ``p`` (after spaces), "" if none: a set lookup on it decides
    whether the label and qualifier patterns are worth searching."""
    i = p
    while i > 0 and text[i - 1] in " \t\n\r":
        i -= 1
    lo = max(0, i - 30)
    j = max(text.rfind(" ", lo, i), text.rfind("\n", lo, i), text.rfind("\t", lo, i))
    return text[max(j + 1, lo):i].lstrip("([{\"'“‘«—–-")


def _lower(text: str) -> str:
    """The text lowercased, one character for one (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # "İ" lowercases to two


def _english(original: str) -> list[Figure]:
    text = _lower(original)
    return _scan(text, EN_ANCHOR, GLUED_BEFORE, EN_CORE, ("and", RANGE_PREFIX, "between"),
                 lambda p, core, last_end: _read_english(original, text, p, core, last_end))


def _scan(text: str, anchor_re: re.Pattern, glued: set, core_re: re.Pattern, conjunction: tuple, read) -> list[Figure]:
    """Every figure in ``text`` (the language's folded copy): from each anchor not glued to the
    character before it, the quantity ``core_re`` matches there, read by ``read(p, core, last_end)``
    (None: not a figure); ``conjunction`` is ``_resume``'s (word, range prefix, range words)."""
    figures: list[Figure] = []
    last_end = 0
    pos = 0
    while (anchor := anchor_re.search(text, pos)) is not None:
        p = anchor.start()
        pos = anchor.end()
        if p and (text[p - 1] in glued or text[p - 1].isalnum()):
            continue  # "#FreeIran2020", "in1988", "$5", "t.co/x1", "+98"; "#۱۳۶۷", "ش۳۰", "۶۷/۵"
        core = core_re.match(text, p)
        if core is None:
            continue
        figure = read(p, core, last_end)
        pos = max(pos, _resume(core, text, p, *conjunction))
        if figure is not None:
            figures.append(figure)
            last_end = figure.end
            pos = max(pos, figure.end)
    return figures


def _resume(core: re.Match, text: str, p: int, conjunction: str, prefix: re.Pattern, *between: str) -> int:
    """Where to look next: after the quantity, or after its first number when "X and Y" are two
    numbers, not a range ("30,000 and 5,000 prisoners": the second is read on its own)."""
    if core.group("sep") == conjunction:
        m = prefix.search(text, max(0, p - 30), p)
        if not (m and m.group("p") in between):
            return core.end("lo")
    return core.end()


def _read_english(original: str, text: str, p: int, core: re.Match, last_end: int) -> Figure | None:
    """The figure at anchor ``p``; ``text`` is ``original`` lowercased (regexes run on it)."""
    window = text[max(0, p - 30):p]
    wstart = p - len(window)
    qstart = p
    vague, bare = core.group("vague"), core.group("bare")
    lo_s, hi_s = core.group("lo"), core.group("hi")
    sep = (core.group("sep") or "").lower()
    end = core.end()
    prefix = None
    if hi_s is not None:
        m = RANGE_PREFIX.search(window)
        prefix = m.group("p").lower() if m else None
        if sep == "and" and prefix != "between":
            hi_s = None  # "30,000 and 5,000": two numbers, not a range
            end = core.end("lo")
        elif m:
            qstart = wstart + m.start()
    if bare:
        m = BARE_PREFIX.search(window)
        if not m:
            return None  # "hundred" alone
        phrase = " ".join((m.group("p") + " " + bare).lower().split())
        qstart = wstart + m.start()
        if phrase in VAGUE:
            low, high = VAGUE[phrase]
            vague = phrase
        elif phrase in EXACT_WORDS:
            low = high = EXACT_WORDS[phrase]
        else:
            return None  # "a few dozen", "several dozen": not in the table
    elif vague:
        low, high = VAGUE[" ".join(vague.lower().split())]
    else:
        if lo_s[0] == "0" and len(lo_s) > 1 and lo_s[1] != ".":
            return None  # "0123": a phone or an id
        if hi_s is None:
            if _is_bare_year(lo_s):
                return None  # a year, never a count ("1988", "2019 protests")
            if text[end:end + 1] in (".", ")") and not text[text.rfind("\n", 0, p) + 1:p].strip():
                return None  # "1. Before your government …"
            if NEXT_IS_DIGIT.match(text, end):
                return None  # "021 555 0123", "1988 2019": sequences, not counts
            low = high = parse_number(lo_s)
            if lo_s.lower() == "one" and ONE_BEFORE.search(window):
                return None  # "no one was killed"
        else:
            if _is_bare_year(lo_s) or _is_bare_year(hi_s):
                return None  # "1980-1988", "from 2017 to 2021": years
            low, high = parse_number(lo_s), parse_number(hi_s)
            low = _spread_scale(lo_s, hi_s, low, high)
            low, high = min(low, high), max(low, high)
        if _last_word(text, p) in LABEL_LAST and LABEL_BEFORE.search(window):
            return None  # "Article 6", "Ward 209", "aged 18 to 25", "page 12"
        if low <= 31 and MONTH_BEFORE.search(original, wstart, p):
            return None  # "July 19"
        if high <= 31 and MONTH_AFTER.match(original, end):
            return None  # "19 July", "3–4 June"
    if low <= 0:
        return None
    approximate = bool(vague)
    qualifier = None
    q = _last_word(text, qstart) in QUAL_LAST and QUAL_BEFORE.search(text, max(0, qstart - 40), qstart)
    if q:
        qualifier = original[q.start():q.end("qual")]
        qstart = q.start()
        approximate = True
    if hi_s is not None and core.group("hiqual"):
        approximate = True
        qualifier = qualifier or original[core.start("hiqual"):core.end("hiqual")]
    if core.group("suffix") and end == core.end():
        approximate = True
        qualifier = qualifier or original[core.start("suffix"):core.end("suffix")].strip()
    number_start, number_end = qstart, end
    start = qstart
    counts = category = None
    claim_end = end

    cases = CASES_OF.match(text, end)  # ("cases" is a unit: no counted noun is looked for after it)
    noun = None if cases else NOUN_AFTER.match(text, end)
    if noun is None and not cases and (text[qstart - 1:qstart] in ("'", "‘", '"', "“") or re.match(r"\s+[\"“‘']", text[end:end + 3])):
        noun = NOUN_AFTER_QUOTED.match(text, end)
    if noun is None and not cases and not _followed_by_unit(text, end):
        noun = ANY_NOUN_AFTER.match(text, end)
    opened = text[max(0, qstart - 1):qstart] in ("'", "‘", '"', "“")
    if noun is None and opened and text[end:end + 1] in ("'", "’", '"', "”"):
        # "'fewer than 200' people had died": the quotation closes between the number and its noun
        noun = NOUN_AFTER.match(text, end + 1) or ANY_NOUN_AFTER.match(text, end + 1)
    if noun and noun.group("of") and not vague and not VERB_LATER.match(text, noun.end()) and not (
            high > 1 and (qualifier or high >= 10 or POSSESSIVE_OF.match(noun.group("mods")))):
        noun = None  # "one of the key officials", "two of these officials": not a count
        # ("120,000 of its members … have been killed" is, as a verb says what happened to them; so are "more
        # than 60 of our members", "around 20 of his followers", "nearly 30 of the women": a share counted)
    if noun and high > 1 and noun.group("noun") in SINGULAR_NOUNS:
        noun = None
    if cases:
        event = cases.group("event")
        category = CATEGORY_OF.get(CASE_EVENTS.get(event, event))
        counts = " ".join(original[cases.start():cases.end()].split())
        end = claim_end = cases.end()
    elif noun and _mods_ok(noun.group("mods"), bool(noun.group("of"))):
        words = original[noun.start("mods"):noun.end("noun")].replace('"', " ").replace("“", " ").replace("‘", " ").replace("'", " ").split()
        if noun.group("of") and words[0].lower() in DETERMINERS:
            words = words[1:]
        counts = " ".join(words)
        end = claim_end = noun.end()
        closing = re.match(r"[\"”’']", text[end:end + 1])
        if closing and (noun.re is NOUN_AFTER_QUOTED or original[noun.start("noun") - 1] in ('"', "“", "‘", "'")):
            end = claim_end = end + 1  # the closing mark of 19 "rioters"
        later = VERB_LATER.match(text, end)
        if later:
            category = CATEGORY_OF.get(_verb(later).lower())
            claim_end = later.end()
        if category is None:
            before = _category_before(text, qstart)
            category = before or CATEGORY_OF.get(noun.group("noun").lower())
    elif high > 1 and OF_THOSE.match(text, end) and (
            not OF_THOSE.match(text, end).group("them") or qualifier or high >= 10):
        # "1,500 of those executed", "nine of those killed" (not "one of"); "4,672 of them" (not "3 of them")
        those = OF_THOSE.match(text, end)
        # "40 of us": people always; "18 of the dead"
        counts = " ".join(those.group("verb").lower().split()) if those.group("verb") else those.group("those") or "people"
        category = CATEGORY_OF.get(counts)
        end = claim_end = those.end()
    elif high > 1 and PEOPLES_AFTER.match(original, end):
        peoples = PEOPLES_AFTER.match(original, end)
        counts = peoples.group("noun")
        end = claim_end = peoples.end()
        later = VERB_LATER.match(text, end)
        if later:
            category = CATEGORY_OF.get(_verb(later).lower())
            claim_end = later.end()
    else:
        verb = VERB_AFTER.match(text, end)
        if verb and not _followed_by_unit(text, end):
            counts = (verb.group("verb") or verb.group("active") or verb.group("bare")).lower()
            counts = " ".join(counts.split())
            category = CATEGORY_OF.get(counts)
            end = claim_end = verb.end()
        else:
            found = _frame(original, text, qstart, end, vague, high) or _in_context(text, qstart, end, high)
            if found is None:
                return None
            start, counts, category, frame_qual = found
            if frame_qual:
                approximate = True
                qualifier = qualifier or frame_qual
    if start < last_end:
        return None
    return Figure(
        text=original[start:end], start=start, end=end, low=low, high=high, approximate=approximate,
        counts=counts, number_start=number_start, number_end=number_end,
        claim_start=start, claim_end=max(end, claim_end), category=category,
        qualifier=qualifier, lang="en",
    )


def _verb(m: re.Match) -> str:
    return " ".join((m.group("verb") or m.group("active")).split())


def _frame(original: str, text: str, qstart: int, end: int, vague: str | None, high: int | None = None):
    """A frame before the quantity: (start, counts, category, qualifier) or None."""
    if _followed_by_unit(text, end):
        return None
    aside = NUMBER_ASIDE.search(text, max(0, qstart - 140), qstart)
    if aside:  # "The number of people driven from their homes (more than 700,000, according to …)"
        found = _reported(original, aside)
        if found is not None:
            return found
    if text[max(0, qstart - 2):qstart].strip() == "(" and PAREN_SOURCED.match(text, end):
        # "Executions of drug offenders rose sharply (at least 127, according to Amnesty)": what the bracket counts
        people = [w for w in PEOPLE_IN.finditer(text, max(0, qstart - 120), qstart) if not CLAUSE_END.search(text, w.end(), qstart)]
        if people:
            counts = original[people[-1].start("w"):people[-1].end("w")]
            return qstart, counts, CATEGORY_OF.get(counts.lower()), None
    split = SPLIT_RANGE.search(text, max(0, qstart - 300), qstart)
    if split:  # the far end of a range whose near end an aside follows
        return split.end() - len(split.group(0)) + split.group(0).rindex("to"), \
            "death toll" if "toll" in split.group("what") else None, None, None
    participle = NUMBER_PARTICIPLE.search(text, max(0, qstart - 120), qstart)
    if participle:
        found = _reported(original, participle)
        if found is not None:
            return found
    we = WE_WERE.search(text, max(0, qstart - 25), qstart)
    if we:
        return we.start(), "people", None, None
    bring = BRING_TO.search(text, max(0, qstart - 25), qstart)
    toll_after = NUMBER_AFTER_BRING.match(text, end) if bring else None
    if toll_after:
        return bring.start(), "death toll" if "toll" in toll_after.group() else None, None, None
    last = LAST_WORD.search(text, max(0, qstart - 25), qstart)
    if not (last and last.group(1) in FRAME_LAST):
        return None  # no frame ends here: most numbers that are not figures stop at this check
    window_start = max(0, qstart - 160)
    put = PUT_FRAME.search(text, window_start, qstart)
    if put and not CLAUSE_END.search(text, put.start(), qstart):
        return _reported(original, put)
    put_it = PUT_IT.search(text, max(0, qstart - 40), qstart)
    toll = TOLL_BEFORE.search(text[max(0, put_it.start() - 160):put_it.start()]) if put_it else None
    if toll:  # "… the toll (or the crowd) at 1,500, though organisers put it closer to 3,000"
        return (put_it.start(), "crowd", None, None) if toll.group().startswith(("crowd", "turnout")) \
            else (put_it.start(), "death toll", "killed", None)
    frame = FRAME_BEFORE.search(text, max(0, qstart - 60), qstart)
    if frame:
        name = _frame_noun(frame.group("frame"))
        return frame.start(), name, CATEGORY_OF.get(name), None
    subject = SUBJECT_FRAME.search(text, window_start, qstart)
    if subject and not CLAUSE_END.search(text, subject.start(), qstart):
        verb = " ".join(subject.group("rv").lower().split())
        what = " ".join(subject.group("what").lower().split())
        # "the number was 30": no people named; "the number ran …": not a range of estimates
        # ("my own working figure is about 4,400": a figure someone owns is a count, as a toll is)
        owned = re.search(r"\b(?:my|our|his|her|their|its)\s+(?:own\s+)?(?:[a-z]+\s+)?$", text[max(0, subject.start() - 30):subject.start()])
        weak = verb in BE_VERBS and not subject.group("of") and "toll" not in what and not owned
        if not weak and not (verb in RANGE_VERBS and not (what.startswith("estimate") or "toll" in what)):
            found = _reported(original, subject)
            if found is not None and verb in EXCEEDING:
                return found[:3] + (verb,)
            if found is not None:
                return found
    estimate = ESTIMATE_FRAME.search(text, max(0, qstart - 50), qstart)
    if estimate and ((high or 0) >= 100 or PEOPLE_IN.search(text, max(0, estimate.start() - 200), estimate.start())):
        # ("The Mehr news agency gave a higher figure of 48" after "… said 35 people had been charged")
        return estimate.start("what"), None, None, None
    numbered = PEOPLE_NUMBERED.search(text, max(0, qstart - 60), qstart)
    if numbered:
        who = " ".join(original[numbered.start("who"):numbered.end("who")].split())
        verb = " ".join(numbered.group("rv").lower().split())
        return numbered.start(), who, CATEGORY_OF.get(who.lower()), verb if verb in EXCEEDING else None
    active = ACTIVE_BEFORE_RE.search(text, max(0, qstart - 40), qstart)
    if active and _function_word_after(text, end):
        name = " ".join(active.group("verb").lower().split())
        return active.start(), name, CATEGORY_OF.get(name), None
    if vague:
        return _in_the(original, text, qstart, end)
    return None


# Words that make a bare number in their sentence a count of the dead, the held or the fled: "the death toll
# “exceeded 8,000”", "some 2,300 of those killed …, and roughly 600 came from the left"
DEATH_CONTEXT = re.compile(
    r"\b(?:executed|executions?|killed|killings?|dead|deaths?|died|victims?|massacred?|toll|hanged|hangings?|gallows|"
    r"prisoners?|detainees?|detained|arrested|arrests|imprisoned|disappeared|murdered|slain|casualties|fatalities|"
    r"refugees|displaced|inmates|martyrs|graves|buried|perished)\b")
SENTENCE_STOP = re.compile(r"[.!?;]\s|\n")
# a verb after the number: it is the subject ("roughly 600 came from leftist groups", "some 300 died")
VERB_NEXT = re.compile(r"\s+(?:were|was|are|is|had|have|came|went|died|belonged|remain|remained|[a-z]{3,}ed)\b")


def _in_context(text: str, qstart: int, end: int, high: int | None):
    """A number no noun follows, in a sentence about the dead, the held or the fled: a count of them, what it
    counts unsaid ("the death toll “exceeded 8,000”"). Not "3 of them", a percentage, a unit or a year."""
    if not high or high < 10 or not (_function_word_after(text, end) or VERB_NEXT.match(text, end)) \
            or re.match(r"\s*(?:of\b|%|per\s*cent\b|percent\b|[-–])", text[end:end + 12]):
        return None  # a noun follows (none of the lists), a part, a percentage, a compound
    if _followed_by_unit(text, end) or re.match(r"\s*(?:and|or|to|[-–])\s*(?:\d|" + _NUM_WORD + ")", text[end:end + 30]):
        return None  # "30,000 and 5,000 prisoners": the first of two numbers, the noun the second's
    if high < 110 and re.search(r"\b(?:[Aa]t|[Aa]ged|[Aa]ge)\s+$", text[max(0, qstart - 6):qstart]) and not re.search(
            r"\b(?:stood|stands|stand|rose|rises|put|puts|placed|places|estimated|peaked|reached|fixed|set|pegged|totall?ed|"
            r"counted|it|them|toll|number|figure|count|total)\s+at\s+$", text[max(0, qstart - 20):qstart]):
        return None  # "was arrested at 19", "executed aged 24": an age (not "deaths stood at 300")
    stops = [m.end() for m in SENTENCE_STOP.finditer(text, max(0, qstart - 200), qstart)]
    start = stops[-1] if stops else max(0, qstart - 200)
    stop = SENTENCE_STOP.search(text, end)
    stop = stop.start() if stop else len(text)
    if not DEATH_CONTEXT.search(text, start, min(stop, end + 150)):
        return None
    return qstart, None, None, None


def _reported(original: str, m: re.Match):
    """A "the number (of X) …" frame: counts from its "of" phrase, which must name people."""
    what = " ".join(m.group("what").lower().split())
    of = m.group("of")
    counts = None
    if of and "prep" in m.re.groupindex and m.group("prep") == "by":
        # "Estimates by rights groups, which …, range between 2,800 and 5,000", after a sentence on the victims
        if what.startswith("estimate") and PEOPLE_IN.search(m.string, max(0, m.start() - 200), m.start()):
            return m.start(), None, None, None
        return None
    if of and "prep" in m.re.groupindex and m.group("prep") != "of":
        if "toll" not in what:
            return None  # "the number in Tehran was 30"
        return m.start(), "death toll", "killed", None  # "the death toll from the 1988 massacre"
    if of:
        people = list(PEOPLE_IN.finditer(of))
        if not people and ("toll" in what or re.search(r"\b(?:death\s+)?toll\b", of.lower())):
            return m.start(), "death toll", "killed", None  # "estimates of the death toll range from …", "the toll of the purge"
        if not people:
            return None  # "the number of centrifuges reached 5,000"
        counts = _of_counts(original[m.start("of"):m.end("of")])
        category = None
        for w in reversed(people):
            category = CATEGORY_OF.get(" ".join(w.group("w").lower().split()))
            if category:
                break
    elif "toll" in what:
        counts, category = "death toll", "killed"
    else:
        category = None
    return m.start(), counts, category, None


def _of_counts(of: str) -> str:
    """'the number of those executed in 1988' -> 'those executed'."""
    words = of.split()
    while words and words[0].lower() in ("the", "a", "an", "all", "number", "of", "total"):
        words = words[1:]
    out = []
    for w in words:
        if w.lower() in ("in", "at", "during", "since", "across", "by", "from", "over", "between",
                         "that", "which", "who", "is", "was", "were", "are", "has", "have", "had"):
            break
        out.append(w)
    return " ".join(out).strip(",") or of.strip()


def _in_the(original: str, text: str, qstart: int, end: int):
    """'the death toll ran into the thousands', 'executions numbered in the thousands'."""
    prefix = IN_THE.search(text, max(0, qstart - 20), qstart)
    if not prefix:
        return None
    lo = max(0, prefix.start() - 80)
    clause = CLAUSE_END.search(text[lo:prefix.start()][::-1])
    if clause:
        lo = prefix.start() - clause.start()
    people = list(PEOPLE_IN.finditer(text, lo, prefix.start()))
    toll = TOLL_WORD.search(text, lo, prefix.start())
    if not people and not (toll and "toll" in toll.group().lower()):
        return None
    if people:
        w = people[-1]
        counts = original[w.start("w"):w.end("w")]
        category = CATEGORY_OF.get(counts.lower())
        start = w.start()
    else:
        counts, category = "death toll", "killed"
    if toll:
        start = toll.start()
        if "toll" in toll.group().lower():
            counts, category = "death toll", "killed"
    return start, counts, category, None


def _category_before(text: str, qstart: int) -> str | None:
    last = LAST_WORD.search(text, max(0, qstart - 25), qstart)
    if not (last and last.group(1) in FRAME_LAST):
        return None
    frame = FRAME_BEFORE.search(text, max(0, qstart - 60), qstart)
    if frame:
        return CATEGORY_OF.get(_frame_noun(frame.group("frame")))
    active = ACTIVE_BEFORE_RE.search(text, max(0, qstart - 40), qstart)
    if active:
        return CATEGORY_OF.get(" ".join(active.group("verb").lower().split()))
    return None


def _spread_scale(lo_s: str, hi_s: str, low: int, high: int) -> int:
    """'4 to 5 thousand' -> 4,000: a scale written once counts for both ends."""
    for word, scale in SCALES.items():
        if hi_s.lower().endswith(word) and not lo_s.lower().endswith(word):
            if low * scale <= high:
                return low * scale
    return low


def _is_bare_year(s: str) -> bool:
    return bool(YEAR_RE.fullmatch(s.strip()))


def _frame_noun(frame: str) -> str:
    words = frame.lower().split()
    if words[1:2] and words[1] in ("toll", "count", "figure", "tolls", "counts", "figures"):
        return "death toll" if words[0] == "death" else f"{words[0]} {words[1]}"
    if words[0] == "toll":
        return "death toll"
    if words[0] == "number":
        return words[2]
    return words[0]  # massacre, executions, killing ...


def _mods_ok(mods: str, after_of: bool = False) -> bool:
    words = mods.split()
    if after_of and words and words[0] in DETERMINERS:
        words = words[1:]  # "120,000 of its members"
    for w in words:
        w = w.lower().strip("’'")
        if w in STOPWORDS or w in NON_PEOPLE_UNITS:
            return False
    return True


def _followed_by_unit(text: str, end: int) -> bool:
    m = UNIT_AFTER.match(text, end)
    return bool(m and m.group(1).lower().rstrip(".") in NON_PEOPLE_UNITS)


def _function_word_after(text: str, end: int) -> bool:
    """After "executed 5,000": the end, punctuation or a function word, not a noun ("5 cows")."""
    m = WORD_AFTER.match(text, end)
    return m.group(1) is None or m.group(1).lower() in STOPWORDS or m.group(1).lower() == "more"


# --- Persian ---------------------------------------------------------------------------------

# Persian and Arabic-Indic digits, separators and letter variants, mapped one character to one
# character, so offsets in the mapped text are offsets in the original.
FA_TABLE = str.maketrans({
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    **{chr(0x0660 + i): str(i) for i in range(10)},
    "\u066C": ",",   # ٬ Arabic thousands separator
    "\u066B": ".",   # ٫ Arabic decimal separator
    "\u060C": ",",   # ، Arabic comma (also written as a thousands separator)
    "\u064A": "\u06CC", "\u0649": "\u06CC", "\u0643": "\u06A9",  # ي ى -> ی, ك -> ک
    "\u06C0": "\u0647", "\u0629": "\u0647",  # ۀ ة -> ه
    "\u0623": "\u0627", "\u0625": "\u0627",  # أ إ -> ا
    "\u200C": " ", "\u200D": " ", "\u200E": " ", "\u200F": " ", "\u00A0": " ",
    **{chr(c): " " for c in range(0x064B, 0x0653)},  # harakat
    "\u0640": " ",   # tatweel
})
FA_SCRIPT = re.compile(r"[\u0600-\u06FF]")
FA_LETTER = re.compile(r"[\u0621-\u064A\u067E-\u06D3]")

FA_UNITS = {
    "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7, "هشت": 8,
    "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
    "پونزده": 15, "شانزده": 16, "هفده": 17, "هیفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19,
    "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80,
    "نود": 90, "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500,
    "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
}
FA_SCALES = {"هزار": 1_000, "میلیون": 1_000_000, "میلیارد": 1_000_000_000}
# Vague quantities in Persian (docs/figures.md): same reasoning as the English table.
FA_VAGUE = {
    "هزاران": (2_000, 9_999),
    "صدها": (200, 999),
    "ده ها": (20, 99),
    "دهها": (20, 99),
    "ده ها هزار": (20_000, 99_999),
    "دهها هزار": (20_000, 99_999),
    "صدها هزار": (200_000, 999_999),
    "میلیون ها": (2_000_000, 9_999_999),
    "میلیونها": (2_000_000, 9_999_999),
    "چندین هزار": (2_000, 9_999),
    "چند هزار": (2_000, 9_999),
    "چندهزار": (2_000, 9_999),
    "چندین صد": (200, 999),
    "چند صد": (200, 999),
    "چندصد": (200, 999),
}
FA_QUALIFIERS = (
    "در حدود", "حدود", "حدودا", "تقریبا", "نزدیک به", "قریب به", "بیش از", "بیشتر از",
    "افزون بر", "بالغ بر", "متجاوز از", "فراتر از", "بالای", "دست کم", "دستکم", "حداقل",
    "حداکثر", "کمتر از", "کم تر از", "کمی بیش از", "چیزی حدود", "چیزی در حدود", "تا",
    "بیش", "نزدیک", "قریب", "شاید",
)
# Counted nouns, as written after the number ("۳۰ هزار زندانی سیاسی"), plural forms included.
FA_NOUNS = {
    "زندانی": "imprisoned", "زندانیان": "imprisoned", "زندانی ها": "imprisoned",
    "زندانیها": "imprisoned",
    "اعدامی": "executed", "اعدامیان": "executed", "اعدام": "executed", "اعدام ها": "executed",
    "اعدامها": "executed", "اعدام شده": "executed", "اعدام شدگان": "executed",
    "اعدام شده ها": "executed",
    "کشته": "killed", "کشتگان": "killed", "کشته شده": "killed", "کشته شدگان": "killed",
    "کشته ها": "killed", "جان باخته": "killed", "جان باختگان": "killed", "جانباخته": "killed",
    "جانباختگان": "killed", "شهید": "killed", "شهدا": "killed", "شهیدان": "killed",
    "قربانی": None, "قربانیان": None,
    "بازداشتی": "detained", "بازداشتیان": "detained", "بازداشت شده": "arrested",
    "بازداشت شدگان": "arrested", "دستگیر شده": "arrested", "دستگیرشده": "arrested",
    "دستگیر شدگان": "arrested", "دستگیرشدگان": "arrested",
    "ناپدید شده": "disappeared", "ناپدیدشده": "disappeared", "ناپدید شدگان": "disappeared",
    "ناپدیدشدگان": "disappeared", "مفقود": "disappeared", "مفقودین": "disappeared",
    "مفقودان": "disappeared", "مفقود الاثر": "disappeared",
    "زخمی": "injured", "زخمی ها": "injured", "مجروح": "injured", "مجروحان": "injured",
    "مجروحین": "injured",
    "محکوم": "sentenced", "محکومان": "sentenced", "محکومین": "sentenced",
    "معترض": None, "معترضان": None, "معترضین": None, "تظاهرکننده": None,
    "تظاهرکنندگان": None, "زن": None, "زنان": None, "مرد": None, "مردان": None,
    "کودک": None, "کودکان": None, "نوجوان": None, "نوجوانان": None, "دانشجو": None,
    "دانشجویان": None, "عضو": None, "اعضا": None, "اعضای": None, "هوادار": None,
    "هواداران": None, "مجاهد": None, "مجاهدین": None, "مجاهدان": None, "فعال": None,
    "فعالان": None, "فعالین": None, "خانواده": None, "خانواده ها": None, "خانوادهها": None,
    "فرد": None, "افراد": None, "شهروند": None, "شهروندان": None, "انسان": None,
    "انسان ها": None, "متهم": None, "متهمان": None, "متهمین": None, "اسیر": "imprisoned",
    "اسرا": "imprisoned", "مخالف": None, "مخالفان": None, "دگراندیش": None,
    "دگراندیشان": None, "بهایی": None, "بهاییان": None, "روزنامه نگار": None,
    "روزنامه نگاران": None, "وکیل": None, "وکلا": None, "کارگر": None, "کارگران": None,
    "معلم": None, "معلمان": None, "جوان": None, "جوانان": None, "کس": None,
    "بچه": None, "بچه ها": None, "بچه های": None, "بچهها": None, "برادر": None, "برادرم": None,
    "برادران": None, "برادرانم": None, "خواهر": None, "خواهرم": None, "خواهران": None,
    "فرزند": None, "فرزندم": None, "فرزندان": None, "فرزندانم": None, "پسر": None, "پسرم": None,
    "پسران": None, "دختر": None, "دخترم": None, "دختران": None, "هم بندی": None, "همبندی": None,
    "هم بندیان": None, "همبندیان": None, "رزمنده": None, "رزمندگان": None, "نظامی": None,
    "نظامیان": None, "پاسدار": None, "پاسداران": None, "نیروی": None, "تروریست": None,
    "تروریست ها": None, "تروریستها": None, "اغتشاشگر": None, "اغتشاشگران": None, "آشوبگر": None,
    "آشوبگران": None, "منافق": None, "منافقین": None, "مزدور": None, "مزدوران": None,
    "عامل": None, "عوامل": None, "تبعه": None, "اتباع": None, "شهید شده": "killed",
    "زندانی سیاسی": "imprisoned",
}
# Words after a counted noun that belong to it: "زندانی سیاسی", "زندانیان سیاسی مجاهد".
FA_ADJECTIVES = (
    "سیاسی", "عقیدتی", "مجاهد", "چپ", "چپگرا", "بهایی", "بی گناه", "بیگناه", "جوان", "زن",
    "مرد", "نوجوان", "دیگر", "کرد", "عرب", "بلوچ", "سنی", "مارکسیست", "توده ای", "فدایی",
    "مجاهدین", "سازمان مجاهدین", "مجاهدین خلق", "هیئت مرگ", "هیات مرگ", "زندانی",
)
# Classifiers: "۳۰ هزار نفر", "۵ هزار تن", "۳۰۰ مورد اعدام".
FA_CLASSIFIERS = ("نفر", "تن", "مورد")
# Verbs of what is done to people, stem -> category; each is followed by a light verb (FA_AUX).
FA_VERBS = {
    "اعدام": "executed", "به دار آویخته": "executed", "به دار آویخت": "executed",
    "به دار کشیده": "executed", "حلق آویز": "executed", "تیرباران": "executed",
    "به جوخه اعدام سپرده": "executed",
    "کشته": "killed", "به قتل": "killed", "قتل عام": "killed", "قتلعام": "killed",
    "به شهادت": "killed", "شهید": "killed", "کشتار": "killed", "سلاخی": "killed",
    "بازداشت": "arrested", "دستگیر": "arrested", "زندانی": "imprisoned", "حبس": "imprisoned",
    "ناپدید": "disappeared", "مفقود": "disappeared", "ربوده": "disappeared",
    "زخمی": "injured", "مجروح": "injured", "محکوم": "sentenced", "شکنجه": "tortured",
    "آزاد": "released", "دفن": "killed", "به هلاکت": "killed", "هلاک": "killed",
    "به قتل رسانده": "killed", "اعدام گروهی": "executed", "اخراج": None,
}
FA_AUX = (
    "شدند", "شده اند", "شده بودند", "شده است", "شده", "شد", "گردیدند", "گردید", "می شوند",
    "شوند", "رسیدند", "رسیده اند", "رسید", "رساندند", "رساند", "کرد", "کردند", "کرده اند",
    "کرده است", "کرده", "کردند", "نمودند", "نمود", "می کنند", "می کند", "است", "هستند", "بودند",
    "شدن",
)
# Intransitive verbs whose subject is the counted people: "هزاران نفر جان باختند".
FA_ACTIVE = {
    "جان باختند": "killed", "جان باخته اند": "killed", "جان سپردند": "killed",
    "جان خود را از دست دادند": "killed", "جانشان را از دست دادند": "killed",
    "کشته شدند": "killed", "درگذشتند": "killed", "ناپدید شدند": "disappeared",
}
# Frames before a bare number: "اعدام ۳۰ هزار", "قتل عام بیش از ۳۰ هزار".
FA_FRAME_NOUNS = {
    "اعدام": "executed", "اعدام های": "executed", "قتل عام": "killed", "قتلعام": "killed",
    "کشتار": "killed", "قتل": "killed", "کشته شدن": "killed", "جان باختن": "killed",
    "بازداشت": "arrested", "دستگیری": "arrested", "ناپدید شدن": "disappeared",
    "ناپدیدسازی": "disappeared", "حبس": "imprisoned",
}
# Words before a number that make it a label, a year or a date: "ماده ۲۳۵", "سال ۶۷", "مرداد ۶۷".
FA_LABELS = (
    "سال", "سالهای", "سال های", "ماه", "روز", "ساعت", "دهه", "قرن", "ماده", "اصل", "بند",
    "تبصره", "فصل", "صفحه", "ص", "شماره", "سالن", "بخش", "کد", "پلاک", "تلفن", "خیابان",
    "کوچه", "منطقه", "ناحیه", "قطعنامه", "سن", "سنین", "بهار", "تابستان", "پاییز", "پائیز",
    "زمستان", "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر",
    "دی", "بهمن", "اسفند", "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "ژوییه",
    "اوت", "اگوست", "سپتامبر", "اکتبر", "نوامبر", "دسامبر", "محرم", "صفر", "رمضان", "شوال",
    "ذیحجه", "واحد", "اتاق", "سلول", "کیلومتر", "جلد", "شماره های", "مواد", "اصول", "تاریخ",
    "مورخ", "دوره", "نسخه",
)
# Words after a number that make it a duration, an age, money or a measure.
FA_UNITS_AFTER = (
    "سال", "ساله", "سالگی", "ماه", "ماهه", "روز", "روزه", "هفته", "ساعت", "دقیقه", "ثانیه",
    "دهه", "قرن", "درصد", "تومان", "تومن", "ریال", "دلار", "یورو", "پوند", "کیلومتر", "کیلو",
    "کیلوگرم", "متر", "صفحه", "برابر", "بار", "کشور", "سازمان", "شهر", "استان", "روستا",
    "زندان", "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر",
    "دی", "بهمن", "اسفند", "ژانویه", "فوریه", "مارس", "آوریل", "ژوئن", "ژوئیه", "ژوییه",
    "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر", "سالن", "بند", "ماده", "اصل", "نوبت",
    "مرحله", "جلسه", "نامه",
)
_B = r"(?<![\w])"   # start of a Persian word (after the mapping, ZWNJ is a space)
_E = r"(?![\w])"    # end of a word
_FA_NUMWORD = rf"(?:{_word(list(FA_UNITS) + list(FA_SCALES))}){_E}"
# Word numbers: "سی هزار", "دو هزار و پانصد", "یکصد و بیست"; a lone "یک" or "نه" is an article
# or "no", so a word number needs two words or a word other than those.
FA_NUMBER_WORDS = rf"{_FA_NUMWORD}(?:\s+(?:و\s+)?{_FA_NUMWORD})*"
# ("۳۰.۰۰۰": a full stop before three digits, with no scale after, separates thousands in Persian)
FA_DIGITS = (
    r"(?>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9]|\s*(?:هزار|میلیون|میلیارد))"
    r"|[0-9]+(?:[./][0-9]+)?)"
)
FA_SCALE = rf"\s*(?:{_word(FA_SCALES)}){_E}"
FA_NUMBER = rf"(?:{FA_DIGITS}(?:{FA_SCALE}(?:\s+و\s+[0-9]{{1,3}}(?![0-9])(?!{FA_SCALE}))?)?|{FA_NUMBER_WORDS})"
FA_ANCHOR = re.compile(
    rf"[0-9]|{_B}(?:{_word(list(FA_UNITS) + list(FA_SCALES) + ['هزاران', 'صدها', 'ده', 'دهها', 'میلیون', 'میلیونها', 'چند', 'چندین', 'چندهزار', 'چندصد'])}){_E}"
)
FA_CORE = re.compile(
    rf"""
    (?:
        (?P<vague>{_word(FA_VAGUE)}){_E}
      | (?P<lo>{FA_NUMBER})
        (?:\s*(?:(?P<sep>تا|الی|و)\s+|[-–]\s*)(?P<hi>{FA_NUMBER}))?
    )
    (?P<suffix>\s+و\s+اندی)?
    (?![0-9%٪]|\w)
    """,
    re.VERBOSE,
)
FA_RANGE_PREFIX = re.compile(rf"{_B}(?P<p>بین|از|میان)\s+$")
FA_QUAL_BEFORE = re.compile(rf"{_B}(?P<qual>{_word(FA_QUALIFIERS)})\s+$")
FA_LABEL_BEFORE = re.compile(rf"{_B}(?:{_word(FA_LABELS)})\s*$")
FA_LABEL_LAST = {w.split()[-1] for w in FA_LABELS}
FA_QUAL_LAST = {q.split()[-1] for q in FA_QUALIFIERS}
FA_GLUED = set("#@/$€£.,:+-_&=")
_FA_NOUN_RE = _word(FA_NOUNS)
_FA_ADJ_RE = _word(FA_ADJECTIVES)
FA_AFTER = re.compile(
    rf"""
    (?:\s*(?P<cls>{_word(FA_CLASSIFIERS)}){_E})?
    (?:\s+(?P<az>از\s+(?:میان\s+|جمع\s+|بین\s+)?)?(?P<noun>{_FA_NOUN_RE}){_E}(?!\s*(?:{_word(FA_AUX)}){_E})(?P<adj>(?:\s+(?:و\s+)?(?:{_FA_ADJ_RE}){_E}){{0,3}}))?
    """,
    re.VERBOSE,
)
_FA_VERB_RE = rf"(?P<stem>{_word(FA_VERBS)})\s*(?:{_word(FA_AUX)}){_E}"
_FA_ACTIVE_RE = rf"(?P<active>{_word(FA_ACTIVE)}){_E}"
# The verb in the clause after the counted people (at most five words on): category and claim.
# Not across another number ("۱۵ تن کشته و ۴۰ تن زخمی شدند") or a new clause (که, اما).
_FA_AND_NUMBER = rf"و\s+(?:[0-9]|(?:{_word(list(FA_VAGUE) + list(FA_UNITS) + list(FA_SCALES))}){_E})"
FA_VERB_LATER = re.compile(
    rf"(?:\s+(?!که{_E}|اما{_E}|ولی{_E}|{_FA_AND_NUMBER})[^\s.,;:!?؛«»()]+){{0,6}}?\s+(?:را\s+)?(?:{_FA_ACTIVE_RE}|{_FA_VERB_RE})"
)
FA_UNIT_AFTER = re.compile(rf"\s*(?:{_word(FA_UNITS_AFTER)}){_E}")
FA_FRAME_BEFORE = re.compile(rf"{_B}(?P<frame>{_word(FA_FRAME_NOUNS)})\s+$")
# "شمار اعدام شدگان را ۳۰ هزار …", "تعداد قربانیان به ۱۵۰۰ رسید"
FA_COUNT_FRAME = re.compile(
    rf"{_B}(?P<what>شمار|تعداد|آمار|رقم)\s+(?P<np>[^.,;:!?؛«»()]{{1,60}}?)\s+(?:(?:را|به|از|بر|برابر\s+با|بالغ\s+بر)\s+)?$"
)
FA_PEOPLE_IN = re.compile(rf"{_B}(?P<w>{_FA_NOUN_RE}|{_word(FA_VERBS)}){_E}")
FA_YEAR = re.compile(r"(?:1[34][0-9][0-9]|1[89][0-9][0-9]|20[0-9][0-9])")
FA_CLAUSE_END = re.compile(r"[.;:!?؛\n]")
FA_SCALE_IN = re.compile(FA_SCALE)
FA_PERSONS_AFTER = re.compile(rf"\s*(?:نفر|تن\s+از){_E}")
FA_COPULA_AFTER = re.compile(
    rf"\s*(?:[.،,؛!?]|$|(?:بودند|بوده اند|بوده است|است|بود|هستند|بوده|می رسد|میرسد|رسید|رسیده|"
    rf"بالغ|تخمین|برآورد|اعلام|گزارش|ذکر|عنوان|نفر){_E})"
)
# A frame a few words before the quantity, for the category only: "اعدام دسته جمعی بیش از …"
FA_FRAME_NEAR = re.compile(rf"{_B}(?P<frame>{_word(FA_FRAME_NOUNS)})(?:\s+[^\s0-9.,;:!?؛]+){{0,2}}\s+$")
FA_GAP = re.compile(r"\s+(?:را\s+)?")
# A short number right after a noun of the events is a year: "زندانیان ۶۷", "کشتار ۶۷".
FA_EVENT_BEFORE = re.compile(
    rf"{_B}(?:{_FA_NOUN_RE}|{_word(FA_FRAME_NOUNS)}|فاجعه|جنایت|تابستان|قربانیان|زندانیان سیاسی|سیاسی|دهه)\s+$"
)
# What may follow "تن" for it to be people, not tonnes: "۵۰۰ تن از زندانیان", "۵ هزار تن اعدام شدند".
FA_TAN_OK = re.compile(
    rf"\s*(?:$|[.,;:!?؛»)]|(?:از|را|و|به|در|که|طی|بر|برای|را|نیز|هم|دیگر|{_FA_NOUN_RE}|{_word(FA_VERBS)}|{_word(FA_ACTIVE)}|اعلام|برآورد|تخمین|ذکر|گزارش|عنوان|رسید|رسیده|بود|است|هستند|بودند|می رسد|میرسد|بوده){_E})"
)


def _persian(original: str) -> list[Figure]:
    text = original.translate(FA_TABLE)
    return _scan(text, FA_ANCHOR, FA_GLUED, FA_CORE, ("و", FA_RANGE_PREFIX, "بین", "میان"),
                 lambda p, core, last_end: _read_persian(text, original, p, core, last_end))


def _read_persian(text: str, original: str, p: int, core: re.Match, last_end: int) -> Figure | None:
    window = text[max(0, p - 100):p]
    wstart = p - len(window)
    qstart = p
    vague = core.group("vague")
    lo_s, hi_s, sep = core.group("lo"), core.group("hi"), core.group("sep")
    end = core.end()
    if vague:
        low, high = FA_VAGUE[" ".join(vague.split())]
    else:
        if lo_s[0] == "0" and len(lo_s) > 1 and lo_s[1] not in "./":
            return None  # "۰۲۱ …": a phone number
        if hi_s is not None:
            m = FA_RANGE_PREFIX.search(window)
            if sep == "و" and not (m and m.group("p") in ("بین", "میان")):
                hi_s = None
                end = core.end("lo")
            elif m:
                qstart = wstart + m.start()
        if hi_s is None:
            if FA_YEAR.fullmatch(lo_s.strip()) and not _counted_year_fa(text, end, lo_s):
                return None  # ۱۳۶۷, ۱۹۸۸: a year ("۱۴۰۰ نفر" is 1,400 persons)
            if "/" in lo_s and not re.search(FA_SCALE, lo_s):
                return None  # "۶۷/۵/۲۷": a date
            try:
                low = high = _parse_persian(lo_s)
            except ValueError:
                return None
            if lo_s.strip() in ("یک", "نه"):
                return None  # "یک" is also "a", "نه" also "no"
            if 40 <= low <= 99 and lo_s.strip().isdigit() and FA_EVENT_BEFORE.search(window[-40:]):
                return None  # "زندانیان سیاسی ۶۷", "کشتار ۶۷": the year 1367
        else:
            if (FA_YEAR.fullmatch(lo_s.strip()) or FA_YEAR.fullmatch(hi_s.strip())) and not FA_PERSONS_AFTER.match(text, end):
                return None  # "از ۱۳۶۰ تا ۱۳۶۷": years
            try:
                low, high = _parse_persian(lo_s), _parse_persian(hi_s)
            except ValueError:
                return None
            for word, scale in FA_SCALES.items():
                if word in hi_s and word not in lo_s and low * scale <= high:
                    low *= scale  # "۴ تا ۵ هزار": the scale counts for both ends
            low, high = min(low, high), max(low, high)
        if (_last_word(text, p) in FA_LABEL_LAST and not (FA_SCALE_IN.search(lo_s) or "," in lo_s)
                and FA_LABEL_BEFORE.search(window[-30:])):
            return None  # "سال ۶۷", "ماده ۲۳۵", "مرداد ۶۷", "بند ۲۰۹"
    if low <= 0 or FA_UNIT_AFTER.match(text, end):
        return None  # "۳۲ سال", "۳۰ درصد", "۵ میلیون تومان", "۲۷ مرداد"
    approximate = bool(vague)
    qualifier = None
    q = _last_word(text, qstart) in FA_QUAL_LAST and FA_QUAL_BEFORE.search(text, max(0, qstart - 30), qstart)
    if q:
        qualifier = original[q.start():q.start() + len(q.group("qual"))]
        qstart = q.start()
        approximate = True
    if core.group("suffix") and end == core.end():
        approximate = True
        qualifier = qualifier or original[core.start("suffix"):core.end("suffix")].strip()
    number_start, number_end = qstart, end
    start = qstart
    counts = category = None

    after = FA_AFTER.match(text, end)
    cls, noun = after.group("cls"), after.group("noun")
    if cls == "تن" and not noun and not FA_TAN_OK.match(text, after.end("cls")):
        cls = None  # "۵۰۰ تن مواد": tonnes
    if noun or cls:
        end = after.end()
        if noun:
            counts = original[after.start("noun"):after.end("adj") if after.group("adj") else after.end("noun")]
            counts = " ".join(counts.split())
            category = FA_NOUNS.get(" ".join(noun.split()))
        else:
            counts = cls
    claim_end = end
    verb_said = False
    later = FA_VERB_LATER.match(text, end)
    if later:
        group = "active" if later.group("active") else "stem"
        verb_category = (FA_ACTIVE if group == "active" else FA_VERBS).get(" ".join(later.group(group).split()))
        if noun or cls:
            category = verb_category or category
            verb_said = verb_category is not None
            claim_end = later.end()
        elif FA_GAP.fullmatch(text, end, later.start(group)):
            # "هزاران اعدام شدند", "۳۰ هزار را اعدام کردند": the number, then the verb
            counts = " ".join(original[later.start(group):later.end(group)].split())
            category = verb_category
            end = claim_end = later.end()
    if counts is None:
        found = _frame_fa(text, original, qstart, end, low, high, lo_s)
        if found is None:
            return None
        start, counts, category = found
        claim_end = end
    elif not verb_said or not noun:
        found = _count_frame_fa(text, original, qstart)
        if found:
            counts = counts if noun else found[1]  # "شمار قربانیان را ۵ هزار نفر …": قربانیان
            category = category or found[2]
        else:
            frame = FA_FRAME_NEAR.search(text, max(0, qstart - 40), qstart)
            if frame:  # "اعدام بیش از ۳۰ هزار زندانی": the frame says what happened to them
                category = (category if verb_said else None) or FA_FRAME_NOUNS.get(" ".join(frame.group("frame").split()))
    if start < last_end:
        return None
    return Figure(
        text=original[start:end], start=start, end=end, low=low, high=high,
        approximate=approximate, counts=counts, number_start=number_start, number_end=number_end,
        claim_start=start, claim_end=max(end, claim_end), category=category, qualifier=qualifier,
        lang="fa",
    )


def _counted_year_fa(text: str, end: int, digits: str) -> bool:
    """A four-digit number in the years read as a count: before نفر (any), or a Gregorian-range
    number before a counted noun ("۲۰۰۰ زندانی"); a Solar Hijri year before a noun stays a year
    ("در ۱۳۶۷ زندانی شد")."""
    if FA_PERSONS_AFTER.match(text, end):
        return True
    if digits.strip()[:2] in ("13", "14"):
        return False
    after = FA_AFTER.match(text, end)
    return bool(after.group("noun"))


def _frame_fa(text, original, qstart, end, low, high, lo_s):
    """A bare number after a frame: (start, counts, category) or None."""
    if high < 100 and not (lo_s and re.search(FA_SCALE, lo_s or "")):
        return None  # "کشتار ۶۷": a short number after a frame is a year
    frame = FA_FRAME_BEFORE.search(text, max(0, qstart - 30), qstart)
    if frame:
        name = " ".join(frame.group("frame").split())
        return frame.start(), original[frame.start():frame.end("frame")], FA_FRAME_NOUNS.get(name)
    found = _count_frame_fa(text, original, qstart)
    if found is None and FA_COPULA_AFTER.match(text, end):
        # "قربانیان این فاجعه بیش از ۳۰٬۰۰۰ بودند": the people before, a copula or report after
        lo = max(0, qstart - 60)
        clause = max(text.rfind(c, lo, qstart) for c in ".;:!?؛\n،,")
        people = list(FA_PEOPLE_IN.finditer(text, max(lo, clause + 1), qstart))
        if people:
            w = people[-1]
            name = " ".join(w.group("w").split())
            category = FA_NOUNS.get(name) or FA_VERBS.get(name)
            return w.start(), " ".join(original[w.start("w"):w.end("w")].split()), category
    return found


def _count_frame_fa(text, original, qstart):
    """'شمار اعدام‌شدگان را …', 'تعداد قربانیان به …': (start, counts, category) or None."""
    count = FA_COUNT_FRAME.search(text, max(0, qstart - 90), qstart)
    if count and not FA_CLAUSE_END.search(text, count.start(), qstart):
        people = list(FA_PEOPLE_IN.finditer(text, count.start("np"), count.end("np")))
        if people:
            w = people[-1]
            name = " ".join(w.group("w").split())
            category = FA_NOUNS.get(name) or FA_VERBS.get(name)
            return count.start(), " ".join(original[w.start("w"):w.end("w")].split()), category
    return None


def _parse_persian(s: str) -> int:
    """'30,000' / '30 هزار' / '1.5 میلیون' / 'سی و دو هزار' (after FA_TABLE) -> int."""
    s = " ".join(s.translate(FA_TABLE).replace("/", ".").split())
    total, current = 0, 0.0
    for word in s.split():
        if word == "و":
            continue
        if word[0].isdigit():
            digits = re.match(r"[0-9.,]+", word).group()
            rest = word[len(digits):]
            if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+", digits) and not rest:
                digits = digits.replace(".", "")  # "30.000": thousands
            current += float(digits.replace(",", ""))
            if rest in FA_SCALES:
                total += current * FA_SCALES[rest]
                current = 0
            elif rest:
                raise ValueError(f"not a number: {s!r}")
        elif word in FA_UNITS:
            current += FA_UNITS[word]
        elif word in FA_SCALES:
            total += (current or 1) * FA_SCALES[word]
            current = 0
        else:
            raise ValueError(f"not a number: {s!r}")
    return int(round(total + current))
