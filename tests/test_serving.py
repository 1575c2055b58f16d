"""Serving: immutable, read-only, runaway queries cut off while others are answered, and a warning
when bound beyond loopback."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from datasette.app import Datasette

from ingest.build import build
from ingest.cli import SETTINGS
from .robust_corpus import PYTHON, ROOT, counts, stop_group

RECURSIVE = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
# far more rows than any machine counts within the time limit (the seeds' passages, to the 8th
# power, times 10**6): the query is cut off whatever the machine's speed
CROSS_JOIN = (
    "with recursive n(x) as (select 1 union all select x + 1 from n where x < 1000000) "
    "select count(*) from n, passages a, passages b, passages c, passages d, passages e, passages f, passages g, passages h"
)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "archive.db"
    build(ROOT / "sources", db, log=lambda line: None)
    return db


@pytest.fixture
def ds(archive):
    return Datasette([], immutables=[str(archive)], settings=SETTINGS)


def test_settings_bound_time_and_rows():
    assert 0 < SETTINGS["sql_time_limit_ms"] <= 10_000
    assert 0 < SETTINGS["max_returned_rows"] <= 10_000


async def test_database_is_immutable(ds):
    assert ds.databases["archive"].is_mutable is False


async def test_arbitrary_select_is_allowed(ds):
    response = await ds.client.get("/archive.json", params={"sql": "select kind, count(*) as n from passages group by kind", "_shape": "array"})
    assert response.status_code == 200
    assert sum(row["n"] for row in response.json()) > 0


@pytest.mark.parametrize(
    "sql",
    [
        "insert into problems (source_path, severity, problem) values ('x', 'error', 'written')",
        "update passages set text = 'defaced'",
        "delete from passages",
        "drop table passages",
        "attach database '/tmp/evil.db' as evil",
        "pragma writable_schema = 1",
        "select 1; delete from passages",
    ],
)
async def test_no_write_is_possible(ds, archive, sql):
    before = counts(archive)
    response = await ds.client.get("/archive.json", params={"sql": sql})
    assert response.status_code >= 400 and response.status_code < 500
    assert counts(archive) == before
    conn_text = await ds.client.get("/archive.json", params={"sql": "select count(*) as n from passages where text = 'defaced'", "_shape": "array"})
    assert conn_text.json() == [{"n": 0}]


async def test_no_plugin_writes():
    for plugin in (ROOT / "plugins").glob("*.py"):
        assert "execute_write" not in plugin.read_text(), plugin


async def timed_get(ds, sql: str, delay: float = 0.0):
    await asyncio.sleep(delay)
    response = await ds.client.get("/archive.json", params={"sql": sql, "_shape": "array"})
    return response, time.monotonic()


@pytest.mark.parametrize("runaway", [RECURSIVE, CROSS_JOIN], ids=["recursive CTE", "cross join"])
async def test_runaway_query_is_cut_off_and_others_are_answered(ds, runaway):
    (slow, slow_done), (quick, quick_done) = await asyncio.gather(
        timed_get(ds, runaway),
        timed_get(ds, "select count(*) as n from passages", delay=0.3),
    )
    assert slow.status_code == 400
    assert "SQL query took too long" in slow.text
    assert quick.status_code == 200 and quick.json()[0]["n"] > 0
    assert quick_done < slow_done  # answered while the runaway query was still running
    after = await ds.client.get("/archive.json", params={"sql": "select 1 as one", "_shape": "array"})
    assert after.json() == [{"one": 1}]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_messages(archive: Path, *host: str) -> list[str]:
    """Start `archive serve`, collect its messages up to 'Serving …', then stop it and its Datasette."""
    command = [PYTHON, "-m", "ingest", "serve", "--sources", str(ROOT / "sources"), "--db", str(archive), "--port", str(free_port()), *host]
    process = subprocess.Popen(
        command, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    lines = []
    try:
        for line in process.stderr:
            lines.append(line.rstrip("\n"))
            if line.startswith("Serving ") or len(lines) > 50:
                break
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return lines


def test_serve_binds_loopback_by_default_without_warning(archive):
    lines = serve_messages(archive)
    assert lines[-1].startswith(f"Serving {archive} on http://127.0.0.1:")
    assert not any(line.startswith("Warning") for line in lines)


def test_serve_on_all_interfaces_warns_with_the_settings_in_force(archive):
    lines = serve_messages(archive, "--host", "0.0.0.0")
    warning = [line for line in lines if line.startswith("Warning")]
    assert len(warning) == 1
    assert "0.0.0.0" in warning[0] and "immutable" in warning[0]
    assert f"sql_time_limit_ms={SETTINGS['sql_time_limit_ms']}" in warning[0]
    assert f"max_returned_rows={SETTINGS['max_returned_rows']}" in warning[0]
    assert re.match(r"Serving .* on http://0\.0\.0\.0:\d+/", lines[-1])


# ---------------------------------------------------------------- one archive at a time (issue 13, item 6)

NEW_WORD = "quillwortian"
NEW_ARTICLE = f"""A new article about {NEW_WORD}

The first {NEW_WORD} paragraph says the commission met in secret, a witness said.

