"""The time-and-sales panel against the embedded exchange: history then live, newest first, cap, filter, scroll."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QPoint, Qt

from app.ui.panels.time_sales import TimeSalesPanel
from app.ui.tape_model import COL, SIDE_ROLE
from tests.ui.test_orderbook import stop_market


def make_panel(live, qtbot, symbol: str = "", group: str | None = None, height: int = 600) -> TimeSalesPanel:
    panel = TimeSalesPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(360, height)
    panel.show()
    live.context.links.attach(panel)
    live.context.links.set_group(panel, group)
    if symbol:
        panel.set_symbol(symbol)
    return panel


def shown(panel: TimeSalesPanel) -> list[tuple[str, str, str]]:
    m = panel.model
    return [tuple(m.index(r, c).data() for c in range(3)) for r in range(m.rowCount())]


def expected(live, symbol: str, panel: TimeSalesPanel, min_size: int = 0) -> list[tuple[str, str, str]]:
    """What the hub's tape says the panel should show: newest first, formatted."""
    dec = panel.model.decimals
    return [(t.time, f"{t.price:,.{dec}f}", f"{t.size:,}") for t in reversed(live.hub.tape(symbol).items)
            if t.size >= min_size]


async def step_until_trades(live, symbol: str, n: int) -> None:
    """Step the (stopped) simulated market until `n` more trades of `symbol` reached the hub."""
    tape = live.hub.tape(symbol)
    start = tape.version
    while tape.version < start + n:
        live.exchange.market.step(symbol)
        await asyncio.sleep(0.002)  # let the push reach the hub


