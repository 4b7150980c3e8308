"""The market for bench/market_data.py, in its own process: the embedded exchange (REST: login,
masters, snapshots) listing N extra synthetic stocks, and a quote firehose on a second loopback
port that speaks LS's realtime protocol and pushes GSC/GSH frames at the rate set on stdin.

The embedded exchange's own market cannot step 500 symbols 20,000 times a second in Python, so
the firehose sends preformatted frames with a random walk instead; the terminal cannot tell.
Run by the benchmark: prints `READY <rest port> <ws port>`, then obeys lines on stdin:
  `rate <frames/s>`  quote frames per second over all subscribed symbols (GSC and GSH alternate)
  `dump`             stop sending, wait for the socket to drain, print `DUMP <json {symbol: last}>`
  `sent`             print `SENT <frames sent so far>`
  `quit`
Its own process, so the terminal's CPU figure counts the terminal alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import orjson  # noqa: E402
from aiohttp import WSMsgType, web  # noqa: E402

from app.ls.models import GSC, GSH  # noqa: E402
from app.sim.exchange import Exchange  # noqa: E402
from app.sim.instruments import build_master, stocks  # noqa: E402
from app.sim.market import Market  # noqa: E402

SLICE = 0.005  # seconds between bursts of frames: small, so frames flow evenly
GSC_FIELDS, GSH_FIELDS = tuple(GSC.Body.model_fields), tuple(GSH.Body.model_fields)


def synthetic(n: int) -> list:
    base = stocks()[0]
    out = []
    for i in range(n):
        extra = dict(base.extra, ref_price=20.0 + (i % 480), volatility=0.4)
        out.append(replace(base, symbol=f"S{i:03d}", name=f"Synthetic {i:03d}", name_ko=f"합성 {i:03d}",
                           exchange="82", tick_size=Decimal("0.01"), tick_value=Decimal("0.01"), extra=extra))
    return out


def ws_text_frame(payload: bytes) -> bytes:
    """One unmasked server-to-client text frame (RFC 6455)."""
    n = len(payload)
    if n < 126:
        head = bytes((0x81, n))
    elif n < 65536:
        head = bytes((0x81, 126)) + n.to_bytes(2, "big")
    else:
        head = bytes((0x81, 127)) + n.to_bytes(8, "big")
    return head + payload


class Firehose:
    def __init__(self) -> None:
        self.rate = 0.0
        self.conns: dict[web.WebSocketResponse, tuple[Any, dict[str, set[str]]]] = {}  # ws -> (transport, subs)
        self.last: dict[str, int] = {}  # symbol -> price in cents
        self.seq = 0
        self.sent = 0
        self.rng = random.Random(5)
        self.templates: dict[tuple[str, str], str] = {}
        self.prices: dict[int, str] = {}
        self.books: dict[int, tuple[str, ...]] = {}
        self._second, self._hms = 0, ""

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(compress=False)
        await ws.prepare(request)
        subs: dict[str, set[str]] = {"GSC": set(), "GSH": set()}
        self.conns[ws] = (request.transport, subs)
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                data = orjson.loads(msg.data)
                header, body = data.get("header") or {}, data.get("body") or {}
                tr_cd, tr_key, tr_type = body.get("tr_cd", ""), body.get("tr_key", ""), header.get("tr_type", "")
                if tr_cd in subs:
                    (subs[tr_cd].add if tr_type == "3" else subs[tr_cd].discard)(tr_key.strip())
                await ws.send_str(orjson.dumps({"header": {"tr_cd": tr_cd, "tr_key": tr_key, "tr_type": tr_type,
                                                           "rsp_cd": "00000", "rsp_msg": "정상처리되었습니다"},
                                                "body": None}).decode())
        finally:
            self.conns.pop(ws, None)
        return ws

    def frame(self, tr: str, key: str) -> str:
        """One push; from a per-symbol template with %-slots, since 20,000 JSON encodes a second
        would make the firehose, not the terminal, the bottleneck."""
        symbol = key[2:]
        cents = self.last.get(symbol) or 2000 + (int(symbol[1:]) if symbol[1:].isdigit() else 0) * 100
        tmpl = self.templates.get((tr, symbol)) or self._template(tr, key)
        if tr == "GSC":
            cents = max(100, cents + self.rng.choice((-2, -1, 1, 2)))
            self.last[symbol] = cents
            self.seq += 1
            p = self.px(cents)
            return tmpl % (self.hms(), p, p, p, p, self.seq, self.seq % 1000)
        book = self.books.get(cents)
        if book is None:
            book = self.books[cents] = tuple(self.px(cents + d) for d in self.book_offsets)
        return tmpl % book

    def px(self, cents: int) -> str:
        text = self.prices.get(cents)
        if text is None:
            text = self.prices[cents] = f"{cents / 100:.4f}"
        return text

    def hms(self) -> str:
        now = int(time.time())
        if now != self._second:
            self._second, self._hms = now, time.strftime("%H%M%S", time.localtime(now))
        return self._hms

    book_offsets = tuple(d for i in range(1, 11) for d in (i, 1 - i))  # offerho_i, bidho_i

    def _template(self, tr: str, key: str) -> str:
        symbol = key[2:]
        if tr == "GSC":
            v = {"symbol": symbol, "ovsdate": "20261130", "kordate": "20261130", "trdtm": "\x00T",
                 "kortm": "000000", "sign": "2", "price": "\x00P", "diff": "0.5000", "rate": "0.25",
                 "open": "\x00P", "high": "\x00P", "low": "\x00P", "trdq": "3", "totq": "\x00Q",
                 "cgubun": "+", "lSeq": "\x00Q", "amount": "0", "high52p": "0", "low52p": "0"}
            body = {f: v.get(f, "") for f in GSC_FIELDS}
        else:
            v = {"symbol": symbol, "loctime": "093000", "kortime": "000000",
                 "totoffercnt": "55", "totbidcnt": "55", "totofferrem": "550", "totbidrem": "550"}
            for i in range(1, 11):
                v[f"offerho{i}"] = v[f"bidho{i}"] = "\x00P"
                v[f"offerrem{i}"] = v[f"bidrem{i}"] = str(10 * i)
                v[f"offerno{i}"] = v[f"bidno{i}"] = str(i)
            body = {f: v.get(f, "") for f in GSH_FIELDS}
        text = orjson.dumps({"header": {"tr_cd": tr, "tr_key": key.ljust(18)}, "body": body}).decode()
        for mark in ("\\u0000T", "\\u0000P", "\\u0000Q"):
            text = text.replace(mark, "%s")
        self.templates[(tr, symbol)] = text
        return text

    async def run(self) -> None:
        i = 0
        t0 = time.perf_counter()
        while True:
            await asyncio.sleep(SLICE)
            now = time.perf_counter()
            if self.t_reset:
                t0, self.t_reset = now, False
            conns = [(tr, sorted(subs["GSC"] | subs["GSH"]), subs) for tr, subs in self.conns.values()]
            pairs = [(transport, tr, k) for transport, keys, subs in conns for k in keys
                     for tr in ("GSC", "GSH") if k in subs[tr]]
            if not self.rate or not pairs:
                t0, self.sent_since = now, 0
                continue
            n = int(self.rate * (now - t0) - self.sent_since)
            out: dict[Any, list[bytes]] = {}
            for _ in range(n):
                transport, tr, key = pairs[i % len(pairs)]
                i += 1
                out.setdefault(transport, []).append(ws_text_frame(self.frame(tr, key).encode()))
            for transport, frames in out.items():
                # whole frames straight onto the socket: aiohttp's per-message send costs more than a frame
                if not transport.is_closing():
                    transport.write(b"".join(frames))
            self.sent += n
            self.sent_since += n

    sent_since = 0
    t_reset = False

    def set_rate(self, rate: float) -> None:
        self.rate, self.sent_since = rate, 0
        self.t_reset = True


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--symbols", type=int, default=500)
    args = ap.parse_args()
    ex = Exchange(seed=3, db_path=":memory:", rate_limits=True, steps_per_second=0.0)
    market = Market(seed=3, clock=ex.clock, steps_per_second=0.0,
                    instruments=build_master(ex.clock.now().date()) + synthetic(args.symbols))
    ex.market.remove_quote_listener(ex.hub.on_quote)
    ex.market = market
    await ex.start(port=0)
    hose = Firehose()
    app = web.Application()
    app.router.add_get("/websocket", hose.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    ws_port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    pump = asyncio.create_task(hose.run())
    names = {i.symbol for i in synthetic(args.symbols)}
    print(f"READY {ex.port} {ws_port}", flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = (await reader.readline()).decode().strip()
        if not line or line == "quit":
            break
        cmd, _, arg = line.partition(" ")
        if cmd == "rate":
            hose.set_rate(float(arg))
        elif cmd == "sent":
            print(f"SENT {hose.sent}", flush=True)
        elif cmd == "dump":
            hose.set_rate(0.0)
            await asyncio.sleep(0.05)
            print("DUMP " + json.dumps({s: f"{c / 100:.2f}" for s, c in hose.last.items() if s in names}), flush=True)
    pump.cancel()
    await runner.cleanup()
    await ex.stop()


if __name__ == "__main__":
    asyncio.run(main())
