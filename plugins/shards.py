"""An archive in shards served as one: a search across every shard, its facets and its CSV.

``archive serve --shards db/archive.shards.json`` serves each shard the manifest lists as a
database of its own (``001-1-of-4``, ...), each through plugins/fast_facets.py (its own facet
index, its own connections and search slots). This plugin adds one route per set of shards,
named after the archive they were cut from (``archive``)::

    /-/shards/archive/search         the search page, over every shard
    /-/shards/archive/search.json    its JSON
    /-/shards/archive/search.csv     every matching passage, in the page's order
    /-/shards.json                   the sets, their shards and whether each index is loaded

The search fans out: each shard runs the search page's own steps (``fast_facets``: its FTS
queries, filters, every facet value's count, its first rows in the page's order) at once, each
under its own time limit; the counts are added, the facet values re-ranked as the single file
ranks them (count, then value), and the rows merged by the sort value then rowid (a shard keeps
each row's rowid in the single archive). The answer is the merged file's: the same count, facets,
rows and CSV (tests/test_shard_serving.py).

A shard's time limit is Datasette's ``sql_time_limit_ms``, or lower for one shard with
``databases: {<shard>: {plugins: {shards: {sql_time_limit_ms: N}}}}`` in the metadata. A shard
that does not answer in time is left out and said to be: the count and every facet count are
then "at least" (``at_least: true`` and the shard ``timed_out`` in the JSON; "at least N" on the
page; a last CSV line), never a silent partial count. When no shard answers, the page says the
search took too long, as for one file.

The sets are the manifests named in the plugin's settings (``plugins: {shards: {manifests:
[...]}}``, which ``archive serve --shards`` writes), else any manifest beside the served files
(``X.shards.json`` for ``X.shards/*.db``). A set is searchable only when every shard it lists is
served.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import csv
import io
import json
import sys
import time
import weakref
from pathlib import Path

from datasette import hookimpl
from datasette.plugins import pm
from datasette.utils import module_from_path
from datasette.utils.asgi import AsgiStream, Response

try:
    from ingest import shards as shard_files
    from ingest.errors import ArchiveError
except ImportError:  # served without the package installed: use the checkout beside plugins/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ingest import shards as shard_files
    from ingest.errors import ArchiveError

PLUGIN = "shards"
FAST_FACETS = "fast_facets.py"


def fast_facets():
    """The one fast_facets module Datasette serves with (its classes and state are shared: an
    import of our own would be a second copy). Registered here when this plugin loads first."""
    module = pm.get_plugin(FAST_FACETS)
    if module is None:
        module = module_from_path(str(Path(__file__).resolve().parent / FAST_FACETS), name=FAST_FACETS)
        try:
            pm.register(module)
        except ValueError:  # registered meanwhile
            module = pm.get_plugin(FAST_FACETS)
    return module


ff = fast_facets()


def value_key(value):
    """The order of facet and sort values in fast_facets' index (numbers before text)."""
    return (isinstance(value, str), value)


# ---------------------------------------------------------------- the sets of shards

class ShardSet:
    """A manifest's shards as served here (plain classes: a plugin module is not in sys.modules,
    which dataclasses need)."""

    def __init__(self, name: str, manifest: Path):
        self.name, self.manifest = name, manifest
        self.shards: list[dict] = []  # {"label", "database", "file"}
        self.missing: list[str] = []  # labels of the shards not served here
        self.error: str | None = None
        self.identity = None  # the manifest file's, when read
        self.passages: dict[str, int] = {}  # database -> passages, as the manifest says

    def read(self, manifest: dict, identity) -> None:
        self.identity = identity
        counts = {str(m["file"]): m.get("passages") for m in manifest["shards"]}
        self.passages = {s["database"]: counts[s["file"]] for s in self.shards if counts.get(s["file"]) is not None}

    def refresh(self) -> None:
        """Read the manifest again when a build has replaced it (the shards it lists must be the
        ones served: another layout needs a restart)."""
        try:
            identity = ff.file_identity(self.manifest)
        except OSError:  # being replaced: keep what is known
            return
        if identity == self.identity or self.identity is None:
            return
        try:
            manifest = shard_files.read_manifest(self.manifest)
        except ArchiveError:  # shards missing meanwhile: the next request looks again
            return
        if [str(m["file"]) for m in manifest["shards"]] != [s["file"] for s in self.shards]:
            self.error = (f"{self.manifest}: a new build lists other shards than those served; "
                          "restart archive serve --shards to serve them")
            return
        self.read(manifest, identity)