@pytest.mark.asyncio
async def test_history_then_live_trades_newest_first(live, qtbot, qtmodeltester):
    await stop_market(live)
    panel = make_panel(live, qtbot, "AAPL")
    qtmodeltester.check(panel.model)
    await live.until(lambda: panel.state == "tape" and live.hub.tape("AAPL").history_loaded
                     and panel.model.rowCount() == len(live.hub.tape("AAPL").items))
    history = len(live.hub.tape("AAPL").items)
    assert history >= 50  # the g3102 answer (100 rows asked)
    assert shown(panel) == expected(live, "AAPL", panel)
    qtmodeltester.check(panel.model)
    resets = panel.model.resets
    inserts: list[tuple[int, int]] = []
    panel.model.rowsInserted.connect(lambda _p, a, b: inserts.append((a, b)))
    await step_until_trades(live, "AAPL", 12)
    st = live.exchange.market.state("AAPL")
    # the last steps' trades reach the hub too (the loop stops at the 12th; later ones were on the way)
    await live.until(lambda: (f"{live.hub.tape('AAPL').items[-1].price:,.2f}", live.hub.tape("AAPL").items[-1].size)
                     == (f"{st.price(st.last):,.2f}", st.last_qty))
    await live.until(lambda: shown(panel) == expected(live, "AAPL", panel))
    assert panel.model.rowCount() == len(live.hub.tape("AAPL").items) > history
    assert inserts and all(a == 0 for a, _b in inserts)  # new trades go in on top, never a reset
    assert panel.model.resets == resets
    # the top row is the exchange's last trade, coloured by its side
    top = live.hub.tape("AAPL").items[-1]
    assert panel.model.index(0, COL["price"]).data() == f"{st.price(st.last):,.2f}"
    assert panel.model.index(0, COL["size"]).data() == f"{st.last_qty:,}"
    side = panel.model.index(0, 0).data(SIDE_ROLE)
    assert side == top.side
    color = panel.model.index(0, COL["price"]).data(Qt.ItemDataRole.ForegroundRole)
    want = panel.colors.buy if side > 0 else panel.colors.sell if side < 0 else panel.colors.flat
    assert color == want
    assert f"{len(live.hub.tape('AAPL').items):,}" in panel.count_lbl.text()
    qtmodeltester.check(panel.model)
    panel.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_the_tape_is_capped_and_trimmed_at_the_bottom(live, qtbot, qtmodeltester):
    await stop_market(live)
    live.hub.tape_size = 40  # the hub's cap; the panel follows it
    panel = make_panel(live, qtbot, "MSFT")
    await live.until(lambda: panel.state == "tape" and live.hub.tape("MSFT").history_loaded
                     and panel.model.rowCount() == 40)
    qtmodeltester.check(panel.model)
    removed: list[tuple[int, int]] = []
    inserted: list[tuple[int, int]] = []
    panel.model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    panel.model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    resets = panel.model.resets
    for _ in range(5):
        await step_until_trades(live, "MSFT", 3)
        await live.until(lambda: shown(panel) == expected(live, "MSFT", panel))
        assert panel.model.rowCount() == 40
    assert removed and all(b == 39 for _a, b in removed)  # trimmed at the bottom
    assert inserted and all(a == 0 for a, _b in inserted)
    assert panel.model.resets == resets
    panel.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_size_filter_shows_only_big_trades_and_is_saved(live, qtbot, qtmodeltester):
    await stop_market(live)
    panel = make_panel(live, qtbot, "NVDA")
    await live.until(lambda: panel.state == "tape" and live.hub.tape("NVDA").history_loaded
                     and panel.model.rowCount() == len(live.hub.tape("NVDA").items))
    sizes = sorted(t.size for t in live.hub.tape("NVDA").items)
    n = sizes[len(sizes) // 2]
    panel.min_size.setFocus()
    panel.min_size.selectAll()
    qtbot.keyClicks(panel.min_size, str(n))
    assert panel.model.min_size == n
    assert shown(panel) == expected(live, "NVDA", panel, n)
    assert 0 < panel.model.rowCount() < len(sizes)
    qtmodeltester.check(panel.model)
    await step_until_trades(live, "NVDA", 15)
    await live.until(lambda: shown(panel) == expected(live, "NVDA", panel, n))
    assert "of" in panel.count_lbl.text()
    assert panel.settings() == {"min_size": n}
    other = make_panel(live, qtbot)
    other.apply_settings({"min_size": n})
    assert other.model.min_size == n and other.min_size.value() == n
    other.apply_settings({"min_size": "junk"})  # a hand-edited workspace keeps the value
    assert other.model.min_size == n
    panel.set_min_size(0)
    await live.until(lambda: shown(panel) == expected(live, "NVDA", panel))
    panel.shutdown()
    other.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_scrolled_down_the_view_does_not_jump(live, qtbot):
    await stop_market(live)
    panel = make_panel(live, qtbot, "AAPL", height=300)
    await live.until(lambda: panel.state == "tape" and live.hub.tape("AAPL").history_loaded
                     and panel.model.rowCount() == len(live.hub.tape("AAPL").items))
    view = panel.view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 20
    bar.setValue(15)
    top_before = panel.model.rows[view.indexAt(QPoint(4, 4)).row()]
    await step_until_trades(live, "AAPL", 6)
    await live.until(lambda: shown(panel) == expected(live, "AAPL", panel))
    assert panel.model.rows[view.indexAt(QPoint(4, 4)).row()] is top_before  # same trade on top
    assert bar.value() > 15 and view.unseen >= 1
    assert panel.latest_btn.isVisible() and str(view.unseen) in panel.latest_btn.text()
    # back to the newest (the registered action on the focused panel), then it follows again
    view.setFocus()
    live.context.actions.trigger("timesales.latest")
    assert bar.value() == 0 and not panel.latest_btn.isVisible()
    await step_until_trades(live, "AAPL", 3)
    await live.until(lambda: shown(panel) == expected(live, "AAPL", panel))
    assert bar.value() == 0 and view.indexAt(QPoint(4, 4)).row() == 0
    panel.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_futures_trades_link_group_and_states(live, qtbot, qtmodeltester):
    panel = make_panel(live, qtbot, group="purple")
    assert panel.state == "empty" and "Type a symbol" in panel.message.text()
    es = live.master.front("ES").code  # (the exchange lists the contract months after today)
    live.context.links.publish("purple", es)
    await live.until(lambda: panel.state == "tape" and live.hub.tape(es).history_loaded)
    qtmodeltester.check(panel.model)
    dec = live.master.get(es).price_decimals()
    assert len(panel.model.index(0, COL["price"]).data().split(".")[-1]) == dec
    await live.hub.settled()
    assert ("OVC", es) in {(tr, k.strip()) for tr, k in live.hub.subscriptions}
    live.context.links.publish("purple", "AAPL")
    await live.until(lambda: panel.state == "tape" and panel.symbol == "AAPL")
    await live.hub.settled()
    assert live.hub.tape(es) is None
    assert not any(k.strip() == es for _tr, k in live.hub.subscriptions)
    panel.entry.setText("NOPE1")
    qtbot.keyClick(panel.entry, Qt.Key.Key_Return)
    assert panel.state == "unknown" and "NOPE1" in panel.message.text()
    assert live.context.links.symbols["purple"] == "AAPL"
    panel.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop


def test_the_tape_painted_in_one_pass_matches_the_table_views_own_paint(qtbot):
    """TapeView paints every trade itself in one pass; the pixels are those QTableView draws cell
    by cell with the same delegate: alternate rows, side colours, a selection, scrolled."""
    from PySide6.QtWidgets import QTableView

    from app.trading.quotes import Trade, TradeTape
    from app.ui.panels.time_sales import TapeView
    from app.ui.quotestyle import QuoteColors
    from app.ui.tape_model import TapeDelegate, TimeSalesModel

    model = TimeSalesModel(QuoteColors())
    tape = TradeTape(50)
    for i in range(30):
        tape.append(Trade(f"09:30:{i:02d}", 101.0 + i / 100, 10 * i + 1, (-1, 0, 1)[i % 3]))
    model.sync(tape)
    views = []
    for cls in (QTableView, TapeView):
        view = cls()
        qtbot.addWidget(view)
        view.setModel(model)
        view.setItemDelegate(TapeDelegate(view))
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.resize(400, 250)
        view.selectRow(4)
        view.verticalScrollBar().setValue(3)
        view.show()
        views.append(view)
    plain, ours = (v.viewport().grab().toImage() for v in views)
    assert ours == plain
