"""Serving shards (issue 15, point 3): every shard of a manifest in one Datasette, and a search
across them (plugins/shards.py) that answers as the merged file does: the same count, every
facet count, the rows in order and the CSV; each shard under its own time limit, and "at least"
when a shard does not answer in time."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sqlite3
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm

from ingest import build, shards
from ingest.cli import SETTINGS, cli, shards_command

from .test_shards import synthetic_sources

ROOT = Path(__file__).resolve().parent.parent
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
SEARCH = "/-/shards/archive/search"
QUERIES = [
    "_search=tribunal",
    "_search=prisoners",
    "_search=said&kind=paragraph",
    "_search=the&_sort=publisher_id&_size=7&_page=3",
    "_search=the&_sort_desc=year&_size=50&_page=2",
    "_search=the&_sort=speaker_id&_size=100",
    "voice=outlet&_search=the",
    "speaker_id__isnull=1&_search=the",
    "speaker_affiliation_id__not=pmoi-ncri&_sort=published",
    "year=2019",
    "publisher_id=synthetic-outlet-002&_sort_desc=published",
    "_size=100",
    "_search=nothing-matches-this",
]


def quiet(_line):
    pass


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seeds and 80 synthetic articles: the single archive, its shards (4 by document and
    by year) and each set merged back into one file named ``archive.db``."""
    folder = tmp_path_factory.mktemp("shard-serving")
    sources = synthetic_sources(folder, articles=80)
    db_path = folder / "archive.db"
    build.build(sources, db_path, log=quiet, workers=2, full=True)
    made = {}
    for shard_by in ("4", "year"):
        where = folder / f"by-{shard_by}"
        where.mkdir()
        shutil.copyfile(db_path, where / "archive.db")
        shards.write_shards(where / "archive.db", shard_by, workers=2, log=quiet)
        manifest = shards.manifest_path_for(where / "archive.db")
        (where / "merged").mkdir()
        shards.merge_shards(manifest, where / "merged" / "archive.db")
        made[shard_by] = manifest
    return made


async def started(ds: Datasette) -> Datasette:
    await ds.invoke_startup()
    for _ in range(400):  # the indexes load in the background
        states = [s["index"] for info in (await ds.client.get("/-/shards.json")).json().values() for s in info["shards"]]
        states += list((await ds.client.get("/-/fast-facets.json")).json().values())
        if "loading" not in states:
            break
        await asyncio.sleep(0.05)
    assert "loading" not in states
    return ds


async def serve_shards(manifest: Path, configured: bool = True, limits: dict | None = None, **settings) -> Datasette:
    """The shards as `archive serve --shards` serves them (configured), or found beside the files;
    ``limits``: a time limit of its own for some shards, in the metadata as a user gives it."""
    files = [str(f) for f in shards.shard_paths(manifest)]
    metadata = None
    if configured:
        metadata = json.loads(shards.write_serving_metadata(manifest, METADATA).read_text(encoding="utf-8"))
    for name, ms in (limits or {}).items():
        metadata["databases"].setdefault(name, {})["plugins"] = {"shards": {"sql_time_limit_ms": ms}}
    return await started(Datasette(immutables=files, metadata=metadata, plugins_dir=str(ROOT / "plugins"),
                                   template_dir=str(ROOT / "templates"), settings={"suggest_facets": False, **settings}))


async def serve_merged(manifest: Path, **settings) -> Datasette:
    merged = manifest.parent / "merged" / "archive.db"
    return await started(Datasette(immutables=[str(merged)], metadata=METADATA, plugins_dir=str(ROOT / "plugins"),
                                   template_dir=str(ROOT / "templates"), settings={"suggest_facets": False, **settings}))


# the answers compared, not the time taken: a page past its time limit (a loaded machine, a
# dozen year shards) would drop its highlights, as a page of one file does
PATIENT = {"sql_time_limit_ms": 20000}


def without_timing(data: dict) -> dict:
    data = {k: v for k, v in data.items() if k not in ("query_ms", "at_least", "shards", "shards_note")}
    if data.get("next"):
        data["next"] = data["next"].split("?", 1)[1]
    return data


def same_page(html: str, shard_names: list[str]) -> str:
    """The page with what only says where it is served from made the merged file's: the search's
    path, the shards' database names in row links, and the time taken."""
    html = html.replace(SEARCH, "/archive/-/search")
    for name in shard_names:
        html = html.replace(f"/{name}/", "/archive/")
    html = re.sub(r"<small>\(\d+ ms\)</small>", "", html)
    html = re.sub(r"(&middot;\s*)?[Qq]uer(y|ies) took [\d.]+ ?ms", "", html)  # left out when it rounds to 0
    html = re.sub(r"\s+</footer>", "</footer>", html)
    return html


