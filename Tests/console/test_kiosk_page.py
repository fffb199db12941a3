"""The kiosk's ten-line web example from docs/kiosk.md, served to headless Chromium as a kiosk
application's page, against a running agent (headless, rating by tap script) on loopback."""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from conftest import BIN, ROOT, free_port, make_browser, secret_file, unblocked, wait_until

PAGE = """<!doctype html><meta charset="utf-8"><title>自助终端</title>
{example}
<button id="done">办结</button><p id="outcome"></p>
<script>
document.getElementById("done").onclick = async () => {{
  const outcome = document.getElementById("outcome");
  outcome.textContent = "waiting";
  try {{ outcome.textContent = await transactionDone("{pad}", "{token}", {transaction}); }}
  catch (error) {{ outcome.textContent = "failed: " + error; }}
}};
</script>
"""
TRANSACTION = {
    "transaction_number": "KIOSK-WEB-1",
    "service_item_code": "11640181MB0001",
    "service_item_name": "户籍证明",
    "staff_number": "A1024",
}


def documented_example() -> str:
    """The ten lines as docs/kiosk.md shows them: the test runs what the page documents."""
    text = (ROOT / "docs/kiosk.md").read_text()
    match = re.search(r"```html\n(<script>.*?</script>)\n```", text, re.S)
    assert match, "docs/kiosk.md has no ```html example"
    return match.group(1)


class PageServer:
    """The kiosk application's web server on loopback, serving one page at /."""

    def __init__(self, page: str) -> None:
        body = page.encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture
def kiosk_browser() -> Iterator[WebDriver]:
    driver = make_browser()
    try:
        yield driver
    finally:
        driver.quit()


def click_done(browser: WebDriver, origin: str) -> None:
    browser.get(origin + "/")
    browser.find_element(By.ID, "done").click()


def outcome(browser: WebDriver) -> str:
    return browser.find_element(By.ID, "outcome").text


def test_the_documented_kiosk_page_opens_a_prompt_and_learns_it_was_rated(
    tmp_path: Path, kiosk_browser: WebDriver
) -> None:
    api_port = free_port()
    token = secret_file(tmp_path / "counter.token")
    pad_url = f"http://127.0.0.1:{api_port}"
    page = PAGE.format(
        example=documented_example(), pad=pad_url, token=token.read_text(), transaction=json.dumps(TRANSACTION)
    )
    allowed, stranger = PageServer(page), PageServer(page)
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[device]\narea_code = "640181"\ndepartment = "D1"\nhall = "灵武市政务服务中心"\nwindow = "K1"\n'
        'channel = "kiosk"\n[flow]\nprompt_timeout_seconds = 120\n'
        f'[ledger]\nstate_directory = "{tmp_path / "state"}"\n'
        f'[api]\nlisten = "127.0.0.1:{api_port}"\nhub_token_file = "{secret_file(tmp_path / "hub.token")}"\n'
        f'counter_token_file = "{token}"\ncounter_origin = "{allowed.origin}"\n'
    )
    # The citizen taps 15 s after the start, and the agent stays up 8 s more.
    script = tmp_path / "citizen.script"
    script.write_text("wait 15000\ntap satisfied\nwait 8000\n")
    log = tmp_path / "pad.log"
    with open(log, "wb") as out:
        pad = subprocess.Popen(
            [BIN / "ratingpad", "run", "--headless", "--config", config, "--script", script],
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=unblocked,
        )
    try:
        wait_until("the pad's API", lambda: "API listening" in log.read_text(errors="replace"), 30, pad, log)
        # A page from any other origin may not call the pad: the browser refuses the answer.
        click_done(kiosk_browser, stranger.origin)
        assert wait_until("the stranger's page gave up", lambda: outcome(kiosk_browser).startswith("failed:"), 10)
        assert "opened for KIOSK-WEB-1" not in log.read_text(errors="replace")

        click_done(kiosk_browser, allowed.origin)
        wait_until("the prompt opened", lambda: "opened for KIOSK-WEB-1" in log.read_text(errors="replace"), 10)
        assert outcome(kiosk_browser) == "waiting"
        assert wait_until("the page learned the rating", lambda: outcome(kiosk_browser) == "rated", 30, pad, log)
        # Asked again, the transaction is refused with the interfaces' own words.
        click_done(kiosk_browser, allowed.origin)
        assert wait_until("the refusal", lambda: "该办件已评价" in outcome(kiosk_browser), 10)
        pad.wait(30)
    finally:
        if pad.poll() is None:
            pad.kill()
        allowed.stop()
        stranger.stop()
    exported = subprocess.run(
        [BIN / "ratingpad", "export", "--config", config, "--format", "json"],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    ratings = [r for r in json.loads(exported) if r["kind"] == "rating"]
    assert [(r["transaction_number"], r["level"], r["channel"], r["source"]) for r in ratings] == [
        ("KIOSK-WEB-1", "satisfied", "kiosk", "kiosk")
    ]
