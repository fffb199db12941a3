"""The screen's settings through the real kernel: a connector and mode named in the configuration
(and a clear fault for one that is not there), and the idle screen going dark, woken by a touch
that never becomes a rating, and by a prompt."""

import json
import time
from pathlib import Path

import vmharness
from padscreens import CONFIG, TOLERANCE, guest_files, journal_until, reference, wait_for_screen

SCRIPT = "wait 20000\nopen BLANK-1 1137 户口迁移\n"  # the counter system opens a prompt after 20 s


def dark_share(shot: vmharness.Screendump) -> float:
    """The share of sampled pixels that are black."""
    dark = total = 0
    for y in range(0, shot.height, 8):
        for x in range(0, shot.width, 8):
            total += 1
            dark += max(shot.pixel(x, y)) < 16
    return dark / total


def test_a_named_mode_is_used_and_the_idle_screen_goes_dark_until_a_touch_or_a_prompt(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    screen = '[screen]\nconnector = "Virtual-1"\nmode = "1024x768"\n'
    files = guest_files(
        agent_files,
        tmp_path,
        mode_toml=CONFIG + screen,
        missing_toml=CONFIG + '[screen]\nconnector = "HDMI-A-1"\n',
        blank_toml=CONFIG + "[screen]\nblank_after_seconds = 3\n",
        blank_script=SCRIPT,
    )
    prompt, targets = reference("prompt", tmp_path)
    with vmharness.VM(image=image, workdir=tmp_path / "vm", extra_files=files) as vm:
        vm.wait_ready()
        vm.wait_agent()
        # A connector that is not there: a fault that names what is.
        vm.run("systemd-run --unit=missing /usr/bin/ratingpad run --config /etc/ratingpad/missing.toml", check=True)
        journal_until(
            vm, "missing", r"FAULT E-DISPLAY: .*no connected connector named HDMI-A-1 \(connected: Virtual-1\)"
        )
        vm.run("systemctl stop missing", check=True)
        # The named connector and mode.
        vm.run("systemd-run --unit=mode /usr/bin/ratingpad run --config /etc/ratingpad/mode.toml", check=True)
        journal_until(vm, "mode", r"display: /dev/dri/card0 Virtual-1, 1024x768")
        deadline = time.monotonic() + 30
        while (vm.screendump().width, dark_share(vm.screendump())) != (1024, 0.0):
            assert time.monotonic() < deadline, "the screen is not 1024x768 and lit"
            time.sleep(0.3)  # qemu has no event for 'the screen changed'
        vm.run("systemctl stop mode", check=True)

        # Dark after 3 s on the idle screen.
        vm.run(
            "systemd-run --unit=blank /usr/bin/ratingpad run --config /etc/ratingpad/blank.toml "
            "--script /etc/ratingpad/blank.script",
            check=True,
        )
        seen = journal_until(vm, "blank", r"display: dark after").end()
        assert dark_share(vm.screendump()) > 0.99, "the panel is not dark"
        # A touch wakes it and is swallowed: no rating, no suspect press.
        vm.tap(0.5, 0.5)
        seen = journal_until(vm, "blank", r"display: lit again", start=seen).end()
        assert dark_share(vm.screendump()) < 0.5, "the touch did not light the panel"
        # Dark again, then the prompt lights it.
        seen = journal_until(vm, "blank", r"display: dark after", start=seen).end()
        share = wait_for_screen(vm, prompt, targets["subtitle"], timeout=60)
        assert share <= TOLERANCE[1], f"the prompt did not light the panel ({share:.2%} differ)"
        code, out, err = vm.run("ratingpad export --config /etc/ratingpad/blank.toml --format json")
        assert code == 0, out + err
        assert {record["kind"] for record in json.loads(out)} == {"boot"}, "the waking touch was recorded"
        print("\n[vm] blanking: dark after 3 s, woken by a swallowed touch and by a prompt")
