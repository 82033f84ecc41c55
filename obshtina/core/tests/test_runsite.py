"""`manage.py runsite` serves the site with its background processes and, stopped,
leaves none of them running."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[1].startswith("Z"))


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


@pytest.fixture(scope="module")
def site_env(tmp_path_factory):
    """A migrated SQLite database of its own, whatever the suite runs on."""
    database = tmp_path_factory.mktemp("runsite") / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONUNBUFFERED": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return env


def test_sigterm_stops_runsite_and_its_background_processes(site_env, tmp_path):
    """Ctrl-C always did; SIGTERM (systemd, `kill`, a closed terminal) left them running."""
    env = site_env
    log = tmp_path / "runsite.log"
    with log.open("w") as out:
        site = subprocess.Popen(
            [sys.executable, "manage.py", "runsite", f"127.0.0.1:{_free_port()}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        assert _wait_for(lambda: len(re.findall(r"\(pid (\d+)\)", log.read_text())) >= 4, 60), (
            log.read_text()
        )
        children = [int(pid) for pid in re.findall(r"\(pid (\d+)\)", log.read_text())]
        assert all(_alive(pid) for pid in children)

        site.send_signal(signal.SIGTERM)
        site.wait(timeout=30)

        assert _wait_for(lambda: not any(_alive(pid) for pid in children), 15), log.read_text()
    finally:
        if site.poll() is None:
            site.kill()
