"""Figures: numeric claims about people, and the numbers that are not."""

from pathlib import Path

import pytest

from ingest.figures import VAGUE, find_figures, parse_number

ROOT = Path(__file__).resolve().parent.parent


def rows(text):
    return [(f.text, f.low, f.high, f.approximate, f.counts) for f in find_figures(text)]


# (passage, [(surface, low, high, approximate, counts), ...])
COUNTS = [
    ("30,000 political prisoners were massacred.",
     [("30,000 political prisoners", 30000, 30000, False, "political prisoners")]),
    ("the 1988 massacre of over 30,000 political prisoners in Iran",
     [("over 30,000 political prisoners", 30000, 30000, True, "political prisoners")]),
    ("Raisi was responsible for all the about 30,000 executions that occurred.",
     [("about 30,000 executions", 30000, 30000, True, "executions")]),
    ("executed tens of thousands of political prisoners across #Iran",
     [("tens of thousands of political prisoners", 20000, 99999, True, "political prisoners")]),
    ("the fate of several thousand political dissidents forcibly disappeared",
     [("several thousand political dissidents", 3000, 9999, True, "political dissidents")]),
    ("which resulted in the shooting of 1,500 peaceful protesters.",
     [("1,500 peaceful protesters", 1500, 1500, False, "peaceful protesters")]),
    ("Reuters confirmed the death toll of 1500 that was announced.",
     [("death toll of 1500", 1500, 1500, False, "death toll")]),
    ("It revealed the identities of 87 Death Commission members some of whom still hold posts.",
     [("87 Death Commission members", 87, 87, False, "Death Commission members")]),
    ("Human rights advocates believe that 12,000 are being detained in Iran.",
     [("12,000 are being detained", 12000, 12000, False, "detained")]),
    ("Raisi personally ordered the executions of thousands of MEK members.",
     [("thousands of MEK members", 2000, 9999, True, "MEK members")]),
    ("more than 3,500 people, including 80 women, have been executed",
     [("more than 3,500 people", 3500, 3500, True, "people"), ("80 women", 80, 80, False, "women")]),
    ("a communication by seven top human rights experts.",
     [("seven top human rights experts", 7, 7, False, "top human rights experts")]),
    ("He was one of four officials on the Tehran death commission.",
     [("four officials", 4, 4, False, "officials")]),
    ("Several hundred people have been executed so far this year.",
     [("Several hundred people", 300, 999, True, "people")]),
    ("a bombing that killed 85 people.", [("85 people", 85, 85, False, "people")]),
    ("Nearly twenty-five activists were arrested.",
     [("Nearly twenty-five activists", 25, 25, True, "activists")]),
    ("some three hundred prisoners", [("some three hundred prisoners", 300, 300, True, "prisoners")]),
    ("between 2,800 and 3,800 prisoners were killed",
     [("between 2,800 and 3,800 prisoners", 2800, 3800, False, "prisoners")]),
    ("2,800-3,800 prisoners", [("2,800-3,800 prisoners", 2800, 3800, False, "prisoners")]),
    ("1.5 million people fled", [("1.5 million people", 1500000, 1500000, False, "people")]),
    ("hundreds of families gathered", [("hundreds of families", 200, 999, True, "families")]),
    ("dozens of journalists", [("dozens of journalists", 24, 99, True, "journalists")]),
    ("the massacre of over 30,000 in the summer of 1988",
     [("massacre of over 30,000", 30000, 30000, True, "massacre")]),
    ("At least 300 were killed.", [("At least 300 were killed", 300, 300, True, "killed")]),
    ("a dozen lawyers", [("a dozen lawyers", 12, 12, False, "lawyers")]),
]

# Numbers that are not counts of people: nothing is found.
NON_COUNTS = [
    "In the summer of 1988, the regime executed prisoners.",  # year
    "the 2019 political protests",  # year before a noun
    "the executions in the 1980s",  # decade
    "On December 9, 2020, the United Nations made public the text.",  # date
    "On 17th July, in a call for accountability, the spokesperson spoke.",  # date
    "Finally, after 32 years, experts have urged the regime.",  # duration
    "The rapporteurs gave the authorities 60 days to clarify all the cases.",  # duration
    "executions that occurred over the course of around three months in 1988",  # duration
    "who served 12 years of a 15-year sentence for her involvement",  # sentence length
    "Amnesty International published a 94-page report.",  # page count
    "after a 7-year campaign by the Iranian Resistance",  # duration as adjective
    "1. Before your government executed Navid Afkari, he was tortured.",  # list numbering
    "The fund paid $5 million to lobbyists.",  # money
    "a fine of 5,000 dollars for each of the protesters",  # money
    "a budget of €30,000",  # money
    "30% of prisoners",  # percentage
    "#FreeIran2020 https://t.co/zejlxAQSh1 @user2020",  # hashtags, URLs, handles
    "what went on in1988.",  # glued to a word
    "a statement submitted by 21 international Non-Governmental Organizations",  # organisations
    "Raisi and Avaei are two of these officials.",  # a part of a group
    "one of the key officials in charge of the massacre",  # a part of a group
    "The Resistance demanded answers to 15 fundamental questions.",  # not people
    "For the first time in 3 decades",  # duration
    "the four years he has been in office",  # duration
    "Three days before Mogherini arrived in Tehran",  # duration
    "a 17-year-old boy",  # age
    "Death sentence of five",  # a bare number with no counted noun
    "Mayor of Paris municipality District 1 at this municipality",  # numbering
]


