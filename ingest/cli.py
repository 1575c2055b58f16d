"""The `archive` command: a thin layer that parses options and calls the library."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import click

from .build import Progress, add as add_articles, build as build_archive, hold_serving_lock, is_stale
from .errors import ArchiveError

SOURCES = click.option("--sources", default="sources", show_default=True, type=click.Path(path_type=Path), help="Folder with articles/ and the registries.")
DB = click.option("--db", "db_path", default="db/archive.db", show_default=True, type=click.Path(path_type=Path), help="The database file.")


@click.group()
@click.version_option()
def cli():
    """Attribution Archive: articles split into passages, each with its publisher and its voice."""


@cli.command()
@SOURCES
@DB
@click.option("--full", is_flag=True, help="Rebuild everything, even the sources unchanged since the last build.")
@click.option("--workers", type=int, default=None, help="Processes reading and splitting articles (default: every core).")
@click.option("--strict", is_flag=True, help="Fail (and keep the old database) if any file is skipped or has no manifest entry.")
@click.option("--cluster", default=None, metavar="local[:N]|ADDRESS", help="Run reading and analysis on Dask distributed: a LocalCluster of N processes, or a scheduler's address (needs pip install -e '.[cluster]').")
@click.option("--ship", is_flag=True, help="With --cluster: send the files' bytes to the workers instead of their paths (no shared filesystem).")
@click.option("--shard-by", default=None, metavar="year|publisher|N", help="Also write one SQLite file per shard (by year, by publisher, or N by document) and a shards manifest next to --db.")
def build(sources, db_path, full, workers, strict, cluster, ship, shard_by):
    """Build the database from the sources, replacing the old one only when complete.

    Only the sources that changed since the last build are redone, unless --full.

    Example: archive build --sources sources --db db/archive.db
    """
    if ship and not cluster:
        raise click.ClickException("--ship: only with --cluster")
    if cluster or shard_by:
        from .shards import run_cluster_build
        with user_errors(db_path):
            run_cluster_build(sources, db_path, cluster=cluster, ship=ship, shard_by=shard_by, full=full,
                              workers=workers, strict=strict, echo=click.echo, echo_report=echo_report)
        return
    run_build(sources, db_path, full=full, workers=workers, strict=strict)


@contextlib.contextmanager
def user_errors(path: Path):
    """One line, no traceback, for what the user can fix: an ArchiveError says it all; an OSError
    (a folder or lock file that cannot be created or written) is named by its file, else ``path``."""
    try:
        yield
    except ArchiveError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"{error.filename or path}: {error.strerror or error}") from None


def log(line: str) -> None:
    click.echo(line, err=True)


def run_build(sources: Path, db_path: Path, full: bool = False, workers: int | None = None, strict: bool = False) -> None:
    with user_errors(db_path):
        report = build_archive(sources, db_path, log=log, full=full, workers=workers, strict=strict, progress=Progress(click.echo))
    echo_report(report)


LISTED = 30  # unregistered speakers listed by name after a build; the rest are counted


def echo_report(report) -> None:
    click.echo(report.summary())
    if report.unregistered_speakers:
        speakers = list(report.unregistered_speakers.values())
        click.echo(f"{len(speakers)} speakers not in speakers.yml (add them to complete the registry):")
        for speaker in speakers[:LISTED]:
            handle = f" (@{speaker['handle']})" if speaker.get("handle") else ""
            kind = f" [{speaker['type']}]" if speaker.get("type") else ""
            click.echo(f"  {speaker['id']}: {speaker['name']}{handle}{kind}")
        if len(speakers) > LISTED:
            from .attribute import NOT_IN_REGISTRY
            click.echo(f"  … and {len(speakers) - LISTED} more: select id, name, type from speakers "
                       f"where description = '{NOT_IN_REGISTRY}'")
    if report.unknown_publishers:
        click.echo(f"{len(report.unknown_publishers)} domains not in publishers.yml (publisher unknown, affiliation null):")
        for publisher_id in report.unknown_publishers:
            click.echo(f"  {publisher_id}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--publisher", default=None, help="Publisher id (in publishers.yml) of the added articles.")
@SOURCES
@DB
def add(files, publisher, sources, db_path):
    """Add article files to the archive without a full rebuild.

    Copies them into sources/articles/, appends their manifest entries (date unknown: edit
    manifest.yml to give it with its basis) and updates the database incrementally. All or
    nothing: a name already in the archive or given twice, a symbolic link, a directory or a
    name that is not UTF-8 is refused before anything is written, and a failed add leaves no
    file and no manifest entry behind.

    Example: archive add new-article.txt --publisher mek-iran
    """
    with user_errors(db_path):
        report = add_articles(sources, db_path, files, publisher=publisher, log=log, progress=Progress(click.echo))
    echo_report(report)


@cli.command()
@SOURCES
@DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8001, show_default=True, help="Port to serve on.")
@click.option("--shards", "manifest", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Serve the shards a shards manifest lists (archive build --shard-by), searched as one at /-/shards/NAME/search; nothing is built.")
def serve(sources, db_path, host, port, manifest):
    """Build the database if it is missing or stale, then serve it with Datasette.

    With --shards, serve every shard of a manifest in one Datasette instead (as built: no
    build runs); the search at /-/shards/archive/search fans out to every shard and adds the
    counts.

    Example: archive serve --port 8001
    Example: archive serve --shards db/archive.shards.json
    """
    if manifest is not None:
        return serve_shards(manifest, host, port)
    hold_serving_lock(db_path)  # held by Datasette until it ends: updates then write a copy
    if is_stale(sources, db_path):
        run_build(sources, db_path)
    inspect_file = write_inspect_file(db_path)
    warn_if_public(host)
    click.echo(f"Serving {db_path} on http://{host}:{port}/", err=True)
    # Datasette replaces this process: Ctrl-C reaches it alone and it exits as it ends, so
    # `make serve` reports no error (a parent waiting on it would die of the KeyboardInterrupt).
    command = datasette_command(db_path, inspect_file, host, port)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)


def warn_if_public(host: str) -> None:
    if host != "127.0.0.1" and host != "localhost":
        click.echo(
            f"Warning: serving on {host}, reachable from other machines. In force: immutable "
            f"(read-only) database, sql_time_limit_ms={SETTINGS['sql_time_limit_ms']}, "
            f"max_returned_rows={SETTINGS['max_returned_rows']}, allow_download=off.",
            err=True,
        )


def serve_shards(manifest: Path, host: str, port: int) -> None:
    """Serve every shard of ``manifest`` in one Datasette (plugins/shards.py searches them as one)."""
    with user_errors(manifest):
        command, name = shards_command(manifest, host, port)
    warn_if_public(host)
    click.echo(f"Serving the shards of {manifest} on http://{host}:{port}/ (search: /-/shards/{name}/search)", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)


def shards_command(manifest: Path, host: str, port: int) -> tuple[list[str], str]:
    """Datasette's command for a manifest's shards: every shard immutable, one inspect file and
    the metadata each shard needs (written beside the manifest), and the name of the set."""
    import yaml

    from .shards import set_name, shard_paths, write_serving_metadata

    files = shard_paths(manifest)
    root = Path(__file__).resolve().parent.parent
    metadata_file = write_serving_metadata(manifest, yaml.safe_load((root / "metadata.yml").read_text(encoding="utf-8")))
    stem = manifest.name.removesuffix(".json")
    inspect_file = manifest.with_name(f"{stem}-inspect.json")
    newest = max(path.stat().st_mtime for path in files + [manifest])
    if not inspect_file.exists() or inspect_file.stat().st_mtime < newest:
        subprocess.run([sys.executable, "-m", "datasette", "inspect", *map(str, files), "--inspect-file", str(inspect_file)],
                       check=True)
    command = datasette_command(files, inspect_file, host, port)
    command[command.index("--metadata") + 1] = str(metadata_file)
    return command, set_name(manifest)


SETTINGS = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 1000,
    "facet_time_limit_ms": 400,
    # Suggestions run one query per column over every search: the largest single cost at 1M rows.
    "suggest_facets": "off",
    "allow_download": "off",
}


def write_inspect_file(db_path: Path) -> Path:
    """Datasette's inspect file (table counts, hash) for immutable serving, rewritten when stale."""
    inspect_file = db_path.with_name(db_path.stem + "-inspect.json")
    if not inspect_file.exists() or inspect_file.stat().st_mtime < db_path.stat().st_mtime:
        subprocess.run(
            [sys.executable, "-m", "datasette", "inspect", str(db_path), "--inspect-file", str(inspect_file)],
            check=True,
        )
    return inspect_file