SETS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def configured_manifests(datasette) -> list[Path]:
    config = datasette.plugin_config(PLUGIN) or {}
    manifests = config.get("manifests") or ([config["manifest"]] if config.get("manifest") else [])
    return [Path(m) for m in manifests]


def detected_manifests(datasette) -> list[Path]:
    """``X.shards.json`` beside the folder ``X.shards`` of any served file."""
    found = []
    for db in datasette.databases.values():
        if db.is_memory or not db.path:
            continue
        folder = Path(db.path).resolve().parent
        manifest = folder.with_name(folder.name + ".json")
        if folder.name.endswith(".shards") and manifest.is_file() and manifest not in found:
            found.append(manifest)
    return found


def shard_sets(datasette) -> dict[str, ShardSet]:
    """The sets of shards this Datasette serves, by name (read once)."""
    if datasette in SETS:
        return SETS[datasette]
    served = {Path(db.path).resolve(): name for name, db in datasette.databases.items() if not db.is_memory and db.path}
    sets = {}
    for manifest_path in configured_manifests(datasette) or detected_manifests(datasette):
        name = manifest_path.name.removesuffix(".json").removesuffix(".shards")
        shard_set = ShardSet(name=name, manifest=manifest_path)
        try:
            identity = ff.file_identity(manifest_path)
            manifest = shard_files.read_manifest(manifest_path)
        except OSError as error:
            shard_set.error = f"{manifest_path}: {error.strerror or error}"
        except ArchiveError as error:
            shard_set.error = str(error)
        else:
            shard_set.name = shard_files.set_name(manifest_path, manifest)
            for shard in manifest["shards"]:
                database = served.get(Path(shard["file"]).resolve())
                if database is None:
                    shard_set.missing.append(shard["label"])
                else:
                    shard_set.shards.append({"label": shard["label"], "database": database, "file": str(shard["file"])})
            if shard_set.missing:
                shard_set.error = (f"{manifest_path}: shards {', '.join(shard_set.missing)} are not served here; "
                                   "serve every shard of the manifest (archive serve --shards)")
            shard_set.read(manifest, identity)
        sets[shard_set.name] = shard_set
    SETS[datasette] = sets
    return sets


DATABASE_METADATA: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
READING_CONFIG = contextvars.ContextVar("shards_reading_config", default=False)


def shard_settings(datasette) -> dict:
    """{shard: its settings} from the file ``archive serve --shards`` names in the plugin's
    settings (``database_metadata``); read once."""
    if datasette in DATABASE_METADATA:
        return DATABASE_METADATA[datasette]
    token = READING_CONFIG.set(True)  # plugin_config reads metadata, which calls get_metadata
    try:
        path = (datasette.plugin_config(PLUGIN) or {}).get("database_metadata")
    finally:
        READING_CONFIG.reset(token)
    settings = {}
    if path:
        try:
            shared = json.loads(Path(path).read_text(encoding="utf-8"))
            settings = {name: shared.get("settings") or {} for name in shared.get("databases") or []}
        except (OSError, ValueError) as error:
            sys.stderr.write(f"{path}: the shards' settings could not be read ({error})\n")
    DATABASE_METADATA[datasette] = settings
    return settings


def two_levels(config: dict) -> dict:
    """A copy Datasette's metadata merge may update without changing ours."""
    return {k: dict(v) if isinstance(v, dict) else v for k, v in config.items()}


