"""Figures: numeric claims about people, and the numbers that are not."""

from pathlib import Path

import pytest

from ingest.figures import FA_VAGUE, VAGUE, Figure, find_figures, parse_number

ROOT = Path(__file__).resolve().parent.parent


def rows(text):
    return [(f.text, f.low, f.high, f.approximate, f.counts) for f in find_figures(text)]


# (passage, [(surface, low, high, approximate, counts), ...])
COUNTS = [
    ("Raisi sat on the commission that sent thousands to their deaths.",
     [("thousands to their deaths", 2000, 9999, True, "to their deaths")]),
    ('The Guards said that 19 "rioters" had been detained.',  # a state's word, quoted by the outlet
     [('19 "rioters"', 19, 19, False, "rioters")]),
    ("The Guards said that 19 'rioters' and 7 ‘thugs’ had been detained.",  # single marks too
     [("19 'rioters'", 19, 19, False, "rioters"), ("7 ‘thugs’", 7, 7, False, "thugs")]),
    ("The families of 'thousands of persons' waited; 14 'armed rioters' were arrested.",  # marks before the number or noun
     [("thousands of persons'", 2000, 9999, True, "persons"), ("14 'armed rioters'", 14, 14, False, "armed rioters")]),
    ("The number of people driven from their homes (more than 700,000, by one count) doubled.",  # a count in brackets
     [("number of people driven from their homes (more than 700,000", 700000, 700000, True, "people driven")]),
    ("Estimates of the death toll range from 2,800 to more than 30,000; the court sentenced 19 Bahrainis.",
     [("Estimates of the death toll range from 2,800 to more than 30,000", 2800, 30000, True, "death toll"),
      ("19 Bahrainis", 19, 19, False, "Bahrainis")]),
    ("The ministry said that 'fewer than 200' people had died and 'around 150 provocateurs' were detained.",
     [("fewer than 200' people", 200, 200, True, "people"), ("around 150 provocateurs", 150, 150, True, "provocateurs")]),
    ("Forces killed hundreds (the government put it at 187); 18 of the dead were children; police estimated the "
     "crowd at 4,000; prayers for 276 schoolgirls.",
     [("killed hundreds", 200, 999, True, "killed"), ("put it at 187", 187, 187, False, "death toll"),
      ("18 of the dead", 18, 18, False, "dead"), ("estimated the crowd at 4,000", 4000, 4000, False, None),
      ("276 schoolgirls", 276, 276, False, "schoolgirls")]),
    ("He saw 'maybe 80 bodies'; the prosecutor put the number of prisoners killed at 'not less than 3,000.'",
     [("maybe 80 bodies'", 80, 80, True, "bodies"),
      ("put the number of prisoners killed at 'not less than 3,000", 3000, 3000, True, "prisoners killed")]),
    ("37 Kurdish loggers were executed; 50 documents were released.",  # any plural noun a verb of people follows at once
     [("37 Kurdish loggers", 37, 37, False, "Kurdish loggers")]),
    ("Border guards shot 37 Kurdish porters; thousands of coca growers marched.",  # trades
     [("37 Kurdish porters", 37, 37, False, "Kurdish porters"), ("thousands of coca growers", 2000, 9999, True, "coca growers")]),
    ("Nearly 1,500 of those executed had served their terms; one of those arrested spoke.",  # "N of those <verb>"
     [("Nearly 1,500 of those executed", 1500, 1500, True, "executed")]),
    ("Fewer than 500 survived, and more than one million Uighurs passed through the camps.",  # people as subject, peoples
     [("Fewer than 500 survived", 500, 500, True, "survived"), ("more than one million Uighurs", 1000000, 1000000, True, "Uighurs")]),
    ("The prisoners, who numbered about 300, were hanged in groups.",
     [("The prisoners, who numbered about 300", 300, 300, True, "prisoners")]),
    ("The families had compiled a list of 790 names.",  # the named dead or detained
     [("790 names", 790, 790, False, "names")]),
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
    "She was arrested at 19 for handing out leaflets.",  # age, in a sentence about the held
    "He was executed aged 24.",  # age
    "Death sentence of five",  # a bare number with no counted noun
    "Mayor of Paris municipality District 1 at this municipality",  # numbering
]


