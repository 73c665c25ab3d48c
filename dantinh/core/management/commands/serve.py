"""`dantinh serve`: the web application (waitress) and, on the embedded default, the task
worker beside it, so that one command runs everything.

The worker is supervised: restarted when it dies, and stopped with the server whether the
server is stopped by Ctrl-C (SIGINT) or by a service manager (SIGTERM, which skips `atexit`).

`--processes N` (or `DANTINH_WEB_PROCESSES`) runs N web processes that accept on one listening
socket opened here: a Python process runs Python on one core at a time, so a second process is
what lets the application use a second core (docs/benchmarks.md, "200 users"). Each is
supervised like the worker.
"""

import argparse
import os
import signal
import socket
import sys
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from dantinh.core.supervisor import Supervisor

# waitress's own default is 100 open connections, past which it stops accepting and clients
# wait in the listen backlog for minutes (measured with 200 users). Requests still queue for
# the threads; connections no longer queue for the door.
CONNECTION_LIMIT = 1000
BACKLOG = 2048


def _exit_on_signal(signum, frame):
    # waitress's run loop returns on SystemExit. Installed for SIGINT too: a process started in
    # the background inherits SIGINT ignored, and Python then never raises KeyboardInterrupt.
    raise SystemExit(0)


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


class Command(BaseCommand):
    help = "Serve dantinh (and its task worker unless --no-worker)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("DANTINH_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=_env_int("DANTINH_PORT", 8000))
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--processes",
            type=int,
            default=_env_int("DANTINH_WEB_PROCESSES", 1),
            help="web processes sharing the port (one per core uses every core)",
        )
        parser.add_argument(
            "--connection-limit",
            type=int,
            default=_env_int("DANTINH_CONNECTION_LIMIT", CONNECTION_LIMIT),
            help="open connections a web process accepts",
        )
        parser.add_argument("--no-worker", action="store_true", help="do not start the task worker")
        # A web process started by a parent `dantinh serve --processes N`: serve on the
        # listening socket it inherited.
        parser.add_argument("--listen-fd", type=int, default=None, help=argparse.SUPPRESS)

    def handle(
        self,
        *args,
        host,
        port,
        threads,
        processes,
        connection_limit,
        no_worker,
        listen_fd,
        **options,
    ):
        if processes < 1 or threads < 1 or connection_limit < 1:
            raise CommandError("--processes, --threads và --connection-limit phải lớn hơn 0.")
        signal.signal(signal.SIGTERM, _exit_on_signal)
        signal.signal(signal.SIGINT, _exit_on_signal)
        if listen_fd is not None:
            self._serve(
                sockets=[socket.socket(fileno=listen_fd)],
                threads=threads,
                connection_limit=connection_limit,
            )
            return
        _refuse_unmigrated()
        # Collect first: WhiteNoise indexes the static folder when the application loads.
        call_command("collectstatic", interactive=False, verbosity=0)

        db = settings.DATABASES["default"]
        self.stdout.write(
            f"dantinh: http://{host}:{port}/  (database: {db['ENGINE'].rsplit('.', 1)[-1]}"
            f"{' ' + str(db['NAME']) if 'sqlite' in db['ENGINE'] else ''}"
            f"{f', {processes} web processes' if processes > 1 else ''})"
        )
        children: list[Supervisor] = []
        try:
            if not no_worker:
                children.append(
                    Supervisor([sys.executable, "-m", "dantinh", "run_huey", "--quiet"]).start()
                )
            if processes == 1:
                self._serve(
                    host=host, port=port, threads=threads, connection_limit=connection_limit
                )
            else:
                listener = self._listen(host, port)
                command = [
                    sys.executable,
                    "-m",
                    "dantinh",
                    "serve",
                    "--no-worker",
                    "--threads",
                    str(threads),
                    "--connection-limit",
                    str(connection_limit),
                    "--listen-fd",
                    str(listener.fileno()),
                ]
                for n in range(processes):
                    children.append(
                        Supervisor(
                            command, name=f"web process {n + 1}", pass_fds=(listener.fileno(),)
                        ).start()
                    )
                threading.Event().wait()  # until SIGTERM or SIGINT raises SystemExit
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            for child in reversed(children):
                child.stop()

    @staticmethod
    def _listen(host: str, port: int) -> socket.socket:
        try:
            listener = socket.create_server((host, port), backlog=BACKLOG)
        except OSError as exc:
            raise CommandError(_port_taken(host, port, exc)) from exc
        listener.set_inheritable(True)
        return listener

    @staticmethod
    def _serve(**options) -> None:
        from waitress import serve

        from dantinh.config.wsgi import application

        host, port = options.get("host"), options.get("port")
        try:
            serve(application, ident="dantinh", backlog=BACKLOG, **options)
        except OSError as exc:
            raise CommandError(_port_taken(host, port, exc)) from exc


def _refuse_unmigrated() -> None:
    """A database a release behind answers some pages with errors: say so before serving."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise CommandError(
            f"Cơ sở dữ liệu chưa được nâng cấp cho phiên bản này ({len(plan)} bước chưa chạy). "
            "Hãy chạy: dantinh migrate — rồi chạy lại dantinh serve."
        )


def _port_taken(host, port, exc: OSError) -> str:
    return (
        f"Không mở được cổng {host}:{port} ({exc.strerror}). Có thể dantinh đang chạy ở "
        f"cửa sổ khác; hãy dừng nó hoặc chọn cổng khác: dantinh serve --port {port + 1}"
    )
