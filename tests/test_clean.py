import pytest

from ingest.clean import boilerplate_candidates, clean, line_spans, repeated_threshold


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
