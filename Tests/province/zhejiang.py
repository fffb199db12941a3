"""Zhejiang's offline report: a UTF-8 form POST of one rating, no crypto, a JSON answer."""

import argparse

from shared import (
    EVALUATION_NUMBERS,
    Item,
    Outcome,
    Refusal,
    Request,
    Response,
    Route,
    State,
    check_choice,
    check_content_type,
    check_pattern,
    check_rating,
    check_time,
    describe,
    json_response,
    log,
    make_item,
    parse_form,
    require,
)

NAME = "zhejiang"
ID_PREFIX = "ZJ"
DUPLICATE = "该办件已评价"
REQUIRED = (
    "areaCode",
    "deptCode",
    "taskCode",
    "projectNo",
    "proStatus",
    "pf",
    "satisfaction",
    "assessTime",
    "assessNumber",
    "dataSource",
)
CREDIT_CODE = r"[0-9A-HJ-NPQRTUWXY]{18}"


def validate(fields: dict[str, str]) -> None:
    require(fields, REQUIRED)
    check_pattern(fields, "deptCode", CREDIT_CODE)
    check_choice(fields, "proStatus", ("1", "2", "3"))
    check_rating(fields)
    check_choice(fields, "userProp", ("1", "2"))
    check_time(fields, "assessTime")
    check_choice(fields, "assessNumber", EVALUATION_NUMBERS)
    check_choice(fields, "promiseTime", ("1", "2"))
    check_time(fields, "acceptDate")
    check_pattern(fields, "dataSource", r"\d{3}")


class Profile:
    name = NAME

    def __init__(self, options: argparse.Namespace, state: State) -> None:
        self.state = state
        self.routes = {"/offlinereport.do": Route("POST", self.report, rating=True)}

    def answer(self, outcome: Outcome) -> Response:
        if outcome.kind == "stored":
            return json_response({"result": "0", "resultmsg": "成功", "id": outcome.ids[0]})
        return json_response({"result": "1", "resultmsg": outcome.text})

    def error(self, text: str) -> Response:
        return self.answer(Outcome("refused", text))

    def report(self, request: Request) -> Response:
        items: list[Item] = []
        try:
            check_content_type(request.headers, "application/x-www-form-urlencoded")
            fields = parse_form(request.body)
        except Refusal as refusal:
            outcome = self.state.refuse_request(refusal.text)
        else:
            items = [make_item(fields, "projectNo", "assessNumber", "assessTime", validate)]
            outcome = self.state.commit(items, DUPLICATE)
        log(NAME, describe(items, outcome))
        return self.answer(outcome)
