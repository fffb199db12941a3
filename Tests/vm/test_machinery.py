"""The harness proves its machinery: the agent runs in the guest, the screen comes back through
QMP, tablet and uinput events arrive through the real kernel, data survives a power cut, and a
cut link stops traffic until it is restored."""

import http.server
import threading
import time
from pathlib import Path

import evemu
import vmharness


def test_the_agent_binary_runs_in_the_guest(booted: vmharness.VM) -> None:
    code, out, err = booted.run("ratingpad --version")
    assert code == 0, err
    assert out.strip() == "0.1.0"
    # And it does real work there: a scripted rating on the guest's own disk, verified.
    script = "open VM-1 1137 户口迁移\nwait 400\ntap very_satisfied\n"
    booted.run(
        'sed \'s#^state_directory = .*#state_directory = "/var/lib/ratingpad-test"#; '
        "s#^thanks_seconds = .*#thanks_seconds = 1#' /etc/ratingpad/ratingpad.toml.example "
        "> /tmp/test.toml && printf '%s' '" + script + "' > /tmp/script",
        check=True,
    )
    code, out, err = booted.run("ratingpad run --headless --config /tmp/test.toml --script /tmp/script", timeout=60)
    assert code == 0, err
    code, out, err = booted.run("ratingpad verify --config /tmp/test.toml")
    assert code == 0 and "ledger intact: 2 records" in out, out + err


def check_drm_fill_screendump(vm: vmharness.VM, driver_name: str) -> None:
    """drm-fill sets the preferred mode with a dumb buffer (top half white, bottom half blue);
    the screendump must show exactly that, pixel for pixel."""
    code, out, err = vm.run(
        "drm-fill > /tmp/fill.out 2>&1 & "
        "for i in $(seq 200); do grep -q 'drm-fill' /tmp/fill.out && break; sleep 0.05; done; cat /tmp/fill.out"
    )
    assert code == 0 and out.startswith("drm-fill: "), out + err
    width, height = (int(v) for v in out.split()[1].split("x"))
    assert out.split()[2] == driver_name, out  # the kernel DRM driver drm-fill talked to
    shot = vm.screendump()
    vm.run("pkill drm-fill")
    assert (shot.width, shot.height) == (width, height)
    for y in range(0, height, 7):
        for x in range(0, width, 13):
            expected = (255, 255, 255) if y < height // 2 else (0, 0, 255)
            assert shot.pixel(x, y) == expected, (x, y, shot.pixel(x, y))


def test_a_screendump_shows_what_a_drm_client_in_the_guest_set(booted: vmharness.VM) -> None:
    check_drm_fill_screendump(booted, "bochs-drm")
    assert booted.screendump().width == 1280


def test_virtio_gpu_works_as_the_screen_too(image: Path, agent_files: dict[str, Path], tmp_path: Path) -> None:
    vm = vmharness.VM(image=image, workdir=tmp_path, gpu="virtio", extra_files=agent_files)
    with vm:
        vm.wait_agent()
        check_drm_fill_screendump(vm, "virtio_gpu")


def test_a_qmp_tablet_event_arrives_as_an_evdev_event(booted: vmharness.VM) -> None:
    code, device, err = booted.run(
        "for d in /sys/class/input/event*; do grep -q 'QEMU USB Tablet' $d/device/name && "
        "echo /dev/input/${d##*/}; done"
    )
    device = device.strip()
    assert code == 0 and device.startswith("/dev/input/event"), err
    started = booted._qga(
        {
            "execute": "guest-exec",
            "arguments": {
                "path": "/bin/sh",
                "arg": ["-c", f"timeout 20 evtest {device} | grep -m1 'ABS_X), value 16384'"],
                "capture-output": True,
            },
        },
        10,
    )
    # evtest may start after the first event, and evdev drops repeated values: alternate positions.
    for attempt in range(100):
        booted.tablet(0.5 if attempt % 2 == 0 else 0.25, 0.25, None)
        status = booted._qga({"execute": "guest-exec-status", "arguments": {"pid": started["pid"]}}, 10)
        if status.get("exited"):
            break
        time.sleep(0.2)
    assert status.get("exited") and status.get("exitcode") == 0, status


