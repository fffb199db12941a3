"""A self-service kiosk: Xorg (modesetting on bochs-drm) on vt7 with a full-screen X client, the
kiosk's own application (Tests/vm/kiosk), and the agent under its packaged unit with the kiosk
drop-in (Systemd/kiosk.conf) on vt8. The application's DONE button opens a prompt over the
pad's local API; the agent takes the screen by switching terminals, takes the rating, and gives
the screen back. One boot serves both scenarios: a kiosk that lets go, then one that does not."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import vmharness
from hosthub import GUEST_API_PORT
from padscreens import (
    CONFIG,
    NO_SKIP,
    TOLERANCE,
    differing_share,
    journal_until,
    read_the_prompt,
    reference,
    wait_for_screen,
)

KIOSK = vmharness.REPO / "Tests/vm/kiosk"
COUNTER_TOKEN = "counter-token-" + os.urandom(12).hex()
HUB_TOKEN = "hub-token-" + os.urandom(12).hex()
KIOSK_CONFIG = (
    CONFIG.replace("[device]\n", '[device]\nchannel = "kiosk"\n')
    + f"""
[screen]
share_terminal = 8
share_wait_seconds = 5
[api]
listen = "127.0.0.1:{GUEST_API_PORT}"
hub_token_file = "/etc/ratingpad/hub.token"
counter_token_file = "/etc/ratingpad/counter.token"
"""
)
# The unit as packaged, its user, and the kiosk's drop-in; the tokens readable by the agent alone.
SETUP = """
systemd-sysusers /usr/lib/sysusers.d/ratingpad.conf
chown ratingpad:ratingpad /etc/ratingpad/hub.token /etc/ratingpad/counter.token
chmod 0600 /etc/ratingpad/hub.token /etc/ratingpad/counter.token
systemctl daemon-reload
"""
DONE = (900, 600, 300, 160)  # the kiosk's DONE button (kiosk-app.py)
KIOSK_TAPS = [(240, 260), (640, 470)]  # on the kiosk's coloured blocks, away from DONE


def centre(rect: tuple[int, int, int, int]) -> tuple[int, int]:
    x, y, width, height = rect
    return x + width // 2, y + height // 2


def tap_at(vm: vmharness.VM, x: int, y: int) -> None:
    vm.tap((x + 0.5) / 1280, (y + 0.5) / 800)


def tap_kiosk(vm: vmharness.VM, taps: list[tuple[int, int]]) -> list[str]:
    """Taps the kiosk's application at each point, one after the other as a person does (a tap
    made while the last is still being reported would merge with it in the tablet's reports);
    returns the kiosk's input log."""
    lines = guest_lines(vm, "/run/kiosk/input.log")
    for x, y in taps:
        tap_at(vm, x, y)
        lines = wait_for_lines(vm, "/run/kiosk/input.log", len(lines) + 2)
    return lines


def grab_tablet(vm: vmharness.VM) -> str:
    """Tries to grab qemu's tablet for a moment from another process in the guest (EVIOCGRAB,
    _IOW('E', 0x90, int)): "busy" while someone else holds it, "grabbed" when it was free."""
    probe = (
        "import errno, fcntl, glob, os\n"
        "[path] = [p for p in glob.glob('/dev/input/event*') if 'Tablet' in open("
        "'/sys/class/input/' + os.path.basename(p) + '/device/name').read()]\n"
        "fd = os.open(path, os.O_RDONLY)\n"
        "try:\n    fcntl.ioctl(fd, 0x40044590, 1)\nexcept OSError as e:\n"
        "    print('busy' if e.errno == errno.EBUSY else e); raise SystemExit\n"
        "fcntl.ioctl(fd, 0x40044590, 0)\nprint('grabbed')\n"
    )
    code, out, err = vm.run(f'python3 -c "{probe}"')
    assert code == 0, err
    return out.strip()


def guest_lines(vm: vmharness.VM, path: str) -> list[str]:
    return vm.run(f"cat {path} 2>/dev/null")[1].splitlines()


