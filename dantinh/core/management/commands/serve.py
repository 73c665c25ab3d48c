"""`dantinh serve`: the web application (waitress) and, on the embedded default, the task
worker beside it, so that one command runs everything."""

import atexit
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve dantinh (and its task worker unless --no-worker)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("DANTINH_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("DANTINH_PORT", "8000")))
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="do not start the task worker")

    def handle(self, *args, host, port, threads, no_worker, **options):
        from waitress import serve

        # Collect first: WhiteNoise indexes the static folder when the application loads.
        call_command("collectstatic", interactive=False, verbosity=0)
        from dantinh.config.wsgi import application

        if not no_worker:
            worker = subprocess.Popen([sys.executable, "-m", "dantinh", "run_huey", "--quiet"])
            atexit.register(worker.terminate)
        db = settings.DATABASES["default"]
        self.stdout.write(
            f"dantinh: http://{host}:{port}/  (database: {db['ENGINE'].rsplit('.', 1)[-1]}"
            f"{' ' + str(db['NAME']) if 'sqlite' in db['ENGINE'] else ''})"
        )
        try:
            serve(application, host=host, port=port, threads=threads, ident="dantinh")
        except KeyboardInterrupt:
            pass
        except OSError as exc:
            raise CommandError(
                f"Không mở được cổng {host}:{port} ({exc.strerror}). Có thể dantinh đang chạy ở "
                f"cửa sổ khác; hãy dừng nó hoặc chọn cổng khác: dantinh serve --port {port + 1}"
            ) from exc