A second {NEW_WORD} paragraph adds that the families were never told.
"""


def get_json(url: str):
    import json
    import urllib.request

    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers["x-archive-file"], json.loads(response.read())


def observe(base: str, word: str) -> list[tuple[str, str, str, int]]:
    """(file that answered, route, word, count): the search page's, SQL's and the table page's
    counts of the passages matching ``word`` and ("" as the word) of all passages, and the rows
    of the search's CSV export."""
    from urllib.parse import urlencode

    match = "select count(*) as n from passages where rowid in (select rowid from passages_fts where passages_fts match :q)"
    seen = []
    for route, searched, url in (
        ("search", word, f"{base}/archive/-/search.json?" + urlencode({"_search": word, "_size": 1})),
        ("sql", word, f"{base}/archive.json?" + urlencode({"sql": match, "q": word, "_shape": "array"})),
        ("table", word, f"{base}/archive/passages.json?" + urlencode({"_search": word, "_size": 1})),
        ("search", "", f"{base}/archive/-/search.json?_size=1"),
        ("sql", "", f"{base}/archive.json?" + urlencode({"sql": "select count(*) as n from passages", "_shape": "array"})),
        ("table", "", f"{base}/archive/passages.json?_size=1"),
        ("csv", word, f"{base}/archive/-/search.csv?" + urlencode({"_search": word})),
    ):
        if route == "csv":
            import csv
            import urllib.request

            with urllib.request.urlopen(url, timeout=30) as response:
                rows = list(csv.reader(response.read().decode("utf-8").splitlines()))
            seen.append((response.headers["x-archive-file"], route, searched, len(rows) - 1))
            continue
        file, body = get_json(url)
        count = body["count"] if route == "search" else body[0]["n"] if route == "sql" else body["filtered_table_rows_count"]
        seen.append((file, route, searched, count))
    return seen


def agree(observations) -> dict:
    """{file: {word: count}}, checking that every answer from one file gives one count for a word,
    whichever route (search page, SQL, table page) and whenever it was asked."""
    by_file: dict = {}
    for file, route, word, count in observations:
        counts = by_file.setdefault(file, {})
        assert counts.setdefault(word, count) == count, (file, route, word, counts[word], count)
    return by_file


def test_a_running_server_moves_to_a_new_build_whole(tmp_path, sources):
    """Build, serve, then add a document (the add applied to a copy renamed into place, as
    `archive build` renames its new file) and rebuild in full: at every point the search page's
    counts, SQL's counts and the table page's counts come from one file and agree, and the server
    moves to the new file without a restart."""
    import threading
    import urllib.request

    db = tmp_path / "db" / "archive.db"
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    process = subprocess.Popen(
        [PYTHON, "-m", "ingest", "serve", "--sources", str(sources), "--db", str(db), "--port", str(port)],
        cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if get_json(base + "/-/fast-facets.json")[1].get("archive") == "loaded":
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.2)
        before = agree(observe(base, NEW_WORD) + observe(base, "commission"))
        (first_file,) = before
        assert before[first_file][NEW_WORD] == 0 and before[first_file][""] > 0 and before[first_file]["commission"] > 0

        observations: list = []
        done = threading.Event()

        def poll():
            while not done.is_set():
                observations.extend(observe(base, NEW_WORD))

        poller = threading.Thread(target=poll)
        poller.start()
        try:
            # 1. archive add, on a copy renamed into place
            new_file = tmp_path / "new.txt"
            new_file.write_text(NEW_ARTICLE, encoding="utf-8")
            copy = db.with_name("next.db")
            copy.write_bytes(db.read_bytes())
            subprocess.run([PYTHON, "-m", "ingest", "add", "--sources", str(sources), "--db", str(copy),
                            "--publisher", "mek-iran", str(new_file)],
                           cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True, capture_output=True)
            os.replace(copy, db)
            second = wait_for_new_file(base, {first_file})
            # 2. a full build renames its own new file into place
            subprocess.run([PYTHON, "-m", "ingest", "build", "--full", "--sources", str(sources), "--db", str(db)],
                           cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True, capture_output=True)
            third = wait_for_new_file(base, {first_file, second})
        finally:
            done.set()
            poller.join()
        final = agree(observations + observe(base, NEW_WORD))
        assert final[second][NEW_WORD] == final[third][NEW_WORD] >= 2  # the new article's paragraphs
        assert final[second][""] == final[third][""] > before[first_file][""]
        if first_file in final:
            assert final[first_file][NEW_WORD] == 0
        # once the new file answered, the old one never did again
        order = [file for file, _, _, _ in observations]
        assert order.index(second) > max((i for i, f in enumerate(order) if f == first_file), default=-1)
        status = get_json(base + "/-/fast-facets.json?files=1")[1]["archive"]
        assert status["inode"] == os.stat(db).st_ino
        assert urllib.request.urlopen(base + "/archive/passages?_search=" + NEW_WORD, timeout=30).status == 200
    finally:
        stop_group(process)
        log.close()


def wait_for_new_file(base: str, old: set) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        file, _ = get_json(base + "/-/fast-facets.json")
        if file not in old:
            return file
        time.sleep(0.1)
    raise AssertionError(f"the server still answers from {old} a minute after the new file was renamed into place")


async def test_a_file_removed_under_the_server_is_still_served(tmp_path, archive):
    import shutil

    import yaml

    path = tmp_path / "archive.db"
    shutil.copyfile(archive, path)
    ds = Datasette(immutables=[str(path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()),
                   plugins_dir=str(ROOT / "plugins"), template_dir=str(ROOT / "templates"))
    assert (await ds.client.get("/archive")).status_code == 200
    path.unlink()
    for url in ("/", "/archive", "/archive/passages", "/archive/-/search?_search=massacre", "/-/databases.json",
                "/archive.json?sql=select+count(*)+from+passages"):
        assert (await ds.client.get(url)).status_code == 200, url
