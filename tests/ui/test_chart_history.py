"""Moving through time on the chart panel, against the embedded exchange: scrolled back past its
oldest bar (Left key or a mouse drag) older history is paged in through the bar service with its
progress shown and the view stays on the bars it showed; the view follows the newest bar until the
user scrolls away and End brings it back. (The time axis' labels: test_chart_time_labels.py.)"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from app.trading import bars
from app.ui.panels.chart import ChartPanel
from tests.ui.chart_pixels import pixels
from tests.ui.test_chart import close_all, minute_bars, open_chart, own


async def _small_chart(live, monkeypatch) -> ChartPanel:
    monkeypatch.setitem(bars.MAX_BARS, "min", 400)  # a short first load: 2 pages of 200 bars
    panel = await open_chart(live, before_symbol=lambda p: setattr(p.service(), "page_size", 200))
    assert panel.feed.bars_loaded == 400 and not panel.feed.complete  # (+1 if a live bar opened since)
    assert panel.series.prepended == 200  # (the second page came behind the first, painted one)
    return panel


def _time_at_middle(panel) -> int:
    (x0, x1), _ = panel.view.price_plot.vb.viewRange()
    return int(panel.series.t[int(round((x0 + x1) / 2))])


@pytest.mark.asyncio
async def test_left_key_past_the_oldest_bar_loads_older_history(live, qtbot, monkeypatch):
    panel = await _small_chart(live, monkeypatch)
    first = int(panel.series.t[0])
    panel.view.setFocus()
    presses = 0
    while not panel.feed.loading_older:  # Left scrolls back a fifth of the view per press
        assert presses < 40, "scrolling back never asked for older bars"
        qtbot.keyClick(panel.view, Qt.Key.Key_Left)
        presses += 1
        panel.drain()
    assert presses > 1  # not before the oldest bar came near
    assert not panel.view.follow and panel.end_button.isEnabled()
    assert "Loading older history" in panel.status.text() and panel.cancel_button.isVisible()
    middle = _time_at_middle(panel)
    await live.until(lambda: not panel.feed.loading_older)
    panel.drain()
    assert panel.series.prepended == 400 and int(panel.series.t[0]) < first
    assert _time_at_middle(panel) == middle  # the view moved with the bars it showed
    assert "Loading" not in panel.status.text() and not panel.cancel_button.isVisible()
    await close_all(live)


@pytest.mark.asyncio
async def test_dragging_the_chart_right_past_its_start_loads_older_history(live, qtbot, monkeypatch):
    panel = await _small_chart(live, monkeypatch)
    panel.show_all()  # the whole first load in view, its oldest bar at the left edge
    vp = panel.view.viewport()
    rect = panel.view.price_plot.vb.sceneBoundingRect()
    start = panel.view.mapFromScene(rect.center())
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for dx in range(20, 220, 20):  # pulling the chart right shows older time on the left
        qtbot.mouseMove(vp, start + QPoint(dx, 0))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(200, 0))
    assert panel.feed.loading_older or panel.series.prepended
    await live.until(lambda: not panel.feed.loading_older)
    panel.drain()
    assert panel.series.prepended == 400
    await close_all(live)


@pytest.mark.asyncio
async def test_follows_the_newest_bar_until_scrolled_away_and_end_comes_back(live, qtbot):
    panel = await open_chart(live, tf="1t")  # every trade a bar: new bars arrive quickly
    view = panel.view

    async def new_bars(count: int = 2) -> None:
        seen = panel.series.appended
        await live.until(lambda: (live.exchange.market.step("AAPL"), panel.drain(),
                                  panel.series.appended >= seen + count)[2], timeout=30)

    await new_bars()
    n = len(panel.series)
    assert view.follow and view.price_plot.vb.viewRange()[0][1] >= n - 1
    # the last price as a line and a label on the right axis
    last = float(panel.series.c[-1])
    assert view.last_line.isVisible() and view.last_line.value == last
    assert view.last_line.text == f"{last:,.2f}"
    label, axis = view.last_line.label, view.price_plot.getAxis("right")
    assert label.isVisible() and axis.sceneBoundingRect().contains(label.sceneBoundingRect().center())
    at = view.price_plot.vb.mapViewToScene(QPointF(0, last)).y()
    assert label.sceneBoundingRect().top() <= at <= label.sceneBoundingRect().bottom()  # at its price

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert not view.follow and panel.end_button.isEnabled()
    before = view.price_plot.vb.viewRange()[0]
    await new_bars()
    assert view.price_plot.vb.viewRange()[0] == before  # scrolled away: new bars do not move the view

    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.follow and not panel.end_button.isEnabled()
    await new_bars()
    assert view.price_plot.vb.viewRange()[0][1] >= len(panel.series) - 1
    await close_all(live)


@pytest.mark.asyncio
async def test_a_chart_paints_its_newest_page_while_the_rest_of_its_history_comes(live, qtbot):
    """Three days of 1-minute bars are nine pages (three a second): the chart shows the newest
    page's bars at once and follows the newest bar while the older pages come in behind them."""
    panel = ChartPanel(live.context)
    own(panel)
    panel.resize(1000, 600)
    panel.show()
    panel.apply_settings({"timeframe": "1m"})
    panel.set_symbol("AAPL")
    await live.until(lambda: panel.feed is not None and panel.feed.state == "ready")
    panel.drain()
    feed, view = panel.feed, panel.view
    assert feed.loading_older and feed.fetched_pages == 1 and len(panel.series) <= 501
    assert "Loading older history" in panel.status.text() and panel.cancel_button.isVisible()
    assert view.follow and view.price_plot.vb.viewRange()[0][1] >= len(panel.series) - 1
    image = pixels(view.grab().toImage())  # candles drawn, in both colours
    up, down = (c.rgb() & 0xFFFFFFFF for c in (view.price_item.up, view.price_item.down))
    assert (image == up).sum() > 500 and (image == down).sum() > 500

    await live.until(lambda: not feed.loading_older, timeout=30)
    panel.drain()
    n = len(panel.series)
    assert n >= minute_bars(live, "AAPL", 1) - 1 and np.all(np.diff(panel.series.t) > 0)
    assert feed.fetched_pages >= 9 and panel.series.prepended == n - 500 - panel.series.appended
    assert view.follow and view.price_plot.vb.viewRange()[0][1] >= n - 1  # still on the newest bars
    assert panel.status.text() == f"{n:,} bars" and not panel.cancel_button.isVisible()
    await close_all(live)
