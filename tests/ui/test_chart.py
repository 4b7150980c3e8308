"""The chart panel against the embedded exchange (real client core over loopback): history loads and
follows live trades, timeframe switch from the keyboard, crosshair read-out, indicators kept in the
workspace, clear messages for no data, and an order line dragged into one modify."""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from decimal import Decimal

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from app.trading.bar_series import Timeframe
from app.ui.mainwindow import MainWindow
from app.ui.panels.chart import ChartPanel
from app.ui.workspace import WorkspaceStore


OWNED: list = []


def own(widget):
    """Close `widget` at the end of the test, on the running loop: pyqtgraph views closed later, by
    qtbot between fixture finalizers, let Qt step the exchange's tasks with no loop running."""
    OWNED.append(widget)
    return widget


async def close_all(live) -> None:
    """End of a test, on the running loop: close the charts and stop the simulated market's clock.
    pytest-qt processes Qt events between the test and the fixtures' teardown with no asyncio loop
    running; a market timer due then (likely after a pyqtgraph view's slow teardown) would step the
    exchange's task outside the loop."""
    while OWNED:
        w = OWNED.pop()
        for panel in ([w] if isinstance(w, ChartPanel) else [d.panel for d in getattr(w, "docks", {}).values()]):
            panel.shutdown()
        w.hide()  # not close(): the last window closed would quit the application (and the loop)
        w.deleteLater()
    await asyncio.sleep(0.2)
    try:
        await live.exchange.market.stop()
    except RuntimeError as exc:
        # pytest-qt processes Qt events outside the loop before the test too (the live fixture's
        # concern, not the chart's): a market step that ran then died with "no running event loop"
        assert "no running event loop" in str(exc)


def _ready(panel) -> bool:
    """History in, the rest of it too (a chart is ready after its first page; older pages follow)."""
    feed = panel.feed
    return feed is not None and feed.state == "ready" and len(panel.series) > 0 and not feed.loading_older


async def open_chart(live, symbol: str = "AAPL", tf: str | None = None, size=(1000, 600),
                     before_symbol=None) -> ChartPanel:
    """A chart panel shown at `size` on `symbol` (and timeframe `tf`), its history loaded."""
    panel = ChartPanel(live.context)
    own(panel)
    panel.resize(*size)
    panel.show()
    if before_symbol is not None:
        before_symbol(panel)
    panel.set_symbol(symbol)
    if tf is not None:
        panel.set_timeframe(tf)
    await live.until(lambda: _ready(panel) and panel.series.tf.id == (tf or panel.timeframe))
    panel.drain()
    return panel


