"""`dantinh serve`: the web application (waitress) and, on the embedded default, the task
worker beside it, so that one command runs everything.

The worker is supervised: restarted when it dies, and stopped with the server whether the
server is stopped by Ctrl-C (SIGINT) or by a service manager (SIGTERM, which skips `atexit`).
"""

import os
import signal
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from dantinh.core.supervisor import Supervisor


def _exit_on_signal(signum, frame):
    # waitress's run loop returns on SystemExit. Installed for SIGINT too: a process started in
    # the background inherits SIGINT ignored, and Python then never raises KeyboardInterrupt.
    raise SystemExit(0)


class Command(BaseCommand):
    help = "Serve dantinh (and its task worker unless --no-worker)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("DANTINH_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("DANTINH_PORT", "8000")))
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="do not start the task worker")

    def handle(self, *args, host, port, threads, no_worker, **options):
        from waitress import serve

        signal.signal(signal.SIGTERM, _exit_on_signal)
        signal.signal(signal.SIGINT, _exit_on_signal)
        # Collect first: WhiteNoise indexes the static folder when the application loads.
        call_command("collectstatic", interactive=False, verbosity=0)
        from dantinh.config.wsgi import application

        db = settings.DATABASES["default"]
        self.stdout.write(
            f"dantinh: http://{host}:{port}/  (database: {db['ENGINE'].rsplit('.', 1)[-1]}"
            f"{' ' + str(db['NAME']) if 'sqlite' in db['ENGINE'] else ''})"
        )
        worker = None
        try:
            if not no_worker:
                worker = Supervisor([sys.executable, "-m", "dantinh", "run_huey", "--quiet"])
                worker.start()
            serve(application, host=host, port=port, threads=threads, ident="dantinh")
        except (KeyboardInterrupt, SystemExit):
            pass
        except OSError as exc:
            raise CommandError(
                f"Không mở được cổng {host}:{port} ({exc.strerror}). Có thể dantinh đang chạy ở "
                f"cửa sổ khác; hãy dừng nó hoặc chọn cổng khác: dantinh serve --port {port + 1}"
            ) from exc
        finally:
            if worker is not None:
                worker.stop()