@pytest.mark.parametrize("shard_by", ["4", "year"])
async def test_a_search_across_shards_answers_as_the_merged_file(built, shard_by):
    manifest = built[shard_by]
    fanned = await serve_shards(manifest, configured=shard_by == "4", **PATIENT)
    merged = await serve_merged(manifest, **PATIENT)
    names = [s["database"] for s in (await fanned.client.get("/-/shards.json")).json()["archive"]["shards"]]
    assert len(names) == len(shards.shard_paths(manifest)) >= 3
    for query in QUERIES:
        got = (await fanned.client.get(f"{SEARCH}.json?{query}")).json()
        want = (await merged.client.get(f"/archive/-/search.json?{query}")).json()
        assert got["ok"] and not got["at_least"], query
        assert without_timing(got) == without_timing(want), query  # count, every facet, the rows in order
        assert got["count"] == sum(s["count"] for s in got["shards"])
        if query.startswith("_search=the&"):
            assert got["count"] > 100 and got["rows"]
        if "nothing" not in query:
            assert got["count"] > 0, query
        page = (await fanned.client.get(f"{SEARCH}?{query}")).text
        assert same_page(page, names) == same_page((await merged.client.get(f"/archive/-/search?{query}")).text, names), query
        assert "at least" not in page
        exported = (await fanned.client.get(f"{SEARCH}.csv?{query}")).text
        assert exported == (await merged.client.get(f"/archive/-/search.csv?{query}")).text, query
        assert len(list(csv.reader(io.StringIO(exported)))) == got["count"] + 1


async def test_facets_across_shards_rank_every_value_as_one_file(built):
    """The top values of a facet are ranked over the added counts, not over any shard's own top."""
    manifest = built["year"]
    fanned, merged = await serve_shards(manifest, **PATIENT), await serve_merged(manifest, **PATIENT)
    got = (await fanned.client.get(f"{SEARCH}.json?_search=the")).json()["facets"]
    conn = sqlite3.connect(manifest.parent / "merged" / "archive.db")
    counts = conn.execute("select publisher_id, count(*) from passages where rowid in (select rowid from passages_fts "
                          "where passages_fts match 'the') and publisher_id is not null group by 1 "
                          "order by 2 desc, 1 limit 5").fetchall()
    conn.close()
    assert [(i["value"], i["count"]) for i in got["publisher_id"]["items"]] == counts
    want = (await merged.client.get("/archive/-/search.json?_search=the")).json()["facets"]
    assert got == want


class SlowShard:
    """A test-only plugin: the named shard's full-text queries start 0.2 s late (a trace callback
    that sleeps before each MATCH runs), so its time limit, not chance, decides."""

    def __init__(self, database: str):
        self.database = database
        self.__name__ = f"test_slow_shard_{database}"  # Datasette lists plugins by name

    @hookimpl
    def prepare_connection(self, conn, database):
        if database == self.database:
            def slow(statement):
                if "_fts match" in statement.lower():
                    time.sleep(0.2)
            conn.set_trace_callback(slow)


@pytest.fixture
def slow_second_shard(built):
    manifest = built["4"]
    name = shards.database_name(shards.shard_paths(manifest)[1])
    plugin = SlowShard(name)
    pm.register(plugin, name="test-slow-shard")
    try:
        yield manifest, name
    finally:
        pm.unregister(name="test-slow-shard")


def sql_count(files: list[Path], query: str) -> int:
    total = 0
    for path in files:
        conn = sqlite3.connect(path)
        total += conn.execute("select count(*) from passages_fts where passages_fts match ?", (query,)).fetchone()[0]
        conn.close()
    return total


