"""`archive add` refuses what it cannot archive safely, and is all or nothing (issue 13, item 4)."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest import build as build_module
from ingest.build import add, build
from ingest.cli import cli
from ingest.errors import ArchiveError

from .robust_corpus import article, run_cli, write_corpus


def quiet(_line):
    pass


@pytest.fixture
def archive(tmp_path):
    """A built archive of three articles, and a folder of new files to add."""
    sources = write_corpus(tmp_path, {f"old-{n}.txt": article(n) for n in range(3)})
    db = tmp_path / "db" / "archive.db"
    build(sources, db, log=quiet, workers=1)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    return sources, db, incoming


def state(sources: Path, db: Path) -> tuple:
    """What an add may change: the files under articles/, the manifest's bytes, the documents."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        documents = sorted(row[0] for row in conn.execute("SELECT source_path FROM documents"))
    finally:
        conn.close()
    files = sorted(p.name for p in (sources / "articles").iterdir())
    return files, (sources / "manifest.yml").read_bytes(), documents


def invoke_add(sources: Path, db: Path, *files) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["add", *map(str, files), "--sources", str(sources), "--db", str(db)])
    return result.exit_code, result.output


def assert_refused(sources, db, files, *expected: str):
    before = state(sources, db)
    code, output = invoke_add(sources, db, *files)
    assert code == 1, output
    assert "Traceback" not in output
    [line] = output.strip().splitlines()
    assert line.startswith("Error: ") and line.endswith("nothing was added"), line
    for part in expected:
        assert part in line, line
    assert state(sources, db) == before


def test_two_files_of_the_same_name_in_one_call_are_refused(archive):
    sources, db, incoming = archive
    (incoming / "a").mkdir()
    (incoming / "b").mkdir()
    first, second = incoming / "a" / "x.txt", incoming / "b" / "x.txt"
    first.write_text(article(10), encoding="utf-8")
    second.write_text(article(11), encoding="utf-8")
    assert_refused(sources, db, [first, second], str(second), "same name as", str(first))


def test_a_name_already_in_the_archive_is_refused(archive):
    sources, db, incoming = archive
    again = incoming / "old-1.txt"
    again.write_text(article(12), encoding="utf-8")
    assert_refused(sources, db, [again], str(again), "already in the archive")


def test_a_name_in_the_manifest_whose_file_is_missing_is_refused(archive):
    sources, db, incoming = archive
    (sources / "articles" / "old-2.txt").unlink()  # the manifest still lists it
    again = incoming / "old-2.txt"
    again.write_text(article(12), encoding="utf-8")
    code, output = invoke_add(sources, db, again)
    assert code == 1 and "Traceback" not in output
    [line] = output.strip().splitlines()
    assert "old-2.txt" in line
    assert not (sources / "articles" / "old-2.txt").exists()


@pytest.mark.parametrize("target", ["outside", "inside"])
def test_a_symbolic_link_is_refused_wherever_it_points(archive, tmp_path, target):
    sources, db, incoming = archive
    if target == "outside":
        pointed = tmp_path / "secret.txt"
        pointed.write_text("root:x:0:0:root:/root:/bin/bash\n" * 3, encoding="utf-8")
    else:
        pointed = incoming / "real.txt"
        pointed.write_text(article(13), encoding="utf-8")
    link = incoming / "link.txt"
    link.symlink_to(pointed)
    assert_refused(sources, db, [link], str(link), "symbolic link")


def test_a_broken_symbolic_link_is_refused(archive):
    sources, db, incoming = archive
    link = incoming / "dangling.txt"
    link.symlink_to(incoming / "nowhere.txt")
    assert_refused(sources, db, [link], str(link), "symbolic link")


def test_a_directory_is_refused(archive):
    sources, db, incoming = archive
    folder = incoming / "folder.txt"
    folder.mkdir()
    (folder / "inner.txt").write_text(article(14), encoding="utf-8")
    assert_refused(sources, db, [folder], str(folder), "a directory")


def test_a_missing_file_is_refused(archive):
    sources, db, incoming = archive
    assert_refused(sources, db, [incoming / "absent.txt"], str(incoming / "absent.txt"), "no such file")


def test_a_name_that_is_not_utf8_is_refused(archive):
    sources, db, incoming = archive
    raw = os.path.join(os.fsencode(incoming), b"caf\xe9.txt")
    try:
        with open(raw, "wb") as out:
            out.write(article(15).encode("utf-8"))
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    path = Path(os.fsdecode(raw))
    assert_refused(sources, db, [path], "caf\\xe9.txt", "not valid UTF-8")
    manifest = (sources / "manifest.yml").read_bytes()
    manifest.decode("utf-8")  # still UTF-8: the bad name was never written


def test_a_hidden_name_is_refused(archive):
    sources, db, incoming = archive
    hidden = incoming / ".draft.txt"
    hidden.write_text(article(16), encoding="utf-8")
    assert_refused(sources, db, [hidden], str(hidden), "hidden")


def test_an_unsupported_type_is_refused(archive):
    sources, db, incoming = archive
    other = incoming / "notes.docx"
    other.write_text(article(17), encoding="utf-8")
    assert_refused(sources, db, [other], str(other), "unsupported file type")


def test_one_bad_file_among_good_ones_adds_none_of_them(archive):
    sources, db, incoming = archive
    good = incoming / "good.txt"
    good.write_text(article(18), encoding="utf-8")
    folder = incoming / "folder"
    folder.mkdir()
    assert_refused(sources, db, [good, folder], str(folder))
    assert not (sources / "articles" / "good.txt").exists()


