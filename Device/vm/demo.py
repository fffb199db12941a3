#!/usr/bin/env python3
"""The main job for a person: the pad in the virtual machine, the hub on this machine, a counter system.

The guest boots with the agent under systemd and the pad's screen in a qemu window (or on VNC at
127.0.0.1 when there is no display); mouse clicks on it are taps. ratingpad-hub runs here, pulling
the pad through a 127.0.0.1 forward and taking its pushes, and prints each rating as it arrives. A
counter-system simulator opens a prompt for a made-up transaction on Enter, or every N seconds.
"""

import argparse
import itertools
import os
import random
import select
import subprocess
import sys
import tempfile
import time
import urllib.error
from pathlib import Path

import vmharness
from hosthub import GUEST_API_PORT, HUB, HUB_IN_GUEST, HostHub, free_port, post_prompt

SERVICE_ITEMS = [
    ("11640181MB0001", "户口迁移"),
    ("11640181MB0002", "居民身份证换领"),
    ("11640181MB0003", "营业执照变更登记"),
    ("11640181MB0004", "不动产登记"),
]


def pad_configuration(state: Path) -> str:
    base = (vmharness.REPO / "Device/ratingpad.toml").read_text()
    base = base.replace("prompt_timeout_seconds = 10 ", "prompt_timeout_seconds = 60 ")
    return (
        base
        + f"""
[api]
listen = "0.0.0.0:{GUEST_API_PORT}"
hub_token_file = "/etc/ratingpad/hub.token"
counter_token_file = "/etc/ratingpad/counter.token"
counter_addresses = ["10.0.2.2"]   # the host, as qemu's gateway presents it
[push]
url = "http://{HUB_IN_GUEST}/v1/push"
token_file = "/etc/ratingpad/hub.token"
backoff_base_seconds = 2
backoff_cap_seconds = 30
"""
    )


def open_prompt(port: int, token: str, number: str) -> str:
    code, name = random.choice(SERVICE_ITEMS)
    body = {
        "transaction_number": number,
        "service_item_code": code,
        "service_item_name": name,
        "staff_number": "A1024",
        "window": "7",
    }
    try:
        return f"counter: prompt {post_prompt(port, token, body, timeout=10)} for {number} ({name})"
    except urllib.error.HTTPError as error:
        return f"counter: {number} refused: {error.code} {error.read().decode(errors='replace')}"
    except OSError as error:
        return f"counter: the pad did not answer: {error}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--every",
        type=float,
        default=0,
        help="open a prompt every N seconds (default: on Enter; every 20 s without a terminal)",
    )
    parser.add_argument("--display", help="gtk, or vnc=127.0.0.1:N (default: gtk when $DISPLAY is set, else VNC :0)")
    parser.add_argument(
        "--prompts", type=int, default=0, help="stop after this many prompts (default: run until Ctrl-C)"
    )
    args = parser.parse_args()
    interactive = sys.stdin.isatty() and not args.every
    every = args.every or (0 if interactive else 20)
    display = args.display or ("gtk" if os.environ.get("DISPLAY") else "vnc=127.0.0.1:0")

    work = Path(tempfile.mkdtemp(prefix="ratingpad-demo-"))
    hub_token, counter_token = os.urandom(16).hex(), os.urandom(16).hex()
    files = vmharness.swift_runtime_files(vmharness.REPO / ".build/debug/ratingpad")
    for name, text in (
        ("ratingpad.toml", pad_configuration(work)),
        ("hub.token", hub_token),
        ("counter.token", counter_token),
    ):
        (work / name).write_text(text)
        (work / name).chmod(0o600)
        files[f"/etc/ratingpad/{name}"] = work / name

    print(f"demo: files and logs in {work}", flush=True)
    image = vmharness.build_image()
    api_port = free_port()
    hub = HostHub(work, pad_url=f"http://127.0.0.1:{api_port}", token=hub_token, output=sys.stdout.buffer)
    print(f"demo: ratingpad-hub listening on 127.0.0.1:{hub.port}; ratings print here as they arrive", flush=True)
    start_agent = (
        "systemd-run --unit=ratingpad-demo -p Type=notify -p NotifyAccess=main -p Restart=always "
        "/usr/bin/ratingpad run --config /etc/ratingpad/ratingpad.toml"
    )
    vm = vmharness.VM(
        image=image,
        workdir=work / "vm",
        extra_files=files,
        run_script=start_agent,
        disk=work / "pad.qcow2",
        forwards=[vmharness.PortForward(api_port, GUEST_API_PORT)],
        guest_services=[vmharness.GuestService(HUB_IN_GUEST, hub.port)],
        display=display,
    )
    try:
        with vm:
            print(f"demo: the pad booted in {vm.wait_ready():.1f}s", flush=True)
            if display.startswith("vnc="):
                print(f"demo: the pad's screen is on VNC at 127.0.0.1:{5900 + int(display.split(':')[-1])}", flush=True)
            print(
                "demo: press Enter to open a prompt" if interactive else f"demo: a prompt every {every:g}s",
                "(Ctrl-C stops)",
                flush=True,
            )
            for count in itertools.count(1):
                if interactive:
                    while not select.select([sys.stdin], [], [], 1)[0]:
                        if vm.process.poll() is not None:
                            return 1
                    if not sys.stdin.readline():
                        break
                elif count > 1:
                    time.sleep(every)  # the simulated counter system's own pace
                number = time.strftime("BJ%Y%m%d") + f"-{random.randrange(10**6):06d}"
                print(open_prompt(api_port, counter_token, number), flush=True)
                if args.prompts and count >= args.prompts:
                    break
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()
    print("demo: the hub's report by window:", flush=True)
    subprocess.run([str(HUB), "report", "--database", str(hub.database), "--by", "window"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
