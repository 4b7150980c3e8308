"""The embedded exchange's HTTP side: OAuth token endpoints and the REST TR paths, on aiohttp.

aiohttp keeps header names exactly as written, which LS clients depend on (``Content-Type``,
``tr_cd``, ``tr_cont``, ``tr_cont_key``). Every failure becomes LS's error envelope
``{"rsp_cd", "rsp_msg"}``; nothing ever answers with a traceback or an empty body.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from typing import TYPE_CHECKING, Any

import orjson
from aiohttp import web

from app.ls.models.catalog import REST
from app.sim.registry import HANDLERS, SimError, TRContext, TRResult
from app.sim.wire import out_body, parse_request

if TYPE_CHECKING:
    from app.sim.exchange import Exchange

log = logging.getLogger(__name__)

JSON_CT = "application/json; charset=utf-8"
PATHS = sorted({info.path for info in REST.values()})

E_INVALID_TOKEN = ("IGW00121", "유효하지 않은 token 입니다.")
E_EXPIRED_TOKEN = ("IGW00123", "기간이 만료된 token 입니다.")
E_RATE = ("IGW00201", "호출 거래건수를 초과하였습니다.")
E_LOOKUP = ("IGW40013", "데이터 조회에 실패 했습니다.")
E_TR = ("IGW00105", "유효하지 않은 거래코드(tr_cd)입니다.")
E_PATH = ("IGW00106", "요청한 URL과 거래코드(tr_cd)가 일치하지 않습니다.")
E_JSON = ("IGW40010", "요청 데이터(JSON) 형식이 올바르지 않습니다.")
E_FAULT = ("IGW00500", "일시적인 시스템 오류입니다. 잠시 후 다시 시도하세요.")
# LS documents no codes for these two; the exchange's own, next to IGW40010 (JSON format)
E_TOO_LARGE = ("IGW40014", "요청 데이터가 너무 큽니다. (request body over 1 MB)")
E_DEPTH = ("IGW40016", "요청 데이터(JSON)의 중첩이 너무 깊습니다. (JSON nested more than 16 levels)")
MAX_DEPTH = 16  # an LS body is 3 levels deep: {"<TR>InBlock1": [{"field": value}]}


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` nests dicts/lists more than ``limit`` levels (iterative: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    hdrs = {"Content-Type": JSON_CT}
    if headers:
        hdrs.update(headers)
    return web.Response(body=orjson.dumps(body), status=status, headers=hdrs)


def ls_error(rsp_cd: str, rsp_msg: str, status: int = 500, tr_cd: str | None = None) -> web.Response:
    """LS's error envelope. Answers to a TR call carry the same response headers as a success
    (the LS docs list ``tr_cd``, ``tr_cont``, ``tr_cont_key`` as always present, and clients such
    as programgarden read them before looking at the status): ``tr_cd`` echoes the request's TR
    code when it is a known one, and there is never a next page."""
    headers = None if tr_cd is None else {"tr_cd": tr_cd, "tr_cont": "N", "tr_cont_key": ""}
    return json_response({"rsp_cd": rsp_cd, "rsp_msg": rsp_msg}, status, headers)


def header(request: web.Request, name: str) -> str:
    """Case-insensitive request header (aiohttp's CIMultiDict), '' when absent."""
    return request.headers.get(name, "")


class RestApi:
    def __init__(self, exchange: Exchange):
        self.ex = exchange

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/oauth2/token", self.token)
        app.router.add_post("/oauth2/revoke", self.revoke)
        for path in PATHS:
            app.router.add_post(path, self.tr)
        app.router.add_route("*", "/{tail:.*}", self.not_found)

    # ---- OAuth ----

    async def _form(self, request: web.Request) -> dict[str, str]:
        try:
            form = await request.post()
            return {k: str(v) for k, v in form.items()}
        except Exception:
            return {}

    async def token(self, request: web.Request) -> web.Response:
        arrived = self.ex.clock.monotonic()
        form = await self._form(request)
        appkey, secret = form.get("appkey", "").strip(), form.get("appsecretkey", "").strip()
        if not appkey or not secret or not self.ex.accepts_key(appkey, secret):
            return json_response({"error_code": "IGW00103", "error_description": "유효하지 않은 AppKey입니다."}, 403)
        # LS's own client allows itself 10 token requests a second: hold callers to that too
        if not self.ex.limiter.allow(f"app:{appkey}", "token", arrived, limit=(10, 1.0)):
            return json_response({"rsp_cd": "IGW00201", "rsp_msg": "호출 거래건수를 초과하였습니다."}, 500)
        info = self.ex.tokens.issue(appkey)
        self.ex.on_first_token(appkey)
        return json_response({"access_token": info.token, "scope": "oob", "token_type": "Bearer",
                              "expires_in": int(info.expires) - int(info.issued)})

    async def revoke(self, request: web.Request) -> web.Response:
        form = await self._form(request)
        token = form.get("token", "")
        info, _ = self.ex.tokens.lookup(token)
        if info is None or info.app_key != form.get("appkey", "").strip():
            return json_response({"code": 400, "message": "유효하지 않은 token 입니다."}, 400)
        self.ex.tokens.revoke(token)
        return json_response({"code": 200, "message": "접근토큰 폐기에 성공하였습니다."})

    # ---- TRs ----

    async def not_found(self, request: web.Request) -> web.Response:
        return ls_error(*E_PATH, status=404)

    async def tr(self, request: web.Request) -> web.Response:
        arrived = self.ex.clock.monotonic()  # rate limits count arrivals, before any injected delay
        requested = header(request, "tr_cd").strip()
        tr_cd = requested if requested in REST else ""
        try:
            return await self._tr(request, arrived)
        except SimError as err:
            return ls_error(err.rsp_cd, err.rsp_msg, err.http_status, tr_cd)
        except asyncio.CancelledError:
            raise
        except ConnectionError:  # the client went away mid-request (it quit): nobody to answer
            log.info("%s: the client closed the connection before its request was read", tr_cd or "?")
            return ls_error(*E_LOOKUP, tr_cd=tr_cd)  # written nowhere; aiohttp drops it quietly
        except Exception:
            log.exception("handler failed")
            return ls_error(*E_LOOKUP, tr_cd=tr_cd)

    async def _tr(self, request: web.Request, arrived: float) -> web.Response:
        faults = self.ex.faults
        if faults.rest_delay > 0:
            await asyncio.sleep(faults.rest_delay)
        if faults.should_fail_rest():
            raise SimError(*E_FAULT)
        auth = header(request, "authorization").strip()
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else auth
        info, problem = self.ex.tokens.lookup(token)
        if problem == "expired":
            raise SimError(*E_EXPIRED_TOKEN)
        if info is None:
            raise SimError(*E_INVALID_TOKEN)
        tr_cd = header(request, "tr_cd").strip()
        cat = REST.get(tr_cd)
        if cat is None:
            raise SimError(*E_TR)
        if cat.path != request.path:
            raise SimError(*E_PATH)
        if not self.ex.limiter.allow(token, tr_cd, arrived):
            raise SimError(*E_RATE)
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            raise SimError(*E_TOO_LARGE, http_status=413) from None
        try:
            body = orjson.loads(raw) if raw.strip() else None
        except orjson.JSONDecodeError as exc:
            if "depth" in str(exc).lower() or "recursion" in str(exc).lower():  # orjson stops at 1024
                raise SimError(*E_DEPTH) from None
            raise SimError(*E_JSON) from None
        if too_deep(body):
            raise SimError(*E_DEPTH)
        fn = HANDLERS.get(tr_cd)
        if fn is None:
            raise SimError("IGW40013", "데이터 조회에 실패 했습니다. (모의거래소 미지원 TR)")
        req = parse_request(tr_cd, body)
        ctx = TRContext(self.ex, info.app_key, tr_cd, header(request, "tr_cont").strip() or "N",
                        header(request, "tr_cont_key").strip())
        result = fn(ctx, req)
        if inspect.isawaitable(result):
            result = await result
        return self.answer(tr_cd, result)

    def answer(self, tr_cd: str, result: TRResult) -> web.Response:
        body = out_body(tr_cd, result.body)
        body["rsp_cd"] = result.rsp_cd
        body["rsp_msg"] = result.rsp_msg
        cont = "Y" if result.tr_cont == "Y" else "N"
        return json_response(body, 200, {"tr_cd": tr_cd, "tr_cont": cont,
                                         "tr_cont_key": result.tr_cont_key if cont == "Y" else ""})


@web.middleware
async def envelope_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    """Last line of defence: whatever goes wrong, answer with the LS envelope."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status == 405:
            return ls_error(*E_PATH, status=405)
        return ls_error(*E_PATH, status=exc.status if exc.status >= 400 else 500)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("request failed")
        return ls_error(*E_LOOKUP)
