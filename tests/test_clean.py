import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.clean import boilerplate_candidates, clean, line_spans, repeated_threshold
from ingest.model import KINDS
from ingest.read import normalise_newlines
from ingest.split import split

CHROME_AND_TEXT = [
    "Home", "World", "Share this story", "By Jane Doe", "March 3, 2021", "Related", "Leave a comment",
    "Tags: Iran", "– MEK Iran (@MEK_Iran) September 22, 2020", "MASSACRE:", "(NCRI): A rally in Berlin",
    "The families of prisoners asked the court on Monday for the location of the graves.",
    "Below, we look at the figures for the", "’ game against the", "0", "", "",
]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Thursday, February 29, 2024", "page-render date stamp"),
        ("Monday, 3 June 2019", "page-render date stamp"),
        ("HomeIran News NowIran Human RightsCall for an international commission of...", "breadcrumb"),
        ("Home › News › Iran", "breadcrumb"),
        ("MEK Iran (follow us on Twitter and Facebook)", "follow/share line"),
        ("MEK Iran (follow them on Twitter and Facebook)", "follow/share line"),
        ("and People’s Mojahedin Organization of Iran – MEK IRAN – YouTube", "follow/share line"),
        ("Share this:", "follow/share line"),
        ("Tags: , , , , , , ,", "empty tag list"),
        ("Tags: Iran, 1988 massacre", "tag list"),
        ("Copyright © 2020 All Rights Reserved | XML Sitemap", "copyright line"),
        ("© 2021 Example News", "copyright line"),
        ("Social media & sharing icons powered by UltimatelySocial", "site credit"),
    ],
)
def test_boilerplate_lines_are_removed_with_their_reason(line, reason):
    text = f"A paragraph of the article.\n{line}\n"
    cleaned = clean(text)
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]
    assert cleaned.kept == [(0, len("A paragraph of the article."))]


@pytest.mark.parametrize(
    "line",
    [
        "Homeless families were evicted in Tehran.",
        "On Thursday, February 29, 2024 the court met.",
        "Amnesty said it would share this information with the UN.",
        "The regime’s copyright law is not the subject here.",
    ],
)
def test_content_lines_are_kept(line):
    assert clean(line + "\n").removed == []


def test_a_long_line_is_never_boilerplate_by_rule():
    line = "Copyright " + "word " * 60
    assert clean(line).removed == []


def test_repeated_lines_are_removed_with_their_count():
    text = "Read more from Example Daily\nThe story itself.\n"
    cleaned = clean(text, {"read more from example daily": 4})
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        ("Read more from Example Daily", "repeated in 4 of the publisher's documents")
    ]


def test_boilerplate_candidates_are_short_lines_in_folded_form():
    text = "Follow   US here\n" + "x" * 300 + "\n"
    assert boilerplate_candidates(text) == {"follow us here"}


@pytest.mark.parametrize("documents, threshold", [(1, 3), (2, 3), (5, 3), (10, 5), (101, 51)])
def test_repeated_threshold(documents, threshold):
    assert repeated_threshold(documents) == threshold


