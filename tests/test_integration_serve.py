"""`archive serve` hands its process over to Datasette: Ctrl-C stops Datasette cleanly, and
`make serve` sees an exit status of 0 (no "make: *** … Interrupt" and no traceback)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

from .conftest import ROOT, SOURCES
from .robust_corpus import PYTHON


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def test_ctrl_c_on_serve_stops_datasette_with_status_0(seed_db):
    port = free_port()
    command = [PYTHON, "-m", "ingest", "serve", "--sources", str(SOURCES), "--db", str(seed_db), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120  # a bound on start-up, not a measure of speed
        while not answers(port):
            assert process.poll() is None, process.stderr.read()
            assert time.monotonic() < deadline, "datasette never answered"
            time.sleep(0.2)
        # the process started is Datasette itself: no parent left to die of the KeyboardInterrupt
        with open(f"/proc/{process.pid}/cmdline", "rb") as cmdline:
            assert b"datasette" in cmdline.read()
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends to the foreground group
        status = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    errors = process.stderr.read()
    assert status == 0, errors
    assert "Traceback" not in errors