def wait_for_lines(vm: vmharness.VM, path: str, count: int, timeout: float = 30) -> list[str]:
    """Waits until the guest file has at least `count` lines (the kiosk writes them as events come)."""
    deadline = time.monotonic() + timeout
    while len(lines := guest_lines(vm, path)) < count:
        assert time.monotonic() < deadline, f"{path} has {len(lines)} lines, not {count}: {lines}"
        time.sleep(0.2)  # a file in the guest has no event the guest agent can wait on
    return lines


def health(vm: vmharness.VM) -> dict:
    """The agent's health report, as the hub reads it."""
    url = f"http://127.0.0.1:{GUEST_API_PORT}/v1/health"
    code, out, err = vm.run(f"curl -sf -H 'Authorization: Bearer {HUB_TOKEN}' {url}")
    assert code == 0, err
    return json.loads(out)


def ledger(vm: vmharness.VM) -> list[dict]:
    code, out, err = vm.run("ratingpad export --config /etc/ratingpad/ratingpad.toml --format json")
    assert code == 0, err
    return json.loads(out)


def start_kiosk(vm: vmharness.VM, *options: str, first_transaction: int = 1) -> vmharness.Screendump:
    """Starts the kiosk (Xorg and the application) and returns its screen once it is drawn."""
    stop = "pkill -x Xorg; pkill -f '[k]iosk-app.py'; pkill -f '[s]ignal.pause'"
    vm.run(f"{stop}; while pgrep -x Xorg; do sleep 0.1; done; rm -rf /run/kiosk; true")
    vm.run(
        f"KIOSK_FIRST_TRANSACTION={first_transaction} setsid start-kiosk {COUNTER_TOKEN} {GUEST_API_PORT}"
        f" {' '.join(options)} </dev/null >/run/kiosk.out 2>&1 &"
    )
    wait_for_lines(vm, "/run/kiosk/ready", 1, timeout=120)
    # Drawn is not yet shown: Xorg copies its shadow frame to the screen when it next wakes.
    deadline = time.monotonic() + 30
    while not is_kiosk_picture(shot := vm.screendump()):
        if time.monotonic() > deadline:
            shot.write_png(vm.workdir / "not-the-kiosk.png")
            raise AssertionError(f"the kiosk's picture never showed: {vm.workdir / 'not-the-kiosk.png'}")
        time.sleep(0.2)  # qemu has no event for "the screen changed"
    return shot


def is_kiosk_picture(shot: vmharness.Screendump) -> bool:
    """The kiosk's own picture: its background, and its green DONE button."""
    return shot.pixel(40, 700) == (0x0B, 0x1F, 0x4B) and shot.pixel(*centre((DONE[0], DONE[1], 40, 40))) == (
        0x27,
        0xAE,
        0x60,
    )


def assert_same_screen(vm: vmharness.VM, before: vmharness.Screendump, what: str) -> None:
    shot = vm.screendump()
    share = differing_share(shot, before, NO_SKIP)
    if share > TOLERANCE[1]:
        shot.write_png(vm.workdir / "not-the-kiosk.png")
    assert share <= TOLERANCE[1], f"{what}: {share:.2%} of the screen differs from the kiosk's picture"


