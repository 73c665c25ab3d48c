"""A local HTTP server for the media monitor's tests (the machines are offline: no test
reaches the internet). Each route answers with what a test puts in `server.routes`."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dantinh.media import fetch


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    # seconds to wait before each chunk of CHUNK bytes (a slow server)
    delay: float = 0.0
    chunk: int = 1024
    handler: Callable | None = None


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                outer.requests.append((self.path, dict(self.headers)))
                route = outer.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.handler is not None:
                    route = route.handler(self) or route
                    if route is None:
                        return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.delay == 0 and "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    for i in range(0, len(route.body), route.chunk):
                        if route.delay:
                            time.sleep(route.delay)
                        self.wfile.write(route.body[i : i + route.chunk])
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    fetch.forget_robots()
    srv = Server()
    yield srv
    srv.stop()
    fetch.forget_robots()


DEMO = __import__("pathlib").Path(__file__).resolve().parents[2] / "dantinh/media/static/media/demo"
# The demo feed's fertiliser-price article: agriculture or prices, a boundary the label
# conventions leave open (the item model weighs the two about equally on it).
FARM_INPUT_PRICES = {"nong_nghiep", "gia_ca_doi_song"}


@pytest.fixture
def fb_mapping(world):
    from dantinh.media import services

    return services.mapping_save(
        actor=world.admin,
        name="Facebook (CSV)",
        platform="facebook",
        text_column="message",
        url_column="permalink_url",
        published_column="created_time",
        id_column="post_id",
        author_column="from_name",
        public_column="privacy",
    )


@pytest.fixture
def feed_source(world, server):
    from dantinh.media import services

    server.routes["/feed.xml"] = Route(
        body=(DEMO / "bao-dat-cang.xml").read_bytes(),
        headers={"Content-Type": "application/rss+xml; charset=utf-8", "ETag": '"v1"'},
    )
    return services.source_create(
        actor=world.admin,
        unit=world.province,
        name="Bản tin Đất Cảng",
        kind="rss",
        url=server.url("/feed.xml"),
    )


@pytest.fixture
def social_source(world, fb_mapping):
    from dantinh.media import services

    return services.source_create(
        actor=world.admin, unit=world.province, name="Facebook", kind="social", mapping=fb_mapping
    )