def test_a_refusal_from_the_command_line_is_one_line_without_traceback(archive):
    sources, db, incoming = archive
    (incoming / "a").mkdir()
    (incoming / "b").mkdir()
    for folder in "ab":
        (incoming / folder / "x.txt").write_text(article(19), encoding="utf-8")
    result = run_cli("add", str(incoming / "a" / "x.txt"), str(incoming / "b" / "x.txt"),
                     "--sources", str(sources), "--db", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and "x.txt" in line and "same name" in line


def test_a_failed_copy_leaves_no_file_and_no_entry_and_can_be_run_again(archive, monkeypatch):
    sources, db, incoming = archive
    files = []
    for n in range(3):
        path = incoming / f"new-{n}.txt"
        path.write_text(article(20 + n), encoding="utf-8")
        files.append(path)
    before = state(sources, db)
    real = build_module.shutil.copyfileobj
    calls = []

    def copy_then_fail(source, target, *args):
        calls.append(1)
        if len(calls) == 2:  # the second file: half written, then the disk is full
            target.write(b"half")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(sources / "articles" / "new-1.txt"))
        return real(source, target, *args)

    monkeypatch.setattr(build_module.shutil, "copyfileobj", copy_then_fail)
    with pytest.raises(ArchiveError, match="No space left on device; nothing was added"):
        add(sources, db, files, log=quiet, workers=1)
    assert state(sources, db) == before
    monkeypatch.setattr(build_module.shutil, "copyfileobj", real)
    report = add(sources, db, files, log=quiet, workers=1)
    assert report.documents == 6
    assert sorted(p.name for p in (sources / "articles").iterdir()) == sorted(
        [f"old-{n}.txt" for n in range(3)] + [f"new-{n}.txt" for n in range(3)])


def test_a_failed_update_leaves_no_file_and_no_entry_and_can_be_run_again(archive, monkeypatch):
    sources, db, incoming = archive
    new = incoming / "new.txt"
    new.write_text(article(30), encoding="utf-8")
    before = state(sources, db)
    manifest_mtime = (sources / "manifest.yml").stat().st_mtime_ns
    real = build_module.apply_plan

    def fail(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(build_module, "apply_plan", fail)
    code, output = invoke_add(sources, db, new)
    assert code == 1 and "Traceback" not in output
    assert "could not write the database (database or disk is full)" in output
    assert state(sources, db) == before
    assert (sources / "manifest.yml").stat().st_mtime_ns == manifest_mtime  # the archive does not look stale
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp") or p.name.endswith("-journal")]
    monkeypatch.setattr(build_module, "apply_plan", real)
    code, output = invoke_add(sources, db, new)
    assert code == 0, output
    assert "4 documents" in output


def test_an_interrupted_add_takes_its_files_back(archive, monkeypatch):
    sources, db, incoming = archive
    new = incoming / "new.txt"
    new.write_text(article(31), encoding="utf-8")
    before = state(sources, db)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "build_from", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add(sources, db, [new], log=quiet, workers=1)
    assert state(sources, db) == before


def test_an_add_reports_its_whole_time(archive, monkeypatch):
    """The summary's seconds run from the start of the add (copying and planning included)."""
    sources, db, incoming = archive
    new = incoming / "new.txt"
    new.write_text(article(32), encoding="utf-8")
    clock = iter(range(0, 10_000, 7))
    monkeypatch.setattr(build_module.time, "monotonic", lambda: next(clock))
    report = add(sources, db, [new], log=quiet, workers=1)
    assert report.seconds >= 14  # at least the two ticks around the copy and the update
    assert report.summary().endswith(f"in {report.seconds:.1f}s")


def test_names_in_any_script_are_written_readably_and_read_back(archive):
    sources, db, incoming = archive
    names = ["گزارش-۱۳۶۷.txt", "می‌گویند.txt", "relat\u00f3rio \U0001F4F0.txt", 'quote"and\\slash.txt']
    for n, name in enumerate(names):
        (incoming / name).write_text(article(40 + n), encoding="utf-8")
    code, output = invoke_add(sources, db, *(incoming / name for name in names))
    assert code == 0, output
    manifest = (sources / "manifest.yml").read_text(encoding="utf-8")
    assert "گزارش-۱۳۶۷.txt" in manifest and "\\u" not in manifest
    conn = sqlite3.connect(db)
    stored = {row[0].rsplit("/", 1)[-1] for row in conn.execute("SELECT source_path FROM documents")}
    conn.close()
    assert set(names) <= stored
    result = run_cli("build", "--sources", str(sources), "--db", str(db))
    assert result.returncode == 0 and "incremental: 0 changed" in result.stderr, result.stderr


def test_a_control_character_in_a_name_is_refused(archive):
    sources, db, incoming = archive
    odd = incoming / "line\nbreak.txt"
    odd.write_text(article(50), encoding="utf-8")
    assert_refused(sources, db, [odd], "line\\nbreak.txt", "control character")


def test_an_add_while_a_build_holds_the_lock_refuses_and_changes_nothing(archive):
    from ingest.build import build_lock

    sources, db, incoming = archive
    new = incoming / "new.txt"
    new.write_text(article(51), encoding="utf-8")
    before = state(sources, db)
    with build_lock(db):
        result = run_cli("add", str(new), "--sources", str(sources), "--db", str(db))
    assert result.returncode == 1 and "another build is running" in result.stderr
    assert "Traceback" not in result.stderr
    assert state(sources, db) == before
