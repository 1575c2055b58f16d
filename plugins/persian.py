"""Persian search on both sides: the query goes through the same ``normalise`` as the index.

Two documented Datasette hooks, nothing patched:

* ``prepare_connection`` adds two SQL functions to every connection: ``normalise_fa(text)``
  (always ``persian.normalise``; the build fills the FTS index with it, ingest/persian.py,
  docs/persian.md) and ``search_form(q)``: the query in the form the connection's
  ``passages_fts`` holds its words, normalised where that index was built with
  ``persian.fts_tokenizer()`` (filled with normalised text), as typed otherwise. The canned
  ``search`` query and the dashboard charts match ``escape_fts(search_form(:q))``, so they work
  on databases built before and after the FTS fill changed.
* ``filters_from_request`` for the table search (``?_search=``, ``?_search_<column>=``, escaped
  and ``_searchmode=raw`` alike): Datasette's own search filter (datasette/filters.py) writes
  ``… match escape_fts(:search)`` (or ``:search`` in raw mode) with the query as typed in the
  ``search`` parameter (``search_<i>`` per column). This hook runs after it (``trylast``) and
  gives the same parameters normalised; the table view merges the hooks' parameters in call
  order, so the normalised value is the one bound. The page still shows the query as typed.
  ``normalise`` changes no ASCII character, so FTS5 syntax in raw mode (quotes, OR, NEAR, *) is
  untouched, and an English query binds exactly what it bound before. It does so only for an
  FTS table built with ``persian.fts_tokenizer()`` (``persian.is_normalised_index``), the mark
  of an index filled with normalised text; an index of the text as written keeps the query as
  typed, so serving a database built before the FTS fill changed loses nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from datasette import hookimpl
from datasette.filters import FilterArguments

try:
    from ingest import persian
except ImportError:  # served without the package installed: use the checkout beside plugins/
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ingest import persian


FTS_TABLE = "passages_fts"


def index_is_normalised(conn) -> bool:
    try:
        row = conn.execute("select sql from sqlite_master where name = ?", [FTS_TABLE]).fetchone()
    except Exception:  # noqa: BLE001 - a database that cannot be read yet: queries as typed
        return False
    return persian.is_normalised_index(row[0] if row else None)


@hookimpl
def prepare_connection(conn):
    persian.register(conn)
    # a connection reads one file for its life (plugins/fast_facets.py opens a new set for a new
    # file), so the index's kind is read once, here
    normalised = index_is_normalised(conn)

    def search_form(value):
        return persian.normalise(value) if normalised and isinstance(value, str) else value

    conn.create_function("search_form", 1, search_form, deterministic=True)


def normalised_search_params(args) -> dict[str, str]:
    """The table search's parameters, normalised, named as datasette/filters.py names them:
    ``search`` for ``_search``, else ``search_<i>`` for the i-th ``_search_<column>``; only those
    that normalisation changes."""
    search_args = {key: args[key] for key in args if key.startswith("_search") and key != "_searchmode"}
    if "_search" in search_args:
        named = {"search": search_args["_search"]}
    else:
        named = {f"search_{i}": value for i, value in enumerate(search_args.values())}
    return {name: persian.normalise(value) for name, value in named.items()
            if persian.normalise(value) != value}


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    params = normalised_search_params(request.args)
    if not params:
        return None

    async def inner():
        # only where the index holds normalised text (built with persian.fts_tokenizer());
        # an index of the text as written is searched with the query as typed, as before
        db = datasette.get_database(database)
        fts_table = (request.args.get("_fts_table")
                     or datasette.table_metadata(database, table).get("fts_table")
                     or await db.fts_table(table))
        if not fts_table:
            return None
        row = (await db.execute("select sql from sqlite_master where name = ?", [fts_table])).first()
        if not persian.is_normalised_index(row[0] if row else None):
            return None
        return FilterArguments([], params=params)

    return inner
