#!/usr/bin/env python3
"""Self-check of the province simulators, run by hand (not part of CI):

  .build/gmssl/bin/python3 Tests/province/selftest.py [zhejiang|shandong|fujian|beijing ...]

Starts each simulator as a subprocess on 127.0.0.1 and drives it with hand-built requests:
success, duplicate (same and conflicting content), refusals, batches, the crypto failures, and
every control endpoint. Reuses the simulators' gm helpers to build requests (this is not the
Swift side, which has its own crypto).
"""

import base64
import datetime
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fujian import case_key  # noqa: E402
from gm import md5_hex, sm2_encrypt, sm2_public_key, sm4_ecb_encrypt  # noqa: E402
from simulator import DEFAULT_PRIVATE_KEY  # noqa: E402

MARK, WORD = "ratingpad-test", "ratingpad-word"
KEY, SECRET = "ratingpad-test", "ratingpad-secret"
CHINA = datetime.timezone(datetime.timedelta(hours=8))
Outcome = tuple[str, str]  # ("stored", province id) / ("duplicate", text) / ("refused", text)


class Failed(Exception):
    pass


def expect(actual: object, expected: object, what: str) -> None:
    if actual != expected:
        raise Failed(f"{what}: expected {expected!r}, got {actual!r}")


def now_compact(offset: float = 0) -> str:
    return (datetime.datetime.now(CHINA) + datetime.timedelta(seconds=offset)).strftime("%Y%m%d%H%M%S")


