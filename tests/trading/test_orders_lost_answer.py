"""A new order whose answer is lost after the exchange took it: Cancel all pressed before anything
numbers it must still cancel it once a push or the reconciliation does (it kept working at the
exchange: the cancel asked for it was dropped with the lost answer)."""

from __future__ import annotations

import httpx
import pytest

from app.trading import orders as orders_mod
from app.trading.order_state import canon
from app.trading.order_validation import Draft
from tests.trading import test_orders as _orders
from tests.trading.test_orders import below, server_orders, until

market = _orders.market  # the embedded exchange with an order manager (fixture)


def lose_answers(monkeypatch) -> list:
    """New stock orders reach the exchange, and their answers are lost on the way back."""
    real = orders_mod.stock_new_call
    lost: list = []

    class Lost:
        def __init__(self, call):
            self.call = call

        async def req_async(self):
            lost.append(await self.call.req_async())  # the exchange took the order
            raise httpx.ReadTimeout("the answer did not come back")

    monkeypatch.setattr(orders_mod, "stock_new_call", lambda client, block: Lost(real(client, block)))
    return lost


@pytest.mark.asyncio
async def test_cancel_all_cancels_an_order_whose_answer_was_lost(market, monkeypatch):
    m = market
    lost = lose_answers(monkeypatch)
    m.ex.faults.drop_websockets()  # no push tells the number: only the reconciliation can
    order = await m.mgr.submit(Draft("AAPL", "buy", 2, below(m, "AAPL"), "limit"))
    assert len(lost) == 1 and not order.id and order.working
    await m.mgr.cancel_all()  # the trader's Cancel all, before anything numbered the order
    await until(lambda: bool(order.id), timeout=20)
    await until(lambda: order.state == "cancelled", timeout=20)
    at_exchange = [o for o in server_orders(m) if canon(o.ord_no) == canon(order.id)]
    assert len(at_exchange) == 1 and at_exchange[0].remaining == 0
    assert not m.mgr.working()


@pytest.mark.asyncio
async def test_a_lost_order_the_exchange_never_took_is_not_cancelled_later(market, monkeypatch):
    """The other side: a cancel asked for an order that never reached the exchange ends with the
    order refused and nothing left waiting to cancel."""
    m = market
    m.ex.faults.fail_next(1)  # the exchange never sees it
    order = await m.mgr.submit(Draft("AAPL", "buy", 1, below(m, "AAPL"), "limit"))
    await m.mgr.cancel_all()
    await until(lambda: order.state in ("rejected", "cancelled"), timeout=20)
    assert not [o for o in server_orders(m) if o.remaining > 0]
    assert order.key not in m.mgr._cancel_answered