@pytest.mark.parametrize("text,expected", COUNTS)
def test_counts(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text", NON_COUNTS)
def test_non_counts(text):
    assert rows(text) == []


def test_offsets_point_into_the_text():
    text = "Stevenson said more than 3,500 people, including 80 women, were executed."
    for f in find_figures(text):
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    "s,n",
    [("30,000", 30000), ("1500", 1500), ("1.5 million", 1500000), ("seven", 7),
     ("twenty-five", 25), ("three hundred", 300), ("two thousand five hundred", 2500),
     ("a dozen", 12), ("thirty thousand", 30000)],
)
def test_parse_number(s, n):
    assert parse_number(s) == n


def test_vague_table_is_ordered():
    for phrase, (low, high) in VAGUE.items():
        assert 0 < low <= high, phrase


# Every figure in the seeds, per article: (surface, low, high, approximate, counts).
SEEDS = {
    "000_e8de499f15e36025.txt": [
        ("30,000 political prisoners", 30000, 30000, False, "political prisoners"),
        ("87 Death Commission members", 87, 87, False, "Death Commission members"),
        ("tens of thousands of political prisoners", 20000, 99999, True, "political prisoners"),
        ("two political prisoners", 2, 2, False, "political prisoners"),
        ("thousands of detainees", 2000, 9999, True, "detainees"),
        ("1,500 peaceful protesters", 1500, 1500, False, "peaceful protesters"),
        ("12,000 are being detained", 12000, 12000, False, "detained"),
        ("death toll of 1500", 1500, 1500, False, "death toll"),
    ],
    "001_c9f4e8dba30f38fc.txt": [
        ("over 30,000 political prisoners", 30000, 30000, True, "political prisoners"),
        ("seven top human rights experts", 7, 7, False, "top human rights experts"),
        ("thousands of individuals", 2000, 9999, True, "individuals"),
    ],
    "002_bbb187bb632d98e7.txt": [
        ("thousands of MEK members", 2000, 9999, True, "MEK members"),
        ("four officials", 4, 4, False, "officials"),
        ("about 30,000 executions", 30000, 30000, True, "executions"),
        ("85 people", 85, 85, False, "people"),
    ],
    "003_e58dc68211112426.txt": [
        ("30,000 political prisoners", 30000, 30000, False, "political prisoners"),
        ("30,000 political prisoners", 30000, 30000, False, "political prisoners"),
        ("more than 3,500 people", 3500, 3500, True, "people"),
        ("80 women", 80, 80, False, "women"),
        ("Several hundred people", 300, 999, True, "people"),
        ("More than 30,000 political prisoners", 30000, 30000, True, "political prisoners"),
    ],
    "004_109364da2bc28811.txt": [
        ("tens of thousands of political prisoners", 20000, 99999, True, "political prisoners"),
        ("30,000 political prisoners", 30000, 30000, False, "political prisoners"),
        ("several thousand political dissidents", 3000, 9999, True, "political dissidents"),
        ("seven human rights experts", 7, 7, False, "human rights experts"),
    ],
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_figures(name):
    text = (ROOT / "sources" / "articles" / name).read_text(encoding="utf-8")
    assert rows(text) == SEEDS[name]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FRAGMENTS = ["over", "30,000", "political", "prisoners", "tens of thousands of", "1988", "years",
             "the", "death toll of", "1500", "were", "executed", "seven", "experts", "#Iran2020",
             "1.", "\n", ",", "$5", "thousands", "of", "members", "-", "15-year", "sentence"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_any_text_gives_well_formed_figures(words):
    text = " ".join(words)
    previous_end = 0
    for f in find_figures(text):
        assert text[f.start : f.end] == f.text
        assert f.start >= previous_end  # in order, not overlapping
        assert 0 < f.low <= f.high
        assert f.counts
        previous_end = f.end
