"""A pad without a real-time clock: the guest boots at 2000-01-01 with its link cut, a citizen
rates; the link returns and the pad learns the time from the hub; the system clock is stepped an
hour on while the next prompt is open, and that prompt still takes a tap; the hub's export shows
both ratings at today's date within seconds of their taps, the first marked as corrected."""

import csv
import io
import json
import subprocess
import time
from datetime import datetime
from pathlib import Path

from test_hub import HUB_TOKEN, START_AGENT, networked_pad_files, open_in_guest

import vmharness
from hosthub import GUEST_API_PORT, HUB, HUB_IN_GUEST, HostHub, free_port
from padscreens import NO_SKIP, TOLERANCE, read_the_prompt, reference, wait_for_screen

LEDGER = "/var/lib/ratingpad/ledger.sqlite"
WITHIN_SECONDS = 3.0


def tap_and_time(vm: vmharness.VM, screens: dict, targets: dict) -> float:
    """Waits for the prompt, taps 非常满意, waits for the thank-you; returns the host's time of the tap."""
    share = wait_for_screen(vm, screens["prompt"], targets["subtitle"])
    assert share <= TOLERANCE[1], f"no prompt on screen ({share:.2%} differ)"
    read_the_prompt()
    x, y, w, h = targets["very_satisfied"]
    tapped = time.time()
    vm.tap((x + w / 2) / 1280, (y + h / 2) / 800)
    share = wait_for_screen(vm, screens["thanks"], NO_SKIP, timeout=30)
    assert share <= TOLERANCE[1], f"no thank-you screen ({share:.2%} differ)"
    return tapped


def guest_health(vm: vmharness.VM) -> dict:
    """The agent's health as the hub would ask for it, from inside the guest."""
    out = vm.run(
        f"curl -sf -H 'Authorization: Bearer {HUB_TOKEN}' http://127.0.0.1:{GUEST_API_PORT}/v1/health", check=True
    ).out
    return json.loads(out)


def wait_in_guest(vm: vmharness.VM, command: str, what: str, timeout: float = 120) -> str:
    """Runs `command` in the guest until it prints something."""
    deadline = time.monotonic() + timeout
    while True:
        code, out, _ = vm.run(command)
        if code == 0 and out.strip():
            return out.strip()
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.5)  # the guest's ledger has no change notification the harness can wait on


def exported_once_redated(database: Path, out: Path, timeout: float = 60) -> dict[str, dict[str, str]]:
    """The hub's export by transaction number, once CLOCK-1 is re-dated: the hub re-dates after it
    acknowledged the page with the known record, so the export may come a moment before."""
    deadline = time.monotonic() + timeout
    while True:
        subprocess.run(
            [str(HUB), "export", "--database", str(database), "--numbering", "provincial", "--out", str(out)],
            check=True,
        )
        rows = {row["transaction_number"]: row for row in csv.DictReader(io.StringIO(out.read_text()))}
        if rows.get("CLOCK-1", {}).get("clock") != "uncorrected" or time.monotonic() > deadline:
            return rows
        time.sleep(0.2)  # the hub's re-dating has no event a test can wait on from outside


def test_a_pad_booted_at_2000_has_its_ratings_dated_by_the_hub(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    files = networked_pad_files(agent_files, tmp_path)
    prompt, targets = reference("prompt", tmp_path)
    screens = {"prompt": prompt, "thanks": reference("thanks", tmp_path)[0]}
    api_port = free_port()
    hub = HostHub(tmp_path, pad_url=f"http://127.0.0.1:{api_port}", token=HUB_TOKEN)
    vm = vmharness.VM(
        image=image,
        workdir=tmp_path / "boot",
        extra_files=files,
        run_script=START_AGENT,
        forwards=[vmharness.PortForward(api_port, GUEST_API_PORT)],
        guest_services=[vmharness.GuestService(HUB_IN_GUEST, hub.port)],
        rtc_base="2000-01-01",
    )
    try:
        with vm:
            vm.set_link(False)  # before the guest's userspace: no hub, and (restrict=on) never NTP
            # The harness waits for network-online, which gives up after 2 minutes with no link.
            vm.wait_agent()
            assert "systemd-run rc=0" in vm.harness.text, vm.harness.text
            guest_now = float(vm.run("date +%s", check=True).out)
            print(f"\n[vm] the guest's clock at the agent's start: {datetime.fromtimestamp(guest_now).isoformat()}")
            # The kernel set 2000-01-01 from the RTC; systemd advances a clock before its build date to it.
            assert guest_now < time.time() - 86400, "the guest's clock was not set back"
            wait_in_guest(vm, f"curl -sf http://127.0.0.1:{GUEST_API_PORT}/health", "the agent's API")
            assert guest_health(vm)["clock_known"] == "unknown"

            open_in_guest(vm, "CLOCK-1")
            first_tap = tap_and_time(vm, screens, targets)
            row = wait_in_guest(
                vm, f"sqlite3 {LEDGER} \"SELECT wall_ms, clock_known FROM records WHERE kind = 'rating'\"", "a rating"
            )
            pad_wall, known = row.split("|")
            assert known == "0", row
            print(f"[vm] rating 1 stamped by the pad {(int(pad_wall) / 1000 - first_tap) / 86400:.1f} days off")

            vm.set_link(True)
            learned = wait_in_guest(
                vm, f"sqlite3 {LEDGER} \"SELECT detail FROM records WHERE kind = 'clock_learned'\"", "clock_learned"
            )
            print(f"[vm] clock_learned: {learned}")
            assert "from hub_time_ms" in learned, learned  # ratingpad-hub's own stamp, not the Date header
            assert "the hub spent" in learned, learned  # and its arrival time, leaving its storing out
            assert guest_health(vm)["clock_known"] == "known (hub)"
            open_in_guest(vm, "CLOCK-2")
            # A step of the system clock while the prompt is open (as NTP might make): an hour on,
            # which would have expired a prompt timed by the wall clock and moved its stamp.
            vm.run("date -s @$(( $(date +%s) + 3600 ))", check=True)
            second_tap = tap_and_time(vm, screens, targets)
            hub.wait_for([("CLOCK-1", "very_satisfied"), ("CLOCK-2", "very_satisfied")])

        rows = exported_once_redated(hub.database, tmp_path / "export.csv")
        for number, tapped, clock in (("CLOCK-1", first_tap, "corrected"), ("CLOCK-2", second_tap, "known")):
            row = rows[number]
            exported = datetime.fromisoformat(row["time"]).timestamp()
            print(
                f"[vm] {number}: tapped {datetime.fromtimestamp(tapped).isoformat(timespec='milliseconds')}, "
                f"hub time {row['time']} ({exported - tapped:+.3f} s), clock {row['clock']}, "
                f"pad stamp {row['pad_time']}"
            )
            assert row["clock"] == clock, row
            assert abs(exported - tapped) <= WITHIN_SECONDS, row
        # The pad's own stamp is kept beside the hub's time, as the pad wrote it: far from the tap.
        assert abs(datetime.fromisoformat(rows["CLOCK-1"]["pad_time"]).timestamp() - first_tap) > 86400
        assert hub.flagged() == [], "the hub flagged the pad's chain"
    finally:
        hub.stop()