async def test_a_shard_past_its_own_time_limit_makes_every_count_at_least(slow_second_shard):
    manifest, slow = slow_second_shard
    files = shards.shard_paths(manifest)
    others = [f for f in files if shards.database_name(f) != slow]
    merged = await serve_merged(manifest)
    want = (await merged.client.get(f"/archive/-/search.json?_search=the")).json()
    # within Datasette's limit (5 s here) the slow shard answers: the whole count, nothing "at least"
    patient = await serve_shards(manifest, sql_time_limit_ms=5000)
    got = (await patient.client.get(f"{SEARCH}.json?_search=the")).json()
    assert not got["at_least"] and got["count"] == want["count"] == sql_count(files, "the")
    # its own limit (metadata: databases: <shard>: plugins: shards: sql_time_limit_ms) is 20 ms
    ds = await serve_shards(manifest, limits={slow: 20}, sql_time_limit_ms=5000)
    listed = {s["database"]: s["time_limit_ms"] for s in (await ds.client.get("/-/shards.json")).json()["archive"]["shards"]}
    assert listed[slow] == 20 and all(ms == 5000 for name, ms in listed.items() if name != slow)
    got = (await ds.client.get(f"{SEARCH}.json?_search=the")).json()
    assert got["ok"] and got["at_least"] is True
    assert got["count"] == sql_count(others, "the") < want["count"]
    assert [s["database"] for s in got["shards"] if s["timed_out"]] == [slow]
    assert [s["count"] for s in got["shards"] if s["timed_out"]] == [None]
    for column, facet in got["facets"].items():  # every facet count is a lower bound of the merged one
        whole = {i["value"]: i["count"] for i in want["facets"][column]["items"]}
        assert all(i["count"] <= whole.get(i["value"], i["count"]) for i in facet["items"]), column
        assert facet["unknown"] <= want["facets"][column]["unknown"]
    page = (await ds.client.get(f"{SEARCH}?_search=the")).text
    assert re.search(r'<span id="archive-at-least">at least</span> <b id="archive-count">' + f"{got['count']:,}</b>", page)
    assert "did not answer within their time limit" in page and "2-of-4 (20 ms)" in page
    lines = (await ds.client.get(f"{SEARCH}.csv?_search=the")).text.strip().splitlines()
    assert lines[-1].startswith(f"export stopped after {got['count']} of at least {got['count']} rows")
    assert "2-of-4" in lines[-1]


async def test_every_shard_past_its_limit_is_a_time_out_not_a_count_of_zero(built):
    manifest = built["4"]
    names = [shards.database_name(f) for f in shards.shard_paths(manifest)]
    plugins = [SlowShard(name) for name in names]
    for n, plugin in enumerate(plugins):
        pm.register(plugin, name=f"test-slow-shard-{n}")
    try:
        ds = await serve_shards(manifest, sql_time_limit_ms=20)
        response = await ds.client.get(f"{SEARCH}.json?_search=the")
        assert response.status_code == 400 and "took longer than the time limit" in response.json()["error"]
        assert (await ds.client.get(f"{SEARCH}.csv?_search=the")).status_code == 400
    finally:
        for n in range(len(plugins)):
            pm.unregister(name=f"test-slow-shard-{n}")


async def test_a_set_is_searched_only_with_every_shard_served(built):
    manifest = built["4"]
    files = [str(f) for f in shards.shard_paths(manifest)]
    ds = await started(Datasette(immutables=files[:-1], plugins_dir=str(ROOT / "plugins"),
                                 template_dir=str(ROOT / "templates"), settings={"suggest_facets": False}))
    response = await ds.client.get(f"{SEARCH}.json?_search=the")
    assert response.status_code == 404 and "4-of-4" in response.text and "not served" in response.text
    assert str(manifest.parent) not in response.text  # no server path on the web
    assert (await ds.client.get("/-/shards/nothing/search")).status_code == 404


async def test_every_shard_is_served_with_the_archives_settings(built):
    manifest = built["4"]
    metadata, shared = shards.serving_metadata(manifest, METADATA)
    names = [shards.database_name(f) for f in shards.shard_paths(manifest)]
    assert shared == {"databases": names, "settings": METADATA["databases"]["archive"]}
    assert not set(names) & set(metadata["databases"])  # kept apart: one copy, given a shard at a time
    assert metadata["plugins"]["shards"] == {"manifests": [str(manifest.resolve())]}
    assert "datasette-dashboards" not in metadata["plugins"]  # a dashboard over one shard would count a part
    assert SEARCH in metadata["description_html"] and "/archive/-/search" not in metadata["description_html"]
    ds = await serve_shards(manifest)
    archive = METADATA["databases"]["archive"]
    for name in names:
        assert ds.metadata("tables", database=name) == archive["tables"]
        assert ds.metadata("description", database=name) == archive["description"]
        hidden = [t for t, config in archive["tables"].items() if config.get("hidden")]
        tables = (await ds.client.get(f"/{name}.json")).json()["tables"]
        assert hidden and all(t["hidden"] for t in tables if t["name"] in hidden)
    assert ds.metadata("tables", database="nothing") is None


def test_serve_shards_runs_datasette_on_every_shard(built):
    manifest = built["4"]
    command, name = shards_command(manifest, "127.0.0.1", 8001)
    immutables = [command[i + 1] for i, part in enumerate(command) if part == "--immutable"]
    assert name == "archive" and immutables == [str(f) for f in shards.shard_paths(manifest)]
    metadata = json.loads(Path(command[command.index("--metadata") + 1]).read_text(encoding="utf-8"))
    assert metadata["plugins"]["shards"]["manifests"] == [str(manifest.resolve())]
    inspected = json.loads(Path(command[command.index("--inspect-file") + 1]).read_text(encoding="utf-8"))
    assert sorted(inspected) == sorted(shards.database_name(f) for f in immutables)


