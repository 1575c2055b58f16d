"""The build on Dask distributed (issue 15): a LocalCluster of 2 worker processes, started here,
builds the seeds plus a small synthetic corpus into the same rows, with the same ids, as the local
process pool; a worker killed mid-build is survived, and a cluster that cannot finish leaves the
old database as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

from ingest import build, cluster, shards  # noqa: E402
from ingest.cli import cli  # noqa: E402
from ingest.errors import ArchiveError  # noqa: E402

from .test_shards import SERVED, TABLES, dump, synthetic_sources  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120  # seconds any one client call may take here: the tests cannot hang


def quiet(_line):
    pass


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    sources = synthetic_sources(folder)
    local = folder / "local.db"
    build.build(sources, local, log=quiet, workers=2, full=True)
    return sources, local


@pytest.fixture(scope="module")
def client():
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        local = cluster.local_cluster(2)  # as `archive build --cluster local:2` starts it
        with distributed.Client(local, timeout=TIMEOUT) as connected:
            connected.wait_for_workers(2, timeout=TIMEOUT)
            yield connected
        local.close(timeout=TIMEOUT)


def cluster_build(sources, db_path, client, mapper=None, ship=False):
    previous = build.MAPPER
    build.MAPPER = mapper or cluster.DaskMapper(client, ship_files=ship, timeout=TIMEOUT)
    try:
        return build.build(sources, db_path, log=quiet, full=True)
    finally:
        build.MAPPER = previous


def test_the_cluster_build_gives_the_local_rows_and_ids(corpus, client, tmp_path):
    sources, local = corpus
    mapper = cluster.DaskMapper(client, timeout=TIMEOUT)
    report = cluster_build(sources, tmp_path / "dask.db", client, mapper)
    expected = dump(local)
    assert report.documents == len(expected["documents"]) > 200
    assert mapper.tasks > 0  # both stages ran on the cluster
    got = dump(tmp_path / "dask.db")
    for table in TABLES:
        assert got[table] == expected[table], table
    assert len(expected["statements"]) > len(expected["passages"]) > 0 and expected["figures"]


def test_the_local_cluster_workers_run_without_dask_background_work(client):
    def settings():
        import os

        return (dask.config.get("distributed.worker.profile.enabled"), os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                os.environ.get("OMP_NUM_THREADS"))
    assert set(client.run(settings).values()) == {(False, None, "1")}
    assert client.run_on_scheduler(lambda dask_scheduler: "stealing" in dask_scheduler.extensions) is False


def test_shipped_files_give_the_same_rows(corpus, client, tmp_path):
    sources, local = corpus
    cluster_build(sources, tmp_path / "shipped.db", client, ship=True)
    assert dump(tmp_path / "shipped.db") == dump(local)


def test_files_are_shipped_as_bytes_and_land_under_their_name(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"some text\n")
    shipped = cluster.ship([(path, "sources/articles/a.txt", None)])
    assert shipped[0][0] == cluster.Shipped("a.txt", b"some text\n")
    landed = cluster.land(shipped, tmp_path)[0][0]
    assert landed.name == "a.txt" and landed.read_bytes() == b"some text\n" and landed != path


class KillingMapper(cluster.DaskMapper):
    """Kills one worker process as soon as the second stage's first tasks are submitted."""

    killed = False

    def submit(self, function, part, *args):
        futures = super().submit(function, part, *args)
        if not self.killed and function is build.files_rows:
            pids = self.client.run(os.getpid)
            os.kill(sorted(pids.values())[0], signal.SIGKILL)
            self.killed = True
        return futures


def test_a_worker_killed_mid_build_is_survived_with_the_same_rows(corpus, client, tmp_path):
    sources, local = corpus
    mapper = KillingMapper(client, timeout=TIMEOUT)
    cluster_build(sources, tmp_path / "killed.db", client, mapper)
    assert mapper.killed
    assert dump(tmp_path / "killed.db") == dump(local)
    client.wait_for_workers(2, timeout=TIMEOUT)  # the nanny starts the killed worker again


def test_a_cluster_that_cannot_finish_fails_in_one_line_and_keeps_the_old_database(corpus, client, tmp_path):
    sources, local = corpus
    db_path = tmp_path / "archive.db"
    shutil.copyfile(local, db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()

    def die(*items):  # every worker that runs a second-stage task dies
        os._exit(1)

    class DyingMapper(cluster.DaskMapper):
        def __call__(self, function, items, state, batch):
            return super().__call__(die if function is build.files_rows else function, items, state, batch)

    with pytest.raises(ArchiveError) as failure:
        cluster_build(sources, db_path, client, DyingMapper(client, timeout=TIMEOUT))
    message = str(failure.value)
    assert "\n" not in message and "Dask cluster could not finish" in message and "unchanged" in message
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert not list(tmp_path.glob(".archive.db.*"))  # no half-written archive left
    client.wait_for_workers(2, timeout=TIMEOUT)


def test_the_shards_are_written_on_the_cluster_and_merge_into_the_local_rows(corpus, client, tmp_path):
    _, local = corpus
    db_path = tmp_path / "archive.db"
    shutil.copyfile(local, db_path)
    manifest = shards.write_shards(db_path, "publisher", client=client, log=quiet)
    assert len(manifest["shards"]) > 2
    shards.merge_shards(shards.manifest_path_for(db_path), tmp_path / "merged.db")
    assert dump(tmp_path / "merged.db", SERVED) == dump(local, SERVED)


def test_the_cli_builds_on_a_local_cluster(tmp_path):
    # its own process, as a user runs it (one client per process)
    result = subprocess.run([sys.executable, "-m", "ingest", "build", "--sources", str(ROOT / "sources"),
                             "--db", str(tmp_path / "a.db"), "--cluster", "local:1", "--full"],
                            capture_output=True, text=True, timeout=TIMEOUT, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    local = tmp_path / "b.db"
    build.build(ROOT / "sources", local, log=quiet, workers=1, full=True)
    assert dump(tmp_path / "a.db") == dump(local)


@pytest.mark.parametrize("arguments, problem", [
    (["--cluster", "local:zero"], "positive integer"),
    (["--ship"], "only with --cluster"),
])
def test_bad_cluster_options_are_one_line(tmp_path, arguments, problem):
    result = CliRunner().invoke(cli, ["build", "--sources", str(ROOT / "sources"), "--db", str(tmp_path / "a.db"), *arguments])
    assert result.exit_code != 0 and problem in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_without_dask_the_cluster_option_says_how_to_install(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    result = CliRunner().invoke(cli, ["build", "--sources", str(ROOT / "sources"), "--db", str(tmp_path / "a.db"),
                                      "--cluster", "local:2"])
    assert result.exit_code != 0 and "pip install -e '.[cluster]'" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "a.db").exists()
