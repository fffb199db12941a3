"""What the pad scenarios share: the test configuration, in-memory reference screens, screen comparison."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path
from typing import NamedTuple

import vmharness

RATINGPAD = vmharness.REPO / ".build/debug/ratingpad"
CONFIG = """
[device]
area_code = "640181"
department = "灵武市政务服务管理局"
hall = "灵武市政务服务中心"
window = "7"
[clerk]
name = "王芳"
staff_number = "A1024"
[flow]
prompt_timeout_seconds = 120
thanks_seconds = 3
[ledger]
state_directory = "/var/lib/ratingpad"
"""
# Pixels may differ this much per channel, on at most this share of the compared pixels.
TOLERANCE = (8, 0.005)


class Rect(NamedTuple):
    """A rectangle on the screen in pixels: a tap target, or an area a comparison skips."""

    x: int
    y: int
    width: int
    height: int


NO_SKIP = Rect(0, 0, 0, 0)
"""Compare the whole screen."""


def reference(screen: str, workdir: Path, size: str = "1280x800") -> tuple[vmharness.Screendump, dict[str, Rect]]:
    """The in-memory rendering of `screen` at `size`, and where its tap targets are."""
    out = workdir / f"{screen}-{size}.ppm"
    printed = subprocess.run(
        [str(RATINGPAD), "screenshot", "--screen", screen, "--size", size, "--out", str(out), "--print-targets"],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    targets = {name: Rect(*(int(v) for v in rest)) for name, *rest in (line.split() for line in printed.splitlines())}
    return vmharness.Screendump.from_ppm(out.read_bytes()), targets


def differing_share(shot: vmharness.Screendump, ref: vmharness.Screendump, skip: Rect) -> float:
    """The share of sampled pixels (outside the `skip` rectangle: the countdown) that differ beyond tolerance."""
    sx, sy, sw, sh = skip
    compared = differing = 0
    for y in range(0, ref.height, 3):
        for x in range(0, ref.width, 3):
            if sx <= x < sx + sw and sy <= y < sy + sh:
                continue
            compared += 1
            if max(abs(a - b) for a, b in zip(shot.pixel(x, y), ref.pixel(x, y), strict=True)) > TOLERANCE[0]:
                differing += 1
    return differing / compared


def read_the_prompt() -> None:
    """A citizen reads before tapping. The agent counts a tap sooner than 300 ms after the prompt
    opened as a suspect press (FlowSettings.minimumReadTime), not a rating; a prompt that is on
    screen quickly enough let the scenarios tap inside that window."""
    time.sleep(0.5)  # a modelled person, not a wait for an event


def wait_for_screen(vm: vmharness.VM, ref: vmharness.Screendump, skip: Rect, timeout: float = 60) -> float:
    """Screendumps until the guest shows `ref` (qemu has no event for 'the screen changed')."""
    deadline = time.monotonic() + timeout
    while True:
        share = differing_share(vm.screendump(), ref, skip)
        if share <= TOLERANCE[1] or time.monotonic() > deadline:
            return share
        time.sleep(0.2)


def guest_files(agent_files: dict[str, Path], tmp_path: Path, **texts: str) -> dict[str, Path]:
    """The agent's files plus each text (by file name, e.g. e2e_toml=CONFIG) at /etc/ratingpad/NAME."""
    files = dict(agent_files)
    for key, text in texts.items():
        name = key.replace("_", ".")
        (tmp_path / name).write_text(text)
        files[f"/etc/ratingpad/{name}"] = tmp_path / name
    return files


def journal_until(vm: vmharness.VM, unit: str, pattern: str, timeout: float = 60, start: int = 0) -> re.Match[str]:
    """Waits for `pattern` in the unit's journal, after its first `start` characters."""
    deadline = time.monotonic() + timeout
    while True:
        log = vm.run(f"journalctl -u {unit} -o cat")[1]
        if match := re.compile(pattern).search(log, start):
            return match
        assert time.monotonic() < deadline, f"{unit} never said {pattern!r}:\n{log[start:]}"
        time.sleep(0.3)  # the journal has no event the guest agent can wait on