@pytest.mark.parametrize("content, problem", [
    (None, "no such shards manifest"),
    ("[1, 2]", "not a shards manifest"),
    ('{"version": 1, "shards": [{"label": "a", "path": "gone.db"}]}', "shard 'a' is missing"),
])
def test_serve_shards_of_a_bad_manifest_is_one_line(tmp_path, content, problem):
    manifest = tmp_path / "archive.shards.json"
    if content is not None:
        manifest.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--shards", str(manifest)])
    assert result.exit_code == 1 and problem in result.output and str(manifest) in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_the_command_serve_shards_runs_answers_across_every_shard(built):
    """The Datasette command `archive serve --shards` execs, asked one search (``--get``)."""
    manifest = built["4"]
    command, _ = shards_command(manifest, "127.0.0.1", 8001)
    files = shards.shard_paths(manifest)
    process = subprocess.run(command + ["--get", f"{SEARCH}.json?_search=prisoners"], capture_output=True, text=True,
                             timeout=120)
    assert process.returncode == 0, process.stderr
    data = json.loads(process.stdout)
    assert data["ok"] and not data["at_least"] and data["count"] == sql_count(files, "prisoners") > 0
    assert [s["database"] for s in data["shards"]] == [shards.database_name(f) for f in files]
    assert all(s["time_limit_ms"] == SETTINGS["sql_time_limit_ms"] for s in data["shards"])


async def test_a_new_build_of_the_shards_is_served_whole_never_mixed(built, tmp_path):
    """Each shard's file is switched on its own when a build replaces it; until every shard
    serves the build the manifest describes, the search says to try again: every answer counts
    one build, the old or the new."""
    folder = tmp_path / "db"
    shutil.copytree(built["4"].parent, folder, ignore=shutil.ignore_patterns("merged"))
    manifest = folder / "archive.shards.json"
    ds = await serve_shards(manifest)
    old = (await ds.client.get(f"{SEARCH}.json?_search=the")).json()["count"]
    assert old == sql_count(shards.shard_paths(manifest), "the")
    # a manifest that no longer describes the shards served (a build half switched): no count
    saved = manifest.read_text(encoding="utf-8")
    changed = json.loads(saved)
    changed["shards"][1]["passages"] += 1
    manifest.write_text(json.dumps(changed), encoding="utf-8")
    response = await ds.client.get(f"{SEARCH}.json?_search=the")
    assert response.status_code == 503 and "2-of-4" in response.text and response.headers["retry-after"]
    manifest.write_text(saved, encoding="utf-8")
    assert (await ds.client.get(f"{SEARCH}.json?_search=the")).json()["count"] == old
    # a new build of 4 shards (the seeds alone) written over the served ones
    seeds = tmp_path / "seeds.db"
    build.build(ROOT / "sources", seeds, log=quiet, full=True)
    shards.write_shards(seeds, "4", workers=1, log=quiet)
    os.replace(shards.manifest_path_for(seeds).parent / "seeds.shards.json", folder / "next.json")
    shutil.rmtree(folder / "archive.shards")
    shutil.copytree(tmp_path / "seeds.shards", folder / "archive.shards")
    text = (folder / "next.json").read_text(encoding="utf-8").replace('"seeds.shards/', '"archive.shards/')
    manifest.write_text(text.replace('"seeds.db"', '"archive.db"'), encoding="utf-8")
    new = sql_count(shards.shard_paths(manifest), "the")
    assert 0 < new < old
    counts = []
    for _ in range(400):
        response = await ds.client.get(f"{SEARCH}.json?_search=the")
        assert response.status_code in (200, 503)
        if response.status_code == 200:
            counts.append(response.json()["count"])
            if counts[-1] == new:
                break
        await asyncio.sleep(0.05)
    assert counts[-1] == new and set(counts) <= {old, new}


async def test_the_search_across_shards_needs_permission_to_view_every_shards_passages(built):
    manifest = built["4"]
    metadata = json.loads(shards.write_serving_metadata(manifest, METADATA).read_text(encoding="utf-8"))
    locked = shards.database_name(shards.shard_paths(manifest)[2])
    metadata["databases"][locked] = {"tables": {"passages": {"allow": {"id": "editor"}}}}
    ds = await started(Datasette(immutables=[str(f) for f in shards.shard_paths(manifest)], metadata=metadata,
                                 plugins_dir=str(ROOT / "plugins"), template_dir=str(ROOT / "templates"),
                                 settings={"suggest_facets": False}))
    for fmt in (".json", "", ".csv"):
        assert (await ds.client.get(f"{SEARCH}{fmt}?_search=the")).status_code == 403
    editor = {"ds_actor": ds.sign({"a": {"id": "editor"}}, "actor")}
    assert (await ds.client.get(f"{SEARCH}.json?_search=the", cookies=editor)).json()["count"] > 0
