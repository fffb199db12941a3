#!/usr/bin/env python3
"""The main job for a person: the pad in the virtual machine, the hub on this machine, a counter system,
and a simulated province the hub forwards to.

The guest boots with the agent under systemd and the pad's screen in a qemu window (or on VNC at
127.0.0.1 when there is no display); mouse clicks on it are taps. ratingpad-hub runs here, pulling
the pad through a 127.0.0.1 forward and taking its pushes, and prints each rating as it arrives. A
counter-system simulator opens a prompt for a made-up transaction on Enter, or every N seconds, after
sending the case's details to the hub's case API. The hub forwards every rating of a case to the
Shandong 好差评 gateway's simulator (Tests/province) with Device/provinces/shandong.toml.
"""

import argparse
import itertools
import os
import random
import secrets
import select
import subprocess
import sys
import tempfile
import time
import urllib.error
from pathlib import Path

import vmharness
from hosthub import GUEST_API_PORT, HUB, HUB_IN_GUEST, HostHub, ShandongProvince, free_port, post_prompt, put_case

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


def hub_configuration(work: Path, province: ShandongProvince, counter_token: str, console_port: int) -> str:
    """The hub's case API for the counter system (its token and the key sealing applicants' identities in
    the demo's folder, mode 600), its uplink to the simulated province, and the hall's web console."""
    token_file = work / "cases.token"
    token_file.write_text(counter_token)
    token_file.chmod(0o600)
    return (
        f'[cases]\ntoken_file = "{token_file}"\nkey_file = "{work / "cases.key"}"\n'
        + province.hub_configuration()
        + f'[console]\nlisten = "127.0.0.1:{console_port}"\ntitle = "灵武市政务服务中心 好差评 (demo)"\n'
    )


def first_console_user(database: Path) -> str:
    """Adds the console's first user, a hall administrator with a fresh password; returns the password."""
    password = secrets.token_urlsafe(12)
    role = ["--role", "admin", "--display-name", "大厅管理员"]
    subprocess.run(
        [str(HUB), "user", "add", "admin", *role, "--database", str(database)],
        input=password + "\n",
        text=True,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return password


def send_case(hub_port: int, token: str, number: str, item: tuple[str, str]) -> str:
    """The counter system sends the case's details to the hub (the province forwarder reads them)."""
    case = {
        "department_credit_code": "11640181MB1957123X",
        "task_code": item[0],
        "task_name": item[1],
        "region_code": "640181",
        "status": "finished",
        "accepted_at": int(time.time() * 1000) - 600_000,
        "promise": "immediate",
        "handler": "王芳",
        "applicant": {
            "type": "natural_person",
            "name": "张三",
            "certificate_type": "id_card",
            "certificate_number": "11010519491231002X",
        },
    }
    try:
        put_case(hub_port, token, number, case)
        return ""
    except urllib.error.HTTPError as error:
        return f"counter: the hub refused case {number}: {error.code} {error.read().decode(errors='replace')}"
    except OSError as error:
        return f"counter: the hub did not answer: {error}"


def open_prompt(port: int, token: str, number: str, item: tuple[str, str]) -> str:
    code, name = item
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
    api_port, console_port = free_port(), free_port()
    password = first_console_user(work / "hub.sqlite")
    province = ShandongProvince(work)
    try:
        hub = HostHub(
            work,
            pad_url=f"http://127.0.0.1:{api_port}",
            token=hub_token,
            output=sys.stdout.buffer,
            extra_config=hub_configuration(work, province, counter_token, console_port),
        )
    except BaseException:
        province.stop()
        raise
    print(f"demo: ratingpad-hub listening on 127.0.0.1:{hub.port}; ratings print here as they arrive", flush=True)
    print(
        f"demo: the hall's console is at http://127.0.0.1:{console_port}/ — log in as admin, password {password} "
        f"(more users: {HUB} user add NAME --role supervisor --database {hub.database})",
        flush=True,
    )
    print(
        f"demo: the hub forwards each rating to a simulated Shandong province: {province.url}/_sim/received "
        f"shows what it holds; {HUB} uplink status --database {hub.database} shows the hub's side "
        f"(the simulator's log: {province.log})",
        flush=True,
    )
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
                item = random.choice(SERVICE_ITEMS)
                problem = send_case(hub.port, counter_token, number, item)
                if problem:
                    print(problem, flush=True)
                print(open_prompt(api_port, counter_token, number, item), flush=True)
                if args.prompts and count >= args.prompts:
                    break
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()
        try:
            received = province.received()
        except OSError as error:
            received = {"ratings": [], "refused": [], "error": str(error)}
        province.stop()
    print("demo: the hub's report by window:", flush=True)
    subprocess.run([str(HUB), "report", "--database", str(hub.database), "--by", "window"])
    print("demo: the hub's uplink to the province:", flush=True)
    subprocess.run([str(HUB), "uplink", "status", "--database", str(hub.database)])
    print(
        f"demo: the simulated province holds {len(received['ratings'])} rating(s)"
        + "".join(f"\n  {r['case']}: satisfaction {r['fields'].get('satisfaction')}" for r in received["ratings"])
        + "".join(f"\n  refused {r['case']}: {r['text']}" for r in received["refused"]),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
