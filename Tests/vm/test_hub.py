"""The pad and the hub end to end: the agent in the guest under systemd, the reference hub on the
host pulling through a 127.0.0.1 forward and receiving pushes through a guestfwd, prompts opened
through the counter API, taps through qemu's tablet."""

import json
import os
import time
import urllib.request
from pathlib import Path

import vmharness
from hosthub import GUEST_API_PORT, HUB_IN_GUEST, HostHub, free_port, post_prompt
from padscreens import CONFIG, NO_SKIP, TOLERANCE, differing_share, read_the_prompt, reference, wait_for_screen

HUB_TOKEN = "hub-token-" + os.urandom(12).hex()
COUNTER_TOKEN = "counter-token-" + os.urandom(12).hex()
NETWORK = f"""
[api]
listen = "0.0.0.0:{GUEST_API_PORT}"
hub_token_file = "/etc/ratingpad/hub.token"
counter_token_file = "/etc/ratingpad/counter.token"
# The host's forwarded connections arrive from qemu's gateway; the guest's own curl from loopback.
counter_addresses = ["10.0.2.2", "127.0.0.1"]
[push]
url = "http://{HUB_IN_GUEST}/v1/push"
token_file = "/etc/ratingpad/hub.token"
backoff_base_seconds = 1
backoff_cap_seconds = 4
timeout_seconds = 5
"""
START_AGENT = (
    "systemd-run --unit=ratingpad-hub-e2e -p Type=notify -p NotifyAccess=main "
    "/usr/bin/ratingpad run --config /etc/ratingpad/e2e.toml; echo systemd-run rc=$?"
)
ITEM = ("11640181MB0001", "户口迁移")  # the reference prompt's service item


def order(number: str) -> dict:
    return {
        "transaction_number": number,
        "service_item_code": ITEM[0],
        "service_item_name": ITEM[1],
        "staff_number": "A1024",
        "window": "7",
    }


def wait_for_api(vm: vmharness.VM, port: int, timeout: float = 180) -> float:
    """Waits until the agent's API answers through the forward (the guest's DHCP comes up after boot)."""
    started = time.monotonic()
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except OSError:
            pass
        if time.monotonic() - started > timeout:
            raise AssertionError("the API never answered:\n" + vm.run("journalctl -u ratingpad-hub-e2e -o cat")[1])
        time.sleep(0.5)  # nothing to wait on from the host: qemu's forward takes the connection either way


def open_from_host(port: int, number: str) -> str:
    """The counter system on the host opens a prompt through the forwarded API."""
    return post_prompt(port, COUNTER_TOKEN, order(number))


def open_in_guest(vm: vmharness.VM, number: str) -> None:
    """A counter system on the hall's LAN (here: the guest itself) opens a prompt while the hub is unreachable."""
    body = json.dumps(order(number), ensure_ascii=False)
    vm.run(
        f"curl -sf -X POST -H 'Authorization: Bearer {COUNTER_TOKEN}' -H 'Content-Type: application/json' "
        f"--data-binary '{body}' http://127.0.0.1:{GUEST_API_PORT}/v1/prompts",
        check=True,
    )


def rate(vm: vmharness.VM, screens: dict, targets: dict, level: str) -> None:
    """Waits for the prompt, taps the centre of `level` through qemu's tablet, and waits for the
    thank-you, or for a bad rating the reasons checklist (the rating is recorded at the tap; the
    next prompt supersedes the checklist, which the pad records as a reasons record with no codes)."""
    share = wait_for_screen(vm, screens["prompt"], targets["subtitle"])
    assert share <= TOLERANCE[1], f"no prompt on screen ({share:.2%} differ)"
    read_the_prompt()
    x, y, w, h = targets[level]
    vm.tap((x + w / 2) / 1280, (y + h / 2) / 800)
    if level in ("dissatisfied", "very_dissatisfied"):
        deadline = time.monotonic() + 30
        while differing_share(vm.screendump(), screens["prompt"], targets["subtitle"]) < 0.2:
            assert time.monotonic() < deadline, f"the prompt stayed after tapping {level}"
            time.sleep(0.2)  # qemu has no event for 'the screen changed'
        return
    share = wait_for_screen(vm, screens["thanks"], NO_SKIP, timeout=30)
    assert share <= TOLERANCE[1], f"no thank-you screen after tapping {level} ({share:.2%} differ)"


