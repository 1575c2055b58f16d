"""ingest.domains: publisher by the page's domain."""

import pytest

from ingest.domains import host_of, publisher_for_url

PUBLISHERS = {
    "ncri": {"domain": "ncr-iran.org"},
    "iranfocus": {"domain": ["iranfocus.com", "iran-focus.org"]},
    "news_sub": {"domain": "news.example.org"},
    "example": {"domain": "example.org"},
    "no_domain": {"domain": None},
    "no_key": {"name": "Nobody"},
}


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://www.ncr-iran.org/en/news/x", "ncri"),
        ("https://ncr-iran.org/", "ncri"),
        ("http://english.ncr-iran.org/a", "ncri"),  # subdomain
        ("https://WWW.NCR-IRAN.ORG/A", "ncri"),  # case
        ("https://ncr-iran.org:8443/a", "ncri"),  # port
        ("https://iran-focus.org/a", "iranfocus"),  # second of a list
        ("https://www.iranfocus.com/a", "iranfocus"),
        ("https://news.example.org/a", "news_sub"),  # longest domain wins
        ("https://blog.example.org/a", "example"),
        ("https://notncr-iran.org/a", "unknown:notncr-iran.org"),  # not a subdomain
        ("https://www.other.net/a", "unknown:other.net"),
        ("other.net/path", "unknown:other.net"),  # no scheme
        (None, "unknown:no-url"),
        ("", "unknown:no-url"),
    ],
)
def test_publisher_for_url(url, expected):
    assert publisher_for_url(url, PUBLISHERS) == expected


def test_no_publishers_at_all():
    assert publisher_for_url("https://x.org/a", {}) == "unknown:x.org"


@pytest.mark.parametrize(
    "url,host",
    [("https://www.a.b.org/x", "a.b.org"), ("http://x.org.", "x.org"), ("not a url", None), (None, None)],
)
def test_host_of(url, host):
    assert host_of(url) == host
