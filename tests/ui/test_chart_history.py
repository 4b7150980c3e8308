"""The chart panel scrolled back past its oldest bar, against the embedded exchange: older history
is paged in through the bar service with its progress shown, and the view stays on the bars it
showed; a mouse drag to the left does the same as the Left key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.trading import bars
from app.ui.panels.chart import ChartPanel
from tests.ui.test_chart import _ready, close_all, own


async def _small_chart(live, monkeypatch) -> ChartPanel:
    monkeypatch.setitem(bars.MAX_BARS, "min", 400)  # a short first load: 2 pages of 200 bars
    panel = ChartPanel(live.context)
    own(panel)
    panel.resize(1000, 600)
    panel.show()
    panel.service().page_size = 200
    panel.set_symbol("AAPL")
    await live.until(lambda: _ready(panel))
    panel.drain()
    assert len(panel.series) == 400 and not panel.feed.complete
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
    assert len(panel.series) == 600 and int(panel.series.t[0]) < first
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
    assert panel.feed.loading_older or len(panel.series) > 400
    await live.until(lambda: not panel.feed.loading_older)
    panel.drain()
    assert len(panel.series) == 600
    await close_all(live)