def networked_pad_files(agent_files: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    """The agent's files plus a configuration with the API and push (e2e.toml) and its two tokens."""
    (tmp_path / "e2e.toml").write_text(CONFIG + NETWORK)
    for name, secret in (("hub.token", HUB_TOKEN), ("counter.token", COUNTER_TOKEN)):
        (tmp_path / name).write_text(secret)
        (tmp_path / name).chmod(0o600)
    files = dict(agent_files)
    for name in ("e2e.toml", "hub.token", "counter.token"):
        files[f"/etc/ratingpad/{name}"] = tmp_path / name
    return files


def test_ratings_reach_the_hub_once_across_a_network_cut_and_a_power_cut(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    files = networked_pad_files(agent_files, tmp_path)
    prompt, targets = reference("prompt", tmp_path)
    screens = {"prompt": prompt, "thanks": reference("thanks", tmp_path)[0]}
    api_port = free_port()
    hub = HostHub(tmp_path, pad_url=f"http://127.0.0.1:{api_port}", token=HUB_TOKEN)
    disk = tmp_path / "pad.qcow2"

    def boot(name: str) -> vmharness.VM:
        return vmharness.VM(
            image=image,
            workdir=tmp_path / name,
            extra_files=files,
            run_script=START_AGENT,
            disk=disk,
            forwards=[vmharness.PortForward(api_port, GUEST_API_PORT)],
            guest_services=[vmharness.GuestService(HUB_IN_GUEST, hub.port)],
        )

    expected = [("HUB-1", "very_satisfied")]
    try:
        with boot("boot1") as vm:
            vm.wait_agent()
            assert "systemd-run rc=0" in vm.harness.text, vm.harness.text
            print(f"\n[vm] API reachable through the forward {wait_for_api(vm, api_port):.1f}s after the guest agent")
            # The counter system on the host opens a prompt; a tap on 非常满意; the hub has it.
            open_from_host(api_port, "HUB-1")
            rate(vm, screens, targets, "very_satisfied")
            print(f"[vm] tap to hub: {hub.wait_for(expected):.1f}s")

            # The government network goes down; citizens go on rating.
            vm.set_link(False)
            # Every level is tapped through the tablet in this scenario, the two bad ones here.
            for number, level in (("HUB-2", "satisfied"), ("HUB-3", "dissatisfied"), ("HUB-4", "very_dissatisfied")):
                open_in_guest(vm, number)
                rate(vm, screens, targets, level)
                expected.append((number, level))
            vm.run("sleep 3")  # a few push retries and pulls fail while the link is down
            assert hub.ratings() == expected[:1], "ratings crossed a cut link"
            vm.set_link(True)
            print(f"[vm] link restored, backlog at the hub after {hub.wait_for(expected):.1f}s")

            # A rating thanked for, then the power is cut at once.
            open_from_host(api_port, "HUB-5")
            vm.set_link(False)  # so only the ledger can carry it across the power cut
            rate(vm, screens, targets, "basically_satisfied")
            vm.power_cut()
        expected.append(("HUB-5", "basically_satisfied"))
        assert hub.ratings() == expected[:4]

        with boot("boot2") as vm:
            vm.wait_agent()
            print(f"[vm] after the power cut, at the hub {hub.wait_for(expected):.1f}s after the guest agent")
            code, out, err = vm.run("ratingpad verify --config /etc/ratingpad/e2e.toml")
            assert code == 0, out + err
        assert hub.ratings() == expected
        # HUB-3's checklist was closed by HUB-4's prompt at once; HUB-4's by HUB-5's, unless its
        # 30 s ran out first while the backlog drained.
        reasons = hub.reasons()
        assert reasons[:1] == [("HUB-3", [], "superseded")], reasons
        assert reasons[1:] in ([("HUB-4", [], "superseded")], [("HUB-4", [], "timed_out")]), reasons
        assert hub.flagged() == [], "the hub flagged the pad's chain"
    finally:
        hub.stop()