@hookimpl
def get_metadata(datasette, key, database, table):
    """Each shard's settings (the archive's: descriptions, hidden tables, facets, labels), given
    only for the database asked about, so Datasette's per-check copy of its metadata stays the
    size of one database's, however many shards are served."""
    if READING_CONFIG.get():
        return None
    settings = shard_settings(datasette)
    if not settings:
        return None
    if database is not None:
        return {"databases": {database: two_levels(settings[database])}} if database in settings else None
    return {"databases": {name: two_levels(config) for name, config in settings.items()}}


def time_limit_ms(datasette, database: str) -> int:
    """A shard's own time limit: Datasette's ``sql_time_limit_ms``, or lower where the shard's
    metadata says ``plugins: {shards: {sql_time_limit_ms: N}}``."""
    default = datasette.setting("sql_time_limit_ms")
    config = datasette.plugin_config(PLUGIN, database=database) or {}
    value = config.get("sql_time_limit_ms")
    return min(default, int(value)) if value else default


# ---------------------------------------------------------------- one shard's share

class Part:
    """One shard in one request: its database, facet index, time limit and deadline (from the
    start of the request), and what its search found."""

    def __init__(self, label: str, name: str, db, index, limit_ms: int, deadline):
        self.label, self.name, self.db, self.index = label, name, db, index
        self.limit_ms, self.deadline = limit_ms, deadline
        self.expression = None
        self.rowids = self.stmts = self.facets = self.ordered = None
        self.timed_out = False


async def shard_matches(part: Part, request):
    """The shard's matching passages and the statements that hold the match: fast_facets' own
    queries, under the shard's deadline; the shard is marked timed out when they do not finish."""
    _, part.expression = ff.search_expression(request, part.db)
    try:
        return await ff.search_matches(part.db, part.index, part.expression, part.deadline)
    except ff.TimeLimit:
        part.timed_out = True
        return None


async def fan_out(parts: list[Part], request, filters, sort, descending, limit, facets: bool = True):
    """Every shard's search at once; then, for those that answered (in one thread: numpy), their
    passages and statements after the filters, every facet value's count, and their first
    ``limit`` rowids in the page's order (all for None), merged into one order. Returns the
    shards that answered, and the merged order as (shard number, rowid) arrays."""
    found = await asyncio.gather(*(shard_matches(p, request) for p in parts))
    answered = [(p, f) for p, f in zip(parts, found) if not p.timed_out]

    def work():
        for part, (matched, held) in answered:
            part.rowids, part.stmts = ff.search_sets(part.index, matched, held, filters)
            part.facets = ff.search_facets(part.index, part.rowids, part.stmts, size=None) if facets else None
            part.ordered = part.index.order(part.rowids, sort, descending, limit=limit)
        return merge_order([p for p, _ in answered], sort, descending) if answered else (None, None)

    owners, rowids = await asyncio.to_thread(work)
    return [p for p, _ in answered], owners, rowids


def add_facets(parts: list[Part], size: int = 0) -> dict:
    """The shards' facet counts added, each facet's values ranked as one file ranks them: by
    count, then by value; the first ``size`` (fast_facets.FACET_SIZE when 0)."""
    size = size or ff.FACET_SIZE
    out = {}
    for column in parts[0].facets:
        counts: collections.Counter = collections.Counter()
        unknown = outlet = 0
        for part in parts:
            f = part.facets[column]
            for value, count in f["items"]:
                counts[value] += count
            unknown += f["unknown"]
            outlet += f["outlet"]
        ranked = sorted(((v, n) for v, n in counts.items() if n), key=lambda item: (-item[1], value_key(item[0])))
        out[column] = {"items": ranked[:size], "unknown": unknown, "outlet": outlet, "distinct": len(ranked)}
    return out


MAPPINGS: collections.OrderedDict = collections.OrderedDict()  # (generations, column) -> codes
MAPPING_CACHE = 16