def test_a_uinput_touchscreen_made_in_the_guest_arrives_as_evdev_events(booted: vmharness.VM) -> None:
    tap = (
        "E: 0.000001 0003 0039 7\nE: 0.000001 0003 0035 2048\nE: 0.000001 0003 0036 1024\n"
        "E: 0.000001 0001 014a 1\nE: 0.000001 0000 0000 0000\n"
        "E: 0.050000 0003 0039 -1\nE: 0.050000 0001 014a 0\nE: 0.050000 0000 0000 0000\n"
    )
    script = (
        "cat > /tmp/ts.desc <<'DESC'\n" + evemu.touchscreen("ratingpad test touchscreen", top=4095) + "DESC\n"
        "cat > /tmp/tap.events <<'EV'\n" + tap + "EV\n"
        "evemu-device /tmp/ts.desc > /dev/null & creator=$!\n"
        # The kernel names the new device; wait for it to appear (evemu-device's own output is buffered).
        "for i in $(seq 200); do dev=$(grep -l 'ratingpad test touchscreen' /sys/class/input/event*/device/name"
        ' 2>/dev/null | head -1); [ -n "$dev" ] && break; sleep 0.05; done\n'
        "node=$(basename $(dirname $(dirname $dev))); dev=/dev/input/$node\n"
        "for i in $(seq 200); do [ -c $dev ] && break; sleep 0.05; done\n"
        "cat /sys/class/input/$node/device/properties\n"
        "stdbuf -oL evemu-record $dev > /tmp/ts.rec & recorder=$!\n"
        "for i in $(seq 200); do grep -q 'Waiting for events' /tmp/ts.rec && break; sleep 0.05; done\n"
        "evemu-play $dev < /tmp/tap.events\n"
        "for i in $(seq 200); do grep -q '0001 014a 0000' /tmp/ts.rec && break; sleep 0.05; done\n"
        "kill $recorder $creator\n"
        "grep '^E:' /tmp/ts.rec\n"
    )
    code, out, err = booted.run(script, timeout=60)
    assert code == 0, err
    assert out.splitlines()[0].strip() == "2"  # INPUT_PROP_DIRECT: the kernel sees a touchscreen
    events = [line.split()[2:5] for line in out.splitlines() if line.startswith("E:")]
    assert ["0003", "0035", "2048"] in events
    assert ["0003", "0036", "1024"] in events
    assert ["0001", "014a", "0001"] in events
    assert ["0001", "014a", "0000"] in events


def test_a_file_synced_before_a_power_cut_is_there_after_the_next_boot(image: Path, tmp_path: Path) -> None:
    disk = tmp_path / "kept.qcow2"
    token = f"survivor-{time.time_ns()}"
    first = vmharness.VM(image=image, workdir=tmp_path / "first", disk=disk)
    with first:
        first.wait_agent()
        first.run(f"echo {token} > /root/survivor && sync", check=True)
        first.power_cut()
        assert first.process.returncode == -9
    second = vmharness.VM(image=image, workdir=tmp_path / "second", disk=disk)
    with second:
        second.wait_agent()
        code, out, _ = second.run("cat /root/survivor")
        assert code == 0 and out.strip() == token


def test_a_cut_link_stops_traffic_and_a_restored_one_resumes_it(image: Path, tmp_path: Path) -> None:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"hub says hello\n")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    # bash's /dev/tcp: the guest has no HTTP client; grep -m1 ends as soon as the answer is in.
    fetch = (
        "timeout 5 bash -c 'exec 3<>/dev/tcp/10.0.2.100/8080; "
        'printf "GET /{n} HTTP/1.0\\r\\n\\r\\n" >&3; grep -m1 "hub says hello" <&3\''
    )
    vm = vmharness.VM(
        image=image, workdir=tmp_path / "vm", guest_services=[vmharness.GuestService("10.0.2.100:8080", port)]
    )
    try:
        with vm:
            vm.wait_agent()
            code, out, err = vm.run(fetch.format(n=1), timeout=30)
            assert code == 0 and "hub says hello" in out, err
            vm.set_link(False)
            code, out, _ = vm.run(fetch.format(n=2), timeout=30)
            assert code != 0 and "hub says hello" not in out
            vm.set_link(True)
            code, out, err = vm.run(fetch.format(n=3), timeout=30)
            assert code == 0 and "hub says hello" in out, err
    finally:
        server.shutdown()
        server.server_close()
    assert requests == ["/1", "/3"]


def test_every_port_is_on_loopback_and_the_guest_network_is_restricted(image: Path, tmp_path: Path) -> None:
    vm = vmharness.VM(
        image=image,
        workdir=tmp_path,
        forwards=[vmharness.PortForward(18080, 8080)],
        guest_services=[vmharness.GuestService("10.0.2.100:8443", 19443)],
        display="vnc=127.0.0.1:7",
    )
    command = vm.command_line(vmharness.Channels.in_directory(tmp_path), vmharness.Drives(root=tmp_path / "root.qcow2"))
    assert not any(tmp_path.iterdir()), "building the command line made files"
    netdev = command[command.index("-netdev") + 1]
    assert "restrict=on" in netdev.split(",")
    forwards = [part for part in netdev.split(",") if part.startswith(("hostfwd=", "guestfwd="))]
    assert forwards and all("127.0.0.1:" in part for part in forwards), forwards
    # Every other channel is a unix socket; the display, if any, listens on loopback only.
    chardevs = [command[i + 1] for i, arg in enumerate(command) if arg == "-chardev"]
    assert all(dev.startswith("socket,") and ",path=" in dev and "host=" not in dev for dev in chardevs)
    assert command[command.index("-display") + 1] == "vnc=127.0.0.1:7"
