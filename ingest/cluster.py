"""The build's two map stages on Dask distributed (``archive build --cluster``).

The build is a map over files (the short lines of each document), one reduce (the lines that
repeat per publisher, in the client), a map over files again (each document's rows) and one
writer. ``ingest.build.pooled`` runs the maps over a local process pool; ``using(client)`` puts
a Dask client in its place (``build.MAPPER``), so both stages run on the cluster and every row
is made by the same functions as in a local build.

- The build state (registries, and the repeated lines of the first stage) is scattered to every
  worker once per stage; each task receives the same object, and a worker sets it once.
- Files reach the workers by path (a shared filesystem) or, with ``ship=True``, as bytes read by
  the client and written to a private temporary file on the worker.
- A task whose worker dies is run again elsewhere (Dask's own rescheduling, plus ``RETRIES``);
  when the cluster cannot finish, the build stops with one line (``ArchiveError``) before the new
  database replaces the old one.

Dask is optional: ``pip install -e '.[cluster]'``.
"""

from __future__ import annotations

import collections
import pickle
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import build
from .errors import ArchiveError

INSTALL = "pip install -e '.[cluster]'"
RETRIES = 2  # runs of a task that raised on a worker (a dead worker's tasks are rescheduled anyway)
TASK_TIMEOUT = 1800.0  # seconds the client waits for one result before the build fails
CONNECT_TIMEOUT = 60.0
RESUBMISSIONS = 2  # times a task cancelled by a worker's death is submitted again
TASKS_PER_WORKER = 4  # tasks per worker for each batch of items (two batches' worth are in flight)


# Settings of the LocalCluster that ``--cluster local[:N]`` starts: its workers run CPU-bound Python,
# so Dask's own background work in each worker process is cut down (it takes the GIL from the task):
LOCAL_CONFIG = {
    # the statistical profiler samples the running task's stack every 10 ms (for the dashboard)
    "distributed.worker.profile.enabled": False,
    # the event loop's tick (a check for a blocked loop), 20 ms by default
    "distributed.admin.tick.interval": "1s",
    # the worker's and nanny's memory and system monitors, every 100 and 500 ms by default
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    # the tasks are as many as the workers can take and alike: nothing to steal, every 100 ms
    "distributed.scheduler.work-stealing": False,
    # Dask sets MALLOC_TRIM_THRESHOLD_=65536 in every worker: glibc then gives memory back after
    # each large free and asks for it again, for a map that allocates and frees rows all along;
    # the workers get glibc's default, as the process pool's do
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}


def local_cluster(n: int):
    """A LocalCluster of ``n`` worker processes with one thread each, set as ``LOCAL_CONFIG`` says
    (the nannies hand the settings to the workers when they start them)."""
    import dask
    distributed = require_dask()
    with dask.config.set(LOCAL_CONFIG):
        return distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=40)


