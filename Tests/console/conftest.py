"""Fixtures for the console's browser tests: a real ratingpad-hub with [console], a headless
ratingpad agent enrolled at it that rates by tap script, console users of each role, and headless
Chromium driven by selenium (Debian's chromium-driver, so nothing is downloaded)."""

from __future__ import annotations

import contextlib
import http.server
import json
import secrets
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".build" / "debug"
SCREENSHOTS = ROOT / ".build" / "console-screenshots"
PASSWORD = "correct horse battery"
T = TypeVar("T")

# Who logs in, as what: (login, role, options of `ratingpad-hub user add`).
USERS = {
    "chief": ("admin", ["--display-name", "王主任"]),
    "duty": ("supervisor", ["--display-name", "李督办"]),
    "deputy": ("supervisor", ["--display-name", "赵副主任"]),
    "head1": ("department_head", ["--display-name", "陈科长", "--department", "D1"]),
    "s1": ("staff", ["--display-name", "刘窗口", "--staff-number", "S1"]),
    "reader": ("auditor", ["--display-name", "周审计"]),
    "guessed": ("auditor", ["--display-name", "被猜密码"]),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def secret_file(path: Path) -> Path:
    path.write_text(secrets.token_urlsafe(24))
    path.chmod(0o600)
    return path


def wait_until(
    what: str,
    check: Callable[[], T],
    timeout: float = 60,
    process: subprocess.Popen | None = None,
    log: Path | None = None,
) -> T:
    """Polls `check` until it returns something true; fails naming `what` (and the log's tail)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{what}: the process ended ({process.returncode}): {tail(log)}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s: {tail(log)}")
        time.sleep(0.05)


def tail(log: Path | None) -> str:
    return "" if log is None or not log.exists() else log.read_text(errors="replace")[-3000:]


def unblocked() -> None:
    """The test runner's children may inherit blocked signals: SIGTERM must reach them."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})


class Hub:
    """ratingpad-hub serve with [console], its SQLite database read directly by the tests."""

    def __init__(self, workdir: Path, pad_port: int, push_token: Path, pull_token: Path, extra: str = "") -> None:
        self.workdir = workdir
        self.database = workdir / "hub.sqlite"
        self.log = workdir / "hub.log"
        config = workdir / "hub.toml"
        # A port chosen here, so the console's own address (`url`, for the alerts' links) is known.
        console_port = free_port()
        config.write_text(
            f'listen = "127.0.0.1:0"\ndatabase = "{self.database}"\npull_interval_seconds = 1\n'
            f'[[pad]]\nname = "window-3"\nurl = "http://127.0.0.1:{pad_port}"\ntoken_file = "{push_token}"\n'
            f'pull_token_file = "{pull_token}"\nenrol_on_first_pull = true\n'
            f'[console]\nlisten = "127.0.0.1:{console_port}"\nurl = "http://127.0.0.1:{console_port}"\n'
            'title = "灵武市政务服务中心 好差评"\n' + extra
        )
        port_file, console_file = workdir / "hub.port", workdir / "console.port"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [
                    BIN / "ratingpad-hub",
                    "serve",
                    "--config",
                    config,
                    "--port-file",
                    port_file,
                    "--console-port-file",
                    console_file,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=unblocked,
            )
        ports = [port_file, console_file]
        wait_until(
            "the hub listening",
            lambda: all(p.exists() and p.read_text().strip() for p in ports),
            60,
            self.process,
            self.log,
        )
        self.port = int(port_file.read_text())
        self.url = f"http://127.0.0.1:{int(console_file.read_text())}"

    def user(self, name: str, role: str, options: list[str]) -> None:
        subprocess.run(
            [
                BIN / "ratingpad-hub",
                "user",
                "add",
                name,
                "--role",
                role,
                "--database",
                self.database,
                "--by",
                "setup",
                *options,
            ],
            input=PASSWORD + "\n",
            text=True,
            check=True,
            capture_output=True,
        )

    def rows(self, sql: str, values: tuple = ()) -> list[tuple]:
        with contextlib.closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=10)) as db:
            return db.execute(sql, values).fetchall()

    def rating(self, number: str) -> tuple[str, int] | None:
        """The uuid and time (ms) of the rating of transaction `number`, once stored."""
        rows = self.rows(
            "SELECT uuid, wall_ms FROM records"
            " WHERE kind = 'rating' AND json_extract(body, '$.transaction.number') = ?",
            (number,),
        )
        return rows[0] if rows else None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Pad:
    """A headless ratingpad of window 3, enrolled at the hub by its first pull; rates by tap script."""

    def __init__(self, workdir: Path, api_port: int, push_token: Path, pull_token: Path) -> None:
        self.workdir = workdir
        self.config = workdir / "pad.toml"
        self.api_port = api_port
        self.push_token = push_token
        self.pull_token = pull_token
        self.runs = 0

    def write_config(self, hub_port: int) -> None:
        self.config.write_text(
            '[device]\narea_code = "640181"\ndepartment = "D1"\nhall = "灵武市政务服务中心"\nwindow = "3"\n'
            f'[ledger]\nstate_directory = "{self.workdir / "pad-state"}"\n'
            f'[api]\nlisten = "127.0.0.1:{self.api_port}"\nhub_token_file = "{self.pull_token}"\n'
            f'[push]\nurl = "http://127.0.0.1:{hub_port}/v1/push"\ntoken_file = "{self.push_token}"\n'
            "enrolment_recheck_seconds = 1\n"
        )

    def start(self, script: str | None = None) -> tuple[subprocess.Popen, Path]:
        self.runs += 1
        log = self.workdir / f"pad-{self.runs}.log"
        command = [BIN / "ratingpad", "run", "--headless", "--config", self.config]
        if script is not None:
            path = self.workdir / f"rate-{self.runs}.script"
            path.write_text(script)
            command += ["--script", path]
        with open(log, "wb") as out:
            return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, preexec_fn=unblocked), log

    def enrol(self, hub: Hub) -> None:
        """Runs the agent until the hub's first pull has enrolled it."""
        process, log = self.start()
        try:
            wait_until(
                "the pad enrolled at the hub",
                lambda: hub.rows("SELECT count(*) FROM devices")[0][0] > 0,
                60,
                process,
                log,
            )
        finally:
            process.terminate()
            process.wait(20)

    def rate(self, *ratings: tuple[str, str, str, str]) -> subprocess.Popen:
        """Starts the agent rating each (transaction number, level, staff number, department) in
        turn as counter system and citizen; a bad rating's checklist is skipped. The script ends
        with the citizen staying 2 s, so its pushes are done before it stops."""
        lines = []
        for number, level, staff, department in ratings:
            lines += [
                f"open {number} 11640181MB0001 staff={staff} department={department} window=3 户籍证明",
                "wait 1000",
                f"tap {level}",
            ]
            if level in ("dissatisfied", "very_dissatisfied"):
                lines += ["wait 300", "skip"]
            lines.append("wait 300")
        lines.append("wait 2000")
        process, _ = self.start("\n".join(lines) + "\n")
        return process


