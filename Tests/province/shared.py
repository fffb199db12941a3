"""What the four province simulators share: the request and answer, the national reason codes,
field validation, and the thread-safe state the control API (/_sim/...) reads and changes."""

import datetime
import json
import re
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

CHINA = datetime.timezone(datetime.timedelta(hours=8), "CST")

# The national evaluation-content codes (评价内容, evalDetail): current ones by level
# (1 = 非常不满意 … 5 = 非常满意), and the retired version's.
CURRENT_CODES = {
    5: {str(c) for c in range(510, 518)},
    4: {str(c) for c in range(406, 414)},
    3: {str(c) for c in range(307, 315)},
    2: {str(c) for c in range(207, 215)},
    1: {str(c) for c in range(108, 116)},
}
RETIRED_CODES = {
    str(c) for r in (range(501, 510), range(401, 406), range(301, 307), range(201, 207), range(101, 108)) for c in r
}
LEVELS = ("1", "2", "3", "4", "5")
CHANNELS = ("1", "2", "3", "4", "5", "6", "7")
EVALUATION_NUMBERS = ("1", "2")

NOT_KNOWN = "没有对应的服务数据"
BAD_LEVEL_WITHOUT_REASON = "差评必须勾选详情或填写文字评价"


class Refusal(Exception):
    """A rating or request the province refuses, with the province's text."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: Message
    body: bytes


@dataclass
class Response:
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


JSON_TYPE = "application/json;charset=utf-8"


def json_response(value: Any, status: int = 200, headers: list[tuple[str, str]] | None = None) -> Response:
    body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return Response(status, [("Content-Type", JSON_TYPE), *(headers or [])], body)


@dataclass
class Route:
    method: str
    handle: Callable[[Request], Response]
    rating: bool  # a rating request: counted, delayed by /_sim/delay


def log(profile: str, text: str) -> None:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%H:%M:%S.%f")[:-3]
    print(f"{stamp} [{profile}] {text}", file=sys.stderr, flush=True)


# --- wire helpers


def media_type(headers: Message) -> tuple[str, str | None]:
    """The Content-Type's media type (lower case) and its charset parameter (lower case) if any."""
    raw = headers.get("Content-Type", "")
    parts = [p.strip() for p in raw.split(";")]
    charset = None
    for p in parts[1:]:
        name, _, value = p.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return parts[0].lower(), charset


def check_content_type(headers: Message, expected: str) -> None:
    """Refuses unless the Content-Type is `expected`, with no charset or charset utf-8."""
    kind, charset = media_type(headers)
    if kind != expected or charset not in (None, "utf-8"):
        raise Refusal(f"不支持的Content-Type: {headers.get('Content-Type', '')}")


def parse_form(body: bytes) -> dict[str, str]:
    """An application/x-www-form-urlencoded UTF-8 body; a repeated name or bad UTF-8 is refused."""
    try:
        text = body.decode("utf-8")
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError) as error:
        raise Refusal("报文编码错误") from error
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in fields:
            raise Refusal(f"参数重复: {name}")
        fields[name] = value
    return fields