def value_mappings(parts: list[Part], column: str):
    """For each shard, its codes of ``column`` mapped to codes over every shard's values (in the
    index's order), and the number of values; cached: a generation's index never changes."""
    key = (tuple(id(part.index) for part in parts), column)
    cached = MAPPINGS.get(key)
    if cached is not None and all(ref() is part.index for ref, part in zip(cached[0], parts)):
        MAPPINGS.move_to_end(key)
        return cached[1]
    numpy = parts[0].index.numpy
    values = sorted({v for part in parts for v in part.index.values[column][1:]}, key=value_key)
    code = {v: i for i, v in enumerate(values, start=1)}
    mappings = [numpy.array([0] + [code[v] for v in part.index.values[column][1:]], dtype=numpy.int64) for part in parts]
    # weak references: a replaced file's index is freed with its generation (and an id reused
    # by a new index is not mistaken for the old one)
    MAPPINGS[key] = ([weakref.ref(part.index) for part in parts], (mappings, len(values)))
    while len(MAPPINGS) > MAPPING_CACHE:
        MAPPINGS.popitem(last=False)
    return mappings, len(values)


def merge_order(parts: list[Part], column: str, descending: bool):
    """The shards' ordered rowids merged into one order, as one file orders them: by the value of
    ``column`` (unknown last either way), then by rowid. Returns (shard number, rowid) arrays."""
    numpy = parts[0].index.numpy
    mappings, count = value_mappings(parts, column)
    last = count + 1
    span = max(len(part.index.present) for part in parts)
    keys, owners = [], []
    for number, (part, mapping) in enumerate(zip(parts, mappings)):
        codes = mapping[part.index.codes[column][part.ordered]]
        rank = numpy.where(codes == 0, last, (last - codes) if descending else codes)
        keys.append(rank * span + part.ordered)
        owners.append(numpy.full(len(part.ordered), number, dtype=numpy.int64))
    order = numpy.argsort(numpy.concatenate(keys), kind="stable")
    return numpy.concatenate(owners)[order], numpy.concatenate([part.ordered for part in parts])[order]


async def shard_rows(part: Part, shown) -> list[dict]:
    """The rows of this shard shown on the page, as fast_facets gives them, with their shard."""
    if len(shown) == 0:
        return []
    rows, marked = await asyncio.gather(ff.read_rows(part.db, part.index, shown, part.deadline),
                                        ff.highlights(part.db, part.expression, shown, part.deadline))
    voices = part.index.statements.voices(part.stmts, shown) if part.stmts is not None else {}
    ff.with_segments_and_voices(rows, marked, voices)
    for row in rows:
        row["database"] = part.name
    return rows


def timed_out_note(parts: list[Part]) -> str:
    late = [p for p in parts if p.timed_out]
    if not late:
        return ""
    names = ", ".join(f"{p.label} ({p.limit_ms} ms)" for p in late)
    return (f"{len(late)} of {len(parts)} shards did not answer within their time limit: {names}. "
            "Their passages are not counted or listed: every count here is a lower bound.")


# ---------------------------------------------------------------- the route

async def search_view(request, datasette):
    name = request.url_vars["name"]
    fmt = request.url_vars.get("format") or "html"
    shard_set = shard_sets(datasette).get(name)
    if shard_set is None:
        return Response.text(f"no set of shards named {name}", status=404)
    started = time.monotonic()
    await asyncio.gather(*(ff.check_permissions(datasette, request, shard["database"]) for shard in shard_set.shards))
    shard_set.refresh()
    if shard_set.error:
        return Response.text(public(shard_set, shard_set.error), status=404)
    parts = []
    for shard in shard_set.shards:
        db = datasette.get_database(shard["database"])
        index = await ff.get_index(db, datasette.setting("sql_time_limit_ms") / 1000)
        if index is None:  # no passages table, or no numpy
            return Response.text(f"the search index could not be loaded for shard {shard['label']}", status=404)
        if index is ff.LOADING:
            return Response.text("The search index is still loading: try again in a few seconds.", status=429,
                                 headers={"retry-after": "5"})
        limit = time_limit_ms(datasette, shard["database"])
        parts.append(Part(shard["label"], shard["database"], db, index, limit, ff.Deadline(limit / 1000)))
    # one build at a time: each shard's file is switched on its own when a build replaces it, so
    # until every shard serves the build the manifest describes, the answer would mix two builds
    mixed = [p.label for p in parts
             if shard_set.passages.get(p.name) is not None and len(p.index.all_rowids) != shard_set.passages[p.name]]
    if mixed:
        return Response.text(f"The shards are being replaced by a new build ({', '.join(mixed)} not yet): "
                             "try again in a few seconds.", status=503, headers={"retry-after": "5"})
    try:
        if fmt == "csv":
            return await export_csv(request, datasette, parts)
        return await search_page(request, datasette, parts, fmt, started)
    except ff.BadRequest as error:
        return await ff.error_response(datasette, request, fmt, str(error), 400)


