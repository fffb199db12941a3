"""Fujian's provincial API gateway: a token (MD5-signed GET), then SOAP getSaveEvaluation whose
xmlStr is a GB2312 <Case> document encrypted with SM4-ECB under SM3(app secret)[:16], base64."""

import argparse
import base64
import binascii
import hmac
import re
import secrets
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from gm import md5_hex, sm3_digest, sm4_ecb_decrypt
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
    check_pattern,
    check_rating,
    check_time,
    describe,
    json_response,
    log,
    make_item,
    media_type,
    require,
)

NAME = "fujian"
ID_PREFIX = "FJ"
DUPLICATE = "该办件已评价"
NAMESPACE = "http://ws.evaluation.fj.gov.cn/"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
TOKEN_INVALID = "token无效或已过期"
REQUIRED = ("projectNo", "businessCode", "regionCode", "pf", "satisfaction", "evaluateType", "evaluateTime")
USER_PROPS = ("1", "2", "3", "4", "5", "6", "9")
CERTIFICATE_TYPES = ("111", "001", "821", "414", "516", "511", "999")
XML_DECLARATION = (
    rb"""<\?xml\s+version\s*=\s*["']1\.0["']\s+encoding\s*=\s*["']gb2312["']"""
    rb"""(\s+standalone\s*=\s*["'](yes|no)["'])?\s*\?>"""
)


def validate(fields: dict[str, str]) -> None:
    require(fields, REQUIRED)
    check_choice(fields, "proStatus", ("1", "2", "3"))
    check_pattern(fields, "regionCode", r"\d{6}|\d{12}")
    check_time(fields, "acceptDate")
    check_choice(fields, "userProp", USER_PROPS)
    check_choice(fields, "userPageType", CERTIFICATE_TYPES)
    check_time(fields, "serviceTime")
    check_choice(fields, "evaluateType", EVALUATION_NUMBERS)
    check_rating(fields)
    check_time(fields, "evaluateTime")


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local(c.tag) == name), None)


def case_key(secret: str) -> bytes:
    return sm3_digest(secret.encode("utf-8"))[:16]


