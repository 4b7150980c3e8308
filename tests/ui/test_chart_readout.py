"""The chart's crosshair read-out is always of the bars shown: switching the symbol or the timeframe
under a still mouse re-reads the bar now under it (never the old series' numbers), a live tick on
the hovered bar updates it, and leaving the chart takes the crosshair and read-out away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtWidgets import QApplication

from tests.ui.test_chart import _ready, close_all, hover_mouse, open_chart


def hover_bar(panel, i: int) -> None:
    s = panel.view.series
    scene_pos = panel.view.price_plot.vb.mapViewToScene(QPointF(i, float(s.c[i])))
    hover_mouse(panel.view.viewport(), panel.view.mapFromScene(scene_pos))


def shows_its_bar(panel) -> bool:
    """The read-out is of the bar under the crosshair in the series shown (or there is none)."""
    v = panel.view
    if not v.readout.text():
        return v.hover_index == -1
    return 0 <= v.hover_index < len(v.series) and v.readout.text() == v.readout_text(v.hover_index)


@pytest.mark.asyncio
async def test_readout_follows_symbol_and_timeframe_switches(live, qtbot):
    panel = await open_chart(live, "MSFT", size=(1200, 700))
    hover_bar(panel, len(panel.series) - 20)
    msft = panel.view.readout.text()
    assert msft and shows_its_bar(panel)

    panel.set_symbol("AAPL")  # a watchlist row linked to the chart, the mouse still over it
    assert panel.view.readout.text() != msft and shows_its_bar(panel)
    await live.until(lambda: _ready(panel))
    panel.drain()
    assert panel.view.hover_index >= 0 and shows_its_bar(panel)  # the AAPL bar under the mouse
    aapl = panel.view.readout.text()
    assert aapl != msft

    panel.set_timeframe("15m")
    assert panel.view.readout.text() != aapl and shows_its_bar(panel)
    await live.until(lambda: _ready(panel) and panel.series.tf.id == "15m")
    panel.drain()
    assert panel.view.hover_index >= 0 and shows_its_bar(panel)
    await close_all(live)


@pytest.mark.asyncio
async def test_readout_of_the_live_bar_follows_ticks_and_leaving_clears_it(live, qtbot):
    panel = await open_chart(live, "AAPL", size=(1200, 700))
    for _attempt in range(5):  # until a trade goes into the hovered (newest) bar, not a new one
        n = len(panel.series)
        hover_bar(panel, n - 1)
        assert panel.view.hover_index == n - 1
        before, version = panel.view.readout.text(), panel.series.version
        await live.until(lambda: (live.exchange.market.step("AAPL"), panel.series.version > version)[1],
                         timeout=20)
        panel.drain()
        if len(panel.series) == n:
            break
    assert len(panel.series) == n and panel.view.hover_index == n - 1
    assert panel.view.readout.text() != before  # its volume at least has grown
    assert shows_its_bar(panel)

    QApplication.sendEvent(panel.view, QEvent(QEvent.Type.Leave))
    assert panel.view.readout.text() == "" and panel.view.hover_index == -1
    assert not panel.view.cross_h.isVisible() and not any(line.isVisible() for line in panel.view._cross)
    await close_all(live)


@pytest.mark.asyncio
async def test_bar_count_follows_new_bars(live, qtbot):
    panel = await open_chart(live, "AAPL", tf="1t")  # every trade a bar
    seen = panel.series.appended
    await live.until(lambda: (live.exchange.market.step("AAPL"), panel.drain(),
                              panel.series.appended >= seen + 2)[2], timeout=30)
    assert panel.status.text() == f"{len(panel.series):,} bars"
    await close_all(live)


@pytest.mark.asyncio
async def test_crosshair_price_on_the_axis(live, qtbot):
    panel = await open_chart(live, "MSFT", size=(1000, 600))
    view, vb = panel.view, panel.view.price_plot.vb
    i = len(panel.series) - 10
    (_x0, _x1), (y0, y1) = vb.viewRange()
    price = y0 + (y1 - y0) * 0.3
    at = vb.mapViewToScene(QPointF(i, price))
    hover_mouse(view.viewport(), view.mapFromScene(at))
    label = view.cross_label
    axis = view.price_plot.getAxis("right").sceneBoundingRect()
    assert label.text() == f"{view.cross_h.value():,.2f}"
    assert abs(view.cross_h.value() - price) < (y1 - y0) * 0.01
    box = label.box
    assert not box.isEmpty() and axis.contains(box.center()) and abs(box.center().y() - at.y()) <= 1.5
    QApplication.sendEvent(view, QEvent(QEvent.Type.Leave))
    assert label.box.isEmpty()
    await close_all(live)


@pytest.mark.asyncio
async def test_crosshair_price_stays_on_the_axis_when_the_chart_is_resized(live, qtbot):
    """The chart resized (a floating panel made bigger, a pane added) with the crosshair on it and
    no mouse move since: its price label goes with its line, onto the axis where it is now (it
    stayed in the middle of the chart, where the axis had been)."""
    panel = await open_chart(live, "MSFT", size=(1000, 600))
    view, vb = panel.view, panel.view.price_plot.vb
    i = len(panel.series) - 10
    (_x0, _x1), (y0, y1) = vb.viewRange()
    at = vb.mapViewToScene(QPointF(i, y0 + (y1 - y0) * 0.3))
    hover_mouse(view.viewport(), view.mapFromScene(at))
    label = view.cross_label
    assert not label.box.isEmpty()
    for size in ((1400, 850), (800, 500)):
        panel.resize(*size)
        await live.until(lambda: view.viewport().width() == size[0])
        axis = view.price_plot.getAxis("right").sceneBoundingRect()
        line_y = vb.mapViewToScene(QPointF(i, view.cross_h.value())).y()
        await live.until(lambda: axis.contains(label.box.center()))
        assert abs(label.box.center().y() - line_y) <= 1.5, size
    await close_all(live)


@pytest.mark.asyncio
async def test_tick_bars_read_out_their_second(live, qtbot):
    from app.ui.chart.axes import utc

    panel = await open_chart(live, "AAPL", tf="1t")
    i = len(panel.series) - 3
    hover_bar(panel, i)
    assert panel.view.readout.text().startswith(utc(int(panel.series.t[i])).strftime("%Y-%m-%d %H:%M:%S&"))
    await close_all(live)


def test_bar_count_says_bar_for_one(qapp):
    from app.ui import i18n
    from app.ui.panels.chart import bar_count

    assert (bar_count(1), bar_count(2), bar_count(1234)) == ("1 bar", "2 bars", "1,234 bars")
    i18n.install(qapp, "ko")
    try:
        assert (bar_count(1), bar_count(865)) == ("1 봉", "865 봉")
    finally:
        i18n.install(qapp, "en")
