"""Product scenarios: the agent on a real kernel DRM display with qemu's tablet as touch."""

import json
import time
from pathlib import Path

import vmharness
from padscreens import (
    CONFIG,
    NO_SKIP,
    TOLERANCE,
    differing_share,
    guest_files,
    read_the_prompt,
    reference,
    wait_for_screen,
)

SCRIPT = "open VM-7 11640181MB0001 户口迁移\n"


def test_a_tap_on_very_satisfied_is_on_disk_when_thanked_and_survives_a_power_cut(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    files = guest_files(agent_files, tmp_path, e2e_toml=CONFIG, e2e_script=SCRIPT)
    prompt, targets = reference("prompt", tmp_path)
    thanks, _ = reference("thanks", tmp_path)
    disk = tmp_path / "pad.qcow2"
    # systemd starts the agent at boot as a notify service: it reports READY after its first frame.
    start = (
        "systemd-run --unit=ratingpad-e2e -p Type=notify -p NotifyAccess=main "
        "/usr/bin/ratingpad run --config /etc/ratingpad/e2e.toml --script /etc/ratingpad/e2e.script; "
        "echo systemd-run rc=$?"
    )
    vm = vmharness.VM(image=image, workdir=tmp_path / "boot1", extra_files=files, run_script=start, disk=disk)
    with vm:
        vm.wait_agent()
        assert "systemd-run rc=0" in vm.harness.text
        _, log, _ = vm.run("journalctl -u ratingpad-e2e -o cat")
        first_frame = [line for line in log.splitlines() if "first frame shown" in line]
        assert first_frame, log
        print(f"\n[vm] boot to first frame: {first_frame[0].split('first frame shown ')[1]}")

        share = wait_for_screen(vm, prompt, targets["subtitle"])
        assert share <= TOLERANCE[1], f"the prompt on screen differs from the in-memory rendering in {share:.2%}"
        read_the_prompt()

        x, y, w, h = targets["very_satisfied"]
        vm.tap((x + w / 2) / 1280, (y + h / 2) / 800)
        share = wait_for_screen(vm, thanks, NO_SKIP, timeout=20)
        assert share <= TOLERANCE[1], f"no thank-you screen ({share:.2%} differ)"
        # The thank-you is up, so the rating must already be on disk: cut the power now.
        vm.power_cut()

    second = vmharness.VM(image=image, workdir=tmp_path / "boot2", extra_files=agent_files, disk=disk)
    with second:
        second.wait_agent()
        code, out, err = second.run("ratingpad verify --config /etc/ratingpad/e2e.toml")
        assert code == 0, out + err
        code, out, err = second.run("ratingpad export --config /etc/ratingpad/e2e.toml --format json")
        assert code == 0, err
        ratings = [r for r in json.loads(out) if r["kind"] == "rating"]
        assert [(r["transaction_number"], r["level"], r["channel"]) for r in ratings] == [
            ("VM-7", "very_satisfied", "window_pad")
        ]


def test_systemd_restarts_a_killed_or_hung_agent_and_the_screen_comes_back(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    (tmp_path / "e2e.toml").write_text(CONFIG)
    files = dict(agent_files)
    files["/etc/ratingpad/e2e.toml"] = tmp_path / "e2e.toml"
    # A generous watchdog: under software emulation on a loaded machine a first frame can take seconds.
    start = (
        "systemd-run --unit=ratingpad-e2e -p Type=notify -p NotifyAccess=main -p Restart=always -p RestartSec=1 "
        "-p WatchdogSec=30 -p TimeoutStopSec=3 /usr/bin/ratingpad run --config /etc/ratingpad/e2e.toml; "
        "echo systemd-run rc=$?"
    )
    vm = vmharness.VM(image=image, workdir=tmp_path / "vm", extra_files=files, run_script=start)

    def main_pid() -> int:
        _, out, _ = vm.run("systemctl show -p MainPID --value ratingpad-e2e")
        return int(out.strip() or 0)

    def wait_restarted(old: int, timeout: float = 150) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            _, out, _ = vm.run("systemctl is-active ratingpad-e2e; systemctl show -p MainPID --value ratingpad-e2e")
            state, pid = [*out.split(), "", "0"][:2]
            if state == "active" and int(pid) not in (0, old):
                return int(pid)
            time.sleep(0.5)  # systemd's restart is observed, not signalled, from the host
        raise AssertionError(f"ratingpad-e2e was not restarted within {timeout}s")

    with vm:
        vm.wait_agent()
        assert "systemd-run rc=0" in vm.harness.text
        first = main_pid()
        assert first > 0
        blank = vm.screendump()

        # SIGKILL: systemd restarts it (Restart=always) and, being Type=notify, only counts it
        # active again once it has drawn its first frame.
        vm.run(f"kill -KILL {first}")
        second = wait_restarted(first)
        vm.run("sleep 0")  # a round trip, so the restart's frame has been flipped
        shot = vm.screendump()
        assert shot.width == 1280 and differing_share(shot, blank, NO_SKIP) < 0.05

        # A hung event loop stops its watchdog pings; systemd kills and restarts it.
        vm.run(f"kill -STOP {second}")
        third = wait_restarted(second)
        _, log, _ = vm.run("journalctl -u ratingpad-e2e -o cat | grep -i watchdog")
        assert "watchdog" in log.lower(), log
        assert third not in (first, second)


def test_taps_on_uinput_touchscreens_of_both_protocols_rate_a_slide_rates_nothing_and_a_replugged_panel_works(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    import evemu

    _, targets = reference("prompt", tmp_path)

    def device_point(level: str, dx: float = 0.5) -> tuple[int, int]:
        x, y, w, h = targets[level]
        return round((x + w * dx) * 4095 / 1279), round((y + h / 2) * 4095 / 799)

    (tmp_path / "e2e.toml").write_text(CONFIG)
    files = dict(agent_files)
    files["/etc/ratingpad/e2e.toml"] = tmp_path / "e2e.toml"
    for protocol in ("A", "B"):
        (tmp_path / f"ts-{protocol}.desc").write_text(evemu.touchscreen(f"test panel {protocol}", protocol))
        files[f"/etc/ratingpad/ts-{protocol}.desc"] = tmp_path / f"ts-{protocol}.desc"
    plays = {
        # Pressed on 非常满意 but slid off to 非常不满意 before lifting: nothing.
        "slide-B": evemu.tap(*device_point("very_satisfied"), "B", to=device_point("very_dissatisfied")),
        "tap-B": evemu.tap(*device_point("satisfied"), "B"),
        "tap-A": evemu.tap(*device_point("basically_satisfied"), "A"),
    }
    for name, text in plays.items():
        (tmp_path / f"{name}.events").write_text(text)
        files[f"/etc/ratingpad/{name}.events"] = tmp_path / f"{name}.events"
    vm = vmharness.VM(image=image, workdir=tmp_path / "vm", extra_files=files)

    def node(name: str) -> str:
        _, out, _ = vm.run(
            f"for d in /sys/class/input/event*; do grep -qx '{name}' $d/device/name && echo /dev/input/${{d##*/}}; done"
        )
        return out.strip()

    def plug(protocol: str, unit: str) -> str:
        vm.run(f"systemd-run --unit={unit} evemu-device /etc/ratingpad/ts-{protocol}.desc", check=True)
        deadline = time.monotonic() + 30
        while not node(f"test panel {protocol}") and time.monotonic() < deadline:
            time.sleep(0.1)  # udev names the new device node; nothing to wait on from the host
        return node(f"test panel {protocol}")

    with vm:
        vm.wait_agent()
        for protocol in ("A", "B"):
            plug(protocol, f"panel-{protocol}")
        for protocol, play, number in (("B", "slide-B", "VM-B"), ("A", "tap-A", "VM-A"), ("B", "replug-B", "VM-H")):
            script = tmp_path / f"{number}.script"
            script.write_text(f"open {number} 11640181MB0001 户口迁移\n")
            vm.run(f"cat > /etc/ratingpad/{number}.script <<'EOF'\n{script.read_text()}EOF", check=True)
            vm.run(
                f"systemd-run --unit=pad-{number} -p Type=notify /usr/bin/ratingpad run "
                f"--config /etc/ratingpad/e2e.toml --script /etc/ratingpad/{number}.script",
                check=True,
                timeout=120,
            )
            share = wait_for_screen(vm, reference("prompt", tmp_path)[0], targets["subtitle"])
            assert share <= TOLERANCE[1]
            if play == "replug-B":
                # The running agent has panel B open; it is unplugged (its uinput device destroyed)
                # and plugged in again, and the agent picks up the new device node by itself.
                old = node("test panel B")
                vm.run("systemctl stop panel-B", check=True)
                deadline = time.monotonic() + 30
                while node("test panel B") and time.monotonic() < deadline:
                    time.sleep(0.1)
                plug("B", "panel-B-again")
                deadline = time.monotonic() + 30
                while True:  # the agent logs each panel it opens; the host can only read the journal
                    log = vm.run(f"journalctl -u pad-{number} -o cat")[1]
                    if ("disappeared" in log and log.count("test panel B") >= 2) or time.monotonic() > deadline:
                        break
                    time.sleep(0.2)
                assert "disappeared" in log and log.count("test panel B") >= 2, log
                print(f"\n[vm] panel B replugged: {old} -> {node('test panel B')}")
                play = "tap-B"
            device = node(f"test panel {protocol}")
            vm.run(f"evemu-play {device} < /etc/ratingpad/{play}.events", check=True)
            if play == "slide-B":
                # A person lifts and presses again no faster than this; sooner is a bounce, ignored.
                vm.run(f"sleep 0.3; evemu-play {device} < /etc/ratingpad/tap-B.events", check=True)
            # The agent ends once its script is done and the pad is idle again.
            deadline = time.monotonic() + 90
            while vm.run(f"systemctl is-active pad-{number}")[1].strip() in ("active", "activating"):
                assert time.monotonic() < deadline, vm.run(f"journalctl -u pad-{number} -o cat")[1]
                time.sleep(0.5)
        code, out, err = vm.run("ratingpad export --config /etc/ratingpad/e2e.toml --format json")
        assert code == 0, err
        ratings = [(r["transaction_number"], r["level"]) for r in json.loads(out) if r["kind"] == "rating"]
        assert ratings == [("VM-B", "satisfied"), ("VM-A", "basically_satisfied"), ("VM-H", "satisfied")]


def test_the_screen_comes_back_after_another_drm_master_lets_go_and_after_the_connector_is_unplugged(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    files = guest_files(agent_files, tmp_path, e2e_toml=CONFIG, e2e_script=SCRIPT)
    prompt, targets = reference("prompt", tmp_path)
    vm = vmharness.VM(image=image, workdir=tmp_path / "vm", extra_files=files)

    def journal_shows(unit: str, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:  # the host can only read the guest's journal, not wait on it
            log = vm.run(f"journalctl -u {unit} -o cat")[1]
            if text in log or time.monotonic() > deadline:
                assert text in log, log
                return log
            time.sleep(0.2)

    connectors = "for s in /sys/class/drm/card*-*/status; do echo {} > $s; done"
    with vm:
        vm.wait_agent()
        # Another program holds the display (DRM master) when the agent starts.
        vm.run("systemd-run --unit=holder /usr/local/bin/drm-fill", check=True)
        journal_shows("holder", "drm-fill:")
        held = vm.screendump()
        vm.run(
            "systemd-run --unit=pad /usr/bin/ratingpad run --config /etc/ratingpad/e2e.toml "
            "--script /etc/ratingpad/e2e.script",
            check=True,
        )
        journal_shows("pad", "DRM master")
        assert differing_share(vm.screendump(), held, NO_SKIP) < 0.01, "the agent disturbed the other master"
        # It lets go: the agent takes the display and shows its prompt.
        started = time.monotonic()
        vm.run("systemctl stop holder", check=True)
        share = wait_for_screen(vm, prompt, targets["subtitle"])
        assert share <= TOLERANCE[1], f"no prompt after the other master let go ({share:.2%} differ)"
        print(f"\n[vm] prompt shown {time.monotonic() - started:.1f}s after the other DRM master let go")

        # The connector is unplugged (forced off) and plugged back: a full redraw.
        vm.run(connectors.format("off"), check=True)
        journal_shows("pad", "panel disconnected")
        deadline = time.monotonic() + 30
        while True:
            shot = vm.screendump()
            if shot.width != 1280 or differing_share(shot, prompt, targets["subtitle"]) > 0.5:
                break
            assert time.monotonic() < deadline, "the screen stayed on with the connector off"
            time.sleep(0.2)
        vm.run(connectors.format("on"), check=True)
        journal_shows("pad", "panel connected")
        share = wait_for_screen(vm, prompt, targets["subtitle"])
        assert share <= TOLERANCE[1], f"no prompt after the connector came back ({share:.2%} differ)"
        vm.run(connectors.format("detect"))