def test_line_spans_trim_whitespace_and_skip_blank_lines():
    text = "  a b \n\n\t\nc\n"
    assert [text[s:e] for s, e in line_spans(text)] == ["a b", "c"]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Share this story", "follow/share line"),
        ("Facebook Twitter Email", "share or count line"),
        ("1.2k shares", "share or count line"),
        ("0", "share or count line"),
        ("By Jane Doe and John Roe", "byline"),
        ("By Jane Doe @janedoe Nov 18, 2019, 11:47am EST", "byline"),
        ("Published: 12 March 2021 | Updated: 13 March 2021", "dateline"),
        ("Nov. 18, 2019", "dateline"),
        ("3 hours ago", "dateline"),
        ("5 min read", "reading time"),
        ("Related Articles", "related-articles heading"),
        ("You may also like", "related-articles heading"),
        ("Read more: Inside the prison where it happened", "read-more link"),
        ("Leave a Reply", "comment prompt"),
        ("12 Comments", "share or count line"),
        ("Your email address will not be published. Required fields are marked *", "comment prompt"),
        ("We use cookies to give you the best experience on our website.", "cookie notice"),
        ("Accept all cookies", "cookie notice"),
        ("Sign up for our daily newsletter", "subscription notice"),
        ("Privacy Policy | Terms of Use | Contact Us", "footer or navigation link"),
        ("Photo: Getty Images", "image credit"),
        ("Protesters in Berlin on Saturday. (AP Photo/Markus Schreiber)", "image credit"),
        ("Skip to main content", "footer or navigation link"),
        ("Scroll to continue with content", "page control"),
        ("Advertisement", "page control"),
    ],
)
def test_page_chrome_is_recognised_without_knowing_the_site(line, reason):
    text = f"A paragraph of the article, long enough to be read as running text.\n{line}\n"
    cleaned = clean(text)
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]


@pytest.mark.parametrize(
    "line",
    [
        "By 1990, most of the survivors had left the country.",
        "Related to the case, the court heard three more witnesses.",
        "The prisoners were not allowed to leave a reply to their families, the report says.",
        "He said the photographs, designed by an architect, were published in the newsletter of the group last year.",
        "Share prices fell sharply in Tehran after the announcement.",
        "Comments by the minister were condemned by Amnesty International on Monday.",
    ],
)
def test_article_sentences_that_look_like_chrome_are_kept(line):
    text = f"A paragraph of the article, long enough to be read as running text.\n{line}\nAnother paragraph of the article follows here, also long enough.\n"
    assert clean(text).removed == []


SCRAPED_PAGE = """Example Times - News from everywhere

Skip to main content

We use cookies to improve your experience. By continuing to use this site you agree to our cookie policy.

Accept

Home
World
Politics
Business
Sport
Culture

Prisoners' families ask for answers

By Jane Doe
March 3, 2021

The families of prisoners executed in 1988 asked the court on Monday for the location of the graves.
They said that the authorities had never told them where the bodies were buried, despite repeated requests.

What the court heard
The judge said the hearing would continue next week, when two more witnesses are expected to speak.

Share this article
Facebook
Twitter
Email

Related
Court hears first witness
Families gather outside the court

Leave a comment

Thanks for the article, very important work that you do here and elsewhere.

About us
Contact us
Privacy policy
© 2021 Example Times. All rights reserved.
"""
ARTICLE = [
    "Prisoners' families ask for answers",
    "The families of prisoners executed in 1988 asked the court on Monday for the location of the graves.",
    "They said that the authorities had never told them where the bodies were buried, despite repeated requests.",
    "What the court heard",
    "The judge said the hearing would continue next week, when two more witnesses are expected to speak.",
]


def test_a_scraped_page_keeps_its_article_and_loses_its_chrome():
    cleaned = clean(SCRAPED_PAGE)
    assert [SCRAPED_PAGE[start:end] for start, end in cleaned.kept] == ARTICLE
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Politics"] == "navigation or menu run"
    assert reasons["Court hears first witness"] == "related-articles list"
    assert reasons["Thanks for the article, very important work that you do here and elsewhere."] == "page tail, after the article's body"
    assert reasons["By Jane Doe"] == "byline"
    assert reasons["March 3, 2021"] == "dateline"


def test_a_clean_text_loses_nothing():
    text = "A headline\n\nA subtitle line\n\nThe first paragraph of the article says what happened.\n\nShort line\n\nThe second paragraph says more about it, and ends here.\n"
    assert clean(text).removed == []


def test_a_second_part_of_the_article_beyond_a_menu_joins_the_body():
    part = "This part of the article goes on for a while and says more about it. " * 3
    text = f"{part}\n{part}\nAdvertisement\nShare this article\nFacebook\nTwitter\n{part}\n{part}\n{part}\n"
    cleaned = clean(text)
    assert len(cleaned.kept) == 5
    assert [r.text for r in cleaned.removed] == ["Advertisement", "Share this article", "Facebook", "Twitter"]


