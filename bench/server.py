"""Start `archive serve`'s Datasette (immutable, inspect file, the project's settings and plugins)
on 127.0.0.1 for a benchmark, and stop it afterwards."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.cli import datasette_command, write_inspect_file  # noqa: E402


def served_copy(db_path: Path, folder: Path) -> Path:
    """The database under the name `archive.db` (metadata.yml configures the `archive` database)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "archive.db"
    if not target.exists() or target.stat().st_ino != db_path.stat().st_ino:
        target.unlink(missing_ok=True)
        try:
            os.link(db_path, target)
        except OSError:
            shutil.copyfile(db_path, target)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def datasette(db_path: Path, plugins: bool = True):
    """Yield the base URL of a Datasette serving ``db_path``; ``plugins=False`` leaves plugins/ out."""
    inspect_file = write_inspect_file(db_path)
    port = free_port()
    command = datasette_command(db_path, inspect_file, "127.0.0.1", port)
    if not plugins:
        index = command.index("--plugins-dir")
        del command[index:index + 2]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1500):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("datasette did not start")
        if plugins:  # wait for the facet index to load (plugins/fast_facets.py)
            for _ in range(600):
                with urllib.request.urlopen(base + "/-/fast-facets.json", timeout=10) as response:
                    if b"loading" not in response.read():
                        break
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