def datasette_command(db_path: Path | list[Path], inspect_file: Path, host: str, port: int) -> list[str]:
    root = Path(__file__).resolve().parent.parent
    immutables = []
    for path in db_path if isinstance(db_path, (list, tuple)) else [db_path]:
        immutables += ["--immutable", str(path)]
    command = [
        sys.executable, "-m", "datasette", "serve",
        *immutables, "--inspect-file", str(inspect_file),
        "--metadata", str(root / "metadata.yml"),
        "--template-dir", str(root / "templates"),
        "--plugins-dir", str(root / "plugins"),
        "--host", host, "--port", str(port),
    ]
    for name, value in SETTINGS.items():
        command += ["--setting", name, str(value)]
    return command


@cli.command()
@DB
def stats(db_path):
    """Counts per table, publisher, affiliation and kind.

    Example: archive stats --db db/archive.db
    """
    if not db_path.exists():
        raise click.ClickException(f"{db_path}: no such database; run 'archive build' first")
    import sqlite_utils  # here: every other command starts without it (0.2 s)

    db = sqlite_utils.Database(db_path)
    click.echo("Rows per table")
    for table in ("documents", "passages", "statements", "removed", "publishers", "affiliations", "speakers", "problems"):
        click.echo(f"  {table:14} {db[table].count:>8}")
    for title, sql in (
        ("Passages per publisher", "select publisher_id, count(*) from passages group by 1 order by 2 desc"),
        ("Passages per affiliation", "select coalesce(affiliation_id, '(none)'), count(*) from passages group by 1 order by 2 desc"),
        ("Passages per kind", "select kind, count(*) from passages group by 1 order by 2 desc"),
    ):
        click.echo(title)
        for name, count in db.execute(sql).fetchall():
            click.echo(f"  {name:40} {count:>8}")


@cli.command()
@click.argument("manifest", type=click.Path(dir_okay=False, path_type=Path))
@DB
def merge(manifest, db_path):
    """Write one database from the shards a shards manifest lists (one writer, FTS built once).

    Example: archive merge db/archive.shards.json --db db/merged.db
    """
    from .shards import merge_shards
    with user_errors(db_path):
        report = merge_shards(manifest, db_path)
    click.echo(report)
