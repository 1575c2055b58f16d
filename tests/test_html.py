"""ingest.html: saved pages -> Source (text with structure, tweets, captions, metadata)."""

import re
from pathlib import Path

import pytest

from ingest.html import _parse_day, assemble, decode_html, parse_tweet, read_html, render_tweet

FIXTURES = Path(__file__).parent / "fixtures" / "html"
SEED = Path(__file__).resolve().parent.parent / "sources" / "articles"
SEED_TWEET_LINE = re.compile(r"^— .+ \(@\w+\) [A-Z][a-z]+ \d{1,2}, \d{4}$")


def read(name, **kwargs):
    data = (FIXTURES / name).read_bytes()
    return read_html(data, f"tests/fixtures/html/{name}", **kwargs)


@pytest.fixture(scope="module")
def article():
    return read("article_tweet.html")


@pytest.mark.parametrize(
    "absent",
    [
        "cookies",  # cookie banner
        "Share on Facebook",  # share bar
        "Email this article",
        "Related articles",  # related-articles box
        "Sanctions debated again",
        "World news section",  # navigation
        "All rights reserved",  # footer
    ],
)
def test_boilerplate_never_reaches_text(article, absent):
    assert absent not in article.text


@pytest.mark.parametrize(
    "present",
    [
        "Non-governmental organisations asked the United Nations",
        "What happened in 1988",
        "Evin prison in Tehran, photographed in 2019. Photo: Example Agency",
        "“We appeal to the United Nations to investigate.”",
        "Twenty-one organisations signed the written statement.",
        "several of them still hold office today.",
    ],
)
def test_article_text_is_kept(article, present):
    assert present in article.text


def test_tweet_is_rendered_like_the_seeds(article):
    expected = (
        "U.N. is urged to investigate the 1988 massacre of Iranian political prisoners. https://t.co/abc\n"
        "— StopFundamentalism (@SFundamentalism) September 22, 2020"
    )
    assert "\n\n" + expected + "\n\n" in article.text
    attribution = expected.splitlines()[-1]
    assert SEED_TWEET_LINE.match(attribution)


def test_seed_tweet_lines_have_the_same_shape():
    lines = [line for line in (SEED / "000_e8de499f15e36025.txt").read_text().splitlines() if line.startswith("— ")]
    assert lines and all(SEED_TWEET_LINE.match(line) for line in lines)


def test_blocks_are_separated_by_one_blank_line(article):
    assert "\n\n\n" not in article.text
    assert article.text == article.text.strip()


@pytest.mark.parametrize(
    "kind,text",
    [
        ("heading", "UN urged to investigate the 1988 massacre"),
        ("heading", "What happened in 1988"),
        ("tweet", "U.N. is urged to investigate the 1988 massacre of Iranian political prisoners. https://t.co/abc\n"
                  "— StopFundamentalism (@SFundamentalism) September 22, 2020"),
        ("caption", "Evin prison in Tehran, photographed in 2019. Photo: Example Agency"),
        ("quote", "“We appeal to the United Nations to investigate.”"),
        ("list_item", "Twenty-one organisations signed the written statement."),
        ("list_item", "The Council session runs until October 7th, 2020."),
    ],
)
def test_hints_point_at_their_spans(article, kind, text):
    assert (kind, text) in [(k, article.text[start:end]) for start, end, k in article.hints]


def test_hints_are_ordered_and_inside_the_text(article):
    previous_end = 0
    for start, end, _ in article.hints:
        assert previous_end <= start < end <= len(article.text)
        previous_end = end


def test_article_metadata(article):
    assert article.title == "UN urged to investigate the 1988 massacre"
    assert article.url == "https://www.example-news.org/2020/09/22/un-urged/"
    assert article.site_name == "Example News"
    assert article.author == "Jane Reporter"
    assert (article.published, article.published_basis) == ("2020-09-22", "html: meta article:published_time")
    assert article.format == "html"
    assert article.encoding == "utf-8"
    assert len(article.sha256) == 64


def test_given_url_and_capture_time_win_over_canonical_but_not_over_publication(article):
    source = read("article_tweet.html", url="https://example-news.org/x?utm=1", retrieved="2024-05-01T00:00:00Z")
    assert source.url == "https://example-news.org/x?utm=1"
    assert source.retrieved == "2024-05-01T00:00:00Z"
    assert source.published == "2020-09-22"


