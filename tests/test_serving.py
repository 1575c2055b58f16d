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
from .robust_corpus import PYTHON, ROOT, counts

RECURSIVE = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
CROSS_JOIN = "select count(*) from passages a, passages b, passages c, passages d, passages e, passages f"


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
