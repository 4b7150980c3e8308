"""Futures from the ticket against the embedded exchange: the orderable quantity LS reports for the
margin (CIDBQ01400) is asked when the instrument loads, an order above it is refused before
anything is sent (naming the quantity), and the figure is asked again after a fill."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.trading.session import DEMO_APPKEY
from tests.trading.test_portfolio_support import front_future
from tests.ui import test_ticket as _ticket
from tests.ui.test_ticket import make_ticket, quiesce, server_new_orders, until

trading = _ticket.trading  # the live market with an order manager (fixture)


@pytest.mark.asyncio
async def test_futures_order_above_the_orderable_quantity_is_refused_before_sending(trading, qtbot):
    live = trading
    mgr = live.context.orders
    es = front_future(live.master)
    t = await make_ticket(live, qtbot, es)
    await until(live, lambda: mgr.orderable.qty(es, "buy") is not None)  # asked when it loaded
    able = mgr.orderable.qty(es, "buy")
    server = live.exchange.broker
    assert able == server.futures_orderable_qty(server.account(DEMO_APPKEY), es, "2") > 1
    t.set_price_type("market")
    qtbot.keyClicks(t.qty_edit, str(able + 1))
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: not t.sending)
    assert "Quantity" in t.message.text() and f"at most {able:,} contracts" in t.message.text()
    assert server_new_orders(live, "future") == []
    # one contract goes; the margin it takes lowers the figure, asked again after the fill
    t.qty_edit.setText("1")
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_order is not None and t.last_order.state == "filled")
    assert len(server_new_orders(live, "future")) == 1
    await until(live, lambda: mgr.orderable.qty(es, "buy") < able)
    await quiesce(live)


def test_only_the_latest_few_figures_are_kept_fresh():
    """CIDBQ01400 allows one call a second: after each futures event only the instruments the
    ticket showed last are asked again; an older figure is dropped (asked again when needed)."""
    from types import SimpleNamespace

    from app.trading.order_power import WATCHED, FuturesOrderable

    able = FuturesOrderable(client=None)
    able._refresh = lambda key, inst: None  # no calls in this test: only the bookkeeping
    insts = [SimpleNamespace(code=f"F{i}", market="futures") for i in range(WATCHED + 2)]
    for i, inst in enumerate(insts):
        able.known[(inst.code, "buy")] = i
        able.prefetch(inst, "buy")
    assert list(able.watched) == [(i.code, "buy") for i in insts[-WATCHED:]]
    assert able.qty("F0", "buy") is None and able.qty(insts[-1].code, "buy") == WATCHED + 1


@pytest.mark.asyncio
async def test_quantity_presets_are_contracts_for_futures_and_shares_for_stocks(trading, qtbot):
    """QA: Alt+4 on a Nikkei ticket typed 1,000 contracts (19.5 billion yen): the presets were the
    stock ones (1, 10, 100, 1,000 shares) whatever the symbol. Futures have their own (1, 2, 5, 10
    contracts), kept in the workspace like the stock ones."""
    live = trading
    es = front_future(live.master)
    t = await make_ticket(live, qtbot, es)
    alt = Qt.KeyboardModifier.AltModifier
    got = []
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4):
        qtbot.keyClick(t.qty_edit, key, alt)
        got.append(t.qty_edit.text())
    assert got == ["1", "2", "5", "10"]
    await type_symbol(t, qtbot, "aapl")
    assert t.symbol == "AAPL"
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_4, alt)
    assert t.qty_edit.text() == "1000"
    t.apply_settings({"futures_presets": [1, 3, True, 4], "presets": [50]})  # (True is no quantity)
    t.apply_settings({"futures_presets": [1, 3]})
    assert t.settings()["futures_presets"] == [1, 3] and t.settings()["presets"] == [50]
    await quiesce(live)


async def type_symbol(t, qtbot, text: str) -> None:
    t.symbol_edit.setFocus()
    t.symbol_edit.selectAll()
    qtbot.keyClicks(t.symbol_edit, text)
    qtbot.keyClick(t.symbol_edit, Qt.Key.Key_Return)


@pytest.mark.asyncio
async def test_a_quantity_of_shares_is_not_kept_as_contracts(trading, qtbot):
    """QA: 100 typed for AAPL stayed in the ticket when the watchlist loaded the Nikkei future: one
    Enter from 100 contracts (about 1.95 billion yen). Moving between shares and contracts clears
    the quantity and says why; within a market it stays (2 ES contracts are 2 NQ contracts)."""
    live = trading
    es, nq = front_future(live.master), live.master.front("NQ").code
    t = await make_ticket(live, qtbot)
    qtbot.keyClicks(t.qty_edit, "100")
    await type_symbol(t, qtbot, es.lower())
    assert t.symbol == es and t.qty_edit.text() == ""
    assert "contracts, not shares" in t.message.text()
    qtbot.keyClicks(t.qty_edit, "2")
    await type_symbol(t, qtbot, nq.lower())
    assert t.symbol == nq and t.qty_edit.text() == "2"
    await type_symbol(t, qtbot, "msft")
    assert t.qty_edit.text() == "" and "shares, not contracts" in t.message.text()
    await quiesce(live)