def test_a_list_between_paragraphs_is_not_a_menu():
    part = "This part of the article goes on for a while and says more about it."
    text = f"{part}\nTehran\nMashhad\nShiraz\n{part}\n"
    assert clean(text).removed == []


def test_a_short_prose_line_beyond_the_chrome_goes_with_it():
    part = "This part of the article goes on for a while and says more about it. " * 3
    text = f"{part}\nLeave a comment\nGreat article, thanks for writing it up for us all.\n"
    assert [r.reason for r in clean(text).removed] == ["comment prompt", "page tail, after the article's body"]


def test_words_of_unspaced_scripts_count():
    line = "先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。"
    text = "\n".join([line] * 5) + "\n"
    assert clean(text).removed == []


def test_a_readers_extraction_keeps_its_structure_and_loses_only_rule_lines():
    caption = "Protesters in Berlin on Saturday. (AP Photo/Markus Schreiber)"
    text = f"Home\nWorld\nSport\n\nThe article's first paragraph, as the extractor found it on the page.\n\n{caption}\n\nShare this article\n\nNotes\nMore notes\nLast note\n"
    start = text.index(caption)
    cleaned = clean(text, hints=[(start, start + len(caption), "caption")])
    assert [(r.text, r.reason) for r in cleaned.removed] == [("Home", "footer or navigation link"), ("Share this article", "follow/share line")]
    assert caption in [text[s:e] for s, e in cleaned.kept]
    # the same text as plain text: the caption's credit and the page's menu go
    reasons = {r.text: r.reason for r in clean(text).removed}
    assert reasons[caption] == "image credit"
    assert reasons["World"] == "page head, before the article's body"


@pytest.mark.parametrize("line", ["date_trunc('minute', l.timestamp) = a.period", "404 │ 0 │ 0.13", "2, 3, 5, 2, 3, 12"])
def test_code_and_table_rows_are_not_menus(line):
    text = f"Home\nThe article's only paragraph says something about the figures below it.\n{line}\n{line}\n{line}\n"
    assert line not in [r.text for r in clean(text).removed]