@pytest.fixture(scope="module")
def kiosk(
    image: Path, agent_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[vmharness.VM]:
    workdir = tmp_path_factory.mktemp("kiosk")
    (workdir / "ratingpad.toml").write_text(KIOSK_CONFIG)
    (workdir / "hub.token").write_text(HUB_TOKEN)
    (workdir / "counter.token").write_text(COUNTER_TOKEN)
    files = dict(agent_files)
    files |= {
        "/etc/ratingpad/ratingpad.toml": workdir / "ratingpad.toml",
        "/etc/ratingpad/hub.token": workdir / "hub.token",
        "/etc/ratingpad/counter.token": workdir / "counter.token",
        "/usr/lib/sysusers.d/ratingpad.conf": vmharness.REPO / "Systemd/ratingpad.sysusers",
        "/etc/systemd/system/ratingpad.service.d/kiosk.conf": vmharness.REPO / "Systemd/kiosk.conf",
        "/usr/local/lib/kiosk/kiosk-app.py": KIOSK / "kiosk-app.py",
        "/usr/local/lib/kiosk/xorg.conf": KIOSK / "xorg.conf",
        "/usr/local/bin/start-kiosk": KIOSK / "start-kiosk",
    }
    vm = vmharness.VM(image=image, workdir=workdir, extra_files=files, run_script=SETUP)
    with vm:
        vm.wait_agent()
        # The agent first, as at a kiosk's boot: it holds vt8 and leaves the screen alone.
        code, out, err = vm.run("systemctl start ratingpad && systemctl show -p User --value ratingpad")
        assert (code, out.strip()) == (0, "ratingpad"), out + err
        journal_until(vm, "ratingpad", r"screen: shared with the kiosk's application from vt8")
        yield vm


def test_a_prompt_takes_the_kiosks_screen_and_gives_it_back_and_kiosk_taps_record_nothing(
    kiosk: vmharness.VM, tmp_path: Path
) -> None:
    vm = kiosk
    prompt, targets = reference("prompt", tmp_path)
    thanks, _ = reference("thanks", tmp_path)
    before = start_kiosk(vm)
    before.write_png(tmp_path / "kiosk-before.png")
    booted = [r["kind"] for r in ledger(vm)]

    # The citizen uses the kiosk: the kiosk sees every tap, the agent records none.
    lines = tap_kiosk(vm, KIOSK_TAPS)
    assert [line.split()[:3] for line in lines] == [
        [kind, str(x), str(y)] for x, y in KIOSK_TAPS for kind in ("press", "release")
    ]
    assert [r["kind"] for r in ledger(vm)] == booted, "a tap on the kiosk's application was recorded"

    # DONE: the kiosk asks for a prompt, and the agent takes the screen for it.
    tap_at(vm, *centre(DONE))
    shown_after = wait_for_lines(vm, "/run/kiosk/input.log", 6)
    opened = wait_for_lines(vm, "/run/kiosk/prompts.log", 1)
    assert opened[0].startswith("opened "), opened
    prompt_id = opened[0].split()[1]
    share = wait_for_screen(vm, prompt, targets["subtitle"])
    assert share <= TOLERANCE[1], f"the prompt on screen differs from the in-memory rendering in {share:.2%}"
    vm.screendump().write_png(tmp_path / "prompt.png")
    handover = journal_until(vm, "ratingpad", r"screen: taken from the kiosk's application in (\S+ \S+|\S+)")
    print(f"\n[vm] kiosk handover: {handover.group(1)}")
    # The panel is the agent's alone while its prompt is up (EVIOCGRAB): nobody else may take it.
    assert grab_tablet(vm) == "busy"

    read_the_prompt()
    tap_at(vm, *centre(targets["very_satisfied"]))
    share = wait_for_screen(vm, thanks, NO_SKIP, timeout=20)
    assert share <= TOLERANCE[1], f"no thank-you screen ({share:.2%} differ)"
    rated_at = time.monotonic()
    # After the thank-you (3 s), the kiosk's picture is back as it was.
    share = wait_for_screen(vm, before, NO_SKIP, timeout=30)
    print(f"\n[vm] kiosk picture back {time.monotonic() - rated_at:.1f} s after the thank-you appeared")
    assert_same_screen(vm, before, "after the rating")
    outcome = wait_for_lines(vm, "/run/kiosk/prompts.log", 2)
    assert outcome[1] == f"{prompt_id} rated", outcome
    # The tap on our prompt never reached the kiosk's application, and the panel is let go.
    assert guest_lines(vm, "/run/kiosk/input.log") == shown_after
    assert grab_tablet(vm) == "grabbed"

    # The kiosk works on, and its taps still record nothing.
    lines = tap_kiosk(vm, KIOSK_TAPS)
    assert [line.split()[:3] for line in lines[len(shown_after) :]] == [
        [kind, str(x), str(y)] for x, y in KIOSK_TAPS for kind in ("press", "release")
    ]
    records = ledger(vm)
    new = [(r["kind"], r.get("transaction_number"), r.get("level"), r.get("channel")) for r in records][len(booted) :]
    assert new == [("rating", "KIOSK-1", "very_satisfied", "kiosk")], new

    # The next citizen: the same round again, the screen taken and given back once more.
    tap_at(vm, *centre(DONE))
    assert wait_for_lines(vm, "/run/kiosk/prompts.log", 3)[2].startswith("opened ")
    share = wait_for_screen(vm, prompt, targets["subtitle"])
    assert share <= TOLERANCE[1], f"the second prompt differs from the in-memory rendering in {share:.2%}"
    read_the_prompt()
    tap_at(vm, *centre(targets["satisfied"]))
    assert wait_for_lines(vm, "/run/kiosk/prompts.log", 4)[3].endswith(" rated")
    assert wait_for_screen(vm, before, NO_SKIP, timeout=30) <= TOLERANCE[1], "the kiosk did not come back twice"
    assert "E-SCREEN-SHARE" not in health(vm)["faults"]
    levels = [(r["transaction_number"], r["level"]) for r in ledger(vm) if r["kind"] == "rating"]
    assert levels == [("KIOSK-1", "very_satisfied"), ("KIOSK-2", "satisfied")], levels


def refused(vm: vmharness.VM, option: str, number: int) -> tuple[str, float, dict]:
    """Starts the kiosk with `option`, taps its DONE, and waits for the agent to give up: the
    kiosk learns `not_shown`, the ledger gains the prompt's not-shown record and nothing else, and
    the kiosk keeps its picture and its taps. Returns the fault's reason, how long after the prompt
    opened it came, and the record."""
    before = start_kiosk(vm, option, first_transaction=number)
    start = len(vm.run("journalctl -u ratingpad -o cat")[1])
    booked = len(ledger(vm))
    tap_at(vm, *centre(DONE))
    opened = wait_for_lines(vm, "/run/kiosk/prompts.log", 1)
    assert opened[0].startswith("opened "), opened
    fault = journal_until(vm, "ratingpad", r"FAULT E-SCREEN-SHARE: (.*)", timeout=30, start=start)
    # By the agent's own clock: from the prompt's opening to giving up.
    stamped = vm.run("journalctl -u ratingpad -o short-unix")[1]
    opened_at = float(re.findall(rf"^(\S+) .*prompt \S+ opened for KIOSK-{number}$", stamped, re.M)[-1])
    failed_at = float(re.findall(r"^(\S+) .*FAULT E-SCREEN-SHARE", stamped, re.M)[-1])
    seconds = failed_at - opened_at
    print(f"\n[vm] {option}: {fault.group(1)}, {seconds:.1f} s after the prompt opened")
    outcome = wait_for_lines(vm, "/run/kiosk/prompts.log", 2)
    assert outcome[1] == f"{opened[0].split()[1]} not_shown", outcome
    new = ledger(vm)[booked:]
    assert [(r["kind"], r["transaction_number"]) for r in new] == [("prompt_not_shown", f"KIOSK-{number}")], new
    assert_same_screen(vm, before, f"after the refused handover ({option})")
    # The fault is in the health report, with why, until a handover succeeds.
    report = health(vm)
    assert "E-SCREEN-SHARE" in report["faults"] and fault.group(1) in report["screen"], report
    count = len(guest_lines(vm, "/run/kiosk/input.log"))
    assert len(tap_kiosk(vm, KIOSK_TAPS[:1])) == count + 2
    return fault.group(1), seconds, new[0]


def test_a_kiosk_that_keeps_the_screen_gets_its_prompt_recorded_as_not_shown(kiosk: vmharness.VM) -> None:
    why, _, record = refused(kiosk, "--keep-screen", 3)
    # Its terminal is in automatic mode: the agent does not even switch.
    assert "vt7 is in automatic mode" in why
    assert re.search(r"^E-SCREEN-SHARE: .*DRM master", record["detail"]), record["detail"]


def test_a_kiosk_that_never_answers_the_switch_gets_its_prompt_recorded_as_not_shown_in_time(
    kiosk: vmharness.VM,
) -> None:
    why, seconds, _ = refused(kiosk, "--hold-terminal", 4)
    assert "vt7 did not let go of the screen within 5 s" in why
    assert 4.5 <= seconds < 6, seconds  # the journal stamps lines as it receives them
    # The switch asked for never happened: vt7 is still in front.
    assert kiosk.run("cat /sys/class/tty/tty0/active")[1].strip() == "tty7"
