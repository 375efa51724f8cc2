"""A quiet static file server on 127.0.0.1 for tests and benchmarks: the built site, served as
GitHub Pages serves it (gzip for clients that accept it, `Cache-Control: max-age=600`), and for
benchmarks optionally through a slow link (shared bandwidth and a per-request latency).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MIME = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".whl": "application/zip",
    ".json": "application/json",
    ".ics": "text/calendar",
    ".webmanifest": "application/manifest+json",
}
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends


@dataclass(frozen=True)
class Link:
    """A network link to emulate: bandwidth in bits per second, latency added before each response."""

    name: str
    bits_per_second: float
    latency_s: float


LINKS = {
    "4g": Link("4G", 9_000_000, 0.060),
    "slow-4g": Link("Slow 4G", 1_600_000, 0.150),
}


class Traffic:
    """What a server sent: response body bytes (as sent, so gzip-compressed where it was) and paths."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.bytes = 0
        self.paths: list[str] = []

    def add(self, path: str, size: int) -> None:
        with self._lock:
            self.bytes += size
            self.paths.append(path)

    def reset(self) -> None:
        with self._lock:
            self.bytes = 0
            self.paths = []


class _Bandwidth:
    """One pipe shared by every response, as a real link is."""

    def __init__(self, bytes_per_second: float) -> None:
        self._rate = bytes_per_second
        self._lock = threading.Lock()
        self._free_at = time.monotonic()

    def reserve(self, size: int) -> float:
        with self._lock:
            start = max(self._free_at, time.monotonic())
            self._free_at = start + size / self._rate
            return self._free_at


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME}
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def do_GET(self):  # noqa: N802 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().do_GET()  # the base class redirects to the slash form
            path = path / "index.html"
        if not path.is_file():
            return self.send_error(404, "Not found")
        body = path.read_bytes()
        encoding = None
        if self.server.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, encoding = self.server.gzipped(path, body), "gzip"
        link: _Bandwidth | None = self.server.bandwidth
        if link is not None:
            time.sleep(self.server.latency_s)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if self.server.traffic is not None:
            self.server.traffic.add(self.path, len(body))
        if link is None:
            self.wfile.write(body)
            return
        chunk = 16 * 1024
        for offset in range(0, len(body), chunk):
            piece = body[offset : offset + chunk]
            delay = link.reserve(len(piece)) - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self.wfile.write(piece)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, *, gzip_responses: bool, link: Link | None, traffic: Traffic | None) -> None:
        super().__init__(address, handler)
        self.traffic = traffic
        self.gzip = gzip_responses
        self.bandwidth = _Bandwidth(link.bits_per_second / 8) if link else None
        self.latency_s = link.latency_s if link else 0.0
        self._gz: dict[tuple[str, float], bytes] = {}
        self._gz_lock = threading.Lock()

    def gzipped(self, path: Path, body: bytes) -> bytes:
        key = (str(path), os.stat(path).st_mtime)
        with self._gz_lock:
            if key not in self._gz:
                self._gz[key] = gzip.compress(body, compresslevel=6, mtime=0)
            return self._gz[key]

    def handle_error(self, request, client_address):
        pass  # a browser that closes a connection early is not an error worth printing


@contextlib.contextmanager
def serve(
    directory: Path, *, gzip_responses: bool = True, link: Link | None = None, traffic: Traffic | None = None
) -> Iterator[str]:
    """Serve directory on a free loopback port; yield its base URL (with a trailing slash).
    Pass a Traffic to count what is sent."""
    handler = functools.partial(_Handler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler, gzip_responses=gzip_responses, link=link, traffic=traffic)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
