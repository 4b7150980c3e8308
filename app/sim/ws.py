"""The embedded exchange's WebSocket side: subscriptions, acknowledgements and push fan-out.

Each push is serialised once and the same text goes to every subscriber through a small
per-connection queue drained by a writer task, so a slow client never stalls the market loop
(its oldest frames are dropped once the queue is full).

A connection is whole or closed: if its writer ends while the socket is open (an exception, a
cancellation the hub did not ask for) or a request handler raises, the socket is closed (1011)
with a WARNING naming the cause, so the client notices, reconnects and catches up, instead of
a socket that stays open and never sends again.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections import deque
from typing import TYPE_CHECKING, Any

import orjson
from aiohttp import WSCloseCode, WSMsgType, web

from app.sim import quotes
from app.sim.java_order import hash_order
from app.sim.market import SymbolState
from app.sim.ws_mask import require_masked_frames

if TYPE_CHECKING:
    from app.sim.exchange import Exchange

log = logging.getLogger(__name__)

QUOTE_TRS = {"GSC": "stock", "GSH": "stock", "OVC": "future", "OVH": "future", "WOC": "option", "WOH": "option"}
ACCOUNT_TRS = {"AS0": "stock", "AS1": "stock", "AS2": "stock", "AS3": "stock", "AS4": "stock",
               "TC1": "futureoption", "TC2": "futureoption", "TC3": "futureoption"}
QUEUE_LIMIT = 20000
CLOSE_TIMEOUT = 1.0  # seconds a client gets to take the close frame before it is cut off
OK_MSG = "정상처리되었습니다"


def frame(header: dict, body: Any = None) -> str:
    return orjson.dumps({"header": header, "body": body}).decode()


class Conn:
    """One client WebSocket: what it subscribed to and its outgoing queue."""

    def __init__(self, ws: web.WebSocketResponse, transport: asyncio.BaseTransport | None = None):
        self.ws = ws
        self.transport = transport
        self.app_key = ""
        self.quotes: set[tuple[str, str]] = set()
        self.accounts: set[tuple[str, str]] = set()  # (app key, product) registered
        self.queue: deque[str] = deque(maxlen=QUEUE_LIMIT)
        self.wakeup = asyncio.Event()
        self.pushes = 0
        self.dropped = False
        self.writer_task: asyncio.Task | None = None
        self.ending = False  # the hub is ending the connection: its writer stops quietly
        self.fault: BaseException | None = None  # raised by the writer (faults.kill_ws_writers)
        self.frozen = False  # sends and reads nothing, socket left open (faults.freeze_websockets)
        self._closer: asyncio.Task | None = None

    @property
    def peer(self) -> str:
        info = self.transport.get_extra_info("peername") if self.transport is not None else None
        return f"{info[0]}:{info[1]}" if info else "?"

    def send(self, text: str) -> None:
        self.queue.append(text)
        self.wakeup.set()

    async def close(self, timeout: float = CLOSE_TIMEOUT, code: int = WSCloseCode.OK,
                    message: bytes = b"") -> None:
        """Close the socket; a client that stopped reading (its socket full, so the close
        frame cannot be sent) is cut off instead of holding the caller forever."""
        try:
            await asyncio.wait_for(self.ws.close(code=code, message=message), timeout)
            return
        except (asyncio.TimeoutError, ConnectionError, RuntimeError):
            pass
        if self.transport is not None:
            self.transport.abort()

    def close_soon(self, code: int, message: bytes) -> None:
        """Close from a callback (the writer's end); the task is kept until it is done."""
        if self._closer is None and not self.ws.closed:
            loop = self.writer_task.get_loop() if self.writer_task is not None else asyncio.get_running_loop()
            self._closer = loop.create_task(self.close(code=code, message=message))

    def freeze(self) -> None:
        """Go silent with the socket open, as a peer whose host vanished: nothing more is sent
        and nothing read (so pings go unanswered); pushes pile up in the queue unsent."""
        self.frozen = True
        if self.transport is not None and not self.transport.is_closing():
            self.transport.pause_reading()

    async def writer(self, hub: Hub) -> None:
        ws, queue = self.ws, self.queue
        while not ws.closed:
            await self.wakeup.wait()
            self.wakeup.clear()
            if self.fault is not None:
                raise self.fault
            if self.frozen:
                continue
            while queue and not ws.closed:
                text = queue.popleft()
                await ws.send_str(text)
                self.pushes += 1
                limit = hub.ex.faults.ws_drop_after
                if limit and self.pushes >= limit:
                    await self.close()
                    return


def stock_key(st: SymbolState) -> str:
    return st.inst.keysymbol


def fo_key(symbol: str, product: str = "future") -> str:
    """Realtime key of a futures contract (its code, at most 8 characters) or of an option (its
    whole code: every series and strike has its own, sent padded to 16 as in LS's WOC examples)."""
    return symbol if product == "option" else symbol[:8]


OPTION_KEY_WIDTH = 16


class Hub:
    def __init__(self, exchange: Exchange):
        self.ex = exchange
        self.conns: set[Conn] = set()
        self.subs: dict[tuple[str, str], set[Conn]] = {}
        self.pushes_sent = 0

    # ---- connection ----

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(compress=False, max_msg_size=1 << 20, autoping=True)
        await ws.prepare(request)
        require_masked_frames(request)
        conn = Conn(ws, request.transport)
        self.conns.add(conn)
        writer = conn.writer_task = asyncio.create_task(conn.writer(self), name=f"sim-ws-writer {conn.peer}")
        writer.add_done_callback(functools.partial(self._writer_ended, conn))
        failed = False
        try:
            async for msg in ws:
                try:
                    if msg.type == WSMsgType.TEXT:
                        self.on_message(conn, msg.data)
                    elif msg.type == WSMsgType.BINARY:
                        self.on_message(conn, msg.data.decode("utf-8", "replace"))
                    elif msg.type == WSMsgType.ERROR:
                        break
                except Exception as exc:  # a half-handled request: end the connection whole
                    log.warning("websocket %s: request handler failed (%s: %s); closing the connection",
                                conn.peer, type(exc).__name__, exc, exc_info=True)
                    failed = True
                    break
        finally:
            conn.ending = True
            self.forget(conn)
            writer.cancel()
            try:
                await writer
            except (asyncio.CancelledError, Exception):
                pass
            if not ws.closed:  # the reader gave up first (a failed handler, a read error)
                await conn.close(code=WSCloseCode.INTERNAL_ERROR if failed else WSCloseCode.OK,
                                 message=b"server error" if failed else b"")
        return ws

    def _writer_ended(self, conn: Conn, task: asyncio.Task) -> None:
        """The writer of ``conn`` is done. Unless the hub stopped it or the socket is closed
        already, the connection cannot send any more: close it so its client reconnects."""
        if conn.ending:
            return
        ws = conn.ws
        exc = None if task.cancelled() else task.exception()
        if exc is None and not task.cancelled() and ws.closed:
            return  # closed while it sent (ws_drop_after, a close it saw): nothing to say
        if isinstance(exc, ConnectionError) or (exc is not None and ws.closed):
            log.debug("websocket %s: writer ended with the connection (%s)", conn.peer, exc)
        else:
            cause = "cancelled" if task.cancelled() else \
                "returned" if exc is None else f"{type(exc).__name__}: {exc}"
            log.warning("websocket %s: writer died (%s) with %d frames queued; closing the connection",
                        conn.peer, cause, len(conn.queue), exc_info=exc)
        self.forget(conn)
        conn.close_soon(WSCloseCode.INTERNAL_ERROR, b"server writer failed")

    def forget(self, conn: Conn) -> None:
        self.conns.discard(conn)
        for key in conn.quotes:
            subs = self.subs.get(key)
            if subs is not None:
                subs.discard(conn)
                if not subs:
                    del self.subs[key]
        conn.quotes.clear()

    def drop_all(self) -> None:
        for conn in list(self.conns):
            asyncio.ensure_future(conn.close())

    # ---- requests ----

    def on_message(self, conn: Conn, text: str) -> None:
        try:
            msg = orjson.loads(text)
            header, body = msg.get("header") or {}, msg.get("body") or {}
            if not isinstance(header, dict) or not isinstance(body, dict):
                raise ValueError
            token = str(header.get("token") or "")
            tr_type = str(header.get("tr_type") or "")
            tr_cd = str(body.get("tr_cd") or "")
            tr_key = str(body.get("tr_key") or "")
        except (ValueError, AttributeError, TypeError):
            conn.send(frame({"tr_cd": "", "tr_key": "", "tr_type": "", "rsp_cd": "IGW40010",
                             "rsp_msg": "요청 데이터(JSON) 형식이 올바르지 않습니다."}))
            return

        def reply(rsp_cd: str, rsp_msg: str) -> None:
            conn.send(frame({"tr_cd": tr_cd, "tr_key": tr_key, "tr_type": tr_type,
                             "rsp_cd": rsp_cd, "rsp_msg": rsp_msg}))

        info, problem = self.ex.tokens.lookup(token)
        if problem == "expired":
            return reply("IGW00123", "기간이 만료된 token 입니다.")
        if info is None:
            return reply("IGW00121", "유효하지 않은 token 입니다.")
        conn.app_key = info.app_key
        if tr_type in ("3", "4"):
            if tr_cd not in QUOTE_TRS:
                return reply("IGW00105", "유효하지 않은 거래코드(tr_cd)입니다.")
            keys = self._quote_keys(tr_cd, tr_key)
            if not keys:
                return reply("IGW40013", "종목코드(tr_key)를 확인하세요.")
            for key in keys:
                sub = (tr_cd, key)
                if tr_type == "3":
                    conn.quotes.add(sub)
                    self.subs.setdefault(sub, set()).add(conn)
                else:
                    conn.quotes.discard(sub)
                    subs = self.subs.get(sub)
                    if subs is not None:
                        subs.discard(conn)
                        if not subs:
                            del self.subs[sub]
            return reply("00000", OK_MSG)
        if tr_type in ("1", "2"):
            product = ACCOUNT_TRS.get(tr_cd)
            if tr_type == "1":
                if product is None:
                    return reply("IGW00105", "유효하지 않은 거래코드(tr_cd)입니다.")
                conn.accounts.add((info.app_key, product))
            elif product is None:  # programgarden de-registers stock with tr_cd ""
                conn.accounts = {a for a in conn.accounts if a[0] != info.app_key}
            else:
                conn.accounts.discard((info.app_key, product))
            return reply("00000", OK_MSG)
        return reply("IGW40011", "tr_type data type을 확인하세요.")

    def _quote_keys(self, tr_cd: str, tr_key: str) -> list[str]:
        """The realtime keys a subscription names: one instrument's, or for an option code cut
        to 8 characters (as some clients send it) every option whose code starts with it; each
        push then carries its own full key and symbol."""
        key = tr_key.strip()
        product = QUOTE_TRS[tr_cd]
        market = self.ex.market
        if product == "stock":
            inst = market.instrument(key)
            return [inst.keysymbol] if inst is not None and inst.product == "stock" else []
        if product == "future":
            key = key[:8]
            return [key] if any(i.symbol[:8] == key for i in market.instruments("future")) else []
        options = [i.symbol for i in market.instruments("option")]
        if key in options:
            return [key]
        return [s for s in options if len(key) == 8 and s.startswith(key)]

    # ---- pushes ----

    def on_quote(self, st: SymbolState, traded: bool) -> None:
        """Market listener: push the instrument's trade and book to its subscribers."""
        subs = self.subs
        if not subs:
            return
        product = st.inst.product
        if product == "stock":
            key, trade_tr, book_tr, padded = stock_key(st), "GSC", "GSH", 18
        else:
            key = fo_key(st.symbol, product)
            trade_tr, book_tr, padded = (("OVC", "OVH", 8) if product == "future"
                                         else ("WOC", "WOH", OPTION_KEY_WIDTH))
        if traded:
            conns = subs.get((trade_tr, key))
            if conns:
                body = quotes.gsc_body(st) if product == "stock" else quotes.ovc_body(st)
                self._fan_out(conns, frame({"tr_cd": trade_tr, "tr_key": key.ljust(padded)}, body))
        conns = subs.get((book_tr, key))
        if conns:
            t = self.ex.clock.time()
            body = quotes.gsh_body(st, t) if product == "stock" else quotes.ovh_body(st, t)
            self._fan_out(conns, frame({"tr_cd": book_tr, "tr_key": key.ljust(padded)}, body))

    def _fan_out(self, conns: set[Conn], text: str) -> None:
        faults = self.ex.faults
        if faults.malformed_rate and faults.should_malform():
            text = text[: len(text) // 2]
        for conn in conns:
            conn.send(text)
        self.pushes_sent += len(conns)

    def push_account(self, app_key: str, product: str, tr_cd: str, body: dict) -> int:
        """Send an account event to every socket of ``app_key`` registered for ``product``."""
        targets = [c for c in self.conns if (app_key, product) in c.accounts]
        if not targets:
            return 0
        text = frame({"tr_cd": tr_cd}, _string_body(tr_cd, body))
        faults = self.ex.faults
        if faults.malformed_rate and faults.should_malform():  # lost to the client as a quote would be
            text = text[: len(text) // 2]
        for conn in targets:
            conn.send(text)
        return len(targets)


def _string_body(tr_cd: str, body: dict) -> dict[str, str]:
    """Every field of the TR's body model, as strings (missing ones empty)."""
    from app.sim.wire import model_module

    fields = model_module(tr_cd).Body.model_fields
    out = {}
    for name in fields:
        value = body.get(name, "")
        out[name] = "" if value is None else value if isinstance(value, str) else str(value)
    for name, value in body.items():  # keep extras the broker chose to send
        if name not in out:
            out[name] = "" if value is None else str(value)
    return {name: out[name] for name in hash_order(out)}  # in the key order of LS's gateway
