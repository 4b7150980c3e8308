"""The orders panel against the embedded exchange: live state, modify with keys and in place,
cancel one / all / by side with their hotkeys, fills, filter and CSV export."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from app.trading.order_validation import Draft
from app.ui.panels.orders_panel import OrdersPanel
from tests.ui import test_ticket as _ticket
from tests.ui.test_ticket import below, quiesce, resting, until

trading = _ticket.trading  # the live market with an order manager (fixture)


async def make_panel(live, qtbot) -> OrdersPanel:
    p = OrdersPanel(live.context)
    qtbot.addWidget(p)
    p.resize(1000, 360)
    p.show()
    p.activateWindow()
    await until(live, lambda: p.isActiveWindow())
    return p


def texts(model, column: str) -> list[str]:
    col = next(i for i, c in enumerate(model.columns) if c.id == column)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def select(panel, row: int) -> None:
    view = panel.views[0]
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 0))
    view.selectionModel().select(view.model().index(row, 0),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


@pytest.mark.asyncio
async def test_live_rows_modify_with_keys_and_in_place_then_fill(trading, qtbot, qtmodeltester):
    live = trading
    p = await make_panel(live, qtbot)
    assert p.empty.isVisible()
    mgr = live.context.orders
    price = below(live, "AAPL")
    order = await mgr.submit(Draft("AAPL", "buy", 4, price, "limit"))
    await until(live, lambda: texts(p.working_model, "id") == [order.id])
    assert not p.empty.isVisible()
    assert texts(p.working_model, "state") == ["Accepted"]
    for m in (p.working_model, p.history_model, p.fills_model):
        qtmodeltester.check(m)
    select(p, 0)
    qtbot.keyClick(p.views[0], Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # one tick up
    await until(live, lambda: order.state == "replaced" and len(p.working_model.items) == 1
                     and p.working_model.items[0].state == "accepted")
    modified = p.working_model.items[0]
    assert modified.price == price + Decimal("0.01")
    # typed in place: the price cell of the selected row
    col = next(i for i, c in enumerate(p.working_model.columns) if c.id == "price")
    idx = p.views[0].model().index(0, col)
    assert p.views[0].model().setData(idx, str(price + Decimal("0.05"))) is False  # the answer moves it
    await until(live, lambda: modified.state == "replaced" and p.working_model.items
                     and p.working_model.items[0].price == price + Decimal("0.05"))
    last = p.working_model.items[0]
    await until(live, lambda: resting(live, "AAPL") == [last.price])  # routed (a moment after the answer)
    live.exchange.broker.force_trade("AAPL", last.price, 10)
    await until(live, lambda: not p.working_model.items and len(p.fills_model.items) >= 1)
    assert sum(f.qty for f in p.fills_model.items) == 4
    assert texts(p.history_model, "state") == ["Filled", "Modified", "Modified"]  # newest first
    qtmodeltester.check(p.history_model)
    await quiesce(live)


@pytest.mark.asyncio
async def test_cancel_selected_all_and_by_side_with_hotkeys(trading, qtbot):
    live = trading
    p = await make_panel(live, qtbot)
    mgr = live.context.orders
    for sym in ("AAPL", "MSFT", "NVDA"):
        await mgr.submit(Draft(sym, "buy", 1, below(live, sym), "limit"))
    await until(live, lambda: len(p.working_model.items) == 3)
    select(p, 0)
    proxy = p.views[0].model()
    first = p.working_model.items[proxy.mapToSource(proxy.index(0, 0)).row()]
    assert first.symbol == "NVDA"  # newest first
    qtbot.keyClick(p.views[0], Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    await until(live, lambda: first.state == "cancelled" and len(p.working_model.items) == 2)
    # Cancel all sells: a global hotkey, nothing to cancel
    assert live.context.actions.trigger("order.cancel_sells")
    assert live.context.actions.trigger("order.cancel_buys")
    await until(live, lambda: not p.working_model.items)
    srv = [o for o in live.exchange.broker.orders.values() if o.kind == "new"]
    assert len(srv) == 3 and all(o.status == "cancelled" for o in srv)
    assert texts(p.history_model, "state") == ["Cancelled"] * 3
    await quiesce(live)


@pytest.mark.asyncio
async def test_filter_and_csv_export(trading, qtbot, tmp_path):
    live = trading
    p = await make_panel(live, qtbot)
    mgr = live.context.orders
    await mgr.submit(Draft("AAPL", "buy", 2, below(live, "AAPL"), "limit"))
    await mgr.submit(Draft("MSFT", "buy", 3, below(live, "MSFT"), "limit"))
    await until(live, lambda: len(p.working_model.items) == 2)
    p.tabs.setCurrentIndex(1)
    qtbot.keyClicks(p.filter_edit, "msft")
    assert p.proxies[1].rowCount() == 1
    n = p.export_csv(str(tmp_path / "orders.csv"))
    rows = list(csv.DictReader(open(tmp_path / "orders.csv", encoding="utf-8")))
    assert n == 1 and rows[0]["symbol"] == "MSFT" and rows[0]["qty"] == "3" and rows[0]["state"] == "accepted"
    p.filter_edit.clear()
    assert p.proxies[1].rowCount() == 2
    await mgr.cancel_all()
    await until(live, lambda: not p.working_model.items)
    await quiesce(live)


@pytest.mark.asyncio
async def test_keys_never_act_from_another_panel(trading, qtbot):
    """Enter in the orders panel sends nothing; Ctrl+Del in the ticket cancels nothing."""
    from app.ui.panels.ticket import TicketPanel

    live = trading
    p = await make_panel(live, qtbot)
    t = TicketPanel(live.context)
    qtbot.addWidget(t)
    t.show()
    t.set_symbol("AAPL")
    t.qty_edit.setText("1")
    t.price_edit.setText(str(below(live, "AAPL")))
    p.activateWindow()
    await until(live, lambda: p.isActiveWindow())
    p.views[0].setFocus()
    qtbot.keyClick(p.views[0], Qt.Key.Key_Return)
    assert not t.sending and live.exchange.broker.orders == {}
    assert QApplication.focusWidget() is not None
    await quiesce(live)


@pytest.mark.asyncio
async def test_the_empty_text_follows_the_login(trading, qtbot):
    """Opened before the login it says so; once the order manager comes it says how to send one
    (the shell's default workspace kept 'Not connected' on screen while logged in)."""
    live = trading
    mgr, live.context.orders = live.context.orders, None
    live.context.orders_changed.emit(None)
    p = await make_panel(live, qtbot)
    assert "Not connected" in p.empty.text() and p.empty.isVisible()
    live.context.orders = mgr  # as the shell does after the login (app/ui/order_actions.py)
    live.context.orders_changed.emit(mgr)
    assert "No working orders" in p.empty.text() and p.empty.isVisible()
    await quiesce(live)



@pytest.mark.asyncio
async def test_columns_hold_their_texts_in_english_and_korean(trading, qtbot):
    """QA: "Partly filled" and the Avg column were cut off at the default width. A partly filled
    order's row, every state name and every header fit their columns, in English and Korean."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyle

    from app.ui import i18n
    from app.ui.ticket_style import STATE_NAMES, state_name

    live = trading
    p = await make_panel(live, qtbot)
    mgr = live.context.orders
    price = below(live, "AAPL")
    order = await mgr.submit(Draft("AAPL", "buy", 120, price, "limit"))
    await until(live, lambda: resting(live, "AAPL") == [price])
    live.exchange.broker.force_trade("AAPL", price, 7)
    await until(live, lambda: texts(p.working_model, "id") == [order.id] and order.state == "partially_filled")
    view, model = p.views[0], p.working_model
    head = view.horizontalHeader()
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    app = QApplication.instance()
    try:
        for lang in ("en", "ko"):
            i18n.install(app, lang)
            live.context.set_language(lang)
            assert texts(model, "state") == [state_name("partially_filled")]
            for c, col in enumerate(model.columns[:-1]):  # the last one stretches
                metrics = QFontMetrics(model.font) if col.numeric else view.fontMetrics()
                cells = [model.data(model.index(0, c))]
                if col.id == "state":
                    cells += [state_name(s) for s in STATE_NAMES]
                for text in cells:
                    assert metrics.horizontalAdvance(text) + margin <= head.sectionSize(c), (lang, col.id, text)
                assert head.sectionSizeHint(c) <= head.sectionSize(c), (lang, col.id)  # the header
            assert texts(model, "avg") == [f"{price:,.2f}"]
    finally:
        i18n.install(app, "en")
        live.context.set_language("en")
    await mgr.cancel(order.id)
    await quiesce(live)


@pytest.mark.asyncio
async def test_a_new_order_shows_sending_when_its_answer_is_slow(trading, qtbot):
    """A new order's row waits NEW_ROW_GRACE_MS for the answer (answered sooner, it appears once,
    already accepted: one repaint of the table instead of two). With a slow answer the trader
    still sees it "Sending" soon after the key, and then accepted."""
    import asyncio

    from app.ui.panels.orders_panel import NEW_ROW_GRACE_MS
    from app.ui.ticket_style import state_name

    live = trading
    p = await make_panel(live, qtbot)
    mgr = live.context.orders
    live.exchange.faults.rest_delay = 0.4  # every answer takes a while, as from a remote server
    try:
        sent = asyncio.get_running_loop().time()
        task = asyncio.ensure_future(mgr.submit(Draft("AAPL", "buy", 2, below(live, "AAPL"), "limit")))
        await until(live, lambda: len(p.working_model.items) == 1)
        waited = asyncio.get_running_loop().time() - sent
        assert texts(p.working_model, "state") == [state_name("pending_new")] and not task.done()
        assert waited >= NEW_ROW_GRACE_MS / 1000 * 0.9
        assert texts(p.history_model, "state") == [state_name("pending_new")]
        order = await task
        await until(live, lambda: texts(p.working_model, "state") == [state_name("accepted")])
        assert texts(p.working_model, "id") == [order.id] and len(p.history_model.items) == 1
    finally:
        live.exchange.faults.rest_delay = 0
    await mgr.cancel(order.id)
    await quiesce(live)


@pytest.mark.asyncio
async def test_times_are_on_the_exchange_clock_of_the_orders_symbol(trading, qtbot, tmp_path):
    """QA: the Time column was the computer's local time while the tape, the fills and the chart
    show exchange time. A US stock's order reads New York time, a Hang Seng future's Hong Kong
    time, whatever the computer's zone; the cell's tooltip names the zone, the CSV has the offset."""
    import os
    import time
    from datetime import datetime
    from zoneinfo import ZoneInfo

    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Lisbon"  # neither New York nor Hong Kong nor Seoul
    time.tzset()
    try:
        live = trading
        p = await make_panel(live, qtbot)
        mgr = live.context.orders
        hsi = next(i for i in live.master.all() if i.market == "futures" and i.exchange == "HKEX")
        mgr.last_price(hsi.code)
        await until(live, lambda: live.hub.quote(hsi.code) and live.hub.quote(hsi.code).last)
        stock = await mgr.submit(Draft("AAPL", "buy", 1, below(live, "AAPL"), "limit"))
        # no portfolio here, so no HKD rate: the dollar value limit holds it until confirmed
        fut = await mgr.submit(Draft(hsi.code, "buy", 1, below(live, hsi.code), "limit"), confirmed_limits=True)
        await until(live, lambda: {o.state for o in p.working_model.items} == {"accepted"}
                    and len(p.working_model.items) == 2)
        model = p.working_model
        col = next(i for i, c in enumerate(model.columns) if c.id == "time")
        for order, zone in ((stock, "America/New_York"), (fut, "Asia/Hong_Kong")):
            row = model.index_of[order.key]
            at = datetime.fromtimestamp(order.updated, ZoneInfo(zone))
            assert model.data(model.index(row, col)) == at.strftime("%H:%M:%S"), zone
            tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
            assert tip == f"{at:%Y-%m-%d %H:%M:%S %Z} ({zone})"
        assert "Exchange time" in model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        p.tabs.setCurrentIndex(0)
        p.export_csv(str(tmp_path / "orders.csv"))
        rows = {r["symbol"]: r for r in csv.DictReader(open(tmp_path / "orders.csv", encoding="utf-8"))}
        assert datetime.fromisoformat(rows["AAPL"]["time"]).utcoffset() == \
            datetime.fromtimestamp(stock.updated, ZoneInfo("America/New_York")).utcoffset()
        assert rows[hsi.code]["time"].endswith("+08:00")
        # a fill: LS stamps it in Korean time; the Fills tab shows it on New York's clock, as the order
        await until(live, lambda: resting(live, "AAPL") == [stock.price])
        live.exchange.broker.force_trade("AAPL", stock.price, 1)
        await until(live, lambda: stock.state == "filled" and p.fills_model.items)
        fcol = next(i for i, c in enumerate(p.fills_model.columns) if c.id == "time")
        shown = p.fills_model.data(p.fills_model.index(0, fcol))
        now = datetime.now(ZoneInfo("America/New_York"))
        h, m, sec = (int(x) for x in shown.split(":"))
        off = (now.hour * 3600 + now.minute * 60 + now.second - (h * 3600 + m * 60 + sec)) % 86400
        assert off < 60 or off > 86400 - 5, (shown, now)
        assert p.fills_model.data(p.fills_model.index(0, fcol), Qt.ItemDataRole.ToolTipRole).endswith(
            "(America/New_York)")
        await mgr.cancel_all()
        await until(live, lambda: not p.working_model.items)
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()
    await quiesce(live)


@pytest.mark.asyncio
async def test_a_refused_modify_is_told_in_the_panel_and_the_next_action_clears_it(trading, qtbot):
    """QA: an off-grid price typed in the Price cell was told in the window's status bar, while the
    panel kept showing an older message ("Price: enter a number…") after later modifies went through."""
    live = trading
    p = await make_panel(live, qtbot)
    mgr = live.context.orders
    price = below(live, "AAPL")
    order = await mgr.submit(Draft("AAPL", "buy", 2, price, "limit"))
    await until(live, lambda: texts(p.working_model, "id") == [order.id])

    async def edit(text: str) -> None:
        select(p, 0)
        qtbot.keyClick(p.views[0], Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert editor is not p.views[0]  # the cell's editor
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        await until(live, lambda: p.views[0].state() != QAbstractItemView.State.EditingState)  # committed

    await edit("abc")
    assert p.message.text().startswith("Price")
    await edit(str(price + Decimal("0.005")))
    await until(live, lambda: "tick grid" in p.message.text())
    assert order.working and order.price == price and order.state == "accepted"
    await edit(str(price + Decimal("0.01")))
    assert p.message.text() == ""
    await until(live, lambda: order.state == "replaced" and p.working_model.items
                and p.working_model.items[0].price == price + Decimal("0.01"))
    assert p.message.text() == ""
    await quiesce(live)


@pytest.mark.asyncio
async def test_cancel_all_also_cancels_the_orders_still_on_their_way(trading, qtbot):
    """QA: an order sent (Enter in the ticket) or modified (Alt+Up) a moment before Cancel all had
    no number yet, or was being changed: Cancel all passed it by and it kept working at the
    exchange. Now each is cancelled the moment its answer comes."""
    from app.ui.panels.ticket import TicketPanel

    live = trading
    p = await make_panel(live, qtbot)
    mgr = live.context.orders
    resting = await mgr.submit(Draft("MSFT", "buy", 1, below(live, "MSFT"), "limit"))
    await until(live, lambda: len(p.working_model.items) == 1)
    t = TicketPanel(live.context)
    qtbot.addWidget(t)
    t.set_symbol("AAPL")
    t.show()
    t.activateWindow()
    await until(live, lambda: t.isActiveWindow())
    qtbot.keyClicks(t.qty_edit, "2")
    t.price_edit.setText(str(below(live, "AAPL")))
    live.exchange.faults.rest_delay = 0.4  # answers take a while, as from a remote server
    try:
        t.qty_edit.setFocus()
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)  # a new order on its way
        await until(live, lambda: any(o.symbol == "AAPL" and not o.id for o in mgr.working()))
        p.activateWindow()
        await until(live, lambda: p.isActiveWindow())
        proxy = p.views[0].model()
        select(p, next(r for r in range(proxy.rowCount())
                       if p.working_model.items[proxy.mapToSource(proxy.index(r, 0)).row()] is resting))
        assert p.selected_orders() == [resting]
        qtbot.keyClick(p.views[0], Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # a modify on its way
        await until(live, lambda: resting.pending == "modify")
        qtbot.mouseClick(p.buttons["cancel_all"], Qt.MouseButton.LeftButton)
        await until(live, lambda: not t.sending and not mgr.working(), timeout=30)
    finally:
        live.exchange.faults.rest_delay = 0
    await mgr.reconcile()
    assert mgr.working() == []
    assert [o for o in live.exchange.broker.orders.values() if o.status == "working"] == []
    t.shutdown()
    await quiesce(live)


@pytest.mark.asyncio
async def test_small_tick_futures_prices_show_all_their_digits(trading, qtbot):
    """QA: a 6J order (tick 0.0000005) read "0.0066" in the price and average columns: the
    panel cut every price to 4 digits, so two orders a few ticks apart looked the same."""
    live = trading
    p = await make_panel(live, qtbot)
    mgr = live.context.orders
    jy = live.master.front("6J").code
    mgr.last_price(jy)
    await until(live, lambda: live.hub.quote(jy) and live.hub.quote(jy).last)
    price = below(live, jy, "0.99")
    assert price.as_tuple().exponent <= -6  # a price with more than 4 digits after the point
    resting_order = await mgr.submit(Draft(jy, "buy", 1, price, "limit"))
    await until(live, lambda: texts(p.working_model, "id") == [resting_order.id])
    assert texts(p.working_model, "price") == [f"{price:.7f}"]
    filled = await mgr.submit(Draft(jy, "buy", 1, None, "market"))
    await until(live, lambda: filled.state == "filled" and any(texts(p.fills_model, "price")))
    row = texts(p.history_model, "id").index(filled.id)
    avg = texts(p.history_model, "avg")[row]
    assert Decimal(avg) == filled.avg_fill_price and len(avg.split(".")[1]) >= 7
    fill = [f.price for f in p.fills_model.items if f.order_id == filled.id]
    assert texts(p.fills_model, "price") == [f"{fill[0]:.7f}"]
    await quiesce(live)