def test_a_paragraph_broken_at_its_links_is_prose():
    text = (
        "Home\nWorld\nSport\n\n"
        "Below, we look at the figures for the\nCleveland Browns\n’ game against the\nPittsburgh Steelers\n, which ended late.\n\n"
        "The second paragraph is a whole line of running text, as a scraper may also save it.\n"
    )
    kept = [text[s:e] for s, e in clean(text).kept]
    assert kept[:2] == ["Below, we look at the figures for the", "Cleveland Browns"]
    assert "Home" not in kept and "Sport" not in kept


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    lines=st.lists(st.one_of(st.text(max_size=80), st.sampled_from(CHROME_AND_TEXT)), max_size=30),
    data=st.data(),
)
def test_every_character_lies_in_one_passage_or_one_removed_line(lines, data):
    text = normalise_newlines("\n".join(lines))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=10, unique=True)))
    hints = [(a, b, data.draw(st.sampled_from(KINDS))) for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
    for given_hints in (None, hints):
        cleaned = clean(text, hints=given_hints)
        passages = split(text, cleaned.kept, hints if given_hints is not None else [])
        owners = [0] * len(text)
        for span in [*passages, *cleaned.removed]:
            for index in range(span.start, span.end):
                owners[index] += 1
        assert all(owners[i] == 1 for i, c in enumerate(text) if not c.isspace())


# The rules' fast tests (RULE_NEEDLES): a line passes a rule's test whenever the rule's pattern
# matches it, so they change no reason.
NEEDLE_LINES = [
    "Home › News › Iran", "Home » World » Europe", "Iran - YouTube", "MEK Iran – Facebook", "Powered by WordPress",
    "ALL RIGHTS RESERVED 2024", "Theme by Acme", "We use cookies to improve your experience.",
    "This website uses COOKIES.", "By continuing to use this site you agree.", "BY USING OUR WEBSITE you accept",
    "Get our newsletter", "SUBSCRIBE NOW", "Sign up for free", "Straight to your INBOX", "Photo: Getty Images",
    "(AFP via Getty Images)", "Reuters/John Smith", "EPA-EFE/ANDY RAIN", "Image caption The rally in Berlin",
    "IMAGE COPYRIGHT Reuters", "Video source: the trial", "Wikimedia Commons", "Creative Commons licence",
    # letters re matches case-insensitively beyond ASCII: long s, Kelvin sign, dotted and dotless i
    "We u\u017fe coo\u212aies to improve your experience.", "Straight to your İnbox", "Straight to your ınbox",
    "Get our newſletter", "Photo ſhutterſtock", "(AFP via Gettı Images)", "Image caption the rally",
    "The crowd gathered in the square on Monday as the families read the names aloud.",
]


@pytest.mark.parametrize("line", NEEDLE_LINES)
def test_rule_needles_never_reject_a_line_the_rule_matches(line):
    from ingest.clean import RULE_NEEDLES, fold_case
    import re

    lowered = fold_case(line)
    for pattern, needles in RULE_NEEDLES.items():
        if pattern.search(line):
            haystack = lowered if pattern.flags & re.IGNORECASE else line
            assert any(needle in haystack for needle in needles), (pattern.pattern[:40], line)


@pytest.mark.parametrize("line, reason", [
    ("We u\u017fe coo\u212aies to improve your experience.", "cookie notice"),
    ("Straight to your İnbox", "subscription notice"),
    ("Photo ſhutterſtock", "image credit"),
    ("Home › News › Iran", "breadcrumb"),
    ("Iran – YouTube", "follow/share line"),
])
def test_rules_still_match_through_their_fast_tests(line, reason):
    from ingest.clean import rule_reason

    assert rule_reason(line) == reason


def test_fold_case_maps_what_re_matches_to_ascii_letters():
    from ingest.clean import fold_case

    assert fold_case("Coo\u0130\u0131e \u017fubscribe \u212aelvin ÄB") == "cooiie subscribe kelvin äb"


def test_continues_searched_in_the_tail_only_finds_what_a_full_search_finds():
    from ingest.clean import CONTINUES, CONTINUES_TAIL

    words = CONTINUES.pattern.split("(?:", 2)[2].rstrip(")$").split("|")
    assert max(len(w) for w in words) + 1 < CONTINUES_TAIL
    for word in words + [",", "x", "athe", "the.", "whose"]:
        for before in ("", " ", "x", "The court said that the families of ", "long " * 10):
            line = before + word
            assert bool(CONTINUES.search(line)) == bool(CONTINUES.search(line, max(0, len(line) - CONTINUES_TAIL))), line


@pytest.mark.parametrize("line", NEEDLE_LINES + [
    "Share 12 34 56", "Share 12 34 56 By John Smith", "Share | Tweet | 3 comments", "By John Smith",
    "Tags: Iran", "Tags:", "© 2020 NCRI", "Related articles", "Read more: the trial", "Leave a comment",
    "Updated 3 hours ago", "5 min read", "Privacy Policy | Terms", "Advertisement", "Photo: AP Photo/Jane Doe",
])
def test_rule_reason_is_the_first_rule_in_order_that_matches(line):
    # the anchored rules run as one pattern: the reason is still that of the first rule of
    # LINE_RULES that matches (a share line of more than two numbers is no share line)
    from ingest.clean import LINE_RULES, NUMBERS, rule_reason

    expected = next((reason for pattern, reason in LINE_RULES if pattern.search(line)
                     and not (reason == "share or count line" and len(NUMBERS.findall(line)) > 2)), None)
    assert rule_reason(line) == expected