@pytest.mark.parametrize("text,expected", COUNTS)
def test_counts(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text", NON_COUNTS)
def test_non_counts(text):
    assert rows(text) == []


def full(text):
    return [(f.text, f.low, f.high, f.approximate, f.counts, f.category) for f in find_figures(text)]


# Figures as NGOs, the press, states and encyclopedias report them (written for these tests).
# (passage, [(surface, low, high, approximate, counts, category), ...])
REPORTED = [
    # NGO reports
    ("Amnesty International has put the number of those executed at around 5,000.",
     [("put the number of those executed at around 5,000", 5000, 5000, True, "those executed", "executed")]),
    ("Grand Ayatollah Montazeri put the number between 2,800 and 3,800.",
     [("put the number between 2,800 and 3,800", 2800, 3800, False, None, None)]),
    ("Rights monitors put the death toll at 1,500.",
     [("put the death toll at 1,500", 1500, 1500, False, "death toll", "killed")]),
    ("In its report, the group said the number exceeded 30,000.",
     [("number exceeded 30,000", 30000, 30000, True, None, None)]),
    ("Estimates range from 2,800 to more than 30,000.",
     [("Estimates range from 2,800 to more than 30,000", 2800, 30000, True, None, None)]),
    ("The organisation estimates that at least 4,482 people were forcibly disappeared.",
     [("at least 4,482 people", 4482, 4482, True, "people", "disappeared")]),
    ("It documented the executions of more than 250 women over the decade.",
     [("more than 250 women", 250, 250, True, "women", "executed")]),
    ("As many as 5,000 prisoners are believed to have been hanged.",
     [("As many as 5,000 prisoners", 5000, 5000, True, "prisoners", "executed")]),
    ("Some 300 protesters remain in detention without charge.",
     [("Some 300 protesters", 300, 300, True, "protesters", None)]),
    ("The figure is believed to be closer to 30,000.",
     [("figure is believed to be closer to 30,000", 30000, 30000, True, None, None)]),
    ("Those executed numbered some 5,000, according to survivors.",
     [("Those executed numbered some 5,000", 5000, 5000, True, "executed", "executed")]),
    ("The group said 12,000 are still detained.",
     [("12,000 are still detained", 12000, 12000, False, "detained", "detained")]),
    # wire stories
    ("At least 12 people were killed and dozens wounded, officials said.",
     [("At least 12 people", 12, 12, True, "people", "killed"),
      ("dozens wounded", 24, 99, True, "wounded", "injured")]),
    ("Security forces detained hundreds of demonstrators on Friday.",
     [("hundreds of demonstrators", 200, 999, True, "demonstrators", "detained")]),
    ("The death toll rose to 41 on Sunday, state television said.",
     [("death toll rose to 41", 41, 41, False, "death toll", "killed")]),
    ("Between 2,800 and 3,800 prisoners were executed, Montazeri wrote.",
     [("Between 2,800 and 3,800 prisoners", 2800, 3800, False, "prisoners", "executed")]),
    ("Over 30,000 executed, says report", [("Over 30,000 executed", 30000, 30000, True, "executed", "executed")]),
    ("Thousands of prisoners were executed in secret.",
     [("Thousands of prisoners", 2000, 9999, True, "prisoners", "executed")]),
    ("Iran executed 30,000 political prisoners in 1988, the group says.",
     [("30,000 political prisoners", 30000, 30000, False, "political prisoners", "executed")]),
    ("The regime hanged some 5,000 in a few weeks.", [("hanged some 5,000", 5000, 5000, True, "hanged", "executed")]),
    ("As many as 5,000 were executed, Amnesty said.",
     [("As many as 5,000 were executed", 5000, 5000, True, "executed", "executed")]),
    ("Up to 5,000 prisoners were killed.", [("Up to 5,000 prisoners", 5000, 5000, True, "prisoners", "killed")]),
    ("In 1988, around 4,500 to 5,000 prisoners lost their lives.",
     [("around 4,500 to 5,000 prisoners", 4500, 5000, True, "prisoners", "killed")]),
    ("Mourners gathered in their thousands.",
     [("Mourners gathered in their thousands", 2000, 9999, True, "Mourners", None)]),
    ("5,000 or more prisoners were moved.", [("5,000 or more prisoners", 5000, 5000, True, "prisoners", "imprisoned")]),
    ("4 to 5 thousand prisoners", [("4 to 5 thousand prisoners", 4000, 5000, False, "prisoners", "imprisoned")]),
    ("two to three thousand prisoners", [("two to three thousand prisoners", 2000, 3000, False, "prisoners", "imprisoned")]),
    # state media
    ("The foreign ministry said 17,000 Iranians had been killed by the terrorist group.",
     [("17,000 Iranians", 17000, 17000, False, "Iranians", "killed")]),
    ("Iran's foreign ministry put the number of MEK victims at 17,000.",
     [("put the number of MEK victims at 17,000", 17000, 17000, False, "MEK victims", None)]),
    ("The judiciary said 30 rioters were arrested in the capital.",
     [("30 rioters", 30, 30, False, "rioters", "arrested")]),
    ("Some 17,000 citizens were martyred by the hypocrites.",
     [("Some 17,000 citizens", 17000, 17000, True, "citizens", "killed")]),
    # encyclopedias
    ("Estimates of the number of prisoners executed vary from 1,400 to 30,000.",
     [("Estimates of the number of prisoners executed vary from 1,400 to 30,000", 1400, 30000, False,
       "prisoners executed", "executed")]),
    ("The executions ran into the thousands.",
     [("executions ran into the thousands", 2000, 9999, True, "executions", "executed")]),
    ("the number of dead is in the tens of thousands",
     [("number of dead is in the tens of thousands", 20000, 99999, True, "dead", "killed")]),
    ("The fatwa led to the deaths of some 30,000.", [("deaths of some 30,000", 30000, 30000, True, "deaths", "killed")]),
    ("the massacre of at least 4,000 to 5,000 prisoners",
     [("at least 4,000 to 5,000 prisoners", 4000, 5000, True, "prisoners", "killed")]),
    ("a bombing that claimed 85 lives", [("85 lives", 85, 85, False, "lives", "killed")]),
    ("A few hundred prisoners survived.", [("A few hundred prisoners", 200, 500, True, "prisoners", "imprisoned")]),
    ("Some 2,000 are thought to have died.",
     [("Some 2,000 are thought to have died", 2000, 2000, True, "died", "killed")]),
    ("The victims are believed to number 5,000.",
     [("The victims are believed to number 5,000", 5000, 5000, False, "victims", None)]),
    ("Human rights groups estimated the number of dead at 4,500 to 5,000.",
     [("estimated the number of dead at 4,500 to 5,000", 4500, 5000, False, "dead", "killed")]),
    ("Reports put the figure as high as 30,000.",
     [("put the figure as high as 30,000", 30000, 30000, True, None, None)]),
    ("The clashes left 300 dead and 1,000 injured.",
     [("300 dead", 300, 300, False, "dead", "killed"), ("1,000 injured", 1000, 1000, False, "injured", "injured")]),
    ("with estimates ranging from 4,000 to 30,000",
     [("estimates ranging from 4,000 to 30,000", 4000, 30000, False, None, None)]),
    ("The toll could be as high as 33,000.",
     [("toll could be as high as 33,000", 33000, 33000, True, "death toll", "killed")]),
    ("Five of the seven were executed.", [("Five of the seven were executed", 5, 5, False, "executed", "executed")]),
    ("The death toll from the 1988 massacre is estimated at 5,000 by Amnesty.",
     [("death toll from the 1988 massacre is estimated at 5,000", 5000, 5000, False, "death toll", "killed")]),
    ("The MEK says 120,000 of its members and supporters have been killed since 1981.",
     [("120,000 of its members", 120000, 120000, False, "members", "killed")]),
    ("30 prisoners were moved and 20 others were executed.",  # the verb of the second is not the first's
     [("30 prisoners", 30, 30, False, "prisoners", "imprisoned"), ("20 others", 20, 20, False, "others", "executed")]),
    ("Amnesty International has recorded the names of around 5,000.",
     [("names of around 5,000", 5000, 5000, True, "names", None)]),
    ("The foreign ministry gave a figure of 17,000.", [("gave a figure of 17,000", 17000, 17000, False, None, None)]),
    ("Amnesty's figure of 5,000 is widely cited.", [("figure of 5,000", 5000, 5000, False, None, None)]),
    ("Montazeri, in his memoirs, put the number at between 2,800 and 3,800.",
     [("put the number at between 2,800 and 3,800", 2800, 3800, False, None, None)]),
    ("The number of people executed in the summer of 1988 is estimated at between 2,800 and 30,000.",
     [("number of people executed in the summer of 1988 is estimated at between 2,800 and 30,000", 2800, 30000,
       False, "people executed", "executed")]),
    ("At least 106 protesters in 21 cities have been killed, according to reports.",
     [("At least 106 protesters", 106, 106, True, "protesters", "killed")]),
    ("30,000 and 5,000 prisoners were moved.",  # two numbers, not a range: the second counts
     [("5,000 prisoners", 5000, 5000, False, "prisoners", "imprisoned")]),
    ("The protesters, numbering in the thousands, marched.",
     [("protesters, numbering in the thousands", 2000, 9999, True, "protesters", None)]),
    # a share of a group, counted: a qualifier, a possessive or ten and more
    ("More than 60 of our members were summoned, and around 20 of his followers remain in custody.",
     [("More than 60 of our members", 60, 60, True, "members", None),
      ("around 20 of his followers", 20, 20, True, "followers", None)]),
    ("The lawyer has now identified 1,380 of them by name.", [("1,380 of them", 1380, 1380, False, "people", None)]),
    ("Guards opened fire on the crowd, wounding dozens.", [("wounding dozens", 24, 99, True, "wounding", "injured")]),
    ("Dozens of riot police blocked the gates.", [("Dozens of riot police", 24, 99, True, "riot police", None)]),
    ("Thousands of farm workers and miners were detained.",
     [("Thousands of farm workers", 2000, 9999, True, "farm workers", "detained")]),
    ("Guards put the toll from the riot on March 3 in the women's ward at 14.",
     [("put the toll from the riot on March 3 in the women's ward at 14", 14, 14, False, "death toll", "killed")]),
    ("The families' count lists victims. Estimates by the two monitors, which interviewed relatives, range from 90 "
     "to 120.", [("Estimates by the two monitors, which interviewed relatives, range from 90 to 120", 90, 120, False,
                  None, None)]),
    ("The mission holds 412 documented cases of enforced disappearance.",
     [("412 documented cases of enforced disappearance", 412, 412, False, "documented cases of enforced disappearance",
       "disappeared")]),
    ("Hundreds of Chileans were held in the stadium.", [("Hundreds of Chileans", 200, 999, True, "Chileans", "imprisoned")]),
    ("'We were 12 in that cell,' she recalls.", [("We were 12", 12, 12, False, "people", None)]),
    ("The militia put its own losses at 30.", [("put its own losses at 30", 30, 30, False, None, None)]),
    # a range an aside splits, its near end and its far end
    ("Estimates range from 900, the figure given by the governor, to more than 4,000.",
     [("Estimates range from 900", 900, 900, False, None, None), ("to more than 4,000", 4000, 4000, True, None, None)]),
    ("The number convicted of sedition that year was around 700.",
     [("number convicted of sedition that year was around 700", 700, 700, True, "convicted of sedition", "sentenced")]),
    ("He said the number of prisoners held was “not even 3,000.”",
     [("number of prisoners held was “not even 3,000", 3000, 3000, True, "prisoners held", "imprisoned")]),
    ("A guard said “between 20 and 30 a night” were hanged.",
     [("between 20 and 30 a night” were hanged", 20, 30, False, "hanged", "executed")]),
    # a bare number in a sentence about the dead: a count, what it counts unsaid
    ("He said the toll of the purge “exceeded 8,000”.", [("8,000", 8000, 8000, False, None, None)]),
    ("My own working figure is about 4,400.", [("figure is about 4,400", 4400, 4400, True, None, None)]),
    ("Of those killed, most were Kurds; roughly 600 came from the south.", []),  # no death word in the clause
    ("Of those executed, roughly 600 came from the south.", [("roughly 600", 600, 600, True, None, None)]),
    ("Deaths stood at 30 by Friday.", [("30", 30, 30, False, None, None)]),  # a count standing at, not an age
    ("Ten people were charged. The agency gave a higher figure of 48.",
     [("Ten people", 10, 10, False, "people", None), ("figure of 48", 48, 48, False, None, None)]),
    ("The court heard 40 plaintiffs; the panel sent 155 cases of people who vanished.",
     [("40 plaintiffs", 40, 40, False, "plaintiffs", None), ("155 cases of people", 155, 155, False, "cases of people", None)]),
    ("Hangings of Baluch prisoners rose (at least 41, according to Haalvsh) in May.",
     [("at least 41", 41, 41, True, "prisoners", "imprisoned")]),
    ("The hangings bring to 61 the number of executions this month.", [("bring to 61", 61, 61, False, None, None)]),
]

# Numbers in report prose that are not counts of people.
REPORT_NON_COUNTS = [
    "Article 6 of the ICCPR protects the right to life.",  # article number
    "Ward 209 prisoners were beaten.",  # ward number
    "See pages 12-15 of the report and pp. 45–47.",  # page numbers
    "see p. 12 and No. 5",  # abbreviated labels
    "Under Resolution 598, the war ended.",  # resolution number
    "Call +98 21 8888 0000 or (202) 555-0123 for details.",  # phone numbers
    "Prisoners aged 18 to 25 were executed.",  # ages
    "He was 17 years old when he was arrested.",  # age
    "On 19 July 1988, the prison was closed.",  # date
    "On July 19 the guards came.",  # date
    "At 10:30 the guards came for 3 of them.",  # time; "3 of them"
    "Two of these officials spoke; seven of the 12 cases were closed.",  # a part of a group, no qualifier
    "Estimates by economists range from 2 to 3 points.",  # estimates by someone, no people before
    "Prices rose (at least 12, according to the bank).",  # a bracketed count of no people
    "Troops entered the city on 3–4 June and on 19 July.",  # days of a month
    "The prisoners' ward had 40 beds and held them for 12 days.",  # a number before a noun, a duration
    "Officials said 30% of the detainees were women.",  # a percentage
    "About 30 per cent of the prisoners were women.",  # percentage
    "Roughly 30% were executed.",  # percentage
    "The fund paid US$5 million and 3 billion rials.",  # money
    "Officials said the number of centrifuges reached 5,000.",  # not people
    "No one was executed.",  # not a count
    "A 1,000-strong crowd and a two-day trial.",  # hyphenated measures
    "2. Thirty people\n",  # the list number ("Thirty people" is a count, below)
    "the 1980s and the 1988 massacre; from 1981 to 1988",  # years
    "Killed in 1988, buried in 1989.",  # years after verbs
    "He served 10 years of a 15-year sentence.",  # durations
    "a conservative estimate of 3 percent and a growth figure of 3",  # no people, small numbers
    "Officials said the number was 30.",  # "the number" names no people
    "It looks better than three individual chargers.",  # a singular head modifies another noun
    "Officers should have made five separate inmate counts.",
    "hundreds of member companies",
    "She won the 200 yard Individual Medley.",
    "c. 1988 and ca. 1990",  # circa a year
]


@pytest.mark.parametrize("text,expected", REPORTED)
def test_reported_figures(text, expected):
    assert full(text) == expected


@pytest.mark.parametrize("text", REPORT_NON_COUNTS)
def test_report_non_counts(text):
    found = rows(text)
    if text.startswith("2. Thirty"):
        assert found == [("Thirty people", 30, 30, False, "people")]
    else:
        assert found == []


# Persian: state media, opposition outlets and testimony (written for these tests).
# (passage, [(surface, low, high, approximate, category), ...]); every value must be read right.
PERSIAN = [
    # state media
    ("به گزارش خبرگزاری رسمی، دادستان تهران اعلام کرد که ۱۲ نفر از اعضای گروهک منافقین در ماه گذشته بازداشت شدند.",
     [("۱۲ نفر از اعضای", 12, 12, False, "arrested")]),
    ("سخنگوی قوه قضاییه گفت پرونده ۳۰۰ متهم در دادگاه انقلاب بررسی می‌شود.",
     [("۳۰۰ متهم", 300, 300, False, None)]),
    ("وزارت خارجه اعلام کرد منافقین در دهه ۶۰ بیش از ۱۷ هزار نفر از شهروندان ایرانی را به شهادت رساندند.",
     [("بیش از ۱۷ هزار نفر از شهروندان", 17000, 17000, True, "killed")]),
    ("در این حادثه ۱۵ تن کشته و ۴۰ تن زخمی شدند.",
     [("۱۵ تن کشته", 15, 15, False, "killed"), ("۴۰ تن", 40, 40, False, "injured")]),
    ("به گفته دادستانی، ٢٥ نفر از اغتشاشگران در این شهر دستگیر شدند.",  # Arabic-Indic digits
     [("٢٥ نفر از اغتشاشگران", 25, 25, False, "arrested")]),
    ("رئیس سازمان زندان‌ها گفت حدود ۴۰۰ زندانی به مناسبت عید آزاد شدند.",
     [("حدود ۴۰۰ زندانی", 400, 400, True, "released")]),
    # opposition outlets
    ("سازمان عفو بین‌الملل شمار اعدام‌شدگان تابستان ۶۷ را حدود ۵ هزار نفر برآورد کرده است.",
     [("حدود ۵ هزار نفر", 5000, 5000, True, "executed")]),
    ("به گفته شاهدان، در کشتار ۶۷ دست‌کم ۳۰ هزار زندانی سیاسی به دار آویخته شدند.",
     [("دست‌کم ۳۰ هزار زندانی سیاسی", 30000, 30000, True, "executed")]),
    ("آیت‌الله منتظری در خاطرات خود شمار اعدام‌ها را بین ۲۸۰۰ تا ۳۸۰۰ نفر ذکر کرده است.",
     [("بین ۲۸۰۰ تا ۳۸۰۰ نفر", 2800, 3800, False, "executed")]),
    ("ده‌ها هزار زندانی سیاسی در دهه ۶۰ اعدام شدند.",
     [("ده‌ها هزار زندانی سیاسی", 20000, 99999, True, "executed")]),
    ("در اعتراضات آبان ۹۸ دست‌کم ۱۵۰۰ معترض کشته شدند.",
     [("دست‌کم ۱۵۰۰ معترض", 1500, 1500, True, "killed")]),
    ("این نهاد حقوق بشری می‌گوید بیش از ۳۰٬۰۰۰ زندانی سیاسی در سال ۱۳۶۷ قتل‌عام شدند.",
     [("بیش از ۳۰٬۰۰۰ زندانی سیاسی", 30000, 30000, True, "killed")]),
    ("سی هزار زندانی سیاسی در زندان‌های اوین و گوهردشت اعدام شدند.",
     [("سی هزار زندانی سیاسی", 30000, 30000, False, "executed")]),
    ("هزاران خانواده هنوز از محل دفن عزیزانشان بی‌خبرند.",
     [("هزاران خانواده", 2000, 9999, True, None)]),
    ("گزارش‌ها از اعدام نزدیک به ۴ تا ۵ هزار تن از زندانیان حکایت دارد.",
     [("نزدیک به ۴ تا ۵ هزار تن از زندانیان", 4000, 5000, True, "executed")]),
    ("شمار جان‌باختگان را ۳۰ هزار اعلام کرد.",
     [("شمار جان‌باختگان را ۳۰ هزار", 30000, 30000, False, "killed")]),
    ("رژیم در آن تابستان ۳۰ هزار نفر را اعدام کرد.",
     [("۳۰ هزار نفر", 30000, 30000, False, "executed")]),
    ("هزاران تن از هواداران سازمان در آن سال ناپدید شدند.",
     [("هزاران تن از هواداران", 2000, 9999, True, "disappeared")]),
    ("بیش از ٣٠٠٠٠ زندانی سیاسی و ٣٠٬٠٠٠ نفر دیگر",  # Arabic-Indic digits and separator
     [("بیش از ٣٠٠٠٠ زندانی سیاسی", 30000, 30000, True, "imprisoned"), ("٣٠٬٠٠٠ نفر", 30000, 30000, False, None)]),
    ("پنج هزار نفر و دو هزار و پانصد نفر", [("پنج هزار نفر", 5000, 5000, False, None),
                                          ("دو هزار و پانصد نفر", 2500, 2500, False, None)]),
    ("۱٫۵ میلیون نفر آواره شدند", [("۱٫۵ میلیون نفر", 1500000, 1500000, False, None)]),
    ("صدها زندانی در بند عمومی", [("صدها زندانی", 200, 999, True, "imprisoned")]),
    ("چند هزار نفر بازداشت شدند", [("چند هزار نفر", 2000, 9999, True, "arrested")]),
    ("۳۰هزار زندانی", [("۳۰هزار زندانی", 30000, 30000, False, "imprisoned")]),
    ("۸۷ عضو هیئت مرگ", [("۸۷ عضو هیئت مرگ", 87, 87, False, None)]),
    ("تا ۵ هزار نفر", [("تا ۵ هزار نفر", 5000, 5000, True, None)]),
    ("۱۵۰۰ کشته و ۴۰۰۰ زخمی", [("۱۵۰۰ کشته", 1500, 1500, False, "killed"), ("۴۰۰۰ زخمی", 4000, 4000, False, "injured")]),
    ("هزاران اعدام شدند", [("هزاران اعدام شدند", 2000, 9999, True, "executed")]),
    ("۳۰ هزار و ۵۰۰ نفر", [("۳۰ هزار و ۵۰۰ نفر", 30500, 30500, False, None)]),
    ("بين ۲۸۰۰ و ۳۸۰۰ زنداني", [("بين ۲۸۰۰ و ۳۸۰۰ زنداني", 2800, 3800, False, "imprisoned")]),  # Arabic yeh
    ("قربانیان این فاجعه بیش از ۳۰٬۰۰۰ بودند.", [("قربانیان این فاجعه بیش از ۳۰٬۰۰۰", 30000, 30000, True, None)]),
    ("شمار قربانیان بیش از ۳۰٬۰۰۰ است.", [("شمار قربانیان بیش از ۳۰٬۰۰۰", 30000, 30000, True, None)]),
    ("سه هزار و هشتصد نفر", [("سه هزار و هشتصد نفر", 3800, 3800, False, None)]),
    ("۳ هزار و ۸۰۰ نفر", [("۳ هزار و ۸۰۰ نفر", 3800, 3800, False, None)]),
    ("۳۰ الی ۴۰ هزار نفر", [("۳۰ الی ۴۰ هزار نفر", 30000, 40000, False, None)]),
    ("حدوداً ۵۰۰ نفر", [("حدوداً ۵۰۰ نفر", 500, 500, True, None)]),
    ("قتل‌عام ۳۰ هزار در تابستان", [("قتل‌عام ۳۰ هزار", 30000, 30000, False, "killed")]),
    ("اعدام دسته‌جمعی بیش از ۳۰ هزار زندانی سیاسی",
     [("بیش از ۳۰ هزار زندانی سیاسی", 30000, 30000, True, "executed")]),
    ("۳۰ هزار و ۵ هزار زندانی", [("۵ هزار زندانی", 5000, 5000, False, "imprisoned")]),
    ("۱۴۰۰ نفر در این تجمع بازداشت شدند", [("۱۴۰۰ نفر", 1400, 1400, False, "arrested")]),  # not a year
    ("به گزارش ایرنا، در جریان این عملیات ۱۲ تروریست به هلاکت رسیدند.",
     [("۱۲ تروریست", 12, 12, False, "killed")]),
    ("این گزارش از اعدام ۵۸۲ نفر در سال ۲۰۲۲ خبر می‌دهد.", [("۵۸۲ نفر", 582, 582, False, "executed")]),
    ("۳۰.۰۰۰ زندانی سیاسی و ۱.۵ میلیون نفر",  # a full stop as the thousands separator; a decimal
     [("۳۰.۰۰۰ زندانی سیاسی", 30000, 30000, False, "imprisoned"), ("۱.۵ میلیون نفر", 1500000, 1500000, False, None)]),
    ("۲۰۰۰ زندانی سیاسی", [("۲۰۰۰ زندانی سیاسی", 2000, 2000, False, "imprisoned")]),
    ("نزدیک به هزار نفر", [("نزدیک به هزار نفر", 1000, 1000, True, None)]),
    # testimony
    ("من در بند ۲۰۹ اوین بودم. آن روز حدود ۲۰۰ نفر از بچه‌های بند را برای اعدام بردند.",
     [("حدود ۲۰۰ نفر از بچه‌های", 200, 200, True, None)]),
    ("از ۱۲۰ نفر هم‌بندی ما فقط ۱۰ نفر زنده ماندند.",
     [("۱۲۰ نفر هم‌بندی", 120, 120, False, None), ("۱۰ نفر", 10, 10, False, None)]),
    ("سه برادرم در مرداد ۱۳۶۷ اعدام شدند و مادرم هنوز منتظر است.",
     [("سه برادرم", 3, 3, False, "executed")]),
    ("آن شب دست کم ۷۰ نفر را به سالن آمفی‌تئاتر بردند و همه را به دار آویختند.",
     [("دست کم ۷۰ نفر", 70, 70, True, None)]),
]

# Persian numbers that are not counts of people.
PERSIAN_NON_COUNTS = [
    "ماده ۲۳۵ قانون مجازات اسلامی",  # article
    "در ۲۷ مرداد ۱۳۶۷ هیئت مرگ تشکیل شد.",  # date, Solar Hijri year
    "در تابستان ۶۷ و در سال ۱۳۶۷ و در دهه ۶۰",  # years
    "کشتار ۶۷ و قتل‌عام ۶۷ و زندانیان سیاسی ۶۷ اعدام شدند",  # the year of the massacre
    "۳۰ درصد زندانیان زن بودند",  # percentage
    "۵ میلیون تومان وثیقه",  # money
    "او ۱۷ ساله بود و ۳۲ سال پس از آن",  # age, duration
    "صفحه ۱۲ و بند ۲۰۹ و سالن ۸",  # page, ward, hall
    "با شماره تلفن ۰۲۱۸۸۸۸۸۸۸۸ تماس بگیرید",  # phone
    "قطعنامه ۵۹۸ پذیرفته شد",  # resolution
    "اصل ۱۶۸ قانون اساسی",  # article of the constitution
    "۵۰۰ تن مواد مخدر کشف شد",  # tonnes
    "از ۱۳۶۰ تا ۱۳۶۷",  # a range of years
    "۱۳۶۷/۵/۲۷",  # a date
    "نه، یک روز",  # "no", "a"
    "زندانیان در ۳۰ شهر",  # cities
    "او در ۱۳۶۷ زندانی شد و در ۱۳۶۸ آزاد شد",  # years before a verb
]


@pytest.mark.parametrize("text,expected", PERSIAN)
def test_persian_figures(text, expected):
    assert [(f.text, f.low, f.high, f.approximate, f.category) for f in find_figures(text)] == expected


@pytest.mark.parametrize("text", PERSIAN_NON_COUNTS)
def test_persian_non_counts(text):
    assert rows(text) == []


def test_persian_counts_and_spans():
    text = "آیت‌الله منتظری شمار اعدام‌شدگان را بین ۲۸۰۰ تا ۳۸۰۰ نفر دانسته بود."
    (f,) = find_figures(text)
    assert (f.counts, f.category, f.lang) == ("اعدام‌شدگان", "executed", "fa")
    assert text[f.number_start:f.number_end] == "بین ۲۸۰۰ تا ۳۸۰۰"
    text = "دست‌کم ۳۰ هزار زندانی سیاسی در تابستان ۱۳۶۷ اعدام شدند."
    (f,) = find_figures(text)
    assert (f.counts, f.qualifier) == ("زندانی سیاسی", "دست‌کم")
    assert text[f.claim_start:f.claim_end] == "دست‌کم ۳۰ هزار زندانی سیاسی در تابستان ۱۳۶۷ اعدام شدند"


def test_english_spans():
    text = "Amnesty said 30,000 political prisoners were summarily executed in 1988."
    (f,) = find_figures(text)
    assert text[f.start:f.end] == "30,000 political prisoners"
    assert text[f.number_start:f.number_end] == "30,000"
    assert text[f.claim_start:f.claim_end] == "30,000 political prisoners were summarily executed"
    assert (f.category, f.qualifier, f.lang) == ("executed", None, "en")


def test_mixed_english_and_persian():
    text = "The poster read «۳۰ هزار زندانی سیاسی», and 5,000 prisoners were moved."
    assert [(f.low, f.lang) for f in find_figures(text)] == [(30000, "fa"), (5000, "en")]


def test_figure_keeps_its_positional_fields():
    f = Figure("30 people", 0, 9, 30, 30, False, "people")
    assert (f.number_start, f.number_end, f.claim_start, f.claim_end) == (0, 9, 0, 9)
    assert f.category is None and f.lang == "en"


def test_fa_vague_table_is_ordered():
    for phrase, (low, high) in FA_VAGUE.items():
        assert 0 < low <= high, phrase


def test_offsets_point_into_the_text():
    text = "Stevenson said more than 3,500 people, including 80 women, were executed."
    for f in find_figures(text):
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    "s,n",
    [("30,000", 30000), ("1500", 1500), ("1.5 million", 1500000), ("seven", 7),
     ("twenty-five", 25), ("three hundred", 300), ("two thousand five hundred", 2500),
     ("a dozen", 12), ("thirty thousand", 30000), ("۳۰ هزار", 30000), ("٣٠٬٠٠٠", 30000),
     ("سی هزار", 30000), ("سی و دو هزار", 32000), ("دو هزار و پانصد", 2500), ("۱٫۵ میلیون", 1500000),
     ("یکصد و بیست", 120), ("۲۸۰۰", 2800)],
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
             "1.", "\n", ",", "$5", "thousands", "of", "members", "-", "15-year", "sentence",
             "put the number", "at", "between", "and", "to", "estimates range from", "in the",
             "exceeded", "No.", "Article", "aged", "July", "one", "hundred", "a few", "İ",
             "۳۰", "هزار", "زندانی سیاسی", "بیش از", "۲۸۰۰", "تا", "۳۸۰۰", "نفر", "از", "زندانیان",
             "اعدام شدند", "هزاران", "ده‌ها", "٣٠٬٠٠٠", "۱٫۵", "میلیون", "۱۳۶۷", "سال", "مرداد",
             "شمار", "را", "حدود", "سی", "و", "تن", "۱۳۶۷/۵/۲۷", "\u200c", "،", "٫", "٬"]


def _check(text):
    previous_end = 0
    for f in find_figures(text):
        assert text[f.start : f.end] == f.text
        assert 0 <= f.claim_start <= f.start <= f.number_start < f.number_end <= f.end <= f.claim_end <= len(text)
        assert f.start >= previous_end  # in order, not overlapping
        assert 0 < f.low <= f.high
        assert f.counts is None or f.counts.strip()
        assert f.lang in ("en", "fa")
        previous_end = f.end


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_any_text_gives_well_formed_figures(words):
    _check(" ".join(words))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩,.٬٫،/-– \n\u200cابپتسهزارنفریکدوشمتO"
                                             "overthousandspeopleatfromto%$#İ")), max_size=80))
def test_find_figures_never_crashes_on_any_text(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_find_figures_never_crashes_on_any_unicode(text):
    _check(text)
