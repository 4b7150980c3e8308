"""A user's resting limit never crosses the book the exchange publishes (QA: a buy at 226.49
rested with the best ask at 226.49, and one at 226.55 with the ask at 226.54).

Over loopback: orders through COSAT00301, fills from the AS1 pushes, the book from g3106 and the
GSH pushes of a second socket. The market's loop is off; the tests step its seeded price process
(``market.step``) so the quotes move through a resting order as they would in the demo.
"""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal

import pytest
import pytest_asyncio
import websockets

from app.ls.models.catalog import REST
from tests.sim.broker.wire import ack_realtime

D = Decimal
SYM = "AAPL"
pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def ex(tmp_path):
    from app.sim.exchange import start_exchange

    exchange = await start_exchange(seed=3, db_path=tmp_path / "cross.sqlite", run_market=False,
                                    rate_limits=False)
    yield exchange
    await exchange.stop()


class Books:
    """A socket subscribed to the symbol's GSH: every book the exchange pushes, in order."""

    def __init__(self, ex, token: str):
        self.ex, self.token = ex, token
        self.frames: asyncio.Queue = asyncio.Queue()

    async def open(self) -> Books:
        self.ws = await websockets.connect(self.ex.ws_url, max_size=None)
        await ack_realtime(self.ws, self.token, "3", "GSH", "82" + SYM)
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        async for text in self.ws:
            msg = json.loads(text)
            if msg["header"].get("tr_cd") == "GSH" and msg["body"]:
                await self.frames.put(msg["body"])

    async def next(self) -> tuple[D, D]:
        body = await asyncio.wait_for(self.frames.get(), 5)
        return D(body["bidho1"]), D(body["offerho1"])

    async def close(self) -> None:
        self._reader.cancel()
        await self.ws.close()


@pytest_asyncio.fixture
async def books(ex, trader):
    b = await Books(ex, trader.token).open()
    yield b
    await b.close()


async def snapshot(trader) -> tuple[D, D, list[tuple[D, int]]]:
    """The g3106 book: best bid, best ask and the ask levels."""
    headers = {"Content-Type": "application/json; charset=utf-8", "authorization": f"Bearer {trader.token}",
               "tr_cd": "g3106", "tr_cont": "N", "tr_cont_key": ""}
    body = {"g3106InBlock": {"delaygb": "R", "keysymbol": "82" + SYM, "exchcd": "82", "symbol": SYM}}
    async with trader.http.post(trader.ex.rest_url + REST["g3106"].path, json=body, headers=headers) as r:
        out = (await r.json())["g3106OutBlock"]
    asks = [(D(out[f"offerho{i}"]), int(out[f"offerrem{i}"])) for i in range(1, 11)]
    return D(out["bidho1"]), D(out["offerho1"]), asks


def assert_not_crossed(bid: D, ask: D, working: list) -> None:
    assert bid < ask
    for o in working:
        if o.side == "2":
            assert o.price < ask, f"resting buy {o.remaining} @ {o.price} with the ask at {ask}"
        else:
            assert o.price > bid, f"resting sell {o.remaining} @ {o.price} with the bid at {bid}"


async def fills_of(trader, ord_no: int, qty: int) -> list[tuple[int, D]]:
    """The AS1 fills of ``ord_no`` until ``qty`` is filled (other pushes skipped)."""
    got: list[tuple[int, D]] = []
    while sum(q for q, _ in got) < qty:
        tr, push = await trader.push()
        if tr == "AS1" and push["sOrdNo"] == str(ord_no):
            got.append((int(push["sExecQty"]), D(push["sExecPrc"])))
    return got


