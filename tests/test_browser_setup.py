"""The browser tests skip without Chromium, but fail instead when CI is set."""

import pytest

from tests import conftest_browser


@pytest.mark.parametrize("ci, outcome", [(None, pytest.skip.Exception), ("1", pytest.fail.Exception)])
def test_missing_chromium_skips_locally_and_fails_in_ci(monkeypatch, ci, outcome):
    monkeypatch.setattr(conftest_browser, "CHROMIUM", "/nonexistent/chromium")
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="Chromium is not installed at /nonexistent/chromium"):
        conftest_browser.require_browser()
