"""evemu descriptions and event files for uinput touch screens made in the guest."""


def _mask(bits: list[int], size: int) -> list[int]:
    data = [0] * size
    for bit in bits:
        data[bit // 8] |= 1 << (bit % 8)
    return data


def _lines(kind: int, data: list[int]) -> str:
    return "".join(
        f"B: {kind:02x} " + " ".join(f"{b:02x}" for b in data[i : i + 8]) + "\n" for i in range(0, len(data), 8)
    )


def touchscreen(name: str, protocol: str = "B", top: int = 4095) -> str:
    """A direct touch screen (INPUT_PROP_DIRECT, BTN_TOUCH) speaking multitouch protocol A or B."""
    axes = [0x35, 0x36] + ([0x2F, 0x39] if protocol == "B" else []) + [0, 1]
    text = f"# EVEMU 1.3\nN: {name}\nI: 0003 1234 5678 0100\n"
    text += "P: " + " ".join(f"{b:02x}" for b in _mask([1], 8)) + "\n"
    text += _lines(0, _mask([0, 1, 3], 8)) + _lines(1, _mask([0x14A], 96)) + _lines(2, [0] * 8)
    text += _lines(3, _mask(axes, 8))
    for code in sorted(axes):
        maximum = {0x2F: 9, 0x39: 65535}.get(code, top)
        text += f"A: {code:02x} 0 {maximum} 0 0 0\n"
    return text


def tap(x: int, y: int, protocol: str = "B", to: tuple[int, int] | None = None) -> str:
    """evemu-play events for a press at (x, y), optionally moved to `to`, then a release, 80 ms later."""
    end = to or (x, y)
    if protocol == "B":
        press = [(3, 0x39, 5), (3, 0x35, x), (3, 0x36, y), (1, 0x14A, 1), (0, 0, 0)]
        move = [(3, 0x35, end[0]), (3, 0x36, end[1]), (0, 0, 0)]
        release = [(3, 0x39, -1), (1, 0x14A, 0), (0, 0, 0)]
    else:
        press = [(3, 0x35, x), (3, 0x36, y), (0, 2, 0), (1, 0x14A, 1), (0, 0, 0)]
        move = [(3, 0x35, end[0]), (3, 0x36, end[1]), (0, 2, 0), (0, 0, 0)]
        release = [(0, 2, 0), (1, 0x14A, 0), (0, 0, 0)]
    lines = []
    for seconds, frame in ((0.0, press), (0.04, move), (0.08, release)):
        lines += [f"E: {seconds:.6f} {t:04x} {c:04x} {v}" for t, c, v in frame]
    return "\n".join(lines) + "\n"
