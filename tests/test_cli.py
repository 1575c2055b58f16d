import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ingest.cli import cli, datasette_command

from .conftest import ROOT


def test_build_then_stats(sources, tmp_path):
    runner = CliRunner()
    db_path = tmp_path / "archive.db"
    result = runner.invoke(cli, ["build", "--sources", str(sources), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.output
    result = runner.invoke(cli, ["stats", "--db", str(db_path)])
    assert result.exit_code == 0
    assert "Passages per publisher" in result.output and "mek-iran" in result.output
    assert "Passages per kind" in result.output and "tweet" in result.output


def test_a_manifest_error_is_one_line_without_traceback(sources, tmp_path):
    (sources / "manifest.yml").write_text("- file: nowhere.txt\n")
    process = subprocess.run(
        [sys.executable, "-m", "ingest", "build", "--sources", str(sources), "--db", str(tmp_path / "a.db")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    [line] = process.stderr.strip().splitlines()
    assert line.startswith("Error: ") and "manifest.yml:1: entry 'nowhere.txt' field 'file'" in line
    assert not (tmp_path / "a.db").exists()


def test_stats_without_a_database_says_so(tmp_path):
    result = CliRunner().invoke(cli, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database; run 'archive build' first" in result.output


def test_serve_runs_datasette_immutable_with_metadata_on_loopback(tmp_path):
    command = datasette_command(tmp_path / "archive.db", tmp_path / "archive-inspect.json", "127.0.0.1", 8001)
    assert command[command.index("--immutable") + 1] == str(tmp_path / "archive.db")
    assert command[command.index("--metadata") + 1] == str(ROOT / "metadata.yml")
    assert command[command.index("--host") + 1] == "127.0.0.1"


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"archive {name}" in readme, name


def test_a_names_entry_without_description_stops_the_build_before_any_article_is_read(sources, tmp_path):
    text = (sources / "names.yml").read_text(encoding="utf-8")
    extra = "zed:\n  name: Zed\n  basis: Seen.\n  names:\n    - name: Zedd\n      signals: Used by all.\n"
    (sources / "names.yml").write_text(text.rstrip("\n") + "\n\n" + extra, encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "ingest", "build", "--sources", str(sources), "--db", str(tmp_path / "a.db")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    [line] = process.stderr.strip().splitlines()
    assert line.startswith("Error: ") and "names.yml:" in line and "entry 'zed' field 'description': required" in line
    assert process.stdout == ""
    assert not (tmp_path / "a.db").exists()


def test_a_long_list_of_unregistered_speakers_is_cut_with_the_query_for_the_rest(capsys):
    from ingest import cli
    from ingest.build import BuildReport

    report = BuildReport(db_path=Path("archive.db"))
    report.unregistered_speakers = {f"person-{i}": {"id": f"person-{i}", "name": f"Person {i}", "type": "person"}
                                    for i in range(cli.LISTED + 5)}
    cli.echo_report(report)
    out = capsys.readouterr().out
    assert f"{cli.LISTED + 5} speakers not in speakers.yml" in out
    assert f"person-{cli.LISTED - 1}: Person {cli.LISTED - 1} [person]" in out and f"person-{cli.LISTED}:" not in out
    assert "… and 5 more: select id, name, type from speakers where description = 'not in registry'" in out
