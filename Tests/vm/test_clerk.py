"""The clerk on duty (issue 14): the counter system on the host signs clerks in and out through the
pad's forwarded API; the real DRM screen shows each one's photo and name as the in-memory
rendering does, and a restarted agent shows the last clerk the ledger names."""

import base64
import json
import os
import struct
import subprocess
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

import vmharness
from hosthub import GUEST_API_PORT, free_port
from padscreens import CONFIG, RATINGPAD, TOLERANCE, Rect, differing_share, guest_files, journal_until, wait_for_screen

COUNTER_TOKEN = "counter-token-" + os.urandom(12).hex()
HUB_TOKEN = "hub-token-" + os.urandom(12).hex()
API = f"""
[api]
listen = "0.0.0.0:{GUEST_API_PORT}"
hub_token_file = "/etc/ratingpad/hub.token"
counter_token_file = "/etc/ratingpad/counter.token"
counter_addresses = ["10.0.2.2", "127.0.0.1"]
"""
UNIT = "ratingpad-clerk-e2e"
START_AGENT = (
    f"systemd-run --unit={UNIT} -p Type=notify -p NotifyAccess=main "
    "/usr/bin/ratingpad run --config /etc/ratingpad/clerk.toml; echo systemd-run rc=$?"
)
CLOCK = Rect(0, 656, 1280, 80)  # the idle card's clock (Painter.paintClock at 1280x800): the guest's time


def png(width: int, height: int, pixel: Callable[[int, int], tuple[int, int, int]]) -> bytes:
    """A PNG file of pixel(x, y) -> (r, g, b), from the standard library alone."""
    rows = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def clerk(port: int, method: str, body: dict | None = None) -> dict:
    """The counter system on the host: PUT, DELETE or GET /v1/clerk through the forward."""
    data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/clerk", data=data, method=method)
    request.add_header("Authorization", f"Bearer {COUNTER_TOKEN}")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def wait_for_api(port: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5):
                return
        except OSError:
            assert time.monotonic() < deadline, "the API never answered"
            time.sleep(0.5)  # qemu's forward accepts either way; nothing to wait on from the host


def idle_reference(
    tmp_path: Path, name: str, staff: str, photo: Path | None, screen: str = "idle"
) -> vmharness.Screendump:
    out = tmp_path / f"{screen}-{staff}.ppm"
    command = [str(RATINGPAD), "screenshot", "--screen", screen, "--size", "1280x800", "--out", str(out)]
    command += ["--clerk-name", name, "--staff-number", staff] + (["--photo", str(photo)] if photo else [])
    subprocess.run(command, check=True)
    return vmharness.Screendump.from_ppm(out.read_bytes())


def test_the_counter_system_signs_clerks_in_and_the_screen_shows_each_photo_and_name(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    # Clerk A: a portrait photo, red above blue; clerk B: a landscape one, green and white stripes.
    photo_a = tmp_path / "a.png"
    photo_a.write_bytes(png(240, 320, lambda x, y: (200, 30, 40) if y < 160 else (30, 60, 200)))
    photo_b = tmp_path / "b.png"
    photo_b.write_bytes(png(400, 300, lambda x, y: (20, 160, 60) if (x // 40) % 2 else (250, 250, 250)))
    a = {"name": "张伟", "staff_number": "A2048", "photo": base64.b64encode(photo_a.read_bytes()).decode()}
    b = {"name": "李强", "staff_number": "B0007", "photo": base64.b64encode(photo_b.read_bytes()).decode()}
    screen_a = idle_reference(tmp_path, a["name"], a["staff_number"], photo_a)
    screen_b = idle_reference(tmp_path, b["name"], b["staff_number"], photo_b)
    closed = idle_reference(tmp_path, "", "", None, screen="idle-closed")
    configured = idle_reference(tmp_path, "王芳", "A1024", None)
    assert differing_share(screen_a, screen_b, CLOCK) > 0.02, "the two references do not tell the clerks apart"

    files = guest_files(
        agent_files, tmp_path, clerk_toml=CONFIG + API, hub_token=HUB_TOKEN, counter_token=COUNTER_TOKEN
    )
    for name in ("hub.token", "counter.token"):
        (tmp_path / name).chmod(0o600)  # the agent refuses tokens others may read
    api_port = free_port()
    vm = vmharness.VM(
        image=image,
        workdir=tmp_path / "boot",
        extra_files=files,
        run_script=START_AGENT,
        forwards=[vmharness.PortForward(api_port, GUEST_API_PORT)],
    )
    with vm:
        vm.wait_agent()
        assert "systemd-run rc=0" in vm.harness.text, vm.harness.text
        wait_for_api(api_port)
        # Before any sign-in, [clerk] from the configuration.
        share = wait_for_screen(vm, configured, CLOCK)
        assert share <= TOLERANCE[1], f"the configured clerk's card differs in {share:.2%}"

        state = clerk(api_port, "PUT", a)
        assert state["on_duty"] and state["photo"] and state["name"] == "张伟", state
        share = wait_for_screen(vm, screen_a, CLOCK)
        assert share <= TOLERANCE[1], f"clerk A's card differs from the in-memory rendering in {share:.2%}"

        clerk(api_port, "PUT", b)
        share = wait_for_screen(vm, screen_b, CLOCK)
        assert share <= TOLERANCE[1], f"clerk B's card differs in {share:.2%}"
        assert differing_share(vm.screendump(), screen_a, CLOCK) > 0.02, "clerk A is still shown"

        # A refused photo changes nothing on the screen and nothing in the ledger.
        with pytest.raises(urllib.error.HTTPError) as refused:
            clerk(api_port, "PUT", {**a, "photo": base64.b64encode(b"GIF89a not ours").decode()})
        assert refused.value.code == 415 and "neither JPEG nor PNG" in refused.value.read().decode()

        # A restart: the last clerk record (and the kept photo) says who is on duty, not [clerk].
        vm.run(f"systemctl stop {UNIT}", check=True)
        vm.run(START_AGENT, check=True)
        journal_until(vm, UNIT, "李强 \\(B0007\\) is on duty, from the ledger")
        share = wait_for_screen(vm, screen_b, CLOCK)
        assert share <= TOLERANCE[1], f"after a restart clerk B's card differs in {share:.2%}"
        wait_for_api(api_port)

        out = clerk(api_port, "DELETE")
        assert not out["on_duty"], out
        share = wait_for_screen(vm, closed, CLOCK)
        assert share <= TOLERANCE[1], f"the closed window's card differs in {share:.2%}"

        code, exported, err = vm.run("ratingpad export --config /etc/ratingpad/clerk.toml --format json")
        assert code == 0, err
        records = [r for r in json.loads(exported) if r["kind"].startswith("clerk_")]
        assert [r["kind"] for r in records] == ["clerk_on_duty", "clerk_on_duty", "clerk_off_duty"], records
        assert [json.loads(r["detail"])["staff_number"] for r in records] == ["A2048", "B0007", "B0007"]
        code, out_text, err = vm.run("ratingpad verify --config /etc/ratingpad/clerk.toml")
        assert code == 0, out_text + err