async def test_buy_at_the_best_ask_fills_at_once_and_the_rest_rests_under_the_new_ask(ex, trader, books):
    _, ask, asks = await snapshot(trader)
    status, body = await trader.stock_order("buy", SYM, asks[0][1], ask)  # the whole best level
    assert status == 200, body
    first = body["COSAT00301OutBlock2"]["OrdNo"]
    assert await fills_of(trader, first, asks[0][1]) == [(asks[0][1], ask)]
    assert ex.broker.orders[("stock", first)].status == "filled"

    bid, ask, asks = await snapshot(trader)  # the emptied level left the book
    assert ask == asks[0][0] > ex.broker.orders[("stock", first)].price
    qty = asks[0][1] + 7  # more than the best level holds: it takes the level, the rest rests
    status, body = await trader.stock_order("buy", SYM, qty, ask)
    assert status == 200, body
    second = body["COSAT00301OutBlock2"]["OrdNo"]
    assert await fills_of(trader, second, asks[0][1]) == [(asks[0][1], ask)]
    order = ex.broker.orders[("stock", second)]
    assert (order.status, order.remaining) == ("working", 7)
    rows = await trader.ok("COSAQ00102", {"RecCnt": 1, "OrdDt": order.ord_date, "ExecYn": "2",
                                          "SrtOrdNo": 999999999})
    assert [(r["OrdNo"], r["ExecQty"], r["UnercQty"]) for r in rows["COSAQ00102OutBlock3"]] == [
        (second, asks[0][1], 7)]

    bid, new_ask, _ = await snapshot(trader)
    assert new_ask > order.price
    assert_not_crossed(bid, new_ask, ex.broker.working_of(trader.app_key))
    while True:  # the push sent after the order took the level shows the same book
        pushed = await books.next()
        if pushed == (bid, new_ask):
            break
        assert_not_crossed(*pushed, [])


async def test_resting_buy_fills_when_the_ask_comes_down_to_it(ex, trader, books):
    bid, ask, _ = await snapshot(trader)
    qty = 150  # more than any one simulated print (at most 50): the trade alone cannot fill it
    status, body = await trader.stock_order("buy", SYM, qty, bid)  # joins the bid: rests
    assert status == 200, body
    ord_no = body["COSAT00301OutBlock2"]["OrdNo"]
    order = ex.broker.orders[("stock", ord_no)]
    assert (order.status, order.filled) == ("working", 0)
    for step in range(3000):
        ex.market.step(SYM)
        pushed = await books.next()  # every step pushes the book
        assert_not_crossed(*pushed, ex.broker.working_of(trader.app_key))
        if step % 25 == 0 or order.status != "working":
            snap_bid, snap_ask, _ = await snapshot(trader)
            assert (snap_bid, snap_ask) == pushed
            assert_not_crossed(snap_bid, snap_ask, ex.broker.working_of(trader.app_key))
        if order.status != "working":
            break
    assert order.status == "filled", f"not filled after 3000 steps ({order.filled}/{qty})"
    fills = await fills_of(trader, ord_no, qty)
    assert sum(q for q, _ in fills) == qty
    assert all(price <= bid for _, price in fills), fills  # never worse than the limit
    assert len(fills) > 1  # the print's share, then the ask levels it reached
    rows = await trader.ok("COSAQ00102", {"RecCnt": 1, "OrdDt": order.ord_date, "ExecYn": "1",
                                          "SrtOrdNo": 999999999})
    assert [(r["OrdNo"], r["ExecQty"], r["UnercQty"]) for r in rows["COSAQ00102OutBlock3"]] == [
        (ord_no, qty, 0)]


async def test_resting_sell_fills_when_the_bid_comes_up_to_it(ex, trader, books):
    _, ask, asks = await snapshot(trader)
    depth = sum(q for _, q in asks)
    status, body = await trader.stock_order("buy", SYM, depth, asks[-1][0])  # shares to sell
    assert status == 200, body
    await fills_of(trader, body["COSAT00301OutBlock2"]["OrdNo"], depth)
    _, ask, _ = await snapshot(trader)
    status, body = await trader.stock_order("sell", SYM, depth, ask)  # joins the ask: rests
    assert status == 200, body
    order = ex.broker.orders[("stock", body["COSAT00301OutBlock2"]["OrdNo"])]
    assert order.status == "working" and order.remaining == depth
    while not books.frames.empty():
        books.frames.get_nowait()
    for _ in range(3000):
        ex.market.step(SYM)
        assert_not_crossed(*await books.next(), ex.broker.working_of(trader.app_key))
        if order.status != "working":
            break
    assert order.status == "filled"
    fills = await fills_of(trader, order.ord_no, depth)
    assert all(price >= ask for _, price in fills), fills