def public(shard_set: ShardSet, message: str) -> str:
    """A message for the web: paths relative to the manifest's folder."""
    return message.replace(str(shard_set.manifest.parent) + "/", "")


async def too_long(datasette, request, fmt):
    limit = datasette.setting("sql_time_limit_ms")
    return await ff.error_response(
        datasette, request, fmt,
        f"This search took longer than the time limit ({limit} ms) and was stopped. Narrow it with more words or a filter.", 400)


async def search_page(request, datasette, parts: list[Part], fmt: str, started: float):
    query, _ = ff.search_expression(request)
    filters = ff.parse_filters(request.args)
    sort, descending = ff.parse_sort(request.args)
    page, size = ff.page_number(request)
    answered, owners, rowids = await fan_out(parts, request, filters, sort, descending, page * size)
    if not answered:
        return await too_long(datasette, request, fmt)
    facets = add_facets(answered)
    owners, rowids = owners[(page - 1) * size: page * size], rowids[(page - 1) * size: page * size]
    try:
        read = await asyncio.gather(*(shard_rows(p, rowids[owners == n]) for n, p in enumerate(answered)))
    except ff.TimeLimit:
        return await too_long(datasette, request, fmt)
    by_rowid = {row["rowid"]: row for rows in read for row in rows}
    rows = [by_rowid[int(r)] for r in rowids if int(r) in by_rowid]
    total = sum(int(len(p.rowids)) for p in answered)
    at_least = len(answered) < len(parts)
    extra = {
        "at_least": at_least,
        "shards": [{"label": p.label, "database": p.name, "time_limit_ms": p.limit_ms, "timed_out": p.timed_out,
                    "count": None if p.timed_out else int(len(p.rowids))} for p in parts],
        "shards_note": timed_out_note(parts),
    }
    return await ff.search_response(request, datasette, fmt, answered[0].name, answered[0].index, query, filters,
                                    sort, descending, page, size, total, facets, rows, started, extra)


# ---------------------------------------------------------------- the export

def csv_records(text: str, count: int) -> list[str]:
    """The ``count`` records of CSV text, each with its line end: lines joined while a quoted
    field is open (an odd number of quote marks so far)."""
    end = "\r\n" if "\r\n" in text else "\n"
    records, current, open_field = [], [], False
    pieces = text.split(end)
    if pieces and pieces[-1] == "":
        pieces.pop()
    for piece in pieces:
        current.append(piece)
        if piece.count('"') % 2:
            open_field = not open_field
        if not open_field:
            records.append(end.join(current) + end)
            current = []
    if current or len(records) != count:
        raise ValueError(f"CSV of {count} rows split into {len(records)} records")
    return records


