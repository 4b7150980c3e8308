"""One product's TR caller: rate limit, token, envelope, typed answer, retries and paging."""

from __future__ import annotations

import asyncio
import importlib
import logging
import random
import time
from collections.abc import AsyncIterator
from functools import lru_cache
from types import ModuleType

from pydantic import ValidationError

from app.ls.errors import (
    RATE_LIMIT_CODE,
    RETRY_CODES,
    TOKEN_ERROR_CODES,
    AuthError,
    LSBusinessError,
    RateLimitError,
    ResponseFormatError,
    TransportError,
)
from app.ls.models.base import TRRequestBody, TRResponseBody, parse_lenient
from app.ls.models.catalog import REST, TRInfo
from app.ls.ratelimit import MemoryRateLimiter, RateLimiter, SetupOptions, default_options
from app.ls.token import TokenManager
from app.ls.transport import RawResponse, RestTransport

log = logging.getLogger("app.ls.client")

TOKEN_ERROR_PHRASES = ("유효하지 않은 token", "기간이 만료된 token", "token을 찾을 수 없습니다")
TRANSIENT_HTTP = frozenset({408, 425, 429, 502, 503, 504})
MAX_PAGES = 100


@lru_cache(maxsize=None)
def tr_module(tr_cd: str) -> ModuleType:
    if tr_cd not in REST:
        raise KeyError(f"unknown TR {tr_cd!r}")
    return importlib.import_module(f"app.ls.models.{tr_cd}")


def tr_info(tr_cd: str) -> TRInfo:
    try:
        return REST[tr_cd]
    except KeyError:
        raise KeyError(f"unknown TR {tr_cd!r}") from None


