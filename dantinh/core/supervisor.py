"""Keeping a child process running beside the web server: the task worker of `dantinh serve`.

The worker is started in its own session, so that a Ctrl-C in the terminal reaches the server
alone and the server stops the worker deliberately (gracefully first) instead of racing it.
A worker that dies is started again after a pause that doubles with each quick death, so that
a worker failing at start-up (a broken queue database, say) does not spin.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

logger = logging.getLogger("dantinh.worker")


class Supervisor:
    """Runs `command` as a child process and restarts it when it exits, until `stop()`.

    Restart pauses start at `min_delay` seconds and double up to `max_delay`; a child that ran
    for `healthy_after` seconds before dying starts the pauses afresh.
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        name: str = "task worker",
        min_delay: float = 1.0,
        max_delay: float = 60.0,
        healthy_after: float = 60.0,
        pass_fds: Sequence[int] = (),
    ) -> None:
        self.command = list(command)
        self.pass_fds = tuple(pass_fds)
        self.name = name
        self.min_delay = min_delay
        self.max_delay = max_delay
        self.healthy_after = healthy_after
        self.process: subprocess.Popen | None = None
        self.restarts = 0
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"supervise {name}", daemon=True)

    def start(self) -> Supervisor:
        self._thread.start()
        return self

    def _spawn(self) -> subprocess.Popen | None:
        with self._lock:
            if self._stopping.is_set():
                return None
            self.process = subprocess.Popen(
                self.command, start_new_session=True, pass_fds=self.pass_fds
            )
            return self.process

    def _run(self) -> None:
        delay = self.min_delay
        while not self._stopping.is_set():
            started = time.monotonic()
            code: int | str
            try:
                process = self._spawn()
                if process is None:
                    return
                logger.info("%s started (pid %s)", self.name, process.pid)
                code = process.wait()
            except OSError as exc:
                code = str(exc)
            if self._stopping.is_set():
                return
            if time.monotonic() - started >= self.healthy_after:
                delay = self.min_delay
            logger.error("%s stopped (%s); starting it again in %.0f s", self.name, code, delay)
            if self._stopping.wait(delay):
                return
            self.restarts += 1
            delay = min(delay * 2, self.max_delay)

    def stop(self, *, grace: float = 10.0) -> None:
        """Stop supervising and end the child: SIGINT (the worker finishes its running tasks),
        then SIGTERM after `grace` seconds, then SIGKILL. Safe to call more than once."""
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is not None and process.poll() is None:
            logger.info("stopping the %s (pid %s)", self.name, process.pid)
            for sig, wait in ((signal.SIGINT, grace), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
                try:
                    process.send_signal(sig)
                    process.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
                except ProcessLookupError:
                    break
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5.0)