async def export_csv(request, datasette, parts: list[Part]):
    """Every matching passage of every shard that answered, in the page's order (each batch read
    from each shard at once, by fast_facets' own export query), as one CSV."""
    if not datasette.setting("allow_csv_stream"):
        raise ff.BadRequest("CSV export of every row is turned off on this server (allow_csv_stream)")
    filters = ff.parse_filters(request.args)
    sort, descending = ff.parse_sort(request.args)
    answered, owners, ordered = await fan_out(parts, request, filters, sort, descending, None, facets=False)
    if not answered:
        limit = datasette.setting("sql_time_limit_ms")
        return Response.text(f"This search took longer than the time limit ({limit} ms).", status=400)
    total = sum(int(len(p.rowids)) for p in answered)
    late = [p for p in parts if p.timed_out]

    def batch(part: Part, rowids):
        def run(conn):
            from datasette.utils import sqlite_timelimit

            with sqlite_timelimit(conn, part.limit_ms):
                return ff.export_batch(conn, part.index, rowids, part.stmts)
        return run

    async def read_part(part: Part, rowids):
        slots = ff.search_slots(part.db)
        await slots.acquire()
        try:
            text, count = await part.db.execute_fn(batch(part, rowids))
        finally:
            slots.release()
        return csv_records(text, count) if count else []

    async def read(start: int):
        """One batch: each shard's rows of it at once, then the records in the batch's order."""
        who = owners[start:start + ff.EXPORT_BATCH]
        rowids = ordered[start:start + ff.EXPORT_BATCH]
        numbers = sorted({int(n) for n in who})
        got = await asyncio.gather(*(read_part(answered[n], rowids[who == n]) for n in numbers))
        records = {n: iter(r) for n, r in zip(numbers, got)}
        out = [next(records[int(n)], "") for n in who]
        return "".join(out), sum(len(r) for r in got)

    async def stream(writer):
        export_deadline = time.monotonic() + ff.EXPORT_TIME_LIMIT_S
        header = io.StringIO()
        csv.writer(header).writerow(ff.EXPORT_COLUMNS)
        await writer.write(header.getvalue())
        written = 0
        starts = collections.deque(range(0, len(ordered), ff.EXPORT_BATCH))
        pending: collections.deque = collections.deque()

        def read_ahead():
            while starts and len(pending) < ff.EXPORT_AHEAD and time.monotonic() <= export_deadline:
                pending.append(asyncio.ensure_future(read(starts.popleft())))

        try:
            read_ahead()
            while pending:
                try:
                    text, count = await pending.popleft()
                except Exception as error:  # noqa: BLE001 - interrupted by a shard's time limit
                    if "interrupted" not in str(error).lower():
                        raise
                    limits = sorted({p.limit_ms for p in answered})
                    await writer.write(ff.stopped(written, total, f"a batch took longer than a shard's time limit ({', '.join(map(str, limits))} ms)"))
                    return
                read_ahead()
                written += count
                await writer.write(text)
            if written < total:
                await writer.write(ff.stopped(written, total, f"the time limit of {ff.EXPORT_TIME_LIMIT_S} s was reached"))
            elif late:
                names = ", ".join(f"{p.label} ({p.limit_ms} ms)" for p in late)
                await writer.write(ff.stopped(written, f"at least {total}",
                                              f"shards that did not answer within their time limit are left out: {names}"))
        finally:
            for future in pending:
                future.cancel()

    headers = {"content-disposition": 'attachment; filename="passages.csv"'}
    return AsgiStream(stream, headers=headers, content_type="text/csv; charset=utf-8")


# ---------------------------------------------------------------- status and hooks

async def status(request, datasette):
    """The sets of shards, each shard's database, time limit and index state: /-/shards.json."""
    await datasette.ensure_permissions(request.actor, ["view-instance"])

    def state(name):
        index = getattr(ff.generation_of(datasette.get_database(name)), "index", None)
        return "loading" if index is ff.LOADING else "off" if index is None else "loaded"
    return Response.json({s.name: {
        "manifest": s.manifest.name, "error": s.error and public(s, s.error), "search": f"/-/shards/{s.name}/search",
        "shards": [{"label": shard["label"], "database": shard["database"], "index": state(shard["database"]),
                    "time_limit_ms": time_limit_ms(datasette, shard["database"])} for shard in s.shards],
    } for s in shard_sets(datasette).values()})


@hookimpl
def register_routes():
    return [
        (r"^/-/shards\.json$", status),
        (r"^/-/shards/(?P<name>[^/]+)/search(\.(?P<format>json|csv))?$", search_view),
    ]
