"""A technician's install, end to end: the .deb on a fresh device image, `ratingpad provision` from a
file, a reboot, then the agent under its own unprivileged user with screen, touch and hub working,
the self-test passing, and systemd restarting it after SIGKILL and after a hung loop (SIGSTOP)."""

import os
import re
import subprocess
import time
from pathlib import Path

import vmharness
from hosthub import GUEST_API_PORT, HUB_IN_GUEST, HostHub, free_port, post_prompt
from padscreens import CONFIG, TOLERANCE, read_the_prompt, reference, wait_for_screen

HUB_TOKEN = "hub-token-" + os.urandom(12).hex()
COUNTER_TOKEN = "counter-token-" + os.urandom(12).hex()
PROVISIONING = (
    CONFIG
    + f"""
[hub]
token = "{HUB_TOKEN}"
listen = "0.0.0.0:{GUEST_API_PORT}"
push_url = "http://{HUB_IN_GUEST}/v1/push"
[counter]
token = "{COUNTER_TOKEN}"
addresses = ["10.0.2.2", "127.0.0.1"]
"""
)
ORDER = {
    "transaction_number": "DEB-1",
    "service_item_code": "11640181MB0001",
    "service_item_name": "户口迁移",
    "staff_number": "A1024",
    "window": "7",
}