class TRCaller:
    """Calls TRs of one product (stock or futures/options) with one app key's token."""

    def __init__(self, transport: RestTransport, tokens: TokenManager, limiter: RateLimiter | None = None,
                 *, query_retries: int = 3, backoff: tuple[float, ...] = (0.25, 0.75, 2.0),
                 rate_retries: int = 5):
        self.transport = transport
        self.tokens = tokens
        self.limiter = limiter or MemoryRateLimiter()
        self._query_retries = query_retries
        self._rate_retries = rate_retries  # IGW00201 answers sent again, orders included
        self._backoff = backoff
        self.calls = 0  # answered calls, for diagnostics

    async def call(self, tr_cd: str, request: TRRequestBody, *, options: SetupOptions | None = None,
                   tr_cont: str = "N", tr_cont_key: str = "") -> TRResponseBody:
        """Send one TR and return its typed answer (``resp.tr_cont`` / ``resp.tr_cont_key`` set)."""
        info = tr_info(tr_cd)
        module = tr_module(tr_cd)
        if not isinstance(request, module.Request):
            raise TypeError(f"{tr_cd} expects {module.Request.__name__}, got {type(request).__name__}")
        opts = options or default_options(tr_cd)
        body = request.model_dump_json(exclude_none=True).encode()
        is_order = info.category == "order"
        attempt = 0
        token_retried = False
        limited = 0
        while True:
            token = await self.tokens.get()
            started = time.perf_counter()
            try:
                raw = await self._send(opts, tr_cd, info.path, body, token, tr_cont, tr_cont_key)
            except TransportError:
                # An order whose answer was lost may have been accepted: never send it again.
                if is_order or attempt >= self._query_retries:
                    raise
                await self._sleep(attempt)
                attempt += 1
                continue
            log.debug("%s -> HTTP %s in %.1f ms", tr_cd, raw.status, (time.perf_counter() - started) * 1e3)
            if raw.status == 200:
                self.calls += 1
                return self._parse(tr_cd, module, raw)
            code, msg = _error_fields(raw)
            if _is_token_error(raw.status, code, msg) and not token_retried:
                # The gateway refused the token before the TR ran, so sending again is safe
                # even for an order: nothing was accepted.
                token_retried = True
                log.info("%s: token refused (%s), refreshing once", tr_cd, code or raw.status)
                await self.tokens.refresh(stale=token)
                continue
            if _is_token_error(raw.status, code, msg):
                raise AuthError(f"{tr_cd}: token refused: {msg or code}", code=code, http_status=raw.status)
            if code == RATE_LIMIT_CODE:
                # The gateway refused the call before the broker saw it: safe to send again,
                # orders included, after a window (a caller who chose "stop" is told at once).
                if opts.on_rate_limit == "stop" or limited >= self._rate_retries:
                    raise RateLimitError(tr_cd, msg or "호출 거래건수를 초과하였습니다.", http_status=raw.status)
                limited += 1
                log.warning("%s: refused by the gateway's rate limit (%s); sending again in about %.1f s "
                            "(%d of %d)", tr_cd, code, opts.rate_limit_seconds, limited, self._rate_retries)
                await self._sleep(0, base=opts.rate_limit_seconds)
                continue
            transient = code in RETRY_CODES or (not code and raw.status in TRANSIENT_HTTP | {500})
            if transient and not is_order and attempt < self._query_retries:
                log.info("%s: transient error %s, retrying", tr_cd, code or f"HTTP {raw.status}")
                await self._sleep(attempt)
                attempt += 1
                continue
            raise LSBusinessError(tr_cd, code or f"HTTP{raw.status}", msg or _short(raw.content),
                                  http_status=raw.status)

    async def _send(self, opts: SetupOptions, tr_cd: str, path: str, body: bytes, token: str,
                    tr_cont: str, tr_cont_key: str) -> RawResponse:
        """One request under the TR's limit; its slot is held until the answer (see ratelimit)."""
        key, wait = opts.rate_limit_key or tr_cd, opts.on_rate_limit == "wait"
        take = getattr(self.limiter, "take", None)
        if take is None:  # a limiter of the caller's own that only counts grants
            await self.limiter.acquire(key, opts.rate_limit_count, opts.rate_limit_seconds, wait)
            return await self.transport.post_tr(path, tr_cd, body, token, tr_cont=tr_cont, tr_cont_key=tr_cont_key)
        slot = await take(key, opts.rate_limit_count, opts.rate_limit_seconds, wait)
        started = time.monotonic()
        try:
            raw = await self.transport.post_tr(path, tr_cd, body, token, tr_cont=tr_cont, tr_cont_key=tr_cont_key)
        except BaseException:
            # no answer: what was written may still be travelling; allow it the time it took so far
            await self._release(slot, time.monotonic() - started)
            raise
        await self._release(slot, 0.0)
        return raw

    async def _release(self, slot, margin: float) -> None:
        # An answer (an accepted order!) must reach the caller even if the limiter's store
        # fails now: the slot then frees when its lease ends.
        try:
            await asyncio.shield(self.limiter.release(slot, margin=margin))
        except Exception as exc:
            log.warning("rate-limit slot of %s not released (%s: %s); it frees after its lease",
                        slot.key, type(exc).__name__, exc)

    async def pages(self, tr_cd: str, request: TRRequestBody, *, options: SetupOptions | None = None,
                    max_pages: int = MAX_PAGES) -> AsyncIterator[TRResponseBody]:
        """Every page of a paging TR, first to last, each call under the TR's rate limit.

        Both LS styles: header-only (same body, ``tr_cont``/``tr_cont_key`` headers move) and
        cursor (the out-block's ``cts_*`` fields are copied into the in-block as well).
        """
        info = tr_info(tr_cd)
        tr_cont, key = "N", ""
        seen_keys: set[str] = set()
        sent: set[tuple[str, str]] = set()  # (key, body) of every page asked for
        for _ in range(max_pages):
            resp = await self.call(tr_cd, request, options=options, tr_cont=tr_cont, tr_cont_key=key)
            sent.add((key, request.model_dump_json()))
            yield resp
            if resp.tr_cont != "Y" or info.paging == "none":
                return
            next_key = resp.tr_cont_key
            if info.paging == "header_only" and (not next_key or next_key in seen_keys):
                return  # a blank or repeated key would loop forever
            seen_keys.add(next_key)
            if info.cursor_fields:
                request = _advance_cursor(request, resp, info.cursor_fields)
                if (next_key, request.model_dump_json()) in sent:
                    log.warning("%s: the server asked for a page already fetched; stopping", tr_cd)
                    return  # neither key nor cursor moved: the same page again, forever
            tr_cont, key = "Y", next_key
        # the caller's own cap is intended; hitting the safety cap is worth a warning
        (log.warning if max_pages == MAX_PAGES else log.debug)("%s: stopped after %d pages", tr_cd, max_pages)

    def _parse(self, tr_cd: str, module: ModuleType, raw: RawResponse) -> TRResponseBody:
        try:
            resp = parse_lenient(module.Response, raw.content)
        except (ValidationError, ValueError) as exc:
            detail = f"{exc.error_count()} field error(s)" if isinstance(exc, ValidationError) else str(exc)
            raise ResponseFormatError(tr_cd, detail) from None
        resp.set_header(raw.tr_cont, raw.tr_cont_key, raw.status)
        return resp

    async def _sleep(self, attempt: int, base: float | None = None) -> None:
        delay = (base if base is not None else 0.0) + self._backoff[min(attempt, len(self._backoff) - 1)]
        await asyncio.sleep(delay * random.uniform(0.8, 1.2))


def _advance_cursor(request: TRRequestBody, resp: TRResponseBody, fields: tuple[str, ...]) -> TRRequestBody:
    """A copy of ``request`` whose in-block carries the cursor values from the answer."""
    in_name = next(iter(type(request).model_fields))
    in_block = getattr(request, in_name)
    out = resp.block
    if out is None or isinstance(in_block, list):
        return request
    updates = {}
    for name in fields:
        value = getattr(out, name, None)
        if value is not None and name in type(in_block).model_fields:
            updates[name] = value
    if not updates:
        return request
    new_block = type(in_block).model_validate({**in_block.model_dump(exclude_unset=False), **updates})
    return request.model_copy(update={in_name: new_block})


def _error_fields(raw: RawResponse) -> tuple[str, str]:
    data = raw.json()
    if isinstance(data, dict):
        code = data.get("rsp_cd") or data.get("error_code") or ""
        msg = data.get("rsp_msg") or data.get("error_description") or ""
        return str(code), str(msg)
    return "", ""


def _is_token_error(status: int, code: str, msg: str) -> bool:
    return code in TOKEN_ERROR_CODES or status == 401 or any(p in msg for p in TOKEN_ERROR_PHRASES)


def _short(content: bytes) -> str:
    text = content[:200].decode("utf-8", "replace").strip()
    return text or "empty answer"
