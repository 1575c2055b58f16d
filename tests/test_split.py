import pytest

from ingest.clean import clean
from ingest.split import LONG_PARAGRAPH_CHARS, split


def passages_of(text, hints=()):
    return split(text, clean(text).kept, list(hints))


def kinds(text):
    return [(p.kind, p.text) for p in passages_of(text)]


def test_tweet_with_attribution_on_its_own_line():
    text = "Some news.\nThe tweet text https://t.co/x\n— Morgan Ortagus (@statedeptspox) July 17, 2020\nAfter.\n"
    passages = passages_of(text)
    assert [p.kind for p in passages] == ["paragraph", "tweet", "paragraph"]
    tweet = passages[1]
    assert tweet.text == "The tweet text https://t.co/x\n— Morgan Ortagus (@statedeptspox) July 17, 2020"
    assert (tweet.tweet_author, tweet.tweet_handle, tweet.said_on) == ("Morgan Ortagus", "statedeptspox", "2020-07-17")


def test_tweet_with_attribution_on_the_same_line_and_its_lead_line():
    text = "MASSACRE:\nIn 1988 the regime executed prisoners. pic.twitter.com/F9— MEK Iran (Mujahedin-e Khalq) (@MEK_Iran) August 29, 2019\n"
    [tweet] = passages_of(text)
    assert tweet.kind == "tweet"
    assert tweet.text.startswith("MASSACRE:\n")
    assert (tweet.tweet_author, tweet.tweet_handle, tweet.said_on) == ("MEK Iran (Mujahedin-e Khalq)", "MEK_Iran", "2019-08-29")


def test_numbered_tweet_is_a_tweet_not_a_list_item():
    text = "1. Before your government executed him, he was tortured.\n— Morgan Ortagus (@statedeptspox) September 20, 2020\n"
    assert [p.kind for p in passages_of(text)] == ["tweet"]


def test_caption_takes_the_image_title_above_it():
    text = "Headline of the article\n\nA paragraph.\n\nSwedish Court\n\n(NCRI) and (PMOI / MEK Iran): Publication of indictment.\n"
    assert kinds(text) == [
        ("heading", "Headline of the article"),
        ("paragraph", "A paragraph."),
        ("caption", "Swedish Court\n\n(NCRI) and (PMOI / MEK Iran): Publication of indictment."),
    ]


def test_the_headline_is_not_taken_as_an_image_title():
    text = "MEK: UN Report\n\n(PMOI / MEK Iran) and (NCRI): The Secretary-General spoke.\n"
    assert [k for k, _ in kinds(text)] == ["heading", "caption"]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("What was the 1988 massacre?", "heading"),
        ("The worst crime against humanity after WWII", "heading"),
        ("The ruling mullahs hid the names of victims and the places of their burial.", "paragraph"),
        ("He added: “The French government should act.”", "paragraph"),
        ("1. First point of the list", "list_item"),
        ("• A bulleted point", "list_item"),
        ("- A dashed point", "list_item"),
        ("Why did so many of the regime’s officials stay silent about what happened in the prisons that summer?", "paragraph"),
    ],
)
def test_line_kinds(line, kind):
    assert kinds("Intro paragraph here.\n" + line + "\n")[1] == (kind, line)


def test_very_long_paragraph_is_cut_at_sentence_ends():
    sentence = "Mr. Smith met the U.N. envoy in Geneva and spoke about the prisoners at length. "
    text = sentence * 40
    passages = passages_of(text)
    assert len(text) > LONG_PARAGRAPH_CHARS and len(passages) > 1
    for passage in passages:
        assert passage.kind == "paragraph"
        assert passage.text.startswith("Mr. Smith") and passage.text.endswith("length.")
    assert "".join(p.text for p in passages).replace(" ", "") == text.replace(" ", "")


def test_hints_group_lines_into_one_passage_of_their_kind():
    text = "Title\n\nFirst line of a quote\nsecond line of it.\n\nAfter.\n"
    start = text.index("First")
    end = text.index("it.") + 3
    assert kinds_with_hints(text, [(start, end, "quote")]) == [
        ("heading", "Title"),
        ("quote", "First line of a quote\nsecond line of it."),
        ("paragraph", "After."),
    ]


def kinds_with_hints(text, hints):
    return [(p.kind, p.text) for p in passages_of(text, hints)]


def test_offsets_point_into_the_text():
    text = "\n  Heading here  \n\nA paragraph. Another sentence.\n"
    for passage in passages_of(text):
        assert text[passage.start:passage.end] == passage.text


def test_a_removed_line_keeps_a_tweet_from_taking_the_line_above_it():
    """Issue 17: "Tags: Iran" was removed and also inside the tweet passage."""
    text = "Home\nTags: Iran\n– MEK Iran (@MEK_Iran) September 22, 2020"
    tags = text.index("Tags: Iran")
    kept = [(0, 4), (tags + len("Tags: Iran") + 1, len(text))]  # "Home" kept, "Tags: Iran" removed
    passages = split(text, kept)
    assert [(p.kind, p.text) for p in passages] == [("heading", "Home"), ("tweet", "– MEK Iran (@MEK_Iran) September 22, 2020")]
    cleaned = clean(text)
    assert ("Tags: Iran", "tag list") in [(r.text, r.reason) for r in cleaned.removed]
    for passage in split(text, cleaned.kept):
        for r in cleaned.removed:
            assert passage.end <= r.start or r.end <= passage.start, (passage, r)


def test_a_removed_line_keeps_a_tweet_lead_and_an_image_title_apart():
    text = "MASSACRE:\nShare this:\nThe text of the tweet https://t.co/x\n— Jane Doe (@jdoe) July 17, 2020\n\nA court\n\nShare this:\n\n(NCRI) and (PMOI / MEK Iran): The court in session.\n"
    cleaned = clean(text)
    passages = split(text, cleaned.kept)
    for passage in passages:
        assert "Share this:" not in passage.text
    assert [p.kind for p in passages] == ["heading", "tweet", "heading", "caption"]


def test_a_menu_of_a_scraped_page_is_never_a_heading():
    text = "Home\nWorld\nPolitics\n0\nemail\n\nThe article starts here and says what it has to say about the case.\n"
    passages = passages_of(text)
    assert [p.kind for p in passages] == ["paragraph"]
