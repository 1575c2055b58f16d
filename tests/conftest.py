import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from ingest.build import build

# Property tests: random examples by default; HYPOTHESIS_PROFILE=ci (set by .ci/run) makes them
# the same on every run, so CI fails only on a real bug, and always on the same example.
settings.register_profile("ci", derandomize=True, print_blob=True, database=None)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
SEEDS = sorted((SOURCES / "articles").glob("*.txt"))


@pytest.fixture
def sources(tmp_path) -> Path:
    """A writable copy of the repository's sources folder."""
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    return copy


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The archive built once from the repository's sources."""
    db_path = tmp_path_factory.mktemp("db") / "archive.db"
    build(SOURCES, db_path, log=lambda line: None)
    return db_path