def build_deb() -> str:
    """The package, from the binary the tests already built (a release build would double the build time),
    passing lintian."""
    out = subprocess.run(
        [str(vmharness.REPO / "Device/deb/build-deb"), "--binary", str(vmharness.REPO / ".build/debug/ratingpad")],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        cwd=vmharness.REPO,
    ).stdout
    deb = out.strip().splitlines()[-1]
    # Debian's own checks: no errors; docs/debian-package.md explains each warning left.
    lintian = subprocess.run(
        ["lintian", "--fail-on", "error", deb], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    print(f"\n[lintian] exit {lintian.returncode}\n{lintian.stdout}")
    assert lintian.returncode == 0, lintian.stdout
    return deb


def main_pid(vm: vmharness.VM) -> int:
    return int(vm.run("systemctl show -p MainPID --value ratingpad")[1].strip() or 0)


def wait_active(vm: vmharness.VM, other_than: int = 0, timeout: float = 120) -> int:
    """Waits until ratingpad.service is active with a main process other than `other_than`."""
    deadline = time.monotonic() + timeout
    while True:
        state = vm.run("systemctl is-active ratingpad")[1].strip()
        pid = main_pid(vm)
        if state == "active" and pid not in (0, other_than):
            return pid
        assert time.monotonic() < deadline, (
            f"ratingpad is {state}:\n"
            + vm.run("journalctl -u ratingpad -o cat | tail -40; dmesg | grep -i audit | tail")[1]
        )
        time.sleep(0.5)  # systemd's state has no event reachable through the guest agent


def qr_share(shot: vmharness.Screendump) -> float:
    """The share of dark pixels in the middle of the screen, where the enrolment QR code sits."""
    dark = total = 0
    for y in range(300, 500, 2):
        for x in range(540, 740, 2):
            total += 1
            dark += max(shot.pixel(x, y)) < 80
    return dark / total


def test_the_deb_installs_provisions_and_runs_the_pad_as_its_own_user(image: Path, tmp_path: Path) -> None:
    deb = build_deb()
    (tmp_path / "window-7.toml").write_text(PROVISIONING)
    files = {"/root/ratingpad.deb": deb, "/root/window-7.toml": tmp_path / "window-7.toml"}
    api_port = free_port()
    hub = HostHub(tmp_path, pad_url=f"http://127.0.0.1:{api_port}", token=HUB_TOKEN)
    disk = tmp_path / "pad.qcow2"
    prompt, targets = reference("prompt", tmp_path)

    def boot(name: str) -> vmharness.VM:
        return vmharness.VM(
            image=image,
            workdir=tmp_path / name,
            extra_files=files,
            disk=disk,
            forwards=[vmharness.PortForward(api_port, GUEST_API_PORT)],
            guest_services=[vmharness.GuestService(HUB_IN_GUEST, hub.port)],
        )

    try:
        with boot("install") as vm:
            vm.wait_ready()
            started = time.monotonic()
            code, out, err = vm.run("apt-get install -y /root/ratingpad.deb", timeout=300)
            assert code == 0, out + err
            print(f"\n[vm] apt-get install took {time.monotonic() - started:.1f}s")
            assert re.search(
                r"groups=.*\bvideo\b.*\binput\b|groups=.*\binput\b.*\bvideo\b", vm.run("id ratingpad")[1]
            ), vm.run("id ratingpad")
            assert vm.run("systemctl is-enabled ratingpad")[1].strip() == "enabled"
            security = vm.run("systemd-analyze security ratingpad.service")[1]
            exposure = re.search(r"Overall exposure level for ratingpad.service: ([0-9.]+)", security)
            print("[vm] " + exposure.group(0))
            assert float(exposure.group(1)) <= 3.0, security

            # A mistake in the file is named, and nothing is configured.
            vm.run("sed 's/640181/6401/' /root/window-7.toml > /root/bad.toml", check=True)
            code, out, err = vm.run("ratingpad provision --file /root/bad.toml --show 0")
            assert code != 0 and "/root/bad.toml:3: device.area_code: '6401' is not an area code" in err, out + err
            assert vm.run("test -e /etc/ratingpad/ratingpad.toml")[0] != 0

            # Provisioning shows the enrolment code on the pad's screen, then starts the agent.
            vm.run("systemd-run --unit=provision ratingpad provision --file /root/window-7.toml --show 15", check=True)
            deadline = time.monotonic() + 60
            while "showing the enrolment code" not in (log := vm.run("journalctl -u provision -o cat")[1]):
                assert time.monotonic() < deadline, log
                time.sleep(0.5)
            assert 0.2 < qr_share(vm.screendump()) < 0.8, "no QR code on the screen"
            assert "the device is not enrolled yet" in log, log
            wait_active(vm, timeout=90)
            log = vm.run("journalctl -u provision -o cat")[1]
            print("[vm] provision:\n" + "\n".join(line for line in log.splitlines() if "█" not in line))
            assert "ratingpad.service started" in log, log
            vm.run("systemd-run --on-active=1 systemctl reboot", check=True)  # qga must answer first
            vm.process.wait(120)

        with boot("after-reboot") as vm:
            vm.wait_ready()
            pid = wait_active(vm)
            assert vm.run(f"ps -o user= -p {pid}")[1].strip() == "ratingpad"
            # Screen and touch as the unprivileged user: a prompt from the counter API, a tap, the hub has it.
            post_prompt(api_port, COUNTER_TOKEN, ORDER, timeout=180)
            share = wait_for_screen(vm, prompt, targets["subtitle"])
            assert share <= TOLERANCE[1], f"no prompt on screen ({share:.2%} differ)"
            read_the_prompt()
            x, y, w, h = targets["very_satisfied"]
            vm.tap((x + w / 2) / 1280, (y + h / 2) / 800)
            print(f"[vm] tap to hub: {hub.wait_for([('DEB-1', 'very_satisfied')]):.1f}s")
            code, out, err = vm.run("ratingpad status")
            print("[vm] status:\n" + out)
            assert code == 0 and "faults       none" in out and re.search(r"last sync    20\d\d-", out), out + err

            # SIGKILL: systemd restarts it and the screen comes back.
            vm.run(f"kill -KILL {pid}", check=True)
            pid = wait_active(vm, other_than=pid)
            post_prompt(api_port, COUNTER_TOKEN, dict(ORDER, transaction_number="DEB-2"), timeout=60)
            assert wait_for_screen(vm, prompt, targets["subtitle"]) <= TOLERANCE[1], "no screen after SIGKILL"
            # A hung loop: the watchdog kills it and systemd restarts it.
            stopped = time.monotonic()
            vm.run(f"kill -STOP {pid}", check=True)
            pid = wait_active(vm, other_than=pid, timeout=90)
            print(f"[vm] watchdog restart {time.monotonic() - stopped:.1f}s after SIGSTOP")

            # The self-test, as the agent's user, with the agent stopped (it needs the screen).
            vm.run("systemctl stop ratingpad", check=True)
            # A technician's per-panel matrix through udev, as Device/udev/70-ratingpad.rules shows.
            vm.run(
                'echo \'ACTION=="add|change", KERNEL=="event*", ATTRS{name}=="QEMU QEMU USB Tablet", '
                'ENV{LIBINPUT_CALIBRATION_MATRIX}="1 0 0 0 1 0"\' > /etc/udev/rules.d/71-panel.rules && '
                "udevadm control --reload && udevadm trigger --action=change --subsystem-match=input && udevadm settle",
                check=True,
            )
            code, out, err = vm.run("runuser -u ratingpad -- ratingpad selftest --show 1", timeout=120)
            print("[vm] selftest:\n" + out)
            assert code == 0, out + err
            assert out.count("PASS") == 5 and "Virtual-1 1280x800" in out and "from udev" in out, out
            vm.run("systemctl start ratingpad", check=True)
            wait_active(vm)
        assert hub.flagged() == []
    finally:
        hub.stop()