def decode_case(xml_str: str, key: bytes) -> dict[str, str]:
    """The <Case> document's child elements as text; refused as the province would."""
    try:
        ciphertext = base64.b64decode(xml_str.strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise Refusal("报文解密失败") from error
    document = sm4_ecb_decrypt(key, ciphertext)
    if document is None:
        raise Refusal("报文解密失败")
    if not re.match(XML_DECLARATION, document, re.IGNORECASE):
        raise Refusal("报文解析失败")
    try:
        root = ET.fromstring(document.decode("gb2312"))
    except (UnicodeDecodeError, ET.ParseError) as error:
        raise Refusal("报文解析失败") from error
    if root.tag != "Case":
        raise Refusal("报文解析失败")
    fields: dict[str, str] = {}
    for element in root:
        if element.tag in fields:
            raise Refusal(f"参数重复: {element.tag}")
        fields[element.tag] = "".join(element.itertext())
    return fields


def fault(status: int, text: str) -> Response:
    body = (
        f'<soap:Envelope xmlns:soap="{SOAP}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode>'
        f"<faultstring>{escape(text)}</faultstring></soap:Fault></soap:Body></soap:Envelope>"
    )
    return Response(status, [("Content-Type", "text/xml;charset=utf-8")], body.encode("utf-8"))


class Profile:
    name = NAME

    def __init__(self, options: argparse.Namespace, state: State) -> None:
        self.state = state
        self.app_key = options.app_key
        self.app_secret = options.app_secret
        self.token_seconds = options.token_seconds
        self.window = options.time_window
        self.key = case_key(self.app_secret)
        self.tokens: dict[str, float] = {}  # access token -> monotonic expiry
        self.tokens_lock = threading.Lock()
        self.routes = {
            "/gateway/get-token": Route("GET", self.token, rating=False),
            "/gateway/services/EvaluationService": Route("POST", self.save, rating=True),
        }

    def expire_tokens(self) -> None:
        with self.tokens_lock:
            self.tokens.clear()

    def token(self, request: Request) -> Response:
        self.state.count("token_requests")
        query = dict(urllib.parse.parse_qsl(request.query, keep_blank_values=True))
        stamp = query.get("timestamp", "")
        expected = md5_hex(self.app_secret + stamp).upper()
        if query.get("app_key") != self.app_key:
            error = "invalid_app_key"
        elif not re.fullmatch(r"\d{1,16}", stamp) or abs(int(stamp) / 1000 - time.time()) > self.window:
            error = "invalid_timestamp"
        elif not hmac.compare_digest(query.get("sign", "").encode("utf-8"), expected.encode()):
            error = "invalid_sign"
        else:
            access = secrets.token_hex(16)
            with self.tokens_lock:
                self.tokens[access] = time.monotonic() + self.token_seconds
            log(NAME, f"token issued, {self.token_seconds} s")
            return json_response(
                {"access_token": access, "refresh_token": secrets.token_hex(16), "expires_in": self.token_seconds}
            )
        log(NAME, f"token refused: {error}")
        return json_response({"error": error}, status=401)

    def valid_token(self, request: Request) -> bool:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        with self.tokens_lock:
            expiry = self.tokens.get(token)
        return scheme.lower() == "basic" and expiry is not None and time.monotonic() < expiry

    def answer(self, outcome: Outcome) -> Response:
        if outcome.kind == "stored":
            result = f"<Result><code>200</code><msg>成功</msg><evaluateUnid>{outcome.ids[0]}</evaluateUnid></Result>"
        elif outcome.kind == "duplicate":
            result = f"<Result><code>300</code><msg>{escape(outcome.text)}</msg></Result>"
        else:
            result = f"<Result><code>500</code><msg>{escape(outcome.text)}</msg></Result>"
        body = (
            f'<soap:Envelope xmlns:soap="{SOAP}"><soap:Body><ns2:getSaveEvaluationResponse xmlns:ns2="{NAMESPACE}">'
            f"<return>{escape(result)}</return></ns2:getSaveEvaluationResponse></soap:Body></soap:Envelope>"
        )
        return Response(200, [("Content-Type", "text/xml;charset=utf-8")], body.encode("utf-8"))

    def error(self, text: str) -> Response:
        return self.answer(Outcome("refused", text))

    def operation(self, request: Request) -> ET.Element:
        """The SOAP request's getSaveEvaluation element; a malformed request is a SOAP fault (500)."""
        kind, charset = media_type(request.headers)
        if kind != "text/xml" or charset not in (None, "utf-8"):
            raise Refusal(f"不支持的Content-Type: {request.headers.get('Content-Type', '')}")
        if request.headers.get("SOAPAction") != '"getSaveEvaluation"':
            raise Refusal(f"不支持的SOAPAction: {request.headers.get('SOAPAction', '')}")
        try:
            envelope = ET.fromstring(request.body)
        except ET.ParseError as error:
            raise Refusal("SOAP报文解析失败") from error
        body = child(envelope, "Body") if local(envelope.tag) == "Envelope" else None
        operation = next(iter(body), None) if body is not None else None
        if operation is None or local(operation.tag) != "getSaveEvaluation":
            raise Refusal("SOAP报文解析失败")
        return operation

    def save(self, request: Request) -> Response:
        if not self.valid_token(request):
            self.state.count("unauthorized")
            log(NAME, f"save refused: {TOKEN_INVALID}")
            return fault(401, TOKEN_INVALID)
        try:
            operation = self.operation(request)
        except Refusal as refusal:
            self.state.refuse_request(refusal.text)
            log(NAME, f"SOAP fault: {refusal.text}")
            return fault(500, refusal.text)
        items: list[Item] = []
        try:
            arguments = {name: child(operation, name) for name in ("appKey", "xmlStr")}
            for name, element in arguments.items():
                if element is None or not (element.text or "").strip():
                    raise Refusal(f"缺少参数: {name}")
            if arguments["appKey"].text != self.app_key:
                raise Refusal("appKey无效")
            fields = decode_case(arguments["xmlStr"].text or "", self.key)
        except Refusal as refusal:
            outcome = self.state.refuse_request(refusal.text)
        else:
            items = [make_item(fields, "projectNo", "evaluateType", "evaluateTime", validate)]
            outcome = self.state.commit(items, DUPLICATE)
        log(NAME, describe(items, outcome))
        return self.answer(outcome)
