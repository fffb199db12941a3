"""The counter experience: the button under a held finger shows pressed, and the pad speaks."""

import json
import math
import struct
import subprocess
import time
from pathlib import Path

import vmharness
from padscreens import (
    CONFIG,
    NO_SKIP,
    RATINGPAD,
    TOLERANCE,
    differing_share,
    guest_files,
    journal_until,
    read_the_prompt,
    reference,
    wait_for_screen,
)

SCRIPT = "open VM-7 11640181MB0001 户口迁移\n"
# Sampled RMS (of 32767) below this is silence; the espeak-ng prompt measures in the thousands.
SILENCE_RMS = 50.0


def centre(rect: tuple[int, int, int, int]) -> tuple[float, float]:
    x, y, w, h = rect
    return (x + w / 2) / 1280, (y + h / 2) / 800


def start_agent(vm: vmharness.VM, unit: str, config: str, script: str) -> None:
    vm.run(
        f"systemd-run --unit={unit} -p Type=notify -p NotifyAccess=main /usr/bin/ratingpad run "
        f"--config /etc/ratingpad/{config} --script /etc/ratingpad/{script}",
        check=True,
        timeout=120,
    )


def test_a_held_finger_shows_the_pressed_button_before_release_and_sliding_off_restores_the_prompt(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    # The voice is on but this guest has no sound card: a logged fault, and the pad rates on.
    config = CONFIG + "[voice]\nenabled = true\n"
    files = guest_files(agent_files, tmp_path, e2e_toml=config, e2e_script=SCRIPT)
    prompt, targets = reference("prompt", tmp_path)
    pressed, _ = reference("pressed", tmp_path)  # 满意 held down
    thanks, _ = reference("thanks", tmp_path)
    apart = differing_share(pressed, prompt, targets["subtitle"])
    assert apart > 2 * TOLERANCE[1], f"the comparison cannot tell pressed from unpressed ({apart:.2%})"
    vm = vmharness.VM(image=image, workdir=tmp_path / "vm", extra_files=files)
    with vm:
        vm.wait_agent()
        start_agent(vm, "pad", "e2e.toml", "e2e.script")
        share = wait_for_screen(vm, prompt, targets["subtitle"])
        assert share <= TOLERANCE[1], f"no prompt ({share:.2%} differ)"
        read_the_prompt()

        # The finger goes down on 满意 and stays there: the pressed button is on the real screen.
        vm.tablet(*centre(targets["satisfied"]), down=True)
        share = wait_for_screen(vm, pressed, targets["subtitle"], timeout=30)
        assert share <= TOLERANCE[1], f"the held button does not show pressed ({share:.2%} differ)"
        print(f"\n[vm] held finger: the pressed frame on screen differs in {share:.2%} of sampled pixels")

        # It slides off to 非常不满意 without lifting: the prompt is unpressed again.
        vm.tablet(*centre(targets["very_dissatisfied"]), down=None)
        share = wait_for_screen(vm, prompt, targets["subtitle"], timeout=30)
        assert share <= TOLERANCE[1], f"sliding off left a button pressed ({share:.2%} differ)"
        # Lifting there rates nothing; a real tap on 非常满意 afterwards is the only rating.
        vm.tablet(*centre(targets["very_dissatisfied"]), down=False)
        time.sleep(0.3)  # a person lifts and presses again no faster than this; sooner is a bounce
        vm.tap(*centre(targets["very_satisfied"]))
        share = wait_for_screen(vm, thanks, NO_SKIP, timeout=30)
        assert share <= TOLERANCE[1], f"no thank-you screen ({share:.2%} differ)"

        code, out, err = vm.run("ratingpad export --config /etc/ratingpad/e2e.toml --format json")
        assert code == 0, err
        ratings = [(r["transaction_number"], r["level"]) for r in json.loads(out) if r["kind"] == "rating"]
        assert ratings == [("VM-7", "very_satisfied")], "a slide never rates"
        log = vm.run("journalctl -u pad -o cat")[1]
        assert "FAULT E-VOICE" in log, "no sound card is a logged fault"


def capture_rms(capture: Path, start: int, end: int | None = None) -> tuple[float, int]:
    """The RMS (of 32767) of the 16-bit samples qemu wrote to `capture` between byte offsets
    `start` and `end` (the file's header is finished only when qemu exits), and their count."""
    data = capture.read_bytes()[start:end]
    data = data[: len(data) // 2 * 2]
    if not data:
        return 0.0, 0
    samples = struct.unpack(f"<{len(data) // 2}h", data)
    return math.sqrt(sum(s * s for s in samples) / len(samples)), len(samples)


def loudest_window_rms(capture: Path, start: int, end: int, window: int = 44100 * 2 * 2 // 2) -> float:
    """The RMS of the loudest half second (by default) of the capture between two byte offsets:
    qemu writes the card's output continuously, silence included, so a whole stretch's RMS would
    be diluted by the quiet around the voice."""
    return max((capture_rms(capture, at, min(at + window, end))[0] for at in range(start, end, window)), default=0.0)


def wait_for_growth(capture: Path, since: int, amount: int, timeout: float) -> int:
    """Waits until qemu has written `amount` bytes of sound after offset `since`; returns the size."""
    deadline = time.monotonic() + timeout
    while True:
        size = capture.stat().st_size
        if size >= since + amount or time.monotonic() > deadline:
            return size
        time.sleep(0.2)  # qemu writes the file as the guest plays; there is no event to wait on


def test_the_pad_speaks_as_the_prompt_opens_is_silent_before_and_silent_when_the_voice_is_off(
    image: Path, agent_files: dict[str, Path], tmp_path: Path
) -> None:
    # The default prompts, made as the package makes them: espeak-ng's Mandarin voice.
    voice_dir = tmp_path / "voice"
    subprocess.run(
        [str(vmharness.REPO / "Device/voice/make-prompts"), str(RATINGPAD), str(voice_dir)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    files = guest_files(
        agent_files,
        tmp_path,
        voice_toml=CONFIG + "[voice]\nenabled = true\n",
        quiet_toml=CONFIG + "[voice]\nenabled = false\n",
        # Idle for a while first: the stretch of the capture before the prompt must be silent. The
        # wait runs from the agent's start; under a loaded TCG guest its first frame, and the
        # journal read after it, took 30 s once (CI), so a minute keeps the premise.
        prompt_script="wait 60000\n" + SCRIPT,
        second_script="wait 3000\nopen VM-8 11640181MB0001 户口迁移\n",
    )
    for cue in ("prompt", "thanks", "reasons"):
        files[f"/usr/share/ratingpad/voice/{cue}.wav"] = voice_dir / f"{cue}.wav"
    prompt, targets = reference("prompt", tmp_path)
    capture = tmp_path / "capture.wav"
    header = 44  # qemu's wav audiodev: a plain 44-byte header, then s16 samples
    bytes_per_second = 44100 * 2 * 2  # its default: 44.1 kHz, stereo, 16-bit
    vm = vmharness.VM(image=image, workdir=tmp_path / "vm", extra_files=files, sound_capture=capture)
    with vm:
        vm.wait_agent()
        code, cards, _ = vm.run("cat /proc/asound/cards")
        assert code == 0 and "HDA" in cards, cards
        # A fresh HDA codec starts muted at volume 0 (a pad's installer sets it once, alsactl keeps it).
        vm.run(
            "amixer scontrols | sed -n \"s/^Simple mixer control '\\(.*\\)',0$/\\1/p\" | "
            'while read -r c; do amixer -q sset "$c" 100% unmute; done; amixer',
            check=True,
        )

        start_agent(vm, "pad", "voice.toml", "prompt.script")
        journal_until(vm, "pad", "first frame shown", timeout=120)
        # The agent is up and idle (its script waits 30 s before the prompt): everything qemu wrote
        # up to here (if anything) is from before the prompt.
        before = capture.stat().st_size
        assert "opened for" not in vm.run("journalctl -u pad -o cat")[1], "the prompt opened too soon to tell"
        rms_before, count_before = capture_rms(capture, header, before)
        share = wait_for_screen(vm, prompt, targets["subtitle"], timeout=120)
        assert share <= TOLERANCE[1], f"no prompt ({share:.2%} differ)"
        # As the prompt opens: the capture from the idle moment to 7 s after the prompt is on screen
        # (qemu writes in step with the guest's card, silence included; the clip is about 6 s).
        shown = capture.stat().st_size
        after = wait_for_growth(capture, shown, 7 * bytes_per_second, timeout=60)
        rms_prompt = loudest_window_rms(capture, before - (before - header) % 4, after)
        print(
            f"\n[vm] capture RMS before the prompt: {rms_before:.1f} over {count_before} samples; "
            f"loudest half second as the prompt opens: {rms_prompt:.1f}"
        )
        assert rms_before < SILENCE_RMS, f"sound before the prompt: RMS {rms_before:.1f}"
        assert rms_prompt > 10 * SILENCE_RMS, f"no voice at the prompt: RMS {rms_prompt:.1f}"
        log = vm.run("journalctl -u pad -o cat")[1]
        assert "E-VOICE" not in log, log

        # The same pad with [voice] enabled = false: a prompt opens and nothing is heard.
        vm.run("systemctl stop pad", check=True)
        time.sleep(1.0)  # the last clip's tail leaves qemu's buffers
        quiet_from = capture.stat().st_size
        start_agent(vm, "quiet", "quiet.toml", "second.script")
        share = wait_for_screen(vm, prompt, targets["subtitle"])
        assert share <= TOLERANCE[1], f"no prompt ({share:.2%} differ)"
        # The prompt clip is about 6 s long: listen for longer than that.
        shown = capture.stat().st_size
        quiet_to = wait_for_growth(capture, shown, 7 * bytes_per_second, timeout=60)
        rms_quiet = loudest_window_rms(capture, quiet_from - (quiet_from - header) % 4, quiet_to)
        print(f"[vm] capture, loudest half second with the voice off: RMS {rms_quiet:.1f}")
        assert rms_quiet < SILENCE_RMS, f"sound with the voice off: RMS {rms_quiet:.1f}"
