"""Request objects of the seed-shaped API: ``req()``, ``req_async()``, ``occurs_req_async()``."""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Future
from enum import Enum
from typing import Any, Generic, TypeVar

from app.loops import shut_down
from app.ls.client import MAX_PAGES, TRCaller, tr_module
from app.ls.models.base import InBlock, TRRequestBody, TRResponseBody
from app.ls.ratelimit import SetupOptions

log = logging.getLogger("app.ls")

R = TypeVar("R", bound=TRResponseBody)


class RequestStatus(str, Enum):
    """What ``occurs_req_async``'s callback is told with each call."""

    RESPONSE = "response"  # one page arrived
    COMPLETE = "complete"  # the last page has been delivered (resp is None)
    FAIL = "fail"  # a page failed; the error is raised after the callback


class SyncRunner:
    """Runs coroutines for the sync API on one private event loop thread."""

    def __init__(self, name: str = "lsterm-sync"):
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def _ensure(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or self._loop.is_closed():
                loop = asyncio.new_event_loop()
                ready = threading.Event()

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(ready.set)
                    try:
                        loop.run_forever()
                    finally:
                        shut_down(loop)

                self._thread = threading.Thread(target=run, name=self._name, daemon=True)
                self._thread.start()
                ready.wait()
                self._loop = loop
            return self._loop

    def run(self, coro: Awaitable, timeout: float | None = None) -> Any:
        if threading.current_thread() is self._thread:
            if inspect.iscoroutine(coro):
                coro.close()
            # the loop that would run it is the one this call blocks: it would never return
            raise RuntimeError("a blocking call (req(), login(), ...) inside a callback on the client's "
                               "own loop would wait forever; await req_async() / async_login() there")
        loop = self._ensure()
        future: Future = asyncio.run_coroutine_threadsafe(coro, loop)  # type: ignore[arg-type]
        return future.result(timeout)

    def close(self) -> None:
        with self._lock:
            loop, self._loop = self._loop, None
            thread, self._thread = self._thread, None
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(loop.stop)
        if thread is not None and thread is not threading.current_thread():
            thread.join(5)


class ProductAPI:
    """What a group needs from its product: the TR caller and the sync runner."""

    caller: TRCaller
    runner: SyncRunner


class TRRequest(Generic[R]):
    """One prepared TR call. Nothing is sent until ``req()`` / ``req_async()`` is called."""

    def __init__(self, product: ProductAPI, tr_cd: str, request: TRRequestBody,
                 options: SetupOptions | None = None):
        self._product = product
        self.tr_cd = tr_cd
        self.request = request
        self.options = options

    def __repr__(self) -> str:
        return f"TRRequest({self.tr_cd})"

    async def req_async(self) -> R:
        return await self._product.caller.call(self.tr_cd, self.request, options=self.options)  # type: ignore[return-value]

    def req(self) -> R:
        return self._product.runner.run(self.req_async())

    async def pages(self, max_pages: int = MAX_PAGES) -> AsyncIterator[R]:
        async for page in self._product.caller.pages(self.tr_cd, self.request, options=self.options,
                                                     max_pages=max_pages):
            yield page  # type: ignore[misc]

    async def occurs_req_async(self, callback: Callable[[R | None, RequestStatus], Any] | None = None,
                               max_pages: int = MAX_PAGES) -> list[R]:
        """Fetch every page; ``callback(resp, status)`` hears each page, then completion."""
        results: list[R] = []
        try:
            async for page in self.pages(max_pages):
                results.append(page)
                await _call(callback, page, RequestStatus.RESPONSE)
        except Exception:
            await _call(callback, None, RequestStatus.FAIL)
            raise
        await _call(callback, None, RequestStatus.COMPLETE)
        return results

    def occurs_req(self, callback: Callable[[R | None, RequestStatus], Any] | None = None,
                   max_pages: int = MAX_PAGES) -> list[R]:
        return self._product.runner.run(self.occurs_req_async(callback, max_pages))


async def _call(callback, *args) -> None:
    if callback is None:
        return
    result = callback(*args)
    if inspect.isawaitable(result):
        await result


class TRGroup:
    """Base of the generated groups (market, chart, account, order) of one product."""

    def __init__(self, product: ProductAPI):
        self._product = product

    def _request(self, tr_cd: str, body: Any, options: SetupOptions | None) -> TRRequest:
        module = tr_module(tr_cd)
        request_cls = module.Request
        if isinstance(body, request_cls):
            request = body
        elif isinstance(body, InBlock):
            first, field = next(iter(request_cls.model_fields.items()))
            if not isinstance(body, field.annotation):
                raise TypeError(f"{tr_cd}: expected {field.annotation.__name__}, got {type(body).__name__}")
            request = request_cls.model_validate({first: body})
        elif isinstance(body, dict):
            request = request_cls.model_validate(body)
        else:
            raise TypeError(f"{tr_cd}: pass {request_cls.__name__}, its in-block or a dict, "
                            f"not {type(body).__name__}")
        return TRRequest(self._product, tr_cd, request, options)