def require_dask():
    """The ``distributed`` module, or a one-line ArchiveError saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise ArchiveError(f"--cluster needs Dask distributed, which is not installed: {INSTALL}") from None
    return distributed


@contextmanager
def client_for(address: str, timeout: float = CONNECT_TIMEOUT):
    """A Dask client for ``address``: ``local`` or ``local:N`` starts a LocalCluster of N worker
    processes (default: every core) with one thread each; anything else is a scheduler address."""
    distributed = require_dask()
    cluster = None
    try:
        if address == "local" or address.startswith("local:"):
            count = address.partition(":")[2]
            if count and not (count.isdigit() and int(count) > 0):
                raise ArchiveError(f"--cluster {address}: the number of workers must be a positive integer (local:N)")
            n = int(count) if count else build.default_workers()
            cluster = local_cluster(n)
            client = distributed.Client(cluster, timeout=timeout)
        else:
            client = distributed.Client(address, timeout=timeout)
    except ArchiveError:
        raise
    except (OSError, TimeoutError, ValueError) as error:
        if cluster is not None:
            cluster.close()
        raise ArchiveError(f"--cluster {address}: cannot reach the Dask scheduler ({first_line(error)})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


@dataclass(frozen=True)
class Shipped:
    """A file's bytes in place of its path (``--ship``): the worker writes them to a temporary
    file of the same name and reads that."""
    name: str
    data: bytes


def ship(item):
    """``item`` with each readable regular file (Path) replaced by its bytes. Symbolic links stay
    paths: the reader checks where they point, as in a local build."""
    if isinstance(item, Path):
        if item.is_symlink() or not item.is_file():
            return item
        return Shipped(item.name, item.read_bytes())
    if isinstance(item, (list, tuple)):
        return type(item)(ship(x) for x in item)
    return item


def land(item, folder: Path):
    """``ship`` undone on the worker: each Shipped written to a file under ``folder``."""
    if isinstance(item, Shipped):
        target = Path(tempfile.mkdtemp(dir=folder)) / item.name
        target.write_bytes(item.data)
        return target
    if isinstance(item, (list, tuple)):
        return type(item)(land(x, folder) for x in item)
    return item


def run_task(function, item, state):
    """On a worker: ``function(*item)`` with the build state set (once per scattered state)."""
    if build.WORKER.get("_state") is not state:
        build.set_worker({**state, "_state": state})
    if not contains_shipped(item):
        return function(*item)
    folder = Path(tempfile.mkdtemp(prefix="archive-ship-"))
    try:
        return function(*land(item, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_chunk(function, items, state) -> bytes:
    """On a worker: ``run_task`` for each item of a chunk, results in order, pickled here into one
    bytes object (as the process pool's workers send theirs). Dask then holds, sizes and sends
    plain bytes: it does not walk the rows to estimate their memory, and the worker frees them
    at once."""
    return pickle.dumps([run_task(function, item, state) for item in items], protocol=pickle.HIGHEST_PROTOCOL)


def contains_shipped(item) -> bool:
    if isinstance(item, Shipped):
        return True
    if isinstance(item, (list, tuple)):
        return any(contains_shipped(x) for x in item)
    return False


class DaskMapper:
    """``build.MAPPER`` over a Dask client: ``function(*item)`` per item, results in order.

    Items go in tasks of a few hundred files (``TASKS_PER_WORKER`` tasks per worker for each
    ``batch`` of items). Two batches' worth of tasks are in flight, refilled one task at a time:
    as soon as the oldest task's results are taken, another task is submitted, so the workers
    are never left idle at a batch's end while the writer takes the last results of the one
    before (which a batch-by-batch refill did)."""

    def __init__(self, client, ship_files: bool = False, timeout: float = TASK_TIMEOUT, retries: int = RETRIES):
        self.client, self.ship_files, self.timeout, self.retries = client, ship_files, timeout, retries
        self.tasks = 0

    def __call__(self, function, items, state: dict, batch: int):
        distributed = require_dask()
        pending: collections.deque = collections.deque()  # (future, function, chunk, resubmissions left)
        self.state, self.scattered = state, None
        try:
            workers = max(1, len(self.client.scheduler_info().get("workers", {})))
            size = max(1, -(-batch // (TASKS_PER_WORKER * workers)))  # items per task
            window = 2 * -(-batch // size)  # tasks in flight: two batches
            for chunk in build.batched(items, size):
                pending.append(self.submit(function, chunk))
                if len(pending) >= window:
                    yield from self.result(pending.popleft())
            while pending:
                yield from self.result(pending.popleft())
        except (distributed.client.FutureCancelledError, distributed.scheduler.KilledWorker, TimeoutError, OSError,
                distributed.comm.CommClosedError) as error:
            raise ArchiveError(f"the Dask cluster could not finish the build ({type(error).__name__}: "
                               f"{first_line(error)}); the previous database is unchanged") from None
        finally:
            for future, *_ in pending:
                future.release()

    def scatter(self):
        """The build state on every worker, scattered again when a worker's death lost it (a
        list of one: a dict would be scattered value by value under its own keys, the same keys
        at every stage, so releasing one stage's data lost the next stage's)."""
        if self.scattered is None or self.scattered.status != "finished":
            [self.scattered] = self.client.scatter([self.state], broadcast=True, hash=False, timeout=self.timeout)
        return self.scattered

    def submit(self, function, chunk, resubmissions: int = RESUBMISSIONS) -> tuple:
        """One task for a chunk of items (a few hundred files: the scheduler's cost per task, about a
        millisecond in the client's process, would otherwise rival the work)."""
        chunk = list(chunk)
        items = [ship(item) for item in chunk] if self.ship_files else chunk
        self.tasks += 1
        future = self.client.submit(run_chunk, function, items, state=self.scatter(), pure=False, retries=self.retries)
        return future, function, chunk, resubmissions

    def result(self, entry) -> list:
        """A task's results, unpickled; the task is then forgotten. A task the scheduler gave up
        on when a worker died (its state lost with the worker: "cancelled") is submitted again,
        with the state scattered again, up to ``RESUBMISSIONS`` times."""
        distributed = require_dask()
        future, function, chunk, resubmissions = entry
        try:
            return pickle.loads(future.result(timeout=self.timeout))
        except distributed.client.FutureCancelledError:
            if not resubmissions:
                raise
            return self.result(self.submit(function, chunk, resubmissions - 1))
        finally:
            future.release()


@contextmanager
def using(client, ship_files: bool = False, timeout: float = TASK_TIMEOUT):
    """Within the block, every build map (``build.pooled``) runs on ``client``."""
    previous = build.MAPPER
    build.MAPPER = DaskMapper(client, ship_files=ship_files, timeout=timeout)
    try:
        yield build.MAPPER
    finally:
        build.MAPPER = previous


def build_on_cluster(sources, db_path, address: str, ship_files: bool = False, **options):
    """``build.build`` with both map stages on the Dask cluster at ``address``."""
    with client_for(address) as client, using(client, ship_files=ship_files):
        return build.build(sources, db_path, **options)

