"""Boots the ratingpad test device under qemu and drives it, for tests and for people.

The image comes from Device/vm/build-image. Every channel to the guest is a unix socket that
qemu connects to as a client, so nothing the guest prints before we listen is lost and no
port is opened: serial console (ttyS0), harness console (ttyS1), QMP, and the qemu guest agent.
Network: user networking with restrict=on (the guest reaches nothing outside), optional
forwards from 127.0.0.1 ports into the guest, and guestfwd entries to single host services.

Building the command line (VM.command_line) only computes: the disks, the sockets and the
qemu process are made by VM.start, and VM.stop closes every one of them.
"""

from __future__ import annotations

import base64
import codecs
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, TextIO

REPO = Path(__file__).resolve().parents[2]
TABLET_MAX = 32767

JSON = dict[str, Any]
"""A QMP or guest-agent message or reply."""


def _die_with_parent() -> None:
    """In the qemu child: be killed when the harness dies, so an interrupted run leaves no guest behind."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


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


@dataclass(frozen=True)
class PortForward:
    """A 127.0.0.1 port on the host that reaches a port in the guest."""

    host_port: int
    guest_port: int


@dataclass(frozen=True)
class GuestService:
    """A host service on 127.0.0.1 that the guest reaches at a fixed address, e.g. the hub at 10.0.2.100:8443."""

    guest_address: str
    host_port: int


@dataclass(frozen=True)
class Channels:
    """The unix sockets qemu connects to: the two serial lines, QMP and the guest agent."""

    console: Path
    harness: Path
    qmp: Path
    qga: Path

    @staticmethod
    def in_directory(directory: Path) -> Channels:
        return Channels(*(directory / f"{name}.sock" for name in Channels.names()))

    @staticmethod
    def names() -> tuple[str, ...]:
        return ("console", "harness", "qmp", "qga")

    def path(self, name: str) -> Path:
        return getattr(self, name)


@dataclass(frozen=True)
class Drives:
    """The guest's disks: its root (a qcow2 over the image) and, if anything is attached, the extras disk."""

    root: Path
    extras: Path | None = None


class GuestResult(NamedTuple):
    """What a command in the guest ended with."""

    code: int
    out: str
    err: str


@dataclass
class Screendump:
    """A screen captured through QMP: width, height and RGB bytes, row by row."""

    width: int
    height: int
    rgb: bytes

    @staticmethod
    def from_ppm(data: bytes) -> Screendump:
        header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        if not header:
            raise ValueError("screendump is not a binary PPM (P6)")
        width, height = int(header.group(1)), int(header.group(2))
        return Screendump(width, height, data[header.end() : header.end() + width * height * 3])

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        offset = (y * self.width + x) * 3
        red, green, blue = self.rgb[offset : offset + 3]
        return red, green, blue

    def write_png(self, path: Path) -> None:
        import struct
        import zlib

        rows = b"".join(b"\0" + self.rgb[y * self.width * 3 : (y + 1) * self.width * 3] for y in range(self.height))

        def chunk(kind: bytes, body: bytes) -> bytes:
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

        ihdr = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        png = chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")
        Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + png)


class _Console:
    """Collects what one guest serial line prints; waiters are woken as text arrives."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.text = ""
        self.changed = threading.Condition()
        self.closed = False

    def feed(self, sock: socket.socket) -> None:
        """Reads the line until qemu closes it (run on its own thread); closes the socket."""
        # Incremental, so a character split across two reads is not garbled.
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        with sock, open(self.log, "ab") as out:
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
                    self.text += decoder.decode(data)
                    self.changed.notify_all()
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def wait_for(self, pattern: str, timeout: float, start: int = 0) -> re.Match[str]:
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
                    raise TimeoutError(
                        f"{pattern!r} did not appear on {self.log.name} within {timeout}s; last output:\n{tail}"
                    )
                self.changed.wait(remaining)


class _JsonLines:
    """A JSON-per-line connection to qemu (QMP or the guest agent): owns its socket and the file over it."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.file: TextIO = sock.makefile("rw", encoding="utf-8")

    def send(self, message: JSON) -> None:
        self.file.write(json.dumps(message) + "\n")
        self.file.flush()

    def receive(self) -> JSON:
        return json.loads(self.file.readline())

    def close(self) -> None:
        self.file.close()
        self.sock.close()


# qemu's display devices by name: "std" (bochs-drm), "virtio" (virtio-gpu), and the others a
# hall's hardware stands for (issue 17). The VESA frame buffer is "std" with vga= and no DRM module.
GPUS: dict[str, list[str]] = {
    "std": ["-vga", "std"],
    "virtio": ["-vga", "none", "-device", "virtio-gpu-pci"],
    "cirrus": ["-vga", "cirrus"],
    "qxl": ["-vga", "qxl"],
    "bochs-display": ["-vga", "none", "-device", "bochs-display"],
    "virtio-vga": ["-vga", "none", "-device", "virtio-vga"],
}