def hover_mouse(widget, pos) -> None:
    """A mouse move with no button held, sent as the window system would. (QTest's mouseMove without
    a button moves the cursor and processes Qt events outside the asyncio loop instead.)"""
    ev = QMouseEvent(QEvent.Type.MouseMove, QPointF(pos), QPointF(widget.mapToGlobal(pos)),
                     Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def minute_bars(live, symbol: str, n: int) -> int:
    return len(live.exchange.market.history(symbol).minute_bars(n))


@pytest.mark.asyncio
async def test_history_then_live_and_timeframe_switch_by_key(live, qtbot):
    panel = ChartPanel(live.context)
    own(panel)
    panel.resize(1000, 600)
    panel.show()
    panel.set_symbol("AAPL")
    assert panel.timeframe == "5m"
    await live.until(lambda: _ready(panel))
    assert len(panel.series) >= minute_bars(live, "AAPL", 5) - 1
    assert "bars" in panel.status.text() and not panel.view.message.isVisible()
    # live trades reach the newest bar through the hub, and the view keeps following it
    version = panel.series.version
    await live.until(lambda: (live.exchange.market.step("AAPL"), panel.series.version > version)[1], timeout=20)
    panel.drain()
    assert panel.view.follow
    (_x0, x1), _ = panel.view.price_plot.vb.viewRange()
    assert x1 >= len(panel.series) - 1

    # "]" / "[" step the timeframe: registered, rebindable actions that act on the focused chart
    # (triggered here as the key does; QTest's key clicks process Qt events outside the loop)
    actions = live.context.actions
    assert actions.keys("chart.tf.next") == ("]",) and actions.keys("chart.tf.prev") == ("[",)
    assert actions.qaction("chart.tf.next") in panel.actions()
    panel.view.setFocus()
    actions.trigger("chart.tf.next")
    assert panel.timeframe == "10m" and panel.tf_box.currentData() == "10m"
    await live.until(lambda: _ready(panel) and panel.series.tf == Timeframe.parse("10m"))
    ten = panel.series
    assert abs(len(ten) - minute_bars(live, "AAPL", 10)) <= 1
    assert np.all(ten.t % 600 == 0)  # bars start on 10-minute boundaries
    actions.trigger("chart.tf.prev")
    assert panel.timeframe == "5m"
    panel.set_timeframe("D")  # twenty years, a page every 3 s: painted from its first page
    await live.until(lambda: panel.feed.state == "ready" and panel.series.tf.unit == "day")
    assert len(panel.series) >= 500 and panel.feed.loading_older
    await close_all(live)


@pytest.mark.asyncio
async def test_crosshair_readout_shows_the_bar_under_the_mouse(live, qtbot):
    panel = await open_chart(live, "MSFT", size=(1200, 700))
    s = panel.series
    i = len(s) - 20
    scene_pos = panel.view.price_plot.vb.mapViewToScene(QPointF(i, float(s.c[i])))
    hover_mouse(panel.view.viewport(), panel.view.mapFromScene(scene_pos))
    assert panel.view.hover_index == i
    assert panel.view.cross_h.isVisible() and panel.view.cross_h.value() == pytest.approx(float(s.c[i]), rel=1e-3)
    r = panel.view.readout_values(i)
    assert (r["o"], r["h"], r["l"], r["c"], r["v"]) == (s.o[i], s.h[i], s.l[i], s.c[i], s.v[i])
    text = panel.view.readout.text()
    for key in "ohlc":
        assert f"{float(getattr(s, key)[i]):,.2f}" in text
    assert f"V {int(s.v[i]):,}" in text
    await close_all(live)


@pytest.mark.asyncio
async def test_indicators_and_timeframe_are_kept_in_the_workspace(live, qtbot, tmp_path):
    win = MainWindow(live.context)
    own(win)
    dock = win.open_panel("chart", symbol="AAPL")
    panel = dock.panel
    await live.until(lambda: _ready(panel))
    panel.set_timeframe("15m")
    panel.add_indicator("sma", {"n": 10})
    panel.add_indicator("bb")
    panel.add_indicator("rsi", {"n": 9})
    panel.remove_indicator("bb")
    assert panel.set_params("sma", "30")
    assert len(panel.view.panes) == 1  # RSI in its own pane
    await live.until(lambda: _ready(panel) and panel.series.tf.id == "15m")
    panel.drain()  # what the next frame tick does
    sma = panel.studies.find("sma").out["sma"][:len(panel.series)]
    assert sma[-1] == pytest.approx(panel.series.c[-30:].mean())
    store = WorkspaceStore(tmp_path / "ws")
    store.save("charts", json.loads(json.dumps(win.capture())))
    saved = next(p for p in store.load("charts")["panels"] if p["kind"] == "chart")
    assert saved["settings"]["timeframe"] == "15m"
    assert saved["settings"]["indicators"] == [{"kind": "sma", "params": {"n": 30}},
                                              {"kind": "rsi", "params": {"n": 9}}]

    win2 = MainWindow(live.context)
    own(win2)
    again = win2.open_panel("chart", settings=saved["settings"], symbol=saved["symbol"]).panel
    assert again.timeframe == "15m" and again.tf_box.currentData() == "15m"
    assert [s.ind.settings() for s in again.studies.items] == saved["settings"]["indicators"]
    assert len(again.view.panes) == 1
    again.remove_indicator("rsi")
    assert again.settings()["indicators"] == [{"kind": "sma", "params": {"n": 30}}] and not again.view.panes
    await close_all(live)


@pytest.mark.asyncio
async def test_clear_messages_for_unknown_symbol_and_no_symbol(live, qtbot):
    panel = ChartPanel(live.context)
    own(panel)
    panel.resize(800, 500)
    panel.show()
    assert "Type a symbol" in panel.view.message.text() and panel.view.message.isVisible()
    panel.entry.setText("NOSUCHSYM")
    panel.entry.returnPressed.emit()
    assert "Unknown symbol: NOSUCHSYM" in panel.view.message.text()
    panel.set_symbol("NOSUCH2")
    await live.until(lambda: panel.feed is not None and panel.feed.state == "error")
    assert "Unknown symbol: NOSUCH2" in panel.view.message.text()
    await close_all(live)


@asynccontextmanager
async def chart_with_order(live, tmp_path, qty: int, below: str = "0.95"):
    """An AAPL chart and a working buy of `qty` at `below` × the last price, its line drawn:
    yields (panel, manager, order, last price)."""
    from app.trading.order_validation import Draft
    from app.trading.orders import OrderManager

    mgr = OrderManager(live.client, live.master, hub=live.hub, mode="demo", data_dir=tmp_path)
    await mgr.start(reconcile=False)
    live.context.orders = mgr
    try:
        panel = await open_chart(live)
        await live.until(lambda: mgr.last_price("AAPL") is not None)
        last = Decimal(str(round(float(panel.series.c[-1]), 2)))
        order = await mgr.submit(Draft("AAPL", "buy", qty, (last * Decimal(below)).quantize(Decimal("0.01"))))
        await live.until(lambda: (o := mgr.order(order.id)) is not None and o.working and o.id)
        await live.until(lambda: (panel.drain(), order.id in panel.trading.lines)[1])
        yield panel, mgr, order, last
    finally:
        live.context.orders = None
        await mgr.close()
        await close_all(live)


def drag_line(qtbot, panel, price: Decimal, target: Decimal, last: Decimal) -> None:
    """A real mouse drag of the line at `price` to `target`: press on it, move, release."""
    view, vb = panel.view, panel.view.price_plot.vb
    (x0, x1), _ = vb.viewRange()
    vb.setYRange(float(min(target, price)) * 0.99, float(max(last, target)) * 1.01, padding=0)  # all in view
    x = x0 + (x1 - x0) * 0.6
    vp = view.viewport()
    start = view.mapFromScene(vb.mapViewToScene(QPointF(x, float(price))))
    end = view.mapFromScene(vb.mapViewToScene(QPointF(x, float(target))))
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 11):
        qtbot.mouseMove(vp, start + (end - start) * (k / 10))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)


@pytest.mark.asyncio
async def test_dragging_an_order_line_sends_one_modify(live, qtbot, tmp_path):
    async with chart_with_order(live, tmp_path, 3) as (panel, mgr, order, last):
        line = panel.trading.lines[order.id]
        assert "3" in line.label.format and "@" in line.label.format
        target = (last * Decimal("0.93")).quantize(Decimal("0.01"))
        drag_line(qtbot, panel, order.price, target, last)
        await live.until(lambda: panel.trading.modifies == 1 and not panel.trading.tasks)
        await live.until(lambda: any(abs(o.price - target) <= Decimal("0.05") for o in mgr.working("AAPL")))
        target = next(o.price for o in mgr.working("AAPL"))  # where the drop snapped to (a pixel is ~1 tick)
        await live.until(lambda: any(o.price == target for o in mgr.working("AAPL")))
        assert panel.trading.modifies == 1
        panel.drain()
        await live.until(lambda: (panel.drain(), [float(ln.value()) for ln in panel.trading.lines.values()]
                                  == [float(target)])[1])
