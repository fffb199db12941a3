"""The installer's touch tools through the real kernel: a pinned panel that is missing puts the pad
out of service until it appears; `ratingpad calibrate` computes a matrix from taps on a panel that
is off by a fixed offset and saves it; `ratingpad selftest touch` names the cell never touched."""

import time
from pathlib import Path

import evemu
import vmharness
from padscreens import CONFIG, TOLERANCE, Rect, differing_share, guest_files, journal_until, reference, wait_for_screen

PANEL = "ratingpad pinned panel"
OFFSET = (40, -25)  # pixels: where this "panel" reports a touch, relative to where it was


def tap_off(vm: vmharness.VM, x: float, y: float) -> None:
    """A tablet tap at logical pixel (x, y) plus the panel's offset."""
    vm.tap((x + OFFSET[0]) / 1280, (y + OFFSET[1]) / 800)


def test_a_missing_pinned_panel_is_a_fault_and_calibrate_and_the_touch_grid_work(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    (tmp_path / "panel.desc").write_text(evemu.touchscreen(PANEL, "B"))
    files = guest_files(agent_files, tmp_path, pinned_toml=CONFIG + f'[touch]\ndevice = "{PANEL}"\n', touch_toml=CONFIG)
    files["/etc/ratingpad/panel.desc"] = tmp_path / "panel.desc"
    out_of_service = reference("out-of-service", tmp_path)[0]
    fault_text = Rect(0, 400, 1280, 300)  # the fault code line differs from the reference's
    with vmharness.VM(image=image, workdir=tmp_path / "vm", extra_files=files) as vm:
        vm.wait_ready()
        vm.wait_agent()
        # Pinned to a panel that is not there: out of service, the tablet is passed over.
        vm.run("systemd-run --unit=pinned /usr/bin/ratingpad run --config /etc/ratingpad/pinned.toml", check=True)
        journal_until(vm, "pinned", "is not the pinned ratingpad pinned panel")
        journal_until(vm, "pinned", "FAULT E-TOUCH-NONE")
        share = wait_for_screen(vm, out_of_service, fault_text)
        assert share <= TOLERANCE[1], f"no out-of-service screen ({share:.2%} differ)"
        # The pinned panel appears: back in service.
        vm.run("systemd-run --unit=panel evemu-device /etc/ratingpad/panel.desc", check=True)
        journal_until(vm, "pinned", "a panel is back; in service again")
        deadline = time.monotonic() + 30
        while differing_share(vm.screendump(), out_of_service, fault_text) <= 0.02:
            assert time.monotonic() < deadline, "still out of service after the panel came"
            time.sleep(0.2)  # qemu has no event for 'the screen changed'
        vm.run("systemctl stop pinned panel", check=True)

        # Calibration through the tablet, every tap off by OFFSET.
        vm.run(
            "systemd-run --unit=calibrate /usr/bin/ratingpad calibrate --config /etc/ratingpad/touch.toml", check=True
        )
        for step in range(1, 5):
            target = journal_until(vm, "calibrate", rf"target {step} of 4 at (\d+),(\d+) px")
            time.sleep(0.3)  # the cross is drawn right after the line is printed
            tap_off(vm, int(target.group(1)), int(target.group(2)))
        saved = journal_until(vm, "calibrate", r'saved +\[touch\] calibration = "([^"]+)"')
        log = vm.run("journalctl -u calibrate -o cat")[1]
        print("\n[vm] calibrate:\n" + log)
        a, b, c, d, e, f = (float(v) for v in saved.group(1).split())
        assert abs(a - 1) < 0.01 and abs(e - 1) < 0.01 and abs(b) < 0.01 and abs(d) < 0.01, saved.group(1)
        assert abs(c + OFFSET[0] / 1280) < 0.003 and abs(f + OFFSET[1] / 800) < 0.003, saved.group(1)
        code, out, err = vm.run(
            "ratingpad verify --config /etc/ratingpad/touch.toml >/dev/null && "
            "grep -A1 '^\\[touch\\]' /etc/ratingpad/touch.toml"
        )
        assert code == 0 and "calibration" in out, out + err

        # The touch grid, with the saved calibration: three of four cells touched.
        vm.run(
            "systemd-run --unit=grid /usr/bin/ratingpad selftest touch --grid 2x2 --seconds 20 "
            "--config /etc/ratingpad/touch.toml",
            check=True,
        )
        journal_until(vm, "grid", "panel ")
        for x, y in ((320, 200), (960, 200), (320, 600)):
            time.sleep(0.5)  # one touch after the other, like a technician's finger
            tap_off(vm, x, y)
            journal_until(vm, "grid", rf"row {1 if y < 400 else 2}, column {1 if x < 640 else 2}")
        result = journal_until(vm, "grid", r"selftest touch: .*", timeout=60)
        print("[vm] " + result.group(0))
        assert result.group(0) == "selftest touch: no touch in 1 of 4 cells: row 2 column 2"
