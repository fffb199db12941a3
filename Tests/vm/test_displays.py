"""The pad on every display a hall buys (issue 17): qemu's other display devices under their
kernel DRM drivers, and the VESA frame buffer with no DRM driver at all. Each: selftest names the
output path (atomic, legacy or fbdev), the prompt on screen matches the in-memory rendering at the
mode the driver chose, and a tap on it rates."""

import json
from pathlib import Path
from typing import NamedTuple

import pytest

import vmharness
from padscreens import (
    CONFIG,
    NO_SKIP,
    TOLERANCE,
    guest_files,
    journal_until,
    read_the_prompt,
    reference,
    wait_for_screen,
)

SCRIPT = "open DISP-1 11640181MB0001 户口迁移\n"
# The thank-you screen stays long enough to be caught by screendumps polled under emulation.
PAD = CONFIG.replace("thanks_seconds = 3", "thanks_seconds = 30")
# No DRM driver may take the VGA device: the kernel's VESA frame buffer stays the only display.
NO_DRM = "modprobe.blacklist=bochs,cirrus,qxl,virtio_gpu"


class Case(NamedTuple):
    """A display device: qemu's arguments, more kernel command line, the output path expected."""

    gpu: str
    kernel_args: str
    output: str


CASES = {
    "cirrus": Case("cirrus", "", "atomic"),
    "qxl": Case("qxl", "", "atomic"),
    "bochs-display": Case("bochs-display", "", "atomic"),
    "virtio-vga": Case("virtio-vga", "", "atomic"),
    # A driver that offers atomic, run with [screen] modesetting = "legacy": the whole flow on
    # drmModeSetCrtc and drmModePageFlip, as on a vendor driver without atomic.
    "bochs-display-legacy": Case("bochs-display", "", "legacy"),
    # VESA modes as SeaBIOS's VBE numbers them, +0x200 for vga=: 1280x800x32, 1024x768x16, 1024x768x24.
    "vesa-32bpp": Case("std", f"vga=0x37a {NO_DRM}", "fbdev"),
    "vesa-16bpp": Case("std", f"vga=0x317 {NO_DRM}", "fbdev"),
    "vesa-24bpp": Case("std", f"vga=0x318 {NO_DRM}", "fbdev"),
}

DRIVER = (
    "if [ -e /dev/dri/card0 ]; then basename $(readlink -f /sys/class/drm/card0/device/driver); "
    "else echo fbdev $(cat /sys/class/graphics/fb0/name); fi"
)


def selftest_display_line(vm: vmharness.VM, config: str) -> str:
    """The display line of `ratingpad selftest` (its other checks may fail here: no hub)."""
    _, out, err = vm.run(f"ratingpad selftest --config {config} --show 0", timeout=120)
    lines = [line for line in out.splitlines() if line.split()[1:2] == ["display"]]
    assert lines, out + err
    return lines[0]


@pytest.mark.parametrize("name", list(CASES))
def test_the_prompt_shows_and_a_tap_rates_on_this_display(
    name: str, image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    case = CASES[name]
    files = guest_files(
        agent_files,
        tmp_path,
        pad_toml=PAD,
        legacy_toml=PAD + '[screen]\nmodesetting = "legacy"\n',
        pad_script=SCRIPT,
    )
    vm = vmharness.VM(
        image=image,
        workdir=tmp_path / "vm",
        gpu=case.gpu,
        kernel_args=case.kernel_args,
        extra_files=files,
        boot_timeout=480,  # several guests under software emulation on a shared machine boot slowly
    )
    with vm:
        vm.wait_ready()
        vm.wait_agent()
        driver = vm.run(DRIVER, check=True)[1].strip()
        config = "/etc/ratingpad/legacy.toml" if case.output == "legacy" else "/etc/ratingpad/pad.toml"
        line = selftest_display_line(vm, config)
        assert line.startswith("PASS") and f"output {case.output} " in line, line
        if case.output == "atomic":
            # [screen] modesetting = "legacy" turns atomic down.
            legacy = selftest_display_line(vm, "/etc/ratingpad/legacy.toml")
            assert legacy.startswith("PASS") and "output legacy " in legacy, legacy

        vm.run(
            f"systemd-run --unit=pad /usr/bin/ratingpad run --config {config} --script /etc/ratingpad/pad.script",
            check=True,
        )
        shown = journal_until(vm, "pad", r"display: (\S+) (.*), (\d+)x(\d+), (.*)")
        width, height = int(shown[3]), int(shown[4])
        size = f"{width}x{height}"
        if case.output == "fbdev":
            journal_until(vm, "pad", r"display: fbdev: no page flips")
        prompt, targets = reference("prompt", tmp_path, size)
        thanks, _ = reference("thanks", tmp_path, size)
        share = wait_for_screen(vm, prompt, targets["subtitle"])
        print(f"\n[vm] {name}: driver {driver}, mode {size}, {shown[5]}; prompt differs in {share:.3%}")
        assert share <= TOLERANCE[1], f"{name}: the prompt on screen differs from the rendering in {share:.2%}"
        read_the_prompt()

        x, y, w, h = targets["very_satisfied"]
        vm.tap((x + w / 2) / width, (y + h / 2) / height)
        share = wait_for_screen(vm, thanks, NO_SKIP, timeout=30)
        print(f"[vm] {name}: thank-you screen differs in {share:.3%}")
        assert share <= TOLERANCE[1], f"{name}: no thank-you screen ({share:.2%} differ)"
        code, out, err = vm.run(f"ratingpad export --config {config} --format json")
        assert code == 0, out + err
        ratings = [r for r in json.loads(out) if r["kind"] == "rating"]
        assert [(r["transaction_number"], r["level"]) for r in ratings] == [("DISP-1", "very_satisfied")]
