"""`dantinh serve` runs its task worker as a supervised child: a stop by a service manager
(SIGTERM) or by Ctrl-C (SIGINT) stops the worker too, and a worker that dies is restarted."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _env(var_dir) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DANTINH_", "DJANGO_"))}
    env["DANTINH_VAR_DIR"] = str(var_dir)
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """An embedded deployment's var/ folder, migrated once for the module."""
    var_dir = tmp_path_factory.mktemp("migrated")
    subprocess.run(
        [sys.executable, "-m", "dantinh", "migrate", "--no-input", "-v", "0"],
        env=_env(var_dir),
        check=True,
        timeout=600,
    )
    return var_dir


def _start(var_dir, *extra: str):
    env = _env(var_dir)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dantinh", "serve", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, port


def _answering(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
            return r.status == 200
    except OSError:
        return False


def _kill(process: subprocess.Popen, pids) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _copy(migrated, tmp_path):
    shutil.copytree(migrated, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.fixture
def server(migrated, tmp_path):
    process, port = _start(_copy(migrated, tmp_path))
    started: list[int] = []
    try:
        _wait_for(lambda: _answering(port), 120, "the server to answer")
        worker = _wait_for(lambda: _children(process.pid), 60, "the worker to start")[0]
        started.append(worker)
        yield process, worker, started
    finally:
        _kill(process, started)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_the_server_stops_its_worker(server, stop_signal):
    process, worker, _ = server
    assert _alive(worker)

    process.send_signal(stop_signal)

    assert process.wait(timeout=60) == 0
    _wait_for(lambda: not _alive(worker), 10, "the worker to end")


def test_a_worker_that_dies_is_started_again(server):
    process, worker, started = server

    os.kill(worker, signal.SIGKILL)

    new = _wait_for(
        lambda: [pid for pid in _children(process.pid) if pid != worker], 30, "a new worker"
    )[0]
    started.append(new)
    assert _alive(new) and not _alive(worker)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    _wait_for(lambda: not _alive(new), 10, "the new worker to end")


def test_several_web_processes_share_the_port_and_stop_together(migrated, tmp_path):
    """`--processes 2`: two web processes answer on the one port (so the application uses two
    cores), a web process that dies is started again, and a stop ends them all."""
    process, port = _start(_copy(migrated, tmp_path), "--processes", "2")
    seen: set[int] = set()
    try:
        _wait_for(lambda: _answering(port), 120, "the server to answer")
        # The worker and two web processes.
        children = _wait_for(
            lambda: (c := _children(process.pid)) and len(c) == 3 and c, 60, "three children"
        )
        seen.update(children)
        web = [pid for pid in children if "--listen-fd" in _cmdline(pid)]
        assert len(web) == 2

        os.kill(web[0], signal.SIGKILL)
        again = _wait_for(
            lambda: [
                p for p in _children(process.pid) if p not in seen and "--listen-fd" in _cmdline(p)
            ],
            30,
            "a new web process",
        )
        seen.update(again)
        _wait_for(lambda: _answering(port), 60, "the server to answer again")
        assert all(_answering(port) for _ in range(20))

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        for pid in seen:
            _wait_for(lambda pid=pid: not _alive(pid), 15, f"process {pid} to end")
        assert not _answering(port)
    finally:
        _kill(process, seen)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_a_database_not_yet_upgraded_is_refused_with_what_to_do(tmp_path):
    """Served a release ahead of its database, pages would fail one by one: it says so instead."""
    result = subprocess.run(
        [sys.executable, "-m", "dantinh", "serve", "--port", str(_free_port()), "--no-worker"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "dantinh migrate" in result.stderr
