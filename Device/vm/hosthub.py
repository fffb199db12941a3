"""The reference hub (ratingpad-hub) run on the host for the virtual pad: by the scenarios and the demo."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO, Any

from vmharness import REPO

HUB = REPO / ".build/debug/ratingpad-hub"
GMSSL_PYTHON = REPO / ".build/gmssl/bin/python3"  # the venv Tests/gmssl/venv makes; the simulators need gmssl
PROVINCE_SIMULATOR = REPO / "Tests/province/simulator.py"


GUEST_API_PORT = 8440  # where the pad's API listens in the guest (forwarded from a 127.0.0.1 port)
HUB_IN_GUEST = "10.0.2.100:8441"  # guestfwd: a connection here reaches the hub on the host


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HostHub:
    """ratingpad-hub on the host: pulls the pad through the forward, takes its pushes, stores in SQLite."""

    def __init__(
        self, workdir: Path, pad_url: str, token: str, output: IO[bytes] | None = None, extra_config: str = ""
    ) -> None:
        """Starts the hub; its log goes to `output` (a file object) or to workdir/hub.log. `extra_config` is
        appended to its configuration (sections such as `[cases]` and `[uplink]`)."""
        self.database = workdir / "hub.sqlite"
        token_file = workdir / "hub.token"
        token_file.write_text(token)
        token_file.chmod(0o600)
        config = workdir / "hub.toml"
        config.write_text(
            f'listen = "127.0.0.1:0"\ndatabase = "{self.database}"\npull_interval_seconds = 1\n'
            f'[[pad]]\nname = "window-7"\nurl = "{pad_url}"\ntoken_file = "{token_file}"\n'
            # The VM's network is the test's own: the first answer is the pad, and is pinned.
            "enrol_on_first_pull = true\n" + extra_config
        )
        port_file = workdir / "hub.port"
        self.log = workdir / "hub.log"
        command = [str(HUB), "serve", "--config", str(config), "--port-file", str(port_file)]
        if output is None:
            # The hub holds its own copy of the log's descriptor; ours closes once it is started.
            with open(self.log, "wb") as log:
                self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        else:
            self.process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"ratingpad-hub did not start (see {self.log})")
            time.sleep(0.05)  # the hub writes its port file once it listens
        self.port = int(port_file.read_text())

    def _read_only(self) -> contextlib.closing[sqlite3.Connection]:
        """The hub's database, read-only, closed at the end of the `with` (sqlite3's own `with` only commits)."""
        return contextlib.closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True))

    def _rows(self, sql: str) -> list[tuple]:
        """The rows of a query on the hub's database; none before the hub has made it and its tables."""
        if not self.database.exists():
            return []
        with self._read_only() as db:
            try:
                return db.execute(sql).fetchall()
            except sqlite3.OperationalError:
                return []  # the hub has not made its tables yet

    def ratings(self) -> list[tuple[str, str]]:
        """(transaction number, level) of every rating the hub holds, in the pad's order."""
        rows = self._rows(
            "SELECT json_extract(body, '$.transaction.number'), json_extract(body, '$.level') "
            "FROM records WHERE kind = 'rating' ORDER BY seq"
        )
        return [(number, level) for number, level in rows]

    def reasons(self) -> list[tuple[str, list[str], str | None]]:
        """(transaction number, codes, detail) of every reasons record the hub holds, in the pad's order:
        no codes and a detail (`skipped`, `superseded` …) when the checklist closed with none given."""
        rows = self._rows(
            "SELECT json_extract(body, '$.transaction.number'), json_extract(body, '$.reasons'), "
            "json_extract(body, '$.detail') FROM records WHERE kind = 'reasons' ORDER BY seq"
        )
        return [(number, json.loads(codes), detail) for number, codes, detail in rows]

    def flagged(self) -> list[tuple[str, str]]:
        """Devices whose chain the hub found broken, forked or gapped."""
        with self._read_only() as db:
            return db.execute("SELECT name, problem FROM devices WHERE problem IS NOT NULL").fetchall()

    def wait_for(self, expected: list[tuple[str, str]], timeout: float = 120) -> float:
        """Waits until the hub holds exactly `expected`; returns how long that took."""
        started = time.monotonic()
        while self.ratings() != expected:
            got = self.ratings()
            assert len(got) <= len(expected) and got == expected[: len(got)], f"hub holds {got}"
            assert time.monotonic() - started < timeout, (
                f"hub holds {got}, expected {expected}\n" + self.log.read_text()[-3000:]
            )
            time.sleep(0.2)  # the hub's store has no change notification for an outside reader
        return time.monotonic() - started

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(10)


class ShandongProvince:
    """The Shandong 好差评 gateway's simulator (Tests/province) on 127.0.0.1, for the hub's uplink: the hub
    forwards to it with Device/provinces/shandong.toml; it checks the signature and every field, and
    keeps what it stored (`received`)."""

    def __init__(self, workdir: Path, app_mark: str = "ratingpad-demo") -> None:
        """Starts the simulator with a fresh shared secret (appWord); its log goes to workdir/province.log."""
        if not GMSSL_PYTHON.exists():
            raise RuntimeError(f"no {GMSSL_PYTHON}: run Tests/gmssl/venv first")
        self.app_mark = app_mark
        self.secret = workdir / "shandong-app-word.secret"
        self.secret.write_text(os.urandom(16).hex() + "\n")
        self.secret.chmod(0o600)
        port_file = workdir / "province.port"
        self.log = workdir / "province.log"
        command = [
            str(GMSSL_PYTHON),
            str(PROVINCE_SIMULATOR),
            "--profile",
            "shandong",
            "--port-file",
            str(port_file),
            "--app-mark",
            app_mark,
            "--app-word",
            self.secret.read_text().strip(),
        ]
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the province simulator did not start (see {self.log})")
            time.sleep(0.05)  # the simulator writes its port file once it listens
        self.url = f"http://127.0.0.1:{int(port_file.read_text())}"

    def hub_configuration(self) -> str:
        """The hub's `[uplink]` forwarding to this simulator."""
        return (
            f'[uplink]\nprofile = "{REPO / "Device/provinces/shandong.toml"}"\nurl = "{self.url}"\n'
            f'[uplink.settings]\napp_mark = "{self.app_mark}"\n'
            f'[uplink.secrets]\napp_word = "{self.secret}"\n'
        )

    def received(self) -> dict[str, Any]:
        """What the simulated province holds: `ratings`, `refused`, `duplicates` … (Tests/province/README.md)."""
        with urllib.request.urlopen(f"{self.url}/_sim/received", timeout=10) as response:
            return json.load(response)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(10)


def put_case(hub_port: int, token: str, number: str, case: dict[str, Any], timeout: float = 10) -> int:
    """The counter system on the host: sends a case's details to the hub's case API; returns the status
    (201 created, 200 replaced). Refusals raise urllib.error.HTTPError."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{hub_port}/v1/cases/{urllib.parse.quote(number, safe='')}",
        data=json.dumps(case).encode(),
        method="PUT",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status


def post_prompt(port: int, token: str, order: dict[str, Any], timeout: float = 30) -> str:
    """The counter system on the host: opens a prompt through the pad's forwarded API, returns its id.
    Refusals raise urllib.error.HTTPError, an unreachable pad OSError."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/prompts",
        data=json.dumps(order).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        assert response.status == 201, response.status
        return json.load(response)["prompt_id"]