class WebhookReceiver:
    """A webhook on loopback: keeps every POST's JSON body, with the time it came."""

    def __init__(self) -> None:
        self.received: list[tuple[float, str, dict]] = []
        received = self.received

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                received.append((time.time(), self.path, json.loads(body)))
                answer = b'{"errcode":0,"errmsg":"ok"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *_: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def configuration(self) -> str:
        """The hub's [[webhook]] sections: the generic JSON and a 企业微信 group robot."""
        return (
            f'[[webhook]]\nname = "duty-json"\nurl = "{self.url}/json"\nformat = "json"\n'
            f'[[webhook]]\nname = "hall-group"\nurl = "{self.url}/wecom"\nformat = "wecom"\n'
        )

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session")
def webhooks() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="session")
def hall(tmp_path_factory: pytest.TempPathFactory, webhooks: WebhookReceiver) -> Iterator[tuple[Hub, Pad]]:
    workdir = tmp_path_factory.mktemp("console")
    push_token, pull_token = secret_file(workdir / "push.token"), secret_file(workdir / "pull.token")
    pad = Pad(workdir, free_port(), push_token, pull_token)
    hub = Hub(workdir, pad.api_port, push_token, pull_token, webhooks.configuration())
    try:
        for name, (role, options) in USERS.items():
            hub.user(name, role, options)
        pad.write_config(hub.port)
        pad.enrol(hub)
        yield hub, pad
    finally:
        hub.stop()


@pytest.fixture(scope="session")
def hub(hall: tuple[Hub, Pad]) -> Hub:
    return hall[0]


@pytest.fixture(scope="session")
def pad(hall: tuple[Hub, Pad]) -> Pad:
    return hall[1]


def make_browser(width: int = 1366, height: int = 768, phone: bool = False) -> WebDriver:
    """Headless Chromium at an office screen's size, or as a phone (its width, touch, device pixels)."""
    options = webdriver.ChromeOptions()
    if phone:
        metrics = {"width": width, "height": height, "pixelRatio": 2, "touch": True}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={width},{height}")
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    driver = make_browser()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def second_browser() -> Iterator[WebDriver]:
    driver = make_browser()
    try:
        yield driver
    finally:
        driver.quit()


def submit(driver: WebDriver, form: WebElement) -> None:
    """Submits `form` and waits until the page it leads to has loaded. (Waiting for the old form to
    go stale does not do: mid-navigation Chromium answers with an error of its own, not "stale".)"""
    before = driver.execute_script("return performance.timeOrigin")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def loaded(d: WebDriver) -> bool:
        now = d.execute_script("return document.readyState === 'complete' ? performance.timeOrigin : null")
        return now is not None and now != before

    WebDriverWait(driver, 10, ignored_exceptions=(WebDriverException,)).until(loaded)


def login(driver: WebDriver, hub: Hub, name: str, password: str = PASSWORD) -> None:
    driver.get(hub.url + "/login")
    driver.find_element(By.NAME, "username").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(password)
    submit(driver, driver.find_element(By.ID, "login-form"))
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "whoami")))


def screenshot(driver: WebDriver, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