class Simulator:
    def __init__(self, profile: str, *extra: str) -> None:
        self.profile = profile
        self.directory = tempfile.mkdtemp(prefix=f"province-{profile}-")
        self.port_file = os.path.join(self.directory, "port")
        self.log = open(os.path.join(self.directory, "stderr"), "w")  # noqa: SIM115 (closed in stop)
        command = [sys.executable, str(HERE / "simulator.py"), "--profile", profile, "--port-file", self.port_file]
        self.process = subprocess.Popen([*command, *extra], stdout=subprocess.PIPE, stderr=self.log, text=True, cwd="/")
        line = self.process.stdout.readline() if self.process.stdout else ""
        if not line.startswith("listening on "):
            raise Failed(f"{profile} did not start: {line!r}, see {self.log.name}")
        self.port = int(line.split()[-1])
        expect(Path(self.port_file).read_text().strip(), str(self.port), "port file")

    def stop(self) -> None:
        self.process.terminate()
        expect(self.process.wait(timeout=10), 0, "exit status after SIGTERM")
        self.log.close()
        if "Traceback" in Path(self.log.name).read_text():
            raise Failed(f"{self.profile} logged a traceback, see {self.log.name}")

    def http(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def control(self, name: str, document: dict[str, Any] | None = None) -> dict[str, Any]:
        method = "GET" if name == "received" else "POST"
        status, _, body = self.http(method, f"/_sim/{name}", json.dumps(document or {}).encode())
        expect(status, 200, f"control {name}")
        return json.loads(body)


# --- one rating in each province's field names


def zhejiang_fields(case: str, number: str, level: str, reasons: str, at: str) -> dict[str, str]:
    return {
        "areaCode": "330100",
        "areaName": "杭州市",
        "deptCode": "11330100002489562K",
        "taskCode": "330100-000-XK-001",
        "taskName": "营业执照办理",
        "projectNo": case,
        "proStatus": "3",
        "pf": "4",
        "userProp": "1",
        "userName": "张三",
        "satisfaction": level,
        "evalDetail": reasons,
        "writingEvaluation": "窗口服务很好",
        "assessTime": at,
        "assessNumber": number,
        "promiseTime": "2",
        "acceptDate": "2026-12-01 09:00:00",
        "dataSource": "133",
    }


def shandong_fields(case: str, number: str, level: str, reasons: str, at: str) -> dict[str, str]:
    return {
        "taskType": "1",
        "projectNo": case,
        "satisfaction": level,
        "pf": "4",
        "name": "李四",
        "evalDetail": reasons,
        "writingEvaluation": "办事效率高",
        "assessTime": at,
        "serviceNumber": number,
    }


def fujian_fields(case: str, number: str, level: str, reasons: str, at: str) -> dict[str, str]:
    return {
        "projectNo": case,
        "proStatus": "3",
        "businessCode": "350100-000-XK-002",
        "regionCode": "350100",
        "acceptDate": "2026-12-01 09:00:00",
        "userProp": "1",
        "userName": "王五",
        "userPageType": "111",
        "certKey": "350100199001011234",
        "handleUserName": "陈工",
        "serviceTime": "2026-12-01 09:30:00",
        "evaluateType": number,
        "pf": "4",
        "satisfaction": level,
        "evalDetail": reasons,
        "writingEvaluation": "服务热情",
        "evaluateTime": at,
    }


def beijing_fields(case: str, number: str, level: str, reasons: str, at: str) -> dict[str, str]:
    return {
        "projectNo": case,
        "taskCode": "110000-000-XK-003",
        "deptCode": "11110000000021135M",
        "satisfaction": level,
        "evalDetail": reasons,
        "writingEvaluation": "满意",
        "assessTime": at,
        "assessNumber": number,
        "pf": "4",
        "userProp": "1",
        "userName": "赵六",
        "certType": "111",
        "certNo": "110101199001011234",
        "areaCode": "110000",
    }


# --- each province's client


def zhejiang_send(sim: Simulator, items: list[dict[str, str]]) -> Outcome:
    body = urllib.parse.urlencode(items[0]).encode()
    status, _, reply = sim.http(
        "POST", "/offlinereport.do", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    expect(status, 200, "zhejiang status")
    answer = json.loads(reply)
    if answer["result"] == "0":
        expect(answer["resultmsg"], "成功", "zhejiang success text")
        return "stored", answer["id"]
    expect(answer["result"], "1", "zhejiang result")
    return ("duplicate" if answer["resultmsg"] == "该办件已评价" else "refused"), answer["resultmsg"]


def shandong_push(
    sim: Simulator,
    items: list[Any],
    stamp: str | None = None,
    mark: str = MARK,
    word: str = WORD,
    tenancy: str = "370000000000",
) -> tuple[str, str]:
    stamp = stamp or now_compact()
    document = {
        "txnBodyCom": {
            "sign": md5_hex(stamp + mark + word),
            "params": {"evaluate": items},
            "time": stamp,
            "appMark": mark,
        },
        "txnCommCom": {},
    }
    headers = {"C-Tenancy-Id": tenancy, "Content-Type": "application/json; charset=utf-8"}
    status, reply_headers, reply = sim.http(
        "POST", "/gateway/evaluation/push", json.dumps(document, ensure_ascii=False).encode(), headers
    )
    expect((status, reply), (200, b"{}"), "shandong status and body")
    return urllib.parse.unquote(reply_headers["C-Response-Desc"]), reply_headers.get("C-Response-Ids", "")


def shandong_send(sim: Simulator, items: list[dict[str, str]]) -> Outcome:
    desc, ids = shandong_push(sim, items)
    if desc == "success":
        return "stored", ids
    return ("duplicate" if desc == "评价数据不可重复" else "refused"), desc


def fujian_token(
    sim: Simulator, key: str = KEY, secret: str = SECRET, offset_ms: int = 0
) -> tuple[int, dict[str, Any]]:
    stamp = str(int(time.time() * 1000) + offset_ms)
    query = urllib.parse.urlencode({"app_key": key, "timestamp": stamp, "sign": md5_hex(secret + stamp).upper()})
    status, _, body = sim.http("GET", f"/gateway/get-token?{query}")
    return status, json.loads(body)


def fujian_envelope(xml_str: str, key: str = KEY) -> bytes:
    return (
        '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:w="http://ws.evaluation.fj.gov.cn/">'
        f"<S:Header/><S:Body><w:getSaveEvaluation><appKey>{key}</appKey><xmlStr>{xml_str}</xmlStr>"
        "</w:getSaveEvaluation></S:Body></S:Envelope>"
    ).encode()


def fujian_case(fields: dict[str, str]) -> str:
    children = "".join(f"<{k}>{v}</{k}>" for k, v in fields.items())
    document = f'<?xml version="1.0" encoding="GB2312"?><Case>{children}</Case>'.encode("gb2312")
    return base64.b64encode(sm4_ecb_encrypt(case_key(SECRET), document)).decode()


def fujian_save(
    sim: Simulator, token: str, xml_str: str, action: str = '"getSaveEvaluation"'
) -> tuple[int, dict[str, str]]:
    headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": action, "Authorization": f"Basic {token}"}
    status, _, body = sim.http("POST", "/gateway/services/EvaluationService", fujian_envelope(xml_str), headers)
    envelope = ET.fromstring(body)
    result = next(e for e in envelope.iter() if e.tag in ("return", "faultstring"))
    if result.tag == "faultstring":
        return status, {"fault": result.text or ""}
    return status, {e.tag: e.text or "" for e in ET.fromstring(result.text or "")}


class Fujian:
    def __init__(self) -> None:
        self.token = ""

    def send(self, sim: Simulator, items: list[dict[str, str]]) -> Outcome:
        if not self.token:
            status, answer = fujian_token(sim)
            expect(status, 200, "fujian token status")
            self.token = answer["access_token"]
        status, result = fujian_save(sim, self.token, fujian_case(items[0]))
        expect(status, 200, "fujian save status")
        if result["code"] == "200":
            return "stored", result["evaluateUnid"]
        expect(result["code"], "300" if result["msg"] == "该办件已评价" else "500", "fujian code")
        return ("duplicate" if result["code"] == "300" else "refused"), result["msg"]


PUBLIC = sm2_public_key(DEFAULT_PRIVATE_KEY)


def beijing_receive(
    sim: Simulator,
    entries: Any,
    stamp: str | None = None,
    signed: str | None = None,
    data: str | None = None,
    mark: str = MARK,
) -> dict[str, Any]:
    stamp = stamp or now_compact()
    sign = sm2_encrypt(PUBLIC, (signed or stamp + mark + WORD).encode()).hex()
    if data is None:
        data = sm2_encrypt(PUBLIC, json.dumps(entries, ensure_ascii=False).encode()).hex()
    form = {"appMark": mark, "time": stamp, "sign": sign, "params": json.dumps({"data": data})}
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}
    status, _, body = sim.http("POST", "/api/evaluation/receive", urllib.parse.urlencode(form).encode(), headers)
    expect(status, 200, "beijing status")
    return json.loads(body)


def beijing_send(sim: Simulator, items: list[dict[str, str]]) -> Outcome:
    answer = beijing_receive(sim, [{"projectService": i} for i in items])
    if answer["success"]:
        expect(answer["serviceCodes"][0], answer["serviceCode"], "beijing serviceCodes")
        return "stored", ",".join(answer["serviceCodes"])
    return ("duplicate" if answer["errorMessage"] == "该办件已评价" else "refused"), answer["errorMessage"]


# --- the checks every profile gets

FIELDS = {"zhejiang": zhejiang_fields, "shandong": shandong_fields, "fujian": fujian_fields, "beijing": beijing_fields}
CASE = {"zhejiang": "projectNo", "shandong": "projectNo", "fujian": "projectNo", "beijing": "projectNo"}
NUMBER = {"zhejiang": "assessNumber", "shandong": "serviceNumber", "fujian": "evaluateType", "beijing": "assessNumber"}
TIME = {"zhejiang": "assessTime", "shandong": "assessTime", "fujian": "evaluateTime", "beijing": "assessTime"}
PREFIX = {"zhejiang": "ZJ", "shandong": "SD", "fujian": "FJ", "beijing": "BJ"}
DUPLICATE = {
    "zhejiang": "该办件已评价",
    "shandong": "评价数据不可重复",
    "fujian": "该办件已评价",
    "beijing": "该办件已评价",
}


def common(sim: Simulator, send: Callable[[Simulator, list[dict[str, str]]], Outcome]) -> None:
    name = sim.profile
    make = FIELDS[name]
    at = "2026-12-05 10:00:00"
    first = make("P1", "1", "5", "510,517", at)
    kind, province_id = send(sim, [first])
    expect(kind, "stored", "first rating")
    expect((province_id[:2], len(province_id)), (PREFIX[name], 14), "province id form")
    expect(send(sim, [first]), ("duplicate", DUPLICATE[name]), "same rating again")
    expect(send(sim, [make("P1", "1", "4", "413", at)]), ("duplicate", DUPLICATE[name]), "conflicting rating")
    expect(send(sim, [make("P1", "2", "1", "115", "2026-12-05 11:00:00")])[0], "stored", "follow-up rating")
    received = sim.control("received")
    expect((received["duplicates"], received["conflicts"]), (2, 1), "duplicates and conflicts")
    expect(received["conflicting"][0]["fields"]["satisfaction"], "4", "conflicting rating kept")
    stored = received["ratings"][0]
    expect((stored["case"], stored["number"], stored["province_id"]), ("P1", "1", province_id), "stored rating")
    expect(stored["fields"], first, "stored fields")
    expect(isinstance(stored["received_ms"], int), True, "received_ms an int")

    refusals = [
        (make("P2", "1", "5", "501", at), "评价详情编码已停用: 501"),
        (make("P2", "1", "5", "510,413", at), "评价详情编码无效: 413"),
        (make("P2", "1", "3", "999", at), "评价详情编码无效: 999"),
        (make("P2", "1", "0", "", at), "参数值无效: satisfaction"),
        (make("P2", "1", "5", "", "2026-12-05T10:00:00"), f"时间格式错误: {TIME[name]}"),
        (make("P2", "1", "5", "", "2026-02-30 10:00:00"), f"时间格式错误: {TIME[name]}"),
        ({**make("P2", "1", "5", "", at), "pf": "8"}, "参数值无效: pf"),
        ({**make("P2", "1", "5", "", at), CASE[name]: ""}, f"缺少参数: {CASE[name]}"),
    ]
    for fields, text in refusals:
        expect(send(sim, [fields]), ("refused", text), f"refusal {text}")
    expect(len(sim.control("received")["refused"]), len(refusals), "refused listed")

    sim.control("refuse", {"case": "P3", "text": "该办件已撤销"})
    expect(send(sim, [make("P3", "1", "5", "", at)]), ("refused", "该办件已撤销"), "refusal through the control API")

    sim.control("known", {"cases": ["K1"]})
    expect(send(sim, [make("P4", "1", "5", "", at)]), ("refused", "没有对应的服务数据"), "unknown case")
    expect(send(sim, [make("K1", "1", "5", "", at)])[0], "stored", "known case")
    sim.control("known", {"cases": None})
    expect(send(sim, [make("P4", "1", "5", "", at)])[0], "stored", "any case again")

    before = sim.control("received")["requests"]
    sim.control("down", {"status": 503})
    route = {
        "zhejiang": "/offlinereport.do",
        "shandong": "/gateway/evaluation/push",
        "fujian": "/gateway/services/EvaluationService",
        "beijing": "/api/evaluation/receive",
    }[name]
    expect(sim.http("POST", route, b"x")[0], 503, "down")
    sim.control("down", {"close": True})
    try:
        sim.http("POST", route, b"x")
        raise Failed("down with close: an answer came")
    except (http.client.RemoteDisconnected, ConnectionResetError):
        pass
    sim.control("up")
    expect(sim.control("received")["requests"], before + 2, "down requests counted")

    sim.control("delay", {"ms": 700})
    started = time.monotonic()
    expect(send(sim, [make("P5", "1", "5", "517", at)])[0], "stored", "delayed rating")
    expect(time.monotonic() - started >= 0.7, True, "delay kept")
    sim.control("delay", {"ms": 0})

    status, _, _ = sim.http("POST", route, b"\xff\xfe garbage", {"Content-Type": "application/json"})
    expect(status in (200, 401, 500), True, "garbage answered")
    expect(send(sim, [make("P6", "1", "5", "", at)])[0], "stored", "still serving after garbage")

    outcomes: list[str] = []
    threads = [
        threading.Thread(target=lambda: outcomes.append(send(sim, [make("P7", "1", "5", "", at)])[0]))
        for _ in range(30)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expect(sorted(outcomes), ["duplicate"] * 29 + ["stored"], "30 at once: one stored, the rest duplicates")

    sim.control("reset")
    received = sim.control("received")
    expect((received["ratings"], received["requests"], received["refused"]), ([], 0, []), "reset")
    expect(send(sim, [first])[0], "stored", "stored again after reset")
    expect(sim.http("GET", "/_sim/nothing")[0], 404, "unknown control path")


# --- province-specific checks


def zhejiang_specific(sim: Simulator) -> None:
    fields = zhejiang_fields("Z1", "1", "5", "", "2026-12-05 10:00:00")
    expect(zhejiang_send(sim, [{**fields, "deptCode": "11330100002489562I"}]), ("refused", "参数值无效: deptCode"), "I")
    expect(zhejiang_send(sim, [{**fields, "assessNumber": "3"}]), ("refused", "参数值无效: assessNumber"), "number")
    expect(zhejiang_send(sim, [{**fields, "dataSource": "13"}]), ("refused", "参数值无效: dataSource"), "source")
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    expect(
        json.loads(sim.http("POST", "/offlinereport.do", b"projectNo=%ff", form)[2])["resultmsg"],
        "报文编码错误",
        "utf8",
    )
    expect(json.loads(sim.http("POST", "/offlinereport.do", b"a=1&a=2", form)[2])["resultmsg"], "参数重复: a", "twice")
    _, _, body = sim.http("POST", "/offlinereport.do", b"{}", {"Content-Type": "application/json"})
    expect(json.loads(body)["resultmsg"], "不支持的Content-Type: application/json", "content type")


def shandong_specific(sim: Simulator) -> None:
    make = shandong_fields
    at = "2026-12-05 10:00:00"
    item = make("S1", "1", "5", "", at)
    expect(shandong_push(sim, [item], tenancy="370100000000")[0], "租户标识错误", "tenancy")
    expect(shandong_push(sim, [item], word="wrong")[0], "签名错误", "sign")
    expect(shandong_push(sim, [item], mark="other", word=WORD)[0], "应用标识错误", "app mark")
    expect(shandong_push(sim, [item], stamp=now_compact(-400))[0], "时间戳无效", "old time")
    expect(shandong_push(sim, [item] * 51)[0], "批量超过50条", "batch too large")
    bad = {**make("S2", "1", "1", "", at), "writingEvaluation": " "}
    expect(shandong_push(sim, [item, bad])[0], "差评必须勾选详情或填写文字评价", "bad level without reason")
    expect(shandong_push(sim, [item, {**item, "satisfaction": 5}])[0], "参数类型错误: satisfaction", "number type")
    expect(sim.control("received")["ratings"], [], "a refused batch stores nothing")
    items = [item, make("S2", "1", "1", "", at) | {"writingEvaluation": "排队太久"}, make("S3", "1", "2", "213", at)]
    desc, ids = shandong_push(sim, items)
    expect((desc, len(ids.split(","))), ("success", 3), "batch stored")
    expect([r["province_id"] for r in sim.control("received")["ratings"]], ids.split(","), "ids in item order")
    expect(shandong_push(sim, [make("S4", "1", "5", "", at), item])[0], "评价数据不可重复", "batch with a duplicate")
    expect(len(sim.control("received")["ratings"]), 3, "batch with a duplicate stores nothing")
    headers = {"C-Tenancy-Id": "370000000000", "Content-Type": "application/json"}
    for body in (b"[]", b"null", b'{"txnBodyCom": 1, "txnCommCom": {}}', b'{"txnBodyCom": {"params": {}}}'):
        _, reply_headers, _ = sim.http("POST", "/gateway/evaluation/push", body, headers)
        expect(urllib.parse.unquote(reply_headers["C-Response-Desc"]), "报文格式错误", f"body {body!r}")
    expect(shandong_push(sim, [1])[0], "报文格式错误", "item not an object")
    expect(shandong_push(sim, [])[0], "评价数据为空", "no items")


def fujian_specific(sim: Simulator) -> None:
    expect(fujian_token(sim, secret="wrong"), (401, {"error": "invalid_sign"}), "token sign")
    expect(fujian_token(sim, key="other"), (401, {"error": "invalid_app_key"}), "token key")
    expect(fujian_token(sim, offset_ms=-400_000), (401, {"error": "invalid_timestamp"}), "token time")
    status, token = fujian_token(sim)
    expect((status, token["expires_in"], len(token["refresh_token"]) > 0), (200, 3600, True), "token")
    access = token["access_token"]
    fields = fujian_fields("F1", "1", "5", "510", "2026-12-05 10:00:00")
    expect(fujian_save(sim, "unknown", fujian_case(fields)), (401, {"fault": "token无效或已过期"}), "bad token")
    expect(fujian_save(sim, access, "AAAA")[1]["msg"], "报文解密失败", "not SM4")
    expect(fujian_save(sim, access, "not base64!")[1]["msg"], "报文解密失败", "not base64")
    garbage = base64.b64encode(sm4_ecb_encrypt(case_key(SECRET), b"<Case>")).decode()
    expect(fujian_save(sim, access, garbage)[1]["msg"], "报文解析失败", "not the document")
    status, result = fujian_save(sim, access, fujian_case(fields), action="getSaveEvaluation")
    expect((status, result["fault"]), (500, "不支持的SOAPAction: getSaveEvaluation"), "SOAPAction unquoted")
    expect(
        fujian_save(sim, access, fujian_case({**fields, "userPageType": "31"}))[1]["msg"],
        "参数值无效: userPageType",
        "certificate type",
    )
    expect(fujian_save(sim, access, fujian_case(fields))[1]["code"], "200", "stored")
    expect(sim.control("received")["ratings"][0]["fields"]["handleUserName"], "陈工", "GB2312 text")
    sim.control("expire-tokens")
    expect(fujian_save(sim, access, fujian_case(fields))[0], 401, "expired token")
    expect(sim.control("received")["unauthorized"], 2, "unauthorized counted")
    status, token = fujian_token(sim)
    access = token["access_token"]
    for document in (
        b'<?xml version="1.0" encoding="GB2312"?><Case><projectNo>\xff\xff</projectNo></Case>',
        b'<?xml version="1.0" encoding="GB2312"?><Other/>',
        b'<?xml version="1.0" encoding="UTF-8"?><Case/>',
    ):
        xml_str = base64.b64encode(sm4_ecb_encrypt(case_key(SECRET), document)).decode()
        expect(fujian_save(sim, access, xml_str)[1]["msg"], "报文解析失败", f"document {document!r}")
    headers = {"Content-Type": "text/xml", "SOAPAction": '"getSaveEvaluation"', "Authorization": f"basic {access}"}
    for body in (b"", b"<a/>", b"\xff", b"<E xmlns='x'><Body><getSaveEvaluation/></Body></E>"):
        expect(sim.http("POST", "/gateway/services/EvaluationService", body, headers)[0], 500, f"SOAP {body!r}")


def beijing_specific(sim: Simulator) -> None:
    at = "2026-12-05 10:00:00"
    entry = [{"projectService": beijing_fields("B1", "1", "5", "510", at)}]
    expect(beijing_receive(sim, entry, signed="20260101000000" + MARK + WORD)["errorMessage"], "签名验证失败", "sign")
    expect(beijing_receive(sim, entry, mark="other")["errorMessage"], "应用标识错误", "app mark")
    expect(beijing_receive(sim, entry, stamp=now_compact(400))["errorMessage"], "时间戳无效", "time")
    data = bytearray(sm2_encrypt(PUBLIC, json.dumps(entry).encode()))
    data[70] ^= 1  # C3
    expect(beijing_receive(sim, entry, data=data.hex())["errorMessage"], "数据解密失败", "C3 checked")
    expect(beijing_receive(sim, entry * 21)["errorMessage"], "批量超过20条", "batch too large")
    batch = [*entry, {"projectService": beijing_fields("B2", "1", "4", "406,413", at)}]
    answer = beijing_receive(sim, batch)
    expect((answer["success"], len(answer["serviceCodes"])), (True, 2), "batch")
    expect(answer["serviceCode"], answer["serviceCodes"][0], "serviceCode")
    for entries in ([{"projectService": 5}], [{"x": 1}], [5], {"a": 1}, []):
        expected = "评价数据为空" if entries == [] else "报文格式错误"
        expect(beijing_receive(sim, entries)["errorMessage"], expected, f"entries {entries!r}")
    for data in ("abc", "04", "04" * 200, "ABCD"):
        expect(beijing_receive(sim, entry, data=data)["errorMessage"], "数据解密失败", f"data {data[:10]}")


SPECIFIC = {
    "zhejiang": (zhejiang_send, zhejiang_specific, ()),
    "shandong": (shandong_send, shandong_specific, ()),
    "fujian": (None, fujian_specific, ()),
    "beijing": (beijing_send, beijing_specific, ("--public-key", PUBLIC)),
}


def run(profile: str) -> None:
    send, specific, extra = SPECIFIC[profile]
    sim = Simulator(profile, *extra)
    try:
        common(sim, send or Fujian().send)
        sim.control("reset")
        specific(sim)
    finally:
        sim.stop()


def main() -> None:
    profiles = sys.argv[1:] or list(SPECIFIC)
    failures = 0
    for profile in profiles:
        started = time.monotonic()
        try:
            run(profile)
            print(f"PASS {profile} ({time.monotonic() - started:.1f} s)", flush=True)
        except Exception as error:
            failures += 1
            print(f"FAIL {profile}: {type(error).__name__}: {error}", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