def check_envelope_time(value: Any, window: float) -> None:
    """`yyyyMMddHHmmss` in China Standard Time, within `window` seconds of now."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{14}", value):
        raise Refusal("时间戳无效")
    try:
        moment = datetime.datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=CHINA)
    except ValueError as error:
        raise Refusal("时间戳无效") from error
    if abs(moment.timestamp() - time.time()) > window:
        raise Refusal("时间戳无效")


# --- field validation (the first problem in the order the checks are made is the answer)


def require(fields: dict[str, str], names: Iterable[str]) -> None:
    for name in names:
        if fields.get(name, "") == "":
            raise Refusal(f"缺少参数: {name}")


def present(fields: dict[str, str], name: str) -> bool:
    return fields.get(name, "") != ""


def check_choice(fields: dict[str, str], name: str, allowed: Iterable[str]) -> None:
    if present(fields, name) and fields[name] not in allowed:
        raise Refusal(f"参数值无效: {name}")


def check_pattern(fields: dict[str, str], name: str, pattern: str) -> None:
    if present(fields, name) and not re.fullmatch(pattern, fields[name]):
        raise Refusal(f"参数值无效: {name}")


def check_time(fields: dict[str, str], name: str) -> None:
    """`yyyy-MM-dd HH:mm:ss`, a real date and time."""
    if not present(fields, name):
        return
    value = fields[name]
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", value):
            raise ValueError(value)
        datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError as error:
        raise Refusal(f"时间格式错误: {name}") from error


def reason_codes(detail: str) -> list[str]:
    return [] if detail == "" else detail.split(",")


def check_reasons(level: str, detail: str) -> None:
    """Every code a current national code of that level; retired codes and others are refused."""
    for code in reason_codes(detail):
        if code in RETIRED_CODES:
            raise Refusal(f"评价详情编码已停用: {code}")
        if code not in CURRENT_CODES[int(level)]:
            raise Refusal(f"评价详情编码无效: {code}")


def check_rating(fields: dict[str, str], level: str = "satisfaction", detail: str = "evalDetail") -> None:
    check_choice(fields, "pf", CHANNELS)
    check_choice(fields, level, LEVELS)
    check_reasons(fields[level], fields.get(detail, ""))


# --- state


@dataclass
class Item:
    """One rating of a request: its decoded wire fields, and what its key and content are."""

    fields: dict[str, str]
    case: str
    number: str
    content: tuple[str, tuple[str, ...], str]  # level, sorted reason codes, rating time
    problem: str | None = None  # the refusal text when validation failed


def make_item(
    fields: dict[str, str],
    case: str,
    number: str,
    time_field: str,
    validate: Callable[[dict[str, str]], None],
) -> Item:
    content = (
        fields.get("satisfaction", ""),
        tuple(sorted(reason_codes(fields.get("evalDetail", "")))),
        fields.get(time_field, ""),
    )
    item = Item(fields=fields, case=fields.get(case, ""), number=fields.get(number, ""), content=content)
    try:
        validate(fields)
    except Refusal as refusal:
        item.problem = refusal.text
    return item


@dataclass
class Outcome:
    kind: str  # "stored", "duplicate" or "refused"
    text: str = ""
    ids: list[str] = field(default_factory=list)


class State:
    """Everything a simulator remembers; every method holds the one lock."""

    def __init__(self, id_prefix: str, known_cases: list[str] | None) -> None:
        self.lock = threading.Lock()
        self.id_prefix = id_prefix
        self.startup_known = None if known_cases is None else set(known_cases)
        self.next_id = 1  # never reset: a province id is never given twice by one simulator
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.ratings: dict[tuple[str, str], dict[str, Any]] = {}
            self.duplicates = 0
            self.conflicts = 0
            self.conflicting: list[dict[str, Any]] = []
            self.refused: list[dict[str, Any]] = []
            self.requests = 0
            self.refusing: dict[str, str] = {}
            self.known = None if self.startup_known is None else set(self.startup_known)
            self.down: dict[str, Any] | None = None
            self.delay_ms = 0
            self.extra: dict[str, int] = {}

    def count_request(self) -> None:
        with self.lock:
            self.requests += 1

    def count(self, name: str) -> None:
        with self.lock:
            self.extra[name] = self.extra.get(name, 0) + 1

    def refuse_request(self, text: str, case: str | None = None) -> Outcome:
        """A refusal of the whole request, before any of its ratings was looked at."""
        with self.lock:
            self.refused.append({"case": case, "number": None, "text": text})
        return Outcome("refused", text)

    def commit(self, items: list[Item], duplicate_text: str) -> Outcome:
        """All or nothing: stores every item, or none and answers the first failing item's text.

        Each item is checked in order: its validation, an unknown case, a refusal set through the
        control API, then a duplicate (of a stored rating or of an earlier item of this request).
        Every duplicate is counted (and every conflicting one listed), every refused item listed.
        """
        with self.lock:
            first: Outcome | None = None
            pending: dict[tuple[str, str], Item] = {}
            for item in items:
                key = (item.case, item.number)
                text = item.problem
                if text is None and self.known is not None and item.case not in self.known:
                    text = NOT_KNOWN
                if text is None and item.case in self.refusing:
                    text = self.refusing[item.case]
                if text is not None:
                    self.refused.append({"case": item.case, "number": item.number, "text": text})
                    first = first or Outcome("refused", text)
                    continue
                earlier = self.ratings.get(key)
                earlier_fields = earlier["fields"] if earlier else None
                earlier_content = earlier["content"] if earlier else None
                if key in pending:
                    earlier_fields, earlier_content = pending[key].fields, pending[key].content
                if earlier_fields is not None:
                    self.duplicates += 1
                    if earlier_content != item.content:
                        self.conflicts += 1
                        self.conflicting.append(
                            {
                                "case": item.case,
                                "number": item.number,
                                "fields": dict(item.fields),
                                "stored_fields": dict(earlier_fields),
                            }
                        )
                    first = first or Outcome("duplicate", duplicate_text)
                    continue
                pending[key] = item
            if first is not None:
                return first
            ids = []
            now = int(time.time() * 1000)
            for key, item in pending.items():
                province_id = f"{self.id_prefix}{self.next_id:012d}"
                self.next_id += 1
                ids.append(province_id)
                self.ratings[key] = {
                    "case": item.case,
                    "number": item.number,
                    "fields": dict(item.fields),
                    "province_id": province_id,
                    "received_ms": now,
                    "content": item.content,
                }
            return Outcome("stored", ids=ids)

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            ratings = [{k: v for k, v in r.items() if k != "content"} for r in self.ratings.values()]
            return {
                "ratings": ratings,
                "duplicates": self.duplicates,
                "conflicts": self.conflicts,
                "conflicting": list(self.conflicting),
                "refused": list(self.refused),
                "requests": self.requests,
                **self.extra,
            }


def json_item(
    entry: Any,
    names_in_order: Iterable[str],
    case: str,
    number: str,
    time_field: str,
    validate: Callable[[dict[str, str]], None],
) -> Item:
    """One rating given as a JSON object whose values must all be strings (a number or null is
    refused for that rating: 参数类型错误: NAME); an entry that is no object refuses the request."""
    if not isinstance(entry, dict):
        raise Refusal("报文格式错误")

    def check(fields: dict[str, str]) -> None:
        for name in [*names_in_order, *entry]:
            if name in entry and not isinstance(entry[name], str):
                raise Refusal(f"参数类型错误: {name}")
        validate(fields)

    fields = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in entry.items()}
    return make_item(fields, case, number, time_field, check)


def take_json_batch(
    state: "State",
    profile: str,
    entries: Callable[[], list[Any]],
    names_in_order: Iterable[str],
    keys: tuple[str, str, str],
    validate: Callable[[dict[str, str]], None],
    duplicate: str,
) -> Outcome:
    """A batch of JSON ratings, all or nothing: the request refused whole when its envelope is
    (`entries` raises), else each rating checked and the batch committed; logged either way."""
    items: list[Item] = []
    try:
        for entry in entries():
            items.append(json_item(entry, names_in_order, *keys, validate))
    except Refusal as refusal:
        items = []
        outcome = state.refuse_request(refusal.text)
    else:
        outcome = state.commit(items, duplicate)
    log(profile, describe(items, outcome))
    return outcome


def describe(items: list[Item], outcome: Outcome) -> str:
    """The log line's cases and outcome."""
    cases = ",".join(f"{i.case}#{i.number}" for i in items) or "-"
    if outcome.kind == "stored":
        return f"cases={cases} -> stored {','.join(outcome.ids)}"
    return f"cases={cases} -> {outcome.kind}: {outcome.text}"
