#!/usr/bin/env python3
"""A province's 好差评 interface on 127.0.0.1, for the hub's forwarding tests (see README.md).

  simulator.py --profile zhejiang|shandong|fujian|beijing --port-file FILE [--port 0] [options]

Run with the gmssl venv's python (.build/gmssl/bin/python3, made by Tests/gmssl/venv). Writes the
port it listens on to FILE (temporary file, then rename), prints `listening on PORT`, and serves
until SIGTERM or SIGINT.
"""

import argparse
import json
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any, ClassVar, Protocol

sys.path.insert(0, str(Path(__file__).resolve().parent))

import beijing
import fujian
import shandong
import zhejiang
from shared import Request, Response, Route, State, json_response, log

PROFILES = {m.NAME: m for m in (zhejiang, shandong, fujian, beijing)}
MAX_BODY = 16 * 1024 * 1024
# A test key pair for Beijing (the province's); its public key is in README.md.
DEFAULT_PRIVATE_KEY = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8"


class Profile(Protocol):
    name: str
    routes: dict[str, Route]

    def error(self, text: str) -> Response: ...


class BadRequest(Exception):
    pass


class Simulator(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # socketserver's 5 reset connections when a test sends many at once

    def __init__(self, port: int, profile: Profile, state: State) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.profile = profile
        self.state = state


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # An answer's headers and body are two writes: with Nagle's algorithm the body waits for the
    # client's delayed ACK of the headers, 40 ms an answer on a kept-alive connection.
    disable_nagle_algorithm = True
    server: Simulator
    error_content_type = "text/plain;charset=utf-8"
    error_message_format = "%(code)d %(message)s\n"
    CONTROL: ClassVar[set[str]] = {"received", "refuse", "down", "up", "delay", "known", "reset", "expire-tokens"}

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per interface request is logged by the profile instead

    def do_GET(self) -> None:
        self.dispatch()

    def do_POST(self) -> None:
        self.dispatch()

    def do_PUT(self) -> None:
        self.dispatch()

    def do_DELETE(self) -> None:
        self.dispatch()

    def read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body = b""
            while True:
                size_line = self.rfile.readline(1024)
                try:
                    size = int(size_line.split(b";")[0].strip(), 16)
                except ValueError as error:
                    raise BadRequest("bad chunk size") from error
                if size == 0:
                    while self.rfile.readline(1024).strip():
                        pass  # trailers
                    return body
                if len(body) + size > MAX_BODY:
                    raise BadRequest("body too large")
                body += self.rfile.read(size)
                self.rfile.readline(1024)
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError as error:
            raise BadRequest("bad Content-Length") from error
        if not 0 <= length <= MAX_BODY:
            raise BadRequest("bad Content-Length")
        return self.rfile.read(length)

    def send(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)

    def dispatch(self) -> None:
        try:
            body = self.read_body()
        except BadRequest as error:
            self.close_connection = True
            self.send(Response(400, [("Content-Type", "text/plain")], f"{error}\n".encode()))
            return
        url = urllib.parse.urlsplit(self.path)
        request = Request(self.command, url.path, url.query, self.headers, body)
        if url.path.startswith("/_sim/"):
            self.send(self.control(request))
            return
        sim = self.server
        route = sim.profile.routes.get(url.path)
        if route is None:
            self.send(Response(404, [("Content-Type", "text/plain")], b"not found\n"))
            return
        if route.method != request.method:
            self.send(Response(405, [("Allow", route.method), ("Content-Type", "text/plain")], b"method not allowed\n"))
            return
        if route.rating:
            sim.state.count_request()
        with sim.state.lock:
            down, delay_ms = sim.state.down, sim.state.delay_ms
        if down is not None:
            if down.get("close"):
                log(sim.profile.name, f"{request.method} {url.path} -> down: connection closed unanswered")
                self.close_connection = True
                return
            log(sim.profile.name, f"{request.method} {url.path} -> down: HTTP {down['status']}")
            self.send(Response(down["status"], [("Content-Type", "text/plain")], b""))
            return
        try:
            response = route.handle(request)
        except Exception:
            log(sim.profile.name, f"{request.method} {url.path} -> internal error:\n{traceback.format_exc()}")
            response = sim.profile.error("服务内部错误")
        if route.rating and delay_ms:
            time.sleep(delay_ms / 1000)
        self.send(response)

    def control(self, request: Request) -> Response:
        name = request.path.removeprefix("/_sim/")
        if name not in self.CONTROL or (name == "expire-tokens" and not hasattr(self.server.profile, "expire_tokens")):
            return json_response({"error": f"unknown control path {request.path}"}, 404)
        if (request.method == "GET") != (name == "received"):
            return json_response({"error": "method not allowed"}, 405)
        try:
            document = json.loads(request.body.decode("utf-8")) if request.body.strip() else {}
            if not isinstance(document, dict):
                raise ValueError("not an object")
            self.apply(name, document)
        except (ValueError, TypeError, KeyError) as error:
            return json_response({"error": f"{name}: {error}"}, 400)
        if name == "received":
            return json_response(self.server.state.snapshot())
        log(self.server.profile.name, f"control {name} {json.dumps(document, ensure_ascii=False)}")
        return json_response({"ok": True})

    def apply(self, name: str, document: dict[str, Any]) -> None:
        state = self.server.state
        if name == "refuse":
            case, text = document["case"], document["text"]
            if not isinstance(case, str) or not isinstance(text, str) or not text:
                raise ValueError("case and text must be strings, text not empty")
            with state.lock:
                state.refusing[case] = text
        elif name == "down":
            status = document.get("status", 503)
            if not isinstance(status, int) or not 100 <= status <= 599:
                raise ValueError("status must be an HTTP status")
            with state.lock:
                state.down = {"status": status, "close": document.get("close") is True}
        elif name == "up":
            with state.lock:
                state.down = None
        elif name == "delay":
            ms = document["ms"]
            if not isinstance(ms, int) or ms < 0:
                raise ValueError("ms must be a whole number of milliseconds")
            with state.lock:
                state.delay_ms = ms
        elif name == "known":
            cases = document["cases"]
            if cases is not None and not (isinstance(cases, list) and all(isinstance(c, str) for c in cases)):
                raise ValueError("cases must be a list of strings, or null")
            with state.lock:
                state.known = None if cases is None else set(cases)
        elif name == "reset":
            state.reset()
        elif name == "expire-tokens":
            self.server.profile.expire_tokens()  # type: ignore[attr-defined]


def write_port_file(path: str, port: int) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".port-")
    with os.fdopen(descriptor, "w") as file:
        file.write(f"{port}\n")
    os.replace(temporary, path)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="A province's 好差评 interface, simulated on 127.0.0.1.")
    parser.add_argument("--profile", required=True, choices=sorted(PROFILES))
    parser.add_argument("--port-file", required=True, help="where to write the port (temporary file, then rename)")
    parser.add_argument("--port", type=int, default=0, help="0 (the default): any free port")
    parser.add_argument("--known-cases", help="comma-separated case numbers; others are refused (default: any)")
    parser.add_argument("--time-window", type=float, default=300, help="seconds a request time may be off")
    parser.add_argument("--app-mark", default="ratingpad-test", help="shandong, beijing")
    parser.add_argument("--app-word", default="ratingpad-word", help="shandong, beijing")
    parser.add_argument("--app-key", default="ratingpad-test", help="fujian")
    parser.add_argument("--app-secret", default="ratingpad-secret", help="fujian")
    parser.add_argument("--token-seconds", type=int, default=3600, help="fujian")
    parser.add_argument("--private-key", default=DEFAULT_PRIVATE_KEY, help="beijing: the province's SM2 key, hex")
    parser.add_argument("--public-key", help="beijing: 04 || X || Y, hex, checked against --private-key")
    return parser.parse_args(argv)


def main() -> None:
    options = arguments()
    module = PROFILES[options.profile]
    known = None if options.known_cases is None else [c for c in options.known_cases.split(",") if c]
    state = State(module.ID_PREFIX, known)
    profile = module.Profile(options, state)
    server = Simulator(options.port, profile, state)

    def stop(signum: int, frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # A test process may start us with its signal mask, which can block SIGTERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    port = server.server_address[1]
    write_port_file(options.port_file, port)
    print(f"listening on {port}", flush=True)
    log(options.profile, f"listening on 127.0.0.1:{port}")
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    log(options.profile, "stopped")


if __name__ == "__main__":
    main()
