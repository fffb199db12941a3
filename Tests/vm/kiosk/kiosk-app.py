#!/usr/bin/env python3
"""The hall's kiosk application, as the VM scenarios see it: a full-screen X client on vt7.

It draws one static picture (dark blue, a header band, a few coloured blocks and a big green
DONE button), the same on every Expose and never anything else, so screendumps before and after
the agent borrowed the screen can be compared. Every button press and release goes to
LOGDIR/input.log as `press X Y T` / `release X Y T` (T: the guest's monotonic clock). A release
on DONE is a citizen finishing a transaction: a background thread asks the pad agent on
127.0.0.1:PORT to open a rating prompt (POST /v1/prompts), logs `opened ID` or `refused STATUS
BODY` to LOGDIR/prompts.log, then follows the prompt (GET /v1/prompts/ID every 0.5 s) until it
is no longer open, logging `ID STATUS`. LOGDIR/ready appears once the window is mapped and drawn.

Usage: kiosk-app.py --token TOKEN --port PORT --log-dir DIR   (with DISPLAY set)
"""

import argparse
import itertools
import json
import os
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from Xlib import X, display

DONE = (900, 600, 300, 160)  # x, y, width, height: the DONE button
BLOCKS = [  # x, y, width, height, colour
    (0, 0, 1280, 96, 0x2A5CAA),  # header band
    (80, 160, 320, 200, 0xE8A33D),
    (480, 160, 320, 200, 0xC0392B),
    (880, 160, 320, 200, 0x8E44AD),
    (80, 440, 720, 60, 0x16A085),
    (80, 540, 500, 40, 0x7F8C8D),
    (*DONE, 0x27AE60),
]
BACKGROUND, TEXT = 0x0B1F4B, 0xFFFFFF
# 5x7 block letters for the button, one string of 5 bits per row.
GLYPHS = {
    "D": ["11110", "10001", "10001", "10001", "10001", "10001", "11110"],
    "O": ["01110", "10001", "10001", "10001", "10001", "10001", "01110"],
    "N": ["10001", "11001", "10101", "10011", "10001", "10001", "10001"],
    "E": ["11111", "10000", "10000", "11110", "10000", "10000", "11111"],
}
LINES = [(40, 56, "ratingpad test kiosk - vt7"), (80, 620, "Tap DONE when the transaction is finished.")]


class Kiosk:
    def __init__(self, token: str, port: int, log_dir: Path) -> None:
        self.token, self.base, self.log_dir = token, f"http://127.0.0.1:{port}", log_dir
        log_dir.mkdir(parents=True, exist_ok=True)
        self.input_log = open(log_dir / "input.log", "a", buffering=1)  # noqa: SIM115 (open for the whole run)
        self.prompts_log = open(log_dir / "prompts.log", "a", buffering=1)  # noqa: SIM115
        self.log_lock = threading.Lock()
        # KIOSK-1, KIOSK-2 …; a kiosk started again goes on from KIOSK_FIRST_TRANSACTION.
        self.transactions = itertools.count(int(os.environ.get("KIOSK_FIRST_TRANSACTION", "1")))
        self.display = display.Display()
        screen = self.display.screen()
        self.width, self.height = screen.width_in_pixels, screen.height_in_pixels
        self.window = screen.root.create_window(
            0, 0, self.width, self.height, 0, screen.root_depth, X.InputOutput, X.CopyFromParent,
            background_pixel=BACKGROUND, override_redirect=True,
            event_mask=X.ExposureMask | X.ButtonPressMask | X.ButtonReleaseMask,
        )  # fmt: skip
        self.gc = self.window.create_gc(foreground=TEXT, background=BACKGROUND, font=self.display.open_font("fixed"))

    def draw(self) -> None:
        """The one picture: the same pixels every time."""
        self.fill(0, 0, self.width, self.height, BACKGROUND)
        for x, y, width, height, colour in BLOCKS:
            self.fill(x, y, width, height, colour)
        scale, (x, y, width, height) = 10, DONE
        left, top = x + (width - 23 * scale) // 2, y + (height - 7 * scale) // 2
        for n, letter in enumerate("DONE"):
            for row, bits in enumerate(GLYPHS[letter]):
                for column, bit in enumerate(bits):
                    if bit == "1":
                        self.fill(left + n * 6 * scale + column * scale, top + row * scale, scale, scale, TEXT)
        self.gc.change(foreground=TEXT)
        for x, y, text in LINES:
            self.window.draw_text(self.gc, x, y, text.encode())
        self.display.flush()

    def fill(self, x: int, y: int, width: int, height: int, colour: int) -> None:
        self.gc.change(foreground=colour)  # TrueColor, 24 bits: the pixel is the RGB value
        self.window.fill_rectangle(self.gc, x, y, width, height)

    def run(self) -> None:
        self.window.map()
        drawn = False
        while True:
            event = self.display.next_event()
            if event.type == X.Expose and event.count == 0:
                self.draw()
                if not drawn:
                    self.display.sync()
                    (self.log_dir / "ready").write_text(f"{time.monotonic():.3f}\n")
                    drawn = True
            elif event.type in (X.ButtonPress, X.ButtonRelease):
                kind = "press" if event.type == X.ButtonPress else "release"
                self.input_log.write(f"{kind} {event.root_x} {event.root_y} {time.monotonic():.3f}\n")
                x, y, width, height = DONE
                if kind == "release" and x <= event.root_x < x + width and y <= event.root_y < y + height:
                    number = next(self.transactions)
                    threading.Thread(target=self.finish_transaction, args=(number,), daemon=True).start()

    def finish_transaction(self, number: int) -> None:
        """Asks the agent for a rating prompt and follows it until it is no longer open."""
        order = {
            "transaction_number": f"KIOSK-{number}",
            "service_item_code": "11640181MB0001",
            "service_item_name": "户口迁移",
            "staff_number": "A1024",
            "window": "kiosk-1",
        }
        status, body = self.call("POST", "/v1/prompts", order)
        if status != 201:
            self.note(f"refused {status} {body}")
            return
        prompt = json.loads(body)["prompt_id"]
        self.note(f"opened {prompt}")
        while True:
            time.sleep(0.5)
            status, body = self.call("GET", f"/v1/prompts/{prompt}")
            state = json.loads(body).get("status") if status == 200 else f"error {status} {body}"
            if state != "open":
                self.note(f"{prompt} {state}")
                return

    def call(self, method: str, path: str, body: dict[str, str] | None = None) -> tuple[int | str, str]:
        """One request to the agent: (HTTP status, body), or ("error", why) when there was no answer."""
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(body, ensure_ascii=False).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            method=method,
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except OSError as error:  # refused, unreachable, timed out
            return "error", str(getattr(error, "reason", error))

    def note(self, line: str) -> None:
        with self.log_lock:
            self.prompts_log.write(line.replace("\n", " ") + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--token", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log-dir", type=Path, required=True)
    arguments = parser.parse_args()
    Kiosk(arguments.token, arguments.port, arguments.log_dir).run()


if __name__ == "__main__":
    main()
