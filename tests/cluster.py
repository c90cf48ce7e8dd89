"""Real servers for the fault and several-server tests: a PostgreSQL server and a Redis server of
the test's own (started, stopped and restarted by the test, never the suite's), the task worker
and the scheduler. The tests that use them carry the `cluster` marker and run once, in
`make test-cluster`, whatever database the rest of the suite runs on.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found (install Debian's 'postgresql').")
    return found[-1].parent


class Postgres:
    """A PostgreSQL server in a temporary folder, on a free loopback port."""

    def __init__(self):
        self.bin = _pg_bin()
        # Its own folder under the system's temporary one: pytest's tmp_path is private to the
        # user running the tests, and as root the server must run as user postgres.
        self.data = Path(tempfile.mkdtemp(prefix="crossborder-pg-"))
        self.port = free_port()
        self.root = os.getuid() == 0
        self.user = "postgres" if self.root else os.environ.get("USER", "postgres")
        if self.root:
            shutil.chown(self.data, "postgres", "postgres")
        self.data.chmod(0o700)
        self._run("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, "app")
        self.url = f"postgres://{self.user}@127.0.0.1:{self.port}/app"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd="/", timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.data / "log"), "-w", "-o",
                  options, "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.data, ignore_errors=True)


class Redis:
    """redis-server on a free loopback port, in the foreground of a process of its own."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                *("--port", str(self.port), "--bind", "127.0.0.1", "--save", ""),
                *("--appendonly", "no", "--dir", str(folder)),
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.url = f"redis://127.0.0.1:{self.port}/0"
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def postgres():
    server = Postgres()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def redis(tmp_path):
    server = Redis(tmp_path)
    try:
        yield server
    finally:
        server.close()


def background(env: dict, *args: str) -> subprocess.Popen:
    """`manage.py <args>` in its own process group (the task worker, the scheduler)."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    """End a process this test started (its whole group: a server, the worker, the scheduler),
    and wait for it."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
    process.wait(timeout=30)


def get(url: str, *, cookie: str = "", timeout: float = 10) -> tuple[int, dict, str]:
    """(status, headers, body) of a GET; a refused or dropped connection is status 0."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()
    except (OSError, urllib.error.URLError):
        return 0, {}, ""


def wait_for(predicate, *, timeout: float, every: float = 0.25, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)
