"""Requests that never reach a handler (bad request line, headers, chunking, length) get LS's envelope.

aiohttp answers such requests itself with a plain-text 400 whose message quotes part of the
request, and logs a traceback. The embedded exchange answers them like every other failure:
``{"rsp_cd", "rsp_msg"}`` as JSON, a message that names the problem and never echoes request
bytes, and a one-line log entry (a client's mistake is not the exchange's error).

LS publishes no codes for these HTTP-level failures; the IGW4001x codes below are the
exchange's own, in the family LS uses for request-format errors (IGW40010, IGW40011).

No answer names the server software: aiohttp adds ``Server: Python/3.x aiohttp/3.y`` to every
response, which LS's gateway does not send, and the docs record no Server header of LS's to
send instead, so the exchange sends none (``drop_server_header`` for the application's answers,
``AnonymousResponse`` for the ones made here, outside the application).
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from aiohttp import hdrs, web
from aiohttp.http_exceptions import (
    BadHttpMessage, BadHttpMethod, BadStatusLine, ContentLengthError, InvalidHeader, LineTooLong,
    TransferEncodingError,
)
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_server import Server

log = logging.getLogger(__name__)

JSON_CT = "application/json; charset=utf-8"
E_HTTP = ("IGW40000", "HTTP 요청 형식이 올바르지 않습니다. (malformed HTTP request)")
E_REQUEST_LINE = ("IGW40000", "HTTP 요청 라인이 올바르지 않습니다. (malformed HTTP request line)")
E_HEADER_SIZE = ("IGW40015", "요청 헤더가 너무 깁니다. (request line or a header over 8 KB)")
E_HEADER = ("IGW40000", "HTTP 요청 헤더가 올바르지 않습니다. (malformed HTTP header)")
E_CHUNKED = ("IGW40000", "요청 본문의 chunked 인코딩이 올바르지 않습니다. (malformed chunked body)")
E_LENGTH = ("IGW40000", "Content-Length 값이 올바르지 않습니다. (invalid Content-Length)")
E_SERVER = ("IGW40013", "데이터 조회에 실패 했습니다.")


async def drop_server_header(_request: web.Request, response: web.StreamResponse) -> None:
    """``on_response_prepare`` hook: runs after aiohttp set its default headers, before they are
    written (REST answers and the WebSocket upgrade alike)."""
    response.headers.popall(hdrs.SERVER, None)


class AnonymousResponse(web.Response):
    """A response made outside the application (no ``on_response_prepare``), without the
    ``Server`` header aiohttp would add."""

    async def _prepare_headers(self) -> None:
        await super()._prepare_headers()
        self.headers.popall(hdrs.SERVER, None)


def classify(status: int, exc: BaseException | None) -> tuple[int, tuple[str, str]]:
    """(HTTP status, (rsp_cd, rsp_msg)) for a request aiohttp could not parse."""
    if status >= 500 and not isinstance(exc, BadHttpMessage):
        return status, E_SERVER
    if isinstance(exc, LineTooLong):
        return 431, E_HEADER_SIZE
    if isinstance(exc, (BadHttpMethod, BadStatusLine)):
        return 400, E_REQUEST_LINE
    if isinstance(exc, TransferEncodingError):
        return 400, E_CHUNKED
    if isinstance(exc, ContentLengthError):
        return 400, E_LENGTH
    # aiohttp raises plain BadHttpMessage for several faults; its own wording tells them apart
    text = str(getattr(exc, "message", "")).lower()
    if "content-length" in text:
        return 400, E_LENGTH
    if "chunk" in text:
        return 400, E_CHUNKED
    if isinstance(exc, InvalidHeader) or "header" in text:
        return 400, E_HEADER
    return (status if 400 <= status < 500 else 400), E_HTTP


class EnvelopeRequestHandler(RequestHandler):
    def handle_error(self, request: Any, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        status, (code, msg) = classify(status, exc)
        if status >= 500:
            self.log_exception("request failed", exc_info=exc)
        else:  # a client's mistake: one line, and no request bytes in it
            log.info("refused a malformed HTTP request from %s: %s", request.remote, type(exc).__name__)
        if request.writer.output_size > 0:
            raise ConnectionError("response already started; cannot send the error envelope")
        resp = AnonymousResponse(status=status, body=orjson.dumps({"rsp_cd": code, "rsp_msg": msg}),
                                 headers={"Content-Type": JSON_CT})
        resp.force_close()
        return resp


class EnvelopeServer(Server):
    """aiohttp's low-level server, making ``EnvelopeRequestHandler`` connections."""

    def __call__(self) -> RequestHandler:
        return EnvelopeRequestHandler(self, loop=self._loop, **self._kwargs)


class EnvelopeAppRunner(web.AppRunner):
    async def _make_server(self) -> Server:
        server = await super()._make_server()
        # aiohttp has no hook for the connection class; the server object is plain data
        # (handler, factory, kwargs), so it is re-typed to the subclass that builds ours
        server.__class__ = EnvelopeServer
        return server
