"""Boots the ratingpad test device under qemu and drives it, for tests and for people.

The image comes from Device/vm/build-image. Every channel to the guest is a unix socket that
qemu connects to as a client, so nothing the guest prints before we listen is lost and no
port is opened: serial console (ttyS0), harness console (ttyS1), QMP, and the qemu guest agent.
Network: user networking with restrict=on (the guest reaches nothing outside), optional
forwards from 127.0.0.1 ports into the guest, and guestfwd entries to single host services.
"""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TABLET_MAX = 32767


def _die_with_parent() -> None:
    """In the qemu child: be killed when the harness dies, so an interrupted run leaves no guest behind."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def build_image() -> Path:
    """Builds (or finds cached) the image and returns its directory."""
    result = subprocess.run([str(REPO / "Device/vm/build-image")], check=True, stdout=subprocess.PIPE, text=True)
    return REPO / result.stdout.strip().splitlines()[-1]


def swift_runtime_files(binary: Path) -> dict[str, Path]:
    """The binary at /usr/bin plus the Swift runtime libraries it links, at the same paths in the guest."""
    files = {"/usr/bin/" + binary.name: binary}
    ldd = subprocess.run(["ldd", str(binary)], check=True, stdout=subprocess.PIPE, text=True).stdout
    for path in re.findall(r"=> (/\S+)", ldd):
        if path.startswith("/opt/swift/"):
            files[path] = Path(path)
    return files


@dataclass
class Screendump:
    """A screen captured through QMP: width, height and RGB bytes, row by row."""

    width: int
    height: int
    rgb: bytes

    @staticmethod
    def from_ppm(data: bytes) -> "Screendump":
        header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        if not header:
            raise ValueError("screendump is not a binary PPM (P6)")
        width, height = int(header.group(1)), int(header.group(2))
        return Screendump(width, height, data[header.end():header.end() + width * height * 3])

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        offset = (y * self.width + x) * 3
        return tuple(self.rgb[offset:offset + 3])

    def write_png(self, path: Path) -> None:
        import struct
        import zlib

        rows = b"".join(b"\0" + self.rgb[y * self.width * 3:(y + 1) * self.width * 3] for y in range(self.height))

        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

        ihdr = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 6))
                               + chunk(b"IEND", b""))


class _Console:
    """Collects what one guest serial line prints; waiters are woken as text arrives."""

    def __init__(self, log: Path):
        self.log = log
        self.text = ""
        self.changed = threading.Condition()
        self.closed = False

    def feed(self, sock: socket.socket) -> None:
        with open(self.log, "ab") as out:
            while True:
                try:
                    data = sock.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    break
                out.write(data)
                out.flush()
                with self.changed:
                    self.text += data.decode("utf-8", "replace")
                    self.changed.notify_all()
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def wait_for(self, pattern: str, timeout: float, start: int = 0) -> re.Match:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                match = regex.search(self.text, start)
                if match:
                    return match
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.closed:
                    tail = self.text[-2000:]
                    raise TimeoutError(f"{pattern!r} did not appear on {self.log.name} within {timeout}s; last output:\n{tail}")
                self.changed.wait(remaining)


@dataclass
class VM:
    """One boot of the test device. Use as a context manager, or call start() and stop()."""

    image: Path
    workdir: Path
    gpu: str = "std"  # "std" (bochs-drm) or "virtio" (virtio-gpu)
    extra_files: dict[str, Path] = field(default_factory=dict)  # guest path -> host file
    run_script: str | None = None  # shell run in the guest at boot, after the files are copied
    disk: Path | None = None  # a kept disk (qcow2 over the image), so a later boot sees this one's data
    forwards: list[tuple[int, int]] = field(default_factory=list)  # (127.0.0.1 port, guest port)
    guest_services: list[tuple[str, int]] = field(default_factory=list)  # ("10.0.2.100:8443", host port)
    memory_mb: int = 1024
    boot_timeout: float = 240.0
    display: str = "none"  # "none", "vnc=127.0.0.1:0" (VNC on loopback only) or "gtk" (a window)

    def __post_init__(self):
        if self.display.startswith("vnc=") and not self.display.startswith("vnc=127.0.0.1:"):
            raise ValueError("VNC must listen on 127.0.0.1 only (vnc=127.0.0.1:N)")
        self.workdir = Path(self.workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None
        self.console = _Console(self.workdir / "console.log")
        self.harness = _Console(self.workdir / "harness.log")
        self._qmp_file = None
        self._qga_file = None
        self._qmp_lock = threading.Lock()
        self.started_at = 0.0

    # --- lifecycle -------------------------------------------------------------------------

    def _listen(self, name: str) -> socket.socket:
        path = self.workdir / f"{name}.sock"
        path.unlink(missing_ok=True)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))
        server.listen(1)
        return server

    def _disk_image(self) -> Path:
        disk = self.disk or self.workdir / "root.qcow2"
        if not disk.exists():
            subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b",
                            str(self.image / "root.img"), str(disk)], check=True)
        return disk

    def _extras_image(self) -> Path | None:
        if not self.extra_files and not self.run_script:
            return None
        tree = self.workdir / "extras"
        shutil.rmtree(tree, ignore_errors=True)
        (tree / "files").mkdir(parents=True)
        for guest_path, host_path in self.extra_files.items():
            target = tree / "files" / guest_path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(host_path, target)
        if self.run_script:
            (tree / "run.sh").write_text("#!/bin/sh\n" + self.run_script + "\n")
            (tree / "run.sh").chmod(0o755)
        size_mb = 64 + sum(p.stat().st_size for p in (tree / "files").rglob("*") if p.is_file()) * 13 // 10 // 2**20
        image = self.workdir / "extras.img"
        image.unlink(missing_ok=True)
        subprocess.run(["mkfs.ext4", "-q", "-F", "-L", "extras", "-d", str(tree), str(image), f"{size_mb}M"], check=True,
                       stdout=subprocess.DEVNULL)
        return image

    def command_line(self, sockets: dict[str, Path]) -> list[str]:
        netdev = "user,id=net0,restrict=on"
        for host_port, guest_port in self.forwards:
            netdev += f",hostfwd=tcp:127.0.0.1:{host_port}-:{guest_port}"
        for guest_address, host_port in self.guest_services:
            # cmd: runs one socat per guest connection (a tcp: target would be one connection for life).
            netdev += f",guestfwd=tcp:{guest_address}-cmd:socat STDIO TCP:127.0.0.1:{host_port}"
        command = [
            "qemu-system-x86_64", "-accel", "tcg", "-m", str(self.memory_mb), "-smp", "2", "-nodefaults",
            "-no-user-config", "-display", self.display,
            "-kernel", str(self.image / "vmlinuz"), "-initrd", str(self.image / "initrd.img"),
            "-append", "console=ttyS0 root=/dev/vda rw net.ifnames=0 systemd.show_status=1 panic=-1",
            "-no-reboot",
            "-drive", f"file={self._disk_image()},if=virtio,format=qcow2,cache=writeback",
            "-netdev", netdev, "-device", "virtio-net-pci,netdev=net0",
            "-device", "qemu-xhci", "-device", "usb-tablet",
            "-chardev", f"socket,id=ttyS0,path={sockets['console']}",
            "-chardev", f"socket,id=ttyS1,path={sockets['harness']}",
            "-serial", "chardev:ttyS0", "-serial", "chardev:ttyS1",
            "-chardev", f"socket,id=qmp,path={sockets['qmp']}", "-mon", "chardev=qmp,mode=control",
            "-chardev", f"socket,id=qga,path={sockets['qga']}",
            "-device", "virtio-serial-pci", "-device", "virtserialport,chardev=qga,name=org.qemu.guest_agent.0",
        ]
        command += ["-vga", "std"] if self.gpu == "std" else ["-vga", "none", "-device", "virtio-gpu-pci"]
        extras = self._extras_image()
        if extras:
            command += ["-drive", f"file={extras},if=virtio,format=raw,readonly=on"]
        return command

    def start(self) -> "VM":
        servers = {name: self._listen(name) for name in ("console", "harness", "qmp", "qga")}
        sockets = {name: self.workdir / f"{name}.sock" for name in servers}
        command = self.command_line(sockets)
        (self.workdir / "qemu-command").write_text(" ".join(command) + "\n")
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(command, stdout=open(self.workdir / "qemu.log", "wb"), stderr=subprocess.STDOUT,
                                        preexec_fn=_die_with_parent)
        connections = {}
        for name, server in servers.items():
            server.settimeout(30)
            try:
                connections[name], _ = server.accept()
            except socket.timeout:
                self.stop()
                raise RuntimeError(f"qemu did not connect its {name} socket: {(self.workdir / 'qemu.log').read_text()}")
            server.close()
        for name, console in (("console", self.console), ("harness", self.harness)):
            threading.Thread(target=console.feed, args=(connections[name],), daemon=True).start()
        self._qmp_sock = connections["qmp"]
        self._qmp_file = self._qmp_sock.makefile("rw")
        json.loads(self._qmp_file.readline())  # greeting
        self._qmp_raw({"execute": "qmp_capabilities"})
        self._qga_sock = connections["qga"]
        self._qga_file = self._qga_sock.makefile("rw")
        return self

    def wait_ready(self, timeout: float | None = None) -> float:
        """Waits until the harness service ran in the guest; returns seconds since qemu started."""
        self.harness.wait_for(r"HARNESS-READY", timeout or self.boot_timeout)
        return time.monotonic() - self.started_at

    def stop(self) -> None:
        """Ends qemu: a clean quit through QMP, or SIGKILL if it does not go."""
        if self.process and self.process.poll() is None:
            try:
                self.qmp("quit")
            except Exception:
                pass
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.power_cut()

    def power_cut(self) -> None:
        """Kills qemu with SIGKILL: the guest loses power with whatever was not yet on its disk."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> "VM":
        return self.start()

    def __exit__(self, *_):
        self.stop()

    # --- QMP ---------------------------------------------------------------------------------

    def _qmp_raw(self, message: dict) -> dict:
        with self._qmp_lock:
            self._qmp_file.write(json.dumps(message) + "\n")
            self._qmp_file.flush()
            while True:
                reply = json.loads(self._qmp_file.readline())
                if "event" in reply:
                    continue
                if "error" in reply:
                    raise RuntimeError(f"QMP {message.get('execute')}: {reply['error']}")
                return reply["return"]

    def qmp(self, command: str, **arguments) -> dict:
        message = {"execute": command}
        if arguments:
            message["arguments"] = arguments
        return self._qmp_raw(message)

    def screendump(self) -> Screendump:
        path = self.workdir / "screendump.ppm"
        path.unlink(missing_ok=True)
        self.qmp("screendump", filename=str(path))
        return Screendump.from_ppm(path.read_bytes())

    def tablet(self, x: float, y: float, down: bool | None) -> None:
        """Moves qemu's usb-tablet to normalized (x, y) and presses or releases its button."""
        events = [
            {"type": "abs", "data": {"axis": "x", "value": round(x * TABLET_MAX)}},
            {"type": "abs", "data": {"axis": "y", "value": round(y * TABLET_MAX)}},
        ]
        if down is not None:
            events.append({"type": "btn", "data": {"button": "left", "down": down}})
        self.qmp("input-send-event", events=events)

    def tap(self, x: float, y: float) -> None:
        self.tablet(x, y, True)
        self.tablet(x, y, False)

    def set_link(self, up: bool) -> None:
        """Cuts (False) or restores (True) the guest's network link."""
        self.qmp("set_link", name="net0", up=up)

    def system_reset(self) -> None:
        self.qmp("system_reset")

    # --- commands in the guest (qemu guest agent) ---------------------------------------------

    def _qga(self, message: dict, timeout: float) -> dict:
        self._qga_sock.settimeout(timeout)
        # A sync with a random id discards any stale reply left from an earlier timeout.
        token = int.from_bytes(os.urandom(4), "big")
        self._qga_file.write(json.dumps({"execute": "guest-sync", "arguments": {"id": token}}) + "\n")
        self._qga_file.flush()
        while json.loads(self._qga_file.readline()).get("return") != token:
            pass
        self._qga_file.write(json.dumps(message) + "\n")
        self._qga_file.flush()
        reply = json.loads(self._qga_file.readline())
        if "error" in reply:
            raise RuntimeError(f"guest agent {message['execute']}: {reply['error']}")
        return reply["return"]

    def wait_agent(self, timeout: float = 120) -> None:
        """Waits until the guest agent answers (it starts once udev sees its port)."""
        self.harness.wait_for(r"HARNESS-READY", timeout)
        self._qga({"execute": "guest-ping"}, timeout)

    def run(self, command: str, timeout: float = 60, check: bool = False) -> tuple[int, str, str]:
        """Runs `command` with /bin/sh in the guest; returns exit code, stdout and stderr."""
        started = self._qga({"execute": "guest-exec", "arguments": {
            "path": "/bin/sh", "arg": ["-c", command], "capture-output": True}}, timeout)
        deadline = time.monotonic() + timeout
        while True:
            status = self._qga({"execute": "guest-exec-status", "arguments": {"pid": started["pid"]}}, timeout)
            if status.get("exited"):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"guest command did not finish within {timeout}s: {command}")
            time.sleep(0.05)  # the guest agent has no completion event; poll its status
        out = base64.b64decode(status.get("out-data", "")).decode("utf-8", "replace")
        err = base64.b64decode(status.get("err-data", "")).decode("utf-8", "replace")
        code = status.get("exitcode", -status.get("signal", 1))
        if check and code != 0:
            raise RuntimeError(f"guest command failed ({code}): {command}\n{out}{err}")
        return code, out, err