@dataclass
class VM:
    """One boot of the test device. Use as a context manager, or call start() and stop()."""

    image: Path
    workdir: Path
    gpu: str = "std"  # a key of GPUS: "std" (bochs-drm), "virtio" (virtio-gpu), "cirrus", "qxl", ...
    extra_files: dict[str, Path] = field(default_factory=dict)  # guest path -> host file
    run_script: str | None = None  # shell run in the guest at boot, after the files are copied
    disk: Path | None = None  # a kept disk (qcow2 over the image), so a later boot sees this one's data
    forwards: list[PortForward] = field(default_factory=list)
    guest_services: list[GuestService] = field(default_factory=list)
    memory_mb: int = 1024
    # How long a boot may take to reach the harness: a TCG guest on a loaded 2-core host took up to
    # 190 s to get there (and a boot after a power cut replays its journal first). Only a failing
    # boot ever waits this long.
    boot_timeout: float = 600.0
    display: str = "none"  # "none", "vnc=127.0.0.1:0" (VNC on loopback only) or "gtk" (a window)
    kernel_args: str = ""  # more kernel command line, e.g. "vga=0x37a" (a VESA mode) for the frame buffer
    sound_capture: Path | None = None  # an intel-hda sound card whose output qemu writes to this WAV file
    rtc_base: str | None = None  # the guest's clock at boot, e.g. "2000-01-01" (a pad with no RTC battery)

    def __post_init__(self) -> None:
        if self.display.startswith("vnc=") and not self.display.startswith("vnc=127.0.0.1:"):
            raise ValueError("VNC must listen on 127.0.0.1 only (vnc=127.0.0.1:N)")
        self.workdir = Path(self.workdir)
        self.process: subprocess.Popen[bytes] | None = None
        self.console = _Console(self.workdir / "console.log")
        self.harness = _Console(self.workdir / "harness.log")
        self._qmp: _JsonLines | None = None
        self._qga_channel: _JsonLines | None = None
        self._qmp_lock = threading.Lock()
        self.started_at = 0.0

    # --- what qemu is started with -----------------------------------------------------------

    def command_line(self, channels: Channels, drives: Drives) -> list[str]:
        """qemu's arguments for this boot. Pure: makes no file, socket or process."""
        netdev = "user,id=net0,restrict=on"
        for forward in self.forwards:
            netdev += f",hostfwd=tcp:127.0.0.1:{forward.host_port}-:{forward.guest_port}"
        for service in self.guest_services:
            # cmd: runs one socat per guest connection (a tcp: target would be one connection for life).
            netdev += f",guestfwd=tcp:{service.guest_address}-cmd:socat STDIO TCP:127.0.0.1:{service.host_port}"
        kernel_args = self.kernel_args.split()
        command = [
            *("qemu-system-x86_64", "-accel", "tcg", "-m", str(self.memory_mb), "-smp", "2", "-nodefaults"),
            *("-no-user-config", "-display", self.display),
            *("-kernel", str(self.image / "vmlinuz"), "-initrd", str(self.image / "initrd.img")),
            *(
                "-append",
                " ".join(["console=ttyS0 root=/dev/vda rw net.ifnames=0 systemd.show_status=1 panic=-1", *kernel_args]),
            ),
            "-no-reboot",
            *("-drive", f"file={drives.root},if=virtio,format=qcow2,cache=writeback"),
            *("-netdev", netdev, "-device", "virtio-net-pci,netdev=net0"),
            *("-device", "qemu-xhci", "-device", "usb-tablet"),
            *("-chardev", f"socket,id=ttyS0,path={channels.console}"),
            *("-chardev", f"socket,id=ttyS1,path={channels.harness}"),
            *("-serial", "chardev:ttyS0", "-serial", "chardev:ttyS1"),
            *("-chardev", f"socket,id=qmp,path={channels.qmp}", "-mon", "chardev=qmp,mode=control"),
            *("-chardev", f"socket,id=qga,path={channels.qga}"),
            *("-device", "virtio-serial-pci", "-device", "virtserialport,chardev=qga,name=org.qemu.guest_agent.0"),
        ]
        command += GPUS[self.gpu]
        if self.sound_capture is not None:
            # The guest's sound card plays into a WAV file on the host (s16, stereo, 44.1 kHz by default).
            command += ["-audiodev", f"wav,id=snd0,path={self.sound_capture}"]
            command += ["-device", "intel-hda", "-device", "hda-duplex,audiodev=snd0"]
        if drives.extras:
            command += ["-drive", f"file={drives.extras},if=virtio,format=raw,readonly=on"]
        if self.rtc_base:
            command += ["-rtc", f"base={self.rtc_base}"]
        return command

    def _make_root_disk(self) -> Path:
        """The qcow2 overlay over the image (kept if `disk` names one that exists)."""
        disk = self.disk or self.workdir / "root.qcow2"
        if not disk.exists():
            base = str(self.image / "root.img")
            subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", base, str(disk)], check=True)
        return disk

    def _make_extras_disk(self) -> Path | None:
        """An ext4 image with the extra files and the boot script, or None when there are none."""
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
        content = sum(p.stat().st_size for p in (tree / "files").rglob("*") if p.is_file())
        size_mb = 64 + content * 13 // 10 // 2**20
        image = self.workdir / "extras.img"
        image.unlink(missing_ok=True)
        subprocess.run(
            ["mkfs.ext4", "-q", "-F", "-L", "extras", "-d", str(tree), str(image), f"{size_mb}M"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return image

    # --- lifecycle -------------------------------------------------------------------------

    def _listen(self, path: Path) -> socket.socket:
        path.unlink(missing_ok=True)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))
        server.listen(1)
        return server

    def start(self) -> VM:
        """Makes the disks, listens on the channels, starts qemu and waits until it connected each."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        drives = Drives(root=self._make_root_disk(), extras=self._make_extras_disk())
        channels = Channels.in_directory(self.workdir)
        command = self.command_line(channels, drives)
        (self.workdir / "qemu-command").write_text(" ".join(command) + "\n")
        connections: dict[str, socket.socket] = {}
        with contextlib.ExitStack() as servers:
            listening = {name: servers.enter_context(self._listen(channels.path(name))) for name in Channels.names()}
            self.started_at = time.monotonic()
            # qemu holds its own copy of the log's descriptor; ours closes when Popen has forked.
            with open(self.workdir / "qemu.log", "wb") as log:
                self.process = subprocess.Popen(
                    command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent
                )
            for name, server in listening.items():
                server.settimeout(30)
                try:
                    connections[name], _ = server.accept()
                except TimeoutError:
                    for connection in connections.values():
                        connection.close()
                    self.stop()
                    log_text = (self.workdir / "qemu.log").read_text()
                    raise RuntimeError(f"qemu did not connect its {name} socket: {log_text}") from None
        for name, console in (("console", self.console), ("harness", self.harness)):
            threading.Thread(target=console.feed, args=(connections[name],), daemon=True).start()
        self._qmp = _JsonLines(connections["qmp"])
        self._qga_channel = _JsonLines(connections["qga"])
        self._qmp.receive()  # greeting
        self._qmp_raw({"execute": "qmp_capabilities"})
        return self

    def wait_ready(self, timeout: float | None = None) -> float:
        """Waits until the harness service ran in the guest; returns seconds since qemu started."""
        self.harness.wait_for(r"HARNESS-READY", timeout or self.boot_timeout)
        return time.monotonic() - self.started_at

    def stop(self) -> None:
        """Ends qemu: a clean quit through QMP, or SIGKILL if it does not go; closes QMP and the guest agent."""
        if self.process and self.process.poll() is None:
            with contextlib.suppress(Exception):
                self.qmp("quit")
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.power_cut()
        self._close_channels()

    def power_cut(self) -> None:
        """Kills qemu with SIGKILL: the guest loses power with whatever was not yet on its disk."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def _close_channels(self) -> None:
        # The serial lines close themselves: their readers end when qemu's side goes.
        for channel in (self._qmp, self._qga_channel):
            if channel:
                channel.close()
        self._qmp = self._qga_channel = None

    def __enter__(self) -> VM:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    # --- QMP ---------------------------------------------------------------------------------

    def _qmp_raw(self, message: JSON) -> Any:
        if self._qmp is None:
            raise RuntimeError("QMP is not connected: the VM is not running")
        with self._qmp_lock:
            self._qmp.send(message)
            while True:
                reply = self._qmp.receive()
                if "event" in reply:
                    continue
                if "error" in reply:
                    raise RuntimeError(f"QMP {message.get('execute')}: {reply['error']}")
                return reply["return"]

    def qmp(self, command: str, **arguments: Any) -> Any:
        message: JSON = {"execute": command}
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
        events: list[JSON] = [
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

    def _qga(self, message: JSON, timeout: float) -> Any:
        channel = self._qga_channel
        if channel is None:
            raise RuntimeError("the guest agent is not connected: the VM is not running")
        channel.sock.settimeout(timeout)
        # A sync with a random id discards any stale reply left from an earlier timeout.
        token = int.from_bytes(os.urandom(4), "big")
        channel.send({"execute": "guest-sync", "arguments": {"id": token}})
        while channel.receive().get("return") != token:
            pass
        channel.send(message)
        reply = channel.receive()
        if "error" in reply:
            raise RuntimeError(f"guest agent {message['execute']}: {reply['error']}")
        return reply["return"]

    def wait_agent(self, timeout: float | None = None) -> None:
        """Waits until the boot reached the harness and the guest agent answers (boot_timeout by default)."""
        timeout = timeout or self.boot_timeout
        self.harness.wait_for(r"HARNESS-READY", timeout)
        self._qga({"execute": "guest-ping"}, timeout)

    def run(self, command: str, timeout: float = 60, check: bool = False) -> GuestResult:
        """Runs `command` with /bin/sh in the guest; returns exit code, stdout and stderr."""
        arguments = {"path": "/bin/sh", "arg": ["-c", command], "capture-output": True}
        started = self._qga({"execute": "guest-exec", "arguments": arguments}, timeout)
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
        return GuestResult(code, out, err)
