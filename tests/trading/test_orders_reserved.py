"""Reserved stock orders (COSAT00400) against the embedded exchange: checked like any order plus
their validity window (nothing sent when a check fails), registered, cancelled, and their results
read back (COSAQ01400) — a reservation whose window opens today becomes a real order at once."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.trading.order_validation import Draft
from app.trading.orders import OrderRejected
from app.trading.reconcile import today
from tests.trading.test_orders import below, market, until  # noqa: F401 - the fixture


def korean_day() -> date:
    """Today in Korean time (LS's order dates), read as a test starts: a run across midnight KST
    must not give a test the date the module was imported on."""
    return datetime.strptime(today(), "%Y%m%d").date()


@pytest.mark.asyncio
async def test_reserved_order_window_checked_registered_sent_and_cancelled(market):  # noqa: F811
    m, T = market, korean_day()
    heard: list = []
    m.mgr.add_listener(lambda kind, item: heard.append(kind))
    price = below(m, "AAPL")
    book = m.broker.reserved
    # a bad window: nothing reaches the exchange, each problem names its field
    with pytest.raises(OrderRejected) as bad:
        await m.mgr.reserve(Draft("AAPL", "buy", 2, price, "limit"), T - timedelta(days=1), T - timedelta(days=2))
    assert any(s.startswith("Valid from") for s in bad.value.messages)
    assert any(s.startswith("Valid until") for s in bad.value.messages)
    with pytest.raises(OrderRejected) as bad:
        await m.mgr.reserve(Draft("AAPL", "buy", 0, price, "limit"), T, T)
    assert bad.value.messages[0].startswith("Quantity")
    assert not book.items
    # a later window: waiting, then cancelled
    later = await m.mgr.reserve(Draft("AAPL", "buy", 2, price, "limit"), T + timedelta(days=2), T + timedelta(days=5))
    assert later.rsv_no and [r.status for r in m.mgr.reservations if r.rsv_no == later.rsv_no] == ["waiting"]
    await m.mgr.cancel_reserved(later.rsv_no)
    assert [r.status for r in m.mgr.reservations if r.rsv_no == later.rsv_no] == ["cancelled"]
    # a window opening today: LS sends it at once; the order it became is an ordinary order
    now = await m.mgr.reserve(Draft("AAPL", "buy", 3, price, "limit"), T, T + timedelta(days=3))
    [sent] = [r for r in m.mgr.reservations if r.rsv_no == now.rsv_no]
    assert sent.status == "sent" and sent.order_id
    await m.mgr.reconcile()
    [order] = [o for o in m.mgr.orders("AAPL") if o.id == sent.order_id]
    assert (order.qty, order.price, order.state) == (3, price, "accepted")
    assert "reserved" in heard and "reservations" in heard
    srv = {r.rsv_no: r.status for r in book.items.values()}
    assert srv == {int(later.rsv_no): "3", int(now.rsv_no): "2"}


@pytest.mark.asyncio
async def test_a_reservation_changed_while_the_pushes_were_down_is_read_again(market):  # noqa: F811
    m, T = market, korean_day()
    r = await m.mgr.reserve(Draft("AAPL", "buy", 1, below(m, "AAPL"), "limit"), T + timedelta(days=1),
                            T + timedelta(days=2))
    assert r.status == "waiting"
    before = m.mgr.reconciles
    m.ex.faults.drop_websockets()
    for rsv in m.broker.reserved.items.values():  # cancelled on another terminal meanwhile
        m.broker.reserved.cancel(rsv.app_key, rsv.rsv_no)
    await until(lambda: m.mgr.reconciles > before and [x.status for x in m.mgr.reservations] == ["cancelled"],
                timeout=20)