def test_date_only_in_json_ld():
    source = read("jsonld_date.html")
    assert (source.published, source.published_basis) == ("2019-08-29", "html: JSON-LD datePublished")
    assert source.author == "Sam Writer"
    assert source.site_name == "Example Weekly"
    assert source.title == "Families still wait for answers"


def test_no_date_is_none_never_today_nor_capture_time():
    source = read("no_date.html", retrieved="2024-05-01T12:00:00Z")
    assert source.published is None and source.published_basis is None


def test_declared_single_byte_encoding_is_decoded():
    source = read("no_date.html")
    assert source.encoding == "cp1252"
    assert "the café sign above and the quotes “here” are single bytes" in source.text
    assert source.title == "Café notes"


@pytest.mark.parametrize(
    "data,text,encoding",
    [
        (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "<p>café</p>", "utf-8-sig"),
        (b"<p>caf\xc3\xa9</p>", "<p>café</p>", "utf-8"),
        (b'<meta charset="iso-8859-1"><p>caf\xe9</p>', '<meta charset="iso-8859-1"><p>café</p>', "iso8859-1"),
    ],
)
def test_decode_html(data, text, encoding):
    assert decode_html(data) == (text, encoding)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("July 17, 2020", "2020-07-17"),
        ("17 July 2020", "2020-07-17"),
        ("2020-07-17T10:00:00+02:00", "2020-07-17"),
        ("Sept 2020", None),
        ("2020-02-30", None),
        (None, None),
    ],
)
def test_parse_day(value, expected):
    assert _parse_day(value) == expected


@pytest.mark.parametrize(
    "html,expected",
    [
        (
            '<blockquote class="twitter-tweet"><p>Line one<br>line two</p>&mdash; A B (@ab) '
            '<a href="https://twitter.com/ab/status/1">December 24, 2019</a></blockquote>',
            "Line one\nline two\n— A B (@ab) December 24, 2019",
        ),
        (  # no attribution text: the handle comes from the status link, the date from its text
            '<blockquote class="twitter-tweet"><p>Only text</p>'
            '<a href="https://x.com/someone/status/2">1 March 2021</a></blockquote>',
            "Only text\n— (@someone) March 1, 2021",
        ),
    ],
)
def test_parse_and_render_tweet(html, expected):
    from bs4 import BeautifulSoup

    block = BeautifulSoup(html, "lxml").blockquote
    assert render_tweet(parse_tweet(block)) == expected


def test_assemble_offsets():
    text, hints = assemble([("Title", "heading"), ("Body text.", None), ("Item", "list_item")])
    assert text == "Title\n\nBody text.\n\nItem"
    assert hints == [(0, 5, "heading"), (19, 23, "list_item")]


def test_empty_page_gives_empty_text_not_a_crash():
    source = read_html(b"<html><body></body></html>", "x.html")
    assert source.text == "" and source.hints == [] and source.published is None


def test_nested_figures_and_figure_outside_body_do_not_crash():
    html = (
        b"<html><body><article><p>" + b"Some article text here. " * 20 + b"</p>"
        b"<figure><figure><img src=a.jpg><figcaption>Inner caption</figcaption></figure>"
        b"<figcaption>Outer caption</figcaption></figure></article></body></html>"
    )
    source = read_html(html, "x.html")
    assert "Some article text here." in source.text
    assert "Outer caption" in source.text


def test_embedded_posts_and_captions_are_found_by_their_markup():
    source = read("embedded_posts.html")
    kinds = {source.text[start:end]: kind for start, end, kind in source.hints}
    instagram = next(text for text in kinds if text.startswith("Candles for every name"))
    assert kinds[instagram] == "quote"
    assert "@examplevigils" in instagram
    bluesky = next(text for text in kinds if text.startswith("Standing in the square"))
    assert kinds[bluesky] == "quote" and "(@areporter.example)" in bluesky
    assert kinds["The square filled with candles on Sunday night."] == "caption"
    assert "The town council has not commented" in source.text


def test_a_quotation_in_a_figure_is_a_quote_with_its_source():
    source = read("embedded_posts.html")
    kinds = {source.text[start:end]: kind for start, end, kind in source.hints}
    quote = "We are asking for the truth, nothing more and nothing less.\n— Maryam Example, whose brother was executed in 1988"
    assert kinds.get(quote) == "quote"
