"""Shandong's provincial gateway: a JSON envelope signed with MD5 over a shared secret, batches of
up to 50 ratings, the answer in the C-Response-Desc header."""

import argparse
import hmac
import json
import urllib.parse

from gm import md5_hex
from shared import (
    BAD_LEVEL_WITHOUT_REASON,
    JSON_TYPE,
    Outcome,
    Refusal,
    Request,
    Response,
    Route,
    State,
    check_content_type,
    check_envelope_time,
    check_pattern,
    check_rating,
    check_time,
    reason_codes,
    require,
    take_json_batch,
)

NAME = "shandong"
ID_PREFIX = "SD"
DUPLICATE = "评价数据不可重复"
TENANCY = "370000000000"
BATCH = 50
ITEM_FIELDS = (
    "taskType",
    "projectNo",
    "satisfaction",
    "pf",
    "name",
    "evalDetail",
    "writingEvaluation",
    "assessTime",
    "serviceNumber",
)
REQUIRED = ("projectNo", "satisfaction", "pf", "assessTime", "serviceNumber")


def validate(fields: dict[str, str]) -> None:
    require(fields, REQUIRED)
    check_rating(fields)
    if fields["satisfaction"] in ("1", "2") and not (
        reason_codes(fields.get("evalDetail", "")) or fields.get("writingEvaluation", "").strip()
    ):
        raise Refusal(BAD_LEVEL_WITHOUT_REASON)
    check_time(fields, "assessTime")
    check_pattern(fields, "serviceNumber", r"[1-9][0-9]{0,8}")


class Profile:
    name = NAME

    def __init__(self, options: argparse.Namespace, state: State) -> None:
        self.state = state
        self.app_mark = options.app_mark
        self.app_word = options.app_word
        self.window = options.time_window
        self.routes = {"/gateway/evaluation/push": Route("POST", self.push, rating=True)}

    def answer(self, outcome: Outcome) -> Response:
        headers = [("Content-Type", JSON_TYPE)]
        if outcome.kind == "stored":
            headers += [("C-Response-Desc", "success"), ("C-Response-Ids", ",".join(outcome.ids))]
        else:
            headers.append(("C-Response-Desc", urllib.parse.quote(outcome.text)))
        return Response(200, headers, b"{}")

    def error(self, text: str) -> Response:
        return self.answer(Outcome("refused", text))

    def envelope(self, request: Request) -> list[object]:
        """The checked envelope's list of items (not yet checked themselves)."""
        if request.headers.get("C-Tenancy-Id") != TENANCY:
            raise Refusal("租户标识错误")
        check_content_type(request.headers, "application/json")
        try:
            document = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise Refusal("报文格式错误") from error
        if not isinstance(document, dict) or not isinstance(document.get("txnCommCom"), dict):
            raise Refusal("报文格式错误")
        body = document.get("txnBodyCom")
        if not isinstance(body, dict) or not isinstance(body.get("params"), dict):
            raise Refusal("报文格式错误")
        if body.get("appMark") != self.app_mark:
            raise Refusal("应用标识错误")
        stamp, sign = body.get("time"), body.get("sign")
        if not isinstance(sign, str):
            raise Refusal("签名错误")
        check_envelope_time(stamp, self.window)
        if not hmac.compare_digest(sign.encode("utf-8"), md5_hex(stamp + self.app_mark + self.app_word).encode()):
            raise Refusal("签名错误")
        evaluate = body["params"].get("evaluate")
        if not isinstance(evaluate, list):
            raise Refusal("报文格式错误")
        if not evaluate:
            raise Refusal("评价数据为空")
        if len(evaluate) > BATCH:
            raise Refusal(f"批量超过{BATCH}条")
        return evaluate

    def push(self, request: Request) -> Response:
        outcome = take_json_batch(
            self.state,
            NAME,
            lambda: self.envelope(request),
            ITEM_FIELDS,
            ("projectNo", "serviceNumber", "assessTime"),
            validate,
            DUPLICATE,
        )
        return self.answer(outcome)
