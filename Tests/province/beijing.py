"""Beijing's receiver: a UTF-8 form POST whose sign and data are SM2-encrypted (C1 || C3 || C2) to
the province's public key, batches of up to 20 ratings, a JSON answer."""

import argparse
import hmac
import json
import re

from gm import sm2_decrypt, sm2_public_key, valid_private_key
from shared import (
    EVALUATION_NUMBERS,
    Outcome,
    Refusal,
    Request,
    Response,
    Route,
    State,
    check_choice,
    check_content_type,
    check_envelope_time,
    check_rating,
    check_time,
    json_response,
    log,
    parse_form,
    require,
    take_json_batch,
)

NAME = "beijing"
ID_PREFIX = "BJ"
DUPLICATE = "该办件已评价"
BATCH = 20
SERVICE_FIELDS = (
    "projectNo",
    "taskCode",
    "deptCode",
    "satisfaction",
    "evalDetail",
    "writingEvaluation",
    "assessTime",
    "assessNumber",
    "pf",
    "userProp",
    "userName",
    "certType",
    "certNo",
    "areaCode",
)
REQUIRED = ("projectNo", "taskCode", "satisfaction", "assessTime", "assessNumber", "pf")


def validate(fields: dict[str, str]) -> None:
    require(fields, REQUIRED)
    check_rating(fields)
    check_time(fields, "assessTime")
    check_choice(fields, "assessNumber", EVALUATION_NUMBERS)


class Profile:
    name = NAME

    def __init__(self, options: argparse.Namespace, state: State) -> None:
        self.state = state
        self.app_mark = options.app_mark
        self.app_word = options.app_word
        self.window = options.time_window
        if not valid_private_key(options.private_key):
            raise SystemExit("--private-key: 64 hex digits, a private key of the SM2 curve")
        self.private_key = options.private_key.lower()
        self.public_key = sm2_public_key(self.private_key)
        if options.public_key and options.public_key.lower() != self.public_key:
            raise SystemExit(f"--public-key does not match --private-key, whose public key is {self.public_key}")
        log(NAME, f"province public key {self.public_key}")
        self.routes = {"/api/evaluation/receive": Route("POST", self.receive, rating=True)}

    def answer(self, outcome: Outcome) -> Response:
        if outcome.kind == "stored":
            return json_response({"success": True, "serviceCode": outcome.ids[0], "serviceCodes": outcome.ids})
        return json_response({"success": False, "errorMessage": outcome.text})

    def error(self, text: str) -> Response:
        return self.answer(Outcome("refused", text))

    def decrypt(self, value: str) -> bytes | None:
        if not re.fullmatch(r"(?:[0-9a-f]{2})+", value):
            return None
        return sm2_decrypt(self.private_key, bytes.fromhex(value))

    def envelope(self, request: Request) -> list[object]:
        """The checked request's list of entries (not yet checked themselves)."""
        check_content_type(request.headers, "application/x-www-form-urlencoded")
        form = parse_form(request.body)
        require(form, ("appMark", "time", "sign", "params"))
        if form["appMark"] != self.app_mark:
            raise Refusal("应用标识错误")
        check_envelope_time(form["time"], self.window)
        signed = self.decrypt(form["sign"])
        expected = (form["time"] + self.app_mark + self.app_word).encode("utf-8")
        if signed is None or not hmac.compare_digest(signed, expected):
            raise Refusal("签名验证失败")
        try:
            params = json.loads(form["params"])
        except ValueError as error:
            raise Refusal("报文格式错误") from error
        if not isinstance(params, dict) or not isinstance(params.get("data"), str):
            raise Refusal("报文格式错误")
        data = self.decrypt(params["data"])
        if data is None:
            raise Refusal("数据解密失败")
        try:
            entries = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise Refusal("报文格式错误") from error
        if not isinstance(entries, list):
            raise Refusal("报文格式错误")
        if not entries:
            raise Refusal("评价数据为空")
        if len(entries) > BATCH:
            raise Refusal(f"批量超过{BATCH}条")
        services = []
        for entry in entries:
            if not isinstance(entry, dict) or "projectService" not in entry:
                raise Refusal("报文格式错误")
            services.append(entry["projectService"])
        return services

    def receive(self, request: Request) -> Response:
        outcome = take_json_batch(
            self.state,
            NAME,
            lambda: self.envelope(request),
            SERVICE_FIELDS,
            ("projectNo", "assessNumber", "assessTime"),
            validate,
            DUPLICATE,
        )
        return self.answer(outcome)
