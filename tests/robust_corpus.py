"""Small corpora written into a temporary folder, for the bad-input and fault tests."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

AFFILIATIONS = """\
advocacy:
  name: An advocacy group
"""
PUBLISHERS = """\
outlet:
  name: The Outlet
  domain: outlet.example
  affiliation: advocacy
  basis: Its about page says so.
"""
ARTICLE = """\
Executions in the summer of {n}

The commission met in secret and sent prisoners to their deaths, a witness said in {n}.

Families were never told where the bodies were buried. Human rights groups have asked for an inquiry.
"""


def article(n: int) -> str:
    return ARTICLE.format(n=n)


def write_corpus(root: Path, articles: dict[str, bytes | str], manifest: list[dict] | None = None) -> Path:
    """sources/ under ``root`` with the registries, ``articles`` and a manifest entry for each
    name in ``manifest`` (default: every article, published by ``outlet``)."""
    sources = root / "sources"
    folder = sources / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    (sources / "affiliations.yml").write_text(AFFILIATIONS, encoding="utf-8")
    (sources / "publishers.yml").write_text(PUBLISHERS, encoding="utf-8")
    for name, content in articles.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
    if manifest is None:
        manifest = [{"file": name} for name in articles]
    (sources / "manifest.yml").write_text(manifest_yaml(manifest), encoding="utf-8")
    return sources


def manifest_yaml(entries: list[dict]) -> str:
    lines = []
    for entry in entries:
        lines.append(f"- file: {quote(entry['file'])}")
        lines.append(f"  publisher: {entry.get('publisher', 'outlet')}")
        published = entry.get("published", "2020-09-01")
        lines.append(f"  published: {quote(published)}")
        lines.append("  published_basis: the dateline of the article")
    return "\n".join(lines) + "\n"


def quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 300, prefix: list[str] = ()) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [*prefix, PYTHON, "-m", "ingest", *args],
        cwd=cwd or ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )


def counts(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {
            table: conn.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("documents", "passages", "problems")
        }
    finally:
        conn.close()


def problems(db_path: Path) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {path: (severity, problem) for path, severity, problem in conn.execute("select source_path, severity, problem from problems")}
    finally:
        conn.close()


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def stop_group(process: subprocess.Popen) -> None:
    """Stop a server started with ``start_new_session=True``: its whole process group, killed if it
    has not ended within 10 s."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
